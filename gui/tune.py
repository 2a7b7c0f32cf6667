"""Race > Tune all racers: a fair race from the window (arena.tune), computed in the background with a progress
dialog that can be cancelled between racers; the race then restarts with the winners, and the window says what
was searched and what won."""

from __future__ import annotations

import threading

from PySide6 import QtCore, QtWidgets

from arena.tune import DEFAULT_TRIALS, MAX_TRIALS, summary_lines, tune_racer, with_winners

from .i18n import tr


class _Signals(QtCore.QObject):
    racer = QtCore.Signal(int, object)  # index, TuneResult
    done = QtCore.Signal()
    failed = QtCore.Signal(str)


class _Work(QtCore.QRunnable):
    def __init__(self, config, trials: int, cancel: threading.Event, signals: _Signals):
        super().__init__()
        self.config, self.trials, self.cancel, self.signals = config, trials, cancel, signals

    def run(self) -> None:
        try:
            for i in range(len(self.config.racers)):
                if self.cancel.is_set():
                    break
                self.signals.racer.emit(i, tune_racer(self.config, i, self.trials, self.config.seed))
        except Exception as exc:  # noqa: BLE001 - shown to the user, never a crash
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.signals.done.emit()


class Tuner(QtCore.QObject):
    """Runs one tuning at a time for ``window`` and applies the winners."""

    finished = QtCore.Signal(list)  # the TuneResults, once the winners race

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.results: list = []
        self.dialog: QtWidgets.QProgressDialog | None = None
        self._cancel = threading.Event()
        self._pool = QtCore.QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals()
        self._signals.racer.connect(self._racer_done)
        self._signals.done.connect(self._all_done)
        self._signals.failed.connect(self._failed)

    def ask_and_start(self) -> None:
        trials, ok = QtWidgets.QInputDialog.getInt(
            self.window, tr("Tune all racers"),
            tr("A fair race: each racer's hyperparameters are searched (random search over the registry's ranges,\n"
               "its own setting included) on the race's own start and step budget; the best final loss gap\n"
               "(or the fewest steps to the tolerance) wins and the race restarts with the winners.\n\n"
               "Trials per racer:"), DEFAULT_TRIALS, 1, MAX_TRIALS,
        )  # fmt: skip
        if ok:
            self.start(trials)

    def start(self, trials: int) -> None:
        config = self.window.controller.config.copy()
        if not config.racers:
            self.window.statusBar().showMessage(tr("No racer to tune"), 5000)
            return
        self.window.controller.pause()
        self.results = []
        self._config, self._trials = config, trials
        self._cancel = threading.Event()
        dialog = QtWidgets.QProgressDialog(
            tr("Tuning {racers} racers ({trials} trials x {steps} steps each)…").format(
                racers=len(config.racers), trials=trials, steps=config.steps
            ), tr("Cancel"), 0, len(config.racers), self.window,
        )  # fmt: skip
        dialog.setObjectName("tuneProgress")
        dialog.setWindowTitle(tr("Tune all racers"))
        dialog.setMinimumDuration(0)
        dialog.setValue(0)
        dialog.canceled.connect(self.cancel)
        dialog.show()
        self.dialog = dialog
        self._pool.start(_Work(config, trials, self._cancel, self._signals))

    def cancel(self) -> None:
        """Stop after the racer being tuned; the race stays as it was."""
        self._cancel.set()

    def busy(self) -> bool:
        return self.dialog is not None

    def wait(self, ms: int = 120_000) -> bool:
        return self._pool.waitForDone(ms)

    def _racer_done(self, index: int, result) -> None:
        self.results.append(result)
        if self.dialog is not None:
            self.dialog.setValue(index + 1)

    def _close(self) -> None:
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.deleteLater()
            self.dialog = None

    def _failed(self, message: str) -> None:
        self._close()
        self.window.warn(tr("Tuning failed"), message)

    def _all_done(self) -> None:
        self._close()
        if self._cancel.is_set() or len(self.results) != len(self._config.racers):
            self.window.statusBar().showMessage(tr("Tuning cancelled: the race is as it was"), 6000)
            return
        tuned = with_winners(self._config, self.results)
        self.window.controller.load(tuned)
        lines = [
            tr("{racers} racers tuned, {trials} trials x {steps} steps each:").format(
                racers=len(self.results), trials=self._trials, steps=tuned.steps
            )
        ]
        lines += summary_lines(self.results)
        self.window.statusBar().showMessage(
            tr("Fair race: every racer tuned ({trials} trials x {steps} steps); the race runs the winners").format(
                trials=self._trials, steps=tuned.steps
            ),
            10000,
        )
        self.summary = "\n".join(lines)
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Information, tr("Fair race: what was tuned"),
                                    self.summary, QtWidgets.QMessageBox.StandardButton.Ok, self.window)  # fmt: skip
        box.setObjectName("tuneSummary")
        box.setModal(False)
        box.show()
        self.summary_box = box
        self.finished.emit(self.results)

"""The Maps dock: basins of attraction, hyperparameter sweeps and the trainability boundary, computed in the
background (engine.maps) and drawn as their tiles arrive; a click on a basin map starts the race there, a click
on a sweep cell gives the racer those settings."""

from __future__ import annotations

import math
import threading
from typing import Any

from PySide6 import QtCore, QtWidgets

from arena.maps import MapSettings
from engine import maps
from engine.registry import get_optimizer
from engine.spec import format_optimizer_spec
from gui.i18n import QT_TRANSLATE_NOOP, retranslate_on_change, tr

KINDS = (
    ("basins", QT_TRANSLATE_NOOP("", "Basins of attraction")),
    ("sweep", QT_TRANSLATE_NOOP("", "Hyperparameter sweep")),
    ("boundary", QT_TRANSLATE_NOOP("", "Trainability boundary")),
)


class _Signals(QtCore.QObject):
    tile = QtCore.Signal(object, int, int, object)  # job, r0, r1, arrays
    done = QtCore.Signal(object, object)  # job, MapResult
    failed = QtCore.Signal(object, str)  # job, message


class _Work(QtCore.QRunnable):
    """One job, run off the GUI thread (the compiled lane loop releases the GIL); tiles are signalled."""

    def __init__(self, job, cancel: threading.Event, signals: _Signals):
        super().__init__()
        self.job, self.cancel, self.signals = job, cancel, signals
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = maps.compute(
                self.job, cancel=self.cancel, on_tile=lambda r0, r1, a: self.signals.tile.emit(self.job, r0, r1, a)
            )
        except maps.Cancelled:
            self.signals.failed.emit(self.job, "cancelled")
            return
        except Exception as exc:  # noqa: BLE001 - shown in the dock, never a crash
            self.signals.failed.emit(self.job, f"{type(exc).__name__}: {exc}")
            return
        self.signals.done.emit(self.job, result)


def _number(text: str) -> float | None:
    try:
        v = float(text)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


class MapsDock(QtWidgets.QDockWidget):
    """Settings, Compute / Cancel with progress, and the maps side by side."""

    startPicked = QtCore.Signal(float, float)  # a basin-map click: start the race there
    settingsPicked = QtCore.Signal(int, dict)  # a sweep click: racer index, hyperparameters

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("MapsDock")
        self._race: Any = None  # (surface, config)
        self._selected = 0
        self._jobs: list[Any] = []  # the jobs of the maps on show, in their columns
        self._results: dict[Any, maps.MapResult] = {}
        self._racer_of: dict[Any, int] = {}
        self._cancel = threading.Event()
        self._pending = 0
        self._signals = _Signals()
        self._signals.tile.connect(self._tile)
        self._signals.done.connect(self._done)
        self._signals.failed.connect(self._failed)
        self._pool = QtCore.QThreadPool(self)
        self._pool.setMaxThreadCount(1)

        self._build()
        self.retranslate()
        retranslate_on_change(self, self.retranslate)

    def retranslate(self) -> None:
        """Set the dock's texts in the window's language (the settings, the maps and the work stay)."""
        self.setWindowTitle(tr("Maps"))
        for i, (_key, title) in enumerate(KINDS):
            self.kind.setItemText(i, tr(title))
        self.kind.setToolTip(
            tr("Basins: a grid of starts over the map's view, each coloured by the minimum it reached.")
            + "\n"
            + tr("Sweep: the selected racer from the race's start over two of its hyperparameters.")
            + "\n"
            + tr("Trainability boundary: gradient descent with a learning rate per parameter (log axes).")
        )
        self.who.setItemText(0, tr("the selected racer"))
        self.who.setItemText(1, tr("every visible racer, side by side"))
        self.grid.setSuffix(tr(" cells per side"))
        self.tol.setToolTip(tr("a run has converged once |grad| <= this"))
        for field, text in (
            (self.kind, tr("Map")),
            (self.who, tr("Racers")),
            (self.grid, tr("Grid")),
            (self.steps, tr("Steps")),
            (self.tol, tr("Tolerance")),
            (self.axes, tr("Axes")),
        ):
            label = self.form.labelForField(field)
            if isinstance(label, QtWidgets.QLabel):
                label.setText(text)
        if self.kind.currentData() == "boundary":
            self.x_key.setItemText(0, tr("lr for x"))
            self.y_key.setItemText(0, tr("lr for y"))
        self.compute_button.setText(tr("Compute"))
        self.cancel_button.setText(tr("Cancel"))
        if self._message is not None:
            self.message.setText(self._message())

    def _say(self, message) -> None:
        """Show ``message()`` (a function, called again in another language after a switch) under the buttons."""
        self._message = message
        self.message.setText(message())

    # ------------------------------------------------------------------ UI
    def _build(self) -> None:
        body = QtWidgets.QWidget()
        outer = QtWidgets.QVBoxLayout(body)
        form = QtWidgets.QFormLayout()
        self.kind = QtWidgets.QComboBox()
        self.kind.setObjectName("mapKind")
        for key, title in KINDS:
            self.kind.addItem(title, key)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        form.addRow(tr("Map"), self.kind)
        self.who = QtWidgets.QComboBox()
        self.who.setObjectName("mapRacers")
        self.who.addItem("", "selected")
        self.who.addItem("", "all")
        form.addRow(tr("Racers"), self.who)
        self.grid = QtWidgets.QSpinBox()
        self.grid.setObjectName("mapGrid")
        self.grid.setRange(8, 1024)
        self.grid.setValue(128)
        form.addRow(tr("Grid"), self.grid)
        self.steps = QtWidgets.QSpinBox()
        self.steps.setObjectName("mapSteps")
        self.steps.setRange(1, 100_000)
        self.steps.setValue(500)
        form.addRow(tr("Steps"), self.steps)
        self.tol = QtWidgets.QLineEdit("1e-6")
        self.tol.setObjectName("mapTol")
        form.addRow(tr("Tolerance"), self.tol)
        self.axes = QtWidgets.QWidget()
        grid = QtWidgets.QGridLayout(self.axes)
        grid.setContentsMargins(0, 0, 0, 0)
        self.x_key, self.y_key = QtWidgets.QComboBox(), QtWidgets.QComboBox()
        self.x_key.setObjectName("sweepX")
        self.y_key.setObjectName("sweepY")
        self.x_lo, self.x_hi = QtWidgets.QLineEdit("1e-4"), QtWidgets.QLineEdit("1")
        self.y_lo, self.y_hi = QtWidgets.QLineEdit("0"), QtWidgets.QLineEdit("0.99")
        edits = ((self.x_lo, "sweepXlo"), (self.x_hi, "sweepXhi"), (self.y_lo, "sweepYlo"), (self.y_hi, "sweepYhi"))
        for w, name in edits:
            w.setObjectName(name)
            w.setMaximumWidth(80)
        grid.addWidget(QtWidgets.QLabel("x"), 0, 0)
        grid.addWidget(self.x_key, 0, 1)
        grid.addWidget(self.x_lo, 0, 2)
        grid.addWidget(self.x_hi, 0, 3)
        grid.addWidget(QtWidgets.QLabel("y"), 1, 0)
        grid.addWidget(self.y_key, 1, 1)
        grid.addWidget(self.y_lo, 1, 2)
        grid.addWidget(self.y_hi, 1, 3)
        form.addRow(tr("Axes"), self.axes)
        self.form = form
        outer.addLayout(form)
        for combo in (self.kind, self.who, self.x_key, self.y_key):  # the dock may be narrow: no wide combos
            combo.setSizeAdjustPolicy(QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        row = QtWidgets.QHBoxLayout()
        self.compute_button = QtWidgets.QPushButton()
        self.compute_button.setObjectName("mapCompute")
        self.compute_button.clicked.connect(self.compute)
        self.cancel_button = QtWidgets.QPushButton()
        self.cancel_button.setObjectName("mapCancel")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QtWidgets.QProgressBar()
        self.progress.setObjectName("mapProgress")
        self.progress.setTextVisible(True)
        row.addWidget(self.compute_button)
        row.addWidget(self.cancel_button)
        row.addWidget(self.progress, 1)
        outer.addLayout(row)
        self._message = None  # what makes the message's text (see _say)
        self.message = QtWidgets.QLabel("")
        self.message.setObjectName("mapMessage")
        self.message.setWordWrap(True)
        outer.addWidget(self.message)
        self._outer = outer
        self.panel: Any = None  # the MapsPanel the window gives (set_panel): docks do not draw
        self.setWidget(body)
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.form.setRowVisible(self.axes, kind != "basins")
        self.x_key.setEnabled(kind == "sweep")
        self.y_key.setEnabled(kind == "sweep")
        self.who.setEnabled(kind == "basins")
        if kind == "boundary":
            self._keys_for = None
            self.x_key.clear()
            self.x_key.addItem(tr("lr for x"))
            self.y_key.clear()
            self.y_key.addItem(tr("lr for y"))
            for w, v in ((self.x_lo, "1e-3"), (self.x_hi, "10"), (self.y_lo, "1e-3"), (self.y_hi, "10")):
                w.setText(v)
        elif kind == "sweep":
            self._refresh()
            self._fill_keys()

    def _fill_keys(self) -> None:
        """The sweep's hyperparameter choices and ranges for the selected racer (only when it changed: ranges
        the user typed stay)."""
        racer = self._racer()
        if racer is None:
            return
        who = (self._selected, racer.optimizer)
        if getattr(self, "_keys_for", None) == who and self.x_key.count():
            return
        self._keys_for = who
        params = [p for p in get_optimizer(racer.optimizer).hyperparams if p.kind in ("float", "int")]
        for combo, pick in ((self.x_key, 0), (self.y_key, 1)):
            combo.blockSignals(True)
            combo.clear()
            for p in params:
                combo.addItem(p.name)
            combo.setCurrentIndex(min(pick, combo.count() - 1))
            combo.blockSignals(False)
        lr = next((p for p in params if p.name == "lr"), None)
        if lr is not None:
            value = racer.resolved()["lr"]
            self.x_lo.setText(f"{value / 100:.3g}")
            self.x_hi.setText(f"{value * 100:.3g}")
        if len(params) > 1:
            p = params[1]
            lo = p.low if math.isfinite(p.low) else 0.0
            hi = p.high if math.isfinite(p.high) else (p.gui_max or 1.0)
            if p.high_open and math.isfinite(p.high):
                hi = p.high - 0.01 * (p.high - lo)
            self.y_lo.setText(f"{lo:g}")
            self.y_hi.setText(f"{hi:g}")

    # ------------------------------------------------------------ settings
    def settings(self) -> MapSettings:
        """The settings on show, as saved in a session (a field that does not parse saves its default)."""
        defaults = MapSettings()
        kind = self.kind.currentData()
        tol = _number(self.tol.text())
        axes: dict[str, Any] = {}
        for axis, combo, lo_edit, hi_edit in (
            ("x", self.x_key, self.x_lo, self.x_hi),
            ("y", self.y_key, self.y_lo, self.y_hi),
        ):
            key = {"x": "lr_x", "y": "lr_y"}[axis] if kind == "boundary" else combo.currentText()
            lo, hi = _number(lo_edit.text()), _number(hi_edit.text())
            key = key or getattr(defaults, f"{axis}_key")  # a basin map's axes are never filled in
            if lo is None or hi is None or not lo < hi:
                lo, hi = getattr(defaults, f"{axis}_lo"), getattr(defaults, f"{axis}_hi")
            axes.update({f"{axis}_key": key, f"{axis}_lo": lo, f"{axis}_hi": hi})
        return MapSettings(
            kind=kind,
            racers=self.who.currentData(),
            grid=self.grid.value(),
            steps=self.steps.value(),
            tol=tol if tol is not None and tol >= 0 else defaults.tol,
            **axes,
        )

    def apply_settings(self, settings: MapSettings | None) -> None:
        """Show ``settings`` (a session's; None: the defaults) in the dock; the map is computed on Compute (at once
        when the same job is in the cache)."""
        settings = settings or MapSettings()
        self.kind.setCurrentIndex(self.kind.findData(settings.kind))
        self._kind_changed()  # fills the axes' choices for this kind and the selected racer
        self.who.setCurrentIndex(self.who.findData(settings.racers))
        self.grid.setValue(settings.grid)
        self.steps.setValue(settings.steps)
        self.tol.setText(repr(settings.tol))
        for combo, key in ((self.x_key, settings.x_key), (self.y_key, settings.y_key)):
            if settings.kind == "sweep":
                if combo.findText(key) < 0:
                    combo.addItem(key)  # a hyperparameter the selected racer lacks: Compute says so
                combo.setCurrentIndex(combo.findText(key))
        for edit, value in (
            (self.x_lo, settings.x_lo),
            (self.x_hi, settings.x_hi),
            (self.y_lo, settings.y_lo),
            (self.y_hi, settings.y_hi),
        ):
            edit.setText(repr(value))

    # --------------------------------------------------------------- state
    def set_race(self, surface, config, selected: int, view: tuple[tuple[float, float], tuple[float, float]]) -> None:
        """What the maps are of: the race's surface, racers and start, the selected racer, the map's view."""
        self._race = (surface, config, view)
        self._selected = selected
        if config.tol is not None and config.tol > 0:
            self.tol.setText(f"{config.tol:g}")
        if self.kind.currentData() == "sweep":
            self._fill_keys()

    def set_panel(self, panel) -> None:
        """Where the maps are drawn (a gui.panels.map_view.MapsPanel), under the settings."""
        self.panel = panel
        self._outer.addWidget(panel, 1)
        panel.cellClicked.connect(self.click_cell)
        panel.zoomed.connect(self._zoomed)

    def set_provider(self, provide) -> None:
        """``provide()`` -> (surface, config, selected racer, view): read when Compute is pressed."""
        self._provider = provide

    def _refresh(self) -> None:
        provide = getattr(self, "_provider", None)
        if provide is not None:
            self.set_race(*provide())

    def _racer(self):
        if self._race is None:
            return None
        racers = self._race[1].racers
        if not racers:
            return None
        return racers[min(self._selected, len(racers) - 1)]

    def jobs(self) -> list[Any]:
        """The jobs the current settings ask for (ValueError naming what is wrong)."""
        if self._race is None:
            raise ValueError(tr("no race"))
        surface, config, view = self._race
        n = self.grid.value()
        steps = self.steps.value()
        tol = _number(self.tol.text())
        if tol is None or tol < 0:
            raise ValueError(tr("tolerance {text!r}: expected a number >= 0").format(text=self.tol.text()))
        kind = self.kind.currentData()
        if kind == "basins":
            (x0, x1), (y0, y1) = view
            racers = [(i, r) for i, r in enumerate(config.racers) if r.visible]
            if self.who.currentData() == "selected":
                racers = [(self._selected, config.racers[self._selected])] if config.racers else []
            if not racers:
                raise ValueError(tr("no racer to map"))
            out = []
            for i, r in racers:
                spec = format_optimizer_spec(r.optimizer, r.resolved())
                job = maps.BasinJob(surface, spec, maps.Axis("x", x0, x1, n), maps.Axis("y", y0, y1, n), steps, tol)
                self._racer_of[job] = i
                out.append(job)
            return out
        bounds = []
        for w in (self.x_lo, self.x_hi, self.y_lo, self.y_hi):
            v = _number(w.text())
            if v is None:
                raise ValueError(tr("{text!r} is not a number").format(text=w.text()))
            bounds.append(v)
        start = tuple(float(v) for v in config.start)
        if kind == "boundary":
            return [maps.BoundaryJob(surface, start, maps.Axis("lr_x", bounds[0], bounds[1], n, log=True),
                                     maps.Axis("lr_y", bounds[2], bounds[3], n, log=True), steps, tol)]  # fmt: skip
        racer = self._racer()
        if racer is None:
            raise ValueError(tr("no racer to sweep"))
        params = {p.name: p for p in get_optimizer(racer.optimizer).hyperparams}
        xk, yk = self.x_key.currentText(), self.y_key.currentText()
        if xk not in params or yk not in params:
            raise ValueError(tr("pick two hyperparameters"))
        spec = format_optimizer_spec(racer.optimizer, racer.resolved())
        job = maps.SweepJob(surface, spec, start, maps.Axis(xk, bounds[0], bounds[1], n, log=params[xk].log),
                            maps.Axis(yk, bounds[2], bounds[3], n, log=params[yk].log), steps, tol)  # fmt: skip
        self._racer_of[job] = min(self._selected, len(config.racers) - 1)
        return [job]

    # ------------------------------------------------------------- running
    def compute(self) -> None:
        self._refresh()
        try:
            jobs = self.jobs()
        except ValueError as exc:
            first = str(exc).splitlines()[0]
            self._say(lambda: f"<span style='color:#B00020'>{first}</span>")
            return
        self.cancel()
        self._cancel = threading.Event()
        self._jobs = jobs
        self._results.clear()
        self.panel.show_jobs(jobs)
        self._pending = len(jobs)
        total = sum(len(maps.tile_bounds(j)) for j in jobs)
        self.progress.setRange(0, total)
        self.progress.setValue(0)
        self.compute_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        point_steps = f"{sum(j.point_steps() for j in jobs) / 1e6:.1f}"
        self._say(
            lambda: (tr("computing {count} maps: {m} M point-steps") if len(jobs) > 1
                     else tr("computing 1 map: {m} M point-steps")).format(count=len(jobs), m=point_steps)
        )  # fmt: skip
        for job in jobs:
            self._pool.start(_Work(job, self._cancel, self._signals))

    def cancel(self) -> None:
        self._cancel.set()

    def busy(self) -> bool:
        return self._pending > 0

    def wait(self, ms: int = 60_000) -> bool:
        """Block until the background work is done (tests, exit)."""
        return self._pool.waitForDone(ms)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.cancel()
        super().closeEvent(event)

    def _done(self, job, result: maps.MapResult) -> None:
        if job not in self._jobs:
            return
        self._results[job] = result
        self.panel.done(job, result)
        rate = f"{job.point_steps() / max(result.seconds, 1e-9) / 1e6:.0f}"

        def text() -> str:
            took = tr("from the cache") if result.cached else f"{result.seconds:.2f} s"
            out = tr("{took}, {rate} M point-steps/s").format(took=took, rate=rate)
            if job.kind == "basins":
                out += tr("; click a cell to start the race there")
            elif job.kind != "boundary":
                out += tr("; click a cell to use its settings")
            return out

        self._finish_one(text)

    def _failed(self, job, message: str) -> None:
        if job not in self._jobs:
            return
        cancelled = message == "cancelled"
        self._finish_one((lambda: tr("cancelled")) if cancelled else (lambda: message), error=not cancelled,
                         cancelled=cancelled)  # fmt: skip

    def _finish_one(self, text, error: bool = False, cancelled: bool = False) -> None:
        """One job ended: ``text()`` (a function: see _say) says how."""
        self._pending = max(0, self._pending - 1)
        if error:
            self._say(lambda: f"<span style='color:#B00020'>{text()}</span>")
        else:
            self._say(text)
        if not self._pending:
            self.compute_button.setEnabled(True)
            self.cancel_button.setEnabled(False)
            if not error and not cancelled:
                self.progress.setValue(self.progress.maximum())

    def _zoomed(self, job, view_range) -> None:
        """The boundary map was zoomed or panned: compute it again over the range now on show (log axes)."""
        (x0, x1), (y0, y1) = view_range
        for w, v in ((self.x_lo, x0), (self.x_hi, x1), (self.y_lo, y0), (self.y_hi, y1)):
            w.setText(f"{10.0**v:.6g}")
        self.kind.setCurrentIndex(self.kind.findData("boundary"))
        self.compute()

    def _tile(self, job, r0: int, r1: int, arrays: dict) -> None:
        if job in self._jobs and self.panel.tile(job, r0, r1, arrays):
            self.progress.setValue(self.progress.value() + 1)

    # -------------------------------------------------------------- clicks
    def click_cell(self, job, row: int, col: int) -> None:
        """What a click on cell (row, col) of ``job``'s map does."""
        if job.kind == "basins":
            self.startPicked.emit(float(job.x.values()[col]), float(job.y.values()[row]))
        elif job.kind == "sweep":
            index = self._racer_of.get(job, self._selected)
            racer = self._race[1].racers[index] if self._race else None
            if racer is None:
                return
            hp = dict(racer.resolved())
            for axis, value in ((job.x, job.x.values()[col]), (job.y, job.y.values()[row])):
                hp[axis.key] = int(round(value)) if isinstance(hp.get(axis.key), int) else float(value)
            self.settingsPicked.emit(index, hp)

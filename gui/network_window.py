"""NetworkWindow: a network race (``RaceConfig.problem``), live: train and test loss, test accuracy,
the effective learning rate per layer as bands, and the loss landscape around the racers' paths.

The race steps on a timer (a few steps per frame, so the whole budget plays in about ten
seconds); the landscape is computed in a worker thread (``problems.landscape``: PCA plane of the
paths or filter-normalized random directions) whenever the last one is done and the paths have
moved, and the paths are projected onto the latest plane every frame.
"""

from __future__ import annotations

import os
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from arena import Race, RaceConfig
from problems import landscape

from .i18n import retranslate_on_change, tr
from .panels.network_curves import NetworkAccuracyPanel, NetworkLearningRatePanel, NetworkLossPanel
from .panels.network_landscape import NetworkLandscapePanel

FRAME_MS = 16
PLAY_SECONDS = 10.0  # the budget plays in about this long (at least one step per frame)
LANDSCAPE_RESOLUTION = 60
LANDSCAPE_EVERY_S = 2.0  # while playing, a new landscape at most this often
BANDS_EVERY_S = 0.1  # while playing, the layer bands are redrawn at most this often


def _in_background(*args, **kwargs):
    """The landscape, computed by a worker thread that yields the CPU to the window's steps and frames
    (Linux: a thread has its own nice value)."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
    except (AttributeError, OSError):  # other systems: normal priority
        pass
    return landscape(*args, **kwargs)


class NetworkWindow(QtWidgets.QMainWindow):
    def __init__(self, config: RaceConfig, parent=None):
        super().__init__(parent)
        self.setObjectName("NetworkWindow")
        self.config = config
        self.race = Race(config)
        problem = self.race.problem
        self.problem_title = problem.title
        self.steps_per_frame = max(1, round(config.steps / (PLAY_SECONDS * 1000 / FRAME_MS)))

        self.toolbar = bar = self.addToolBar("")
        bar.setObjectName("raceToolbar")
        bar.setMovable(False)
        self.play_action = bar.addAction("")
        self.play_action.setObjectName("play")
        self.play_action.setCheckable(True)
        self.play_action.setShortcut(QtGui.QKeySequence(QtCore.Qt.Key.Key_Space))
        self.play_action.toggled.connect(self._play_toggled)
        self.step_action = bar.addAction("")
        self.step_action.setObjectName("step")
        self.step_action.triggered.connect(lambda: self.step(1))
        self.reset_action = bar.addAction("")
        self.reset_action.setObjectName("reset")
        self.reset_action.triggered.connect(self.reset)
        self.progress = QtWidgets.QLabel()
        self.progress.setObjectName("progress")
        bar.addSeparator()
        bar.addWidget(self.progress)

        self.loss = NetworkLossPanel()
        self.accuracy = NetworkAccuracyPanel()
        self.lr = NetworkLearningRatePanel()
        self.land = NetworkLandscapePanel()
        grid = QtWidgets.QSplitter(QtCore.Qt.Orientation.Vertical)
        top, bottom = QtWidgets.QSplitter(), QtWidgets.QSplitter()
        top.addWidget(self.loss)
        top.addWidget(self.land)
        bottom.addWidget(self.lr)
        bottom.addWidget(self.accuracy)
        grid.addWidget(top)
        grid.addWidget(bottom)
        grid.setSizes([600, 400])
        self.setCentralWidget(grid)
        self.lr.set_layers(problem.layer_names)
        self.land.methodChanged.connect(lambda _: self.request_landscape(force=True))

        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="landscape")
        self._future: Future | None = None
        self._landscape_at = -1  # the race step the shown landscape was computed at
        self._landscape_started = 0.0
        self._projected: list[dict[int, np.ndarray]] = []
        self._evaluated = -1
        self._bands_at = 0.0
        self.timer = QtCore.QTimer(self)
        self.timer.setInterval(FRAME_MS)
        self.timer.timeout.connect(self._tick)
        self.poll = QtCore.QTimer(self)
        self.poll.setInterval(100)
        self.poll.timeout.connect(self._poll_landscape)
        self._racers_changed()
        self.refresh()
        self.retranslate()
        retranslate_on_change(self, self.retranslate)

    def retranslate(self) -> None:
        """The window's own texts in the current language (again on a language change)."""
        self.setWindowTitle(tr("Gradient Arena: {problem}").format(problem=self.problem_title))
        self.toolbar.setWindowTitle(tr("Race"))
        self.play_action.setText(tr("Pause") if self.play_action.isChecked() else tr("Play"))
        self.step_action.setText(tr("Step", "button"))
        self.reset_action.setText(tr("Reset"))
        self._show_progress()

    # ------------------------------------------------------------------ race
    def _racers_changed(self) -> None:
        racers = [(r.name, r.color) for r in self.config.racers]
        for panel in (self.loss, self.accuracy, self.lr, self.land):
            panel.set_racers(racers)
        self._projected = [{} for _ in racers]

    def step(self, k: int = 1, force: bool = True) -> int:
        moved = self.race.advance(k)
        if self.race.done:
            for runner in self.race.runners:
                runner.evaluate_now()
            self.play_action.setChecked(False)
            self.request_landscape()
            force = True
        self.refresh(force)
        return moved

    def reset(self) -> None:
        self.play_action.setChecked(False)
        self.race = Race(self.config)
        self._landscape_at = -1
        self.land.landscape = None
        self._racers_changed()
        self.refresh()

    def _play_toggled(self, on: bool) -> None:
        self.play_action.setText(tr("Pause") if on else tr("Play"))
        if on and self.race.done:
            self.reset()
            self.play_action.setChecked(True)
            return
        if on:
            self.timer.start()
        else:
            self.timer.stop()
            self.request_landscape()

    def _tick(self) -> None:
        self.step(self.steps_per_frame, force=False)
        if time.perf_counter() - self._landscape_started > LANDSCAPE_EVERY_S:
            self.request_landscape()

    def refresh(self, force: bool = True) -> None:
        """Hand the panels what the racers recorded. While playing (``force`` False) the accuracy and
        test curves change on evaluation steps only and the layer bands (two fills per racer) at
        most every BANDS_EVERY_S: the frame time goes to the steps."""
        runners = self.race.runners
        evaluated = sum(len(r._eval_steps) for r in runners)
        now = time.perf_counter()
        self.loss.update_from(runners, test=force or evaluated != self._evaluated)
        if force or evaluated != self._evaluated:
            self.accuracy.update_from(runners)
        if force or now - self._bands_at >= BANDS_EVERY_S:
            self.lr.update_from(runners)
            self._bands_at = now
        self._evaluated = evaluated
        self._update_paths()
        self._show_progress()

    def _show_progress(self) -> None:
        self.progress.setText("  " + tr("step {step} / {total}").format(step=self.race.steps, total=self.config.steps))

    # ------------------------------------------------------------- landscape
    def request_landscape(self, force: bool = False) -> None:
        """Compute the landscape in the background unless one is being computed or the paths did not move."""
        if self._future is not None or (not force and self._landscape_at == self.race.steps):
            return
        trajectories = [r.snapshots()[1] for r in self.race.runners]
        if sum(len(t) for t in trajectories) < 3:
            return
        method, problem, step = self.land.method, self.race.problem, self.race.steps
        center = None
        if method == "random":  # Li et al.: around a trained network, here the racer with the lowest test loss
            best = min(self.race.runners, key=lambda r: r.evals[-1, 0] if np.isfinite(r.evals[-1, 0]) else np.inf)
            center = best.theta.copy()
        self._landscape_started = time.perf_counter()
        self.land.set_status(tr("computing…"))
        self._future = self._pool.submit(
            _in_background, problem, trajectories, method, LANDSCAPE_RESOLUTION, center=center, seed=self.config.seed
        )
        self._future_step = step
        self.poll.start()

    def _poll_landscape(self) -> None:
        future = self._future
        if future is None or not future.done():
            return
        self._future = None
        self.poll.stop()
        try:
            land = future.result()
        except ValueError as exc:  # paths that do not span a plane yet
            self.land.set_status(str(exc))
            return
        self._landscape_at = self._future_step
        self._projected = [{} for _ in self.config.racers]
        self.land.set_landscape(land)
        seconds = f"{time.perf_counter() - self._landscape_started:.1f}"
        self.land.set_status(tr("at step {step} ({seconds} s)").format(step=self._future_step, seconds=seconds))
        self._update_paths()
        if not self.timer.isActive() and self.race.steps != self._landscape_at:
            self.request_landscape()  # the race moved on (or ended) while this one was computed

    def wait_for_landscape(self, timeout: float = 60.0) -> bool:
        """Block until the landscape being computed is shown (screenshots, tests)."""
        if self._future is None:
            return self.land.landscape is not None
        try:
            self._future.result(timeout=timeout)
        except Exception:  # noqa: BLE001 - shown by _poll_landscape
            pass
        self._poll_landscape()
        return self.land.landscape is not None

    def _update_paths(self) -> None:
        land = self.land.landscape
        if land is None:
            return
        paths = []
        for runner, cache in zip(self.race.runners, self._projected):
            steps = runner._snap_steps
            new = [i for i, s in enumerate(steps) if s not in cache]
            if new:
                xy = land.project(np.array([runner._snaps[i] for i in new], dtype=np.float64))
                for i, row in zip(new, xy):
                    cache[steps[i]] = row
            known = [cache[s] for s in steps if s in cache]
            now = land.project(runner.theta)[0]
            paths.append(np.array([*known, now]))
        self.land.set_paths(paths)

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        self.timer.stop()
        self.poll.stop()
        self._pool.shutdown(wait=False, cancel_futures=True)
        super().closeEvent(event)

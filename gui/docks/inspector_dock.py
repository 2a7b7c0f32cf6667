"""InspectorDock: one racer at one step, inside: the optimizer's whole state, its rule with the
numbers, and the local curvature with the best fixed settings of the local quadratic.

The dock reads the race, never changes it: the state is replayed exactly from the start
(:func:`arena.inspect_racer`), so scrubbing back and forth leaves the race where it is.
It emits ``stepPicked(racer, step)`` for the window to mark the step on the panels and
``useSettings(racer, optimizer, hyperparameters)`` when the user takes the optimal settings.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from arena import inspect_racer
from engine.curvature import Curvature, local_curvature, observed_rate
from engine.optimizers.explain import num, vec
from gui.widgets.scrolling import scrolling

REPLAY_DELAY_MS = 60  # the state is replayed this long after the last scrub (a drag does not replay every step)


class InspectorDock(QtWidgets.QDockWidget):
    stepPicked = QtCore.Signal(int, int)  # racer index, step (0: none)
    useSettings = QtCore.Signal(int, str, dict)  # racer index, optimizer name, hyperparameters

    def __init__(self, parent=None):
        super().__init__("Inspector", parent)
        self.setObjectName("InspectorDock")
        self.config = None
        self.surface = None
        self.positions = None
        self.steps_taken: list[int] = []
        self.seen = None
        self.curvature: Curvature | None = None
        body = QtWidgets.QWidget()
        layout = QtWidgets.QVBoxLayout(body)

        row = QtWidgets.QHBoxLayout()
        row.addWidget(QtWidgets.QLabel("Racer"))
        self.racer = QtWidgets.QComboBox()
        self.racer.setObjectName("inspectRacer")
        self.racer.currentIndexChanged.connect(self._racer_changed)
        row.addWidget(self.racer, 1)
        row.addWidget(QtWidgets.QLabel("Step"))
        self.prev_button = QtWidgets.QToolButton(text="◀")
        self.prev_button.setObjectName("inspectPrev")
        self.prev_button.setToolTip("One step back ( , )")
        self.prev_button.clicked.connect(lambda: self.move(-1))
        row.addWidget(self.prev_button)
        self.step = QtWidgets.QSpinBox()
        self.step.setObjectName("inspectStep")
        self.step.setRange(0, 0)
        self.step.setSpecialValueText("—")
        self.step.setToolTip("The step to look inside: the update from position step − 1 to position step")
        self.step.valueChanged.connect(self._step_changed)
        row.addWidget(self.step)
        self.next_button = QtWidgets.QToolButton(text="▶")
        self.next_button.setObjectName("inspectNext")
        self.next_button.setToolTip("One step on ( . )")
        self.next_button.clicked.connect(lambda: self.move(1))
        row.addWidget(self.next_button)
        layout.addLayout(row)
        self.scrubber = QtWidgets.QSlider(QtCore.Qt.Orientation.Horizontal)
        self.scrubber.setObjectName("inspectScrubber")
        self.scrubber.setRange(0, 0)
        self.scrubber.setToolTip("Scrub through the race's steps (Home / End: first / last)")
        self.scrubber.valueChanged.connect(self.step.setValue)
        self.step.valueChanged.connect(self.scrubber.setValue)
        layout.addWidget(self.scrubber)

        self.table = QtWidgets.QTableWidget(0, 4)
        self.table.setObjectName("inspectState")
        self.table.setHorizontalHeaderLabels(["", "before", "after", "holds"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        layout.addWidget(self.table, 2)
        self.equations = QtWidgets.QPlainTextEdit()
        self.equations.setObjectName("inspectEquations")
        self.equations.setReadOnly(True)
        self.equations.setLineWrapMode(QtWidgets.QPlainTextEdit.LineWrapMode.WidgetWidth)
        mono = QtGui.QFontDatabase.systemFont(QtGui.QFontDatabase.SystemFont.FixedFont)
        self.equations.setFont(mono)
        self.equations.setPlaceholderText("Take a step, then pick it here to see the update written out.")
        layout.addWidget(self.equations, 2)
        self.arrows_legend = QtWidgets.QLabel(
            "On the map, from θ (same length, to compare directions): "
            "<span style='color:#505050'>━ −g steepest descent</span>  "
            "<span style='color:#7e2f8e'>━ −m momentum</span>  "
            "<span style='color:#008080'>━ −η⊙g per-parameter rates</span>  ━ Δθ the update (racer's colour); "
            "dashed: the Hessian's eigen-directions, <span style='color:#006ec8'>λmin</span> and "
            "<span style='color:#c83c00'>λmax</span>"
        )
        self.arrows_legend.setObjectName("arrowsLegend")
        self.arrows_legend.setWordWrap(True)
        layout.addWidget(self.arrows_legend)

        box = QtWidgets.QGroupBox("Local curvature at θ (the step's start)")
        grid = QtWidgets.QVBoxLayout(box)
        self.curvature_text = QtWidgets.QLabel("—")
        self.curvature_text.setObjectName("curvatureText")
        self.curvature_text.setWordWrap(True)
        self.curvature_text.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        grid.addWidget(self.curvature_text)
        buttons = QtWidgets.QHBoxLayout()
        self.use_gd = QtWidgets.QPushButton("Use GD optimum")
        self.use_gd.setObjectName("useGd")
        self.use_gd.setToolTip("Make the racer SGD with lr* = 2 / (λmin + λmax) (restarts the race)")
        self.use_gd.clicked.connect(lambda: self._use("sgd"))
        self.use_momentum = QtWidgets.QPushButton("Use momentum optimum")
        self.use_momentum.setObjectName("useMomentum")
        self.use_momentum.setToolTip(
            "Make the racer heavy-ball momentum with lr* = (2 / (√λmin + √λmax))² and "
            "β* = ((√κ − 1) / (√κ + 1))² (Goh 2017; restarts the race)"
        )
        self.use_momentum.clicked.connect(lambda: self._use("momentum"))
        buttons.addWidget(self.use_gd)
        buttons.addWidget(self.use_momentum)
        grid.addLayout(buttons)
        layout.addWidget(box)
        self.setWidget(scrolling(body, "inspectorScroll"))

        self._timer = QtCore.QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REPLAY_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self._show_curvature()

    # ------------------------------------------------------------- the race
    def set_race(self, config, surface, steps_taken: list[int], positions=None) -> None:
        """The race to look into (its config, surface and each racer's steps so far); ``positions(index)``,
        if given, returns a racer's recorded path (for the observed rate beside the predicted ones)."""
        self.positions = positions
        names = [r.name for r in config.racers]
        keep = self.racer.currentIndex()
        self.config, self.surface = config, surface
        if names != [self.racer.itemText(i) for i in range(self.racer.count())]:
            self.racer.blockSignals(True)
            self.racer.clear()
            self.racer.addItems(names)
            self.racer.setCurrentIndex(min(max(keep, 0), len(names) - 1))
            self.racer.blockSignals(False)
        self.set_steps(steps_taken)
        self._timer.start()

    def set_steps(self, steps_taken: list[int]) -> None:
        """The race moved on: the scrubber reaches the selected racer's last step (the chosen step stays)."""
        self.steps_taken = list(steps_taken)
        last = self.steps_taken[self.racer.currentIndex()] if self.steps_taken and self.racer.currentIndex() >= 0 else 0
        for w in (self.step, self.scrubber):
            w.blockSignals(True)
            w.setMaximum(last)
            w.blockSignals(False)
        if self.step.value() > last:
            self.step.setValue(last)

    def move(self, delta: int) -> None:
        self.step.setValue(max(1 if self.step.maximum() else 0, min(self.step.maximum(), self.step.value() + delta)))

    def go_to(self, step: int) -> None:
        self.step.setValue(max(0, min(self.step.maximum(), step)))

    def _racer_changed(self, _index: int) -> None:
        self.set_steps(self.steps_taken)
        self._timer.start()

    def _step_changed(self, _step: int) -> None:
        self._timer.start()

    # ------------------------------------------------------------ computing
    def refresh(self) -> None:
        """Replay the selected racer to the selected step and show what it did."""
        index, step = self.racer.currentIndex(), self.step.value()
        self.seen = None
        if self.config is None or index < 0 or step < 1:
            self.table.setRowCount(0)
            self.equations.setPlainText("")
            point = None if self.config is None else self.config.start
            self._show_curvature(point)
            self.stepPicked.emit(max(index, 0), 0)
            return
        try:
            self.seen = inspect_racer(self.config, index, step)
        except ValueError as exc:
            self.table.setRowCount(0)
            self.equations.setPlainText(str(exc))
            self._show_curvature(None)
            return
        seen = self.seen
        rows = [
            ("θ", vec(seen.theta), vec(seen.new_theta), "parameters"),
            ("g", vec(seen.grad), "", "gradient given to the optimizer"),
            ("lr", num(seen.lr), "", "learning rate in effect"),
        ]
        for name in seen.state_after:
            before, after = _show(seen.state_before[name]), _show(seen.state_after[name])
            rows.append((name, before, after, seen.state_doc.get(name, "")))
        rows.append(("effective lr", "", vec(seen.effective_lr), "per parameter"))
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QtWidgets.QTableWidgetItem(text)
                if c == 3:
                    item.setToolTip(text)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.equations.setPlainText("\n".join(str(eq) for eq in seen.equations))
        self._show_curvature(seen.theta)
        self.stepPicked.emit(index, step)

    def _show_curvature(self, point=None) -> None:
        self.curvature = None
        text = "—"
        if point is not None and self.surface is not None and hasattr(self.surface, "hessian"):
            try:
                self.curvature = c = local_curvature(self.surface, point)
            except ValueError as exc:
                text = str(exc)
            else:
                lo, hi = c.eigenvalues
                lines = [f"{c.kind}: λ = {num(lo)}, {num(hi)}"]
                if c.max_stable_lr is not None:
                    lines.append(f"gradient descent stable for lr < 2/λmax = {num(c.max_stable_lr)}")
                if c.positive_definite:
                    assert c.gd_lr is not None and c.gd_rate is not None and c.momentum_rate is not None
                    lines.append(f"κ = {num(c.kappa)}")
                    lines.append(f"GD optimum: lr* = {num(c.gd_lr)}, error × {num(c.gd_rate)} per step")
                    lines.append(
                        f"momentum optimum: lr* = {num(c.momentum_lr)}, β* = {num(c.momentum)}, "
                        f"error × {num(c.momentum_rate)} per step"
                    )
                    lines.append(
                        f"steps per e-fold of the error: GD {_steps(c.gd_rate)}, momentum {_steps(c.momentum_rate)}"
                    )
                else:
                    lines.append("no optimal fixed settings: the local quadratic has no minimum")
                observed = self._observed()
                if observed:
                    lines.append(observed)
                text = "\n".join(lines)
        self.curvature_text.setText(text)
        ok = self.curvature is not None and self.curvature.positive_definite and self.racer.currentIndex() >= 0
        self.use_gd.setEnabled(ok)
        self.use_momentum.setEnabled(ok)

    def _observed(self) -> str:
        """The racer's observed linear rate toward the nearest known minimum (to set beside the predictions)."""
        index = self.racer.currentIndex()
        minima = getattr(self.surface, "minima", ()) or ()
        if self.positions is None or index < 0 or not minima:
            return ""
        path = np.asarray(self.positions(index), dtype=float).reshape(-1, 2)
        if len(path) < 6 or not np.isfinite(path[-1]).all():
            return ""
        target = min(minima, key=lambda m: float(np.hypot(*(np.asarray(m.point) - path[-1])))).point
        rate = observed_rate(path, target)
        if not math.isfinite(rate):
            return ""
        return f"observed: {self.racer.currentText()}'s error × {num(rate)} per step over its {len(path) - 1} steps"

    def _use(self, optimizer: str) -> None:
        c = self.curvature
        if c is None or not c.positive_definite:
            return
        self.useSettings.emit(self.racer.currentIndex(), optimizer, dict(c.settings()[optimizer]))


def _show(v) -> str:
    if v is None:
        return "-"
    if isinstance(v, int):
        return str(v)
    return vec(v)


def _steps(rate: float) -> str:
    """Steps for the error to shrink by e at a linear rate."""
    if rate <= 0:
        return "1"
    return f"{-1.0 / math.log(rate):.3g}" if rate < 1 else "∞"

"""InspectorDock: one racer at one step, inside: the optimizer's whole state, its rule with the
numbers, and the local curvature with the best fixed settings of the local quadratic.

The dock reads the race, never changes it: the state is replayed exactly, off the window's thread
(:class:`arena.InspectWorker`: exact checkpoints every 64 steps, the latest request first), so
scrubbing back and forth through a long race neither freezes the window nor moves the race.
Step 0 is the start: no step, the local curvature at the start point.
It emits ``stepPicked(racer, step)`` for the window to mark the step on the panels (0: the start),
``rangeChanged(last)`` when the race moves on, and ``useSettings(racer, optimizer, hyperparameters)``
when the user takes the optimal settings.
"""

from __future__ import annotations

import math
import time

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from arena import InspectWorker
from engine.curvature import Curvature, local_curvature, observed_rate
from engine.optimizers.explain import num, vec
from gui.i18n import QT_TRANSLATE_NOOP, retranslate_on_change, tr
from gui.i18n_registry import tr_equation, tr_state_doc
from gui.widgets.scrolling import scrolling

REPLAY_DELAY_MS = 0  # requests of one pass of the event loop make one (a drag asks the worker, latest first)
RATES_INTERVAL = 0.5  # seconds between updates of the observed rates while the race runs
# what engine.curvature.Curvature.kind says, for the translation catalogue (shown through tr)
CURVATURE_KINDS = (
    QT_TRANSLATE_NOOP("", "bowl (positive definite)"),
    QT_TRANSLATE_NOOP("", "cap (negative definite: a maximum)"),
    QT_TRANSLATE_NOOP("", "saddle (indefinite)"),
    QT_TRANSLATE_NOOP("", "flat along one direction (singular)"),
)


class InspectorDock(QtWidgets.QDockWidget):
    stepPicked = QtCore.Signal(int, int)  # racer index, step (0: the start, no step)
    useSettings = QtCore.Signal(int, str, dict)  # racer index, optimizer name, hyperparameters
    rangeChanged = QtCore.Signal(int)  # the selected racer's last step
    _delivered = QtCore.Signal(int, object, object)  # from the worker's thread: request, inspection, error

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("InspectorDock")
        self.config = None
        self.surface = None
        self.positions = None
        self.steps_taken: list[int] = []
        self.seen = None
        self.curvature: Curvature | None = None
        self.worker = InspectWorker(self._delivered.emit)
        self._delivered.connect(self._show_delivered)
        self._requests: dict[int, tuple[int, int, int]] = {}  # request -> (race generation, racer, step)
        self._generation = 0
        self._shown = 0  # the newest request shown
        self._rates_at = 0.0
        body = QtWidgets.QWidget()
        layout = QtWidgets.QVBoxLayout(body)

        row = QtWidgets.QHBoxLayout()
        self.racer_label = QtWidgets.QLabel()
        row.addWidget(self.racer_label)
        self.racer = QtWidgets.QComboBox()
        self.racer.setObjectName("inspectRacer")
        self.racer.currentIndexChanged.connect(self._racer_changed)
        row.addWidget(self.racer, 1)
        self.step_label = QtWidgets.QLabel()
        row.addWidget(self.step_label)
        self.prev_button = QtWidgets.QToolButton(text="◀")
        self.prev_button.setObjectName("inspectPrev")
        self.prev_button.clicked.connect(lambda: self.move(-1))
        row.addWidget(self.prev_button)
        self.step = QtWidgets.QSpinBox()
        self.step.setObjectName("inspectStep")
        self.step.setRange(0, 0)
        self.step.valueChanged.connect(self._step_changed)
        row.addWidget(self.step)
        self.next_button = QtWidgets.QToolButton(text="▶")
        self.next_button.setObjectName("inspectNext")
        self.next_button.clicked.connect(lambda: self.move(1))
        row.addWidget(self.next_button)
        layout.addLayout(row)
        self.scrubber = QtWidgets.QSlider(QtCore.Qt.Orientation.Horizontal)
        self.scrubber.setObjectName("inspectScrubber")
        self.scrubber.setRange(0, 0)
        self.scrubber.valueChanged.connect(self.step.setValue)
        self.step.valueChanged.connect(self.scrubber.setValue)
        layout.addWidget(self.scrubber)
        self.status = QtWidgets.QLabel("")
        self.status.setObjectName("inspectStatus")
        self.status.setWordWrap(True)
        self.status.hide()
        layout.addWidget(self.status)

        self.table = QtWidgets.QTableWidget(0, 4)
        self.table.setObjectName("inspectState")
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
        layout.addWidget(self.equations, 2)
        self.arrows_legend = QtWidgets.QLabel()
        self.arrows_legend.setObjectName("arrowsLegend")
        self.arrows_legend.setWordWrap(True)
        layout.addWidget(self.arrows_legend)

        self.curvature_box = box = QtWidgets.QGroupBox()
        box.setObjectName("curvatureBox")
        grid = QtWidgets.QVBoxLayout(box)
        self.curvature_text = QtWidgets.QLabel("—")
        self.curvature_text.setObjectName("curvatureText")
        self.curvature_text.setWordWrap(True)
        self.curvature_text.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        grid.addWidget(self.curvature_text)
        buttons = QtWidgets.QHBoxLayout()
        self.use_gd = QtWidgets.QPushButton()
        self.use_gd.setObjectName("useGd")
        self.use_gd.clicked.connect(lambda: self._use("sgd"))
        self.use_momentum = QtWidgets.QPushButton()
        self.use_momentum.setObjectName("useMomentum")
        self.use_momentum.clicked.connect(lambda: self._use("momentum"))
        buttons.addWidget(self.use_gd)
        buttons.addWidget(self.use_momentum)
        grid.addLayout(buttons)
        self.rates_title = rates_title = QtWidgets.QLabel()
        rates_title.setWordWrap(True)
        grid.addWidget(rates_title)
        self.rates = QtWidgets.QTableWidget(0, 3)
        self.rates.setObjectName("rateTable")
        self.rates.verticalHeader().setVisible(False)
        self.rates.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rates.horizontalHeader().setStretchLastSection(True)
        self.rates.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        grid.addWidget(self.rates)
        layout.addWidget(box)
        layout.addStretch(0)  # the room the step's table and equations leave at the start
        self.setWidget(scrolling(body, "inspectorScroll"))

        self._timer = QtCore.QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REPLAY_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self._rates_timer = QtCore.QTimer(self)
        self._rates_timer.setSingleShot(True)
        self._rates_timer.setInterval(round(RATES_INTERVAL * 1000))
        self._rates_timer.timeout.connect(self._show_rates)
        self._curvature_at: tuple = (None, None)
        self._replaying: int | None = None  # the step the status line says is being replayed
        self.retranslate()
        retranslate_on_change(self, self.retranslate)
        self._show_curvature()
        worker = self.worker
        self.destroyed.connect(lambda *_: worker.close())

    def retranslate(self) -> None:
        """Set the dock's texts in the window's language (the racer, the step and the race stay)."""
        self.setWindowTitle(tr("Inspector"))
        self.racer_label.setText(tr("Racer"))
        self.step_label.setText(tr("Step"))
        self.prev_button.setToolTip(tr("One step back ( , )"))
        self.step.setSpecialValueText(tr("start"))
        self.step.setToolTip(
            tr("The step to look inside: the update from position step − 1 to position step (start: before any step)")
        )
        self.next_button.setToolTip(tr("One step on ( . )"))
        self.scrubber.setToolTip(tr("Scrub through the race's steps (Home / End: first / last)"))
        self.table.setHorizontalHeaderLabels(["", tr("before"), tr("after"), tr("holds")])
        self.equations.setPlaceholderText(tr("Take a step, then pick it here to see the update written out."))
        self.arrows_legend.setText(
            tr(
                "On the map, from θ (same length, to compare directions): "
                "<span style='color:#505050'>━ −g steepest descent</span>  "
                "<span style='color:#7e2f8e'>━ −m momentum</span>  "
                "<span style='color:#008080'>━ −η⊙g per-parameter rates</span>  ━ Δθ the update (racer's colour); "
                "dashed: the Hessian's eigen-directions, <span style='color:#006ec8'>λmin</span> and "
                "<span style='color:#c83c00'>λmax</span>"
            )
        )
        self.use_gd.setText(tr("Use GD optimum"))
        self.use_gd.setToolTip(tr("Make the racer SGD with lr* = 2 / (λmin + λmax) (restarts the race)"))
        self.use_momentum.setText(tr("Use momentum optimum"))
        self.use_momentum.setToolTip(
            tr(
                "Make the racer heavy-ball momentum with lr* = (2 / (√λmin + √λmax))² and "
                "β* = ((√κ − 1) / (√κ + 1))² (Goh 2017; restarts the race)"
            )
        )
        self.rates_title.setText(
            tr(
                "Linear rate (error × r per step): predicted for each racer's settings on the start's local "
                "quadratic, and observed in the race"
            )
        )
        self.rates.setHorizontalHeaderLabels([tr("racer"), tr("predicted"), tr("observed")])
        self.rates.setToolTip(
            tr(
                "predicted: the spectral radius of the racer's fixed update on the quadratic model at the start "
                "(SGD, momentum, Nesterov; — for optimizers that adapt their rates); observed: "
                "(|θ_n − θ*| / |θ_m − θ*|)^(1/(n − m)) over the race so far, toward the nearest known minimum"
            )
        )
        if self.status.text() and self._replaying is not None:
            self._say(_replaying_text(self._replaying))
        if self.seen is not None:
            self._fill_state(self.seen)
            self.equations.setPlainText("\n".join(tr_equation(str(eq)) for eq in self.seen.equations))
        self._show_curvature(*self._curvature_at)

    # ------------------------------------------------------------- the race
    def set_race(self, config, surface, steps_taken: list[int], positions=None) -> None:
        """The race to look into (its config, surface and each racer's steps so far); ``positions(index)``,
        if given, returns a racer's recorded path (for the observed rate beside the predicted ones)."""
        self.positions = positions
        self._generation += 1  # answers to requests about the race before are not shown
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
        self._show_rates()
        self._timer.start()

    def set_steps(self, steps_taken: list[int]) -> None:
        """The race moved on: the scrubber reaches the selected racer's last step (the chosen step stays)."""
        self.steps_taken = list(steps_taken)
        last = self.steps_taken[self.racer.currentIndex()] if self.steps_taken and self.racer.currentIndex() >= 0 else 0
        changed = last != self.step.maximum()
        for w in (self.step, self.scrubber):
            w.blockSignals(True)
            w.setMaximum(last)
            w.blockSignals(False)
        if changed:
            self.rangeChanged.emit(last)
        if self.step.value() > last:
            self.step.setValue(last)
        if time.monotonic() - self._rates_at >= RATES_INTERVAL:
            self._show_rates()
        elif not self._rates_timer.isActive():  # and once more after the last step of a burst
            self._rates_timer.start()

    def move(self, delta: int) -> None:
        self.go_to(self.step.value() + delta)

    def go_to(self, step: int) -> None:
        self.step.setValue(max(0, min(self.step.maximum(), step)))

    def _racer_changed(self, _index: int) -> None:
        self.set_steps(self.steps_taken)
        self._timer.start()

    def _step_changed(self, _step: int) -> None:
        self._timer.start()

    # ------------------------------------------------------------ computing
    def refresh(self) -> None:
        """Show the selected racer at the selected step: asked of the worker thread (the answer comes back
        to :meth:`_show_delivered`); step 0 (the start) at once."""
        index, step = self.racer.currentIndex(), self.step.value()
        if self.config is None or index < 0 or step < 1:
            self.seen = None
            self._shown = self.worker.requested  # any answer still on its way is older than this
            self._say("")
            self.table.setRowCount(0)
            self.equations.setPlainText("")
            self._show_step_parts(False)  # the start: no step to show, the curvature there in view
            point = None if self.config is None else self.config.start
            self._show_curvature(point, None)
            self.stepPicked.emit(max(index, 0), 0)
            return
        number = self.worker.request(self.config, index, step)
        self._requests[number] = (self._generation, index, step)
        QtCore.QTimer.singleShot(150, lambda: self._say_replaying(number))

    def _say_replaying(self, number: int) -> None:
        if number in self._requests and number > self._shown:
            step = self._requests[number][2]
            self._replaying = step
            self._say(_replaying_text(step))

    def _show_step_parts(self, on: bool) -> None:
        for widget in (self.table, self.equations, self.arrows_legend):
            widget.setVisible(on)

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    @property
    def busy(self) -> bool:
        """Whether an asked-for step is still being replayed."""
        return self._timer.isActive() or any(n > self._shown for n in self._requests)

    def _show_delivered(self, number: int, seen, error) -> None:
        asked = self._requests.pop(number, None)
        for old in [n for n in self._requests if n < number]:
            del self._requests[old]  # replaced by a newer request: never answered
        if asked is None or number < self._shown or asked[0] != self._generation:
            return
        _generation, index, step = asked
        if index != self.racer.currentIndex():
            return
        self._shown = number
        self._show_step_parts(True)
        if not self._requests:
            self._say("")
        self.seen = seen
        if seen is None:
            self.table.setRowCount(0)
            self.equations.setPlainText(str(error))
            self._show_curvature(None, None)
            return
        self._fill_state(seen)
        self.equations.setPlainText("\n".join(tr_equation(str(eq)) for eq in seen.equations))
        self._show_curvature(seen.theta, step)
        self.stepPicked.emit(index, step)

    def _fill_state(self, seen) -> None:
        """The step's table: θ, g, lr, the optimizer's state before and after, the effective lr."""
        rows = [
            ("θ", vec(seen.theta), vec(seen.new_theta), tr("parameters")),
            ("g", vec(seen.grad), "", tr("gradient given to the optimizer")),
            ("lr", num(seen.lr), "", tr("learning rate in effect")),
        ]
        for name in seen.state_after:
            before, after = _show(seen.state_before[name]), _show(seen.state_after[name])
            rows.append((name, before, after, tr_state_doc(seen.state_doc.get(name, ""))))
        rows.append((tr("effective lr"), "", vec(seen.effective_lr), tr("per parameter")))
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QtWidgets.QTableWidgetItem(text)
                if c == 3:
                    item.setToolTip(text)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()

    def _show_curvature(self, point=None, step: int | None = None) -> None:
        """The curvature at ``point``: θ of ``step`` (None: the start point)."""
        self.curvature = None
        self._curvature_at = (point, step)
        text = "—"
        if point is None:
            self.curvature_box.setTitle(tr("Local curvature"))
        elif step is None:
            self.curvature_box.setTitle(
                tr("Local curvature at the start {point}").format(point=vec(np.asarray(point, dtype=float)))
            )
        else:
            self.curvature_box.setTitle(tr("Local curvature at θ of step {step} (where it started)").format(step=step))
        if point is not None and self.surface is not None and hasattr(self.surface, "hessian"):
            try:
                self.curvature = c = local_curvature(self.surface, point)
            except ValueError as exc:
                text = str(exc)
            else:
                lo, hi = c.eigenvalues
                lines = [f"{tr(c.kind)}: λ = {num(lo)}, {num(hi)}"]
                if c.max_stable_lr is not None:
                    lines.append(tr("gradient descent stable for lr < 2/λmax = {lr}").format(lr=num(c.max_stable_lr)))
                if c.positive_definite:
                    assert c.gd_lr is not None and c.gd_rate is not None and c.momentum_rate is not None
                    lines.append(f"κ = {num(c.kappa)}")
                    lines.append(
                        tr("GD optimum: lr* = {lr}, error × {rate} per step").format(
                            lr=num(c.gd_lr), rate=num(c.gd_rate)
                        )
                    )
                    lines.append(
                        tr("momentum optimum: lr* = {lr}, β* = {beta}, error × {rate} per step").format(
                            lr=num(c.momentum_lr), beta=num(c.momentum), rate=num(c.momentum_rate)
                        )
                    )
                    lines.append(
                        tr("steps per e-fold of the error: GD {gd}, momentum {momentum}").format(
                            gd=_steps(c.gd_rate), momentum=_steps(c.momentum_rate)
                        )
                    )
                else:
                    lines.append(tr("no optimal fixed settings: the local quadratic has no minimum"))
                text = "\n".join(lines)
        self.curvature_text.setText(text)
        ok = self.curvature is not None and self.curvature.positive_definite and self.racer.currentIndex() >= 0
        self.use_gd.setEnabled(ok)
        self.use_momentum.setEnabled(ok)

    def rate_rows(self) -> list[tuple[str, float | None, float | None]]:
        """(racer, predicted rate, observed rate) for every racer: predicted for its settings on the local
        quadratic at the start point, observed toward the nearest known minimum over its path so far."""
        if self.config is None or self.surface is None:
            return []
        try:
            start = local_curvature(self.surface, self.config.start)
        except ValueError:
            start = None
        minima = getattr(self.surface, "minima", ()) or ()
        rows = []
        for index, racer in enumerate(self.config.racers):
            try:
                predicted = None if start is None else start.predicted_rate(racer.optimizer, racer.resolved())
            except ValueError:
                predicted = None
            observed = None
            if self.positions is not None and minima:
                path = np.asarray(self.positions(index), dtype=float).reshape(-1, 2)
                if len(path) >= 6 and np.isfinite(path[-1]).all():
                    target = min(minima, key=lambda m: float(np.hypot(*(np.asarray(m.point) - path[-1])))).point
                    rate = observed_rate(path, target)
                    observed = rate if math.isfinite(rate) else None
            rows.append((racer.name, predicted, observed))
        return rows

    def _show_rates(self) -> None:
        self._rates_timer.stop()
        self._rates_at = time.monotonic()
        rows = self.rate_rows()
        self.rates.setRowCount(len(rows))
        for r, (name, predicted, observed) in enumerate(rows):
            for c, text in enumerate((name, _rate(predicted), _rate(observed))):
                item = self.rates.item(r, c)
                if item is None:
                    self.rates.setItem(r, c, QtWidgets.QTableWidgetItem(text))
                elif item.text() != text:
                    item.setText(text)
        self.rates.resizeColumnToContents(0)
        header = self.rates.horizontalHeader().height() + 2 * self.rates.frameWidth()
        self.rates.setFixedHeight(header + self.rates.verticalHeader().defaultSectionSize() * max(1, min(len(rows), 6)))

    def _use(self, optimizer: str) -> None:
        c = self.curvature
        if c is None or not c.positive_definite:
            return
        self.useSettings.emit(self.racer.currentIndex(), optimizer, dict(c.settings()[optimizer]))


def _replaying_text(step: int) -> str:
    return tr("replaying to step {step}…  (once per racer; later looks are quick)").format(step=step)


def _show(v) -> str:
    if v is None:
        return "-"
    if isinstance(v, int):
        return str(v)
    return vec(v)


def _rate(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.4g}"


def _steps(rate: float) -> str:
    """Steps for the error to shrink by e at a linear rate."""
    if rate <= 0:
        return "1"
    return f"{-1.0 / math.log(rate):.3g}" if rate < 1 else "∞"

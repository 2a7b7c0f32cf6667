"""LossPanel: every racer's loss per step."""

from __future__ import annotations

import numpy as np
from PySide6 import QtGui, QtWidgets

from gui.i18n import QT_TRANSLATE_NOOP, tr

from .racer_legend import racer_pen
from .step_panel import StepPanel

GAP, LOG, LINEAR = "gap", "log", "linear"


class LossPanel(StepPanel):
    """Loss per step, log scale by default.

    On the log scales, values above a million times the largest starting value
    are not drawn (a diverging racer's line leaves the top of the chart) so the
    others stay readable; the leaderboard still shows the true value.

    Modes: ``gap`` plots f - f* on a log axis (surfaces with a known minimum
    value f*; exact zeros are drawn at a floor of 1e-16 (1 + |f*|)); ``log``
    plots f itself on a log axis (only where f > 0); ``linear`` plots f.
    Surfaces without a known minimum (saddles) start in ``linear``.
    """

    def __init__(self, parent=None):
        modes = [
            (GAP, QT_TRANSLATE_NOOP("", "f − f*  (log)"), QT_TRANSLATE_NOOP("",
             "The gap to the surface's global minimum value f*, on a log axis: how many "
             "decades each racer still has to go (the surface's known f* is in the Surface dock).")),
            (LOG, QT_TRANSLATE_NOOP("", "f  (log)"),
             QT_TRANSLATE_NOOP("", "The loss itself on a log axis (values at or below 0 leave the chart).")),
            (LINEAR, QT_TRANSLATE_NOOP("", "f  (linear)"),
             QT_TRANSLATE_NOOP("", "The loss itself on a linear axis: differences near the minimum look flat.")),
        ]  # fmt: skip
        super().__init__(QT_TRANSLATE_NOOP("", "Loss"), modes, parent)
        self.setObjectName("LossPanel")
        # while playing, every other frame (15 a second at the timer's 60), taking turns with the
        # learning-rate panel: each frame then draws the map and one of the two
        self.paint_every = 2
        self.f_min: float | None = None
        self.cap = np.inf  # log modes: values above this leave the top of the chart
        self.show_batch = QtWidgets.QCheckBox()
        self.show_batch.setObjectName("showBatchLoss")
        self.show_batch.setChecked(True)
        self.header.insertWidget(2, self.show_batch)
        self.show_batch.hide()
        self.show_batch.toggled.connect(self._batch_toggled)
        self.modeChanged.connect(self._apply_mode)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.show_batch.setText(tr("mini-batch loss"))
        self.show_batch.setToolTip(
            tr("Also draw, fainter, the mini-batch loss each racer actually saw (racers with batch_size > 0)")
        )
        self._apply_mode(self.mode)

    def set_surface(self, surface) -> None:
        self.f_min = surface.f_min
        model = self.mode_box.model()
        gap_item = model.item(self.mode_box.findData(GAP))
        gap_item.setEnabled(self.f_min is not None)
        log_item = model.item(self.mode_box.findData(LOG))
        log_item.setEnabled(self.f_min is None or self.f_min >= 0)
        if self.f_min is None:
            self.set_mode(LINEAR)
        elif self.mode != GAP and surface.contour == "log":
            self.set_mode(GAP)
        elif not model.item(self.mode_box.currentIndex()).isEnabled():
            self.set_mode(GAP)
        self._apply_mode(self.mode)

    def _apply_mode(self, mode: str) -> None:
        self.set_log_y(mode in (GAP, LOG))
        label = {GAP: "f − f*", LOG: "f", LINEAR: "f"}[mode]
        self.plot.setLabel("left", label)
        self.title.setText(tr("Loss gap f − f*") if mode == GAP else tr("Loss f"))

    def transform_batch(self, y: np.ndarray) -> np.ndarray:
        """Mini-batch losses: a batch can sit below the full-data minimum; on the gap
        scale such values are left out instead of drawn at the floor."""
        out = self.transform(y)
        if self.mode == GAP and self.f_min is not None:
            with np.errstate(invalid="ignore"):
                out[~(y > self.f_min)] = np.nan
        return out

    def transform(self, y: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            if self.mode == GAP and self.f_min is not None:
                floor = 1e-16 * (1 + abs(self.f_min))
                out = np.maximum(y - self.f_min, floor)
            elif self.mode == LOG:
                out = np.where(y > 0, y, np.nan)
            else:
                out = y.copy()
            out[~np.isfinite(out) | (np.abs(out) > 1e300)] = np.nan
            if self.mode != LINEAR:
                out[out > self.cap] = np.nan
        return out

    @staticmethod
    def pens(racer):
        """The racer's line, and a faint one for mini-batch losses: its colour at 70/255 over the
        white plot, mixed beforehand (an opaque pen: the curve is drawn as overlapping segments)."""
        faint = racer_pen(racer.color, 1)
        c, a = faint.color(), 70 / 255
        faint.setColor(QtGui.QColor(*(round(255 - (255 - v) * a) for v in (c.red(), c.green(), c.blue()))))
        return [racer_pen(racer.color, 2), faint]

    def set_racers(self, racers) -> None:
        self.show_batch.setVisible(any(r.options.get("batch_size") for r in racers))
        if self.reuse_racers(racers):
            self._batch_toggled(self.show_batch.isChecked())
            return
        self.clear_racers()
        for i, racer in enumerate(racers):
            pen, faint = self.pens(racer)
            curve = self.new_curve(pen, i + 100, self.transform)
            batch = self.new_curve(faint, i, self.transform_batch)
            curve.set_visible(racer.visible)
            batch.set_visible(racer.visible and self.show_batch.isChecked())
            self.curves.append([curve, batch])
            self.add_legend_entry(racer)

    def update_curves(self, runners) -> None:
        self.frame_started()
        if runners and all(r.steps == 0 for r in runners):
            # a diverging racer's blow-up (1e16 and more) would squash every other curve:
            # the log axis stops at a million times the largest starting value
            start = max(float(np.nan_to_num(r.losses[0, 0], nan=0.0, posinf=0.0)) for r in runners)
            base = start - (self.f_min or 0.0) if self.mode == GAP else start
            self.cap = 1e6 * base if base > 0 else np.inf
        for (curve, batch), runner in zip(self.curves, runners):
            n = runner.steps + 1
            steps, stride = self._steps(n), self.stride(n)
            curve.update(steps, runner.losses[:, 0], n, stride)
            if runner.options.batch_size:
                batch.update(steps, runner.batch_losses[:, 0], n - 1 if n > 1 else 0, stride)

    def set_racer_visible(self, index: int, visible: bool) -> None:
        curve, batch = self.curves[index]
        curve.set_visible(visible)
        batch.set_visible(visible and self.show_batch.isChecked())
        self.legend.set_shown(index, visible)

    def _batch_toggled(self, on: bool) -> None:
        for curve, batch in self.curves:
            batch.set_visible(on and curve.visible)

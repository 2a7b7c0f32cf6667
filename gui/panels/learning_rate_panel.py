"""LearningRatePanel: each racer's per-parameter effective learning rate per step."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui

from gui.i18n import QT_TRANSLATE_NOOP, tr

from .racer_legend import racer_pen
from .step_panel import StepPanel

OWN, OBSERVED = "own", "observed"
#: what each "Show:" choice means (the choice's tooltip here and in View > Learning rate), in English:
#: shown through tr()
MODE_TIPS = {
    OWN: QT_TRANSLATE_NOOP(
        "",
        "The learning rate the optimizer itself applies to each parameter at each step: lr for SGD, "
        "lr / (√v̂ + ε) for Adam and the other adaptive methods (the rule of each optimizer is in its tooltip). "
        "It leaves out momentum.",
    ),
    OBSERVED: QT_TRANSLATE_NOOP(
        "",
        "The step actually taken per unit of gradient, |−Δθ / g|, per parameter: comparable across every "
        "optimizer, momentum included (a step against the gradient shows as a spike).",
    ),
}


class LearningRatePanel(StepPanel):
    """Per-parameter learning rate per step on a log axis; x in the racer's line, y dotted.

    ``own``: the optimizer's own effective rate (the factor it multiplies its
    momentum-gradient by; engine.optimizers documents each). ``observed``:
    |−Δθ / g|, the step actually taken per unit of the previous gradient, which
    compares across all optimizers, momentum included (its sign is dropped for
    the log axis; a step against the gradient shows as a spike).
    """

    def __init__(self, parent=None):
        super().__init__(
            QT_TRANSLATE_NOOP("", "Effective learning rate"),
            [
                (OWN, QT_TRANSLATE_NOOP("", "optimizer's own rate"), MODE_TIPS[OWN]),
                (OBSERVED, QT_TRANSLATE_NOOP("", "observed |Δθ / g|"), MODE_TIPS[OBSERVED]),
            ],
            parent,
        )
        self.setObjectName("LearningRatePanel")
        self.paint_every = 2  # while playing, every other frame: the rates change slowly...
        self.paint_phase = 1  # ...taking turns with the loss panel
        self.set_log_y(True)
        self.modeChanged.connect(self._apply_mode)
        self._obs: list[np.ndarray] = []
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self._apply_mode(self.mode)

    def _apply_mode(self, mode: str) -> None:
        self.title.setText(tr("Learning rate · x: racer's line, y: dotted"))
        # short: a short plot clips a long label
        self.plot.setLabel("left", tr("own lr") if mode == OWN else "|Δθ / g|")

    @staticmethod
    def transform(y: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            out = np.abs(y)
            out[~np.isfinite(out) | (out <= 0) | (out > 1e300)] = np.nan
        return out

    @staticmethod
    def pens(racer):
        dotted = racer_pen(racer.color, 2)
        dotted.setStyle(QtCore.Qt.PenStyle.DotLine)
        return [racer_pen(racer.color, 2), dotted]

    def set_racers(self, racers) -> None:
        self._obs_n = [0 for _ in racers]
        if self.reuse_racers(racers):
            return
        self.clear_racers()
        for i, racer in enumerate(racers):
            solid, dashed = self.pens(racer)
            group = [
                self.new_curve(solid, i, self.transform),
                self.new_curve(dashed, i, self.transform),
            ]
            for curve in group:
                curve.set_visible(racer.visible)
            self.curves.append(group)
        # racers are named in the loss panel's legend (same colours); here only the line styles
        grey = QtGui.QColor(70, 70, 70)
        self.legend.set_entries(
            [
                (pg.PlotDataItem(pen=pg.mkPen(grey, width=2)), "x", True),
                (pg.PlotDataItem(pen=pg.mkPen(grey, width=2, style=QtCore.Qt.PenStyle.DotLine)), "y", True),
            ]
        )
        self._obs = [np.full((0, 2), np.nan) for _ in racers]
        self._obs_n = [0 for _ in racers]

    def remove_racer(self, index: int) -> None:
        super().remove_racer(index)
        for buffers in (self._obs, self._obs_n):
            if index < len(buffers):
                del buffers[index]

    def _observed(self, i: int, runner, n: int) -> np.ndarray:
        """-Δθ_t / g_{t-1} for rows [0, n), computed only for rows not done yet."""
        buf = self._obs[i]
        if len(buf) < n:
            new = np.full((max(n, 2 * len(buf), 256), 2), np.nan)
            new[: len(buf)] = buf
            self._obs[i] = buf = new
        done = self._obs_n[i]
        if n > done:
            lo = max(done, 1)
            pos, grads = runner.positions[:, 0], runner.gradients[:, 0]
            with np.errstate(all="ignore"):
                buf[lo:n] = -(pos[lo:n] - pos[lo - 1 : n - 1]) / grads[lo - 1 : n - 1]
            self._obs_n[i] = n
        return buf

    def update_curves(self, runners) -> None:
        self.frame_started()
        for i, (group, runner) in enumerate(zip(self.curves, runners)):
            n = runner.steps + 1
            if n < self._obs_n[i]:
                self._obs_n[i] = 0
            data = runner.effective_lr[:, 0] if self.mode == OWN else self._observed(i, runner, n)
            steps, stride = self._steps(n), self.stride(n)
            group[0].update(steps, data[:, 0], n, stride)
            group[1].update(steps, data[:, 1], n, stride)

"""The network race's per-step panels: loss (train and test), test accuracy, and the effective
learning rate per layer as a band (10-90% quantiles around the median), one colour per racer.

They draw what the network racers recorded (``problems.NetworkRunner``: ``batch_losses``,
``eval_steps``, ``evals``, ``lr_quantiles``); nothing is computed here but masks and slices.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from gui.i18n import QT_TRANSLATE_NOOP, retranslate_on_change, tr

from .log_axis import LogAxis
from .racer_legend import racer_pen


def _frame(
    title: str, parent=None, log_y: bool = False
) -> tuple[QtWidgets.QWidget, QtWidgets.QHBoxLayout, pg.PlotItem, pg.PlotWidget]:
    box = QtWidgets.QWidget(parent)
    layout = QtWidgets.QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    row = QtWidgets.QHBoxLayout()
    row.setContentsMargins(6, 2, 6, 0)
    label = QtWidgets.QLabel(title)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    row.addWidget(label)
    row.addStretch(1)
    layout.addLayout(row)
    axes = {"left": LogAxis("left")} if log_y else {}
    widget = pg.PlotWidget(background="w", enableMenu=False, axisItems=axes)
    plot = widget.plotItem
    plot.setMenuEnabled(False)
    plot.getAxis("left").enableAutoSIPrefix(False)
    plot.setLogMode(y=log_y)
    plot.layout.setContentsMargins(2, 10, 8, 2)
    layout.addWidget(widget, 1)
    return box, row, plot, widget


def _positive(y: np.ndarray) -> np.ndarray:
    out = np.array(y, dtype=float)
    with np.errstate(invalid="ignore"):
        out[~(out > 0) | ~np.isfinite(out)] = np.nan
    return out


class _RacerPanel(QtWidgets.QWidget):
    def __init__(self, title: str, parent=None, log_y: bool = False, legend_at=(-8, 8)):
        super().__init__(parent)
        box, self.header, self.plot, self.plot_widget = _frame("", self, log_y)
        self.title = box.findChild(QtWidgets.QLabel)
        self.title_source = title  # English (shown through tr)
        self.y_label = ""  # English, set by each panel (shown through tr)
        outer = QtWidgets.QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(box)
        self.legend = self.plot.addLegend(offset=legend_at, labelTextSize="8pt")
        self.racers: list[tuple[str, str]] = []
        retranslate_on_change(self, lambda: self.retranslate())

    def retranslate(self) -> None:
        """Set the panel's words in the window's language (the curves stay)."""
        self.title.setText(tr(self.title_source))
        self.plot.setLabel("bottom", tr("step"))
        self.plot.setLabel("left", tr(self.y_label))

    def set_racers(self, racers: list[tuple[str, str]]) -> None:
        """(label, colour) per racer: the curves are made anew."""
        self.plot.clear()
        self.legend.clear()
        self.racers = list(racers)
        self._make_items()

    def _make_items(self) -> None:  # pragma: no cover - each panel makes its own
        raise NotImplementedError


class NetworkLossPanel(_RacerPanel):
    """Loss per step, log scale: each racer's mini-batch loss (thin, faint) and its test loss
    (thick, with a dot on each evaluation step)."""

    def __init__(self, parent=None):
        super().__init__(QT_TRANSLATE_NOOP("", "Loss: mini-batch (faint) and test (dots)"), parent, log_y=True)
        self.setObjectName("NetworkLossPanel")
        self.y_label = QT_TRANSLATE_NOOP("", "cross-entropy")
        self.retranslate()
        self.batch_curves: list[pg.PlotDataItem] = []
        self.test_curves: list[pg.PlotDataItem] = []

    def _make_items(self) -> None:
        self.batch_curves, self.test_curves = [], []
        for label, color in self.racers:
            batch = pg.PlotDataItem(pen=racer_pen(color, 1.0, alpha=90), connect="finite")
            test = pg.PlotDataItem(
                pen=racer_pen(color, 2.5), symbol="o", symbolSize=4, symbolBrush=color, symbolPen=None, name=label
            )
            self.plot.addItem(batch)
            self.plot.addItem(test)
            self.batch_curves.append(batch)
            self.test_curves.append(test)

    def update_from(self, runners, test: bool = True) -> None:
        """The mini-batch curves; the test curves too unless ``test`` is False (no new evaluation)."""
        for runner, batch, test_curve in zip(runners, self.batch_curves, self.test_curves):
            y = runner.batch_losses
            batch.setData(np.arange(1, len(y)), _positive(y[1:]))
            if test:
                test_curve.setData(runner.eval_steps, _positive(runner.evals[:, 0]))


class NetworkAccuracyPanel(_RacerPanel):
    """Test accuracy (%) on each evaluation step."""

    def __init__(self, parent=None):
        # bottom right: curves rise to the top
        super().__init__(QT_TRANSLATE_NOOP("", "Test accuracy"), parent, legend_at=(-8, -8))
        self.setObjectName("NetworkAccuracyPanel")
        self.y_label = QT_TRANSLATE_NOOP("", "accuracy (%)")
        self.retranslate()
        self.plot.setYRange(0, 100, padding=0.02)
        self.curves: list[pg.PlotDataItem] = []

    def _make_items(self) -> None:
        self.curves = []
        for label, color in self.racers:
            curve = pg.PlotDataItem(
                pen=racer_pen(color, 2.0), symbol="o", symbolSize=4, symbolBrush=color, symbolPen=None, name=label
            )
            self.plot.addItem(curve)
            self.curves.append(curve)

    def update_from(self, runners) -> None:
        for runner, curve in zip(runners, self.curves):
            curve.setData(runner.eval_steps, 100.0 * runner.evals[:, 1])


class NetworkLearningRatePanel(_RacerPanel):
    """The optimizer's own effective learning rate in one layer (chosen in the header): each
    racer's median over the layer's parameters, and a band from the 10% to the 90% quantile."""

    layerChanged = QtCore.Signal(int)

    def __init__(self, parent=None):
        super().__init__(
            QT_TRANSLATE_NOOP("", "Effective learning rate per layer (median, 10-90% band)"), parent, log_y=True
        )
        self.setObjectName("NetworkLearningRatePanel")
        self.y_label = QT_TRANSLATE_NOOP("", "own lr")
        self.layer_label = QtWidgets.QLabel()
        self.header.addWidget(self.layer_label)
        self.layer_box = QtWidgets.QComboBox()
        self.layer_box.setObjectName("layer")
        self.layer_box.currentIndexChanged.connect(self._layer_changed)
        self.header.addWidget(self.layer_box)
        self.medians: list[pg.PlotDataItem] = []
        self.bands: list[pg.FillBetweenItem] = []
        self._edges: list[tuple[pg.PlotDataItem, pg.PlotDataItem]] = []
        self._runners: list = []
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.layer_label.setText(tr("Layer:"))

    @property
    def layer(self) -> int:
        return max(self.layer_box.currentIndex(), 0)

    def set_layers(self, names: list[str]) -> None:
        self.layer_box.blockSignals(True)
        self.layer_box.clear()
        self.layer_box.addItems(names)
        self.layer_box.blockSignals(False)

    def _make_items(self) -> None:
        self.medians, self.bands, self._edges = [], [], []
        for label, color in self.racers:
            lo = pg.PlotDataItem(pen=racer_pen(color, 0.5, alpha=90))
            hi = pg.PlotDataItem(pen=racer_pen(color, 0.5, alpha=90))
            band = pg.FillBetweenItem(lo, hi, brush=pg.mkBrush(pg.mkColor(color).red(), pg.mkColor(color).green(),
                                                               pg.mkColor(color).blue(), 45))  # fmt: skip
            med = pg.PlotDataItem(pen=racer_pen(color, 2.0), name=label)
            for item in (lo, hi, band, med):
                self.plot.addItem(item)
            self.medians.append(med)
            self.bands.append(band)
            self._edges.append((lo, hi))

    def _layer_changed(self, index: int) -> None:
        if self._runners:
            self.update_from(self._runners)
        self.layerChanged.emit(index)

    def update_from(self, runners) -> None:
        self._runners = list(runners)
        layer = self.layer
        for runner, med, (lo, hi) in zip(runners, self.medians, self._edges):
            q = runner.lr_quantiles
            if layer >= q.shape[1] or len(q) < 2:
                continue
            x = np.arange(1, len(q))
            lo.setData(x, _positive(q[1:, layer, 0]))
            hi.setData(x, _positive(q[1:, layer, 2]))
            med.setData(x, _positive(q[1:, layer, 1]))

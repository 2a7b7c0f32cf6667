"""StepPanel: the common frame of the per-step panels (loss, learning rate):
a title row with a mode selector above a plot whose x axis is the step."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from arena.palette import symbol_for

from .growing_curve import GrowingCurve
from .log_axis import LogAxis


class StepPanel(QtWidgets.QWidget):
    modeChanged = QtCore.Signal(str)

    def __init__(self, title: str, modes: list[tuple[str, str]], parent=None):
        super().__init__(parent)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.header = row = QtWidgets.QHBoxLayout()
        row.setContentsMargins(6, 2, 6, 0)
        self.title = QtWidgets.QLabel(title)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        row.addWidget(self.title)
        row.addStretch(1)
        self.mode_label = QtWidgets.QLabel("Show:")
        row.addWidget(self.mode_label)
        self.mode_box = QtWidgets.QComboBox()
        for key, text in modes:
            self.mode_box.addItem(text, key)
        self.mode_box.currentIndexChanged.connect(lambda _: self.modeChanged.emit(self.mode))
        row.addWidget(self.mode_box)
        layout.addLayout(row)
        self.plot_widget = pg.PlotWidget(background="w", axisItems={"left": LogAxis("left")})
        self.plot = self.plot_widget.plotItem
        self.plot.setMenuEnabled(False)
        # no grid: on a log axis it draws every minor tick, which halved the frame rate in a real window
        self.plot.showGrid(x=False, y=False)
        self.plot.setLabel("bottom", "step")
        self.plot.getAxis("left").enableAutoSIPrefix(False)
        # bottom left: descending curves rarely pass there
        self.legend = self.plot.addLegend(
            offset=(10, -10), labelTextSize="9pt", brush=pg.mkBrush(255, 255, 255, 210), pen=pg.mkPen((180, 180, 180))
        )
        self.marker = pg.InfiniteLine(
            pos=0, angle=90, pen=pg.mkPen((40, 40, 40, 150), width=1, style=QtCore.Qt.PenStyle.DotLine)
        )
        self.marker.setZValue(50)
        self.plot.addItem(self.marker, ignoreBounds=True)
        layout.addWidget(self.plot_widget, 1)
        self.curves: list[list[GrowingCurve]] = []
        self.samples: list[pg.PlotDataItem] = []
        self.steps_x = np.arange(1024, dtype=float)

    @property
    def mode(self) -> str:
        return self.mode_box.currentData()

    def set_mode(self, key: str) -> None:
        i = self.mode_box.findData(key)
        if i >= 0:
            self.mode_box.setCurrentIndex(i)

    def _steps(self, n: int) -> np.ndarray:
        if len(self.steps_x) < n:
            self.steps_x = np.arange(max(n, 2 * len(self.steps_x)), dtype=float)
        return self.steps_x

    def clear_racers(self) -> None:
        for group in self.curves:
            for curve in group:
                curve.release()
        self.curves = []
        self.legend.clear()
        self.samples = []

    def reuse_racers(self, racers) -> bool:
        """Restart the drawn curves of the same racers without rebuilding items.

        Returns False (nothing done) when the racers differ in number, name or
        colour, so the caller rebuilds."""
        signature = [(r.name, r.color) for r in racers]
        if signature != getattr(self, "_signature", None) or len(self.curves) != len(racers):
            self._signature = signature
            return False
        for group, racer in zip(self.curves, racers):
            for curve in group:
                curve.clear()
                curve.set_visible(racer.visible)
        return True

    def add_legend_entry(self, racer) -> None:
        sample = pg.PlotDataItem(
            pen=pg.mkPen(QtGui.QColor(racer.color), width=2.2),
            symbol=symbol_for(racer.color),
            symbolBrush=QtGui.QColor(racer.color),
            symbolPen="w",
            symbolSize=9,
        )
        # an item without data never hands its symbol style to its scatter: set it directly
        color = QtGui.QColor(racer.color)
        sample.scatter.setSymbol(symbol_for(racer.color))
        sample.scatter.setSize(9)
        sample.scatter.setBrush(pg.mkBrush(color))
        sample.scatter.setPen(pg.mkPen("w"))
        self.legend.addItem(sample, racer.name)
        self.samples.append(sample)

    def rename_racer(self, index: int, name: str) -> None:
        if index < len(self.samples):
            sample, label = self.legend.items[index]
            label.setText(name)

    def set_racer_visible(self, index: int, visible: bool) -> None:
        for curve in self.curves[index]:
            curve.set_visible(visible)

    def set_step(self, step: int) -> None:
        self.marker.setValue(step)

    def redraw(self, runners) -> None:
        """Drop what is drawn and draw again (after a mode change)."""
        for group in self.curves:
            for curve in group:
                curve.clear()
        self.update_curves(runners)

    def update_curves(self, runners) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

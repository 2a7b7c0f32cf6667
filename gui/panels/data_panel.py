"""DataPanel: the data behind a data-fit surface, with each racer's current fit.

Linear regression: the scatter of (x, y) and every racer's current line
y = b0 + b1 x. Logistic regression: the two classes in feature space and every
racer's current decision boundary w . x = 0. The true model the data were drawn
from is drawn dashed grey; the least-squares / maximum-likelihood fit (the map's
minimum marker) dotted black. Lines move as the race runs (two points per racer
per frame).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets


class DataPanel(QtWidgets.QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("DataPanel")
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.message = QtWidgets.QLabel(
            "The data panel shows the data of the data-fit surfaces (linear_regression, logistic_regression)."
        )
        self.message.setWordWrap(True)
        self.message.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        self.message.setStyleSheet("color: #666; padding: 12px;")
        layout.addWidget(self.message)
        self.plot_widget = pg.PlotWidget(background="w", enableMenu=False)
        self.plot = self.plot_widget.plotItem
        self.plot.setMenuEnabled(False)
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        layout.addWidget(self.plot_widget, 1)
        self.points = [
            pg.ScatterPlotItem(size=6, pen=pg.mkPen((70, 70, 70)), brush=pg.mkBrush(160, 160, 160, 150)),
            pg.ScatterPlotItem(size=7, symbol="x", pen=pg.mkPen((20, 20, 20), width=1.5), brush=pg.mkBrush(20, 20, 20)),
        ]
        for item in self.points:
            self.plot.addItem(item)
        self.truth = pg.PlotCurveItem(pen=pg.mkPen((120, 120, 120), width=1.5, style=QtCore.Qt.PenStyle.DashLine))
        self.best = pg.PlotCurveItem(pen=pg.mkPen((0, 0, 0), width=1.5, style=QtCore.Qt.PenStyle.DotLine))
        self.plot.addItem(self.truth)
        self.plot.addItem(self.best)
        self.lines: list[pg.PlotCurveItem] = []
        self.data = None
        self.surface = None
        self._show(False)

    def _show(self, has_data: bool) -> None:
        self.message.setVisible(not has_data)
        self.plot_widget.setVisible(has_data)

    def set_surface(self, surface) -> None:
        self.surface = surface
        self.data = data = getattr(surface, "data", None)
        self._show(data is not None)
        if data is None:
            return
        (x0, x1), (y0, y1) = data.extent
        if data.kind == "linear":
            self.plot.setTitle(f"Data: {data.n} points and each racer's line y = b₀ + b₁ x")
            self.plot.setLabel("bottom", "x")
            self.plot.setLabel("left", "y")
            self.points[0].setData(data.x, data.y)
            self.points[1].setData([], [])
        else:
            self.plot.setTitle(f"Data: {data.n} points (○ label 0, × label 1) and each racer's boundary w·x = 0")
            self.plot.setLabel("bottom", "feature 1")
            self.plot.setLabel("left", "feature 2")
            zero, one = data.y == 0, data.y == 1
            self.points[0].setData(data.x[zero, 0], data.x[zero, 1])
            self.points[1].setData(data.x[one, 0], data.x[one, 1])
        for item, p in (
            (self.truth, data.true_params),
            (self.best, surface.minima[0].point if surface.minima else None),
        ):
            if p is None:
                item.setData([], [])
            else:
                ends = data.boundary_points(np.asarray(p, dtype=float))
                item.setData(ends[:, 0], ends[:, 1], connect="finite")
        self.plot.setAspectLocked(data.kind == "logistic")
        self.plot.vb.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0.02)

    def set_racers(self, racers) -> None:
        for line in self.lines:
            self.plot.removeItem(line)
        self.lines = []
        for racer in racers:
            line = pg.PlotCurveItem(pen=pg.mkPen(QtGui.QColor(racer.color), width=2.5))
            line.setVisible(racer.visible)
            line.setZValue(10)
            self.plot.addItem(line)
            self.lines.append(line)

    def set_racer_visible(self, index: int, visible: bool) -> None:
        self.lines[index].setVisible(visible)

    def update_fits(self, runners) -> None:
        """Each racer's line from its current parameters."""
        if self.data is None or not self.isVisible():
            return
        for line, runner in zip(self.lines, runners):
            p = runner.positions[-1, 0]
            if np.isfinite(p).all():
                ends = self.data.boundary_points(p)
                line.setData(ends[:, 0], ends[:, 1], connect="finite")
            else:
                line.setData([], [])

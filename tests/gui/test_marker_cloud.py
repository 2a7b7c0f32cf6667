"""MarkerCloud, the Data panel's points: one marker stamped at every point in view, in constant
Python time per set; vector markers in an SVG export."""

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6 import QtCore, QtGui

from gui.panels.marker_cloud import MarkerCloud


@pytest.fixture
def plot(qtbot):
    widget = pg.PlotWidget(background="w")
    widget.resize(240, 240)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.plotItem.hideAxis("left")
    widget.plotItem.hideAxis("bottom")
    widget.setRange(xRange=(0, 10), yRange=(0, 10), padding=0)
    return widget


def cloud(x, y):
    item = MarkerCloud(size=9, pen=pg.mkPen((200, 0, 0), width=1.5), brush=pg.mkBrush(200, 0, 0))
    item.setData(x, y)
    return item


def pixel(widget, image, x, y) -> QtGui.QColor:
    point = widget.plotItem.vb.mapViewToScene(QtCore.QPointF(x, y))
    device = widget.mapFromScene(point)
    return image.pixelColor(device.x(), device.y())


def test_points_are_drawn_where_they_are_and_nowhere_else(qtbot, plot):
    item = cloud([2.0, 8.0, np.nan, 30.0], [2.0, 7.0, 1.0, 30.0])  # a NaN and a point far outside the view
    plot.addItem(item)
    qtbot.wait(20)
    image = plot.grab().toImage()
    for x, y in ((2.0, 2.0), (8.0, 7.0)):
        c = pixel(plot, image, x, y)
        assert c.red() > 150 and c.green() < 80, (x, y, c.name())
    for x, y in ((5.0, 5.0), (2.0, 7.0), (8.0, 2.0)):
        assert pixel(plot, image, x, y).name() == "#ffffff", (x, y)


def test_data_bounds_and_data_come_back_as_set():
    item = cloud([1.0, np.nan, 4.0], [3.0, 0.0, -2.0])
    x, y = item.getData()
    assert np.array_equal(x, [1.0, np.nan, 4.0], equal_nan=True) and np.array_equal(y, [3.0, 0.0, -2.0])
    assert item.dataBounds(0) == (1.0, 4.0) and item.dataBounds(1) == (-2.0, 3.0)  # finite points only
    item.setData([], [])
    assert item.dataBounds(0) == (None, None) and item.boundingRect().isEmpty()
    with pytest.raises(ValueError, match="differ in length"):
        item.setData([1.0, 2.0], [1.0])


def test_the_view_fits_the_points(qtbot, plot):
    item = cloud([-3.0, 5.0], [10.0, 40.0])
    plot.addItem(item)
    plot.enableAutoRange()
    plot.plotItem.vb.updateAutoRange()
    (x0, x1), (y0, y1) = plot.plotItem.vb.viewRange()
    assert x0 <= -3.0 and x1 >= 5.0 and y0 <= 10.0 and y1 >= 40.0


def test_an_svg_export_draws_every_point_as_a_vector_marker(qtbot, plot):
    import pyqtgraph.exporters  # noqa: F401 - registers SVGExporter

    def paths(n: int) -> int:
        item = cloud(np.linspace(1, 9, n), np.linspace(1, 9, n))
        plot.addItem(item)
        try:
            svg = pg.exporters.SVGExporter(plot.plotItem).export(toBytes=True).decode()
        finally:
            plot.removeItem(item)
        assert "<image" not in svg or n == 0  # no bitmap stamps
        return svg.count("<path")

    assert paths(7) - paths(0) == 7

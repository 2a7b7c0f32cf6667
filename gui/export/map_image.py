"""Maps as pictures: basin maps, sweeps and trainability boundaries (``arena.maps.MapImage``) drawn with
pyqtgraph, side by side, with axes, titles and a colour key under each; a PNG for ``main.py basins / sweep /
boundary --png`` (offscreen) and the window's map views."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6 import QtCore, QtGui

from arena.maps import MapImage
from export.files import check_target

from ..panels.map_view import add_map
from .png import write_png


def _equal_columns(layout: pg.GraphicsLayout, cols: int, width: float) -> None:
    grid = layout.layout
    for c in range(cols):
        grid.setColumnStretchFactor(c, 1)
        grid.setColumnPreferredWidth(c, width)
        grid.setColumnMaximumWidth(c, width)


def render_maps_png(images: list[MapImage], path: str, width: int = 1600) -> str:
    """Draw ``images`` side by side (at most 3 per row) into a PNG at ``path``; returns the absolute path."""
    from ..app import make_app

    target = check_target(path)
    make_app()
    cols = min(3, len(images))
    rows = -(-len(images) // cols)
    panel = width / cols
    height = int(rows * (min(panel * 0.95, 0.62 * width) + 110))
    view = pg.GraphicsLayoutWidget()
    view.setBackground("w")
    layout = view.ci
    for i, image in enumerate(images):
        add_map(layout, image, 2 * (i // cols), i % cols)
    _equal_columns(layout, cols, (width - 20) / cols)
    view.resize(width, height)
    view.show()  # offscreen: lays the items out
    QtCore.QCoreApplication.processEvents()
    image = QtGui.QImage(width, height, QtGui.QImage.Format.Format_ARGB32)
    image.fill(QtGui.QColor("white"))
    painter = QtGui.QPainter(image)
    try:
        view.scene().render(painter, QtCore.QRectF(0, 0, width, height), view.sceneRect())
    finally:
        painter.end()
    view.close()
    view.deleteLater()
    write_png(image, target, path)
    return target

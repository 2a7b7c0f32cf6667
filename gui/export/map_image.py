"""Maps as pictures: basin maps, sweeps and trainability boundaries (``arena.maps.MapImage``) drawn with
pyqtgraph, side by side, with axes, titles and a colour key under each; a PNG for ``main.py basins / sweep /
boundary --png`` (offscreen) and the window's map views."""

from __future__ import annotations

import html
import math

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui

from arena.maps import MapImage
from export.files import check_target

from ..panels.log_axis import LogAxis
from .png import write_png


def _span(rng: tuple[float, float], n: int, log: bool) -> tuple[float, float]:
    """(start, width) of n cells whose centres run from rng[0] to rng[1]."""
    lo, hi = (math.log10(rng[0]), math.log10(rng[1])) if log else rng
    half = (hi - lo) / (n - 1) / 2 if n > 1 else 0.5
    return lo - half, hi - lo + 2 * half


def _rect(image: MapImage) -> QtCore.QRectF:
    x0, w = _span(image.x_range, image.rgb.shape[1], image.x_log)
    y0, h = _span(image.y_range, image.rgb.shape[0], image.y_log)
    return QtCore.QRectF(x0, y0, w, h)


def key_html(image: MapImage, per_line: int = 2) -> str:
    parts = [
        f'<span style="color:{k.colour}; font-size:14pt">&#9632;</span>&nbsp;{html.escape(k.label)} '
        f"({100 * k.share:.1f}%)"
        for k in image.key
    ]
    lines = ["&nbsp;&nbsp; ".join(parts[i : i + per_line]) for i in range(0, len(parts), per_line)]
    if image.note:
        lines.append(f"<i>{html.escape(image.note)}</i>")
    return "<br>".join(lines)


def add_map(layout: pg.GraphicsLayout, image: MapImage, row: int, col: int) -> pg.PlotItem:
    """A titled plot of ``image`` at (row, col) of ``layout`` with its key below (row + 1)."""
    axes = {side: LogAxis(orientation=side) for side in ("bottom", "left")}  # 1, 2, 5 x 10^k ticks on log axes
    plot = layout.addPlot(row=row, col=col, title=html.escape(image.title), axisItems=axes)
    plot.setLogMode(x=image.x_log, y=image.y_log)
    item = pg.ImageItem(np.ascontiguousarray(image.rgb), axisOrder="row-major")
    item.setRect(_rect(image))
    plot.addItem(item)
    if image.points:
        marks = pg.ScatterPlotItem(
            [p[0] for p in image.points], [p[1] for p in image.points], symbol="x", size=11,
            pen=pg.mkPen("w", width=1.5), brush=pg.mkBrush("k"),
        )  # fmt: skip
        plot.addItem(marks)
    plot.setLabel("bottom", image.x_label)
    plot.setLabel("left", image.y_label)
    for side in ("bottom", "left"):  # "momentum (x0.001)" helps nobody
        plot.getAxis(side).enableAutoSIPrefix(False)
    plot.getViewBox().setRange(rect=_rect(image), padding=0)
    plot.getViewBox().setMouseEnabled(False, False)
    if not (image.x_log or image.y_log):
        plot.getViewBox().setAspectLocked(True)
    key = pg.LabelItem(key_html(image), justify="left", size="9pt")
    layout.addItem(key, row=row + 1, col=col)
    return plot


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

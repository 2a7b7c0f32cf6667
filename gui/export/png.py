"""PNG images of plot items and widgets, painted at high resolution like a screenshot on a sharper screen.

The panel is painted at its on-screen layout into an image whose device-pixel
ratio is ``width / on-screen width``, so text, legends, markers and lines all grow
by the same factor. pyqtgraph's own ``ImageExporter`` is not used: at 2400 px it
leaves the legends at their on-screen size and every line 2 px thin.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from export.files import ExportError, write_bytes

from ..i18n import tr
from .export_mode import export_mode


def new_image(width: int, height: int, scale: float, background: QtGui.QColor) -> QtGui.QImage:
    image = QtGui.QImage(width, height, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
    if image.isNull():
        raise ExportError(tr("not enough memory for a {width} x {height} image").format(width=width, height=height))
    image.setDevicePixelRatio(scale)
    image.fill(background)
    return image


def start_painter(device) -> QtGui.QPainter:
    painter = QtGui.QPainter(device)
    if not painter.isActive():
        raise ExportError(tr("could not start painting the image"))
    hints = QtGui.QPainter.RenderHint
    painter.setRenderHint(hints.Antialiasing, True)
    painter.setRenderHint(hints.TextAntialiasing, True)
    painter.setRenderHint(hints.SmoothPixmapTransform, True)
    return painter


def render_item_image(item: pg.GraphicsItem, width: int | None, background: QtGui.QColor) -> QtGui.QImage:
    """A QImage of one plot item, ``width`` pixels wide (None: its on-screen size)."""
    scene = item.scene()
    source = item.sceneBoundingRect()
    if source.width() < 1 or source.height() < 1:
        raise ExportError(tr("the panel has no size yet (is the window shown?)"))
    width = round(source.width()) if width is None else width
    scale = width / source.width()
    height = max(1, round(source.height() * scale))
    image = new_image(width, height, scale, background)
    with export_mode([scene], background, scale):
        painter = start_painter(image)
        try:
            scene.render(
                painter,
                QtCore.QRectF(0, 0, width / scale, height / scale),
                source,
                QtCore.Qt.AspectRatioMode.IgnoreAspectRatio,
            )
        finally:
            painter.end()
    return image


def window_pieces(window) -> list[tuple[pg.GraphicsView, QtWidgets.QLabel | None]]:
    """The plots of the window's three panels (a graphics view each) and the titles drawn
    above them: what a whole-window image holds (no "Show:" selectors, check boxes or
    splitter handles)."""
    return [
        (window.contour, None),
        (window.loss.plot_widget, window.loss.title),
        (window.lr.plot_widget, window.lr.title),
    ]


def plot_rect(view: pg.GraphicsView, root: QtWidgets.QWidget) -> QtCore.QRect:
    """Where ``view``'s plot item is drawn, in ``root``'s coordinates."""
    item = view.plotItem
    box = view.mapFromScene(item.sceneBoundingRect()).boundingRect()
    return QtCore.QRect(view.viewport().mapTo(root, box.topLeft()), box.size())


def render_window_image(window, width: int | None, background: QtGui.QColor) -> QtGui.QImage:
    """A QImage of the window's three panels as they are laid out (``window.splitter``),
    ``width`` pixels wide: each plot (axes, curves, legend) painted where it sits and the
    panels' titles as text; the widgets around the plots are left out."""
    root = window.splitter
    size = root.size()
    if size.width() < 1 or size.height() < 1:
        raise ExportError(tr("the window has no size yet (is it shown?)"))
    width = size.width() if width is None else width
    scale = width / size.width()
    height = max(1, round(size.height() * scale))
    image = new_image(width, height, scale, background)
    pieces = [(v, t) for v, t in window_pieces(window) if v.isVisibleTo(root) and v.width() > 0 and v.height() > 0]
    with export_mode([v.scene() for v, _ in pieces], background, scale):
        painter = start_painter(image)
        try:
            for view, title in pieces:
                item = view.plotItem
                target = plot_rect(view, root)
                port = view.viewport()
                painter.setClipRect(QtCore.QRect(port.mapTo(root, QtCore.QPoint(0, 0)), port.size()))  # as on screen
                view.scene().render(
                    painter,
                    QtCore.QRectF(target),
                    item.sceneBoundingRect(),
                    QtCore.Qt.AspectRatioMode.IgnoreAspectRatio,
                )
                painter.setClipping(False)
                if title is not None and title.isVisibleTo(root) and title.text():
                    rect = title.contentsRect()
                    rect.moveTopLeft(title.mapTo(root, rect.topLeft()))
                    painter.setFont(title.font())
                    painter.setPen(title.palette().color(QtGui.QPalette.ColorRole.WindowText))
                    painter.drawText(rect, int(title.alignment()), title.text())
        finally:
            painter.end()
    return image


def write_png(image: QtGui.QImage, target: str, shown: str) -> None:
    """Encode in memory, then write with Python's file I/O: a full disk is told as such
    ("no space left on device"), not as libpng's "Write Error"."""
    data = QtCore.QByteArray()
    buffer = QtCore.QBuffer(data)
    buffer.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise ExportError(tr("the PNG exporter failed (returned False)"))
    buffer.close()
    write_bytes(data.data(), target, shown)

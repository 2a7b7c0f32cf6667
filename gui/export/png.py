"""PNG images of plot items and widgets, painted at high resolution like a screenshot on a sharper screen.

The panel is painted at its on-screen layout into an image whose device-pixel
ratio is ``width / on-screen width``, so text, legends, markers and lines all grow
by the same factor. pyqtgraph's own ``ImageExporter`` is not used: at 2400 px it
leaves the legends at their on-screen size and every line 2 px thin.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from export.files import ExportError, write_atomically

from .export_mode import export_mode, view_backgrounds


def new_image(width: int, height: int, scale: float, background: QtGui.QColor) -> QtGui.QImage:
    image = QtGui.QImage(width, height, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
    if image.isNull():
        raise ExportError(f"not enough memory for a {width} x {height} image")
    image.setDevicePixelRatio(scale)
    image.fill(background)
    return image


def start_painter(device) -> QtGui.QPainter:
    painter = QtGui.QPainter(device)
    if not painter.isActive():
        raise ExportError("could not start painting the image")
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
        raise ExportError("the panel has no size yet (is the window shown?)")
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


def render_widget_image(widget: QtWidgets.QWidget, width: int | None, background: QtGui.QColor) -> QtGui.QImage:
    """A QImage of a widget and its children as they are laid out, ``width`` pixels wide.

    The window's own grey background is not painted: the image background is
    white or transparent; a transparent export also clears the plots' white."""
    size = widget.size()
    if size.width() < 1 or size.height() < 1:
        raise ExportError("the window has no size yet (is it shown?)")
    width = size.width() if width is None else width
    scale = width / size.width()
    height = max(1, round(size.height() * scale))
    image = new_image(width, height, scale, background)
    scenes = [v.scene() for v in widget.findChildren(QtWidgets.QGraphicsView) if v.scene() is not None]
    clear = QtGui.QBrush(QtCore.Qt.BrushStyle.NoBrush) if background.alpha() == 0 else None
    with view_backgrounds(widget, clear), export_mode(scenes, background, scale):
        painter = start_painter(image)
        try:
            widget.render(painter, QtCore.QPoint(0, 0), QtGui.QRegion(), QtWidgets.QWidget.RenderFlag.DrawChildren)
        finally:
            painter.end()
    return image


def write_png(image: QtGui.QImage, target: str, shown: str) -> None:
    def write(tmp: str) -> None:
        if not image.save(tmp, "PNG"):
            raise ExportError("the PNG exporter failed (returned False)")

    write_atomically(target, shown, write)

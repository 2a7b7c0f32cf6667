"""Temporary states a plot is put in for one export, always undone afterwards.

* ``export_mode``: pyqtgraph's export mode on every item of a scene (no hover
  buttons, markers drawn as shapes instead of cached pixmaps) and cosmetic pens
  widened by the export's scale (pyqtgraph's pens are cosmetic: Qt draws them in
  device pixels whatever the scale, so a 2400 px PNG would otherwise have 2 px lines);
* ``plot_title``: a panel's title (a QLabel above the plot) shown as the plot's own;
* ``fitted_map``: the contour map cropped to the range its view is set to;
* ``legends_shown``: a legend that stepped aside on a small screen shown in the image;
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pyqtgraph as pg
from PySide6 import QtCore, QtGui

from export.files import ExportError
from export.formats import BACKGROUNDS


def background_color(background: str) -> QtGui.QColor:
    if background not in BACKGROUNDS:
        raise ExportError(f"unknown background {background!r}; use 'white' or 'transparent'")
    return QtGui.QColor(255, 255, 255) if background == "white" else QtGui.QColor(0, 0, 0, 0)


@contextlib.contextmanager
def wide_cosmetic_pens(scale: float) -> Iterator[None]:
    """While active, every cosmetic pen a Python ``paint()`` sets is ``scale`` times wider.

    pyqtgraph draws with cosmetic pens (a width in device pixels), which neither
    a painter scale nor a device-pixel ratio widens. Only used around one
    synchronous paint (no event loop runs), and always undone."""
    if abs(scale - 1.0) < 1e-6:
        yield
        return
    original = QtGui.QPainter.setPen

    def set_pen(painter, pen, *rest):
        if isinstance(pen, QtGui.QPen) and pen.isCosmetic() and pen.style() != QtCore.Qt.PenStyle.NoPen:
            pen = QtGui.QPen(pen)
            pen.setWidthF(max(pen.widthF(), 1.0) * scale)
        return original(painter, pen, *rest)

    QtGui.QPainter.setPen = set_pen
    try:
        yield
    finally:
        QtGui.QPainter.setPen = original


@contextlib.contextmanager
def export_mode(scenes, background: QtGui.QColor, scale: float = 1.0) -> Iterator[None]:
    """pyqtgraph's export mode on every item of ``scenes`` (no hover buttons, markers
    drawn as shapes instead of cached pixmaps), cosmetic pens widened by ``scale``."""
    items = []
    for scene in scenes:
        items.extend(i for i in scene.items() if hasattr(i, "setExportMode"))
    opts = {"antialias": True, "background": background, "resolutionScale": 1.0}
    try:
        for item in items:
            item.setExportMode(True, dict(opts))
        drop_pictures(items)  # drawn again with the export's pens...
        with wide_cosmetic_pens(scale):
            yield
    finally:
        for item in items:
            with contextlib.suppress(RuntimeError):  # an item deleted meanwhile
                item.setExportMode(False)
        drop_pictures(items)  # ...and not kept for the screen


def drop_pictures(items) -> None:
    """Forget the QPictures some pyqtgraph items (axes, grids) record their drawing
    in: a picture recorded during an export would carry its wide pens to the screen."""
    for item in items:
        with contextlib.suppress(RuntimeError, AttributeError):
            if isinstance(getattr(item, "picture", None), QtGui.QPicture):
                item.picture = None
                item.update()


class PlotLayout:
    """What a temporary layout change (a title, a new size) can alter in a PlotItem:
    its geometry, the widths its axes reserve for tick labels (pyqtgraph keeps
    those with hysteresis, so they do not come back by themselves) and the view
    range. ``restore()`` puts all of it back."""

    def __init__(self, plot: pg.PlotItem):
        self.plot = plot
        self.geometry = plot.geometry()
        self.axes = [
            (a["item"], a["item"].textWidth, a["item"].textHeight, a["item"].minimumSize(), a["item"].maximumSize())
            for a in plot.axes.values()
        ]
        self.target_range = [list(r) for r in plot.vb.state["targetRange"]]

    def restore(self) -> None:
        plot, vb = self.plot, self.plot.vb
        plot.setGeometry(self.geometry)
        for axis, text_w, text_h, min_size, max_size in self.axes:
            axis.textWidth, axis.textHeight = text_w, text_h
            axis.setMinimumSize(min_size)
            axis.setMaximumSize(max_size)
            axis.picture = None
        plot.layout.activate()
        # the range asked for comes back; the range shown follows from it and the size
        vb.state["targetRange"] = [list(r) for r in self.target_range]
        vb.updateViewRange()


@contextlib.contextmanager
def plot_title(plot: pg.PlotItem, text: str | None) -> Iterator[None]:
    """Show ``text`` as the PlotItem's own title (the panels draw theirs in a QLabel
    above the plot, which a plot export would miss); restore it afterwards."""
    if not text:
        yield
        return
    label = plot.titleLabel
    had_title = label.isVisible()
    old_text = label.text
    saved = PlotLayout(plot)
    try:
        plot.setTitle(text)
        settle(plot)
        yield
    finally:
        if had_title:
            plot.setTitle(old_text)
        else:
            plot.setTitle(None)
            label.setText(old_text)
        saved.restore()


@contextlib.contextmanager
def legends_shown(plot: pg.PlotItem) -> Iterator[None]:
    """Show the plot's racer legend even where it stepped aside for lack of room on screen
    (an exported panel always names its racers); undo it afterwards."""
    legends = [item for item in plot.childItems() if hasattr(item, "set_forced")]
    if not any(getattr(lg, "squeezed", False) for lg in legends):
        yield
        return
    saved = PlotLayout(plot)
    try:
        for legend in legends:
            legend.set_forced(True)
        settle(plot)
        yield
    finally:
        for legend in legends:
            legend.set_forced(False)
        saved.restore()


def settle(item: pg.GraphicsItem) -> None:
    """Lay the item out now: activate its layout and paint it once into a tiny image
    (axes measure their tick labels only while painting, and resize after)."""
    scene = item.scene()
    for _ in range(2):
        item.layout.activate()
        scratch = QtGui.QImage(8, 8, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
        painter = QtGui.QPainter(scratch)
        try:
            scene.render(painter, QtCore.QRectF(0, 0, 8, 8), item.sceneBoundingRect())
        finally:
            painter.end()
        item.layout.activate()


@contextlib.contextmanager
def fitted_map(plot: pg.PlotItem) -> Iterator[None]:
    """Shrink an aspect-locked plot so its view shows exactly the range it was set
    to (the surface's domain after Reset view, or the user's zoom) instead of the
    extra margin the panel's shape adds; undo it afterwards."""
    vb = plot.vb
    aspect = vb.state["aspectLocked"]
    target = vb.targetRect()
    if aspect is False or not aspect or target.width() <= 0 or target.height() <= 0:
        yield
        return
    saved = PlotLayout(plot)
    full = saved.geometry
    try:
        for _ in range(4):
            g = plot.geometry()
            vb_w, vb_h = vb.width(), vb.height()
            if vb_w < 1 or vb_h < 1:
                break
            extra_w, extra_h = g.width() - vb_w, g.height() - vb_h
            want_h = vb_w * target.height() / (aspect * target.width())
            if extra_h + want_h <= full.height():
                size = QtCore.QSizeF(g.width(), extra_h + want_h)
            else:  # a tall map: narrower instead
                avail_h = full.height() - extra_h
                size = QtCore.QSizeF(extra_w + avail_h * aspect * target.width() / target.height(), full.height())
            if abs(size.width() - g.width()) < 0.5 and abs(size.height() - g.height()) < 0.5:
                break
            plot.setGeometry(QtCore.QRectF(full.topLeft(), size))
            settle(plot)
        yield
    finally:
        saved.restore()

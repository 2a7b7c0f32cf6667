"""CurveCache: a step panel's racer curves kept as an image between paints.

A step panel (loss, learning rate) painted every one of its curves in full on every paint:
stroking 2 px antialiased lines costs about 0.5 ms per 1000 segments, 6-13 ms a paint for
10 racers, also when only the Inspector's step marker moved over a paused race. The curves
only grow to the right (x is the step) and while a race plays the panel's ranges move in
rare jumps (:mod:`gui.panels.step_panel`). So the cache draws every curve once into an image
at the view's scale; a later paint draws nothing new when no curve changed (a marker moved)
and otherwise only the band of pixel columns from the end of what it drew to the right edge:
the band is erased and every curve's segments reaching into it are stroked again, clipped to
it, in the curves' stacking order. A column of the image is thus drawn as a full paint would
draw it at the time it was last in the band; left of the band the curves change only by
folding their tails into the decimated history, which draws nearly the same pixels (a noisy
curve keeps more of its detail until the next full paint). A new scale, size, curve, pen,
visibility or a curve that does not just grow (a clear, a mode change) draws everything
again: a paused panel, whose step axis ends at the last step, is drawn in full.

The image stacks with the panel's other items (its step markers) as its topmost curve would.
Exports never use it: the curves paint themselves, as vectors in an SVG.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6 import QtCore, QtGui

BAND_MARGIN_PX = 3  # the band starts this far left of the curves' last drawn x: their old end caps and edges
PEN_REACH_PX = 3  # segments ending this far left of the band still reach into it (half a pen, a cap, the edge)


class CurveCache(pg.GraphicsObject):
    """Draws ``curves()``'s items (FastCurve) from an image kept between paints (see the module)."""

    def __init__(self, vb: pg.ViewBox, curves) -> None:
        super().__init__()
        self.vb = vb
        self.curves = curves  # () -> the panel's GrowingCurves
        self.active = False
        self.image: QtGui.QImage | None = None
        self._key: tuple | None = None
        self._versions: tuple = ()  # the items' data versions drawn
        self._x_done = -math.inf  # the largest x drawn so far (data units)
        self.full_draws = 0  # for tests and benchmarks: whole redraws, band draws, segments stroked
        self.band_draws = 0
        self.segments = 0
        vb.addItem(self, ignoreBounds=True)
        vb.sigRangeChanged.connect(self._range_changed)

    def set_active(self, active: bool) -> None:
        """Draw the curves from the image (a step panel keeps it on) or let them paint themselves (tests compare)."""
        active = bool(active)
        if active == self.active:
            return
        self.active = active
        self.image = None
        self._key = None
        if not active:  # the curves paint themselves again (on: the view shows the same until its next paint)
            for item in self._items():
                item.update()

    def invalidate(self) -> None:
        """Draw everything again at the next paint."""
        self._key = None
        self.update()

    def _range_changed(self, *_: object) -> None:
        self.prepareGeometryChange()

    def boundingRect(self) -> QtCore.QRectF:  # noqa: N802 - Qt API
        return self.vb.viewRect()

    def _items(self) -> list:
        items = []
        for curve in self.curves():
            for item in curve.all_items():
                if item.isVisible() and not item.blank and item.xData is not None:
                    items.append(item)
        items.sort(key=lambda item: (item.zValue(), item.order))  # the scene's stacking order
        return items

    def paint(self, p, opt, widget) -> None:
        if not self.active or self._exportOpts is not False:
            return
        to_screen = p.transform()  # data -> the viewport's pixels
        to_data, ok = self.vb.childTransform().inverted()
        if not ok:
            return
        size = self.vb.size()
        # the image covers the view box on whole pixels of the viewport, so it is drawn without resampling
        rect = (to_data * to_screen).mapRect(QtCore.QRectF(0, 0, size.width(), size.height())).toAlignedRect()
        if rect.width() < 1 or rect.height() < 1:
            return
        dpr = widget.devicePixelRatioF() if widget is not None else 1.0
        t = to_screen * QtGui.QTransform.fromTranslate(-rect.x(), -rect.y())  # data -> the image's pixels
        items = self._items()
        key = (
            rect.width(), rect.height(), dpr, t.m11(), t.m12(), t.m21(), t.m22(), t.dx(), t.dy(),
            tuple((id(item), id(item.opts["pen"]), item.generation) for item in items),
        )  # fmt: skip
        image = self.image
        if image is None or image.size() != rect.size() * dpr or image.devicePixelRatioF() != dpr:
            image = QtGui.QImage(rect.size() * dpr, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
            image.setDevicePixelRatio(dpr)
            self.image = image
            self._key = None
        full = key != self._key
        versions = tuple(item.version for item in items)
        band_left = float(rect.width())  # (nothing new: the image as it is)
        if not full and versions != self._versions:
            band_left = math.floor(max(t.map(QtCore.QPointF(self._x_done, 0.0)).x() - BAND_MARGIN_PX, 0.0))
            full = not math.isfinite(band_left)
        if full or band_left < rect.width():
            painter = QtGui.QPainter(image)
            try:
                if full:
                    image.fill(0)
                    x_from = None
                    self.full_draws += 1
                else:
                    band = QtCore.QRectF(band_left, 0, rect.width() - band_left, rect.height())
                    painter.setCompositionMode(QtGui.QPainter.CompositionMode.CompositionMode_Source)
                    painter.fillRect(band, QtCore.Qt.GlobalColor.transparent)
                    painter.setCompositionMode(QtGui.QPainter.CompositionMode.CompositionMode_SourceOver)
                    painter.setClipRect(band)
                    x_from = t.inverted()[0].map(QtCore.QPointF(band_left - PEN_REACH_PX, 0.0)).x()
                    self.band_draws += 1
                painter.setTransform(t)
                for item in items:
                    stats = item._stats
                    if x_from is not None and stats is not None and stats[4] is not None and stats[4] < x_from:
                        continue  # all left of the band (a history, a racer that stopped)
                    self.segments += item.draw(painter, x_from)
            finally:
                painter.end()
        # drawn up to the curves' last x (a curve that turns into a scribble, a band of ink, is drawn in
        # thin strokes from here on: the same band of ink)
        self._key = key
        self._versions = versions
        self._x_done = max(
            (item._stats[4] for item in items if item._stats is not None and item._stats[4] is not None),
            default=-math.inf,
        )
        p.save()
        p.resetTransform()
        p.drawImage(QtCore.QRectF(rect), image)
        p.restore()

"""MarkerCloud: many points drawn with one marker, set in constant Python time.

pyqtgraph's ScatterPlotItem keeps a record per point (style, atlas coordinates, a
spot item on demand) so that every point can look different; setting 2,000 points
walks them in Python (~4-5 ms per item). The Data panel's classes draw every point of
a set alike, so this item keeps two arrays and one marker: the marker is rendered once
into a pixmap and stamped at every point in view with ``drawPixmapFragments`` (what
ScatterPlotItem does when it paints). An export (SVG) gets vector markers instead.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from pyqtgraph import functions as fn
from pyqtgraph.graphicsItems.ScatterPlotItem import drawSymbol, renderSymbol
from pyqtgraph.Qt import internals
from PySide6 import QtCore, QtGui


class MarkerCloud(pg.GraphicsObject):
    """Points ``(x, y)`` in data coordinates, each drawn as ``symbol`` of ``size`` pixels.

    ``opts`` holds ``symbol``, ``size``, ``pen`` and ``brush`` (what a legend sample copies)."""

    def __init__(self, symbol: str = "o", size: float = 6, pen=None, brush=None):
        super().__init__()
        self.opts = {"symbol": symbol, "size": float(size), "pen": fn.mkPen(pen), "brush": fn.mkBrush(brush)}
        self._x = self._y = np.empty(0)
        self._bounds: tuple | None = None  # ((xmin, xmax), (ymin, ymax)) of the finite points
        self._marker: tuple[float, QtGui.QPixmap] | None = None  # (device pixel ratio, pixmap)
        self._fragments = internals.PrimitiveArray(QtGui.QPainter.PixmapFragment, 10)

    # ------------------------------------------------------------ data
    def setData(self, x, y) -> None:  # noqa: N802 - pyqtgraph API
        x, y = np.asarray(x, dtype=float).ravel(), np.asarray(y, dtype=float).ravel()
        if x.shape != y.shape:
            raise ValueError(f"x and y differ in length ({x.size} and {y.size})")
        self.prepareGeometryChange()
        self._x, self._y = x, y
        finite = np.isfinite(x) & np.isfinite(y)
        self._bounds = None
        if finite.any():
            fx, fy = x[finite], y[finite]
            self._bounds = ((float(fx.min()), float(fx.max())), (float(fy.min()), float(fy.max())))
        self.informViewBoundsChanged()
        self.update()

    def getData(self) -> tuple[np.ndarray, np.ndarray]:  # noqa: N802 - pyqtgraph API
        return self._x, self._y

    # ------------------------------------------------------------ geometry
    def dataBounds(self, ax: int, frac: float = 1.0, orthoRange=None):  # noqa: N802, N803 - pyqtgraph API
        if self._bounds is None:
            return (None, None)
        return self._bounds[ax]

    def pixelPadding(self) -> float:  # noqa: N802 - pyqtgraph API
        return 0.5 * self.opts["size"] + self.opts["pen"].widthF()

    def boundingRect(self) -> QtCore.QRectF:  # noqa: N802 - Qt API
        if self._bounds is None:
            return QtCore.QRectF()
        (x0, x1), (y0, y1) = self._bounds
        px = py = 0.0
        vx, vy = self.pixelVectors()  # one pixel in data units (None before the item is in a view)
        if vx is not None and vy is not None:
            pad = self.pixelPadding()
            px, py = vx.length() * pad, vy.length() * pad
        return QtCore.QRectF(x0 - px, y0 - py, x1 - x0 + 2 * px, y1 - y0 + 2 * py)

    def viewTransformChanged(self) -> None:  # noqa: N802 - pyqtgraph API
        self.prepareGeometryChange()  # the pixel padding changes with the zoom

    # ------------------------------------------------------------ drawing
    def _pixmap(self, dpr: float) -> QtGui.QPixmap:
        if self._marker is None or self._marker[0] != dpr:
            o = self.opts
            image = renderSymbol(o["symbol"], o["size"], o["pen"], o["brush"], dpr=dpr)
            self._marker = (dpr, QtGui.QPixmap.fromImage(image))
        return self._marker[1]

    def paint(self, p: QtGui.QPainter, option, widget) -> None:
        if self._x.size == 0:
            return
        view = self.viewRect()
        keep = np.isfinite(self._x) & np.isfinite(self._y)
        if view is not None:
            pad_x, pad_y = self.pixelLength(QtCore.QPointF(1, 0)), self.pixelLength(QtCore.QPointF(0, 1))
            pad = self.pixelPadding()
            pad_x = 0.0 if pad_x is None else pad_x * pad
            pad_y = 0.0 if pad_y is None else pad_y * pad
            keep &= (self._x >= view.left() - pad_x) & (self._x <= view.right() + pad_x)
            keep &= (self._y >= view.top() - pad_y) & (self._y <= view.bottom() + pad_y)
        if not keep.any():
            return
        pts = fn.transformCoordinates(p.transform(), np.vstack([self._x[keep], self._y[keep]]))
        pts = np.clip(pts, -(2**30), 2**30)  # far-off points crash Qt's rasteriser
        p.resetTransform()
        o = self.opts
        if self._exportOpts is not False:  # an export: vector markers, one per point
            p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, self._exportOpts.get("antialias", True))
            for px, py in pts.T:
                p.resetTransform()
                p.translate(px, py)
                drawSymbol(p, o["symbol"], o["size"], o["pen"], o["brush"])
            return
        dpr = widget.devicePixelRatioF() if widget is not None else 1.0
        pixmap = self._pixmap(dpr)
        self._fragments.resize(pts.shape[1])
        frags = self._fragments.ndarray()
        frags[:, 0:2] = pts.T  # the centre of each stamp
        frags[:, 2:6] = (0.0, 0.0, pixmap.width(), pixmap.height())  # the whole pixmap
        frags[:, 6:10] = (1 / dpr, 1 / dpr, 0.0, 1.0)  # scale x, scale y, rotation, opacity
        p.drawPixmapFragments(*self._fragments.drawargs(), pixmap)

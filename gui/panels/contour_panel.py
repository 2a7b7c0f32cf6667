"""ContourPanel: the map of the surface with each racer's path growing on it."""

from __future__ import annotations

import math
import os
import threading

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.ScatterPlotItem import drawSymbol
from PySide6 import QtCore, QtGui, QtWidgets

from arena.palette import symbol_for
from gui.i18n import QT_TRANSLATE_NOOP, retranslate_on_change, tr, tr_in
from surfaces.gradient_field import arrow_polylines, gradient_field

from .growing_curve import FastCurve, GrowingCurve
from .log_axis import steady_text_space
from .racer_legend import PanelLegend, racer_pen, racer_sample
from .surface_field import (
    BACKGROUND_BUDGET,
    NOW_GRID,
    QUICK_BUDGET,
    QUICK_MIN_GRID,
    Cancelled,
    SurfaceField,
    compute_field,
    grid_size,
    per_point_seconds,
)

# the map's axes in the user's words where x and y are model parameters (a surface's own
# ``axis_labels`` attribute, if it has one, wins): (bottom label, left label, short x, short y)
AXIS_LABELS = {
    "linear_regression": (QT_TRANSLATE_NOOP("", "intercept b₀"), QT_TRANSLATE_NOOP("", "slope b₁"), "b₀", "b₁"),
    "logistic_regression": (QT_TRANSLATE_NOOP("", "weight w₁"), QT_TRANSLATE_NOOP("", "weight w₂"), "w₁", "w₂"),
}
FIELD_DELAY_MS = 80  # the map is sampled again for the view this long after the last pan/zoom/resize
LEGEND_BESIDE_MIN_WIDTH = 640  # narrower maps put the racer legend under the x axis
ZOOM_OUT = 4  # the view never spans more than this many times the domain's larger side
FIELD_PAD = 0.05  # the field covers this share more than the view on each side


_POOL: QtCore.QThreadPool | None = None
_NICE = 5  # the field worker's niceness: the window's own thread (and the X server) come first


def _field_pool() -> QtCore.QThreadPool:
    """One worker thread for the maps' fields: a newer request waits for the older one to stop
    (it stops at its next block of rows), instead of both sharing the CPU with the window."""
    global _POOL
    if _POOL is None:
        _POOL = QtCore.QThreadPool()
        _POOL.setMaxThreadCount(1)
    return _POOL


_nice_threads: set[int] = set()


def _be_nice() -> None:
    """Lower the calling worker thread's CPU priority, once (Linux: per thread; elsewhere nothing)."""
    tid = threading.get_native_id()
    if tid in _nice_threads:
        return
    _nice_threads.add(tid)
    try:
        os.setpriority(os.PRIO_PROCESS, tid, max(os.getpriority(os.PRIO_PROCESS, tid), _NICE))
    except (AttributeError, OSError):
        pass


def axis_labels(surface) -> tuple[str, str, str, str]:
    own = getattr(surface, "axis_labels", None)
    if own:
        a, b = own[0], own[1]
        return a, b, a, b
    return AXIS_LABELS.get(getattr(surface, "name", ""), ("x", "y", "x", "y"))


class RacerHead(pg.ScatterPlotItem):
    """A racer's current position: one spot at the item's origin (each frame moves the item).

    On screen its symbol is drawn directly: pyqtgraph's own paint (culling against the view,
    mapping arrays, an atlas of fragments) costs ~0.3-0.6 ms of Python for one spot, and ten
    heads move every frame. Exports paint as a ScatterPlotItem does."""

    _rect: tuple | None = None  # (key, rect): the bounding rectangle while the view's scale stays

    def boundingRect(self):  # noqa: N802 - Qt API
        """pyqtgraph's, kept until the spot or the view's scale changes: the scene asks each head for it
        a few times a frame, and each answer maps pixel vectors (~50 us)."""
        if len(self.data) != 1:
            return super().boundingRect()
        key = (self._maxSpotPxWidth, float(self.data["x"][0]), float(self.data["y"][0]))
        if self._rect is None or self._rect[0] != key:
            self._rect = (key, super().boundingRect())
        return self._rect[1]

    def viewTransformChanged(self):  # noqa: N802 - pyqtgraph API
        self._rect = None
        super().viewTransformChanged()

    def paint(self, p, option, widget):
        if self._exportOpts is not False or len(self.data) != 1:
            return super().paint(p, option, widget)
        o = self.opts
        at = p.transform().map(QtCore.QPointF(float(self.data["x"][0]), float(self.data["y"][0])))
        p.resetTransform()
        p.translate(at)
        p.setRenderHint(p.RenderHint.Antialiasing, o["antialias"])
        drawSymbol(p, o["symbol"], o["size"], o["pen"], o["brush"])
        return None


# light, quiet background so saturated racer colours stand out; low = light
MAP_COLORS = pg.ColorMap([0.0, 0.35, 0.7, 1.0], [(252, 252, 250), (222, 231, 240), (184, 198, 218), (146, 160, 186)])


class ContourPanel(pg.PlotWidget):
    """Filled colour map + contour lines + minima + start marker + racer paths.

    Signals: ``startPicked(x, y)`` when the user clicks the map or drags the
    start marker; ``hovered(text)`` with x, y and f under the mouse.
    """

    startPicked = QtCore.Signal(float, float)
    hovered = QtCore.Signal(str)
    _fieldReady = QtCore.Signal(int, object)  # (request id, SurfaceField) from the worker thread

    def __init__(self, parent=None):
        super().__init__(parent=parent, background="w", enableMenu=False)  # no context menu: not built at all
        self.setObjectName("ContourPanel")
        self.plotItem.showGrid(x=False, y=False)
        self.setAspectLocked(True)
        self.plotItem.setMenuEnabled(False)
        self.plotItem.layout.setContentsMargins(1, 1, 12, 1)  # room for the last x tick label at the right edge
        steady_text_space(self.plotItem.getAxis("left"))  # no second layout and paint on a surface switch
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setLookupTable(MAP_COLORS.getLookupTable(0.0, 1.0, 256))
        self.image.setZValue(-20)
        self.addItem(self.image)
        # contour lines as line segments (FastCurve): one long antialiased path of 10-100k points is
        # stroked several times slower, and a new field (a surface switch, the worker's full map) draws it
        self.lines = FastCurve(pg.mkPen((90, 100, 120, 140), width=1))
        self.lines.setZValue(-10)
        self.addItem(self.lines)
        # the field and its contour lines change only with the view or the surface: repaints of the paths
        # over them reuse a cached pixmap instead of drawing the image and ~20k line points every frame
        cache = QtWidgets.QGraphicsItem.CacheMode.DeviceCoordinateCache
        self.image.setCacheMode(cache)
        self.lines.setCacheMode(cache)
        self.minima_global = pg.ScatterPlotItem(
            symbol="star", size=18, pen=pg.mkPen("k", width=1.2), brush=pg.mkBrush(255, 255, 255), tip=None
        )
        self.minima_local = pg.ScatterPlotItem(
            symbol="star", size=12, pen=pg.mkPen((60, 60, 60), width=1), brush=pg.mkBrush(255, 255, 255, 90), tip=None
        )
        for item in (self.minima_global, self.minima_local):
            item.setZValue(5)
            item.setCacheMode(cache)  # still while the paths move over them: pixmaps, not pyqtgraph's paint
            self.addItem(item)
        self.start_marker = pg.TargetItem(
            pos=(0, 0),
            size=16,
            movable=True,
            symbol="crosshair",
            pen=pg.mkPen((20, 20, 20), width=2),
            hoverPen=pg.mkPen((200, 0, 0), width=2),
        )
        self.start_marker.setZValue(30)
        self.start_marker.sigPositionChangeFinished.connect(self._start_dragged)
        self.addItem(self.start_marker)
        # the -grad f direction field (View > Gradient field), sampled for the view like the map
        self.quiver = pg.PlotCurveItem(pen=pg.mkPen((45, 55, 75, 170), width=1.2), connect="finite")
        self.quiver.setZValue(-5)
        self.quiver.setVisible(False)
        self.addItem(self.quiver)
        self.gradient_field_on = False
        # the step inspector's arrows at the inspected point: one curve per arrow, a dot at theta
        self.inspect_arrows: list[pg.PlotCurveItem] = []
        self.inspect_point = pg.ScatterPlotItem(size=9, pen=pg.mkPen("k", width=1.5), brush=pg.mkBrush(255, 255, 255))
        self.inspect_point.setZValue(40)
        self.inspect_point.setVisible(False)
        self.addItem(self.inspect_point)
        self._inspection: tuple | None = None
        self.paths: list[GrowingCurve] = []
        self.heads: list[pg.ScatterPlotItem] = []
        self.field: SurfaceField | None = None  # over the surface's domain: the colour scale and levels
        self.view_field: SurfaceField | None = None  # what is drawn: sampled over the visible view
        self.surface = None
        self.labels = ("x", "y", "x", "y")
        self.legend = PanelLegend(self.plotItem, side="right")
        self._grid = 0
        self._in_flight: tuple | None = None  # (extent, grid) of the field a worker is sampling
        self._latest = [0]  # the request the worker should finish (shared with it: older ones stop)
        self._field_id = 0
        self._field_timer = QtCore.QTimer(self)
        self._field_timer.setSingleShot(True)
        self._field_timer.setInterval(FIELD_DELAY_MS)
        self._field_timer.timeout.connect(self._request_field)
        self._field_timer.timeout.connect(self._update_overlays)
        self._fieldReady.connect(self._field_arrived)
        self.plotItem.vb.sigRangeChanged.connect(lambda *_: self._field_timer.start())
        self.user_view = False  # the user panned or zoomed: a resize keeps the view, else it shows the domain
        self.plotItem.vb.sigRangeChangedManually.connect(self._view_moved)
        # the view box is resized by the layout after the panel (legend, title): fit the domain again then
        self.plotItem.vb.sigResized.connect(self._view_resized)
        self.scene().sigMouseClicked.connect(self._clicked)
        self.scene().sigMouseMoved.connect(self._moved)
        self.retranslate()
        retranslate_on_change(self, self.retranslate)

    def retranslate(self) -> None:
        """Set the map's words in the window's language (the view, the paths and the start stay)."""
        if self.surface is None:
            self.plotItem.setTitle(tr("Surface and paths"))
        self._fit_title()  # the surface's title in the window's language
        self.plotItem.setLabel("bottom", tr(self.labels[0]))
        self.plotItem.setLabel("left", tr(self.labels[1]))
        self.start_marker.setToolTip(tr("Start point: drag it, or click anywhere on the map"))

    # ------------------------------------------------------------ the surface
    def set_surface(self, surface) -> None:
        self.surface = surface
        self._field_id += 1  # a field still being computed for the old surface is dropped
        self._latest[0] = self._field_id  # ...and stops at its next block of rows
        self._in_flight = None
        # drawn at once: a grid the GUI thread samples in about a frame's time (at most NOW_GRID);
        # its colour scale and levels serve every view. The full-resolution map for the view is
        # sampled in a worker thread right after (a slow f, such as logistic regression at n=2000,
        # would otherwise block the window for most of a second)
        per_point = per_point_seconds(surface)
        quick = min(NOW_GRID, grid_size(surface, QUICK_BUDGET, per_point=per_point, least=QUICK_MIN_GRID))
        self._grid = grid_size(surface, BACKGROUND_BUDGET, per_point=per_point)
        self.field = field = compute_field(surface, quick)
        self._show_field(field)
        glob = [m.point for m in surface.minima if m.kind == "global"]
        loc = [m.point for m in surface.minima if m.kind != "global"]
        self.minima_global.setData(pos=np.array(glob).reshape(-1, 2))
        self.minima_local.setData(pos=np.array(loc).reshape(-1, 2))
        self._fit_title()
        self.labels = axis_labels(surface)
        self.plotItem.setLabel("bottom", tr(self.labels[0]))
        self.plotItem.setLabel("left", tr(self.labels[1]))
        (x0, x1), (y0, y1) = surface.domain
        cx, cy, side = (x0 + x1) / 2, (y0 + y1) / 2, max(x1 - x0, y1 - y0)
        half = ZOOM_OUT * side / 2
        self.plotItem.vb.setLimits(
            xMin=cx - half, xMax=cx + half, yMin=cy - half, yMax=cy + half, maxXRange=2 * half, maxYRange=2 * half
        )
        self.reset_view()
        self._field_timer.start()  # then the worker samples the view (after the window has painted)

    # ------------------------------------------------------- the field in view
    def _show_field(self, field: SurfaceField) -> None:
        self.view_field = field
        x0, x1, y0, y1 = field.extent
        self.image.setImage(field.shade, autoLevels=False, levels=(0.0, 1.0))
        self.image.setRect(QtCore.QRectF(x0, y0, x1 - x0, y1 - y0))
        self.lines.setData(field.lines[:, 0], field.lines[:, 1])

    def _wanted_extent(self, force: bool = False) -> tuple[float, float, float, float] | None:
        """The view plus a margin, within the zoom-out limits; None if the drawn field will do
        (never with ``force``)."""
        if self.surface is None:
            return None
        r = self.plotItem.vb.viewRect()
        if r.width() <= 0 or r.height() <= 0:
            return None
        pad_x, pad_y = FIELD_PAD * r.width(), FIELD_PAD * r.height()
        limits = self.plotItem.vb.state["limits"]
        (lx0, lx1), (ly0, ly1) = limits["xLimits"], limits["yLimits"]
        want = (
            max(r.left() - pad_x, lx0 if lx0 is not None else -np.inf),
            min(r.right() + pad_x, lx1 if lx1 is not None else np.inf),
            max(r.top() - pad_y, ly0 if ly0 is not None else -np.inf),
            min(r.bottom() + pad_y, ly1 if ly1 is not None else np.inf),
        )
        have = self.view_field.extent if self.view_field is not None else None
        if have is not None and self.view_field is not self.field and not force:
            covers = have[0] <= r.left() and have[1] >= r.right() and have[2] <= r.top() and have[3] >= r.bottom()
            # ...and not much coarser than the view needs (after a zoom in)
            fine = (have[1] - have[0]) <= 1.6 * (want[1] - want[0]) and (have[3] - have[2]) <= 1.6 * (want[3] - want[2])
            if covers and fine:
                return None
        return want

    def _request_field(self, force: bool = False) -> None:
        """Sample the surface for the view, off the GUI thread; only the newest result is drawn.
        ``force``: even if the drawn field covers the view (it is coarser than wanted)."""
        extent = self._wanted_extent(force)
        if extent is None or (extent, self._grid) == self._in_flight:
            return  # drawn, or being sampled already
        self._in_flight = (extent, self._grid)
        self._field_id += 1
        job, surface, grid, reference = self._field_id, self.surface, self._grid, self.field
        ready = self._fieldReady

        latest = self._latest
        latest[0] = job

        def work() -> None:
            _be_nice()
            try:
                field = compute_field(surface, grid, extent, reference, cancelled=lambda: latest[0] != job)
            except Cancelled:  # a newer view or surface was asked for
                return
            except Exception:  # noqa: BLE001 - a failed sample keeps the map drawn before
                field = None
            try:
                ready.emit(job, field)
            except RuntimeError:  # the panel was deleted meanwhile
                pass

        _field_pool().start(work)

    def _field_arrived(self, job: int, field: SurfaceField | None) -> None:
        if job == self._field_id:
            self._in_flight = None
            if field is not None:
                self._show_field(field)

    def update_field_now(self) -> None:
        """Sample the surface for the current view at once (before an export)."""
        self._field_timer.stop()
        extent = self._wanted_extent()
        if extent is not None:
            self._field_id += 1
            self._in_flight = None
            self._show_field(compute_field(self.surface, self._grid, extent, self.field))

    def _view_moved(self, *_args) -> None:
        self.user_view = True

    def _view_resized(self, *_args) -> None:
        """A new shape of the view still shows the whole domain, unless the user moved the view
        (the zoom-out limit can otherwise leave a range fitted to a passing, very thin shape)."""
        if not self.user_view and self.surface is not None:
            QtCore.QTimer.singleShot(0, self._refit)

    def _refit(self) -> None:
        if not self.user_view:
            self.reset_view()

    def reset_view(self) -> None:
        self.user_view = False
        if self.surface is None:
            return
        (x0, x1), (y0, y1) = self.surface.domain
        self.plotItem.vb.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0.0)

    # ------------------------------------------------------------ overlays
    def set_gradient_field(self, on: bool) -> None:
        """Show or hide the -grad f direction field over the view (recomputed as the view moves)."""
        self.gradient_field_on = bool(on)
        self.quiver.setVisible(self.gradient_field_on)
        self._update_quiver()

    def _update_overlays(self) -> None:
        self._update_quiver()
        self._draw_inspection()

    def _update_quiver(self) -> None:
        if not self.gradient_field_on or self.surface is None:
            return
        r = self.plotItem.vb.viewRect()
        if r.width() <= 0 or r.height() <= 0:
            return
        across = max(8, min(32, round(self.plotItem.vb.width() / 28)))  # an arrow per ~28 px
        field = gradient_field(self.surface, (r.left(), r.right(), r.top(), r.bottom()), n=across)
        seg = field.segments()
        self.quiver.setData(seg[:, 0], seg[:, 1])

    def show_inspection(self, theta, arrows) -> None:
        """Arrows from ``theta`` at an inspected step: ``arrows`` is a list of (vector, colour, label[, "axis"]).
        Each is drawn the same length on screen (a tenth of the view): they compare directions; an
        "axis" (an eigen-direction of the Hessian) is a dashed line through theta."""
        self._inspection = (np.asarray(theta, dtype=float), list(arrows))
        self._draw_inspection()

    def clear_inspection(self) -> None:
        self._inspection = None
        self._draw_inspection()

    def _draw_inspection(self) -> None:
        for item in self.inspect_arrows:
            self.removeItem(item)
        self.inspect_arrows = []
        if self._inspection is None:
            self.inspect_point.setVisible(False)
            return
        theta, arrows = self._inspection
        self.inspect_point.setData(pos=theta[None, :])
        self.inspect_point.setVisible(bool(np.isfinite(theta).all()))
        r = self.plotItem.vb.viewRect()
        unit = (max(r.width(), 1e-300), max(r.height(), 1e-300))
        for vector, color, label, *kind in arrows:
            v = np.asarray(vector, dtype=float)
            screen = np.hypot(v[0] / unit[0], v[1] / unit[1])
            if not np.isfinite(theta).all() or not np.isfinite(screen) or screen == 0:
                continue
            if kind and kind[0] == "axis":  # an eigen-direction: a dashed line through theta, no head
                reach = v * (0.14 / screen)
                seg = np.array([theta - reach, theta + reach])
                pen = pg.mkPen(color, width=1.8, style=QtCore.Qt.PenStyle.DashLine)
            else:
                tip = theta + v * (0.1 / screen)
                seg = arrow_polylines(theta[None, :], tip[None, :], unit, head=0.3)
                pen = pg.mkPen(color, width=2.5)
            item = pg.PlotCurveItem(seg[:, 0], seg[:, 1], pen=pen, connect="finite")
            item.setZValue(35)
            item.setToolTip(label)
            self.addItem(item)
            self.inspect_arrows.append(item)

    def set_start(self, x: float, y: float) -> None:
        self.start_marker.blockSignals(True)
        self.start_marker.setPos(x, y)
        self.start_marker.blockSignals(False)

    # ----------------------------------------------------------------- racers
    def set_racers(self, racers) -> None:
        """One path and one head marker per racer (``RacerConfig`` list); the same
        racers again just restart their paths."""
        signature = [(r.name, r.color) for r in racers]
        if signature == getattr(self, "_signature", None) and len(self.paths) == len(racers):
            for i, (curve, head, racer) in enumerate(zip(self.paths, self.heads, racers)):
                curve.clear()
                curve.set_visible(racer.visible)
                head.setVisible(racer.visible)
                self.legend.set_shown(i, racer.visible)
            return
        self._signature = signature
        for curve in self.paths:
            curve.release()
        for head in self.heads:
            self.removeItem(head)
        self.paths, self.heads = [], []
        for i, racer in enumerate(racers):
            color = QtGui.QColor(racer.color)
            curve = GrowingCurve(self.plotItem, racer_pen(racer.color, 2.2), z=10 + i)
            head = RacerHead(
                symbol=symbol_for(racer.color), size=13, brush=pg.mkBrush(color), pen=pg.mkPen("w", width=1.5), tip=None
            )
            head.setData(pos=np.zeros((1, 2)))  # one spot at the item's origin: each frame moves the item
            head.setPos(self.start_marker.pos())
            head.setZValue(20 + i)
            self.addItem(head)
            curve.set_visible(racer.visible)
            head.setVisible(racer.visible)
            self.paths.append(curve)
            self.heads.append(head)
        self.legend.set_entries([(racer_sample(r.color), r.name, r.visible) for r in racers])

    def update_paths(self, runners) -> None:
        """Extend each path to its runner's current step (array slices only)."""
        px, py = self.plotItem.vb.viewPixelSize()
        pixel = (px, py) if px > 0 and py > 0 and math.isfinite(px * py) else None
        for curve, head, runner in zip(self.paths, self.heads, runners):
            n = runner.steps + 1
            pos = runner.positions  # live view of rows [0, n)
            curve.update(pos[:, 0, 0], pos[:, 0, 1], n, pixel=pixel)
            x, y = pos[n - 1, 0]
            if math.isfinite(x) and math.isfinite(y):
                head.setPos(float(x), float(y))  # moving the item: no new spot data to lay out
            # a run that went non-finite keeps its last finite marker

    def remove_racer(self, index: int) -> None:
        """Drop racer ``index``'s path, head and legend entry; the others keep what they have drawn."""
        self.paths.pop(index).release()
        self.removeItem(self.heads.pop(index))
        signature = getattr(self, "_signature", None)
        if signature is not None and index < len(signature):
            del signature[index]
        self.legend.set_entries([e for i, e in enumerate(self.legend.entries) if i != index])

    def set_racer_visible(self, index: int, visible: bool) -> None:
        self.paths[index].set_visible(visible)
        self.heads[index].setVisible(visible)
        self.legend.set_shown(index, visible)

    def rename_racer(self, index: int, name: str) -> None:
        self.legend.rename(index, name)

    # ------------------------------------------------------------ narrow maps
    def _fit_title(self) -> None:
        """The surface and its formula as the title, or the surface's name alone where that would not fit
        (a title wider than the map would make the plot wider than its pane)."""
        surface = self.surface
        if surface is None:
            return
        shown = tr_in("surfaces", surface.title)
        full = f"{shown}: {surface.formula}"
        font = QtGui.QFont(self.font())
        font.setPointSizeF(11)
        fits = QtGui.QFontMetricsF(font).horizontalAdvance(full) + 40 <= self.width()
        title = full if len(surface.formula) <= 48 and fits else shown
        if self.plotItem.titleLabel.text != title:
            self.plotItem.setTitle(title)
            self.plotItem.titleLabel.setToolTip(full)

    def resizeEvent(self, ev):  # noqa: N802 - Qt API
        super().resizeEvent(ev)
        if "legend" not in self.__dict__ or self.plotItem is None:  # being built, or closed (plot released)
            return
        self.legend.set_side("right" if self.width() >= LEGEND_BESIDE_MIN_WIDTH else "bottom")
        self._fit_title()

    # ------------------------------------------------------------------ mouse
    def _in_view(self, scene_pos) -> QtCore.QPointF | None:
        vb = self.plotItem.vb
        if not vb.sceneBoundingRect().contains(scene_pos):
            return None
        return vb.mapSceneToView(scene_pos)

    def _clicked(self, event) -> None:
        if event.button() != QtCore.Qt.MouseButton.LeftButton or event.double():
            return
        p = self._in_view(event.scenePos())
        if p is not None:
            event.accept()
            self.startPicked.emit(float(p.x()), float(p.y()))

    def _start_dragged(self) -> None:
        p = self.start_marker.pos()
        self.startPicked.emit(float(p.x()), float(p.y()))

    def _moved(self, scene_pos) -> None:
        p = self._in_view(scene_pos)
        if p is None or self.surface is None:
            return
        with np.errstate(all="ignore"):
            f = float(self.surface.f(np.array([p.x(), p.y()])))
        _, _, sx, sy = self.labels
        self.hovered.emit(f"{sx} = {p.x():.4g}   {sy} = {p.y():.4g}   f({sx}, {sy}) = {f:.6g}")

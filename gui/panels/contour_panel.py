"""ContourPanel: the map of the surface with each racer's path growing on it."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui

from arena.palette import symbol_for

from .growing_curve import GrowingCurve
from .surface_field import SurfaceField, compute_field

# light, quiet background so saturated racer colours stand out; low = light
MAP_COLORS = pg.ColorMap([0.0, 0.35, 0.7, 1.0], [(252, 252, 250), (222, 231, 240), (184, 198, 218), (146, 160, 186)])


class ContourPanel(pg.PlotWidget):
    """Filled colour map + contour lines + minima + start marker + racer paths.

    Signals: ``startPicked(x, y)`` when the user clicks the map or drags the
    start marker; ``hovered(text)`` with x, y and f under the mouse.
    """

    startPicked = QtCore.Signal(float, float)
    hovered = QtCore.Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent=parent, background="w")
        self.setObjectName("ContourPanel")
        self.plotItem.setTitle("Surface and paths")
        self.plotItem.setLabel("bottom", "x")
        self.plotItem.setLabel("left", "y")
        self.plotItem.showGrid(x=False, y=False)
        self.setAspectLocked(True)
        self.plotItem.setMenuEnabled(False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setLookupTable(MAP_COLORS.getLookupTable(0.0, 1.0, 256))
        self.image.setZValue(-20)
        self.addItem(self.image)
        self.lines = pg.PlotCurveItem(pen=pg.mkPen((90, 100, 120, 140), width=1), connect="finite")
        self.lines.setZValue(-10)
        self.addItem(self.lines)
        self.minima_global = pg.ScatterPlotItem(
            symbol="star", size=18, pen=pg.mkPen("k", width=1.2), brush=pg.mkBrush(255, 255, 255), tip=None
        )
        self.minima_local = pg.ScatterPlotItem(
            symbol="star", size=12, pen=pg.mkPen((60, 60, 60), width=1), brush=pg.mkBrush(255, 255, 255, 90), tip=None
        )
        for item in (self.minima_global, self.minima_local):
            item.setZValue(5)
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
        self.start_marker.setToolTip("Start point: drag it, or click anywhere on the map")
        self.start_marker.sigPositionChangeFinished.connect(self._start_dragged)
        self.addItem(self.start_marker)
        self.paths: list[GrowingCurve] = []
        self.heads: list[pg.ScatterPlotItem] = []
        self.field: SurfaceField | None = None
        self.surface = None
        self.scene().sigMouseClicked.connect(self._clicked)
        self.scene().sigMouseMoved.connect(self._moved)

    # ------------------------------------------------------------ the surface
    def set_surface(self, surface) -> None:
        self.surface = surface
        self.field = field = compute_field(surface)
        (x0, x1), (y0, y1) = surface.domain
        self.image.setImage(field.shade, autoLevels=False, levels=(0.0, 1.0))
        self.image.setRect(QtCore.QRectF(x0, y0, x1 - x0, y1 - y0))
        self.lines.setData(field.lines[:, 0], field.lines[:, 1])
        glob = [m.point for m in surface.minima if m.kind == "global"]
        loc = [m.point for m in surface.minima if m.kind != "global"]
        self.minima_global.setData(pos=np.array(glob).reshape(-1, 2))
        self.minima_local.setData(pos=np.array(loc).reshape(-1, 2))
        title = f"{surface.title}: {surface.formula}" if len(surface.formula) <= 48 else surface.title
        self.plotItem.setTitle(title)
        self.reset_view()

    def reset_view(self) -> None:
        if self.surface is None:
            return
        (x0, x1), (y0, y1) = self.surface.domain
        self.plotItem.vb.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0.0)

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
            for curve, head, racer in zip(self.paths, self.heads, racers):
                curve.clear()
                curve.set_visible(racer.visible)
                head.setVisible(racer.visible)
            return
        self._signature = signature
        for curve in self.paths:
            curve.release()
        for head in self.heads:
            self.removeItem(head)
        self.paths, self.heads = [], []
        for i, racer in enumerate(racers):
            color = QtGui.QColor(racer.color)
            curve = GrowingCurve(self.plotItem, pg.mkPen(color, width=2.2), z=10 + i)
            head = pg.ScatterPlotItem(
                symbol=symbol_for(racer.color), size=13, brush=pg.mkBrush(color), pen=pg.mkPen("w", width=1.5), tip=None
            )
            head.setZValue(20 + i)
            self.addItem(head)
            curve.set_visible(racer.visible)
            head.setVisible(racer.visible)
            self.paths.append(curve)
            self.heads.append(head)

    def update_paths(self, runners) -> None:
        """Extend each path to its runner's current step (array slices only)."""
        for curve, head, runner in zip(self.paths, self.heads, runners):
            n = runner.steps + 1
            pos = runner.positions  # live view of rows [0, n)
            curve.update(pos[:, 0, 0], pos[:, 0, 1], n)
            last = pos[n - 1, 0]
            if np.isfinite(last).all():
                head.setData(pos=last[None, :])
            # a run that went non-finite keeps its last finite marker

    def set_racer_visible(self, index: int, visible: bool) -> None:
        self.paths[index].set_visible(visible)
        self.heads[index].setVisible(visible)

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
        self.hovered.emit(f"x = {p.x():.4g}   y = {p.y():.4g}   f(x, y) = {f:.6g}")

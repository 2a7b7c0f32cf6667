"""The offscreen picture of a race that animations are made of: the contour map and,
optionally, the loss panel beside it."""

from __future__ import annotations

import html

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from gui.i18n import tr_in
from gui.panels.contour_panel import ContourPanel
from gui.panels.loss_panel import LossPanel


def hide_mode_row(panel) -> None:
    """The per-step panels' "Show:" selector means nothing in a picture."""
    panel.mode_box.hide()
    for label in panel.findChildren(QtWidgets.QLabel):
        if label.text().strip() == "Show:":
            label.hide()


class RaceView(QtWidgets.QWidget):
    """The offscreen picture of a race: contour map (and loss panel) side by side."""

    def __init__(self, config, size: tuple[int, int], with_loss: bool):
        super().__init__()
        self.setAttribute(QtCore.Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QtGui.QPalette.ColorRole.Window, QtGui.QColor("white"))
        self.setPalette(palette)
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(6)
        self.config = config
        self.contour = ContourPanel()
        self.contour.setAttribute(QtCore.Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        layout.addWidget(self.contour, 3)
        self.loss = None
        if with_loss:
            self.loss = LossPanel()
            hide_mode_row(self.loss)
            layout.addWidget(self.loss, 2)
        self.resize(*size)
        self.show()
        self._layout_now()
        self.title = ""

    def _layout_now(self) -> None:
        self.layout().activate()
        QtWidgets.QApplication.processEvents()

    def start(self, race, final_race=None) -> None:
        surface = race.surface
        self.contour.set_surface(surface)
        self.contour.set_start(*self.config.start)
        self.contour.set_racers(self.config.racers)
        self.title = html.escape(f"{tr_in('surfaces', surface.title)}: {surface.formula}", quote=False)
        if self.loss is not None:
            self.loss.set_surface(surface)
            self.loss.set_racers(self.config.racers)
            if final_race is not None:
                # fix the axes to the whole race: curves grow into a still frame
                self.loss.update_curves(final_race.runners)
                self.loss.set_step(final_race.steps)
                vb = self.loss.plot.vb
                vb.autoRange(padding=0.04)
                self.loss.follow_steps = False  # the step axis is the whole race's, not the current step's
                vb.setXRange(0, max(1, final_race.steps), padding=0.02)
                vb.disableAutoRange()
                self.loss.set_racers(self.config.racers)  # the same racers: curves restart, items stay
        self.update_race(race)
        self._layout_now()
        self.contour.update_field_now()  # the map sampled over the whole view, before it is cached
        # The view range never moves during an animation: the colour map, the
        # contour lines and the axes (with their grids) are drawn once and kept
        # as pixmaps (3x faster frames on a contour-rich surface).
        cache = QtWidgets.QGraphicsItem.CacheMode.DeviceCoordinateCache
        static = [self.contour.image, self.contour.lines]
        plots = [self.contour.plotItem] + ([self.loss.plot] if self.loss is not None else [])
        static += [p.getAxis(name) for p in plots for name in ("left", "bottom")]
        for item in static:
            item.setCacheMode(cache)
        # Hidden once laid out: render() still paints it, and the event loop no
        # longer paints it a second time for nothing.
        self.hide()
        QtWidgets.QApplication.processEvents()

    def update_race(self, race) -> None:
        self.contour.update_paths(race.runners)
        self.contour.plotItem.setTitle(f"{self.title} &nbsp;&nbsp;·&nbsp;&nbsp; step {race.steps}")
        if self.loss is not None:
            self.loss.update_curves(race.runners)
            self.loss.set_step(race.steps)

    def frame(self) -> np.ndarray:
        """The view as an (height, width, 3) uint8 RGB array, whatever the screen's pixel ratio."""
        w, h = self.width(), self.height()
        image = QtGui.QImage(w, h, QtGui.QImage.Format.Format_RGB32)
        image.fill(QtGui.QColor("white"))
        painter = QtGui.QPainter(image)
        try:
            self.render(painter, QtCore.QPoint(0, 0))
        finally:
            painter.end()
        return qimage_to_rgb(image)


def qimage_to_rgb(image: QtGui.QImage) -> np.ndarray:
    """Copy a QImage into an (h, w, 3) uint8 RGB array (row stride respected)."""
    image = image.convertToFormat(QtGui.QImage.Format.Format_RGB888)
    w, h, stride = image.width(), image.height(), image.bytesPerLine()
    buf = np.frombuffer(image.constBits(), dtype=np.uint8, count=stride * h)
    return buf.reshape(h, stride)[:, : w * 3].reshape(h, w, 3).copy()

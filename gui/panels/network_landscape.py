"""NetworkLandscapePanel: the loss on a plane through parameter space (``problems.landscape``),
log-coloured, with every racer's path projected onto it. The window computes the landscape in the
background and hands it over (``set_landscape``); the paths follow the race live (``set_paths``)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from gui.i18n import QT_TRANSLATE_NOOP, retranslate_on_change, tr

from .racer_legend import racer_pen

METHODS = (
    ("pca", QT_TRANSLATE_NOOP("", "PCA plane of the paths")),
    ("random", QT_TRANSLATE_NOOP("", "random filter-normalized directions")),
)


class NetworkLandscapePanel(QtWidgets.QWidget):
    methodChanged = QtCore.Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("NetworkLandscapePanel")
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        row = QtWidgets.QHBoxLayout()
        row.setContentsMargins(6, 2, 6, 0)
        self.title = QtWidgets.QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        row.addWidget(self.title)
        row.addStretch(1)
        self.status = QtWidgets.QLabel("")
        self.status.setObjectName("landscapeStatus")
        row.addWidget(self.status)
        self.method_box = QtWidgets.QComboBox()
        self.method_box.setObjectName("landscapeMethod")
        for key, _text in METHODS:
            self.method_box.addItem("", key)
        self.method_box.currentIndexChanged.connect(lambda _: self.methodChanged.emit(self.method))
        row.addWidget(self.method_box)
        layout.addLayout(row)
        self.plot_widget = pg.PlotWidget(background="w", enableMenu=False)
        self.plot = self.plot_widget.plotItem
        self.plot.setMenuEnabled(False)
        layout.addWidget(self.plot_widget, 1)
        self.image = pg.ImageItem()
        self.image.setColorMap(pg.colormap.get("viridis"))
        self.plot.addItem(self.image)
        self.colorbar = pg.ColorBarItem(colorMap=pg.colormap.get("viridis"), label=" ", interactive=False)
        self.colorbar.setImageItem(self.image, insert_in=self.plot)
        self.colorbar.axis.enableAutoSIPrefix(False)  # log10 of a loss: plain numbers, no "(x0.001)"
        self.legend = self.plot.addLegend(offset=(-8, 8), labelTextSize="8pt")
        self.paths: list[pg.PlotDataItem] = []
        self.ends: list[pg.ScatterPlotItem] = []
        self.landscape = None
        self.retranslate()
        retranslate_on_change(self, self.retranslate)

    def retranslate(self) -> None:
        """Set the panel's words in the window's language (the landscape and the paths stay)."""
        self.title.setText(self._title())
        for i, (_key, text) in enumerate(METHODS):
            self.method_box.setItemText(i, tr(text))
        self.plot.setLabel("bottom", tr("direction 1"))
        self.plot.setLabel("left", tr("direction 2"))
        self.colorbar.axis.setLabel(tr("log10 loss"))

    def _title(self) -> str:
        land = self.landscape
        if land is None:
            return tr("Loss landscape")
        if land.explained is not None:
            return tr("Loss landscape: PCA plane ({first} + {second} of the paths)").format(
                first=f"{land.explained[0]:.0%}", second=f"{land.explained[1]:.0%}"
            )
        return tr("Loss landscape: filter-normalized random plane (Li et al. 2018)")

    @property
    def method(self) -> str:
        return str(self.method_box.currentData())

    def set_racers(self, racers: list[tuple[str, str]]) -> None:
        for item in self.paths + self.ends:
            self.plot.removeItem(item)
        self.legend.clear()
        self.paths, self.ends = [], []
        for label, color in racers:
            item = pg.PlotDataItem(pen=racer_pen(color, 2.0), name=label)
            end = pg.ScatterPlotItem(size=9, brush=pg.mkBrush(color), pen=pg.mkPen("w", width=1.5))
            for z, it in ((10, item), (11, end)):
                it.setZValue(z)
                self.plot.addItem(it)
            self.paths.append(item)
            self.ends.append(end)

    def set_status(self, text: str) -> None:
        self.status.setText(text)

    def set_landscape(self, land) -> None:
        """Show a computed :class:`problems.Landscape` (its grid and the paths it was computed from)."""
        self.landscape = land
        with np.errstate(divide="ignore", invalid="ignore"):
            z = np.log10(np.clip(land.losses, 1e-12, None))
        finite = z[np.isfinite(z)]
        lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
        self.image.setImage(np.where(np.isfinite(z), z, hi), levels=(lo, hi if hi > lo else lo + 1))
        a, b = land.alphas, land.betas
        self.image.setRect(QtCore.QRectF(a[0], b[0], a[-1] - a[0], b[-1] - b[0]))
        self.colorbar.setLevels((lo, hi if hi > lo else lo + 1))
        self.title.setText(self._title())
        self.set_paths(land.paths)
        self.plot.setRange(xRange=(a[0], a[-1]), yRange=(b[0], b[-1]), padding=0)

    def set_paths(self, paths: list[np.ndarray]) -> None:
        """Each racer's path in plane coordinates ((k, 2) per racer), its current point marked."""
        for item, end, xy in zip(self.paths, self.ends, paths):
            item.setData(xy[:, 0], xy[:, 1])
            end.setData([xy[-1, 0]], [xy[-1, 1]])

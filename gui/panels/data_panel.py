"""DataPanel: the data behind a data-fit surface, with each racer's current fit.

Linear regression: the scatter of (x, y) and every racer's current line
y = b0 + b1 x. Logistic regression: the two classes in feature space and every
racer's current decision boundary w . x = 0. The true model the data were drawn
from is drawn dashed grey; the least-squares / maximum-likelihood fit (the map's
minimum marker) dotted black. Lines move as the race runs (two points per racer
per frame). A legend beside the plot names every shown racer and the two
reference lines; the view is the box around the data.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from gui.i18n import QT_TRANSLATE_NOOP, retranslate_on_change, tr

from .log_axis import steady_text_space
from .marker_cloud import MarkerCloud
from .racer_legend import PanelLegend, racer_pen, racer_sample

# the reference lines' names in the legend, in English (shown through tr)
LABEL_NAMES = (QT_TRANSLATE_NOOP("", "label 0"), QT_TRANSLATE_NOOP("", "label 1"))
TRUE_MODEL = QT_TRANSLATE_NOOP("", "true model")
BEST_FIT = QT_TRANSLATE_NOOP("", "best fit (f*)")

LEGEND_BESIDE_MIN_WIDTH = 300  # narrower panels put the legend under the plot
TRUTH_PEN = pg.mkPen((120, 120, 120), width=1.5, style=QtCore.Qt.PenStyle.DashLine)
BEST_PEN = pg.mkPen((0, 0, 0), width=1.5, style=QtCore.Qt.PenStyle.DotLine)


def point_sample(points: MarkerCloud) -> pg.PlotDataItem:
    """A data-less item that a legend draws as one of ``points``' markers."""
    sample = pg.PlotDataItem(pen=None)
    opts = points.opts
    sample.opts["symbol"] = opts["symbol"]
    sample.scatter.setSymbol(opts["symbol"])
    sample.scatter.setSize(7)
    sample.scatter.setBrush(opts["brush"])
    sample.scatter.setPen(opts["pen"])
    return sample


class DataPanel(QtWidgets.QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("DataPanel")
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.message = QtWidgets.QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        self.message.setStyleSheet("color: #666; padding: 12px;")
        layout.addWidget(self.message)
        self.plot_widget = pg.PlotWidget(background="w", enableMenu=False)
        self.plot = self.plot_widget.plotItem
        self.plot.setMenuEnabled(False)
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        # the axes draw the grid, and replaying it costs ~10 ms per axis and paint; cached as pixmaps, a
        # frame that moves the racers' lines (every frame while a race plays) paints in ~4 ms, not ~20
        for side in ("left", "bottom"):
            self.plot.getAxis(side).setCacheMode(QtWidgets.QGraphicsItem.CacheMode.DeviceCoordinateCache)
        steady_text_space(self.plot.getAxis("left"), "−00.0")  # laid out once, not again after its first paint
        layout.addWidget(self.plot_widget, 1)
        self.points = [  # the data: every point of a class alike (a stamped marker, not a record per point)
            MarkerCloud(size=6, pen=pg.mkPen((70, 70, 70)), brush=pg.mkBrush(160, 160, 160, 150)),
            MarkerCloud(size=7, symbol="x", pen=pg.mkPen((20, 20, 20), width=1.5), brush=pg.mkBrush(20, 20, 20)),
        ]
        for item in self.points:
            self.plot.addItem(item)
        self.truth = pg.PlotCurveItem(pen=TRUTH_PEN)
        self.best = pg.PlotCurveItem(pen=BEST_PEN)
        self.plot.addItem(self.truth)
        self.plot.addItem(self.best)
        # the reference entries' legend samples, made once (each is a plot item: ~1 ms apiece)
        self.samples = {
            LABEL_NAMES[0]: point_sample(self.points[0]),
            LABEL_NAMES[1]: point_sample(self.points[1]),
            TRUE_MODEL: pg.PlotDataItem(pen=TRUTH_PEN),
            BEST_FIT: pg.PlotDataItem(pen=BEST_PEN),
        }
        self.legend = PanelLegend(self.plot, side="right", room_share=0.5)  # the racers' names matter here
        self.references: list = []  # legend entries of the reference lines: (sample, name, shown)
        self.lines: list[pg.PlotCurveItem] = []
        self.racers: list = []
        self.data = None
        self.surface = None
        self._show(False)
        self.retranslate()
        retranslate_on_change(self, self.retranslate)

    def retranslate(self) -> None:
        """Set the panel's words in the window's language (the data, the lines and the view stay)."""
        self.message.setText(
            tr("The data panel shows the data of the data-fit surfaces (linear_regression, logistic_regression).")
        )
        data = self.data
        if data is None:
            return
        if data.kind == "linear":
            self.plot_widget.setToolTip(
                tr("{n} data points (x, y) and each racer's line y = b₀ + b₁ x").format(n=data.n)
            )
            self.plot.setLabel("bottom", "x")
            self.plot.setLabel("left", "y")
        else:
            self.plot_widget.setToolTip(
                tr("{n} labelled points (○ label 0, × label 1) and each racer's decision boundary w·x = 0").format(
                    n=data.n
                )
            )
            self.plot.setLabel("bottom", tr("feature 1"))
            self.plot.setLabel("left", tr("feature 2"))
        self._fill_legend()

    def _show(self, has_data: bool) -> None:
        self.message.setVisible(not has_data)
        self.plot_widget.setVisible(has_data)

    def set_surface(self, surface) -> None:
        self.surface = surface
        self.data = data = getattr(surface, "data", None)
        self._show(data is not None)
        if data is None:
            return
        (x0, x1), (y0, y1) = data.extent
        if data.kind == "linear":
            self.points[0].setData(data.x, data.y)
            self.points[1].setData([], [])
        else:
            zero, one = data.y == 0, data.y == 1
            self.points[0].setData(data.x[zero, 0], data.x[zero, 1])
            self.points[1].setData(data.x[one, 0], data.x[one, 1])
        self.references = []
        if data.kind != "linear":  # which marker is which class
            self.references = [[self.samples[name], name, True] for name in LABEL_NAMES]
        for item, p, name in (
            (self.truth, data.true_params, TRUE_MODEL),
            (self.best, surface.minima[0].point if surface.minima else None, BEST_FIT),
        ):
            if p is None:
                item.setData([], [])
            else:
                ends = data.boundary_points(np.asarray(p, dtype=float))
                item.setData(ends[:, 0], ends[:, 1], connect="finite")
                self.references.append([self.samples[name], name, True])
        # the box around the data fills the panel (no locked aspect: a wide, short dock would
        # otherwise show mostly empty space beside the points)
        self.plot.setAspectLocked(False)
        self.plot.vb.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0.02)
        self.retranslate()  # the axes' words, the tooltip and the legend
        self._fit()

    def set_racers(self, racers) -> None:
        signature = [(r.name, r.color) for r in racers]
        if signature == getattr(self, "_signature", None) and len(self.lines) == len(racers):
            # the same racers (a restart, a surface switch): their lines are kept, not made again
            for index, racer in enumerate(racers):
                self.set_racer_visible(index, racer.visible)
            return
        self._signature = signature
        for line in self.lines:
            self.plot.removeItem(line)
        self.lines = []
        self.racers = [[racer_sample(r.color), r.name, r.visible] for r in racers]
        for racer in racers:
            line = pg.PlotCurveItem(pen=racer_pen(racer.color, 2.5))
            line.setVisible(racer.visible)
            line.setZValue(10)
            self.plot.addItem(line)
            self.lines.append(line)
        self._fill_legend()

    def hold_legend(self, hold: bool) -> None:
        """Keep the legend as it is while ``hold`` (a surface switch lays out the data first and the
        legend a frame later: rebuilding its entries costs about as much as the rest); on release it
        is brought up to date."""
        self._legend_held = hold
        if not hold:
            self._fill_legend()

    def _fill_legend(self) -> None:
        if getattr(self, "_legend_held", False):
            return
        # the racers' names as typed; the reference lines' names in the window's language
        entries = [tuple(e) for e in self.racers] + [(s, tr(n), v) for s, n, v in self.references]
        key = [(name, shown) for _, name, shown in entries] + [getattr(self, "_signature", None)]
        if key == getattr(self, "_legend_key", None):
            return  # the same names (in the same language), colours and kinds of reference: the legend is right
        self._legend_key = key
        self.legend.set_entries(entries)

    def _fit(self) -> None:
        """The legend beside the plot, under it where the panel is very narrow. No title on the
        plot: the dock's title says "Data" and the tooltip what is drawn (a title as wide as
        the plot would push the legend out of a narrow panel)."""
        self.legend.set_side("right" if self.plot_widget.width() >= LEGEND_BESIDE_MIN_WIDTH else "bottom")

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit()

    def set_racer_visible(self, index: int, visible: bool) -> None:
        self.lines[index].setVisible(visible)
        if 0 <= index < len(self.racers):
            self.racers[index][2] = visible
            self.legend.set_shown(index, visible)

    def rename_racer(self, index: int, name: str) -> None:
        if 0 <= index < len(self.racers):
            self.racers[index][1] = name
            self.legend.rename(index, name)

    def update_fits(self, runners) -> None:
        """Each racer's line from its current parameters."""
        if self.data is None or not self.isVisible():
            return
        for line, runner in zip(self.lines, runners):
            p = runner.positions[-1, 0]
            if np.isfinite(p).all():
                ends = self.data.boundary_points(p)
                line.setData(ends[:, 0], ends[:, 1], connect="finite")
            else:
                line.setData([], [])

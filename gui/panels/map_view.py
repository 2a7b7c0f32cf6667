"""The maps' picture: basin maps, sweeps and trainability boundaries (arena.maps.MapImage) drawn as their tiles
arrive, side by side, each with its colour key; a click on a cell is reported (the Maps dock decides what it does).
Also the drawing shared with the PNG export (gui/export/map_image.py)."""

from __future__ import annotations

import html
import math
import re
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from arena.maps import MapImage, map_image
from engine import maps
from gui.i18n import QT_TRANSLATE_NOOP, retranslate_on_change, tr

from .log_axis import LogAxis

PENDING = (244, 244, 244)
MAP_ROW_HEIGHT = 330  # a map and its key


def _span(rng: tuple[float, float], n: int, log: bool) -> tuple[float, float]:
    """(start, width) of n cells whose centres run from rng[0] to rng[1]."""
    lo, hi = (math.log10(rng[0]), math.log10(rng[1])) if log else rng
    half = (hi - lo) / (n - 1) / 2 if n > 1 else 0.5
    return lo - half, hi - lo + 2 * half


def map_rect(image: MapImage) -> QtCore.QRectF:
    """Where the image's cells lie on its axes (log axes: in log10 units, as pyqtgraph's log mode)."""
    x0, w = _span(image.x_range, image.rgb.shape[1], image.x_log)
    y0, h = _span(image.y_range, image.rgb.shape[0], image.y_log)
    return QtCore.QRectF(x0, y0, w, h)


# the words arena.maps writes in a map's key and note (English, no Qt there): their pattern and the
# template the window shows them with, in its language (a text no pattern matches is shown as it is)
_KEY_WORDS = (
    (r"diverged", QT_TRANSLATE_NOOP("", "diverged")),
    (r"converged", QT_TRANSLATE_NOOP("", "converged")),
    (r"finished", QT_TRANSLATE_NOOP("", "finished")),
    (r"not converged in (?P<steps>\d+) steps", QT_TRANSLATE_NOOP("", "not converged in {steps} steps")),
    (r"neither in (?P<steps>\d+) steps", QT_TRANSLATE_NOOP("", "neither in {steps} steps")),
    (
        r"converged elsewhere \(saddle / unlisted point\)",
        QT_TRANSLATE_NOOP("", "converged elsewhere (saddle / unlisted point)"),
    ),
    (r"diverged \(brighter: escaped sooner\)", QT_TRANSLATE_NOOP("", "diverged (brighter: escaped sooner)")),
    (r"converged \(brighter: sooner\)", QT_TRANSLATE_NOOP("", "converged (brighter: sooner)")),
    (r"(?P<point>\(.*\)) local", QT_TRANSLATE_NOOP("", "{point} local")),
    (r"minimum (?P<index>\d+)", QT_TRANSLATE_NOOP("", "minimum {index}")),
    (
        r"brighter: fewer steps to tolerance; x: the known minima",
        QT_TRANSLATE_NOOP("", "brighter: fewer steps to tolerance; x: the known minima"),
    ),
    (
        r"colour: steps to \|grad\| <= (?P<tol>\S+), (?P<lo>\S+) \(dark\) to (?P<hi>\S+) \(yellow\)",
        QT_TRANSLATE_NOOP("", "colour: steps to |grad| <= {tol}, {lo} (dark) to {hi} (yellow)"),
    ),
    (
        r"colour: log10 final loss gap, (?P<lo>\S+) \(dark\) to (?P<hi>\S+) \(yellow\)",
        QT_TRANSLATE_NOOP("", "colour: log10 final loss gap, {lo} (dark) to {hi} (yellow)"),
    ),
    (
        r"trainability boundary \(Sohl-Dickstein 2024\)",
        QT_TRANSLATE_NOOP("", "trainability boundary (Sohl-Dickstein 2024)"),
    ),
)


def shown(text: str) -> str:
    """A map key's label or note as the window shows it: in its language where the words are known."""
    for pattern, template in _KEY_WORDS:
        m = re.fullmatch(pattern, text)
        if m:
            return tr(template).format(**m.groupdict())
    return text


def key_html(image: MapImage, per_line: int = 2) -> str:
    parts = [
        f'<span style="color:{k.colour}; font-size:14pt">&#9632;</span>&nbsp;{html.escape(shown(k.label))} '
        f"({100 * k.share:.1f}%)"
        for k in image.key
    ]
    lines = ["&nbsp;&nbsp; ".join(parts[i : i + per_line]) for i in range(0, len(parts), per_line)]
    if image.note:
        lines.append(f"<i>{html.escape(shown(image.note))}</i>")
    return "<br>".join(lines)


def marks(image: MapImage) -> pg.ScatterPlotItem:
    """The image's points (a basin map's known minima) as white crosses."""
    return pg.ScatterPlotItem([p[0] for p in image.points], [p[1] for p in image.points], symbol="x", size=11,
                              pen=pg.mkPen("w", width=1.5), brush=pg.mkBrush("k"))  # fmt: skip


def add_map(layout: pg.GraphicsLayout, image: MapImage, row: int, col: int) -> pg.PlotItem:
    """A titled plot of ``image`` at (row, col) of ``layout`` with its key below (row + 1)."""
    axes = {side: LogAxis(orientation=side) for side in ("bottom", "left")}  # 1, 2, 5 x 10^k ticks on log axes
    plot = layout.addPlot(row=row, col=col, title=html.escape(image.title), axisItems=axes)
    plot.setLogMode(x=image.x_log, y=image.y_log)
    item = pg.ImageItem(np.ascontiguousarray(image.rgb), axisOrder="row-major")
    item.setRect(map_rect(image))
    plot.addItem(item)
    if image.points:
        plot.addItem(marks(image))
    plot.setLabel("bottom", tr(image.x_label))  # "lr for x" on a boundary map; keys stay keys
    plot.setLabel("left", tr(image.y_label))
    for side in ("bottom", "left"):  # "momentum (x0.001)" helps nobody
        plot.getAxis(side).enableAutoSIPrefix(False)
    plot.getViewBox().setRange(rect=map_rect(image), padding=0)
    plot.getViewBox().setMouseEnabled(False, False)
    if not (image.x_log or image.y_log):
        plot.getViewBox().setAspectLocked(True)
    key = pg.LabelItem(key_html(image), justify="left", size="9pt")
    layout.addItem(key, row=row + 1, col=col)
    return plot


class MapsPanel(QtWidgets.QScrollArea):
    """The maps of a computation, side by side (scrolled when many do not fit), filled in tile by tile."""

    cellClicked = QtCore.Signal(object, int, int)  # job, row, col
    zoomed = QtCore.Signal(object, object)  # job, ((x0, x1), (y0, y1)) in the axes' view units

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("MapsPanel")
        self.view = pg.GraphicsLayoutWidget()
        self.view.setObjectName("mapView")
        self.view.setBackground("w")
        self.view.scene().sigMouseClicked.connect(self._clicked)
        self.setWidgetResizable(True)
        self.setWidget(self.view)
        self.setMinimumHeight(200)
        self._jobs: list[Any] = []
        self._images: dict[Any, np.ndarray] = {}
        self._items: dict[Any, tuple[pg.PlotItem, pg.ImageItem, pg.LabelItem]] = {}
        self._finished: set[Any] = set()
        self._zoom_timer = QtCore.QTimer(self)
        self._zoom_timer.setSingleShot(True)
        self._zoom_timer.setInterval(400)  # once the wheel or drag has settled
        self._zoom_timer.timeout.connect(self._zoom_settled)
        self._shown: dict[Any, MapImage] = {}  # the finished maps' images (their keys, set again on a switch)
        retranslate_on_change(self, self.retranslate)

    def retranslate(self) -> None:
        """The maps' titles and keys in the window's language (the maps themselves stay)."""
        for job, (plot, _item, key) in self._items.items():
            if job.kind == "boundary":
                plot.setTitle(html.escape(_title(job)))
            if job in self._shown:
                key.setText(key_html(self._shown[job]))

    def show_jobs(self, jobs: list[Any]) -> None:
        """Empty maps (light grey) for ``jobs``, laid out side by side."""
        self.view.clear()
        self._jobs = jobs
        self._items.clear()
        self._images.clear()
        self._finished.clear()
        self._shown.clear()
        layout = self.view.ci
        cols = max(1, min(len(jobs), 3, self.viewport().width() // 260))
        rows = -(-len(jobs) // cols)
        self.view.setMinimumHeight(rows * MAP_ROW_HEIGHT)
        for i, job in enumerate(jobs):
            rgb = np.empty(job.shape + (3,), dtype=np.uint8)
            rgb[:] = PENDING
            title = _title(job)
            axes = {side: LogAxis(orientation=side) for side in ("bottom", "left")}  # 1, 2, 5 x 10^k ticks only
            plot = layout.addPlot(row=2 * (i // cols), col=i % cols, title=html.escape(title), axisItems=axes)
            plot.setLogMode(x=job.x.log, y=job.y.log)
            item = pg.ImageItem(rgb, axisOrder="row-major")
            plot.addItem(item)
            plot.setLabel("bottom", "x" if job.kind == "basins" else job.x.key)
            plot.setLabel("left", "y" if job.kind == "basins" else job.y.key)
            for side in ("bottom", "left"):
                plot.getAxis(side).enableAutoSIPrefix(False)
            key = pg.LabelItem("", justify="left", size="8pt")
            layout.addItem(key, row=2 * (i // cols) + 1, col=i % cols)
            self._images[job] = rgb
            self._items[job] = (plot, item, key)
            if job.kind == "boundary":  # zoom (wheel, drag) recomputes the boundary at the new scale
                plot.getViewBox().sigRangeChangedManually.connect(lambda *_a: self._zoom_timer.start())
            else:
                plot.getViewBox().setMouseEnabled(False, False)
            image = map_image(maps.MapResult(job, _placeholder(job)))
            item.setRect(map_rect(image))
            plot.getViewBox().setRange(rect=map_rect(image), padding=0)

    def tile(self, job, r0: int, r1: int, arrays: dict) -> bool:
        """Rows r0..r1 of ``job``'s map arrived: colour them in. False for a job no longer on show."""
        if job not in self._items:
            return False  # an older computation's tile
        part = map_image(maps.MapResult(_Rows(job, r1 - r0), arrays)).rgb
        rgb = self._images[job]
        rgb[r0:r1] = part
        self._items[job][1].setImage(rgb, autoLevels=False, levels=(0, 255))
        return True

    def done(self, job, result: maps.MapResult) -> bool:
        """``job`` finished: the whole map coloured as one (its key, its minima marked)."""
        if job not in self._items:
            return False
        self._finished.add(job)
        image = map_image(result)
        self._images[job] = image.rgb.copy()
        plot, item, key = self._items[job]
        item.setImage(self._images[job], autoLevels=False, levels=(0, 255))
        key.setText(key_html(image))
        self._shown[job] = image
        if image.points:
            plot.addItem(marks(image))
        return True

    def plot_of(self, job) -> pg.PlotItem:
        return self._items[job][0]

    def shown_image(self, job) -> np.ndarray:
        return self._items[job][1].image

    def key_text(self, job) -> str:
        return self._items[job][2].text

    def _zoom_settled(self) -> None:
        job = next((j for j in self._jobs if j.kind == "boundary"), None)
        if job is not None:
            self.zoomed.emit(job, self._items[job][0].getViewBox().viewRange())

    def cell_at(self, job, x: float, y: float) -> tuple[int, int] | None:
        """(row, col) of the cell under the plot point (x, y) (in the axes' own units), or None outside."""
        fx, fy = x, y  # a log axis's view coordinates are already log10 of the value (pyqtgraph's log mode)
        xs = np.log10(job.x.values()) if job.x.log else job.x.values()
        ys = np.log10(job.y.values()) if job.y.log else job.y.values()
        hx = (xs[-1] - xs[0]) / (len(xs) - 1) / 2
        hy = (ys[-1] - ys[0]) / (len(ys) - 1) / 2
        if not (xs[0] - hx <= fx <= xs[-1] + hx and ys[0] - hy <= fy <= ys[-1] + hy):
            return None
        return int(np.argmin(np.abs(ys - fy))), int(np.argmin(np.abs(xs - fx)))

    def _clicked(self, event) -> None:
        if event.button() != QtCore.Qt.MouseButton.LeftButton:
            return
        for job, (plot, _item, _key) in self._items.items():
            vb = plot.getViewBox()
            if not vb.sceneBoundingRect().contains(event.scenePos()):
                continue
            p = vb.mapSceneToView(event.scenePos())
            cell = self.cell_at(job, p.x(), p.y())
            if cell is not None and job in self._finished:
                self.cellClicked.emit(job, *cell)
            return


class _Rows:
    """A job seen through a band of its rows (colouring a tile as it arrives)."""

    def __init__(self, job, rows: int):
        self._job, self.rows = job, rows

    def __getattr__(self, name: str) -> Any:
        return getattr(self._job, name)

    @property
    def shape(self) -> tuple[int, int]:
        return self.rows, self._job.x.n


def _placeholder(job) -> dict[str, np.ndarray]:
    shape = job.shape
    if job.kind == "basins":
        return {"basin": np.full(shape, maps.NOT_CONVERGED, np.int16), "steps": np.zeros(shape, np.int32)}
    if job.kind == "sweep":
        z = np.zeros(shape)
        return {"status": np.zeros(shape, np.int8), "steps": np.zeros(shape, np.int32), "gap": z, "final_loss": z}
    return {"escape": np.full(shape, -1, np.int32), "converged": np.full(shape, -1, np.int32)}


def _title(job) -> str:
    """A map's title while it is computed: its optimizer spec (a sweep's: with its two keys)."""
    title = getattr(job, "spec", None) or tr("gradient descent, a rate per parameter")
    if job.kind == "sweep":
        title = f"{title.split(':')[0]}: {job.x.key} × {job.y.key}"
    return title

"""StepPanel: the common frame of the per-step panels (loss, learning rate):
a title row with a mode selector above a plot whose x axis is the step."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from gui.i18n import retranslate_on_change, tr

from .curve_cache import CurveCache
from .growing_curve import GrowingCurve
from .log_axis import LogAxis, steady_text_space
from .racer_legend import PanelLegend, racer_sample

MIN_STEPS = 10  # the step axis spans at least [0, MIN_STEPS]
HEADROOM = 1.25  # while playing, the step axis reaches at least this far past the step...
NICE = (1, 2, 5)  # ...to the next 1, 2 or 5 times a power of ten (it rescales rarely: every ~2.5x)
Y_ROOM = 0.15  # while playing, the y axis leaves this share of the curves' span free above and below them...
Y_SLACK = 2.0  # ...and is fitted again when they leave it or take less than 1/Y_SLACK of it


def nice_above(value: float) -> float:
    """The smallest 1, 2 or 5 x 10^k at or above ``value`` (> 0)."""
    k = math.floor(math.log10(value))
    for m in (*NICE, 10):
        if m * 10.0**k >= value * (1 - 1e-12):
            return float(m * 10.0**k)
    return 10.0 ** (k + 1)  # pragma: no cover - the loop ends at 10


class TurnPlotWidget(pg.PlotWidget):
    """A PlotWidget that knows when its own view is painting: its scene's ``sigPrepareForPaint``
    then comes from a paint of the window, not from an export rendering the scene."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.painting = False

    def paintEvent(self, ev):  # noqa: N802 - Qt API
        self.painting = True
        try:
            super().paintEvent(ev)
        finally:
            self.painting = False


class StepPanel(QtWidgets.QWidget):
    modeChanged = QtCore.Signal(str)

    def __init__(self, title: str, modes: list[tuple[str, str]], parent=None):
        super().__init__(parent)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.header = row = QtWidgets.QHBoxLayout()
        row.setContentsMargins(6, 2, 6, 0)
        self.title_source = title  # English (shown through tr)
        self.modes = modes
        self.title = QtWidgets.QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        row.addWidget(self.title)
        row.addStretch(1)
        self.mode_label = QtWidgets.QLabel()
        row.addWidget(self.mode_label)
        self.mode_box = QtWidgets.QComboBox()
        for _key, *_texts in modes:  # (key, text[, tooltip]): their words are set by retranslate
            self.mode_box.addItem("", _key)
        self.mode_box.currentIndexChanged.connect(self._mode_tip)
        self.mode_box.currentIndexChanged.connect(lambda _: self.modeChanged.emit(self.mode))
        row.addWidget(self.mode_box)
        layout.addLayout(row)
        self.plot_widget = TurnPlotWidget(background="w", axisItems={"left": LogAxis("left")}, enableMenu=False)
        self.plot = self.plot_widget.plotItem
        self.plot.setMenuEnabled(False)
        # no grid: on a log axis it draws every minor tick, which halved the frame rate in a real window
        self.plot.showGrid(x=False, y=False)
        self.plot.getAxis("left").enableAutoSIPrefix(False)
        steady_text_space(self.plot.getAxis("left"), "2·10⁻⁵")
        self.plot.getAxis("bottom").enableAutoSIPrefix(False)
        # the step axis runs from 0 to the steps taken so far (never negative, never stale)
        self.follow_steps = True
        self.plot.vb.disableAutoRange(axis=pg.ViewBox.XAxis)
        self.plot.vb.setLimits(xMin=0)
        self.plot.vb.setXRange(0, MIN_STEPS, padding=0)
        # room above the top tick label (the plot has no title row on screen)
        self.plot.layout.setContentsMargins(2, 10, 8, 2)
        # under the x axis, outside the curves
        self.legend = PanelLegend(self.plot)
        self.marker = pg.InfiniteLine(
            pos=0, angle=90, pen=pg.mkPen((40, 40, 40, 150), width=1, style=QtCore.Qt.PenStyle.DotLine)
        )
        self.marker.setZValue(50)
        self.plot.addItem(self.marker, ignoreBounds=True)
        # the step the Inspector looks at (hidden until it looks at one)
        self.inspect_marker = pg.InfiniteLine(
            pos=0, angle=90, pen=pg.mkPen((200, 30, 30, 200), width=1.5), label="{value:.0f}",
            labelOpts={"position": 0.92, "color": (200, 30, 30), "anchors": [(0, 0.5), (0, 0.5)]},
        )  # fmt: skip
        self.inspect_marker.setZValue(51)
        self.inspect_marker.setVisible(False)
        self.plot.addItem(self.inspect_marker, ignoreBounds=True)
        layout.addWidget(self.plot_widget, 1)
        self.curves: list[list[GrowingCurve]] = []
        # the curves are drawn from an image that each paint extends by what they grew (playing) or blits
        # as it is (the Inspector's marker moving over a paused race)
        self.cache = CurveCache(self.plot.vb, lambda: [curve for group in self.curves for curve in group])
        self.cache.set_active(True)
        self.samples: list[pg.PlotDataItem] = []
        self.log_y = False
        # while a race plays (set_playing), panels take turns: a panel lays out its curves on the
        # frame before its ``paint_every``-th frame, its view held from painting them, and paints
        # them on that frame, laying out nothing (so a frame carries one panel's layout and another's
        # paint, not both of one); updates in between are kept for the next layout, any export or
        # data() call, and the end of play
        self.paint_every = 1
        self.paint_phase = 0  # ...painting on frames where (frame + paint_phase) % paint_every == 0
        self.playing = False
        self._frames = 0
        # the window's frame count while it ticks, shared by the panels that take turns (None: an
        # update outside the race's frames, drawn at once; no clock: the panel counts its updates)
        self.clock: Callable[[], int | None] | None = None
        self._deferring = False
        self._view_held = False
        self._draw_next = False  # a restarted panel draws its next update at once
        self._pending_step: int | None = None
        self._step = 0
        self.plot.scene().sigPrepareForPaint.connect(self._before_paint)
        self.steps_x = np.arange(1024, dtype=float)
        StepPanel.retranslate(self)  # a subclass's own retranslate runs once it is built (on a switch)
        retranslate_on_change(self, lambda: self.retranslate())

    def retranslate(self) -> None:
        """Set the panel's texts in the window's language (subclasses add their own; the curves stay)."""
        self.title.setText(tr(self.title_source))
        self.mode_label.setText(tr("Show:"))
        for i, (_key, text, *tip) in enumerate(self.modes):
            self.mode_box.setItemText(i, tr(text))
            if tip:
                self.mode_box.setItemData(i, tr(tip[0]), QtCore.Qt.ItemDataRole.ToolTipRole)
        self._mode_tip()
        self.plot.setLabel("bottom", tr("step"))
        self.inspect_marker.label.setFormat(tr("step {value:.0f}"))

    @property
    def mode(self) -> str:
        return self.mode_box.currentData()

    def set_mode(self, key: str) -> None:
        i = self.mode_box.findData(key)
        if i >= 0:
            self.mode_box.setCurrentIndex(i)

    def set_log_y(self, on: bool) -> None:
        """A log y axis: the curves draw log10 of their values (the axis labels the powers)."""
        self.log_y = bool(on)
        self.plot.setLogMode(y=self.log_y)
        for group in self.curves:
            for curve in group:
                curve.log_y = self.log_y

    def new_curve(self, pen, z: float, transform) -> GrowingCurve:
        curve = GrowingCurve(self.plot, pen, z=z, transform=transform)
        curve.cache = self.cache
        # the image stacks with the other items (the step markers) as the topmost curves would
        self.cache.setZValue(max(self.cache.zValue(), z))
        curve.log_y = self.log_y
        curve.deferred = self._deferring
        return curve

    def stride(self, n: int) -> int:
        """Steps per pixel column of the step axis when it shows ``n`` steps (curves are
        decimated to about that on screen)."""
        width = self.plot.vb.width()
        return int(max(n, MIN_STEPS) // max(width, 50.0))

    def _steps(self, n: int) -> np.ndarray:
        if len(self.steps_x) < n:
            self.steps_x = np.arange(max(n, 2 * len(self.steps_x)), dtype=float)
        return self.steps_x

    def set_playing(self, playing: bool) -> None:
        """While playing, frames may be skipped and both axes move in jumps; when play stops,
        everything kept is drawn, the step axis ends at the last step and the y axis fits the curves."""
        self.playing = bool(playing)
        self._hold_view(False)
        # a y range that moves every frame lays out the axis, every curve's bounds and dashes again
        self.plot.vb.enableAutoRange(axis=pg.ViewBox.YAxis, enable=not self.playing)
        if not self.playing:
            self.flush()
            self.set_step(self._step)
        elif self.follow_steps:  # the step axis jumps ahead now, not after the first frame painted without it
            self.plot.vb.setXRange(0, nice_above(max(self._step, MIN_STEPS) * HEADROOM), padding=0)

    def _y_bounds(self) -> tuple[float, float] | None:
        """The lowest and highest y drawn (as plotted: log10 on a log axis), from each item's stats."""
        lo, hi = math.inf, -math.inf
        for group in self.curves:
            for curve in group:
                if not curve.visible:
                    continue
                for item in curve.all_items():
                    stats = item._stats
                    if item.blank or stats is None or stats[5] is None:
                        continue
                    lo, hi = min(lo, stats[5]), max(hi, stats[6])
        return (lo, hi) if lo <= hi else None

    def _follow_y(self) -> None:
        """While playing: the y range stays put until the curves leave it or shrink well inside it,
        then it fits them with room to spare."""
        bounds = self._y_bounds()
        if bounds is None:
            return
        lo, hi = bounds
        least = 0.5 if self.log_y else 0.1 * max(abs(lo), abs(hi), 1e-300)  # a flat curve: half a decade, 10%
        span = max(hi - lo, least)
        (y0, y1) = self.plot.vb.viewRange()[1]
        if y0 <= lo and hi <= y1 and y1 - y0 <= Y_SLACK * (1 + 2 * Y_ROOM) * span:
            return
        self.plot.vb.setYRange(lo - Y_ROOM * span, hi + Y_ROOM * span, padding=0)

    def restart_frames(self) -> None:
        """A new race: its first frame is drawn at once."""
        self.flush()
        self._hold_view(False)
        self._draw_next = True
        self._frames = 0

    def clear_racers(self) -> None:
        self.restart_frames()
        for group in self.curves:
            for curve in group:
                curve.release()
        self.curves = []
        self.legend.set_entries([])
        self.samples = []

    def reuse_racers(self, racers) -> bool:
        """Restart the drawn curves of the same racers without rebuilding items.

        Returns False (nothing done) when the racers differ in number, name or
        colour, so the caller rebuilds."""
        self.restart_frames()
        signature = [(r.name, r.color) for r in racers]
        if signature != getattr(self, "_signature", None) or len(self.curves) != len(racers):
            self._signature = signature
            return False
        for i, (group, racer) in enumerate(zip(self.curves, racers)):
            for curve in group:
                curve.clear()
                curve.set_visible(racer.visible)
            self.legend.set_shown(i, racer.visible)
        return True

    def add_legend_entry(self, racer) -> None:
        sample = racer_sample(racer.color)
        self.samples.append(sample)
        entries = [(s, n, v) for s, n, v in self.legend.entries]
        self.legend.set_entries([*entries, (sample, racer.name, racer.visible)])

    def _mode_tip(self, *_: object) -> None:
        """The closed selector's tooltip explains the choice shown."""
        tip = self.mode_box.currentData(QtCore.Qt.ItemDataRole.ToolTipRole)
        self.mode_box.setToolTip(tip or "")

    def rename_racer(self, index: int, name: str) -> None:
        if index < len(self.samples):
            self.legend.rename(index, name)

    def remove_racer(self, index: int) -> None:
        """Drop racer ``index``'s curves and legend entry; the others keep what they have drawn."""
        for curve in self.curves.pop(index):
            curve.release()
        signature = getattr(self, "_signature", None)
        if signature is not None and index < len(signature):
            del signature[index]
        if index < len(self.samples):
            del self.samples[index]
            self.legend.set_entries([e for i, e in enumerate(self.legend.entries) if i != index])

    def set_racer_visible(self, index: int, visible: bool) -> None:
        for curve in self.curves[index]:
            curve.set_visible(visible)
        if index < len(self.samples):
            self.legend.set_shown(index, visible)

    @property
    def deferring(self) -> bool:
        """This frame the panel lays out nothing: its updates are kept (while playing, on the frames
        it paints what the frame before laid out, and on those it skips)."""
        return self._deferring

    @property
    def holding(self) -> bool:
        """This frame the panel lays out its curves and is not painted (it is on the next frame)."""
        return self._view_held

    def _hold_view(self, hold: bool) -> None:
        """Keep the plot's view from painting (released: it paints what it has, at the next paint).
        The view, not the PlotWidget, which a surface switch holds on its own."""
        if hold != self._view_held:
            self._view_held = hold
            self.plot_widget.viewport().setUpdatesEnabled(not hold)  # (re-enabled: it asks for a paint)

    def frame_started(self) -> None:
        """Called by ``update_curves`` first: decides whether this frame lays out the panel (and holds
        its paint for the next frame) or keeps the update."""
        if self.clock is not None:
            frame = self.clock()
        else:
            self._frames += 1
            frame = self._frames
        turns = self.paint_every > 1 and self.playing and frame is not None and not self._draw_next
        self._draw_next = False
        lay_out = not turns or (frame + self.paint_phase) % self.paint_every == self.paint_every - 1
        self._hold_view(turns and lay_out)
        defer = not lay_out
        if defer != self._deferring:
            self._deferring = defer
            for group in self.curves:
                for curve in group:
                    curve.deferred = defer

    def _before_paint(self) -> None:
        """The scene is about to be painted or rendered: what updates kept is laid out first,
        except for the view's own paint while the panel takes turns (it paints what the frame
        before laid out; the kept updates wait for the panel's next layout frame)."""
        if self._deferring and self.plot_widget.painting:  # (only a playing panel defers)
            return
        self.flush()

    def flush(self) -> None:
        """Draw what skipped frames kept."""
        if not self._deferring and self._pending_step is None:
            return
        self._deferring = False
        for group in self.curves:
            for curve in group:
                curve.deferred = False
                curve.flush()
        step, self._pending_step = self._pending_step, None
        if step is not None:
            self.set_step(step)

    def set_step(self, step: int) -> None:
        self._step = step
        if self._deferring:
            self._pending_step = step
            return
        self._pending_step = None
        self.marker.setValue(step)
        if self.follow_steps:
            hi = max(int(step), MIN_STEPS)
            vb = self.plot.vb
            if not self.playing:
                vb.setXRange(0, hi, padding=0)
            elif not hi <= vb.viewRange()[0][1] <= 2 * nice_above(hi * HEADROOM):
                # a jump ahead to a round step: the view, its axis and the curves' layout stay put
                # until the race reaches it (each re-layout costs a frame about twice the usual)
                vb.setXRange(0, nice_above(hi * HEADROOM), padding=0)
        if self.playing:
            self._follow_y()
        # the y auto-range and the view's matrix now, not while painting: a range changed during a
        # paint asks for a second paint of the whole plot
        self.plot.vb.prepareForPaint()

    def set_inspected_step(self, step: int | None) -> None:
        """Mark the step the Inspector shows (None: no mark)."""
        self.inspect_marker.setVisible(step is not None)
        if step is not None:
            self.inspect_marker.setValue(step)

    def redraw(self, runners) -> None:
        """Drop what is drawn and draw again (after a mode change)."""
        for group in self.curves:
            for curve in group:
                curve.clear()
        self.update_curves(runners)

    def update_curves(self, runners) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

"""A curve that grows at its end, drawn in bounded time per frame however long it gets.

A :class:`GrowingCurve` draws its points with two plot items:

* the *tail*: the newest points at full resolution (between ``TAIL_KEEP`` and
  ``TAIL_KEEP + FOLD`` of them, plus a per-curve offset before the first fold, so
  that not every curve folds in the same frame). Each frame re-sets it with a
  slice of the caller's arrays;
* the *history*: everything older, decimated. When the tail holds ``FOLD`` points
  more than ``TAIL_KEEP``, its oldest points are folded into the history: per
  bucket of ``BUCKET`` points only the first, the last and the extremes of x and
  of y are kept (min/max decimation: a step curve keeps its envelope, a path its
  extent). When the history exceeds ``HISTORY_MAX`` points it is decimated once
  more. The history item is set only when a fold happens.

So every curve is two items and a bounded number of points whatever its length,
and no frame redraws the history's data. Both items are :class:`FastCurve`: a
``PlotCurveItem`` (no per-item log/FFT/downsampling machinery) whose pen is set
once and which is stroked on screen as separate segments (Qt's wide antialiased
stroker is ten to a hundred times slower on one long path), dashes laid out by the
item itself. :meth:`GrowingCurve.data` returns the exact points (from the
caller's arrays), never the decimated display copy; exports read the run records.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.PlotCurveItem import arrayToLineSegments
from PySide6 import QtCore, QtGui

TAIL_KEEP = 512  # full-resolution points the tail keeps after a fold
FOLD = 512  # points folded into the history at a time (a multiple of BUCKET)
BUCKET = 16  # points per decimation bucket (at most 6 kept)
TAIL_BUCKET_MIN = 4  # a step panel's tail (x increasing: at most 4 kept per bucket) is decimated from 5 per pixel
HISTORY_MAX = 512  # decimated points in the history before it is decimated again
STAGGER = 4  # curves fold at this many phases of the fold period, FOLD // STAGGER steps apart
TAIL_TOL = 0.5  # maps: the tail keeps a point every this many pixels of path length
HISTORY_TOL = 1.0  # ...and the history one every this many (doubled while it exceeds HISTORY_MAX)
SCRIBBLE = 6.0  # a curve this many times longer on screen than its box's half-perimeter...
SCRIBBLE_PX = 3000.0  # ...and at least this long is drawn with thin strokes (a band of ink anyway)
DASH_SLACK = 0.02  # dashes are laid out again when the view's scale changes by more than this
EXTEND_MIN = 200  # a curve of more points that grew at its end has only its new part laid out (below: all of
# it, as fast as comparing it with the old one)

# for the tests: the most items and points one curve draws
ITEMS_MAX = 2
POINTS_MAX = HISTORY_MAX + TAIL_KEEP + 2 * FOLD

_curves = itertools.count()
_items = itertools.count()


def decimate(x: np.ndarray, y: np.ndarray, k: int = BUCKET) -> tuple[np.ndarray, np.ndarray]:
    """Per bucket of ``k`` consecutive points keep the first, the last, the points where
    x and y are smallest and largest, and the first non-finite one (a gap stays a gap)."""
    n = len(x)
    if n <= 2 * k:
        return np.array(x, dtype=float), np.array(y, dtype=float)
    m = n // k * k
    xb, yb = x[:m].reshape(-1, k), y[:m].reshape(-1, k)
    base = np.arange(0, m, k)
    bad = ~(np.isfinite(xb) & np.isfinite(yb))
    picks = [base, base + k - 1, _bucket_picks(x[m:], y[m:], m)]
    for arr in (xb, yb):
        picks.append(base + np.where(bad, np.inf, arr).argmin(axis=1))
        picks.append(base + np.where(bad, -np.inf, arr).argmax(axis=1))
    has_bad = bad.any(axis=1)
    picks.append((base + bad.argmax(axis=1))[has_bad])
    keep = np.zeros(n, dtype=bool)  # a mask, not np.unique: the picks in order without sorting them
    for pick in picks:
        keep[pick] = True
    return x[keep].astype(float), y[keep].astype(float)


def _bucket_picks(x: np.ndarray, y: np.ndarray, offset: int) -> np.ndarray:
    """:func:`decimate`'s picks in one partial bucket (``offset`` its first index): all of a few points,
    else the first, the last, the extremes of x and y and the first non-finite one (a whole bucket's)."""
    n = len(x)
    if n <= 6:
        return np.arange(offset, offset + n)
    bad = ~(np.isfinite(x) & np.isfinite(y))
    picks = [0, n - 1, int(bad.argmax())]
    for arr in (x, y):
        picks += [int(np.where(bad, np.inf, arr).argmin()), int(np.where(bad, -np.inf, arr).argmax())]
    return offset + np.array(picks)


def drop_flat(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``x, y`` without the points that lie on the segment between their neighbours along a run of
    equal y (a constant learning rate, a plateau of the loss): the same line, drawn as one segment
    per run instead of one per step."""
    if len(y) < 3:
        return x, y
    mid, before, after = x[1:-1], x[:-2], x[2:]
    between = ((before <= mid) & (mid <= after)) | ((before >= mid) & (mid >= after))
    inner = (y[1:-1] == y[:-2]) & (y[1:-1] == y[2:]) & between
    if not inner.any():
        return x, y
    keep = np.ones(len(y), dtype=bool)
    keep[1:-1] = ~inner
    return x[keep], y[keep]


def dash_pieces(x: np.ndarray, y: np.ndarray, sx: float, sy: float, pattern) -> tuple[np.ndarray, np.ndarray]:
    """The "on" pieces of a dash ``pattern`` (on, off, ... lengths in pixels) laid along the polyline
    ``x, y`` drawn at ``sx``, ``sy`` pixels per unit: start and end points in pairs, in data units.
    Non-finite points break the line (and restart no pattern: the gap just takes no ink)."""
    layout = dash_layout(x, y, sx, sy, pattern)
    return layout.px, layout.py


@dataclass
class DashLayout:
    """Dash pieces laid along a polyline: ``px, py`` (start and end points in pairs), ``piece_seg``
    (the polyline segment each piece lies on) and ``s`` (the arc length in pixels at each point)."""

    px: np.ndarray
    py: np.ndarray
    piece_seg: np.ndarray
    s: np.ndarray


def dash_layout(x: np.ndarray, y: np.ndarray, sx: float, sy: float, pattern, phase: float = 0.0) -> DashLayout:
    """:func:`dash_pieces` with what it takes to extend the layout: ``phase`` is how far into the
    pattern (pixels) the first point lies (the arc length laid before it)."""
    seg = np.hypot(np.diff(x) * sx, np.diff(y) * sy)
    bad = ~np.isfinite(seg)
    seg[bad] = 0.0
    s = np.concatenate([[0.0], np.cumsum(seg)])
    total = s[-1]
    c = np.concatenate([[0.0], np.cumsum(pattern)])
    period = c[-1]
    empty = np.empty(0)
    if not total > 0 or not period > 0:
        return DashLayout(empty, empty, np.empty(0, dtype=np.intp), s)
    phase = phase % period
    k = np.arange(int((total + phase) // period) + 1, dtype=float)
    marks = (k[:, None] * period + c[None, :-1]).ravel() - phase
    cuts = np.concatenate([s, marks[(marks > 0) & (marks < total)]])
    cuts.sort(kind="stable")  # two sorted runs: merged in one pass (np.union1d sorts and dedups: 2x slower)
    u, v = cuts[:-1], cuts[1:]
    mid = 0.5 * (u + v)
    on = (v > u) & ((np.searchsorted(c, (mid + phase) % period, side="right") - 1) % 2 == 0)
    i = np.clip(np.searchsorted(s, mid, side="right") - 1, 0, len(seg) - 1)
    on &= ~bad[i] & (seg[i] > 0)
    u, v, i = u[on], v[on], i[on]
    with np.errstate(invalid="ignore", divide="ignore"):
        tu, tv = (u - s[i]) / seg[i], (v - s[i]) / seg[i]
    dx, dy = x[i + 1] - x[i], y[i + 1] - y[i]
    px = np.empty(2 * len(i))
    py = np.empty(2 * len(i))
    px[0::2], px[1::2] = x[i] + tu * dx, x[i] + tv * dx
    py[0::2], py[1::2] = y[i] + tu * dy, y[i] + tv * dy
    return DashLayout(px, py, i, s)


def extend_dash_layout(
    old: DashLayout, ox: np.ndarray, oy: np.ndarray, x: np.ndarray, y: np.ndarray, sx: float, sy: float, pattern
) -> DashLayout | None:
    """The layout of ``x, y`` from ``old`` (laid along ``ox, oy`` at the same scale) where the two
    polylines share their first points (a curve that grew at its end): the shared part's pieces are
    kept and only the rest is laid out, carrying the pattern on. None if they share fewer than two."""
    k = min(len(ox), len(x))
    if k < 2:
        return None
    same = (ox[:k] == x[:k]) & (oy[:k] == y[:k])
    j = k if same.all() else int(np.argmin(same))  # points [0, j) are the same
    if j < 2:
        return None
    start = j - 1  # the last shared point: the new part is laid from it
    keep = old.piece_seg < start
    rest = dash_layout(x[start:], y[start:], sx, sy, pattern, phase=float(old.s[start]))
    pieces = np.repeat(keep, 2)
    return DashLayout(
        np.concatenate([old.px[pieces], rest.px]),
        np.concatenate([old.py[pieces], rest.py]),
        np.concatenate([old.piece_seg[keep], rest.piece_seg + start]),
        np.concatenate([old.s[:start], rest.s + old.s[start]]),
    )


def thin(x: np.ndarray, y: np.ndarray, px: float, py: float, tol: float) -> tuple[np.ndarray, np.ndarray]:
    """A path with one point kept per ``tol`` pixels of its length (``px``, ``py``: data units per
    pixel), its ends, and both ends of every non-finite or huge step (a gap stays a gap): drawn,
    it strays at most ``tol / 2`` pixels from the full path."""
    n = len(x)
    if n <= 2:
        return np.array(x, dtype=float), np.array(y, dtype=float)
    with np.errstate(all="ignore"):
        seg = np.hypot(np.diff(x) / px, np.diff(y) / py)
    bad = ~np.isfinite(seg)
    s = np.concatenate([[0.0], np.cumsum(np.where(bad, 0.0, seg))])
    q = np.floor(s / tol)
    keep = np.ones(n, dtype=bool)
    keep[1:-1] = q[1:-1] != q[:-2]
    keep[:-1] |= bad
    keep[1:] |= bad
    return x[keep].astype(float), y[keep].astype(float)


class FastCurve(pg.PlotCurveItem):
    """A PlotCurveItem for growing racer curves, pen given once, non-finite points breaking the line.

    On screen it is stroked as separate line segments: Qt strokes one wide antialiased
    path ten times slower than the same segments (a hundred times on a noisy curve
    folded over itself). A dashed or dotted pen is laid out here, along the curve in
    pixels, and its dashes drawn as segments with the solid pen; a scribble (a noisy
    curve seen from afar, a band of ink whatever the pen) is stroked one pixel wide.
    Layouts are kept until the data or the view's scale changes. Exports stroke one
    path with the pen itself."""

    version = 0  # counts setData (which pyqtgraph's __init__ calls first)

    def __init__(self, pen):
        super().__init__(connect="finite", skipFiniteCheck=True)
        self._dash_key: tuple[float, float] | None = None  # the scale the dashes are laid out at
        self._dash_lines = None
        self._dash: DashLayout | None = None  # ...their layout, along the copy of the data it was made for
        self._dash_src: tuple[np.ndarray, np.ndarray] | None = None
        self._dash_dirty = True  # the data changed since
        self._scribble = False
        self._stats: tuple | None = None  # curve_stats of the data
        self.blank = False  # emptied by GrowingCurve.clear (hidden, old data kept until set again)
        self.cache = None  # the CurveCache that draws this item on screen while active (gui/panels/curve_cache.py)
        self.generation = 0  # counts forget(): data that did not just grow
        self.order = next(_items)  # made after the items of lower order (stacked above them at equal z)
        self.setPen(pen)

    def setData(self, *args, **kargs):  # noqa: N802 - pyqtgraph API
        self.version += 1
        self._dash_dirty = True  # laid out again at the next paint: extended where the data grew at its end
        super().setData(*args, **kargs)
        self._stats = curve_stats(self.xData, self.yData)

    def forget(self) -> None:
        """Drop the data of a hidden item (no new layout: the next setData lays it out)."""
        self.generation += 1
        self.xData = self.yData = None
        self.path = self.fillPath = None
        self._lineSegmentsRendered = False
        self._stats = None
        self._dash_key = None
        self._dash = self._dash_src = None

    def dataBounds(self, ax, frac=1.0, orthoRange=None):  # noqa: N802, N803 - pyqtgraph API
        """The data's extent, measured once per setData (pyqtgraph measures it again for every
        new view range: the y auto-range of a step panel asked each curve every frame). Only a
        part of the curve in ``orthoRange`` or a fraction of its points is measured on demand."""
        stats = self._stats
        pen = self.opts["pen"]
        if stats is None or frac < 1.0 or (pen is not None and not pen.isCosmetic()):
            return super().dataBounds(ax, frac, orthoRange)
        xmin, xmax, ymin, ymax = stats[3:]
        if orthoRange is not None:
            lo, hi = (ymin, ymax) if ax == 0 else (xmin, xmax)
            if not (orthoRange[0] <= lo and hi <= orthoRange[1]):
                return super().dataBounds(ax, frac, orthoRange)
        b = (xmin, xmax) if ax == 0 else (ymin, ymax)
        return (None, None) if b[0] is None else b

    def viewTransformChanged(self):  # noqa: N802 - pyqtgraph API
        """A new view range: the bounding rectangle's pixel padding changes, the data bounds do not
        (pyqtgraph drops both, and auto-ranging then walks every curve's data again each frame)."""
        self._boundingRect = None
        self.prepareGeometryChange()

    def setPen(self, *args, **kargs):  # noqa: N802 - pyqtgraph API
        self._dash_key = None
        self._dash = self._dash_src = None
        super().setPen(*args, **kargs)
        pen = self.opts["pen"]
        self._solid_pen = QtGui.QPen(pen if pen is not None else QtCore.Qt.PenStyle.NoPen)
        if pen is not None and pen.style() != QtCore.Qt.PenStyle.NoPen:
            self._solid_pen.setStyle(QtCore.Qt.PenStyle.SolidLine)
        self._thin_pen = QtGui.QPen(self._solid_pen)
        self._thin_pen.setWidthF(min(1.0, self._thin_pen.widthF()))
        self._thin_pen.setCosmetic(True)

    def paint(self, p, opt, widget):
        x = self.xData
        if self._exportOpts is not False or x is None or len(x) < 2:
            return super().paint(p, opt, widget)
        if self.cache is not None and self.cache.active:  # drawn into the panel's cached image instead
            return None
        self.draw(p)
        return None

    def draw(self, p, x_from: float | None = None) -> int:
        """Stroke the curve with ``p`` (its transform: data to pixels), laying out dashes or thin strokes
        for that scale first if needed. ``x_from``: only the segments (dashes) reaching that x or beyond
        (x must increase along the curve: a step panel's). Returns the number of segments drawn."""
        x, y = self.xData, self.yData
        pen = self.opts["pen"]
        if x is None or len(x) < 2 or pen is None or pen.style() == QtCore.Qt.PenStyle.NoPen:
            return 0
        p.setRenderHint(p.RenderHint.Antialiasing, self.opts["antialias"])
        t = p.transform()
        sx, sy = math.hypot(t.m11(), t.m12()), math.hypot(t.m21(), t.m22())
        key = self._dash_key
        rescaled = key is None or abs(sx - key[0]) > DASH_SLACK * key[0] or abs(sy - key[1]) > DASH_SLACK * key[1]
        if rescaled or self._dash_dirty:
            if rescaled:
                self._dash_key = key = (sx, sy)
            self._dash_dirty = False
            self._scribble = self._stats is not None and scribble_from(self._stats, sx, sy)
            if not self._scribble and pen.style() != QtCore.Qt.PenStyle.SolidLine:
                pattern = np.asarray(pen.dashPattern(), dtype=float) * max(pen.widthF(), 1.0)
                layout = None
                if not rescaled and len(x) > EXTEND_MIN and self._dash is not None and self._dash_src is not None:
                    # the same scale and a curve that grew at its end (a tail, every frame): only its new
                    # part is laid out, the pattern carried on from the last shared point
                    layout = extend_dash_layout(self._dash, *self._dash_src, x, y, key[0], key[1], pattern)
                if layout is None:
                    layout = dash_layout(x, y, key[0], key[1], pattern)
                self._dash = layout
                # what an extension compares the next data with (a copy: the caller's arrays may be reused)
                self._dash_src = (np.array(x, dtype=float), np.array(y, dtype=float)) if len(x) > EXTEND_MIN else None
                self._dash_lines = arrayToLineSegments(layout.px, layout.py, "pairs", False, out=self._dash_lines)
            else:
                self._dash = self._dash_src = None
        if self._scribble or pen.style() == QtCore.Qt.PenStyle.SolidLine:
            # a scribble is a band of ink whatever the pen: thin strokes fill it at a fraction of the cost
            p.setPen(self._thin_pen if self._scribble else pen)
            if x_from is None:
                lines = self._getLineSegments()
                p.drawLines(*lines)
                return len(x) - 1
            lo = max(int(np.searchsorted(x, x_from, side="left")) - 1, 0)  # the segment that reaches x_from
            if lo >= len(x) - 1:
                return 0
            p.drawLines(*arrayToLineSegments(x[lo:], y[lo:], "finite", True).drawargs())
            return len(x) - 1 - lo
        p.setPen(self._solid_pen)
        if x_from is None:
            p.drawLines(*self._dash_lines.drawargs())
            return len(self._dash.px) // 2
        ends = self._dash.px[1::2]  # where each dash ends (dashes run along x)
        lo = int(np.searchsorted(ends, x_from, side="left"))
        if lo >= len(ends):
            return 0
        p.drawLines(*arrayToLineSegments(self._dash.px[2 * lo :], self._dash.py[2 * lo :], "pairs", False).drawargs())
        return len(ends) - lo


def _path_length(d: np.ndarray) -> float:
    """The sum of |steps| of ``d``, non-finite steps left out (one pass when there are none)."""
    if len(d) < 2:
        return 0.0
    steps = np.abs(np.diff(d))
    total = float(steps.sum())
    return total if math.isfinite(total) else float(np.nansum(steps))


def _bounds(d: np.ndarray) -> list:
    """[min, max] of the finite values of ``d`` ([None, None] if none)."""
    lo, hi = float(np.fmin.reduce(d)), float(np.fmax.reduce(d))  # NaN left out, no copy
    if not (math.isfinite(lo) and math.isfinite(hi)):
        d = d[np.isfinite(d)]
        lo, hi = (float(d.min()), float(d.max())) if len(d) else (None, None)
    return [lo, hi]


def curve_stats(x: np.ndarray | None, y: np.ndarray | None) -> tuple | None:
    """(points, length along x, length along y, xmin, xmax, ymin, ymax) of a polyline, finite values
    only (None bounds if it has none): measured once per data, read at every paint."""
    if x is None or y is None or len(x) == 0:
        return None
    with np.errstate(all="ignore"):
        return (len(x), _path_length(x), _path_length(y), *_bounds(x), *_bounds(y))


def scribble_from(stats: tuple, sx: float, sy: float) -> bool:
    """:func:`is_scribble` from a curve's :func:`curve_stats` (no pass over the data)."""
    n, lx, ly, x0, x1, y0, y1 = stats
    if n < 64 or x0 is None or y0 is None:
        return False
    length = lx * sx + ly * sy  # the length on screen, moving along x and y in turn
    box = (x1 - x0) * sx + (y1 - y0) * sy
    return math.isfinite(length) and length > max(SCRIBBLE_PX, SCRIBBLE * box)


def is_scribble(x: np.ndarray, y: np.ndarray, sx: float, sy: float) -> bool:
    """True for a curve folded over itself on screen (``sx``, ``sy``: pixels per unit): one many
    times longer than the box it fills, such as a noisy loss seen from afar."""
    stats = curve_stats(x, y)
    return stats is not None and scribble_from(stats, sx, sy)


def _bucket(stride: int, n: int, least: int) -> int:
    """Points per decimation bucket for ``n`` points at ``stride`` per pixel column: a column's, but
    at least four buckets when the points fill fewer than four columns (:func:`decimate` keeps fewer
    than two buckets' points as they are), and no fewer than ``least`` points."""
    return min(stride, max(n // 4, least))


class GrowingCurve:
    """Draw ``x[:n], y[:n]`` as ``n`` grows; the arrays are the caller's live history.

    ``transform`` is applied to each y slice as it is drawn (and by :meth:`data`);
    ``log_y`` draws log10 of the transformed values (for a PlotItem in log mode)."""

    def __init__(self, plot: pg.PlotItem, pen, name: str | None = None, z: float = 0.0, transform=None):
        self.plot = plot
        self.transform = transform
        self.log_y = False
        self.pen = pen
        self.name = name
        self.z = z
        self.history: FastCurve | None = None
        self.tail: FastCurve | None = None
        self.hist_x = np.empty(0)
        self.hist_y = np.empty(0)
        self.hist_tol = HISTORY_TOL  # pixels of path length per kept history point (maps)
        self.pixel: tuple[float, float] | None = None
        self.stride = 1  # (step panels) points per pixel column at the last update
        self.deferred = False  # updates are kept for the next flush()
        self.cache = None  # the panel's CurveCache, handed to the items (None: they always paint themselves)
        self._pending: tuple | None = None
        self.tail_start = 0  # index of the tail's first point (the history's last one)
        self.shown = 0  # points drawn so far
        self.visible = True
        # the first fold comes this much later, and every fold after it at the same offset: the curves of
        # a panel fold on different frames (a multiple of FOLD here put all 40 folds of 10 racers on one)
        self.stagger = (next(_curves) % STAGGER) * (FOLD // STAGGER)
        self._x: np.ndarray | None = None
        self._y: np.ndarray | None = None

    def _make_item(self) -> FastCurve:
        item = FastCurve(self.pen)
        item.cache = self.cache
        item.setZValue(self.z)
        item.setVisible(self.visible)
        self.plot.addItem(item)
        return item

    def _ys(self, lo: int, hi: int) -> np.ndarray:
        y = self._y[lo:hi]
        return y if self.transform is None else self.transform(y)

    def _drawn(self, y: np.ndarray) -> np.ndarray:
        if not self.log_y:
            return y
        with np.errstate(all="ignore"):
            out = np.log10(y)
        out[~np.isfinite(out)] = np.nan
        return out

    def update(self, x: np.ndarray, y: np.ndarray, n: int, stride: int = 1, pixel=None) -> None:
        """Show the first ``n`` points of ``x``, ``y`` (``n`` may also shrink: redraw).

        The caller knows its view: ``stride``, the points per pixel column of a step axis
        (above TAIL_BUCKET_MIN the tail is drawn min/max-decimated in buckets of that many
        points; with fewer, a bucket would keep them all and every point is drawn);
        ``pixel``, the data units per pixel (x, y) of a map: the path is thinned to a
        point every half pixel of its length (the history to one a pixel or more)."""
        if self.deferred:  # drawn at the next flush (a frame the panel skips)
            self._pending = (x, y, n, stride, pixel)
            return
        self._pending = None
        self.pixel = pixel
        if n < self.shown:
            self.clear()
        self._x, self._y = x, y
        if n == self.shown or n < 1:
            return
        self.stride = stride
        if self.tail is None:  # both items now, the history hidden until a fold: no item is made while playing
            self.tail = self._make_item()
            self.history = self._make_item()
            self.history.blank = True
            self.history.setVisible(False)
        over = n - self.tail_start - TAIL_KEEP - self.stagger
        if over >= FOLD:
            self._fold(over // FOLD * FOLD + self.stagger)  # a long catch-up folds at once
        lo = self.tail_start
        tx, ty = x[lo:n], self._drawn(self._ys(lo, n))
        if pixel is not None:
            tx, ty = thin(tx, ty, pixel[0], pixel[1], TAIL_TOL)
        elif stride > TAIL_BUCKET_MIN:
            # a bucket per pixel column; a tail narrower than two columns (a long race: thousands of steps
            # a pixel) in four buckets, not kept whole (decimate keeps fewer than two buckets' points as is)
            tx, ty = decimate(tx, ty, _bucket(stride, len(tx), TAIL_BUCKET_MIN + 1))
        tx, ty = drop_flat(tx, ty)
        self.tail.setData(tx, ty)
        self._unblank(self.tail)
        self.shown = n

    def flush(self) -> None:
        """Draw an update kept while ``deferred``."""
        pending, self._pending = self._pending, None
        if pending is not None:
            deferred, self.deferred = self.deferred, False
            self.update(*pending)
            self.deferred = deferred

    def _fold(self, count: int) -> None:
        """Move the tail's oldest ``count`` points into the decimated history."""
        lo = self.tail_start
        hi = lo + count  # the last folded point; the tail keeps it as its first
        start = lo + 1 if len(self.hist_x) else lo
        x, y = self._x[start : hi + 1], self._drawn(self._ys(start, hi + 1))
        pixel = self.pixel
        if pixel is None:  # buckets of BUCKET points, or of a pixel column's when that is more
            sx, sy = decimate(x, y, max(BUCKET, _bucket(self.stride, len(x), BUCKET)))
        else:
            sx, sy = thin(x, y, pixel[0], pixel[1], self.hist_tol)
        self.hist_x = np.concatenate([self.hist_x, sx])
        self.hist_y = np.concatenate([self.hist_y, sy])
        while len(self.hist_x) > HISTORY_MAX:
            if pixel is None:
                self.hist_x, self.hist_y = decimate(self.hist_x, self.hist_y)
            else:  # coarser, still along the path
                self.hist_tol *= 2
                self.hist_x, self.hist_y = thin(self.hist_x, self.hist_y, pixel[0], pixel[1], self.hist_tol)
        if self.history is None:
            self.history = self._make_item()
        self.history.setData(*drop_flat(self.hist_x, self.hist_y))
        self._unblank(self.history)
        self.tail_start = hi
        self.stagger = 0  # the offset is in the tail's start now: later folds keep it

    def all_items(self) -> list[FastCurve]:
        return [item for item in (self.history, self.tail) if item is not None]

    @property
    def items(self) -> list[FastCurve]:
        """The display items (history and tail), as :meth:`all_items`."""
        return self.all_items()

    def points_drawn(self) -> int:
        """Points held by the display items (bounded whatever the length of the curve)."""
        return sum(len(item.xData) for item in self.all_items() if item.xData is not None and not item.blank)

    def set_pen(self, pen) -> None:
        self.pen = pen
        for item in self.all_items():
            item.setPen(pen)

    def set_visible(self, visible: bool) -> None:
        self.visible = visible
        for item in self.all_items():
            item.setVisible(visible and not item.blank)

    def _unblank(self, item: FastCurve) -> None:
        if item.blank:
            item.blank = False
            item.setVisible(self.visible)

    def clear(self) -> None:
        """Forget the data; the items are hidden and kept for reuse (cheaper than emptying them:
        a surface switch clears every curve at once). They let go of the arrays they drew (views
        of the old race's history, which is freed in the background once nothing holds it)."""
        for item in self.all_items():
            if not item.blank:
                item.blank = True
                item.setVisible(False)
            item.forget()
        self._pending = None
        self.hist_x, self.hist_y = np.empty(0), np.empty(0)
        self.hist_tol = HISTORY_TOL
        self.tail_start = 0
        self.shown = 0
        self._x = self._y = None

    def release(self) -> None:
        """Remove every item from the plot (the curve is no longer needed)."""
        for item in self.all_items():
            self.plot.removeItem(item)
        self.history = self.tail = None
        self.clear()

    def data(self) -> tuple[np.ndarray, np.ndarray]:
        """Every point shown, exactly (not the decimated display copy), for tests and exports."""
        self.flush()
        if self._x is None or self.shown < 1:
            return np.empty(0), np.empty(0)
        n = self.shown
        return np.array(self._x[:n], dtype=float), np.array(self._ys(0, n), dtype=float)

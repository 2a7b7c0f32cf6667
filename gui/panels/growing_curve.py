"""A curve that grows at its end, drawn in bounded time per frame however long it gets.

``PlotDataItem.setData`` rebuilds its whole path, so a 10,000-step path costs
milliseconds per frame per curve, and a path split into ever more items makes
every repaint and every auto-range walk all of them. A :class:`GrowingCurve`
draws its points in two parts:

* the *tail*: the newest points at full resolution, in chunks of ``CHUNK``
  points (consecutive chunks share their joining point); finished chunks are not
  touched again and each frame only re-sets the last chunk with a slice of the
  caller's arrays;
* the *history*: one item with everything older, decimated. When the tail holds
  ``TAIL_CHUNKS`` finished chunks (plus a per-curve offset, so that not every
  curve folds in the same frame), they are folded into the history: per bucket of
  ``BUCKET`` points only the first, the last and the extremes of x and of y are
  kept (min/max decimation: a step curve keeps its envelope, a path its extent).
  When the history exceeds ``HISTORY_MAX`` points it is decimated once more.

So the number of items and of points drawn per curve is bounded, and no frame
redraws the history. :meth:`GrowingCurve.data` returns the exact points (from the
caller's arrays), never the decimated display copy; exports read the run records.
"""

from __future__ import annotations

import itertools

import numpy as np
import pyqtgraph as pg

CHUNK = 256
TAIL_CHUNKS = 2  # finished full-resolution chunks kept before folding into the history
BUCKET = 16  # points per decimation bucket (at most 4 kept)
HISTORY_MAX = 1024  # decimated points in the history before it is decimated again
SPARE_MAX = 4  # emptied items kept for reuse
STAGGER = 3  # folding thresholds are spread over this many chunks across curves

_curves = itertools.count()


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
    picks = [base, base + k - 1, np.arange(m, n)]
    for arr in (xb, yb):
        picks.append(base + np.where(bad, np.inf, arr).argmin(axis=1))
        picks.append(base + np.where(bad, -np.inf, arr).argmax(axis=1))
    has_bad = bad.any(axis=1)
    picks.append((base + bad.argmax(axis=1))[has_bad])
    keep = np.unique(np.concatenate(picks))
    return x[keep].astype(float), y[keep].astype(float)


class GrowingCurve:
    """Draw ``x[:n], y[:n]`` as ``n`` grows; the arrays are the caller's live history."""

    def __init__(self, plot: pg.PlotItem, pen, name: str | None = None, z: float = 0.0, transform=None):
        self.plot = plot
        self.transform = transform  # applied to each y slice as it is drawn
        self.pen = pen
        self.name = name
        self.z = z
        self.items: list[pg.PlotDataItem] = []  # the tail's chunks, oldest first
        self.spare: list[pg.PlotDataItem] = []  # emptied chunks kept for reuse (removing items is slow)
        self.history: pg.PlotDataItem | None = None
        self.hist_x = np.empty(0)
        self.hist_y = np.empty(0)
        self.tail_start = 0  # index of the tail's first point (the history's last one)
        self.shown = 0  # points drawn so far
        self.visible = True
        self.stagger = (next(_curves) % STAGGER) * (CHUNK - 1)
        self._x: np.ndarray | None = None
        self._y: np.ndarray | None = None

    def _make_item(self) -> pg.PlotDataItem:
        item = pg.PlotDataItem(pen=self.pen, connect="finite", skipFiniteCheck=False)
        item.setZValue(self.z)
        item.setVisible(self.visible)
        self.plot.addItem(item)
        return item

    def _new_item(self) -> pg.PlotDataItem:
        if self.spare:
            item = self.spare.pop()
            item.setPen(self.pen)
            item.setZValue(self.z)
            item.setVisible(self.visible)
        else:
            item = self._make_item()
        self.items.append(item)
        return item

    def _ys(self, lo: int, hi: int) -> np.ndarray:
        y = self._y[lo:hi]
        return y if self.transform is None else self.transform(y)

    def update(self, x: np.ndarray, y: np.ndarray, n: int) -> None:
        """Show the first ``n`` points of ``x``, ``y`` (``n`` may also shrink: redraw)."""
        if n < self.shown:
            self.clear()
        self._x, self._y = x, y
        if n == self.shown or n < 1:
            return
        last_chunk = (n - self.tail_start - 2) // (CHUNK - 1) if n - self.tail_start > 1 else 0
        if last_chunk >= TAIL_CHUNKS + self.stagger // (CHUNK - 1):
            self._fold(last_chunk)  # from the data: a long catch-up never makes an item per chunk
        t0 = self.tail_start
        drawn = self.shown - t0
        first_chunk = max(0, (drawn - 1) // (CHUNK - 1)) if drawn > 0 else 0
        last_chunk = (n - t0 - 2) // (CHUNK - 1) if n - t0 > 1 else 0
        for c in range(first_chunk, last_chunk + 1):
            while len(self.items) <= c:
                self._new_item()
            lo = t0 + c * (CHUNK - 1)
            hi = min(n, lo + CHUNK)
            self.items[c].setData(x[lo:hi], self._ys(lo, hi))
        self.shown = n

    def _fold(self, chunks: int) -> None:
        """Move the tail's first ``chunks`` finished chunks into the decimated history."""
        lo = self.tail_start
        hi = lo + chunks * (CHUNK - 1)  # the last folded point; the tail keeps it as its first
        start = lo + 1 if len(self.hist_x) else lo
        sx, sy = decimate(self._x[start : hi + 1], self._ys(start, hi + 1))
        self.hist_x = np.concatenate([self.hist_x, sx])
        self.hist_y = np.concatenate([self.hist_y, sy])
        while len(self.hist_x) > HISTORY_MAX:
            self.hist_x, self.hist_y = decimate(self.hist_x, self.hist_y)
        if self.history is None:
            self.history = self._make_item()
        self.history.setData(self.hist_x, self.hist_y)
        done = self.items[:chunks]
        for item in done:
            item.setData([], [])
            item.setVisible(False)
        self.spare.extend(reversed(done))
        del self.items[:chunks]
        while len(self.spare) > SPARE_MAX:  # hidden items still cost every view change
            self.plot.removeItem(self.spare.pop(0))
        self.tail_start = hi
        self.stagger = 0  # the offset only spreads the first fold

    def all_items(self) -> list[pg.PlotDataItem]:
        return ([self.history] if self.history is not None else []) + self.items

    def points_drawn(self) -> int:
        """Points held by the display items (bounded whatever the length of the curve)."""
        return sum(len(item.xData) for item in self.all_items() if item.xData is not None)

    def set_pen(self, pen) -> None:
        self.pen = pen
        for item in self.all_items():
            item.setPen(pen)

    def set_visible(self, visible: bool) -> None:
        self.visible = visible
        for item in self.all_items():
            item.setVisible(visible)

    def clear(self) -> None:
        """Forget the data; the chunk items are emptied, hidden and kept for reuse."""
        for item in self.items:
            item.setData([], [])
            item.setVisible(False)
        self.spare.extend(reversed(self.items))
        self.items.clear()
        if self.history is not None:
            self.history.setData([], [])
        self.hist_x, self.hist_y = np.empty(0), np.empty(0)
        self.tail_start = 0
        self.shown = 0
        self._x = self._y = None

    def release(self) -> None:
        """Remove every item from the plot (the curve is no longer needed)."""
        for item in self.all_items() + self.spare:
            self.plot.removeItem(item)
        self.items.clear()
        self.spare.clear()
        self.history = None
        self.clear()

    def data(self) -> tuple[np.ndarray, np.ndarray]:
        """Every point shown, exactly (not the decimated display copy), for tests and exports."""
        if self._x is None or self.shown < 1:
            return np.empty(0), np.empty(0)
        n = self.shown
        return np.array(self._x[:n], dtype=float), np.array(self._ys(0, n), dtype=float)

"""A curve that grows at its end, redrawn in constant time per frame.

``PlotDataItem.setData`` rebuilds its whole path, so a 10,000-step path costs
milliseconds per frame per curve. A :class:`GrowingCurve` splits the data into
chunks of ``CHUNK`` points (consecutive chunks share their joining point):
finished chunks are never touched again and each frame only re-sets the last
chunk with a slice of the caller's arrays. Nothing is copied or recomputed for
the part that did not change.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

CHUNK = 512


class GrowingCurve:
    """Draw ``x[:n], y[:n]`` as ``n`` grows; the arrays are the caller's live history."""

    def __init__(self, plot: pg.PlotItem, pen, name: str | None = None, z: float = 0.0, transform=None):
        self.plot = plot
        self.transform = transform  # applied to each y slice as it is drawn
        self.pen = pen
        self.name = name
        self.z = z
        self.items: list[pg.PlotDataItem] = []
        self.spare: list[pg.PlotDataItem] = []  # emptied chunks kept for reuse (removing items is slow)
        self.shown = 0  # points drawn so far
        self.visible = True

    def _new_item(self) -> pg.PlotDataItem:
        if self.spare:
            item = self.spare.pop()
            item.setPen(self.pen)
            item.setZValue(self.z)
            item.setVisible(self.visible)
            self.items.append(item)
            return item
        item = pg.PlotDataItem(pen=self.pen, connect="finite", skipFiniteCheck=False)
        item.setZValue(self.z)
        if self.name is not None and not self.items:
            item.opts["name"] = self.name
        item.setVisible(self.visible)
        self.plot.addItem(item)
        self.items.append(item)
        return item

    def update(self, x: np.ndarray, y: np.ndarray, n: int) -> None:
        """Show the first ``n`` points of ``x``, ``y`` (``n`` may also shrink: redraw)."""
        if n < self.shown:
            self.clear()
        if n == self.shown or n < 1:
            return
        first_chunk = max(0, (self.shown - 1) // (CHUNK - 1)) if self.shown else 0
        last_chunk = (n - 2) // (CHUNK - 1) if n > 1 else 0
        for c in range(first_chunk, last_chunk + 1):
            while len(self.items) <= c:
                self._new_item()
            lo = c * (CHUNK - 1)
            hi = min(n, lo + CHUNK)
            ys = y[lo:hi] if self.transform is None else self.transform(y[lo:hi])
            self.items[c].setData(x[lo:hi], ys)
        self.shown = n

    def set_pen(self, pen) -> None:
        self.pen = pen
        for item in self.items:
            item.setPen(pen)

    def set_visible(self, visible: bool) -> None:
        self.visible = visible
        for item in self.items:
            item.setVisible(visible)

    def clear(self) -> None:
        """Forget the data; the chunk items are emptied, hidden and kept for reuse."""
        for item in self.items:
            item.setData([], [])
            item.setVisible(False)
        self.spare.extend(reversed(self.items))
        self.items.clear()
        self.shown = 0

    def release(self) -> None:
        """Remove every item from the plot (the curve is no longer needed)."""
        for item in self.items + self.spare:
            self.plot.removeItem(item)
        self.items.clear()
        self.spare.clear()
        self.shown = 0

    def data(self) -> tuple[np.ndarray, np.ndarray]:
        """All points drawn, joined (for tests and exports)."""
        xs, ys = [], []
        for i, item in enumerate(self.items):
            x, y = item.getOriginalDataset()
            if x is None:
                continue
            start = 1 if i else 0
            xs.append(x[start:])
            ys.append(y[start:])
        if not xs:
            return np.empty(0), np.empty(0)
        return np.concatenate(xs), np.concatenate(ys)

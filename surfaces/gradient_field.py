"""The negative-gradient direction field of a surface over a view: arrows a person can read.

``gradient_field(surface, extent)`` samples ``-∇f`` at the centres of an ``n``-column
grid of cells over ``extent`` and turns it into arrows:

* direction: exactly ``-∇f`` in the data's own units (where a gradient step moves);
* length: a fixed share of the cell on screen, graded by ``log10 |∇f|`` between the
  view's 5th and 95th percentiles, so a surface whose gradient spans many decades
  (Rosenbrock: 1e-3 near the valley floor, 1e4 on the walls) still shows every
  arrow, short to long, none overflowing its cell and none shrunk to a dot;
* points where the gradient is zero, not finite, or outside the surface's
  definition get no arrow.

The arrows' lengths are computed in cell units (each axis divided by its cell size),
so they look the same length on screen whatever the view's aspect ratio, while
pointing in the data's direction.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

__all__ = ["GradientField", "arrow_polylines", "gradient_field"]

SHORTEST, LONGEST = 0.25, 0.85  # arrow length as a share of the cell


@dataclass(frozen=True, slots=True)
class GradientField:
    centers: np.ndarray  # (N, 2) the cells' centres that have an arrow
    vectors: np.ndarray  # (N, 2) arrow vectors in data units, along -grad f
    magnitude: np.ndarray  # (N,) |grad f| at the centres
    cell: tuple[float, float]  # cell width and height in data units

    def segments(self, head: float = 0.35) -> np.ndarray:
        """Every arrow as polyline points for one curve drawn with ``connect="finite"``: the shaft
        (tail -> tip), then the two strokes of the head; NaN rows separate them."""
        return arrow_polylines(self.centers - 0.5 * self.vectors, self.centers + 0.5 * self.vectors, self.cell, head)


def arrow_polylines(tails, tips, unit: tuple[float, float], head: float = 0.35) -> np.ndarray:
    """Arrows from ``tails`` to ``tips`` (arrays (N, 2), data units) as polyline points with NaN rows
    between strokes. The head is ``head`` times the arrow's length, shaped in ``unit`` (the data size of
    one screen unit along x and y), so it keeps its shape on a view whose axes have different scales."""
    tails, tips = np.asarray(tails, dtype=float).reshape(-1, 2), np.asarray(tips, dtype=float).reshape(-1, 2)
    n = len(tails)
    if n == 0:
        return np.empty((0, 2))
    scale = np.array(unit, dtype=float)
    back = -head * (tips - tails) / scale
    c, s = math.cos(math.radians(28)), math.sin(math.radians(28))
    left = np.stack([c * back[:, 0] - s * back[:, 1], s * back[:, 0] + c * back[:, 1]], axis=1) * scale
    right = np.stack([c * back[:, 0] + s * back[:, 1], -s * back[:, 0] + c * back[:, 1]], axis=1) * scale
    gap = np.full((n, 2), np.nan)
    return np.stack([tails, tips, gap, tips + left, tips, tips + right, gap], axis=1).reshape(-1, 2)


def gradient_field(surface, extent, n: int = 20) -> GradientField:
    """Arrows of ``-∇f`` over ``extent`` (x0, x1, y0, y1): ``n`` cells across the wider side in
    cell units, as many as fit the other way (at least 2)."""
    x0, x1, y0, y1 = (float(v) for v in extent)
    if not all(math.isfinite(v) for v in (x0, x1, y0, y1)) or x1 <= x0 or y1 <= y0:
        raise ValueError(f"extent must be finite with x0 < x1 and y0 < y1, got {tuple(extent)}")
    if isinstance(n, bool) or int(n) != n or not 2 <= n <= 200:
        raise ValueError(f"n must be a whole number from 2 to 200, got {n!r}")
    nx = ny = int(n)
    cw, ch = (x1 - x0) / nx, (y1 - y0) / ny
    xs = x0 + cw * (np.arange(nx) + 0.5)
    ys = y0 + ch * (np.arange(ny) + 0.5)
    pts = np.stack(np.meshgrid(xs, ys), axis=-1).reshape(-1, 2)
    with np.errstate(all="ignore"):
        g = np.asarray(surface.grad(pts), dtype=float).reshape(-1, 2)
        mag = np.hypot(g[:, 0], g[:, 1])
        keep = np.isfinite(mag) & (mag > 0.0) & (mag < 1e300)
        pts, g, mag = pts[keep], g[keep], mag[keep]
        if len(pts) == 0:
            return GradientField(np.empty((0, 2)), np.empty((0, 2)), np.empty(0), (cw, ch))
        # the direction in cell units, normalised there: on screen every arrow of one grade is as long
        u = -g / np.array([cw, ch])
        u /= np.hypot(u[:, 0], u[:, 1])[:, None]
        logm = np.log10(mag)
        lo, hi = np.percentile(logm, [5, 95])
        grade = np.clip((logm - lo) / (hi - lo), 0.0, 1.0) if hi > lo else np.full(len(logm), 1.0)
        length = SHORTEST + (LONGEST - SHORTEST) * grade
        vectors = u * length[:, None] * np.array([cw, ch])
    return GradientField(pts, vectors, mag, (cw, ch))

"""The sampled surface behind the contour map: a grid of f, the colour image and
contour lines (contourpy).

The colour scale and the contour levels come from the surface's domain (computed
once per surface and parameter set); the map itself can be sampled over any
extent (the visible view, which pan and zoom move) with that same scale, so the
colours and levels do not jump as the user pans."""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from contourpy import LineType, contour_generator

GRID = 300
N_LEVELS = 24


@dataclass(frozen=True)
class SurfaceField:
    x: np.ndarray  # (GRID,)
    y: np.ndarray  # (GRID,)
    z: np.ndarray  # (GRID, GRID), rows along y
    shade: np.ndarray  # z mapped to [0, 1] for the colour map (log-compressed on log surfaces)
    levels: np.ndarray
    lines: np.ndarray  # (N, 2) points, NaN rows between separate lines
    extent: tuple[float, float, float, float] = (0.0, 1.0, 0.0, 1.0)  # x0, x1, y0, y1 sampled
    scale: tuple = ()  # (zmin, top) linear or (zmin, span, quantiles) log: the domain's colour scale


def level_values(z: np.ndarray, log: bool, n: int = N_LEVELS) -> np.ndarray:
    finite = z[np.isfinite(z)]
    lo, hi = float(finite.min()), float(finite.max())
    if hi <= lo:
        return np.array([lo])
    if log:
        span = hi - lo
        return lo + np.geomspace(span * 1e-5, span, n, endpoint=False)[1:] if span > 0 else np.array([lo])
    # linear: evenly spaced, but not wasted on the extreme tail (use the 98th percentile)
    top = float(np.percentile(finite, 98))
    return np.linspace(lo, top, n + 1)[1:-1] if top > lo else np.linspace(lo, hi, n + 1)[1:-1]


FIELD_BUDGET = 0.06  # seconds to spend evaluating f over the grid


def grid_size(surface) -> int:
    """300 x 300 samples, fewer (down to 120 x 120) for surfaces whose f is slow per point
    (logistic regression costs O(n) per point): timed on a 40 x 40 probe so the map is
    computed in about FIELD_BUDGET seconds."""
    (x0, x1), (y0, y1) = surface.domain
    probe = np.stack(np.meshgrid(np.linspace(x0, x1, 40), np.linspace(y0, y1, 40)), axis=-1)
    with np.errstate(all="ignore"):
        times = []
        for _ in range(2):
            t0 = time.perf_counter()
            surface.f(probe)
            times.append(time.perf_counter() - t0)
        per_point = min(times) / probe[..., 0].size
    if per_point <= 0:
        return GRID
    return int(min(GRID, max(120, (FIELD_BUDGET / per_point) ** 0.5)))


def compute_field(surface, grid: int | None = None, extent=None, reference: SurfaceField | None = None) -> SurfaceField:
    """Sample ``surface`` on a ``grid`` x ``grid`` lattice over ``extent`` (x0, x1, y0, y1;
    default its domain), coloured and contoured with ``reference``'s scale and levels
    (default: its own, which is what the domain field uses)."""
    grid = grid_size(surface) if grid is None else grid
    if extent is None:
        (x0, x1), (y0, y1) = surface.domain
    else:
        x0, x1, y0, y1 = (float(v) for v in extent)
    x = np.linspace(x0, x1, grid)
    y = np.linspace(y0, y1, grid)
    pts = np.empty((grid, grid, 2))
    pts[..., 0] = x[None, :]
    pts[..., 1] = y[:, None]
    log = surface.contour == "log"
    with np.errstate(all="ignore"):
        z = np.asarray(surface.f(pts), dtype=float)
        z[np.abs(z) > 1e300] = np.inf
        finite = np.isfinite(z)
        if reference is not None:
            scale, levels = reference.scale, reference.levels
        elif not finite.any():
            scale, levels = ((0.0, 1.0, np.linspace(-9, 0, 65)) if log else (0.0, 1.0)), np.empty(0)
        else:
            zmin = float(z[finite].min())
            zmax = float(z[finite].max())
            if log:
                span = max(zmax - zmin, 1e-300)
                logz = np.log10(np.clip(z - zmin, span * 1e-9, None))
                scale = (zmin, span, np.quantile(logz[finite], np.linspace(0, 1, 65)))
            else:
                scale = (zmin, float(np.percentile(z[finite], 98)))
            levels = level_values(z, log)
        if log:
            # equalised log scale: every colour band covers the same share of the domain's map
            zmin, span, q = scale
            logz = np.log10(np.clip(z - zmin, span * 1e-9, None))
            shade = np.interp(logz, q, np.linspace(0, 1, 65))
        else:
            zmin, top = scale
            shade = (z - zmin) / max(top - zmin, 1e-300)
        shade = np.clip(np.where(finite, shade, 1.0), 0.0, 1.0)
        parts = []
        if len(levels) and finite.any():
            gen = contour_generator(x, y, np.where(finite, z, np.nan), line_type=LineType.ChunkCombinedNan)
            for chunks in gen.multi_lines(levels):
                for arr in chunks[0]:
                    if arr is not None and len(arr):
                        parts.append(arr)
                        parts.append(np.full((1, 2), np.nan))
        lines = np.concatenate(parts) if parts else np.empty((0, 2))
    return SurfaceField(x, y, z, shade, levels, lines, (x0, x1, y0, y1), scale)

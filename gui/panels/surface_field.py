"""The sampled surface behind the contour map: a grid of f, the colour image and
contour lines (contourpy).

The colour scale and the contour levels come from the surface's domain (computed
once per surface and parameter set); the map itself can be sampled over any
extent (the visible view, which pan and zoom move) with that same scale, so the
colours and levels do not jump as the user pans. Where the view shows values
beyond the domain's (zoomed out, or the wide margins of an elongated domain),
the scale and levels are extended to cover them, built on the domain's own: the
same levels, every k-th of them (linear), or the same geometric ratio carried on
upwards (log), so the map is shaded and contoured everywhere it is shown."""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from contourpy import LineType, contour_generator

GRID = 300
N_LEVELS = 24
COVERED = 1.25  # the domain's scale serves a view whose values stay below this share of its top
MAX_LEVELS = 32  # an extended set of levels never has more lines than this


@dataclass(frozen=True)
class SurfaceField:
    x: np.ndarray  # (GRID,)
    y: np.ndarray  # (GRID,)
    z: np.ndarray  # (GRID, GRID), rows along y
    shade: np.ndarray  # z mapped to [0, 1] for the colour map (log-compressed on log surfaces)
    levels: np.ndarray
    lines: np.ndarray  # (N, 2) points, NaN rows between separate lines
    extent: tuple[float, float, float, float] = (0.0, 1.0, 0.0, 1.0)  # x0, x1, y0, y1 sampled
    scale: tuple = ()  # (zmin, top) linear or (zmin, span, quantiles) log: the domain's colour scale;
    # (zmin, top, z knots, shade knots) where a view's values go beyond the domain's


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


def extended_scale(z: np.ndarray, finite: np.ndarray, log: bool, scale: tuple, levels: np.ndarray):
    """(scale, levels) for values ``z`` sampled over a view, from the domain's ``scale`` and
    ``levels``: those themselves where they cover the view's values, else extended so that
    they do. The domain's levels and colours stay as they are; the values beyond them get
    levels further apart (the same lattice or ladder, every k-th step) and the last quarter
    of the colour map."""
    if not finite.any() or not len(scale):
        return scale, levels
    values = z[finite]
    if log:
        zmin, span, q = scale
        top = float(np.log10(max(float(values.max()) - zmin, span * 1e-9)))
        if top <= q[-1] + np.log10(COVERED):
            return scale, levels
        # colours: the domain's quantiles take the first three quarters, then evenly on up to the view's top
        extra = round((len(q) - 1) / 3)
        q = np.concatenate([q, np.linspace(q[-1], top, extra + 1)[1:]])
        if len(levels) >= 2 and levels[0] > zmin:
            # levels: the domain's geometric ladder carried on upwards
            ratio = float(np.log10((levels[1] - zmin) / (levels[0] - zmin)))
            last = float(np.log10(levels[-1] - zmin))
            levels = np.concatenate([levels, zmin + 10.0 ** _ladder(last, top, ratio, MAX_LEVELS - len(levels))])
        return (zmin, span, q), levels
    zmin, top = scale[:2]
    width = max(top - zmin, 1e-300)
    lo, hi = float(values.min()), float(np.percentile(values, 98))
    below, above = lo < zmin - (COVERED - 1) * width, hi > zmin + COVERED * width
    if not (below or above):
        return scale, levels
    step = float(levels[1] - levels[0]) if len(levels) >= 2 else width / N_LEVELS
    room = max(2, MAX_LEVELS - len(levels))
    ups = _ladder(top - step, hi, step, room // 2 if below else room) if above else np.empty(0)
    downs = -_ladder(-zmin, -lo, step, room // 2 if above else room)[::-1] if below else np.empty(0)
    levels = np.concatenate([downs, levels, ups])
    xp, fp = [zmin, top], [0.2 if below else 0.0, 0.75 if above else 1.0]
    if below:
        xp, fp = [lo, *xp], [0.0, *fp]
    if above:
        xp, fp = [*xp, hi], [*fp, 1.0]
    return (zmin, top, np.array(xp), np.array(fp)), levels


def _ladder(start: float, stop: float, step: float, most: int) -> np.ndarray:
    """start + k·step, start + 2k·step, ... up to ``stop``, with k doubled until there are
    at most ``most`` of them."""
    k = 1
    while (stop - start) / (k * step) > max(1, most):
        k *= 2
    return start + k * step * np.arange(1, int(np.floor((stop - start) / (k * step))) + 1)


FIELD_BUDGET = 0.012  # seconds the GUI thread spends evaluating f over the grid (the map shown at once)
QUICK_BUDGET = 0.005  # ...on a surface switch (that frame draws the new map and restarts the race too)
BACKGROUND_BUDGET = 20.0  # ...and a niced worker thread (the full map that replaces it: GRID up to 220 µs a point)
MIN_GRID = 40  # the coarsest grid the GUI thread draws (a slow f: a few frames' worth of work at most)
QUICK_MIN_GRID = 12  # ...when the map is drawn at once on a surface switch (the worker's full map follows)
PROBE_AGAIN = 0.002  # seconds: a probe faster than this is timed a second time (the best of two)
NOW_GRID = 100  # the finest one it draws at once (a ninth of GRID's points: the worker's full map follows)
PROBE = 16  # probe lattice side (256 points)
FIRST_PROBE = 8  # ...after a first one of 64 points: an f this slow on it (logistic regression at n=2000,
SLOW_PROBE = 0.0005  # ~0.8 ms) is timed on those alone (the larger probe would cost ~4 ms of a switch)


_PER_POINT: dict[int, tuple] = {}  # id(surface) -> (surface, its probe's figure), the latest few
PER_POINT_KEPT = 8


def per_point_seconds(surface) -> float:
    """Seconds per point of ``surface.f`` on a small probe over the domain (the best of two), probed
    once per surface object (a switch back to a surface gets the same object from
    ``RaceConfig.build_surface``; the probe of logistic regression at n=2000 costs ~4 ms of the
    switch's frame)."""
    kept = _PER_POINT.get(id(surface))
    if kept is not None and kept[0] is surface:
        return kept[1]
    seconds = _probe(surface)
    _PER_POINT[id(surface)] = (surface, seconds)  # the surface kept with it: its id is not reused meanwhile
    while len(_PER_POINT) > PER_POINT_KEPT:
        del _PER_POINT[next(iter(_PER_POINT))]
    return seconds


def _probe(surface) -> float:
    (x0, x1), (y0, y1) = surface.domain

    def lattice(side: int) -> np.ndarray:
        return np.stack(np.meshgrid(np.linspace(x0, x1, side), np.linspace(y0, y1, side)), axis=-1)

    with np.errstate(all="ignore"):
        probe = lattice(FIRST_PROBE)
        t0 = time.perf_counter()
        surface.f(probe)
        first = time.perf_counter() - t0
        if first > SLOW_PROBE:  # slow enough that the call's own overhead is a small share of it
            return first / probe[..., 0].size
        probe = lattice(PROBE)
        times: list[float] = []
        while len(times) < 2 and (not times or times[0] < PROBE_AGAIN):  # a slow f is timed once
            t0 = time.perf_counter()
            surface.f(probe)
            times.append(time.perf_counter() - t0)
    return min(times) / probe[..., 0].size


def grid_size(surface, budget: float = FIELD_BUDGET, least: int = MIN_GRID, per_point: float | None = None) -> int:
    """GRID x GRID samples, fewer (down to ``least`` x ``least``) for surfaces whose f is slow per
    point (logistic regression costs O(n) per point), so the map's f is evaluated in about
    ``budget`` seconds: FIELD_BUDGET for the map the GUI thread draws at once, BACKGROUND_BUDGET
    for the full-resolution one a worker thread computes."""
    if per_point is None:
        per_point = per_point_seconds(surface)
    if per_point <= 0:
        return GRID
    return int(min(GRID, max(least, (budget / per_point) ** 0.5)))


class Cancelled(Exception):
    """A field nobody waits for any more (raised between rows by :func:`compute_field`)."""


BLOCK_POINTS = 4096  # a worker samples this many points at a time, checking whether it is still wanted


def compute_field(
    surface, grid: int | None = None, extent=None, reference: SurfaceField | None = None, cancelled=None
) -> SurfaceField:
    """Sample ``surface`` on a ``grid`` x ``grid`` lattice over ``extent`` (x0, x1, y0, y1;
    default its domain), coloured and contoured with ``reference``'s scale and levels
    (default: its own, which is what the domain field uses).

    ``cancelled``: a function asked between blocks of rows (raising :class:`Cancelled` when it
    returns True); a surface's f gives every point the same bits alone or in a batch, so the
    blocks change no value."""
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
        if cancelled is None:
            z = np.asarray(surface.f(pts), dtype=float)
        else:
            z = np.empty((grid, grid))
            rows = max(1, BLOCK_POINTS // grid)
            for i in range(0, grid, rows):
                if cancelled():
                    raise Cancelled
                z[i : i + rows] = surface.f(pts[i : i + rows])
        z[np.abs(z) > 1e300] = np.inf
        finite = np.isfinite(z)
        if reference is not None:
            scale, levels = extended_scale(z, finite, log, reference.scale, reference.levels)
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
            shade = np.interp(logz, q, np.linspace(0, 1, len(q)))
        elif len(scale) == 4:  # extended beyond the domain's values: piecewise linear
            shade = np.interp(z, scale[2], scale[3])
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

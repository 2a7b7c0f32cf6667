"""Maps and sweeps: where an optimizer ends up from every start, and how the outcome depends on its settings.

* :class:`BasinJob`: a grid of starts over a view, each run with one optimizer for a step budget; each cell
  gets the index of the known minimum it converged to (``|grad| <= tol`` within ``radius`` of it), or
  :data:`NOT_CONVERGED` (budget used), :data:`DIVERGED` (left the domain box scaled 100x, or not finite),
  :data:`OTHER` (converged somewhere that is not a known minimum: a saddle, an unlisted minimum).
* :class:`SweepJob`: one start, a grid over two hyperparameters (log axes where asked), each cell one run.
* :class:`BoundaryJob`: the trainability boundary (Sohl-Dickstein 2024): gradient descent with its own
  learning rate for each parameter, ``theta -= (lr_x, lr_y) * grad``, from one start; each cell records
  when the run escaped (diverged) or converged, on any scale (the axes are log; zoom = a new job).

Every job is cut into independent tiles (bands of rows) that :func:`compute` runs here, on a
``concurrent.futures`` executor (:func:`local_pool`: one process per core) or on a Dask cluster
(``dask.distributed.Client``); the result is the same array whichever ran the tiles, tile by tile, since
each tile is a pure function of the job and its rows. Results are cached per job (the job is the key: surface
with its parameters, optimizer spec, grid, budget and tolerance).
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .registry import get_optimizer
from .runner import CONVERGED, DIVERGED, Runner
from .spec import format_optimizer_spec, parse_optimizer_spec

__all__ = [
    "NOT_CONVERGED",
    "DIVERGED_CODE",
    "OTHER",
    "Axis",
    "BasinJob",
    "SweepJob",
    "BoundaryJob",
    "MapResult",
    "compute",
    "local_pool",
    "Cancelled",
    "clear_cache",
]

#: basin codes besides the index of a known minimum (0, 1, ...)
NOT_CONVERGED, DIVERGED_CODE, OTHER = -1, -2, -3
MAX_SIDE = 4096  # cells per axis
RUNAWAY = 100.0  # as the Runner: diverged once outside the domain box scaled by this about its centre


class Cancelled(Exception):
    """Raised by :func:`compute` when its ``cancel`` event was set; tiles already done stay in the cache."""


@dataclass(frozen=True)
class Axis:
    """``n`` values from ``lo`` to ``hi`` (both included), evenly spaced or geometrically (``log``)."""

    key: str
    lo: float
    hi: float
    n: int
    log: bool = False

    def __post_init__(self) -> None:
        if not (isinstance(self.n, int) and 2 <= self.n <= MAX_SIDE):
            raise ValueError(f"{self.key}: cells must be a whole number from 2 to {MAX_SIDE}, got {self.n}")
        if not (math.isfinite(self.lo) and math.isfinite(self.hi)):
            raise ValueError(f"{self.key}: the range must be finite numbers, got {self.lo!r} .. {self.hi!r}")
        if not self.lo < self.hi:
            raise ValueError(f"{self.key}: the range must go from low to high, got {self.lo!r} .. {self.hi!r}")
        if self.log and self.lo <= 0:
            raise ValueError(f"{self.key}: a log axis needs a range above 0, got {self.lo!r} .. {self.hi!r}")

    def values(self) -> np.ndarray:
        if self.log:
            return np.geomspace(self.lo, self.hi, self.n)
        return np.linspace(self.lo, self.hi, self.n)

    def index_of(self, value: float) -> int:
        """The cell nearest ``value`` (on the axis's own scale)."""
        v = self.values()
        if self.log:
            return int(np.argmin(np.abs(np.log(v) - math.log(max(value, 1e-300)))))
        return int(np.argmin(np.abs(v - value)))


def _box(objective: Any) -> tuple[np.ndarray, np.ndarray] | None:
    domain = getattr(objective, "domain", None)
    if domain is None:
        return None
    (x0, x1), (y0, y1) = domain
    return np.array([(x0 + x1) / 2, (y0 + y1) / 2]), RUNAWAY * np.array([(x1 - x0) / 2, (y1 - y0) / 2])


def _canonical_spec(spec: str) -> str:
    """The spec with its hyperparameters checked (an unknown name or a bad value fails here, before any tile
    runs) and written one way, so equal settings make equal jobs (one cache entry)."""
    opt, hp = parse_optimizer_spec(spec)
    return format_optimizer_spec(opt.name, hp)


# ---------------------------------------------------------------------- jobs
@dataclass(frozen=True)
class BasinJob:
    """Basins of attraction of ``spec`` on ``objective`` over the grid ``x`` by ``y`` of starts."""

    objective: Any
    spec: str
    x: Axis
    y: Axis
    steps: int = 500
    tol: float = 1e-6
    radius: float | None = None  # distance to a minimum that counts as reaching it (default: 1% of the domain)

    kind = "basins"

    def __post_init__(self) -> None:
        object.__setattr__(self, "spec", _canonical_spec(self.spec))
        _check_budget(self.steps, self.tol)
        if self.x.log or self.y.log:
            raise ValueError("a basin map's axes are the plane: they cannot be log")

    @property
    def shape(self) -> tuple[int, int]:
        return self.y.n, self.x.n

    @property
    def minima(self) -> np.ndarray:
        return np.asarray(getattr(self.objective, "minima_points", np.empty((0, 2))), dtype=float).reshape(-1, 2)

    def _radius(self) -> float:
        if self.radius is not None:
            return float(self.radius)
        domain = getattr(self.objective, "domain", None)
        if domain is None:
            return 1e-3
        (x0, x1), (y0, y1) = domain
        return 0.01 * math.hypot(x1 - x0, y1 - y0)

    def tile(self, r0: int, r1: int) -> dict[str, np.ndarray]:
        X, Y = np.meshgrid(self.x.values(), self.y.values()[r0:r1])
        starts = np.column_stack([X.ravel(), Y.ravel()])
        runner = Runner(self.objective, self.spec, start=starts, max_steps=self.steps, tol=self.tol, record="final")
        _load_lanes(runner)
        runner.advance(self.steps)
        rec = runner.record()
        final = np.asarray(rec.final_positions, dtype=float).reshape(-1, 2)
        status = np.asarray(rec.status_all)
        codes = classify(final, status, self.minima, self._radius())
        shape = (r1 - r0, self.x.n)
        return {
            "basin": codes.reshape(shape),
            "steps": np.asarray(rec.steps_taken_all, dtype=np.int32).reshape(shape),
            "final_x": final[:, 0].reshape(shape),
            "final_y": final[:, 1].reshape(shape),
            "final_loss": np.asarray(rec.final_losses, dtype=float).reshape(shape),
        }

    def point_steps(self) -> int:
        return self.x.n * self.y.n * self.steps


@dataclass(frozen=True)
class SweepJob:
    """Final loss and steps to ``tol`` of ``spec`` from ``start``, over two of its hyperparameters."""

    objective: Any
    spec: str
    start: tuple[float, float]
    x: Axis
    y: Axis
    steps: int = 500
    tol: float = 1e-6

    kind = "sweep"

    def __post_init__(self) -> None:
        object.__setattr__(self, "spec", _canonical_spec(self.spec))
        object.__setattr__(self, "start", (float(self.start[0]), float(self.start[1])))
        _check_budget(self.steps, self.tol)
        if self.x.key == self.y.key:
            raise ValueError(f"the two axes of a sweep must be different hyperparameters, both are {self.x.key!r}")
        name = parse_optimizer_spec(self.spec)[0].name
        known = {p.name: p for p in get_optimizer(name).hyperparams}
        for axis in (self.x, self.y):
            param = known.get(axis.key)
            if param is None:
                raise ValueError(f"{name} has no hyperparameter {axis.key!r}; it has {', '.join(known)}")
            if param.kind not in ("float", "int"):
                raise ValueError(f"{name}'s {axis.key!r} is {param.kind}: a sweep axis must be a number")
            for v in (axis.lo, axis.hi):
                param.check(_as_kind(name, axis.key, v), owner=name)  # ParamError (a ValueError) names the range

    @property
    def shape(self) -> tuple[int, int]:
        return self.y.n, self.x.n

    def tile(self, r0: int, r1: int) -> dict[str, np.ndarray]:
        batched = _sweep_batched(self, r0, r1)
        if batched is not None:
            return batched
        return self.tile_per_cell(r0, r1)

    def tile_per_cell(self, r0: int, r1: int) -> dict[str, np.ndarray]:
        """The tile with one Runner per cell (the reference :meth:`tile` equals, bit for bit; used where the
        batched path cannot run: no compiled kernels for this surface or optimizer)."""
        opt, hp = parse_optimizer_spec(self.spec)
        name = opt.name
        xs, ys = self.x.values(), self.y.values()[r0:r1]
        runners = []
        for vy in ys:
            for vx in xs:
                cell = dict(hp)
                cell[self.x.key], cell[self.y.key] = _as_kind(name, self.x.key, vx), _as_kind(name, self.y.key, vy)
                runners.append(
                    Runner(
                        self.objective, name, cell, start=self.start, max_steps=self.steps, tol=self.tol, record="final"
                    )  # fmt: skip
                )
        advance_together(runners, self.steps)
        shape = (r1 - r0, self.x.n)
        recs = [r.record() for r in runners]
        status = np.array([str(r.status_all[0]) for r in recs])
        loss = np.array([float(r.final_losses[0]) for r in recs])
        f_min = getattr(self.objective, "f_min", None)
        gap = loss - f_min if f_min is not None else loss
        code = np.where(status == CONVERGED, 1, np.where(status == DIVERGED, -1, 0)).astype(np.int8)
        return {
            "status": code.reshape(shape),
            "steps": np.array([int(r.steps_taken_all[0]) for r in recs], dtype=np.int32).reshape(shape),
            "final_loss": loss.reshape(shape),
            "gap": gap.reshape(shape),
        }

    def point_steps(self) -> int:
        return self.x.n * self.y.n * self.steps


@dataclass(frozen=True)
class BoundaryJob:
    """Gradient descent with a learning rate per parameter over a (log) grid of the two rates."""

    objective: Any
    start: tuple[float, float]
    x: Axis  # learning rate of the first parameter
    y: Axis  # learning rate of the second
    steps: int = 500
    tol: float = 1e-6

    kind = "boundary"

    def __post_init__(self) -> None:
        object.__setattr__(self, "start", (float(self.start[0]), float(self.start[1])))
        _check_budget(self.steps, self.tol)
        for axis in (self.x, self.y):
            if axis.lo <= 0:
                raise ValueError(f"{axis.key}: learning rates must be > 0, got {axis.lo!r}")

    @property
    def shape(self) -> tuple[int, int]:
        return self.y.n, self.x.n

    def tile(self, r0: int, r1: int) -> dict[str, np.ndarray]:
        LX, LY = np.meshgrid(self.x.values(), self.y.values()[r0:r1])
        lrs = np.column_stack([LX.ravel(), LY.ravel()])
        n = lrs.shape[0]
        p = np.tile(np.asarray(self.start, dtype=float), (n, 1))
        escape = np.full(n, -1, dtype=np.int32)
        converged = np.full(n, -1, dtype=np.int32)
        live = np.arange(n)
        box = _box(self.objective)
        grad = self.objective.grad
        with np.errstate(all="ignore"):
            for step in range(1, self.steps + 1):
                g = np.asarray(grad(p[live]), dtype=float)
                done_conv = np.hypot(g[:, 0], g[:, 1]) <= self.tol  # as the Runner: |grad| <= tol exactly
                if done_conv.any():
                    converged[live[done_conv]] = step - 1
                    keep = ~done_conv
                    live, g = live[keep], g[keep]
                if not live.size:
                    break
                q = p[live] - lrs[live] * g
                p[live] = q
                bad = ~np.isfinite(q).all(axis=1)
                if box is not None:
                    bad |= (np.abs(q - box[0]) > box[1]).any(axis=1)
                if bad.any():
                    escape[live[bad]] = step
                    live = live[~bad]
                if not live.size:
                    break
            else:
                if live.size:
                    g = np.asarray(grad(p[live]), dtype=float)
                    at_end = np.hypot(g[:, 0], g[:, 1]) <= self.tol
                    converged[live[at_end]] = self.steps
        with np.errstate(all="ignore"):
            loss = np.asarray(self.objective.f(p), dtype=float)
        loss[escape >= 0] = np.inf
        shape = (r1 - r0, self.x.n)
        return {
            "escape": escape.reshape(shape),
            "converged": converged.reshape(shape),
            "final_loss": loss.reshape(shape),
        }

    def point_steps(self) -> int:
        return self.x.n * self.y.n * self.steps


Job = BasinJob | SweepJob | BoundaryJob


def _check_budget(steps: int, tol: float) -> None:
    if isinstance(steps, bool) or not isinstance(steps, int) or not 1 <= steps <= 10**6:
        raise ValueError(f"steps must be a whole number from 1 to 1000000, got {steps!r}")
    if not (math.isfinite(tol) and tol >= 0):
        raise ValueError(f"tol must be a number >= 0, got {tol!r}")


def _as_kind(optimizer: str, key: str, value: float) -> Any:
    param = {p.name: p for p in get_optimizer(optimizer).hyperparams}[key]
    return int(round(value)) if param.kind == "int" else float(value)


def classify(final: np.ndarray, status: np.ndarray, minima: np.ndarray, radius: float) -> np.ndarray:
    """Basin codes of runs that ended at ``final`` with ``status``: the index of the known minimum within
    ``radius`` a converged run reached, else NOT_CONVERGED / DIVERGED_CODE / OTHER."""
    codes = np.full(final.shape[0], NOT_CONVERGED, dtype=np.int16)
    codes[status == DIVERGED] = DIVERGED_CODE
    conv = np.nonzero(status == CONVERGED)[0]
    if conv.size:
        codes[conv] = OTHER
        if minima.size:
            d = np.linalg.norm(final[conv, None, :] - minima[None, :, :], axis=2)
            near = np.argmin(d, axis=1)
            hit = d[np.arange(conv.size), near] <= radius
            codes[conv[hit]] = near[hit]
    return codes


def _load_lanes(runner: Runner) -> None:
    """Have the blocked lane loop of the runner's family loaded (compiled on first use), so that every tile,
    however small, runs on it rather than on the scalar loop."""
    from . import fast

    run = runner._fast_run
    if run is not None and runner.batch >= 256 and fast.wait_for(run.kernels, 600):
        fast.lanes_for(run.kernels, run.fam, timeout=600)


_SWEEP_CHUNK = 1 << 20  # cells x steps per compiled call of a batched sweep (its lr and step tables: ~56 MB)


def _sweep_batched(job: SweepJob, r0: int, r1: int) -> dict[str, np.ndarray] | None:
    """A sweep tile as one batch of the compiled step loop, each cell a group with its own hyperparameters
    (the lr, momentum, betas... of that cell in the group's rows of the lr and hyperparameter tables), without
    a Runner per cell; the same bits as :meth:`SweepJob.tile_per_cell`. None where it cannot run (no compiled
    kernels for the surface or the optimizer's family, the NumPy engine forced): the caller runs it per cell.

    What a Runner would do per cell is done once or per axis value: the hyperparameters checked per axis
    value (``Param.check``) and per cell only the optimizer's cross-rule (``opt.check``); the state packed from
    ``opt.init``; the start's gradient, loss check and runaway box taken from one template Runner (they depend
    on the start and the surface only).
    """
    from . import fast
    from .fast.plan import _box, callbacks, pack_hyperparams
    from .fast.protocol import SINGULAR_RTOL
    from .registry import resolve_hyperparams

    opt, hp = parse_optimizer_spec(job.spec)
    name = opt.name
    xs, ys = job.x.values(), job.y.values()[r0:r1]
    params = {p.name: p for p in opt.hyperparams}
    base = resolve_hyperparams(opt, hp)
    x_vals = [params[job.x.key].check(_as_kind(name, job.x.key, v), opt.name) for v in xs]
    y_vals = [params[job.y.key].check(_as_kind(name, job.y.key, v), opt.name) for v in ys]
    first = {**base, job.x.key: x_vals[0], job.y.key: y_vals[0]}
    template = Runner(job.objective, opt, first, start=job.start, max_steps=job.steps, tol=job.tol, record="final")
    run = template._fast_run
    if run is None or template._scheduled or template.batch != 1 or not fast.wait_for(run.kernels, 600):
        return None
    from .fast import kernel as K  # loaded with the kernels

    fam = run.fam
    cells: list[dict[str, Any]] = []
    for vy in y_vals:
        for vx in x_vals:
            cell = dict(base)
            cell[job.x.key], cell[job.y.key] = vx, vy
            if opt.check is not None:
                opt.check(cell)  # the cross-rules a Runner applies (nesterov needs momentum > 0, ...)
            cells.append(cell)
    ng = len(cells)

    def packed(cell: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
        return pack_hyperparams(fam, {**cell, "decoupled_weight_decay": True} if name == "adamw" else cell)

    # each hyperparameter slot reads one name: pack the base once, each axis value once, and take each axis's
    # slots from its own packing (which slots: those that change when only that axis's value does)
    hp0, flags0 = packed(first)
    hp_tab = np.empty((ng, hp0.shape[0]))
    hp_tab[:] = hp0
    for axis, vals, pick in ((job.x, x_vals, lambda i: slice(i, None, len(x_vals))),
                             (job.y, y_vals, lambda i: slice(i * len(x_vals), (i + 1) * len(x_vals)))):  # fmt: skip
        probe_a, flags_a = packed({**first, axis.key: 0.25})
        probe_b, flags_b = packed({**first, axis.key: 0.5})
        if not np.array_equal(flags_a, flags_b):
            return None  # a flag that follows a swept number: not seen in the registry; per cell then
        slots = np.nonzero(probe_a != probe_b)[0]
        for i, v in enumerate(vals):
            if slots.size:
                hp_tab[pick(i), slots] = packed({**first, axis.key: v})[0][slots]
    flags_tab = np.ascontiguousarray(np.broadcast_to(flags0, (ng, flags0.shape[0])))
    lanes = run.initial_lanes()  # the template's start: position, gradient, status at step 0
    S = np.zeros((ng, lanes["S"].shape[1]))
    bstate = np.ones(ng)
    from .fast.plan import _STATE_FIELDS

    fields = _STATE_FIELDS[fam]
    if fields or fam == 5:
        for g, cell in enumerate(cells):
            state = opt.init(template._p, cell)
            for j, field_name in enumerate(fields):
                value = getattr(state, field_name)
                if value is not None:
                    S[g, 2 * j : 2 * j + 2] = value[0]
            bstate[g] = float(getattr(state, "mu_product", 1.0))
    P = np.ascontiguousarray(np.broadcast_to(lanes["P"][0], (ng, 2)))
    G = np.ascontiguousarray(np.broadcast_to(lanes["G"][0], (ng, 2)))
    F = np.full(ng, np.nan)
    status = np.full(ng, lanes["status"][0], dtype=np.int8)
    stop = np.full(ng, lanes["stop"][0], dtype=np.int64)
    ints = np.zeros((8, ng), dtype=np.int64)
    ints[K.I_RUNNING] = status == 0
    ints[K.I_MAX] = job.steps
    lr0 = np.array([float(cell["lr"]) for cell in cells])
    grp = np.arange(ng, dtype=np.int64)
    lane_of = np.zeros(ng, dtype=np.int64)
    fams = np.full(ng, fam, dtype=np.int64)
    box = np.ascontiguousarray(np.broadcast_to(_box(template), (ng, 4)))
    tol = np.full(ng, -1.0 if template.tol is None else template.tol)
    hist = np.zeros((ng, 5), dtype=np.int64)
    nlanes = np.ones(ng, dtype=np.int64)
    vg, gr, hs, _ = callbacks(run.kernels)
    chunk = max(1, min(job.steps, _SWEEP_CHUNK // ng))
    lrs = np.zeros((ng, chunk))
    done = 0
    while done < job.steps and ints[K.I_RUNNING].any():
        K.step(
            chunk, -1, ints, lr0, lrs, False, grp, lane_of, fams, hp_tab, flags_tab, bstate, P, G, F, S, status,
            stop, hist, nlanes, box, tol, vg, gr, hs, run.params, SINGULAR_RTOL,
        )  # fmt: skip
        done += chunk
    steps_taken = np.where(stop >= 0, stop, ints[K.I_STEPS]).astype(np.int32)
    with np.errstate(all="ignore"):
        loss = np.asarray(job.objective.f(P), dtype=float).reshape(ng)
    f_min = getattr(job.objective, "f_min", None)
    gap = loss - f_min if f_min is not None else loss
    code = np.where(status == 1, 1, np.where(status == 2, -1, 0)).astype(np.int8)
    shape = (r1 - r0, job.x.n)
    return {"status": code.reshape(shape), "steps": steps_taken.reshape(shape), "final_loss": loss.reshape(shape),
            "gap": gap.reshape(shape)}  # fmt: skip


def advance_together(runners: list[Runner], steps: int) -> None:
    """Advance single-start runners by ``steps``: one compiled call for all of them when the compiled
    kernels are there (waiting for them: maps are big jobs), else each on its own (NumPy)."""
    from . import fast
    from .fast.plan import FastBatch

    runs = [r._fast_run for r in runners if r._fast_run is not None]
    batch = None
    if runs and len(runs) == len(runners) and fast.wait_for(runs[0].kernels, 600):
        try:
            batch = FastBatch(runs)
        except Exception:  # noqa: BLE001 - the compiled path refused: NumPy below
            batch = None
    if batch is not None:
        for run in runs:
            run.runner._fast_active = True
        done = 0
        while done < steps:
            k = min(steps - done, 1 << 16)
            batch.advance(k)
            done += k
        return
    for r in runners:
        r.advance(steps)


# ------------------------------------------------------------------- running
@dataclass
class MapResult:
    """The arrays of a finished job (each of ``job.shape``), with how long it took and on what."""

    job: Any
    arrays: dict[str, np.ndarray]
    seconds: float = 0.0
    where: str = "here"
    tiles: int = 0
    cached: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def point_steps_per_second(self) -> float:
        return self.job.point_steps() / self.seconds if self.seconds > 0 else float("inf")


_CACHE_SIZE = 32
_cache: OrderedDict[Any, MapResult] = OrderedDict()
_cache_lock = threading.Lock()


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()


def tile_bounds(job: Job, tile_rows: int | None = None) -> list[tuple[int, int]]:
    """Bands of rows, about 16k cells each (or ``tile_rows`` rows)."""
    ny, nx = job.shape
    rows = tile_rows if tile_rows else max(1, min(ny, 16384 // nx))
    return [(r0, min(ny, r0 + rows)) for r0 in range(0, ny, rows)]


def _run_tile(job: Job, r0: int, r1: int) -> tuple[int, int, dict[str, np.ndarray]]:
    return r0, r1, job.tile(r0, r1)


def compute(
    job: Job,
    *,
    executor: Any = None,
    tile_rows: int | None = None,
    on_tile: Callable[[int, int, dict[str, np.ndarray]], None] | None = None,
    cancel: threading.Event | None = None,
    cache: bool = True,
) -> MapResult:
    """Run every tile of ``job`` and assemble the result.

    ``executor``: None runs the tiles here one after the other; a ``concurrent.futures.Executor`` (e.g.
    :func:`local_pool`) or a ``dask.distributed.Client`` runs them there. ``on_tile(r0, r1, arrays)`` is
    called as each band of rows arrives (in any order); ``cancel`` stops waiting (:class:`Cancelled`).
    """
    if cache:
        with _cache_lock:
            hit = _cache.get(job)
            if hit is not None:
                _cache.move_to_end(job)
                if on_tile is not None:
                    on_tile(0, job.shape[0], hit.arrays)
                return MapResult(job, hit.arrays, hit.seconds, hit.where, hit.tiles, cached=True)
    t0 = time.perf_counter()
    bounds = tile_bounds(job, tile_rows)
    out: dict[str, np.ndarray] = {}

    def take(r0: int, r1: int, arrays: dict[str, np.ndarray]) -> None:
        for key, arr in arrays.items():
            if key not in out:
                out[key] = np.empty(job.shape, dtype=arr.dtype)
            out[key][r0:r1] = arr
        if on_tile is not None:
            on_tile(r0, r1, arrays)

    where = "here"
    if executor is None:
        for r0, r1 in bounds:
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            take(*_run_tile(job, r0, r1))
    else:
        where = _describe(executor)
        for r0, r1, arrays in _submitted(executor, job, bounds, cancel):
            take(r0, r1, arrays)
    result = MapResult(job, out, time.perf_counter() - t0, where, len(bounds))
    if cache:
        with _cache_lock:
            _cache[job] = result
            while len(_cache) > _CACHE_SIZE:
                _cache.popitem(last=False)
    return result


def _is_dask(executor: Any) -> bool:
    return type(executor).__module__.startswith("distributed")


def _describe(executor: Any) -> str:
    if _is_dask(executor):
        return f"dask cluster {executor.scheduler.address}"
    workers = getattr(executor, "_max_workers", None)
    return f"{type(executor).__name__}({workers} workers)" if workers else type(executor).__name__


def _submitted(executor: Any, job: Job, bounds: list[tuple[int, int]], cancel: threading.Event | None) -> Iterator:
    futures = [executor.submit(_run_tile, job, r0, r1, pure=False) if _is_dask(executor)
               else executor.submit(_run_tile, job, r0, r1) for r0, r1 in bounds]  # fmt: skip
    if _is_dask(executor):
        from distributed import as_completed as dask_completed

        done_iter: Iterator = iter(dask_completed(futures))
    else:
        from concurrent.futures import as_completed

        done_iter = iter(as_completed(futures))
    try:
        for fut in done_iter:
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            yield fut.result()
    except BaseException:
        for fut in futures:
            fut.cancel()
        raise


def _worker_init() -> None:
    import os

    os.environ["GRADIENT_ARENA_THREADS"] = "1"  # the pool already uses every core


def local_pool(workers: int | None = None):
    """A process pool (``spawn``: no forked threads) with one worker per core unless ``workers`` says."""
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    n = workers or os.cpu_count() or 1
    return ProcessPoolExecutor(max_workers=n, mp_context=multiprocessing.get_context("spawn"), initializer=_worker_init)

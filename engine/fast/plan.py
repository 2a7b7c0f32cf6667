"""Lanes and groups: how Runners hand their runs to the compiled step loop.

A :class:`FastBatch` holds the lane arrays (position, gradient, loss, optimizer
state, status) of one or more Runners on one objective, each Runner a *group*
(its optimizer, hyperparameters, lr table, step count and history arrays). A
Runner alone has a batch of its own; :class:`arena.Race` puts all its racers in
one batch so a race step is one compiled call. NumPy's optimizer state is packed
into the lane arrays when a Runner switches to the fast path.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .lanes import MIN_LANES
from .protocol import NH, NS, SINGULAR_RTOL, disabled, kernels_of

# registry name -> family code of engine.fast.kernel
FAMILIES = {
    "sgd": 0, "momentum": 0, "nesterov": 0, "adagrad": 1, "rmsprop": 2, "adadelta": 3,
    "adam": 4, "amsgrad": 4, "adamw": 4, "nadam": 5, "radam": 6, "adamax": 7, "newton": 8, "lion": 9, "qhm": 10,
}  # fmt: skip
#: families whose two flags are pytorch-optimizer's weight_decouple and fixed_decay
_DECOUPLE_FLAGS = (9, 10)
_STATE_FIELDS = {  # family -> NumPy state fields packed into lane state slots (2 each)
    0: ("buf",),
    1: ("sum",),
    2: ("square_avg", "grad_avg", "buf"),
    3: ("square_avg", "acc_delta"),
    4: ("exp_avg", "exp_avg_sq", "max_exp_avg_sq"),
    5: ("exp_avg", "exp_avg_sq"),
    6: ("exp_avg", "exp_avg_sq"),
    7: ("exp_avg", "exp_inf"),
    8: (),
    9: ("exp_avg",),
    10: ("momentum_buffer",),
}
_STATUS = ("running", "converged", "diverged")


def family_of(optimizer: Any) -> int | None:
    from ..registry import OPTIMIZERS

    code = FAMILIES.get(optimizer.name)
    return code if code is not None and OPTIMIZERS.get(optimizer.name) is optimizer else None


def pack_hyperparams(fam: int, hp: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """(hp slots, flags) in the layout engine.fast.kernel reads."""
    g = lambda name: float(hp.get(name) or 0.0)
    slots = {
        0: (g("momentum"), g("dampening"), g("weight_decay")),
        1: (g("lr_decay"), g("weight_decay"), g("initial_accumulator_value"), g("eps")),
        2: (g("alpha"), g("eps"), g("weight_decay"), g("momentum")),
        3: (g("rho"), g("eps"), g("weight_decay")),
        8: (g("damping"),),
        9: (g("beta1"), g("beta2"), g("weight_decay")),
        10: (g("momentum"), g("nu"), g("weight_decay")),
    }.get(fam, (g("beta1"), g("beta2"), g("eps"), g("weight_decay"), g("momentum_decay")))
    arr = np.zeros(NH)
    arr[1 : 1 + len(slots)] = slots
    flags = np.zeros(2, dtype=np.int64)
    flags[0] = bool(hp.get("nesterov") or hp.get("centered") or hp.get("amsgrad") or hp.get("saddle_free"))
    flags[1] = bool(hp.get("decoupled_weight_decay"))
    if fam in _DECOUPLE_FLAGS:
        flags[0], flags[1] = bool(hp.get("weight_decouple")), bool(hp.get("fixed_decay"))
    return arr, flags


class FastRun:
    """One Runner's part of a FastBatch (views into the batch's lane arrays)."""

    def __init__(self, runner: Any, fam: int, kernels: Any):
        self.runner = runner
        self.fam = fam
        self.kernels = kernels
        self.params = np.array([float(v) for v in kernels.params] or [0.0])
        hp = dict(runner.hyperparams)
        if runner.optimizer.name == "adamw":
            hp["decoupled_weight_decay"] = True
        self.hp, self.flags = pack_hyperparams(fam, hp)
        self.batch: FastBatch | None = None
        self.lo = 0

    @property
    def hi(self) -> int:
        return self.lo + self.runner.batch

    def initial_lanes(self) -> dict[str, np.ndarray]:
        """The Runner's current state as lane arrays (at activation; any step count)."""
        r = self.runner
        n = r.batch
        if self.batch is not None:  # already on the fast path: move its lanes
            b, lo, hi = self.batch, self.lo, self.hi
            g = self.batch.runs.index(self)
            return {
                "P": b.P[lo:hi].copy(), "G": b.G[lo:hi].copy(), "F": b.F[lo:hi].copy(), "S": b.S[lo:hi].copy(),
                "status": b.status[lo:hi].copy(), "stop": b.stop[lo:hi].copy(), "bstate": b.bstate[g : g + 1].copy(),
            }  # fmt: skip
        state = r._state
        S = np.zeros((n, NS))
        for j, name in enumerate(_STATE_FIELDS[self.fam]):
            value = getattr(state, name)
            if value is not None:
                S[:, 2 * j : 2 * j + 2] = value
        status = np.zeros(n, dtype=np.int8)
        for code, word in enumerate(_STATUS):
            status[r.status == word] = code
        F = r._loss[r.steps].copy() if r.record_mode == "full" else np.full(n, np.nan)
        return {
            "P": np.array(r._p, dtype=float),
            "G": np.array(r._g, dtype=float),
            "F": F,
            "S": S,
            "status": status,
            "stop": r.stop_step.copy(),
            "bstate": np.array([float(getattr(state, "mu_product", 1.0))]),
        }


def _box(runner: Any) -> np.ndarray:
    if runner._limit is None:
        return np.full(4, np.nan)
    return np.array([runner._center[0], runner._center[1], runner._limit[0], runner._limit[1]])


def _joined(arrays: list[np.ndarray]) -> np.ndarray:
    """np.concatenate, contiguous; a lone array is returned as it is (a live racer's batch is one run:
    its activation stays a few microseconds)."""
    if len(arrays) == 1:
        return np.ascontiguousarray(arrays[0])
    return np.ascontiguousarray(np.concatenate(arrays))


def _stacked(arrays: list[np.ndarray]) -> np.ndarray:
    """np.stack, contiguous and always a new array."""
    if len(arrays) == 1:
        return arrays[0][np.newaxis].copy()
    return np.ascontiguousarray(np.stack(arrays))


class FastBatch:
    """Lane arrays of several Runners on one objective; :meth:`advance` is one compiled call."""

    def __init__(self, runs: list[FastRun]):
        self.runs = runs
        self.kernels = runs[0].kernels
        self.full = runs[0].runner.record_mode == "full"
        parts = [run.initial_lanes() for run in runs]
        lo = 0
        for run in runs:
            run.batch, run.lo = self, lo
            lo += run.runner.batch
        cat = lambda key: _joined([p[key] for p in parts])  # initial_lanes' arrays are fresh: one is kept as is
        self.P, self.G, self.F, self.S = cat("P"), cat("G"), cat("F"), cat("S")
        self.status, self.stop, self.bstate = cat("status"), cat("stop"), cat("bstate")
        self.grp = _joined([np.full(r.runner.batch, g, dtype=np.int64) for g, r in enumerate(runs)])
        self.lane_of = _joined([np.arange(r.runner.batch, dtype=np.int64) for r in runs])
        ng = len(runs)
        self.fam = np.array([r.fam for r in runs], dtype=np.int64)
        self.hp = _stacked([r.hp for r in runs])
        self.flags = _stacked([r.flags for r in runs])
        self.box = _stacked([_box(r.runner) for r in runs])
        self.tol = np.array([-1.0 if r.runner.tol is None else r.runner.tol for r in runs])
        # one int table the step call reads and writes (rows: engine.fast.kernel.I_*)
        self.ints = np.zeros((8, ng), dtype=np.int64)
        self.kmax, self.t0, self.row0, self.taken, self.running, self.steps, self.budget, self.sched = self.ints
        for g, run in enumerate(runs):
            r = run.runner
            self.running[g] = r._n_active
            self.steps[g] = r.steps
            self.budget[g] = -1 if r.max_steps is None else r.max_steps
            self.sched[g] = bool(r._scheduled)
        self.lr0 = np.array([float(r.runner.hyperparams["lr"]) for r in runs])
        self.scheduled = [g for g, run in enumerate(runs) if run.runner._scheduled]
        self.addrs = callbacks(self.kernels)
        self.kp = runs[0].params
        self._hist_arrays: list[tuple[Any, ...]] = []
        self._hist = np.zeros((ng, 5), dtype=np.int64)
        self.nlanes = np.array([r.runner.batch for r in runs], dtype=np.int64)
        self._caps = np.zeros(ng, dtype=np.int64)
        self._lrs = np.zeros((ng, 1))
        # a Runner alone with many runs and no history: the blocked lane loop (engine.fast.lanes) when ready
        self.blocked = ng == 1 and not self.full and self.P.shape[0] >= MIN_LANES
        self.blocked_calls = 0  # advance calls the blocked loop served

    def _histories(self) -> np.ndarray:
        """The addresses of the runners' history arrays, one row per group (redone when a runner grew them).

        Rows: positions, losses, gradients, effective lrs, lrs (C-contiguous float64 arrays the
        runners own; the step loop writes rows through these addresses). Zeros without history.
        """
        if self.full:
            runners = [run.runner for run in self.runs]
            arrays = [(r._pos, r._loss, r._grads, r._eff, r._lr) for r in runners]
            if len(arrays) != len(self._hist_arrays) or any(
                a[0] is not b[0] for a, b in zip(arrays, self._hist_arrays)
            ):  # holding the arrays keeps their addresses valid (and unique) until the next check
                for g, group in enumerate(arrays):
                    assert all(a.dtype == np.float64 and a.flags.c_contiguous for a in group)
                    self._hist[g] = [a.ctypes.data for a in group]
                self._hist_arrays = arrays
                self._caps[:] = [r._pos.shape[0] for r in runners]
        return self._hist

    def advance(self, k: int, only: FastRun | None = None) -> np.ndarray:
        """Up to k steps for every group (or only ``only``), within its budget; returns the steps each took.

        One compiled call; the Python work per group is only what changed: a runner whose
        history is full grows it (amortized doubling), a scheduled runner gets its lr row,
        a runner whose runs stopped books them.
        """
        from . import kernel as K  # loaded by engine.fast._load before any fast run exists

        runs = self.runs
        if k <= 0 or not runs:
            return np.zeros(len(runs), dtype=np.int64)
        if self.blocked:
            from . import lanes_for

            fn = lanes_for(self.kernels, runs[0].fam, timeout=0.0)
            if fn is None:  # not loaded yet: wait for it when that is cheaper than the scalar loop
                left = k if self.budget[0] < 0 else min(k, int(self.budget[0] - self.steps[0]))
                work = left * self.P.shape[0]
                if work >= LANES_COMPILE_POINT_STEPS or (work >= LANES_LOAD_POINT_STEPS and _on_disk(self, runs[0])):
                    fn = lanes_for(self.kernels, runs[0].fam, timeout=120.0)
            if fn is not None:
                return self._advance_blocked(fn, k, only)
        g_only = -1 if only is None else runs.index(only)
        steps, budget = self.steps, self.budget
        if self._lrs.shape[1] < k:
            self._lrs = np.zeros((len(runs), max(k, 2 * self._lrs.shape[1])))
        lrs = self._lrs
        if self.full:  # capacities as of the last call (only this method grows a fast runner's history)
            short = np.nonzero(self._caps < steps + k + 1)[0]
            for g in short.tolist():
                r = runs[g].runner
                r._reserve(min(r.steps + k, r.max_steps if r.max_steps is not None else r.steps + k) + 1)
        for g in self.scheduled:
            r = runs[g].runner
            kg = k if budget[g] < 0 else max(0, min(k, int(budget[g]) - r.steps))
            if kg:
                lrs[g, :kg] = r._lr_table(r.steps + kg)[r.steps : r.steps + kg]
        before = self.running.copy()
        hist = self._histories()
        vg, gr, hs, _ = self.addrs
        K.step(
            k, g_only, self.ints, self.lr0, lrs, self.full, self.grp, self.lane_of, self.fam, self.hp, self.flags,
            self.bstate, self.P, self.G, self.F, self.S, self.status, self.stop, hist, self.nlanes, self.box,
            self.tol, vg, gr, hs, self.kp, SINGULAR_RTOL,
        )  # fmt: skip
        for run, n in zip(runs, steps.tolist()):
            run.runner.steps = n
        for g in np.nonzero(self.running != before)[0].tolist():
            runs[g].runner._after_fast(runs[g], int(self.running[g]))
        return self.taken

    def _advance_blocked(self, fn: Any, k: int, only: FastRun | None) -> np.ndarray:
        """:meth:`advance` of a lone Runner's many runs on the blocked lane loop (same steps, same bits)."""
        from . import lanes
        from .rules import NADAM, NT, tables

        run = self.runs[0]
        r = run.runner
        kg = k if (only is None or only is run) and self.running[0] else 0
        if self.budget[0] >= 0:
            kg = min(kg, max(int(self.budget[0]) - r.steps, 0))
        self.taken[0] = 0
        if kg == 0:
            return self.taken
        t0 = r.steps
        lrs = r._lr_table(t0 + kg)[t0 : t0 + kg].astype(float) if self.sched[0] else np.full(kg, self.lr0[0])
        tab = np.zeros((kg, NT))
        fam = run.fam
        tables(fam, self.hp[0], t0, self.bstate[0], lrs, kg, tab)
        before = int(self.running[0])
        self.blocked_calls += 1
        taken = lanes.run(fn, kg, t0, np.ascontiguousarray(lrs), tab, self, 0, self.kp, SINGULAR_RTOL)
        if fam == NADAM and taken > 0:
            self.bstate[0] = tab[taken - 1, 3]
        self.taken[0] = taken
        self.steps[0] = t0 + taken
        self.running[0] = int(np.count_nonzero(self.status == 0))
        r.steps = t0 + taken
        if self.running[0] != before:
            r._after_fast(run, int(self.running[0]))
        return self.taken

    def sync_budget(self, run: FastRun) -> None:
        """Take a runner's new ``max_steps`` (a longer or shorter budget) into the step table."""
        g = self.runs.index(run)
        self.budget[g] = -1 if run.runner.max_steps is None else run.runner.max_steps


#: an advance of this many point-steps waits for its blocked lane loop when it is compiled on disk (loading
#: takes ~0.1 s; the scalar loop needs about 0.5 s for them), and of this many when it must be compiled
#: first (a few seconds; the scalar loop needs about 5 s)
LANES_LOAD_POINT_STEPS = 10_000_000
LANES_COMPILE_POINT_STEPS = 200_000_000


def _on_disk(batch: FastBatch, run: FastRun) -> bool:
    from .callbacks import cached

    return cached(batch.kernels, run.fam)


def callbacks(kernels: Any) -> tuple[int, int, int, Any]:
    from .callbacks import callbacks_for

    return callbacks_for(kernels)


def plan_for(runner: Any) -> FastRun | None:
    """A FastRun for ``runner`` if its objective and options allow the fast path (else None)."""

    if disabled() or runner.options.stochastic:
        return None
    kernels = kernels_of(runner.objective)
    if kernels is None:
        return None
    fam = family_of(runner.optimizer)
    if fam is None or (fam == 8 and getattr(kernels, "hessian", None) is None):
        return None
    return FastRun(runner, fam, kernels)

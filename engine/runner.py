"""Running optimizers: the live :class:`Runner` and the finished :class:`RunRecord`.

A :class:`Runner` advances one optimizer over a batch of runs (one start per
row) on one objective, a step or many steps at a time, and records per step
and per run:

* ``positions``  theta_t, row 0 being the start;
* ``losses``     f(theta_t);
* ``gradients``  grad f(theta_t), the gradient *at* that row's position;
* ``effective_lr`` the optimizer's own per-parameter learning rate used for
  the step that produced row t (row 0 is NaN) -- see ``engine.optimizers``;
* derived on demand (not stored twice): ``updates`` theta_t - theta_{t-1} and
  ``observed_lr`` = -update_t / g_{t-1}, the ratio a user can compare across all
  optimizers, momentum included (NaN where g_{t-1} = 0);
* ``status`` per run: ``running``, ``converged`` (gradient norm <= tol) or
  ``diverged`` (position, loss or gradient non-finite, or the position ran
  away more than ``runaway`` half-widths of the objective's ``domain`` from its
  centre). A stopped run takes no more steps; the others go on.

The objective is anything with ``grad(p)`` (and ``f(p)``), optionally
``value_and_grad(p)``, ``hessian(p)`` (needed by Newton) and ``domain``; the
engine does not import ``surfaces``. All arithmetic runs under
``np.errstate(all="ignore")``: no NumPy warning reaches the console; non-finite
values become a ``diverged`` status instead.
"""

from __future__ import annotations

import itertools
import math
import mmap
import queue
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import fast
from .fast.lanes import MIN_LANES
from .fast.plan import FastBatch, plan_for
from .hyperparams import HyperparameterError
from .options import RunOptions, check_options_for, resolve_options, split_options
from .registry import Optimizer, resolve_hyperparams
from .schedules import schedule_lrs
from .spec import format_optimizer_spec, parse_racer_spec

__all__ = ["Runner", "RunRecord", "simulate", "RUNNING", "CONVERGED", "DIVERGED"]

RUNNING, CONVERGED, DIVERGED = "running", "converged", "diverged"
_STATUS_DTYPE = "<U9"
_INITIAL_CAPACITY = 256
# History storage: each array is a view of the first rows of a larger buffer made with np.empty, so
# the buffer's untouched pages cost address space, not memory. Rows are filled with NaN a block at
# a time as steps need them, and a buffer is copied into a bigger one only past its capacity: with
# a step budget, the whole budget (up to _RESERVE_BYTES of rows) is reserved at the start, so a long
# race never copies its history (10 racers doubling 38 MB each on one frame made a 100 ms hitch).
# Touching fresh pages is the cost that remains (on this VM ~20 µs a page): rows are filled a few
# hundred at a time, and each runner's blocks are offset from the others' (racers step in lockstep),
# so a frame fills one or two racers' rows, not all of them.
_RESERVE_BYTES = 256 << 20
_FILL_ROWS = 512
_FILL_PHASES = 8
_runner_count = itertools.count()
_MAPPED_BYTES = 1 << 20  # history buffers from this size on are anonymous mappings of their own


def _empty(shape: tuple[int, ...]) -> np.ndarray:
    """``np.empty(shape)`` (float64) whose pages are touched only as they are written: a large
    one is an anonymous mapping without transparent huge pages (NumPy asks for huge pages from
    4 MB: a first write into one zeroes, and may first compact, 2 MB at once: 20-50 ms stalls)."""
    size = 8 * math.prod(shape)
    if size < _MAPPED_BYTES or not hasattr(mmap, "MADV_NOHUGEPAGE"):
        return np.empty(shape)
    m = mmap.mmap(-1, size)
    m.madvise(mmap.MADV_NOHUGEPAGE)
    return np.frombuffer(m, dtype=np.float64).reshape(shape)


_HISTORY = ("_pos", "_loss", "_grads", "_eff", "_lr", "_batch_loss")

# Freeing a long race's history gives its pages back to the system: about 3 µs a 4 KB page on this
# VM, 60 ms for 10 racers x 10^5 steps and 0.6 s at 10^6. A window replacing its race (a reset, another
# surface) hands the old runners to retire(): a daemon thread lets go of them a moment later, when the
# window has let go of their arrays too, and the unmapping (which releases the GIL) happens there.
RETIRE_DELAY = 0.5  # seconds
_retired: queue.SimpleQueue | None = None
_retire_lock = threading.Lock()


def retire(runners: Sequence[Any]) -> None:
    """Free ``runners``' histories in a background thread, :data:`RETIRE_DELAY` seconds from now
    (the caller no longer uses them; references it still holds then keep them alive as usual)."""
    global _retired
    with _retire_lock:
        if _retired is None:
            _retired = queue.SimpleQueue()
            threading.Thread(target=_reap, args=(_retired,), name="gradient-arena-retire", daemon=True).start()
    _retired.put((time.monotonic() + RETIRE_DELAY, list(runners)))


def _reap(retired: queue.SimpleQueue) -> None:
    while True:
        due, runners = retired.get()
        time.sleep(max(0.0, due - time.monotonic()))
        for runner in runners:  # the cycles runner <-> FastRun <-> FastBatch, which only the collector frees
            run, runner._fast_run = runner._fast_run, None
            if run is not None:
                run.batch = None
        runner = runners = run = None  # the last references: the histories are unmapped here


def _resolve(optimizer: str | Optimizer, hyperparams: Mapping[str, Any] | None):
    """(optimizer, hyperparameters, options) from a spec or an Optimizer plus flat settings."""
    if isinstance(optimizer, Optimizer):
        hp, opts = split_options(hyperparams or {})
        return optimizer, resolve_hyperparams(optimizer, hp), resolve_options(opts)
    return parse_racer_spec(optimizer, **dict(hyperparams or {}))


def _as_starts(start) -> tuple[np.ndarray, bool]:
    try:
        arr = np.array(start, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"start must be a point (x, y) or an array of shape (B, 2), got {start!r}") from None
    if arr.ndim == 1 and arr.shape == (2,):
        return arr[None, :], True
    if arr.ndim == 2 and arr.shape[1] == 2 and arr.shape[0] >= 1:
        return arr, False
    raise ValueError(f"start must be a point (x, y) or an array of shape (B, 2), got shape {arr.shape}")


class BatchLoader:
    """Mini-batch indices as a data loader draws them: each epoch a fresh
    permutation of the n points, cut into consecutive batches (the last one
    smaller when the batch size does not divide n, like torch's DataLoader)."""

    def __init__(self, n: int, batch_size: int, rng: np.random.Generator):
        self.n, self.batch_size, self.rng = n, batch_size, rng
        self.perm = np.empty(0, dtype=np.intp)
        self.pos = 0

    def next(self) -> np.ndarray:
        if self.pos >= len(self.perm):
            self.perm = self.rng.permutation(self.n)
            self.pos = 0
        idx = self.perm[self.pos : self.pos + self.batch_size]
        self.pos += self.batch_size
        return idx


class Runner:
    """Advances one optimizer over ``B`` runs of one objective.

    Parameters
    ----------
    objective : object with ``grad`` (and ``f`` / ``value_and_grad`` / ``hessian`` / ``domain``)
    optimizer : registry name, spec string (``"adam:lr=0.01"``) or :class:`Optimizer`
    hyperparams : extra hyperparameters (validated; a key may not also be in the spec)
    start : (x, y) or array of shape (B, 2); defaults to ``objective.start``
    max_steps : step budget (``None``: no budget; ``advance`` decides)
    tol : stop a run as ``converged`` once ``|grad| <= tol``
    record : ``"full"`` keeps every step; ``"final"`` keeps only the last state
        (no loss is evaluated per step; the fast path for many starts)
    runaway : a run is ``diverged`` when it leaves the objective's domain box
        scaled by this factor about its centre
    options : racer options (``batch_size``, ``noise``, ``schedule`` ...; see
        ``engine.options``), as a :class:`RunOptions` or flat settings; they may
        also be written in the spec or passed with ``hyperparams``
    seed, stream : the race's seed and this racer's position in the race: the
        random streams of mini-batches and gradient noise derive from both
    """

    # the per-step history (record="full"): views of the first filled rows of ``_buffers``
    _pos: np.ndarray
    _loss: np.ndarray
    _grads: np.ndarray
    _eff: np.ndarray
    _lr: np.ndarray
    _batch_loss: np.ndarray

    def __init__(
        self,
        objective,
        optimizer: str | Optimizer,
        hyperparams: Mapping[str, Any] | None = None,
        start=None,
        *,
        max_steps: int | None = None,
        tol: float | None = None,
        record: str = "full",
        runaway: float = 100.0,
        label: str | None = None,
        options: RunOptions | Mapping[str, Any] | None = None,
        seed: int = 0,
        stream: int = 0,
    ):
        self.optimizer, self.hyperparams, spec_options = _resolve(optimizer, hyperparams)
        if options is not None:
            if spec_options != RunOptions():
                raise HyperparameterError("racer options given both in the spec and as options=")
            spec_options = options if isinstance(options, RunOptions) else resolve_options(options)
        self.options = spec_options
        check_options_for(self.options, objective)
        if record not in ("full", "final"):
            raise ValueError(f"record must be 'full' or 'final', got {record!r}")
        if max_steps is not None and (isinstance(max_steps, bool) or int(max_steps) != max_steps or max_steps < 0):
            raise ValueError(f"steps must be a whole number >= 0, got {max_steps!r}")
        if tol is not None and not (np.isfinite(tol) and tol >= 0):
            raise ValueError(f"tol must be a number >= 0, got {tol!r}")
        if start is None:
            start = getattr(objective, "start", None)
            if start is None:
                raise ValueError("no start given and the objective has no default start")
        starts, self.single = _as_starts(start)
        if self.optimizer.needs_hessian and not hasattr(objective, "hessian"):
            raise HyperparameterError(f"{self.optimizer.name} needs an objective with a Hessian")

        self.objective = objective
        self.label = label if label is not None else format_optimizer_spec(self.optimizer.name, self.hyperparams)
        self.record_mode = record
        self._fast_run = None
        self._max_steps = None if max_steps is None else int(max_steps)
        self.tol = None if tol is None else float(tol)
        self.starts = starts
        self.batch = starts.shape[0]

        vg = getattr(objective, "value_and_grad", None)
        self._value_and_grad = vg if vg is not None else (lambda p: (objective.f(p), objective.grad(p)))
        self._grad = objective.grad
        self._setup_randomness(objective, seed, stream)
        self._hessian = getattr(objective, "hessian", None) if self.optimizer.needs_hessian else None
        # line searches evaluate f and grad f at trial points: the exact objective (no mini-batch, no noise)
        self._oracle = self._value_and_grad if self.optimizer.needs_oracle else None
        domain = getattr(objective, "domain", None)
        self._center: np.ndarray | None
        self._limit: np.ndarray | None
        if domain is not None:
            (x0, x1), (y0, y1) = domain
            self._center = np.array([(x0 + x1) / 2, (y0 + y1) / 2])
            self._limit = runaway * np.array([(x1 - x0) / 2, (y1 - y0) / 2])
            self._inv_limit = 1.0 / self._limit
        else:
            self._center = self._limit = None

        self.steps = 0  # steps taken by the batch
        self.elapsed = 0.0  # seconds spent inside advance()
        self.status = np.full(self.batch, RUNNING, dtype=_STATUS_DTYPE)
        self.stop_step = np.full(self.batch, -1, dtype=np.int64)
        self._active = np.ones(self.batch, dtype=bool)
        self._n_active = self.batch
        self._rows = np.arange(self.batch)  # in "final" mode: original run of each computed row
        self._row_active = np.ones(self.batch, dtype=bool)  # aligned with _rows

        with np.errstate(all="ignore"):
            p = starts.copy()
            f, g = self._value_and_grad(p)
            f = np.broadcast_to(np.asarray(f, dtype=float), (self.batch,)).copy()
            g = np.asarray(g, dtype=float)
            self._p, self._g = p, g
            self._state = self.optimizer.init(p, self.hyperparams)
            self._final_p = p.copy()
            self._final_g = g.copy()
            self._final_f = f.copy()
            if record == "full":
                self._buffers: dict[str, np.ndarray] = {}
                self._ready = 0  # rows of the buffers filled (NaN or recorded) and shown as the arrays
                self._allocate(self._reserve_rows(1))
                self._reserve(1)
                self._pos[0], self._loss[0], self._grads[0] = p, f, g
            self._check(p, f, g, 0)
        # the compiled path (engine.fast) takes over once its kernels are loaded
        self._fast_run = plan_for(self)
        self._fast_active = False
        if self._fast_run is not None:
            fast.prepare(self._fast_run.kernels)
            if record == "final" and self.batch >= MIN_LANES:  # many runs: the blocked lane loop too
                fast.prepare_lanes(self._fast_run.kernels, self._fast_run.fam)

    # ------------------------------------------------------------- properties
    @property
    def max_steps(self) -> int | None:
        """The step budget (None: none); may be changed between calls of ``advance``."""
        return self._max_steps

    @max_steps.setter
    def max_steps(self, steps: int | None) -> None:
        self._max_steps = None if steps is None else int(steps)
        run = self._fast_run
        if run is not None and run.batch is not None:
            run.batch.sync_budget(run)

    @property
    def done(self) -> bool:
        """True when every run has stopped or the step budget is used up."""
        return self._n_active == 0 or (self.max_steps is not None and self.steps >= self.max_steps)

    @property
    def seconds_per_step(self) -> float:
        return self.elapsed / self.steps if self.steps else float("nan")

    @property
    def positions(self) -> np.ndarray:
        """Live view, shape (steps + 1, B, 2)."""
        return self._history(self._pos)

    @property
    def losses(self) -> np.ndarray:
        return self._history(self._loss)

    @property
    def gradients(self) -> np.ndarray:
        return self._history(self._grads)

    @property
    def effective_lr(self) -> np.ndarray:
        return self._history(self._eff)

    @property
    def lrs(self) -> np.ndarray:
        """The learning rate used for the step that produced each row (row 0 NaN)."""
        return self._history(self._lr)

    @property
    def batch_losses(self) -> np.ndarray:
        """The mini-batch loss the optimizer saw at each row's position (NaN without batches)."""
        return self._history(self._batch_loss)

    def _history(self, arr):
        if self.record_mode != "full":
            raise AttributeError("per-step history is kept only with record='full'")
        return arr[: self.steps + 1]

    # ----------------------------------------------------------------- checks
    def _check(self, p, f, g, step: int) -> None:
        """Mark runs that diverged or converged at ``step``."""
        # Fast path (decides every step of a single run in a few ufunc calls): if the
        # sum over all rows of |p - centre| / limit is <= 1, every row is inside its
        # box; 0 * sum(g) (and 0 * sum(f)) turn that test False if anything is non-finite.
        partial = self._n_active < len(self._rows)
        fast = len(self._rows) <= 8 and not partial  # large batches: the sum would rarely be <= 1
        if fast:
            add = np.add.reduce  # .sum() without its Python wrapper: this runs every step
            if self._limit is not None:
                scaled = np.abs(p - self._center)
                scaled *= self._inv_limit
                total = add(scaled, None) + 0.0 * add(g, None)
            else:
                total = 0.0 * (add(p, None) + add(g, None))
            if f is not None:
                total = total + 0.0 * add(f, None)
            fast = total <= 1.0
        if fast:
            bad_any = False
            ok = None
        else:
            # column by column: ndarray.all(axis=-1) over a length-2 axis is ~30x slower
            if self._limit is not None:
                inside = np.abs(p - self._center) <= self._limit  # NaN fails too
            else:
                inside = np.isfinite(p)
            ok = inside[:, 0] & inside[:, 1]
            finite = np.isfinite(g)
            ok &= finite[:, 0]
            ok &= finite[:, 1]
            if f is not None:
                ok &= np.isfinite(f)
            if partial:  # rows of runs that already stopped are not checked again
                ok |= ~self._row_active
            bad_any = not ok.all()
        conv_any = False
        if self.tol is not None:
            conv = np.hypot(g[:, 0], g[:, 1]) <= self.tol  # |g| <= tol exactly: no under- or overflow
            if ok is not None:
                conv &= ok
            if partial:
                conv &= self._row_active
            conv_any = conv.any()
        if bad_any:
            assert ok is not None
            self._stop(~ok, DIVERGED, step, p, g, f)
        if conv_any:
            self._stop(conv, CONVERGED, step, p, g, f)

    def _stop(self, mask, status, step, p, g, f) -> None:
        """Stop the computed rows in ``mask`` with ``status`` at ``step``."""
        runs = self._rows[mask]
        self._row_active[mask] = False
        self._active[runs] = False
        self._n_active -= len(runs)
        self.status[runs] = status
        self.stop_step[runs] = step
        self._final_p[runs] = p[mask]
        self._final_g[runs] = g[mask]
        if f is not None:
            self._final_f[runs] = np.asarray(f)[mask]

    # ---------------------------------------------------------------- advance
    def advance(self, k: int = 1) -> int:
        """Take up to ``k`` steps (fewer at the budget or when every run has
        stopped); return the number taken."""
        if k <= 0 or self.done:
            return 0
        if self.max_steps is not None:
            k = min(k, self.max_steps - self.steps)
        if self._fast_run is not None and (self._fast_active or self._activate_fast(k)):
            assert self._fast_run.batch is not None
            t0 = time.perf_counter()
            before = self.steps
            self._fast_run.batch.advance(k, only=self._fast_run)
            self.elapsed += time.perf_counter() - t0
            return self.steps - before
        full = self.record_mode == "full"
        if full:
            self._reserve(self.steps + k + 1)
        update, hp = self.optimizer.update, self.hyperparams
        hessian, oracle = self._hessian, self._oracle
        lrs = self._lr_table(self.steps + k) if self._scheduled else None
        stochastic = self.options.stochastic
        p, g, state = self._p, self._g, self._state
        taken = 0
        t0 = time.perf_counter()
        with np.errstate(all="ignore"):
            while taken < k and self._n_active:
                step = self.steps + taken + 1
                if lrs is not None:
                    hp = dict(self.hyperparams)
                    hp["lr"] = float(lrs[step - 1])
                g_used = g
                if stochastic:
                    g_used, batch_loss = self._stochastic_grad(p, g)
                    if full and batch_loss is not None:
                        self._batch_loss[step - 1] = batch_loss
                H = hessian(p) if hessian is not None else None
                if oracle is None:
                    new_p, state, eff = update(g_used, state, p, hp, H)
                else:
                    new_p, state, eff = update(g_used, state, p, hp, H, oracle)
                if full:
                    f, g = self._value_and_grad(new_p)
                    if self._n_active < self.batch:  # freeze runs that stopped
                        frozen = ~self._row_active
                        new_p[frozen] = p[frozen]
                else:
                    f = None
                    g = self._grad(new_p)
                p = new_p
                taken += 1
                if full:
                    self._pos[step] = p
                    self._loss[step] = f
                    self._grads[step] = g
                    self._eff[step] = eff
                    self._lr[step] = hp["lr"]
                self._check(p, f, g, step)
                if not full and 2 * self._n_active < len(self._rows) and len(self._rows) > 64:
                    p, g, state = self._compact(p, g, state)
        self.elapsed += time.perf_counter() - t0
        self._p, self._g, self._state = p, g, state
        self.steps += taken
        if full and taken:
            self._final_p[self._active] = p[self._active]
            self._final_g[self._active] = g[self._active]
            self._final_f[self._active] = self._loss[self.steps][self._active]
        elif taken and self._n_active:
            keep = self._row_active
            self._final_p[self._rows[keep]] = p[keep]
            self._final_g[self._rows[keep]] = g[keep]
        return taken

    # ------------------------------------------------------------ fast path
    #: point-steps from which advance() waits for the compiled kernels instead of starting on NumPy
    WAIT_FOR_JIT_POINT_STEPS = 200_000

    def _activate_fast(self, k: int) -> bool:
        """Switch to the compiled path if its kernels are loaded (waiting for them on big jobs)."""
        run = self._fast_run
        if run is None or fast.disabled():
            return False
        if self.record_mode == "final" and len(self._rows) != self.batch:
            return False  # rows were compacted: stay on NumPy
        big = k * self.batch >= self.WAIT_FOR_JIT_POINT_STEPS
        if not fast.ready_for(run.kernels) and not (big and fast.wait_for(run.kernels)):
            return False
        try:
            FastBatch([run])
        except Exception as exc:  # noqa: BLE001 - kernels the compiler refuses: NumPy path
            self.fast_error = exc
            self._fast_run = None
            return False
        self._fast_active = True
        return True

    def _after_fast(self, run, running: int) -> None:
        """Book the runs the compiled loop stopped (``running`` of them still run)."""
        batch, lo, hi = run.batch, run.lo, run.hi
        newly = (batch.status[lo:hi] != 0) & self._active
        runs = np.nonzero(newly)[0]
        codes = batch.status[lo:hi][runs]
        self.status[runs] = np.where(codes == 1, CONVERGED, DIVERGED)
        self.stop_step[runs] = batch.stop[lo:hi][runs]
        self._final_p[runs] = batch.P[lo:hi][runs]
        self._final_g[runs] = batch.G[lo:hi][runs]
        self._final_f[runs] = batch.F[lo:hi][runs]
        self._active[runs] = False
        self._row_active[runs] = False
        self._n_active = running

    def _sync_fast(self) -> None:
        """Copy the running lanes' current values into the final arrays."""
        if not self._fast_active or not self._n_active:
            return
        run = self._fast_run
        assert run is not None and run.batch is not None
        lo, hi, act = run.lo, run.hi, self._active
        if self._n_active == self.batch:  # every run still going (always so for a live racer): plain slices
            self._final_p[:] = run.batch.P[lo:hi]
            self._final_g[:] = run.batch.G[lo:hi]
            if self.record_mode == "full":
                self._final_f[:] = run.batch.F[lo:hi]
            return
        self._final_p[act] = run.batch.P[lo:hi][act]
        self._final_g[act] = run.batch.G[lo:hi][act]
        if self.record_mode == "full":
            self._final_f[act] = run.batch.F[lo:hi][act]

    @property
    def fast(self) -> bool:
        """True when this runner steps on the compiled path."""
        return self._fast_active

    # ------------------------------------------------------ stochastic options
    def _setup_randomness(self, objective, seed: int, stream: int) -> None:
        opts = self.options
        self._scheduled = opts.schedule != "constant"
        self._lrs: np.ndarray | None = None
        self.seed, self.stream = int(seed), int(stream)
        self._data: Any = objective.data if hasattr(objective, "data") else None
        if not opts.stochastic:  # no random stream is drawn (spawning costs ~0.1 ms; a sweep makes 10^4 runners)
            self._loader, self._noise_rng = None, None
            return
        loader_seq, noise_seq = np.random.SeedSequence(self.seed, spawn_key=(self.stream,)).spawn(2)
        self._loader = (
            BatchLoader(self._data.n, opts.batch_size, np.random.default_rng(loader_seq))
            if opts.batch_size and self._data is not None
            else None
        )
        self._noise_rng = np.random.default_rng(noise_seq)

    def _stochastic_grad(self, p, g):
        """The gradient the optimizer sees: a mini-batch's and/or noisy; and the batch loss."""
        batch_loss = None
        if self._loader is not None:
            batch_loss, g = self._data.batch_value_and_grad(p, self._loader.next())
        if self.options.noise:
            assert self._noise_rng is not None  # made for every stochastic runner
            g = g + self.options.noise * self._noise_rng.standard_normal(g.shape)
        return g, batch_loss

    def _lr_table(self, upto: int) -> np.ndarray:
        """Scheduled learning rates for steps 1..upto (grown by doubling; prefixes never change)."""
        if self._lrs is None or len(self._lrs) < upto:
            n = max(upto, 2 * len(self._lrs) if self._lrs is not None else 256)
            if self.max_steps is not None:
                n = max(upto, min(n, self.max_steps))
            self._lrs = schedule_lrs(self.options.schedule, self.hyperparams["lr"], n, self.options.schedule_params)
        return self._lrs

    def _compact(self, p, g, state):
        """Drop rows of runs that have stopped ("final" mode only)."""
        keep = self._row_active
        n = len(self._rows)
        self._rows = self._rows[keep]
        self._row_active = self._row_active[keep]

        def take(x):
            return x[keep] if isinstance(x, np.ndarray) and x.ndim and x.shape[0] == n else x

        return p[keep], g[keep], type(state)(*(take(x) for x in state))

    def _row_bytes(self) -> int:
        return 64 * self.batch + 8  # positions, gradients, effective lrs 16 B, losses, batch losses 8 B, lr 8 B

    def _reserve_rows(self, rows: int) -> int:
        """Capacity for at least ``rows``: the whole step budget when it fits _RESERVE_BYTES (or 2^16
        rows), else twice the current capacity."""
        cap = len(self._buffers["_pos"]) if self._buffers else 0
        want = max(rows, 2 * cap, _INITIAL_CAPACITY if self.max_steps is None else 1)
        if self.max_steps is not None and self.max_steps + 1 >= rows:
            most = max(1 << 16, _RESERVE_BYTES // self._row_bytes())
            want = max(rows, min(self.max_steps + 1, max(most, 2 * cap)))
        return want

    def _allocate(self, cap: int) -> None:
        """Buffers of ``cap`` rows (np.empty: pages are touched only as rows are filled); the
        filled rows are copied over."""
        ready = self._ready
        shapes = {"_pos": (self.batch, 2), "_loss": (self.batch,), "_grads": (self.batch, 2),
                  "_eff": (self.batch, 2), "_lr": (), "_batch_loss": (self.batch,)}  # fmt: skip
        for name in _HISTORY:
            new = _empty((cap,) + shapes[name])
            if ready:
                new[:ready] = self._buffers[name][:ready]
            self._buffers[name] = new
            setattr(self, name, new[:ready])

    def _reserve(self, rows: int) -> None:
        """Make the history arrays at least ``rows`` long (new rows NaN), a block of rows at a time."""
        ready = self._ready
        if rows <= ready:
            return
        if rows > len(self._buffers["_pos"]):
            self._allocate(self._reserve_rows(rows))
        cap = len(self._buffers["_pos"])
        block = _FILL_ROWS
        if not ready:  # the first block is longer by this runner's offset
            block += next(_runner_count) % _FILL_PHASES * (_FILL_ROWS // _FILL_PHASES)
        new_ready = min(cap, max(rows, ready + block))
        for name in _HISTORY:
            buf = self._buffers[name]
            buf[ready:new_ready] = np.nan
            setattr(self, name, buf[:new_ready])
        self._ready = new_ready

    # ------------------------------------------------------------------ record
    def final_losses(self) -> np.ndarray:
        """f at each run's final position (computed now in "final" mode)."""
        self._sync_fast()
        return self._final_losses()

    def _final_losses(self) -> np.ndarray:
        if self.record_mode == "final":
            with np.errstate(all="ignore"):
                f = np.asarray(self.objective.f(self._final_p), dtype=float)
            return np.broadcast_to(f, (self.batch,)).copy()
        return self._final_f.copy()

    def record(self) -> RunRecord:
        """A snapshot of everything recorded so far.

        The history is append-only: rows ``0..steps`` are never written again (later steps fill later rows, and
        growing the capacity copies into new arrays, leaving the old ones as they were). So the snapshot's
        histories are read-only views of those rows, not copies: taking a record costs the same at step 10 and
        at step 10^6. Only a batch in which some runs stopped before the others gets copies, with NaN after each
        run's stop.
        """
        self._sync_fast()
        steps_taken = np.where(self.stop_step >= 0, self.stop_step, self.steps)
        hist: dict[str, Any] = {}
        if self.record_mode == "full":
            n = self.steps + 1
            stopped = np.nonzero(steps_taken < self.steps)[0]
            names = ("positions_all", "losses_all", "gradients_all", "effective_lr_all", "batch_losses_all")
            arrays = (self._pos, self._loss, self._grads, self._eff, self._batch_loss)
            if stopped.size:
                hist = {name: arr[:n].copy() for name, arr in zip(names, arrays)}
                for b in stopped:  # no rows after a run's stop
                    for arr in hist.values():
                        arr[steps_taken[b] + 1 :, b] = np.nan
            else:
                hist = {name: _frozen(arr[:n]) for name, arr in zip(names, arrays)}
            hist["lrs_all"] = _frozen(self._lr[:n])
        return RunRecord(
            label=self.label,
            optimizer=self.optimizer.name,
            hyperparams=dict(self.hyperparams),
            batched=not self.single,
            starts=self.starts.copy(),
            steps=self.steps,
            final_positions=self._final_p.copy(),
            final_losses=self._final_losses(),
            final_gradients=self._final_g.copy(),
            status_all=self.status.copy(),
            steps_taken_all=steps_taken,
            seconds_per_step=self.seconds_per_step,
            options=self.options,
            **hist,
        )


def _frozen(view: np.ndarray) -> np.ndarray:
    """A read-only view (the runner's own array stays writable)."""
    view = view.view()
    view.flags.writeable = False
    return view


@dataclass(frozen=True, slots=True, eq=False)
class RunRecord:
    """What one optimizer did from one start (or a batch of starts).

    For a single start (``batched`` False) the batch axis is dropped:
    ``positions`` has shape ``(n + 1, 2)`` with ``n`` the steps the run took,
    ``status`` is a string. For a batch, histories have shape ``(steps + 1, B, ...)``,
    rows after a run's stop are NaN, and ``status`` is an array of strings.
    With ``record="final"`` the histories are ``None``; ``final_positions``,
    ``final_losses``, ``status`` and ``steps_taken`` are always there.
    The ``*_all`` fields keep the batch axis; the properties of the same names
    without ``_all`` are what users read.
    """

    label: str
    optimizer: str
    hyperparams: dict[str, Any]
    batched: bool
    starts: np.ndarray
    steps: int
    final_positions: np.ndarray
    final_losses: np.ndarray
    final_gradients: np.ndarray
    status_all: np.ndarray
    steps_taken_all: np.ndarray
    seconds_per_step: float
    positions_all: np.ndarray | None = field(default=None, repr=False)
    losses_all: np.ndarray | None = field(default=None, repr=False)
    gradients_all: np.ndarray | None = field(default=None, repr=False)
    effective_lr_all: np.ndarray | None = field(default=None, repr=False)
    batch_losses_all: np.ndarray | None = field(default=None, repr=False)
    lrs_all: np.ndarray | None = field(default=None, repr=False)
    options: RunOptions = field(default_factory=RunOptions)

    # single runs drop the batch axis and end at the run's stop
    def _view(self, arr):
        if arr is None:
            return None
        if self.batched:
            return arr
        return arr[: int(self.steps_taken_all[0]) + 1, 0]

    @property
    def positions(self):
        if self.positions_all is None:
            return self.final_positions if self.batched else self.final_positions[0]
        return self._view(self.positions_all)

    @property
    def losses(self):
        if self.losses_all is None:
            return self.final_losses if self.batched else self.final_losses[0]
        return self._view(self.losses_all)

    @property
    def gradients(self):
        if self.gradients_all is None:
            return self.final_gradients if self.batched else self.final_gradients[0]
        return self._view(self.gradients_all)

    @property
    def effective_lr(self):
        return self._view(self.effective_lr_all)

    @property
    def batch_losses(self):
        """Mini-batch loss seen at each row's position (NaN where no batch was drawn)."""
        return self._view(self.batch_losses_all)

    @property
    def lrs(self):
        """Learning rate used for the step that produced each row (row 0 NaN)."""
        if self.lrs_all is None:
            return None
        if self.batched:
            return self.lrs_all
        return self.lrs_all[: int(self.steps_taken_all[0]) + 1]

    @property
    def updates(self):
        """theta_t - theta_{t-1}; row 0 is NaN."""
        if self.positions_all is None:
            return None
        upd = np.full_like(self.positions_all, np.nan)
        upd[1:] = np.diff(self.positions_all, axis=0)
        return self._view(upd)

    @property
    def observed_lr(self):
        """-update_t / g_{t-1} per parameter: the step actually taken per unit of gradient."""
        if self.positions_all is None or self.gradients_all is None:
            return None
        with np.errstate(all="ignore"):
            obs = np.full_like(self.positions_all, np.nan)
            obs[1:] = -np.diff(self.positions_all, axis=0) / self.gradients_all[:-1]
        return self._view(obs)

    @property
    def status(self):
        return self.status_all if self.batched else str(self.status_all[0])

    @property
    def steps_taken(self):
        return self.steps_taken_all if self.batched else int(self.steps_taken_all[0])


def simulate(
    objective,
    optimizer: str | Optimizer,
    start=None,
    steps: int = 100,
    *,
    tol: float | None = None,
    record: str = "full",
    runaway: float = 100.0,
    label: str | None = None,
    seed: int = 0,
    stream: int = 0,
    **hyperparams: Any,
) -> RunRecord:
    """Run ``optimizer`` on ``objective`` for ``steps`` steps and return its :class:`RunRecord`.

    ``optimizer`` is a registry name or spec string (``"adam:lr=0.01"``);
    keyword arguments add hyperparameters (``simulate(s, "adam", lr=0.01)``).
    ``start`` is one point or an array of shape (B, 2) of starts run as a batch.
    """
    runner = Runner(
        objective,
        optimizer,
        hyperparams,
        start,
        max_steps=steps,
        tol=tol,
        record=record,
        runaway=runaway,
        label=label,
        seed=seed,
        stream=stream,
    )
    runner.advance(steps)
    return runner.record()


def race(
    objective,
    specs: Sequence[str],
    start=None,
    steps: int = 100,
    *,
    tol: float | None = None,
    labels: Sequence[str] | None = None,
    seed: int = 0,
) -> list[RunRecord]:
    """Run several optimizers from the same start; labels default to the specs
    as given, a repeated spec getting `` #2``, `` #3``."""
    labels = list(labels) if labels is not None else race_labels(specs)
    return [
        simulate(objective, spec, start, steps, tol=tol, label=label, seed=seed, stream=i)
        for i, (spec, label) in enumerate(zip(specs, labels))
    ]


def race_labels(specs: Sequence[str]) -> list[str]:
    """Label each spec by its text; the k-th repeat of a spec gets `` #k``."""
    seen: dict[str, int] = {}
    labels = []
    for spec in specs:
        seen[spec] = seen.get(spec, 0) + 1
        labels.append(spec if seen[spec] == 1 else f"{spec} #{seen[spec]}")
    return labels

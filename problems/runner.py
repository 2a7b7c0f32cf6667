"""Racing optimizers on a network problem: :class:`NetworkRunner` and :class:`NetworkRecord`.

The optimizers are the engine's registry entries, unchanged: their ``init`` and
``update`` are elementwise over arrays of any shape, so a racer's parameters are
one flat float64 vector of the network's ``P`` parameters. The few with per-run
scalars keep one set for the vector (ASGD, QHAdam, Prodigy); Adafactor works per
parameter tensor (:func:`engine.optimizers.common.parameter_tensors`: the layers'
weight matrices and biases, as torch holds them); the line searches (L-BFGS,
gd_armijo, cg_fr, cg_pr) run as one run of ``P`` numbers whose extra evaluations
re-use the step's mini-batch (a torch closure). Newton and BFGS are refused
(:func:`network_refusal`: a P x P matrix).

The optimizers of the 2-D step loop's families (SGD ... Adam ... Lion, QHM) step
on compiled flat-vector kernels (:mod:`engine.fast.flat`) once they are loaded in
the background, with the NumPy update's bits; the others, and every racer until
then (or with ``GRADIENT_ARENA_NO_JIT=1``), on the NumPy update. The 2-D fast path
(``engine.fast``'s step loop) is never planned for a network racer.

Racer options work as on data surfaces (``engine.options``): ``batch_size``
(0: the whole training set) draws mini-batches with ``engine.runner.BatchLoader``
(a fresh permutation each epoch), ``noise`` adds Gaussian noise to every
gradient, ``schedule`` replaces ``lr`` step by step; the random streams derive
from ``SeedSequence(seed, spawn_key=(stream,))`` exactly as a surface runner's.

Recorded per step ``t`` (row 0 is the start):

* ``batch_losses[t]``: the loss of the mini-batch step ``t`` used, at the
  parameters before the step (the training curve people plot; row 0 NaN);
* ``lrs[t]``: the (scheduled) learning rate of step ``t``;
* ``lr_quantiles[t, layer]``: the 10%, 50% and 90% quantiles of the optimizer's
  own effective learning rate over that layer's parameters (weights and bias;
  a layer of more than :data:`QUANTILE_SAMPLE` parameters is summarised by a
  fixed random sample of that many, a per-step cost of microseconds rather than
  milliseconds);
* every ``eval_every`` steps (and at step 0 and the budget's last step): the
  test loss and accuracy (``eval_steps``, ``test_losses``, ``test_accuracies``);
* ``snapshots``: the parameters at those evaluation steps (float32, thinned to
  at most :data:`MAX_SNAPSHOTS`), the paths a loss landscape is drawn around.

A racer whose loss or parameters stop being finite is ``diverged`` and stops.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from engine import HyperparameterError
from engine import fast as jit
from engine.fast.plan import _STATE_FIELDS, family_of, pack_hyperparams
from engine.fast.protocol import SINGULAR_RTOL
from engine.optimizers.common import parameter_tensors
from engine.options import RunOptions, check_options_for, resolve_options, split_options
from engine.registry import Optimizer, resolve_hyperparams
from engine.runner import DIVERGED, RUNNING, BatchLoader
from engine.schedules import schedule_lrs
from engine.spec import format_optimizer_spec, parse_racer_spec

from .problem import NetworkProblem

__all__ = [
    "MAX_SNAPSHOTS",
    "QUANTILES",
    "QUANTILE_SAMPLE",
    "quantile_sample",
    "NetworkRecord",
    "NetworkRunner",
    "layer_quantiles",
    "network_optimizers",
    "network_refusal",
    "refuse_hessian",
]

#: the effective-lr quantiles recorded per layer
QUANTILES = (0.1, 0.5, 0.9)
#: effective learning rates summarised per layer: all of a small layer, else a fixed sample of this many
QUANTILE_SAMPLE = 1024
#: snapshots of the parameters kept per racer (thinned by half when exceeded)
MAX_SNAPSHOTS = 256
_INITIAL_CAPACITY = 256


#: optimizers refused on networks although they race surfaces: they keep a dense P x P matrix (name -> what)
DENSE_MATRIX = {"bfgs": "keeps a dense inverse-Hessian estimate"}


def network_refusal(optimizer: Optimizer, n_params: int) -> str | None:
    """Why ``optimizer`` cannot race a network of ``n_params`` parameters (None: it can). Every first-order
    optimizer can, and so can the line searches (L-BFGS, gd_armijo, cg_fr, cg_pr: their extra evaluations
    re-use the step's mini-batch, as a torch closure does); Newton (the Hessian) and BFGS (a dense inverse
    Hessian) need a P x P matrix and are refused, with its size and what to race instead."""
    inner = optimizer.name.removeprefix("lookahead_")
    if not (optimizer.needs_hessian or inner in DENSE_MATRIX):
        return None
    size = n_params * n_params * 8
    shown = f"{size / 2**30:,.1f} GiB" if size >= 2**30 else f"{size / 2**20:,.1f} MiB"
    what = "needs the Hessian" if optimizer.needs_hessian else DENSE_MATRIX[inner]
    instead = "lbfgs (the limited-memory quasi-Newton method torch users train networks with)"
    return (
        f"{optimizer.name} {what}, a {n_params:,} x {n_params:,} matrix for this network ({shown}, and a "
        f"{'solve' if optimizer.needs_hessian else 'product'} of that size every step): race {instead} here, "
        "or this one on the 2-D surfaces"
    )


def network_optimizers(n_params: int) -> list[str]:
    """The registry names that can race a network of ``n_params`` parameters (for the window's menus)."""
    from engine import OPTIMIZERS

    return [name for name, opt in OPTIMIZERS.items() if network_refusal(opt, n_params) is None]


def refuse_hessian(optimizer: Optimizer, n_params: int) -> None:
    """Raise :class:`HyperparameterError` with :func:`network_refusal`'s reason when ``optimizer`` cannot race
    a network of ``n_params`` parameters (Newton, BFGS)."""
    why = network_refusal(optimizer, n_params)
    if why is not None:
        short = "needs the Hessian" if optimizer.needs_hessian else "keeps a dense n x n matrix"
        raise HyperparameterError(why, None, f"{short}: not available for networks (race lbfgs, or a surface)")


def quantile_sample(layers: tuple[slice, ...], seed: int = 0, size: int = QUANTILE_SAMPLE) -> list[np.ndarray]:
    """Per layer, the (sorted) indices of the parameters whose effective learning rates are summarised:
    all of a layer of at most ``size`` parameters, else a fixed random sample of ``size`` of them."""
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(4,)))
    out = []
    for sl in layers:
        n = sl.stop - sl.start
        idx = np.arange(n) if n <= size else np.sort(rng.choice(n, size, replace=False))
        out.append(idx + sl.start)
    return out


def layer_quantiles(eff: np.ndarray, samples: list[np.ndarray], out: np.ndarray) -> None:
    """Write the :data:`QUANTILES` of ``eff`` over each layer's sampled parameters into ``out``
    (shape (L, 3)), as ``np.quantile`` (linear interpolation) computes them, one partial sort per layer."""
    eff = np.asarray(eff, dtype=float)
    n_params = samples[-1][-1] + 1
    if eff.ndim == 0 or eff.shape[0] < n_params:
        eff = np.broadcast_to(eff, (n_params,))
    q = np.array(QUANTILES)
    for i, idx in enumerate(samples):
        part = eff[idx]
        n = len(part)
        pos = q * (n - 1)
        lo = np.floor(pos).astype(np.intp)
        hi = np.minimum(lo + 1, n - 1)
        s = np.partition(part, np.unique(np.concatenate([lo, hi])))
        a = s[lo]
        out[i] = a + (s[hi] - a) * (pos - lo)


class _CompiledSteps:
    """A network racer's steps on the compiled flat-vector kernels (:mod:`engine.fast.flat`): the same
    family rules as the NumPy update, the same bits, in place on the parameters and on the state's arrays
    (held as the rows of one (3, P) array; the racer's state NamedTuple keeps views of them)."""

    def __init__(self, runner: NetworkRunner, fam: int, module: Any):
        hp = dict(runner.hyperparams)
        if runner.optimizer.name == "adamw":
            hp["decoupled_weight_decay"] = True
        self.fam = fam
        self.hp, self.flags = pack_hyperparams(fam, hp)
        self.fn = module.STEPS[fam]
        self.tables = module.rules.tables
        self.fields = _STATE_FIELDS[fam]
        n = runner.theta.shape[0]
        state = runner._state
        self.S = np.zeros((3, n))
        for j, name in enumerate(self.fields):
            value = getattr(state, name)
            if value is not None:
                self.S[j] = value
        self.E = np.empty(n)
        self.t = int(state.t)
        self.bstate = float(getattr(state, "mu_product", 1.0))
        self._tab = np.zeros((256, 6))
        self.nadam = fam == module.rules.NADAM
        self.lr: float | None = None  # the last step's learning rate

    def state(self, like: Any) -> Any:
        """The racer's state NamedTuple now, as the NumPy update would hold it (arrays: views of the
        compiled state's rows)."""
        extra: dict[str, Any] = {"mu_product": self.bstate} if "mu_product" in like._fields else {}
        if "rate" in like._fields and self.lr is not None and like.rate.flat[0] != self.lr:  # SGD's constant lr
            extra["rate"] = np.full(like.rate.shape, self.lr)
        fields = {name: self.S[j] for j, name in enumerate(self.fields)}
        if "buf" in fields and like.buf is None and (self.t == 0 or self.hp[1] == 0.0):  # SGD without momentum
            fields["buf"] = None
        return like._replace(t=self.t, **fields, **extra)

    def table(self, lrs: np.ndarray) -> np.ndarray:
        """The per-step scalars of the next ``len(lrs)`` steps (engine.fast.rules.tables)."""
        k = len(lrs)
        if len(self._tab) < k:
            self._tab = np.zeros((max(k, 2 * len(self._tab)), 6))
        self.tables(self.fam, self.hp, self.t, self.bstate, lrs, k, self._tab)
        return self._tab

    def step(self, g: np.ndarray, theta: np.ndarray, lr: float, row: np.ndarray) -> np.ndarray:
        """One step in place on ``theta`` (and the state); returns the effective learning rates."""
        self.t += 1
        self.lr = lr
        self.fn(self.hp, self.flags, self.t, lr, row, theta, g, self.S, self.E, SINGULAR_RTOL)
        if self.nadam:  # the product of the momentum coefficients, from the table
            self.bstate = float(row[3])
        return self.E


class NetworkRunner:
    """Advances one optimizer on a network problem, from the problem's initial weights.

    ``optimizer`` is a registry name or spec (``"adam:lr=0.01,batch_size=32"``) or an
    :class:`~engine.Optimizer`; ``hyperparams``, ``options``, ``seed`` and ``stream`` as for
    :class:`engine.Runner`. There is no start (the problem's ``theta0``) and no tolerance.
    """

    fast = False  # the 2-D step loop is for surfaces (a network racer's compiled steps: _compiled_steps)
    _fast_run = None  # arena.Race looks for compiled runs here

    def __init__(
        self,
        problem: NetworkProblem,
        optimizer: str | Optimizer,
        hyperparams: Mapping[str, Any] | None = None,
        *,
        max_steps: int | None = None,
        label: str | None = None,
        options: RunOptions | Mapping[str, Any] | None = None,
        seed: int = 0,
        stream: int = 0,
    ):
        if isinstance(optimizer, Optimizer):  # as engine.Runner: an Optimizer plus flat settings, or a spec
            hp, opts = split_options(hyperparams or {})
            opt, self.hyperparams, spec_options = optimizer, resolve_hyperparams(optimizer, hp), resolve_options(opts)
        else:
            opt, self.hyperparams, spec_options = parse_racer_spec(optimizer, **dict(hyperparams or {}))
        if options is not None:
            if spec_options != RunOptions():
                raise HyperparameterError("racer options given both in the spec and as options=")
            spec_options = options if isinstance(options, RunOptions) else resolve_options(options)
        self.optimizer = opt
        self.options = spec_options
        refuse_hessian(opt, problem.n_params)
        check_options_for(self.options, problem)
        self.problem = problem
        self.model = problem.model
        self.layers = problem.model.layers
        self._samples = quantile_sample(self.layers, problem.spec.seed)
        self._q_idx = np.concatenate(self._samples).astype(np.int64)
        self._q_starts = np.cumsum([0] + [len(i) for i in self._samples]).astype(np.int64)
        self._q_levels = np.array(QUANTILES)
        self._q_buf = np.empty(max(len(i) for i in self._samples))
        self.label = label if label is not None else format_optimizer_spec(opt.name, self.hyperparams)
        self.max_steps = None if max_steps is None else int(max_steps)
        self.eval_every = problem.spec.eval_every
        self.seed, self.stream = int(seed), int(stream)
        loader_seq, noise_seq = np.random.SeedSequence(self.seed, spawn_key=(self.stream,)).spawn(2)
        n = problem.data.n
        # batch_size 0 is the whole training set: the same loader with one batch per epoch (no reshuffle effect)
        self._loader = (
            BatchLoader(n, self.options.batch_size, np.random.default_rng(loader_seq))
            if (self.options.batch_size)
            else None
        )
        self._noise_rng = np.random.default_rng(noise_seq)
        self._lrs: np.ndarray | None = None

        self.steps = 0
        self.elapsed = 0.0
        self.status = RUNNING
        self.stop_step = -1
        self.theta = np.array(problem.theta0, dtype=float)
        # a line search evaluates more points inside a step (on the step's batch): it runs as one run of P numbers
        self._oracle = bool(getattr(opt, "needs_oracle", False))
        with parameter_tensors(self.model.tensor_shapes):  # Adafactor: per layer tensor, as torch
            self._state = opt.init(self.theta[None, :] if self._oracle else self.theta, self.hyperparams)
        # the compiled flat-vector steps (engine.fast.flat) serve the optimizers of the step loop's families
        # once loaded (started here, in the background); NumPy's update until then, with the same bits
        fam = family_of(opt)
        self._fam = fam if fam is not None and not opt.needs_hessian else None
        self._compiled: _CompiledSteps | None = None
        self._flat: Any = jit.flat_kernels(0.0)
        L = len(self.layers)
        cap = _INITIAL_CAPACITY if self.max_steps is None else min(self.max_steps + 1, 1 << 16)
        self._batch_loss = np.full(cap, np.nan)
        self._lr = np.full(cap, np.nan)
        self._q = np.full((cap, L, len(QUANTILES)), np.nan)
        self._eval_steps: list[int] = []
        self._evals: list[tuple[float, float]] = []
        self._snap_steps: list[int] = []
        self._snaps: list[np.ndarray] = []
        self._snap_every = self.eval_every
        self._evaluate(0)

    # ------------------------------------------------------------- properties
    @property
    def done(self) -> bool:
        return self.status != RUNNING or (self.max_steps is not None and self.steps >= self.max_steps)

    @property
    def seconds_per_step(self) -> float:
        return self.elapsed / self.steps if self.steps else float("nan")

    @property
    def batch_losses(self) -> np.ndarray:
        return self._batch_loss[: self.steps + 1]

    @property
    def lr_quantiles(self) -> np.ndarray:
        return self._q[: self.steps + 1]

    @property
    def eval_steps(self) -> np.ndarray:
        return np.array(self._eval_steps, dtype=np.int64)

    @property
    def evals(self) -> np.ndarray:
        """Shape (evaluations, 2): test loss and test accuracy at :attr:`eval_steps`."""
        return np.array(self._evals, dtype=float).reshape(-1, 2)

    def snapshots(self) -> tuple[np.ndarray, np.ndarray]:
        """(steps, parameters of shape (k, P)) at the kept evaluation steps, the current ones last."""
        steps = list(self._snap_steps)
        snaps = list(self._snaps)
        if not steps or steps[-1] != self.stop_or_now:
            steps.append(self.stop_or_now)
            snaps.append(self.theta.astype(np.float32))
        return np.array(steps, dtype=np.int64), np.array(snaps)

    @property
    def stop_or_now(self) -> int:
        return self.stop_step if self.stop_step >= 0 else self.steps

    # --------------------------------------------------------------- stepping
    def _evaluate(self, step: int) -> None:
        self._eval_steps.append(step)
        self._evals.append(self.problem.evaluate(self.theta))
        if step % self._snap_every == 0 or step == self.max_steps:
            self._snap_steps.append(step)
            self._snaps.append(self.theta.astype(np.float32))
            if len(self._snaps) > MAX_SNAPSHOTS:  # keep every other one (the start always), then half as often
                keep = [i for i, s in enumerate(self._snap_steps) if s % (2 * self._snap_every) == 0]
                self._snap_steps = [self._snap_steps[i] for i in keep]
                self._snaps = [self._snaps[i] for i in keep]
                self._snap_every *= 2

    def _reserve(self, rows: int) -> None:
        cap = len(self._lr)
        if rows <= cap:
            return
        new = max(rows, 2 * cap)
        for name in ("_batch_loss", "_lr", "_q"):
            old = getattr(self, name)
            grown = np.full((new,) + old.shape[1:], np.nan)
            grown[:cap] = old
            setattr(self, name, grown)

    def _lr_table(self, upto: int) -> np.ndarray:
        if self._lrs is None or len(self._lrs) < upto:
            n = max(upto, 2 * len(self._lrs) if self._lrs is not None else 256)
            if self.max_steps is not None:
                n = max(upto, min(n, self.max_steps))
            self._lrs = schedule_lrs(self.options.schedule, self.hyperparams["lr"], n, self.options.schedule_params)
        return self._lrs

    def _compiled_steps(self) -> _CompiledSteps | None:
        """The compiled steps of this racer's optimizer once they are loaded (the NumPy update until then)."""
        if self._compiled is None and self._fam is not None:
            module = jit.flat_kernels(0.0)
            if module is not None:
                self._flat = module
                self._compiled = _CompiledSteps(self, self._fam, module)
                self.theta = np.array(self.theta, dtype=float)  # updated in place from now on: our own
        return self._compiled

    def _closure(self, batch: np.ndarray | None) -> Any:
        """The line search's oracle: loss and gradient at points (m, P) on this step's mini-batch (the whole
        training set without one), as torch's closure re-evaluates the batch it was given."""
        problem = self.problem

        def oracle(points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            points = np.asarray(points, dtype=float).reshape(-1, problem.n_params)
            f, g = np.empty(len(points)), np.empty(points.shape)
            for i, p in enumerate(points):
                f[i], g[i] = problem.value_and_grad(p) if batch is None else problem.batch_value_and_grad(p, batch)
            return f, g

        return oracle

    def _quantiles(self, eff: Any, row: np.ndarray) -> None:
        flat = self._flat
        if flat is not None and isinstance(eff, np.ndarray) and eff.shape == self.theta.shape:
            if eff.dtype == np.float64 and eff.flags.c_contiguous:
                flat.layer_quantiles(eff, self._q_idx, self._q_starts, self._q_levels, row, self._q_buf)
                return
        layer_quantiles(eff, self._samples, row)

    def advance(self, k: int = 1) -> int:
        """Take up to ``k`` steps (fewer at the budget or after a divergence); return how many."""
        if k <= 0 or self.done:
            return 0
        if self.max_steps is not None:
            k = min(k, self.max_steps - self.steps)
        self._reserve(self.steps + k + 1)
        update, hp = self.optimizer.update, self.hyperparams
        scheduled = self.options.schedule != "constant"
        lrs = self._lr_table(self.steps + k) if scheduled else None
        problem, noise = self.problem, self.options.noise
        compiled = self._compiled_steps()
        if self._flat is None and jit.flat_kernels(0.0) is not None:
            self._flat = jit.flat_kernels(0.0)
        step_lrs = np.full(k, float(hp["lr"])) if lrs is None else np.array(lrs[self.steps : self.steps + k], float)
        table = compiled.table(step_lrs) if compiled is not None else None
        theta, state = self.theta, self._state
        taken = 0
        t0 = time.perf_counter()
        with np.errstate(all="ignore"):
            while taken < k:
                step = self.steps + 1
                lr = float(step_lrs[taken])
                if lrs is not None:
                    hp = dict(self.hyperparams)
                    hp["lr"] = lr
                if self._loader is not None:
                    batch = self._loader.next()
                    loss, g = problem.batch_value_and_grad(theta, batch)
                else:
                    batch = None
                    loss, g = problem.value_and_grad(theta)
                if noise:
                    g = g + noise * self._noise_rng.standard_normal(g.shape)
                if compiled is not None and table is not None:
                    eff = compiled.step(g, theta, lr, table[taken])  # theta in place
                elif self._oracle:
                    new, state, eff = update(g[None, :], state, theta[None, :], hp, None, self._closure(batch))
                    theta, eff = new[0], eff[0]
                else:
                    theta, state, eff = update(g, state, theta, hp)
                self._batch_loss[step] = loss
                self._lr[step] = lr
                self._quantiles(eff, self._q[step])
                self.steps = step
                taken += 1
                if not (np.isfinite(loss) and np.isfinite(np.add.reduce(theta))):
                    self.status, self.stop_step = DIVERGED, step
                    self.theta = theta
                    self._state = state if compiled is None else compiled.state(state)
                    self._evaluate(step)
                    break
                if step % self.eval_every == 0 or step == self.max_steps:
                    self.theta = theta
                    self._evaluate(step)
        self.theta = theta
        self._state = state if compiled is None else compiled.state(state)
        self.elapsed += time.perf_counter() - t0
        return taken

    def evaluate_now(self) -> None:
        """Evaluate at the current step if it was not (a race paused between evaluation steps)."""
        if not self._eval_steps or self._eval_steps[-1] != self.steps:
            self._evaluate(self.steps)

    # ------------------------------------------------------------------ record
    def record(self) -> NetworkRecord:
        n = self.steps + 1
        steps, snaps = self.snapshots()
        return NetworkRecord(
            label=self.label,
            optimizer=self.optimizer.name,
            hyperparams=dict(self.hyperparams),
            options=self.options,
            steps=self.steps,
            status=self.status,
            stop_step=self.stop_step,
            seconds_per_step=self.seconds_per_step,
            batch_losses=self._batch_loss[:n].copy(),
            lrs=self._lr[:n].copy(),
            lr_quantiles=self._q[:n].copy(),
            eval_steps=self.eval_steps,
            evals=self.evals,
            snapshot_steps=steps,
            snapshots=snaps,
            final_params=self.theta.copy(),
        )


@dataclass(frozen=True, eq=False)
class NetworkRecord:
    """What one optimizer did on a network problem (see the module's docstring for each array)."""

    label: str
    optimizer: str
    hyperparams: dict[str, Any]
    options: RunOptions
    steps: int
    status: str
    stop_step: int
    seconds_per_step: float
    batch_losses: np.ndarray = field(repr=False)
    lrs: np.ndarray = field(repr=False)
    lr_quantiles: np.ndarray = field(repr=False)
    eval_steps: np.ndarray = field(repr=False)
    evals: np.ndarray = field(repr=False)
    snapshot_steps: np.ndarray = field(repr=False)
    snapshots: np.ndarray = field(repr=False)
    final_params: np.ndarray = field(repr=False)

    @property
    def test_losses(self) -> np.ndarray:
        return self.evals[:, 0]

    @property
    def test_accuracies(self) -> np.ndarray:
        return self.evals[:, 1]

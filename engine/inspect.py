"""What an optimizer did at one step: its whole state before and after, and its rule with the numbers.

>>> from surfaces import get_surface
>>> from engine.inspect import inspect_step
>>> seen = inspect_step(get_surface("rosenbrock"), "adam:lr=0.01", start=(-1.5, 2.0), step=10)
>>> seen.state_after["t"]
10
>>> print(seen.equations[1])  # doctest: +ELLIPSIS
m = β1·m + (1 − β1)·g = 0.9·(...) + 0.1·(...) = (...)

How: the run is replayed from its start on the NumPy path (the reference the
compiled path equals bit for bit) with the same options, seed and random stream,
and the optimizer's ``update`` is watched at the step asked for. A race records
positions, losses, gradients and rates per step but not the optimizer's state
(Adam's m and v would add 48 bytes per step per racer to a history meant for
races of 10^6 steps); replaying costs one run of ``step`` steps, microseconds per
step, and gives exactly the state the race had, mini-batches and noise included.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from .optimizers.explain import Equation, Step
from .runner import Runner, _resolve

__all__ = ["Replay", "StepInspection", "inspect_step", "state_fields"]


@dataclass(frozen=True, slots=True)
class StepInspection:
    """One step of one run: ``theta`` (before) -> ``new_theta`` (after)."""

    optimizer: str  # registry name
    label: str
    step: int  # the step inspected: the update from position step-1 to position step
    lr: float  # the learning rate in effect (after any schedule)
    theta: np.ndarray
    grad: np.ndarray  # the gradient the optimizer was given (mini-batch / noisy where the racer is)
    full_grad: np.ndarray  # ∇f(theta) on the whole data, without noise
    new_theta: np.ndarray
    effective_lr: np.ndarray
    state_before: dict[str, Any]
    state_after: dict[str, Any]
    state_doc: dict[str, str]
    equations: tuple[Equation, ...]
    hessian: np.ndarray | None = None

    @property
    def update(self) -> np.ndarray:
        return self.new_theta - self.theta

    def table(self) -> list[str]:
        """The state as text rows: ``field  before -> after  meaning``, then the equations."""
        from .optimizers.explain import vec

        def show(v: Any) -> str:
            if v is None:
                return "-"
            if isinstance(v, int | np.integer):
                return str(int(v))
            return vec(v)

        rows = [
            ("θ", vec(self.theta), vec(self.new_theta), "parameters (x, y)"),
            ("g", vec(self.grad), "", "gradient given to the optimizer"),
            ("lr", show(self.lr), "", "learning rate in effect"),
        ]
        for name in self.state_after:
            rows.append(
                (name, show(self.state_before[name]), show(self.state_after[name]), self.state_doc.get(name, ""))
            )
        rows.append(("effective lr", "", vec(self.effective_lr), "per parameter"))
        w0 = max(len(r[0]) for r in rows)
        w1 = max(len(r[1]) for r in rows)
        w2 = max(len(r[2]) for r in rows)
        out = [f"{'':<{w0}}  {'before':<{w1}}    {'after':<{w2}}  holds"]
        for name, before, after, doc in rows:
            arrow = "->" if after and before else "  "
            out.append(f"{name:<{w0}}  {before:<{w1}} {arrow} {after:<{w2}}  {doc}".rstrip())
        out.append("")
        out.extend(str(eq) for eq in self.equations)
        return out


def state_fields(state: Any, run: int = 0) -> dict[str, Any]:
    """An optimizer state (a NamedTuple over a batch of runs) as {field: value of run ``run``}."""
    out: dict[str, Any] = {}
    for name, value in zip(state._fields, state):
        if isinstance(value, np.ndarray) and value.ndim >= 1:
            value = value[run].copy()
        out[name] = value
    return out


def _one_run(state: Any, run: int = 0) -> Any:
    return type(state)(*(v[run] if isinstance(v, np.ndarray) and v.ndim >= 1 else v for v in state))


def inspect_step(
    objective,
    optimizer,
    hyperparams: Mapping[str, Any] | None = None,
    start=None,
    step: int = 1,
    *,
    options=None,
    seed: int = 0,
    stream: int = 0,
    tol: float | None = None,
    runaway: float = 100.0,
    label: str | None = None,
) -> StepInspection:
    """Replay one run to ``step`` and return what its optimizer did at that step.

    The arguments are :class:`~engine.Runner`'s (one start only). Raises
    ``ValueError`` when ``step`` is not a whole number >= 1 or when the run
    stopped (converged or diverged) before taking that step. Each call replays
    from the start; :class:`Replay` answers many steps of one run from checkpoints.
    """
    step = _check_step(step)
    opt, hp, spec_options = _resolve(optimizer, hyperparams)
    if options is None:
        options = spec_options
    seen: dict[str, Any] = {}
    calls = 0

    def watched(grad, state, params, hp_now, hessian=None, *oracle):
        nonlocal calls
        calls += 1
        result = opt.update(grad, state, params, hp_now, hessian, *oracle)
        if calls == step:
            seen.update(grad=grad, state=state, params=params, hp=dict(hp_now), hessian=hessian, result=result)
        return result

    # a copy of the optimizer with a watched update: the registry's object is what selects the
    # compiled path, so this one always steps on NumPy, where every call goes through update()
    replay = dataclasses.replace(opt, update=watched)
    runner = Runner(
        objective,
        replay,
        hp,
        start=start,
        max_steps=step,
        tol=tol,
        runaway=runaway,
        options=options,
        seed=seed,
        stream=stream,
        label=label,
    )
    if not runner.single:
        raise ValueError("inspect_step takes one start point (x, y)")
    runner.advance(step)
    return _inspection(opt, runner, seen, step)


def _check_step(step) -> int:
    if isinstance(step, bool) or int(step) != step or step < 1:
        raise ValueError(f"step must be a whole number >= 1, got {step!r}")
    return int(step)


def _inspection(opt, runner: Runner, seen: dict[str, Any], step: int) -> StepInspection:
    """What ``seen`` (the arguments and result of the optimizer's update at ``step``) shows."""
    if not seen:
        raise ValueError(
            f"{runner.label} stopped at step {int(runner.stop_step[0])} ({runner.status[0]}): it took no step {step}"
        )
    objective = runner.objective
    new_params, new_state, eff = seen["result"]
    theta = np.asarray(seen["params"], dtype=float)[0].copy()
    grad = np.asarray(seen["grad"], dtype=float)[0].copy()
    full_grad = np.asarray(objective.grad(theta[None]), dtype=float).reshape(-1, 2)[0]
    H = None if seen["hessian"] is None else np.asarray(seen["hessian"], dtype=float)[0].copy()
    before, after = _one_run(seen["state"]), _one_run(new_state)
    grad_rule = "∇f(θ)"
    if runner.options.batch_size:
        grad_rule = f"mini-batch ∇f(θ) ({runner.options.batch_size} points)"
    if runner.options.noise:
        grad_rule += f" + noise (σ = {runner.options.noise:g})"
    new_theta = np.asarray(new_params, dtype=float)[0].copy()
    effective = np.broadcast_to(np.asarray(eff, dtype=float), (1, 2))[0].copy()
    ctx = Step(
        t=step,
        hp=seen["hp"],
        theta=theta,
        grad=grad,
        before=before,
        after=after,
        new_theta=new_theta,
        effective_lr=effective,
        hessian=H,
        grad_rule=grad_rule,
    )
    equations = tuple(opt.explain(ctx)) if opt.explain is not None else ()
    return StepInspection(
        optimizer=opt.name,
        label=runner.label,
        step=step,
        lr=float(seen["hp"]["lr"]),
        theta=theta,
        grad=grad,
        full_grad=full_grad,
        new_theta=new_theta,
        effective_lr=effective,
        state_before=state_fields(seen["state"]),
        state_after=state_fields(new_state),
        state_doc=dict(opt.state_doc),
        equations=equations,
        hessian=H,
    )


# ------------------------------------------------------------------ checkpoints

#: a Runner's per-step history: written at each step's row; the stepping reads back only the newest row
_HISTORY = ("_pos", "_loss", "_grads", "_eff", "_lr", "_batch_loss")
#: what a checkpoint shares with the run instead of copying (never changed while stepping)
_SHARED = ("objective", "optimizer", "_data", "_value_and_grad", "_grad", "_hessian", "_lrs", "_fast_run")


class _Watch:
    """An optimizer ``update`` that counts its calls (= steps) and keeps the arguments and result of one."""

    def __init__(self, update):
        self.update = update
        self.calls = 0
        self.target = 0
        self.seen: dict[str, Any] = {}

    def __call__(self, grad, state, params, hp, hessian=None):
        self.calls += 1
        result = self.update(grad, state, params, hp, hessian)
        if self.calls == self.target:
            self.seen = dict(grad=grad, state=state, params=params, hp=dict(hp), hessian=hessian, result=result)
        return result


class Replay:
    """One run, inspected at any step: exact checkpoints every ``every`` steps, so a step replays at most
    ``every`` steps instead of the whole run.

    The arguments are :func:`inspect_step`'s. The first look at a step beyond what was replayed so far
    replays up to it once (taking a checkpoint every ``every`` steps on the way: :meth:`extend`); later
    looks at any earlier step start from the checkpoint before it. A checkpoint is a copy of the replaying
    :class:`~engine.Runner`'s live state (position, gradient, optimizer state, random generators and
    mini-batch loader, status), so the steps after it are the same computation, bit for bit, as a replay
    from the start (:func:`inspect_step`, which the tests compare it with). A checkpoint holds a few
    kilobytes; past ``max_checkpoints`` of them the interval doubles (every other one is dropped), so a
    run of 10^6 steps keeps at most ``max_checkpoints`` and a look replays at most 1024 steps. The replay
    keeps no per-step history (the race has it): its memory does not grow with the steps.

    Not thread-safe: one caller at a time (a worker thread, say).
    """

    def __init__(
        self,
        objective,
        optimizer,
        hyperparams: Mapping[str, Any] | None = None,
        start=None,
        *,
        options=None,
        seed: int = 0,
        stream: int = 0,
        tol: float | None = None,
        runaway: float = 100.0,
        label: str | None = None,
        every: int = 64,
        max_checkpoints: int = 1024,
    ):
        if isinstance(every, bool) or int(every) != every or every < 1:
            raise ValueError(f"every must be a whole number >= 1, got {every!r}")
        self.every = int(every)
        self.max_checkpoints = max(2, int(max_checkpoints))
        self._opt, hp, spec_options = _resolve(optimizer, hyperparams)
        if options is None:
            options = spec_options
        self._watch = _Watch(self._opt.update)
        # stepped on NumPy (a copy of the optimizer is not the registry's: no compiled path), see inspect_step
        watched = dataclasses.replace(self._opt, update=self._watch)
        self._front = Runner(
            objective,
            watched,
            hp,
            start=start,
            tol=tol,
            runaway=runaway,
            options=options,
            seed=seed,
            stream=stream,
            label=label,
        )
        if not self._front.single:
            raise ValueError("Replay takes one start point (x, y)")
        for name in _HISTORY:  # the replay keeps no history: its memory stays the same at any step
            setattr(self._front, name, _Ring(getattr(self._front, name)))
        _ring_storage(self._front)
        self._checkpoints: dict[int, dict[str, Any]] = {0: self._snapshot(self._front)}

    @property
    def label(self) -> str:
        return self._front.label

    @property
    def reached(self) -> int:
        """How far the run has been replayed (every step up to here is at most ``every`` steps away)."""
        return self._front.steps

    @property
    def stopped(self) -> bool:
        """Whether the run stopped (converged or diverged) within the steps replayed."""
        return self._front._n_active == 0

    @property
    def checkpoints(self) -> list[int]:
        return sorted(self._checkpoints)

    def extend(self, steps: int, cancelled=None, *, watch: int = 0) -> bool:
        """Replay on to ``steps`` (checkpoints on the way); return False if ``cancelled()`` said stop first
        (checked between checkpoints: what was replayed is kept)."""
        front, every = self._front, self.every
        self._watch.calls, self._watch.target = front.steps, watch
        while front.steps < steps and not front.done:
            if cancelled is not None and cancelled():
                return False
            upto = min(steps, (front.steps // every + 1) * every)
            if not front.advance(upto - front.steps):
                break
            if front.steps % every == 0:
                self._checkpoints[front.steps] = self._snapshot(front)
                if len(self._checkpoints) > self.max_checkpoints:  # thin out: every other one goes
                    self.every = every = 2 * every
                    self._checkpoints = {s: c for s, c in self._checkpoints.items() if s % every == 0}
        return True

    def inspect(self, step: int, cancelled=None) -> StepInspection | None:
        """What the optimizer did at ``step`` (as :func:`inspect_step`); ``None`` if ``cancelled()`` said stop
        while the run was being replayed further than before."""
        step = _check_step(step)
        front = self._front
        if step > front.steps:
            self._watch.seen = {}
            if not self.extend(step, cancelled, watch=step):
                return None
            return _inspection(self._opt, front, self._watch.seen, step)
        base = max(s for s in self._checkpoints if s <= step - 1)
        runner = self._restore(self._checkpoints[base])
        self._watch.calls, self._watch.target, self._watch.seen = base, step, {}
        runner.advance(step - base)
        if not self._watch.seen:  # stopped before: say when, as the run itself does
            return _inspection(self._opt, front, {}, step)
        return _inspection(self._opt, runner, self._watch.seen, step)

    # a checkpoint: the live attributes of the replaying Runner, copied, without its history
    def _memo(self, state: dict[str, Any]) -> dict[int, Any]:
        return {id(state[name]): state[name] for name in _SHARED if name in state}

    def _snapshot(self, runner: Runner) -> dict[str, Any]:
        state = {k: v for k, v in vars(runner).items() if k not in _HISTORY and k != "_buffers"}
        memo = self._memo(state)
        return {k: _freeze(v, memo) for k, v in state.items()}

    def _restore(self, snapshot: dict[str, Any]) -> Runner:
        runner = Runner.__new__(Runner)
        memo = self._memo(snapshot)
        vars(runner).update({k: _thaw(v, memo) for k, v in snapshot.items()})
        for name in _HISTORY:
            setattr(runner, name, _Ring(getattr(self._front, name).rows))
        _ring_storage(runner)
        runner.max_steps = None
        return runner


def _ring_storage(runner: Runner) -> None:
    """Tell the Runner its history (rings now) has room for any step: it never reserves or fills rows."""
    runner._buffers = {}
    runner._ready = 1 << 62


class _Ring:
    """A Runner's per-step history array that keeps only its newest rows.

    The Runner writes each step's row at its step number and reads back only the newest row (its final
    loss); a replay needs no more, so its memory does not grow with the steps. It claims rows without
    end, so the Runner never grows it.
    """

    ROWS = 2

    def __init__(self, like):
        rows = np.asarray(like[: self.ROWS] if isinstance(like, np.ndarray) else like, dtype=float)
        self.rows = np.full((self.ROWS,) + rows.shape[1:], np.nan)
        self.rows[: len(rows)] = rows
        self.shape = (1 << 62,) + rows.shape[1:]

    def __setitem__(self, step: int, value) -> None:
        self.rows[step % self.ROWS] = value

    def __getitem__(self, step: int):
        return self.rows[step % self.ROWS]


class _Rng:
    """A random generator's state in a checkpoint (its bit generator's class and state: a deep copy of the
    Generator costs ~2x more, and a checkpoint is taken every few dozen steps)."""

    __slots__ = ("kind", "state")

    def __init__(self, generator: np.random.Generator):
        self.kind = type(generator.bit_generator)
        self.state = generator.bit_generator.state

    def generator(self) -> np.random.Generator:
        bits = self.kind()
        bits.state = self.state
        return np.random.Generator(bits)


_ATOMS = (type(None), bool, int, float, str, np.generic)


def _freeze(v: Any, memo: dict[int, Any]) -> Any:
    """A copy of ``v`` no later step can change (shared objects in ``memo`` are kept as they are)."""
    if id(v) in memo or isinstance(v, _ATOMS):
        return v
    if isinstance(v, np.ndarray):
        return v.copy()
    if isinstance(v, np.random.Generator):
        return _Rng(v)
    if isinstance(v, tuple):
        items = [_freeze(x, memo) for x in v]
        return type(v)(*items) if hasattr(v, "_fields") else tuple(items)
    if isinstance(v, dict):
        return {k: _freeze(x, memo) for k, x in v.items()}
    if type(v).__module__.startswith("engine.") and hasattr(v, "__dict__"):  # e.g. the mini-batch loader
        obj = object.__new__(type(v))
        vars(obj).update({k: _freeze(x, memo) for k, x in vars(v).items()})
        return obj
    return copy.deepcopy(v, memo)


def _thaw(v: Any, memo: dict[int, Any]) -> Any:
    """A live copy of a frozen value (the checkpoint stays as it was, for the next look)."""
    if isinstance(v, _Rng):
        return v.generator()
    if id(v) in memo or isinstance(v, _ATOMS):
        return v
    if isinstance(v, np.ndarray):
        return v.copy()
    if isinstance(v, tuple):
        items = [_thaw(x, memo) for x in v]
        return type(v)(*items) if hasattr(v, "_fields") else tuple(items)
    if isinstance(v, dict):
        return {k: _thaw(x, memo) for k, x in v.items()}
    if type(v).__module__.startswith("engine.") and hasattr(v, "__dict__"):
        obj = object.__new__(type(v))
        vars(obj).update({k: _thaw(x, memo) for k, x in vars(v).items()})
        return obj
    return copy.deepcopy(v, memo)

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

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from .optimizers.explain import Equation, Step
from .runner import Runner, _resolve

__all__ = ["StepInspection", "inspect_step", "state_fields"]


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
    stopped (converged or diverged) before taking that step.
    """
    if isinstance(step, bool) or int(step) != step or step < 1:
        raise ValueError(f"step must be a whole number >= 1, got {step!r}")
    step = int(step)
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
    if not seen:
        raise ValueError(
            f"{runner.label} stopped at step {int(runner.stop_step[0])} ({runner.status[0]}): it took no step {step}"
        )
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

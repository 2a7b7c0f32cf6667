"""Racer options beyond the optimizer's own hyperparameters: mini-batches,
gradient noise and a learning-rate schedule.

They are written in the same spec as the hyperparameters
(``sgd:lr=0.05,batch_size=1,schedule=step,step_size=20,gamma=0.5``) and stored
in sessions next to them.

* ``batch_size`` (data surfaces only): 0 means the full data set (batch
  gradient descent, the default); 1 is SGD; b is mini-batch. Batches are drawn
  as a data loader does: shuffle each epoch without replacement, take
  consecutive batches (a last, smaller batch ends each epoch when b does not
  divide n).
* ``noise``: additive Gaussian noise of this standard deviation on every
  gradient the optimizer sees (any surface).
* ``schedule`` and its parameters: ``engine.schedules`` (torch lr_scheduler
  semantics); the scheduled learning rate replaces ``lr`` step by step.

Randomness comes from ``numpy.random.SeedSequence(seed, spawn_key=(stream,))``
with the race's seed and the racer's position in the race, so a session replays
identically and two racers never share noise by accident.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from specs import Param

from .hyperparams import HyperparameterError
from .schedules import SCHEDULES, get_schedule, resolve_schedule

BATCH_SIZE = Param(
    "batch_size", "int", 0, "mini-batch size on data surfaces (0 = the full data set)", low=0, gui_max=100_000
)
NOISE = Param(
    "noise", "float", 0.0, "standard deviation of Gaussian noise added to every gradient", low=0.0, gui_max=1e3
)
OPTION_PARAMS = (BATCH_SIZE, NOISE)
SCHEDULE_KEY = "schedule"


def schedule_keys() -> set[str]:
    return {p.name for s in SCHEDULES.values() for p in s.params}


def option_keys() -> list[str]:
    """Every key a spec may use besides the optimizer's hyperparameters."""
    return [p.name for p in OPTION_PARAMS] + [SCHEDULE_KEY] + sorted(schedule_keys())


@dataclass(frozen=True)
class RunOptions:
    """Validated racer options (the defaults reproduce the deterministic engine exactly)."""

    batch_size: int = 0
    noise: float = 0.0
    schedule: str = "constant"
    schedule_params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def stochastic(self) -> bool:
        return self.batch_size > 0 or self.noise > 0

    def as_dict(self) -> dict[str, Any]:
        """The non-default options, flat, as a spec or session writes them."""
        out: dict[str, Any] = {}
        if self.batch_size:
            out["batch_size"] = self.batch_size
        if self.noise:
            out["noise"] = self.noise
        if self.schedule != "constant":
            out["schedule"] = self.schedule
            defaults = SCHEDULES[self.schedule].defaults
            out.update({k: v for k, v in self.schedule_params.items() if v != defaults.get(k)})
        return out


def split_options(given: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Split flat settings into (optimizer hyperparameters, racer options)."""
    keys = set(option_keys())
    hp = {k: v for k, v in given.items() if k not in keys}
    opts = {k: v for k, v in given.items() if k in keys}
    return hp, opts


def resolve_options(given: Mapping[str, Any] | None = None) -> RunOptions:
    """Validate flat option settings (``batch_size``, ``noise``, ``schedule``, schedule keys)."""
    given = dict(given or {})
    batch = BATCH_SIZE.check(given.pop("batch_size")) if "batch_size" in given else 0
    noise = NOISE.check(given.pop("noise")) if "noise" in given else 0.0
    name = given.pop(SCHEDULE_KEY, "constant")
    if name == "constant" and not given:
        return RunOptions(batch, noise)
    get_schedule(name)  # unknown schedule: a message listing the valid ones
    valid = {p.name for p in SCHEDULES[name].params}
    stray = [k for k in given if k not in valid]
    if stray:
        keys = ", ".join(sorted(valid)) or "none"
        raise HyperparameterError(
            f"{stray[0]} does not apply to schedule={name} (its keys: {keys})",
            stray[0],
            f"does not apply to schedule={name} (its keys: {keys})",
        )
    params = resolve_schedule(name, given)
    return RunOptions(batch, noise, name, params)


def check_options_for(options: RunOptions, objective) -> None:
    """Refuse options the objective cannot honour (batch_size without data, or > n)."""
    if options.batch_size:
        data = getattr(objective, "data", None)
        if data is None:
            raise HyperparameterError(
                "batch_size needs a data surface (linear_regression or logistic_regression); "
                "use noise=... for stochastic gradients on an analytic surface",
                "batch_size",
                "needs a data surface (linear_regression or logistic_regression)",
            )
        if options.batch_size > data.n:
            raise HyperparameterError(
                f"batch_size={options.batch_size} is larger than the data set (n={data.n})",
                "batch_size",
                f"must be <= n = {data.n}",
            )

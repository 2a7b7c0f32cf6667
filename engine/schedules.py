"""Learning-rate schedules with exact ``torch.optim.lr_scheduler`` semantics.

A schedule turns an optimizer's base learning rate ``lr`` into a sequence of
learning rates, one per optimizer step. The sequence is the one PyTorch gives in
its standard loop::

    opt = torch.optim.SGD(params, lr=base_lr)      # any optimizer
    sched = <Scheduler>(opt, ...)                   # see ``torch_equivalent``
    for t in range(1, steps + 1):
        opt.step()          # uses opt.param_groups[0]["lr"]  ==  schedule_lrs(...)[t - 1]
        sched.step()

so element ``t - 1`` of :func:`schedule_lrs` is the learning rate used by
optimizer step ``t``, and element 0 is the lr right after the scheduler was
built. Below ``e = t - 1`` is torch's ``last_epoch`` when step ``t`` runs and
``lr_e`` is the lr step ``t`` uses.

Exactness
---------
Most torch schedulers do *not* use their closed forms inside ``step()``: each
``get_lr()`` multiplies (or otherwise updates) the *current* lr, so rounding
accumulates along the run. This module repeats torch's arithmetic operation for
operation, in Python floats and in the same order, so the values agree with
torch bit for bit (the golden sequences in ``tests/engine/golden/
schedules.json``, made with torch, are matched exactly). Because every value
depends on the previous one, sequences are always computed from step 1:
``schedule_lrs(n2)[:n1] == schedule_lrs(n1)`` exactly for ``n2 >= n1``, and
:func:`iter_lrs` can extend a run whose budget is not known in advance.

The schedules (``base`` is the optimizer's lr, i.e. torch's ``initial_lr``)
--------------------------------------------------------------------------
``constant``
    ``lr_e = base``. (No scheduler in torch.)
``step`` -- ``StepLR(step_size, gamma)``
    ``lr_0 = base``; ``lr_e = lr_{e-1} * gamma`` if ``e % step_size == 0`` else
    ``lr_{e-1}``. (Recursive: ``base*gamma*gamma`` is not always ``base*gamma**2``.)
``exponential`` -- ``ExponentialLR(gamma)``
    ``lr_0 = base``; ``lr_e = lr_{e-1} * gamma``.
``cosine`` -- ``CosineAnnealingLR(T_max, eta_min)``
    ``lr_0 = base``; for ``e >= 1``::

        if (e - 1 - T_max) % (2 T_max) == 0:      # the step just after a minimum
            lr_e = lr_{e-1} + (base - eta_min) * (1 - cos(pi / T_max)) / 2
        else:
            lr_e = (1 + cos(pi e / T_max)) / (1 + cos(pi (e-1) / T_max)) * (lr_{e-1} - eta_min) + eta_min

    which follows ``eta_min + (base - eta_min)(1 + cos(pi e / T_max))/2`` up to
    rounding: ``eta_min`` at ``e = T_max``, and past ``T_max`` the lr climbs back
    to ``base`` at ``e = 2 T_max`` and keeps oscillating with period ``2 T_max``
    (torch's CosineAnnealingLR has no restarts and does not stop at ``T_max``).
``linear`` -- ``LinearLR(start_factor, end_factor, total_iters)``
    ``lr_0 = base * start_factor``; for ``1 <= e <= total_iters``::

        lr_e = lr_{e-1} * (1 + (end_factor - start_factor)
                               / (total_iters * start_factor + (e - 1) * (end_factor - start_factor)))

    and ``lr_e = lr_{e-1}`` for ``e > total_iters``: the factor goes linearly
    from ``start_factor`` to ``end_factor`` over ``total_iters`` steps, then
    stays (so ``total_iters = 0`` means ``base * start_factor`` throughout).
    With ``start_factor < 1 = end_factor`` it is the usual linear warm-up.
``warmup_cosine`` -- linear warm-up, then cosine annealing::

        SequentialLR(opt, [LinearLR(opt, start_factor=start_factor, end_factor=1.0,
                                    total_iters=warmup_steps),
                           CosineAnnealingLR(opt, T_max=T_max, eta_min=eta_min)],
                     milestones=[warmup_steps])

    ``W = warmup_steps``. For ``e < W``: ``lr_e`` is ``linear`` with
    ``total_iters = W``, ``end_factor = 1`` (from ``base * start_factor`` up
    towards ``base``). At ``e = W`` torch restarts the cosine scheduler with its
    closed form: ``lr_W = eta_min + (base - eta_min) * (1 + cos(pi * 0 / T_max)) / 2``
    (``base`` up to one rounding). For ``e = W + j``, ``j >= 1``: the ``cosine``
    recursion above with ``e`` replaced by ``j``. ``T_max`` is the length of
    the cosine part *after* the warm-up: the lr reaches ``eta_min`` at
    ``e = W + T_max``, i.e. the lr used by step ``W + T_max + 1``; to anneal over
    a budget of ``N`` steps the usual choice is ``T_max = N - W`` (as
    ``CosineAnnealingLR(T_max=num_epochs)`` in a torch loop). ``W = 0`` is
    exactly ``cosine``. ``start_factor`` (default 0.01: start at 1 % of the
    base lr) is a parameter here because SequentialLR needs an explicit
    LinearLR; its torch default 1/3 is too high for a warm-up.

Parameters are :class:`specs.Param` objects, validated like
optimizer hyperparameters (:func:`resolve_schedule`); ``parse_schedule_spec``
reads the ``name:key=value,...`` form used on the command line.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from typing import Any

import numpy as np

from specs import Param, split_spec

from .hyperparams import HyperparameterError, format_value

__all__ = [
    "Schedule",
    "SCHEDULES",
    "get_schedule",
    "resolve_schedule",
    "iter_lrs",
    "schedule_lrs",
    "parse_schedule_spec",
    "format_schedule_spec",
]

_STEPS_GUI_MAX = 100_000.0


@dataclass(frozen=True, slots=True)
class Schedule:
    """A registered learning-rate schedule: its description and parameters."""

    name: str
    title: str
    summary: str  # one sentence for users
    torch_equivalent: str  # the torch construction it reproduces ("" if none)
    params: tuple[Param, ...]
    formula: str = ""  # lr as a function of the step, for tooltips and ``list``

    @property
    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params}

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        raise KeyError(name)


# ----------------------------------------------------------------- parameters
def _gamma(default: float) -> Param:
    return Param(
        "gamma", "float", default, "multiplicative factor of learning-rate decay", low=0.0, high=1.0, low_open=True
    )


def _t_max(doc: str) -> Param:
    return Param("T_max", "int", 100, doc, low=1, gui_max=_STEPS_GUI_MAX)


def _eta_min() -> Param:
    return Param(
        "eta_min",
        "float",
        0.0,
        "minimum learning rate of the cosine (reached after T_max steps)",
        low=0.0,
        gui_max=10.0,
    )


def _start_factor(default: float, doc: str) -> Param:
    return Param("start_factor", "float", default, doc, low=0.0, high=1.0, low_open=True)


SCHEDULES: dict[str, Schedule] = {}


def _register(s: Schedule) -> None:
    SCHEDULES[s.name] = s


_register(Schedule("constant", "Constant", "the learning rate stays at lr for the whole race", "", (), "lr_t = lr"))
_register(
    Schedule(
        "step",
        "Step decay",
        "the learning rate is multiplied by gamma every step_size steps",
        "torch.optim.lr_scheduler.StepLR(step_size, gamma)",
        (Param("step_size", "int", 30, "number of steps between decays", low=1, gui_max=_STEPS_GUI_MAX), _gamma(0.1)),
        "lr_t = lr * gamma^floor((t-1) / step_size)",
    )
)
_register(
    Schedule(
        "exponential",
        "Exponential decay",
        "the learning rate is multiplied by gamma after every step",
        "torch.optim.lr_scheduler.ExponentialLR(gamma)",
        (_gamma(0.99),),
        "lr_t = lr * gamma^(t-1)",
    )
)
_register(
    Schedule(
        "cosine",
        "Cosine annealing",
        "the learning rate follows half a cosine from lr down to eta_min over T_max steps (and back up after)",
        "torch.optim.lr_scheduler.CosineAnnealingLR(T_max, eta_min)",
        (_t_max("steps from lr down to eta_min (half a period; the cosine goes on past it)"), _eta_min()),
        "lr_t = eta_min + (lr - eta_min) (1 + cos(pi (t-1) / T_max)) / 2",
    )
)
_register(
    Schedule(
        "linear",
        "Linear",
        "the learning rate factor moves linearly from start_factor to end_factor over total_iters "
        "steps, then stays (the usual warm-up)",
        "torch.optim.lr_scheduler.LinearLR(start_factor, end_factor, total_iters)",
        (
            _start_factor(1.0 / 3, "factor on lr at the first step"),
            Param("end_factor", "float", 1.0, "factor on lr after total_iters steps", low=0.0, high=1.0),
            Param(
                "total_iters", "int", 5, "number of steps over which the factor changes", low=0, gui_max=_STEPS_GUI_MAX
            ),
        ),
        "lr_t = lr (start_factor + (end_factor - start_factor) min(t-1, total_iters) / total_iters)",
    )
)
_register(
    Schedule(
        "warmup_cosine",
        "Warm-up + cosine",
        "a linear warm-up from start_factor*lr to lr over warmup_steps steps, then cosine annealing down to eta_min "
        "over T_max steps",
        "torch.optim.lr_scheduler.SequentialLR([LinearLR(start_factor, end_factor=1.0, total_iters=warmup_steps), "
        "CosineAnnealingLR(T_max, eta_min)], milestones=[warmup_steps])",
        (
            Param("warmup_steps", "int", 10, "length of the linear warm-up (0 = none)", low=0, gui_max=_STEPS_GUI_MAX),
            _t_max("steps of the cosine after the warm-up, from lr down to eta_min"),
            _eta_min(),
            _start_factor(0.01, "factor on lr at the first warm-up step"),
        ),
        "t <= W: lr (s + (1 - s)(t-1)/W);  t > W: eta_min + (lr - eta_min) (1 + cos(pi (t-1-W) / T_max)) / 2",
    )
)


# ----------------------------------------------------------------- validation
def get_schedule(name: str) -> Schedule:
    """The registered schedule ``name``; a ValueError lists the valid names."""
    try:
        return SCHEDULES[name]
    except (KeyError, TypeError):
        raise HyperparameterError(
            f"unknown schedule {name!r}; valid schedules: {', '.join(SCHEDULES)}",
            "schedule",
            f"is not a schedule (valid: {', '.join(SCHEDULES)})",
        ) from None


def _valid_keys(s: Schedule) -> str:
    return ", ".join(p.name for p in s.params) or "none"


def resolve_schedule(name: str | Schedule, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Defaults overlaid with ``params``, every value checked and converted.

    Raises :class:`HyperparameterError` (a ValueError) naming the unknown
    schedule, the unknown key (with the valid keys) or the out-of-range key
    (with its allowed range).
    """
    s = name if isinstance(name, Schedule) else get_schedule(name)
    given = dict(params or {})
    for key in given:
        if not any(p.name == key for p in s.params):
            valid = _valid_keys(s)
            raise HyperparameterError(
                f"unknown parameter {key!r} for schedule {s.name}; valid: {valid}",
                key,
                f"is not a parameter of schedule {s.name} (valid: {valid})",
            )
    return {p.name: p.check(given[p.name], f"{s.name} schedule") if p.name in given else p.default for p in s.params}


# ------------------------------------------------------------------ sequences
# Each generator yields lr_0, lr_1, ... (Python floats) with torch's arithmetic.


def _constant(base: float) -> Iterator[float]:
    while True:
        yield base


def _step(base: float, step_size: int, gamma: float) -> Iterator[float]:
    lr, e = base, 0  # StepLR.get_lr()
    yield lr
    while True:
        e += 1
        if e % step_size == 0:
            lr = lr * gamma
        yield lr


def _exponential(base: float, gamma: float) -> Iterator[float]:
    lr = base  # ExponentialLR.get_lr()
    yield lr
    while True:
        lr = lr * gamma
        yield lr


def _cosine_after(lr: float, base: float, T_max: int, eta_min: float) -> Iterator[float]:
    """CosineAnnealingLR.get_lr() in the step loop: lr_1, lr_2, ... given lr_0 = ``lr``."""
    e = 0
    period = 2 * T_max
    while True:
        e += 1
        if (e - 1 - T_max) % period == 0:
            lr = lr + (base - eta_min) * (1 - math.cos(math.pi / T_max)) / 2
        else:
            lr = (1 + math.cos(math.pi * e / T_max)) / (1 + math.cos(math.pi * (e - 1) / T_max)) * (
                lr - eta_min
            ) + eta_min
        yield lr


def _cosine(base: float, T_max: int, eta_min: float) -> Iterator[float]:
    yield base  # the initial step keeps the optimizer's lr
    yield from _cosine_after(base, base, T_max, eta_min)


def _linear(base: float, start_factor: float, end_factor: float, total_iters: int) -> Iterator[float]:
    lr = base * start_factor  # LinearLR.get_lr() at last_epoch 0
    yield lr
    e = 0
    delta = end_factor - start_factor
    while True:
        e += 1
        if e <= total_iters:
            lr = lr * (1.0 + delta / (total_iters * start_factor + (e - 1) * delta))
        yield lr


def _warmup_cosine(base: float, warmup_steps: int, T_max: int, eta_min: float, start_factor: float) -> Iterator[float]:
    if warmup_steps == 0:  # SequentialLR starts with the cosine scheduler directly
        yield from _cosine(base, T_max, eta_min)
        return
    yield from islice(_linear(base, start_factor, 1.0, warmup_steps), warmup_steps)
    # the milestone: CosineAnnealingLR._get_closed_form_lr() at last_epoch 0
    lr = eta_min + (base - eta_min) * (1 + math.cos(math.pi * 0 / T_max)) / 2
    yield lr
    yield from _cosine_after(lr, base, T_max, eta_min)


_GENERATORS = {
    "constant": lambda base, p: _constant(base),
    "step": lambda base, p: _step(base, p["step_size"], p["gamma"]),
    "exponential": lambda base, p: _exponential(base, p["gamma"]),
    "cosine": lambda base, p: _cosine(base, p["T_max"], p["eta_min"]),
    "linear": lambda base, p: _linear(base, p["start_factor"], p["end_factor"], p["total_iters"]),
    "warmup_cosine": lambda base, p: _warmup_cosine(
        base, p["warmup_steps"], p["T_max"], p["eta_min"], p["start_factor"]
    ),
}
assert set(_GENERATORS) == set(SCHEDULES)


def _base_lr(base_lr: Any) -> float:
    if isinstance(base_lr, bool) or not isinstance(base_lr, (int, float, np.integer, np.floating)):
        raise HyperparameterError(f"base lr must be a number > 0, got {base_lr!r}", "lr", "must be > 0")
    value = float(base_lr)
    if not (math.isfinite(value) and value > 0):
        raise HyperparameterError(f"base lr={format_value(value)}: must be > 0", "lr", "must be > 0")
    return value


def iter_lrs(name: str, base_lr: float, params: Mapping[str, Any] | None = None) -> Iterator[float]:
    """An endless iterator of the lr used by optimizer step 1, 2, 3, ...

    For runs without a known budget: values are identical to
    :func:`schedule_lrs`. ``params`` is validated (and defaulted) first.
    """
    s = get_schedule(name)
    resolved = resolve_schedule(s, params)
    return _GENERATORS[s.name](_base_lr(base_lr), resolved)


def schedule_lrs(name: str, base_lr: float, steps: int, params: Mapping[str, Any] | None = None) -> np.ndarray:
    """The learning rates of ``steps`` optimizer steps, shape ``(steps,)``.

    Element ``t - 1`` is the lr used by step ``t`` in torch's
    ``for t: optimizer.step(); scheduler.step()`` loop. Always computed from
    the first step, so a longer sequence starts with the shorter one exactly.
    """
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps < 0:
        raise ValueError(f"steps must be a whole number >= 0, got {steps!r}")
    steps = int(steps)
    return np.fromiter(islice(iter_lrs(name, base_lr, params), steps), dtype=np.float64, count=steps)


# -------------------------------------------------------------------- specs
def parse_schedule_spec(spec: str) -> tuple[Schedule, dict[str, Any]]:
    """Read ``name`` or ``name:key=value,...`` (e.g. ``"cosine:T_max=200,eta_min=1e-4"``);
    return the schedule and its full, validated parameters (the grammar of :func:`specs.split_spec`)."""
    name, items = split_spec(spec, "schedule")
    s = get_schedule(name)
    given: dict[str, Any] = {}
    for key, text in items:
        try:
            param = s.param(key)
        except KeyError:
            resolve_schedule(s, {key: None})  # raises the unknown-key error
            raise  # pragma: no cover
        given[key] = param.read(text, f"{s.name} schedule")
    return s, resolve_schedule(s, given)


def format_schedule_spec(name: str, params: Mapping[str, Any] | None = None, only_changed: bool = True) -> str:
    """The spec string for schedule ``name`` with these parameters (non-defaults only)."""
    s = get_schedule(name)
    params = params or {}
    parts = [
        f"{p.name}={format_value(params[p.name])}"
        for p in s.params
        if p.name in params and (not only_changed or params[p.name] != p.default)
    ]
    return s.name + (":" + ",".join(parts) if parts else "")

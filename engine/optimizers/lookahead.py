"""Lookahead around any registered optimizer (Zhang, Lucas, Hinton & Ba, 2019; reference:
pytorch_optimizer.Lookahead).

The inner ("fast") optimizer steps as usual; every ``k`` steps the fast weights are
pulled toward the slow weights kept since the last synchronisation, and the result
becomes the new slow weights. The update of step ``t``::

    theta = theta + the inner optimizer's step (its own rule and state)
    every k-th step (t % k == 0):
        theta = lerp(theta, slow, 1 - alpha)         (= slow + alpha * (theta - slow))
        slow = theta

A spec names the inner optimizer: ``lookahead:inner=adam,k=5,alpha=0.5,lr=0.01`` (the
inner's hyperparameters by their own names; a clash with ``k`` or ``alpha``, e.g.
RMSprop's ``alpha``, is written ``inner_alpha``). The registry name is
``lookahead_<inner>``; ``lookahead`` alone wraps Adam. The reference's
``pullback_momentum`` (``'none'`` here) is not offered.

Effective learning rate: ``the inner optimizer's``: the pull toward the slow weights is
an average of two points, not a gradient step.
"""

from __future__ import annotations

import dataclasses
from collections import namedtuple
from functools import cache
from typing import Any, cast

import numpy as np

from specs import Param

from .base import Optimizer
from .common import lerp
from .explain import Equation, Step, num, vec

PREFIX = "lookahead_"
DEFAULT_INNER = "adam"

OWN = (
    Param("k", "int", 5, "inner steps between two synchronisations with the slow weights", low=1, gui_max=1e4),
    Param("alpha", "float", 0.5, "slow weights move this far toward the fast ones", low=0.0, high=1.0, high_open=True),
)


def inner_name(name: str) -> str | None:
    """The inner optimizer of a ``lookahead_<inner>`` registry name (None for other names)."""
    return name[len(PREFIX) :] if name.startswith(PREFIX) else None


@cache
def wrap(inner: Optimizer) -> Optimizer:
    """The registry entry ``lookahead_<inner.name>``."""
    own = {p.name for p in OWN}
    rename = {p.name: f"inner_{p.name}" if p.name in own else p.name for p in inner.hyperparams}
    params = tuple(dataclasses.replace(p, name=rename[p.name]) for p in inner.hyperparams) + OWN
    inner_type = type(inner.init(np.zeros((1, 2)), inner.defaults))
    fields = inner_type._fields
    names = ["t", "slow", *(f"inner_{f}" for f in fields)]
    State: Any = cast(Any, namedtuple)(f"Lookahead_{inner.name}_State", names)

    def inner_hp(hp) -> dict[str, Any]:
        return {p.name: hp[rename[p.name]] for p in inner.hyperparams}

    def init(params, hp):
        return State(0, np.array(params, dtype=float), *inner.init(params, inner_hp(hp)))

    def update(grad, state, params, hp, hessian=None, *oracle):
        ihp = inner_hp(hp)
        new, inner_state, eff = inner.update(grad, inner_type(*state[2:]), params, ihp, hessian, *oracle)
        t = state.t + 1
        slow = state.slow
        if t % hp["k"] == 0:
            new = lerp(new, slow, 1.0 - hp["alpha"])
            slow = new.copy()
        return new, State(t, slow, *inner_state), eff

    def explain(s: Step) -> list[Equation]:
        ihp = inner_hp(s.hp)
        before, after = inner_type(*s.before[2:]), inner_type(*s.after[2:])
        sync = s.t % s.hp["k"] == 0
        lines: list[Equation] = []
        fast = s.new_theta
        if inner.explain is not None:
            inner_step = dataclasses.replace(s, hp=ihp, before=before, after=after)
            for eq in inner.explain(inner_step):
                target = eq.target
                if target == "theta":
                    fast = np.asarray(eq.value, dtype=float)
                    target = "" if sync else "theta"
                elif target in fields:
                    target = f"inner_{target}"
                lines.append(dataclasses.replace(eq, target=target))
        if sync:
            alpha, slow0 = float(s.hp["alpha"]), s.before.slow
            new = slow0 + alpha * (fast - slow0)
            lines.append(
                Equation(
                    "θ",
                    "slow + alpha·(θ − slow)  (t % k = 0)",
                    f"{vec(slow0)} + {num(alpha)}·({vec(fast)} − {vec(slow0)})",
                    new,
                    "theta",
                )
            )
            lines.append(Equation("slow", "θ", vec(new), new, "slow"))
        return lines

    def check(hp) -> None:
        if inner.check is not None:
            inner.check(inner_hp(hp))

    state_doc = (
        ("t", "t: steps taken"),
        ("slow", "slow: the slow weights (the point at the last synchronisation)"),
        *((f"inner_{name}", f"{inner.title}: {doc}") for name, doc in inner.state_doc),
    )
    torch = inner.torch_equivalent or inner.reference or inner.name
    return Optimizer(
        f"{PREFIX}{inner.name}",
        f"Lookahead ({inner.title})",
        f"pytorch_optimizer.Lookahead({torch})",
        f"{inner.title} as the fast optimizer, pulled back toward slow weights every k steps",
        params,
        init,
        update,
        __doc__,
        needs_hessian=inner.needs_hessian,
        needs_oracle=inner.needs_oracle,
        check=check,
        state_doc=state_doc,
        explain=explain,
        order=200,
    )

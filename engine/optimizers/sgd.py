"""SGD, heavy-ball momentum and Nesterov momentum (torch.optim.SGD).

The update of step ``t``::

    g = grad + weight_decay * theta
    b = g                                   at the first step (momentum != 0)
    b = momentum * b + (1 - dampening) * g  afterwards
    g = g + momentum * b   if nesterov else   g = b
    theta = theta - lr * g

Effective learning rate: ``lr`` for every parameter.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from specs import Param, ParamError

from . import params as P
from .base import Optimizer
from .common import constant_rate, l2
from .explain import STEPS_DOC, Equation, Step, num, opening_lines, vec


class SGDState(NamedTuple):
    t: int
    buf: np.ndarray | None  # momentum buffer; None until the first step
    rate: np.ndarray  # the effective learning rate: lr for every parameter (rebuilt when lr changes)


def init(params, hp) -> SGDState:
    return SGDState(0, None, constant_rate(params, hp["lr"]))


def update(grad, state: SGDState, params, hp, hessian=None):
    lr = hp["lr"]
    momentum = hp["momentum"]
    g = l2(grad, params, hp["weight_decay"])
    buf = state.buf
    if momentum != 0.0:
        if buf is None:
            buf = g.copy()
        else:
            buf = buf * momentum + (1.0 - hp["dampening"]) * g
        g = g + momentum * buf if hp["nesterov"] else buf
    new_params = params + (-lr) * g
    rate = state.rate
    if rate.size and rate.flat[0] != lr:  # a learning-rate schedule changed lr
        rate = constant_rate(params, lr)
    return new_params, SGDState(state.t + 1, buf, rate), rate


def check(hp) -> None:
    """Nesterov momentum needs momentum > 0 and no dampening (torch's rule)."""
    if hp["nesterov"]:
        if hp["momentum"] <= 0:
            raise ParamError(
                f"nesterov=true needs momentum > 0 (got momentum={hp['momentum']:g})", "nesterov", "needs momentum > 0"
            )
        if hp["dampening"] != 0:
            raise ParamError(
                f"nesterov=true needs dampening = 0 (got dampening={hp['dampening']:g})",
                "nesterov",
                "needs dampening = 0",
            )


def _params(momentum: float, nesterov: bool) -> tuple[Param, ...]:
    return (
        P.lr(1e-3),
        P.momentum(momentum),
        Param(
            "dampening",
            "float",
            0.0,
            "dampening of the momentum: b = momentum*b + (1-dampening)*g",
            low=0.0,
            high=1.0,
        ),
        P.weight_decay(),
        Param("nesterov", "bool", nesterov, "use Nesterov momentum (needs momentum > 0 and dampening = 0)"),
    )


STATE_DOC = (
    STEPS_DOC,
    ("buf", "b: momentum buffer (none until the first step with momentum > 0)"),
    ("rate", "lr per parameter (the effective learning rate)"),
)


def explain(s: Step) -> list[Equation]:
    """SGD's rule with this step's numbers."""
    hp = s.hp
    lines, _, g = opening_lines(s, decoupled=False)
    mom, damp = float(hp["momentum"]), float(hp["dampening"])
    d = g
    if mom != 0.0:
        b0 = s.before.buf
        if b0 is None:
            b = g.copy()
            lines.append(Equation("b", "g (first step)", vec(g), b, "buf"))
        else:
            b = b0 * mom + (1.0 - damp) * g
            lines.append(
                Equation(
                    "b", "momentum·b + (1 − dampening)·g", f"{num(mom)}·{vec(b0)} + {num(1 - damp)}·{vec(g)}", b, "buf"
                )
            )
        if hp["nesterov"]:
            d = g + mom * b
            lines.append(Equation("d", "g + momentum·b", f"{vec(g)} + {num(mom)}·{vec(b)}", d))
        else:
            d = b
    name = "d" if hp["nesterov"] else ("b" if mom != 0.0 else "g")
    lines.append(Equation("θ", f"θ − lr·{name}", f"{vec(s.theta)} − {num(s.lr)}·{vec(d)}", s.theta - s.lr * d, "theta"))
    return lines


OPTIMIZERS = (
    Optimizer(
        "sgd",
        "SGD",
        "torch.optim.SGD",
        "plain gradient descent: a fixed step along the negative gradient",
        _params(0.0, False),
        init,
        update,
        __doc__,
        state_doc=STATE_DOC,
        explain=explain,
        check=check,
        order=10,
    ),
    Optimizer(
        "momentum",
        "Momentum",
        "torch.optim.SGD(momentum=0.9)",
        "heavy-ball momentum: a velocity that accumulates past gradients",
        _params(0.9, False),
        init,
        update,
        __doc__,
        state_doc=STATE_DOC,
        explain=explain,
        check=check,
        order=11,
    ),
    Optimizer(
        "nesterov",
        "Nesterov",
        "torch.optim.SGD(momentum=0.9, nesterov=True)",
        "Nesterov momentum: looks ahead along the velocity before stepping",
        _params(0.9, True),
        init,
        update,
        __doc__,
        state_doc=STATE_DOC,
        explain=explain,
        check=check,
        order=12,
    ),
)

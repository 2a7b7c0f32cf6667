"""Adadelta (torch.optim.Adadelta).

The update of step ``t``::

    g = grad + weight_decay * theta
    v = rho * v + (1 - rho) * g * g
    delta = sqrt(u + eps) / sqrt(v + eps) * g
    u = rho * u + (1 - rho) * delta * delta
    theta = theta - lr * delta

Effective learning rate: ``lr * sqrt(u_prev + eps) / sqrt(v + eps)``.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from specs import Param

from . import params as P
from .base import Optimizer
from .common import l2
from .explain import STEPS_DOC, Equation, Step, num, opening_lines, vec


class AdadeltaState(NamedTuple):
    t: int
    square_avg: np.ndarray
    acc_delta: np.ndarray


def init(params, hp) -> AdadeltaState:
    z = np.zeros(np.shape(params))
    return AdadeltaState(0, z, z)


def update(grad, state: AdadeltaState, params, hp, hessian=None):
    lr, rho, eps = hp["lr"], hp["rho"], hp["eps"]
    g = l2(grad, params, hp["weight_decay"])
    v = state.square_avg * rho + ((1.0 - rho) * g) * g
    scale = np.sqrt(state.acc_delta + eps) / np.sqrt(v + eps)
    delta = scale * g
    u = state.acc_delta * rho + ((1.0 - rho) * delta) * delta
    new_params = params + (-lr) * delta
    return new_params, AdadeltaState(state.t + 1, v, u), lr * scale


STATE_DOC = (
    STEPS_DOC,
    ("square_avg", "v: running mean of squared gradients"),
    ("acc_delta", "u: running mean of squared updates"),
)


def explain(s: Step) -> list[Equation]:
    """Adadelta's rule with this step's numbers."""
    hp = s.hp
    rho, eps = float(hp["rho"]), float(hp["eps"])
    lines, _, g = opening_lines(s, decoupled=False)
    v0, u0 = s.before.square_avg, s.before.acc_delta
    v = rho * v0 + (1 - rho) * g * g
    lines.append(Equation("v", "ρ·v + (1 − ρ)·g²", f"{num(rho)}·{vec(v0)} + {num(1 - rho)}·{vec(g)}²", v, "square_avg"))
    scale = np.sqrt(u0 + eps) / np.sqrt(v + eps)
    delta = scale * g
    lines.append(
        Equation("Δ", "√(u + ε) / √(v + ε)·g", f"√({vec(u0)} + {num(eps)}) / √({vec(v)} + {num(eps)})·{vec(g)}", delta)
    )
    u = rho * u0 + (1 - rho) * delta * delta
    lines.append(
        Equation("u", "ρ·u + (1 − ρ)·Δ²", f"{num(rho)}·{vec(u0)} + {num(1 - rho)}·{vec(delta)}²", u, "acc_delta")
    )
    lines.append(Equation("η", "lr·√(u + ε) / √(v + ε)", f"{num(s.lr)}·{vec(scale)}", s.lr * scale, "effective_lr"))
    lines.append(
        Equation("θ", "θ − lr·Δ", f"{vec(s.theta)} − {num(s.lr)}·{vec(delta)}", s.theta - s.lr * delta, "theta")
    )
    return lines


OPTIMIZERS = (
    Optimizer(
        "adadelta",
        "Adadelta",
        "torch.optim.Adadelta",
        "rates from the ratio of running RMS of updates to running RMS of gradients",
        (
            P.lr(1.0),
            Param("rho", "float", 0.9, "decay rate of the running averages", low=0.0, high=1.0),
            P.eps(1e-6),
            P.weight_decay(),
        ),
        init,
        update,
        __doc__,
        state_doc=STATE_DOC,
        explain=explain,
        order=40,
    ),
)

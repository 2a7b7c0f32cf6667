"""Adamax (torch.optim.Adamax): Adam with the infinity norm.

The update of step ``t``::

    g = grad + weight_decay * theta
    m = lerp(m, g, 1 - beta1)
    u = max(beta2 * u, |g| + eps)
    theta = theta - (lr / (1 - beta1^t)) * m / u

Effective learning rate: ``(lr / (1 - beta1^t)) / u``.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from . import params as P
from .base import Optimizer
from .common import l2, lerp
from .explain import FIRST_MOMENT_DOC, STEPS_DOC, Equation, Step, num, opening_lines, vec


class AdamaxState(NamedTuple):
    t: int
    exp_avg: np.ndarray
    exp_inf: np.ndarray


def init(params, hp) -> AdamaxState:
    z = np.zeros(np.shape(params))
    return AdamaxState(0, z, z)


def update(grad, state: AdamaxState, params, hp, hessian=None):
    lr, beta1, beta2 = hp["lr"], hp["beta1"], hp["beta2"]
    t = state.t + 1
    g = l2(grad, params, hp["weight_decay"])
    m = lerp(state.exp_avg, g, 1.0 - beta1)
    u = np.maximum(state.exp_inf * beta2, np.abs(g) + hp["eps"])
    clr = lr / (1.0 - beta1**t)
    new_params = params + ((-clr) * m) / u
    return new_params, AdamaxState(t, m, u), clr / u


STATE_DOC = (
    STEPS_DOC,
    FIRST_MOMENT_DOC,
    ("exp_inf", "u: the infinity norm, a decaying maximum of |g|"),
)


def explain(s: Step) -> list[Equation]:
    """Adamax's rule with this step's numbers."""
    hp, t = s.hp, s.t
    b1, b2, eps = float(hp["beta1"]), float(hp["beta2"]), float(hp["eps"])
    lines, _, g = opening_lines(s, decoupled=False)
    m0, u0 = s.before.exp_avg, s.before.exp_inf
    m = b1 * m0 + (1 - b1) * g
    lines.append(Equation("m", "β1·m + (1 − β1)·g", f"{num(b1)}·{vec(m0)} + {num(1 - b1)}·{vec(g)}", m, "exp_avg"))
    u = np.maximum(b2 * u0, np.abs(g) + eps)
    lines.append(
        Equation("u", "max(β2·u, |g| + ε)", f"max({num(b2)}·{vec(u0)}, |{vec(g)}| + {num(eps)})", u, "exp_inf")
    )
    clr = s.lr / (1 - b1**t)
    lines.append(
        Equation("η", "lr / (1 − β1^t) / u", f"{num(s.lr)} / (1 − {num(b1)}^{t}) / {vec(u)}", clr / u, "effective_lr")
    )
    lines.append(Equation("θ", "θ − η·m", f"{vec(s.theta)} − {vec(clr / u)}·{vec(m)}", s.theta - clr * m / u, "theta"))
    return lines


OPTIMIZERS = (
    Optimizer(
        "adamax",
        "Adamax",
        "torch.optim.Adamax",
        "Adam with the infinity norm of past gradients in the denominator",
        (P.lr(2e-3), P.beta1(), P.beta2(), P.eps(1e-8), P.weight_decay()),
        init,
        update,
        __doc__,
        state_doc=STATE_DOC,
        explain=explain,
        order=80,
    ),
)

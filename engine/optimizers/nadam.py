"""NAdam (torch.optim.NAdam): Adam with Nesterov momentum and momentum decay.

Weight decay is coupled (L2) unless ``decoupled_weight_decay``. Then::

    g = grad + weight_decay * theta      (decoupled_weight_decay: g = grad; theta = theta * (1 - lr * weight_decay))
    mu_t    = beta1 * (1 - 0.5 * 0.96^(t * momentum_decay))
    mu_next = beta1 * (1 - 0.5 * 0.96^((t + 1) * momentum_decay))
    P = P * mu_t                                   (P starts at 1)
    m = lerp(m, g, 1 - beta1);  v = beta2 * v + (1 - beta2) * g * g
    d = sqrt(v / (1 - beta2^t)) + eps
    theta = theta - lr (1 - mu_t) / (1 - P) * g / d - lr mu_next / (1 - P mu_next) * m / d

Effective learning rate: ``lr / d``, the scale the two terms share before their
mu factors.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from specs import Param

from . import params as P
from .base import Optimizer
from .common import moments, weight_decay
from .explain import (
    FIRST_MOMENT_DOC,
    SECOND_MOMENT_DOC,
    STEPS_DOC,
    Equation,
    Step,
    moment_lines,
    num,
    opening_lines,
    vec,
)


class NAdamState(NamedTuple):
    t: int
    mu_product: float
    exp_avg: np.ndarray
    exp_avg_sq: np.ndarray


def init(params, hp) -> NAdamState:
    z = np.zeros(np.shape(params))
    return NAdamState(0, 1.0, z, z)


def update(grad, state: NAdamState, params, hp, hessian=None):
    lr, beta1, beta2 = hp["lr"], hp["beta1"], hp["beta2"]
    decay = hp["momentum_decay"]
    t = state.t + 1
    bias_correction2 = 1.0 - beta2**t
    params, g = weight_decay(grad, params, hp)
    mu = beta1 * (1.0 - 0.5 * (0.96 ** (t * decay)))
    mu_next = beta1 * (1.0 - 0.5 * (0.96 ** ((t + 1) * decay)))
    mu_product = state.mu_product * mu
    m, v = moments(state.exp_avg, state.exp_avg_sq, g, beta1, beta2)
    denom = np.sqrt(v / bias_correction2) + hp["eps"]
    mu_product_next = mu_product * mu_next
    new_params = params + ((-lr * (1.0 - mu) / (1.0 - mu_product)) * g) / denom
    new_params = new_params + (((-lr * mu_next) / (1.0 - mu_product_next)) * m) / denom
    return new_params, NAdamState(t, mu_product, m, v), lr / denom


STATE_DOC = (
    STEPS_DOC,
    ("mu_product", "P: product of the momentum coefficients μ_1 ... μ_t"),
    FIRST_MOMENT_DOC,
    SECOND_MOMENT_DOC,
)


def explain(s: Step) -> list[Equation]:
    """NAdam's rule with this step's numbers."""
    hp, t = s.hp, s.t
    b1, b2, eps, decay = float(hp["beta1"]), float(hp["beta2"]), float(hp["eps"]), float(hp["momentum_decay"])
    lines, theta, g = opening_lines(s)
    mu = b1 * (1 - 0.5 * 0.96 ** (t * decay))
    mu_next = b1 * (1 - 0.5 * 0.96 ** ((t + 1) * decay))
    lines.append(Equation("μ_t", "β1·(1 − 0.5·0.96^(t·ψ))", f"{num(b1)}·(1 − 0.5·0.96^({t}·{num(decay)}))", mu))
    lines.append(
        Equation("μ_t+1", "β1·(1 − 0.5·0.96^((t+1)·ψ))", f"{num(b1)}·(1 − 0.5·0.96^({t + 1}·{num(decay)}))", mu_next)
    )
    P0 = float(s.before.mu_product)
    P = P0 * mu
    lines.append(Equation("P", "P·μ_t", f"{num(P0)}·{num(mu)}", P, "mu_product"))
    more, m, v = moment_lines(s, g)
    lines += more
    bc2 = 1 - b2**t
    d = np.sqrt(v / bc2) + eps
    lines.append(Equation("d", "√(v / (1 − β2^t)) + ε", f"√({vec(v)} / {num(bc2)}) + {num(eps)}", d))
    lines.append(Equation("η", "lr / d", f"{num(s.lr)} / {vec(d)}", s.lr / d, "effective_lr"))
    c1, c2 = s.lr * (1 - mu) / (1 - P), s.lr * mu_next / (1 - P * mu_next)
    new = theta - c1 * g / d - c2 * m / d
    lines.append(
        Equation(
            "θ",
            "θ − lr·(1 − μ_t)/(1 − P)·g/d − lr·μ_t+1/(1 − P·μ_t+1)·m/d",
            f"{vec(theta)} − {num(c1)}·{vec(g)}/{vec(d)} − {num(c2)}·{vec(m)}/{vec(d)}",
            new,
            "theta",
        )
    )
    return lines


OPTIMIZERS = (
    Optimizer(
        "nadam",
        "NAdam",
        "torch.optim.NAdam",
        "Adam with Nesterov momentum and a momentum schedule",
        (
            P.lr(2e-3),
            P.beta1(),
            P.beta2(),
            P.eps(1e-8),
            P.weight_decay(),
            Param(
                "momentum_decay",
                "float",
                4e-3,
                "momentum schedule: mu_t = beta1 (1 - 0.5 * 0.96^(t momentum_decay))",
                low=0.0,
                gui_max=1.0,
            ),
            P.decoupled(False),
        ),
        init,
        update,
        __doc__,
        state_doc=STATE_DOC,
        explain=explain,
        order=60,
    ),
)

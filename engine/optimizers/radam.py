"""RAdam (torch.optim.RAdam): Adam with a rectified adaptive learning rate.

Weight decay is coupled (L2) unless ``decoupled_weight_decay``. Then::

    g = grad + weight_decay * theta      (decoupled_weight_decay: g = grad; theta = theta * (1 - lr * weight_decay))
    m = lerp(m, g, 1 - beta1);  v = beta2 * v + (1 - beta2) * g * g;  mhat = m / (1 - beta1^t)
    rho_inf = 2 / (1 - beta2) - 1
    rho_t   = rho_inf - 2 t beta2^t / (1 - beta2^t)
    rho_t > 5:  r = sqrt((rho_t-4)(rho_t-2) rho_inf / ((rho_inf-4)(rho_inf-2) rho_t))
                theta = theta - lr * mhat * r * sqrt(1 - beta2^t) / (sqrt(v) + eps)
    otherwise:  theta = theta - lr * mhat          (momentum SGD while v is unreliable)

Effective learning rate: ``lr * r * sqrt(1 - beta2^t) / (sqrt(v) + eps)`` when
rectified, else ``lr``.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from . import params as P
from .base import Optimizer
from .common import constant_rate, moments, weight_decay
from .explain import (
    FIRST_MOMENT_DOC,
    SECOND_MOMENT_DOC,
    STEPS_DOC,
    Equation,
    Step,
    mhat_line,
    moment_lines,
    num,
    opening_lines,
    vec,
)


class RAdamState(NamedTuple):
    t: int
    exp_avg: np.ndarray
    exp_avg_sq: np.ndarray


def init(params, hp) -> RAdamState:
    z = np.zeros(np.shape(params))
    return RAdamState(0, z, z)


def update(grad, state: RAdamState, params, hp, hessian=None):
    lr, beta1, beta2 = hp["lr"], hp["beta1"], hp["beta2"]
    t = state.t + 1
    params, g = weight_decay(grad, params, hp)
    m, v = moments(state.exp_avg, state.exp_avg_sq, g, beta1, beta2)
    bias_correction1 = 1.0 - beta1**t
    bias_correction2 = 1.0 - beta2**t
    mhat = m / bias_correction1
    rho_inf = 2.0 / (1.0 - beta2) - 1.0
    rho_t = rho_inf - 2.0 * t * (beta2**t) / bias_correction2
    if rho_t > 5.0:
        rect = ((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t)) ** 0.5
        # torch: ``(bias_correction2**0.5) / exp_avg_sq_sqrt`` is ``Tensor.__rtruediv__``, which computes
        # ``exp_avg_sq_sqrt.reciprocal() * bias_correction2**0.5`` (torch/_tensor.py): two roundings
        adaptive = (1.0 / (np.sqrt(v) + hp["eps"])) * (bias_correction2**0.5)
        new_params = params + -1.0 * (((mhat * lr) * adaptive) * rect)
        eff = (lr * rect) * adaptive
    else:
        new_params = params + -1.0 * (mhat * lr)
        eff = constant_rate(params, lr)
    return new_params, RAdamState(t, m, v), eff


STATE_DOC = (
    STEPS_DOC,
    FIRST_MOMENT_DOC,
    SECOND_MOMENT_DOC,
)


def explain(s: Step) -> list[Equation]:
    """RAdam's rule with this step's numbers."""
    hp, t = s.hp, s.t
    b2, eps = float(hp["beta2"]), float(hp["eps"])
    lines, theta, g = opening_lines(s)
    more, m, v = moment_lines(s, g)
    lines += more
    bc2 = 1 - b2**t
    lines.append(mhat_line(s, m))
    mhat = lines[-1].value
    rho_inf = 2 / (1 - b2) - 1
    rho_t = rho_inf - 2 * t * b2**t / bc2
    lines.append(Equation("ρ∞", "2 / (1 − β2) − 1", f"2 / (1 − {num(b2)}) − 1", rho_inf))
    lines.append(
        Equation("ρ_t", "ρ∞ − 2t·β2^t / (1 − β2^t)", f"{num(rho_inf)} − 2·{t}·{num(b2)}^{t} / {num(bc2)}", rho_t)
    )
    if rho_t > 5:
        r = ((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t)) ** 0.5
        lines.append(
            Equation(
                "r",
                "√((ρ_t − 4)(ρ_t − 2)ρ∞ / ((ρ∞ − 4)(ρ∞ − 2)ρ_t))",
                f"√(({num(rho_t)} − 4)({num(rho_t)} − 2)·{num(rho_inf)} / "
                f"(({num(rho_inf)} − 4)({num(rho_inf)} − 2)·{num(rho_t)}))",
                r,
            )
        )
        rate = s.lr * r * np.sqrt(bc2) / (np.sqrt(v) + eps)
        lines.append(
            Equation(
                "η",
                "lr·r·√(1 − β2^t) / (√v + ε)",
                f"{num(s.lr)}·{num(r)}·√{num(bc2)} / (√{vec(v)} + {num(eps)})",
                rate,
                "effective_lr",
            )
        )
        lines.append(
            Equation(
                "θ", "θ − η·m̂ (rectified)", f"{vec(theta)} − {vec(rate)}·{vec(mhat)}", theta - rate * mhat, "theta"
            )
        )
    else:
        lines.append(
            Equation(
                "θ",
                "θ − lr·m̂ (ρ_t ≤ 5: not rectified)",
                f"{vec(theta)} − {num(s.lr)}·{vec(mhat)}",
                theta - s.lr * mhat,
                "theta",
            )
        )
    return lines


OPTIMIZERS = (
    Optimizer(
        "radam",
        "RAdam",
        "torch.optim.RAdam",
        "Adam whose adaptive rate is switched on gradually (rectified) once v is reliable",
        (P.lr(1e-3), P.beta1(), P.beta2(), P.eps(1e-8), P.weight_decay(), P.decoupled(False)),
        init,
        update,
        __doc__,
        state_doc=STATE_DOC,
        explain=explain,
        order=70,
    ),
)

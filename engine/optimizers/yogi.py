"""Yogi (Zaheer et al., 2018; reference: pytorch_optimizer.Yogi).

Adam with an additive second-moment update: ``v`` moves toward ``g^2`` by a step
of size ``(1 - beta2) g^2`` at most, so a sudden burst of large gradients cannot
shrink the step size abruptly (and ``v`` grows or shrinks slowly). Both moments
start at ``initial_accumulator``. The update of step ``t``::

    weight decay (weight_decouple, the default): theta = theta * (1 - weight_decay * lr)
                 (fixed_decay: theta * (1 - weight_decay); weight_decouple=false: g = grad + weight_decay * theta)
    m = lerp(m, g, 1 - beta1)
    v = v - (1 - beta2) * sign(v - g^2) * g^2
    theta = theta - (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)

Effective learning rate: ``(lr / (1 - beta1^t)) / (sqrt(v) / sqrt(1 - beta2^t) + eps)``.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from specs import Param

from . import params as P
from ._pyopt import decay_params, opening, weight_decay
from .base import Optimizer
from .common import lerp
from .explain import FIRST_MOMENT_DOC, SECOND_MOMENT_DOC, STEPS_DOC, Equation, Step, mhat_line, num, vec


class YogiState(NamedTuple):
    t: int
    exp_avg: np.ndarray
    exp_avg_sq: np.ndarray


def init(params, hp) -> YogiState:
    a = np.full(np.shape(params), float(hp["initial_accumulator"]))
    return YogiState(0, a, a.copy())


def update(grad, state: YogiState, params, hp, hessian=None):
    lr, beta1, beta2 = hp["lr"], hp["beta1"], hp["beta2"]
    t = state.t + 1
    step_size = lr / (1.0 - math.pow(beta1, t))
    bc2_sqrt = math.sqrt(1.0 - math.pow(beta2, t))
    params, g = weight_decay(grad, params, hp)
    g2 = g * g
    m = lerp(state.exp_avg, g, 1.0 - beta1)
    v = state.exp_avg_sq
    v = v + ((-(1.0 - beta2)) * np.sign(v - g2)) * g2
    denom = np.sqrt(v) / bc2_sqrt + hp["eps"]
    new_params = params + ((-step_size) * m) / denom
    return new_params, YogiState(t, m, v), step_size / denom


STATE_DOC = (
    STEPS_DOC,
    (FIRST_MOMENT_DOC[0], FIRST_MOMENT_DOC[1] + " (starts at initial_accumulator)"),
    (SECOND_MOMENT_DOC[0], "v: second moment, moved toward g² by at most (1 − β2)·g² (starts at initial_accumulator)"),
)


def explain(s: Step) -> list[Equation]:
    """Yogi's rule with this step's numbers."""
    hp, t = s.hp, s.t
    b1, b2, eps = float(hp["beta1"]), float(hp["beta2"]), float(hp["eps"])
    lines, theta, g = opening(s)
    m0, v0 = s.before.exp_avg, s.before.exp_avg_sq
    m = b1 * m0 + (1 - b1) * g
    lines.append(Equation("m", "β1·m + (1 − β1)·g", f"{num(b1)}·{vec(m0)} + {num(1 - b1)}·{vec(g)}", m, "exp_avg"))
    sign = np.sign(v0 - g * g)
    v = v0 - (1 - b2) * sign * g * g
    lines.append(
        Equation(
            "v",
            "v − (1 − β2)·sign(v − g²)·g²",
            f"{vec(v0)} − {num(1 - b2)}·{vec(sign)}·{vec(g)}²",
            v,
            "exp_avg_sq",
        )
    )
    bc1, bc2 = 1 - b1**t, 1 - b2**t
    lines.append(mhat_line(s, m))
    rate = (s.lr / bc1) / (np.sqrt(v) / np.sqrt(bc2) + eps)
    lines.append(
        Equation(
            "η",
            "lr / (1 − β1^t) / (√v / √(1 − β2^t) + ε)",
            f"{num(s.lr)} / {num(bc1)} / (√{vec(v)} / √{num(bc2)} + {num(eps)})",
            rate,
            "effective_lr",
        )
    )
    lines.append(Equation("θ", "θ − η·m", f"{vec(theta)} − {vec(rate)}·{vec(m)}", theta - rate * m, "theta"))
    return lines


OPTIMIZERS = (
    Optimizer(
        "yogi",
        "Yogi",
        "pytorch_optimizer.Yogi",
        "Adam whose second moment changes additively, so its step sizes cannot collapse suddenly",
        (
            P.lr(1e-2),
            P.beta1(),
            P.beta2(),
            Param("initial_accumulator", "float", 1e-6, "starting value of m and v", low=0.0, log=True, gui_max=10.0),
            *decay_params(True),
            P.eps(1e-3),
        ),
        init,
        update,
        __doc__,
        state_doc=STATE_DOC,
        explain=explain,
        order=102,
    ),
)

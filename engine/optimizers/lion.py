"""Lion, evolved sign momentum (Chen et al., 2023; reference: pytorch_optimizer.Lion).

Every parameter moves by exactly ``lr`` per step (or not at all): the direction is
the sign of an interpolation between the momentum and the gradient; the momentum
then tracks the gradient with a second, slower rate. The update of step ``t``::

    weight decay (weight_decouple, the default): theta = theta * (1 - weight_decay * lr)
                 (fixed_decay: theta * (1 - weight_decay); weight_decouple=false: g = grad + weight_decay * theta)
    c = lerp(m, g, 1 - beta1)
    m = lerp(m, g, 1 - beta2)
    theta = theta - lr * sign(c)

Effective learning rate: ``lr / |c|``, the step per unit of the interpolated
direction ``c`` (0 where ``c = 0``); every step has length ``lr`` per parameter.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from specs import Param

from . import params as P
from ._pyopt import decay_params, opening, weight_decay
from .base import Optimizer
from .common import lerp
from .explain import FIRST_MOMENT_DOC, STEPS_DOC, Equation, Step, num, vec


class LionState(NamedTuple):
    t: int
    exp_avg: np.ndarray


def init(params, hp) -> LionState:
    return LionState(0, np.zeros(np.shape(params)))


def _rate(lr: float, c: np.ndarray) -> np.ndarray:
    mag = np.abs(c)
    return np.where(mag > 0, lr / np.where(mag > 0, mag, 1.0), 0.0)


def update(grad, state: LionState, params, hp, hessian=None):
    lr, beta1, beta2 = hp["lr"], hp["beta1"], hp["beta2"]
    params, g = weight_decay(grad, params, hp)
    c = lerp(state.exp_avg, g, 1.0 - beta1)
    m = lerp(state.exp_avg, g, 1.0 - beta2)
    new_params = params + (-lr) * np.sign(c)
    return new_params, LionState(state.t + 1, m), _rate(lr, c)


STATE_DOC = (STEPS_DOC, (FIRST_MOMENT_DOC[0], "m: momentum, the running mean of gradients (rate 1 − β2)"))


def explain(s: Step) -> list[Equation]:
    """Lion's rule with this step's numbers."""
    b1, b2 = float(s.hp["beta1"]), float(s.hp["beta2"])
    lines, theta, g = opening(s)
    m0 = s.before.exp_avg
    c = m0 + (1 - b1) * (g - m0)
    m = m0 + (1 - b2) * (g - m0)
    lines += [
        Equation("c", "β1·m + (1 − β1)·g", f"{num(b1)}·{vec(m0)} + {num(1 - b1)}·{vec(g)}", c),
        Equation("m", "β2·m + (1 − β2)·g", f"{num(b2)}·{vec(m0)} + {num(1 - b2)}·{vec(g)}", m, "exp_avg"),
        Equation("η", "lr / |c|", f"{num(s.lr)} / |{vec(c)}|", _rate(s.lr, c), "effective_lr"),
        Equation(
            "θ", "θ − lr·sign(c)", f"{vec(theta)} − {num(s.lr)}·{vec(np.sign(c))}", theta - s.lr * np.sign(c), "theta"
        ),
    ]
    return lines


OPTIMIZERS = (
    Optimizer(
        "lion",
        "Lion",
        "pytorch_optimizer.Lion",
        "sign of a momentum-gradient blend: every parameter moves by lr each step",
        (
            P.lr(1e-4),
            Param("beta1", "float", 0.9, "weight of the momentum in the step direction c (betas[0])", low=0.0,
                  high=1.0, high_open=True),
            Param("beta2", "float", 0.99, "decay rate of the momentum m (betas[1])", low=0.0, high=1.0,
                  high_open=True),
            *decay_params(True),
        ),
        init,
        update,
        __doc__,
        state_doc=STATE_DOC,
        explain=explain,
        order=100,
    ),
)  # fmt: skip

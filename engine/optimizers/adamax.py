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
        order=80,
    ),
)

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
        order=40,
    ),
)

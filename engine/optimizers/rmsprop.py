"""RMSProp (torch.optim.RMSprop), optionally centered and with momentum.

The update of step ``t``::

    g = grad + weight_decay * theta
    v = alpha * v + (1 - alpha) * g * g
    centered:  gbar = lerp(gbar, g, 1 - alpha);  d = sqrt(v - gbar^2) + eps
    otherwise: d = sqrt(v) + eps
    momentum > 0:  b = momentum * b + g / d;  theta = theta - lr * b
    otherwise:     theta = theta - lr * g / d

Effective learning rate: ``lr / d``.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from specs import Param

from . import params as P
from .base import Optimizer
from .common import l2, lerp


class RMSpropState(NamedTuple):
    t: int
    square_avg: np.ndarray
    grad_avg: np.ndarray
    buf: np.ndarray


def init(params, hp) -> RMSpropState:
    z = np.zeros(np.shape(params))
    return RMSpropState(0, z, z, z)


def update(grad, state: RMSpropState, params, hp, hessian=None):
    lr, alpha, momentum = hp["lr"], hp["alpha"], hp["momentum"]
    g = l2(grad, params, hp["weight_decay"])
    v = state.square_avg * alpha + ((1.0 - alpha) * g) * g
    gbar = state.grad_avg
    if hp["centered"]:
        gbar = lerp(gbar, g, 1.0 - alpha)
        d = np.sqrt(v + ((-1.0) * gbar) * gbar) + hp["eps"]
    else:
        d = np.sqrt(v) + hp["eps"]
    buf = state.buf
    if momentum > 0.0:
        buf = buf * momentum + g / d
        new_params = params + (-lr) * buf
    else:
        new_params = params + ((-lr) * g) / d
    return new_params, RMSpropState(state.t + 1, v, gbar, buf), lr / d


OPTIMIZERS = (
    Optimizer(
        "rmsprop",
        "RMSProp",
        "torch.optim.RMSprop",
        "per-parameter rates from a running mean of squared gradients",
        (
            P.lr(1e-2),
            Param("alpha", "float", 0.99, "smoothing constant of the squared-gradient average", low=0.0, high=1.0),
            P.eps(1e-8),
            P.weight_decay(),
            P.momentum(0.0),
            Param("centered", "bool", False, "normalise by the estimated variance of the gradient"),
        ),
        init,
        update,
        __doc__,
        order=30,
    ),
)

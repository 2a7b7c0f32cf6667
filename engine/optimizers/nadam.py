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
        order=60,
    ),
)

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
        order=70,
    ),
)

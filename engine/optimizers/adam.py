"""Adam, AMSGrad and AdamW (torch.optim.Adam / AdamW).

Weight decay is coupled (L2, ``g = grad + weight_decay * theta``) unless
``decoupled_weight_decay`` (AdamW), which first does
``theta = theta * (1 - lr * weight_decay)``. Then::

    g = grad + weight_decay * theta      (decoupled_weight_decay: g = grad; theta = theta * (1 - lr * weight_decay))
    m = lerp(m, g, 1 - beta1)
    v = beta2 * v + (1 - beta2) * g * g
    amsgrad: vmax = max(vmax, v), used in place of v below
    theta = theta - (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)

Effective learning rate: ``(lr / (1 - beta1^t)) / (sqrt(v) / sqrt(1 - beta2^t) + eps)``.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from specs import Param

from . import params as P
from .base import Optimizer, with_fixed
from .common import moments, weight_decay


class AdamState(NamedTuple):
    t: int
    exp_avg: np.ndarray
    exp_avg_sq: np.ndarray
    max_exp_avg_sq: np.ndarray


def init(params, hp) -> AdamState:
    z = np.zeros(np.shape(params))
    return AdamState(0, z, z, z)


def update(grad, state: AdamState, params, hp, hessian=None):
    lr, beta1, beta2 = hp["lr"], hp["beta1"], hp["beta2"]
    t = state.t + 1
    params, g = weight_decay(grad, params, hp)
    m, v = moments(state.exp_avg, state.exp_avg_sq, g, beta1, beta2)
    step_size = lr / (1.0 - beta1**t)
    bc2_sqrt = (1.0 - beta2**t) ** 0.5
    vmax = state.max_exp_avg_sq
    if hp["amsgrad"]:
        vmax = np.maximum(vmax, v)
        denom = np.sqrt(vmax) / bc2_sqrt + hp["eps"]
    else:
        denom = np.sqrt(v) / bc2_sqrt + hp["eps"]
    new_params = params + ((-step_size) * m) / denom
    return new_params, AdamState(t, m, v, vmax), step_size / denom


def _params(lr: float, weight_decay: float, amsgrad: bool, decoupled: bool | None) -> tuple[Param, ...]:
    params = [
        P.lr(lr),
        P.beta1(),
        P.beta2(),
        P.eps(1e-8),
        P.weight_decay(weight_decay, decoupled=bool(decoupled)),
        Param("amsgrad", "bool", amsgrad, "use the maximum of past v (AMSGrad variant)"),
    ]
    if decoupled is not None and not decoupled:
        params.append(P.decoupled(False))
    return tuple(params)


OPTIMIZERS = (
    Optimizer(
        "adam",
        "Adam",
        "torch.optim.Adam",
        "momentum plus per-parameter rates from bias-corrected moment estimates",
        _params(1e-3, 0.0, False, False),
        init,
        update,
        __doc__,
        order=50,
    ),
    Optimizer(
        "amsgrad",
        "AMSGrad",
        "torch.optim.Adam(amsgrad=True)",
        "Adam that never lets its per-parameter rates grow: uses the running maximum of v",
        _params(1e-3, 0.0, True, False),
        init,
        update,
        __doc__,
        order=51,
    ),
    Optimizer(
        "adamw",
        "AdamW",
        "torch.optim.AdamW",
        "Adam with decoupled weight decay",
        _params(1e-3, 1e-2, False, None),
        init,
        with_fixed(update, decoupled_weight_decay=True),
        __doc__,
        order=52,
    ),
)

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

from dataclasses import replace
from typing import NamedTuple

import numpy as np

from specs import Param

from . import params as P
from .base import Optimizer, with_fixed
from .common import moments, weight_decay
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


STATE_DOC = (
    STEPS_DOC,
    FIRST_MOMENT_DOC,
    SECOND_MOMENT_DOC,
    ("max_exp_avg_sq", "vmax: the largest v so far (AMSGrad only)"),
)


def explain(s: Step) -> list[Equation]:
    """Adam's (AMSGrad's, AdamW's) rule with this step's numbers."""
    hp, t = s.hp, s.t
    b1, b2, eps = float(hp["beta1"]), float(hp["beta2"]), float(hp["eps"])
    lines, theta, g = opening_lines(s)
    more, m, v = moment_lines(s, g)
    lines += more
    if hp["amsgrad"]:
        vm0 = s.before.max_exp_avg_sq
        v = np.maximum(vm0, v)
        lines.append(Equation("vmax", "max(vmax, v)", f"max({vec(vm0)}, {vec(more[1].value)})", v, "max_exp_avg_sq"))
    vname = "vmax" if hp["amsgrad"] else "v"
    bc1, bc2 = 1 - b1**t, 1 - b2**t
    lines.append(mhat_line(s, m))
    mhat, vhat = lines[-1].value, v / bc2
    lines.append(Equation("v̂", f"{vname} / (1 − β2^t)", f"{vec(v)} / (1 − {num(b2)}^{t})", vhat))
    rate = (s.lr / bc1) / (np.sqrt(v) / np.sqrt(bc2) + eps)
    lines.append(
        Equation(
            "η",
            "lr / (1 − β1^t) / (√v̂ + ε)",
            f"{num(s.lr)} / {num(bc1)} / (√{vec(vhat)} + {num(eps)})",
            rate,
            "effective_lr",
        )
    )
    new = theta - s.lr * mhat / (np.sqrt(vhat) + eps)
    lines.append(
        Equation(
            "θ",
            "θ − lr·m̂ / (√v̂ + ε)",
            f"{vec(theta)} − {num(s.lr)}·{vec(mhat)} / (√{vec(vhat)} + {num(eps)})",
            new,
            "theta",
        )
    )
    return lines


def _explain_adamw(s: Step) -> list[Equation]:
    return explain(replace(s, hp={**s.hp, "decoupled_weight_decay": True}))


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
        state_doc=STATE_DOC,
        explain=explain,
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
        state_doc=STATE_DOC,
        explain=explain,
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
        state_doc=STATE_DOC,
        explain=_explain_adamw,
        order=52,
    ),
)

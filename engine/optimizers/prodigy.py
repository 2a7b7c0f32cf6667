"""Prodigy, a learning-rate-free Adam (Mishchenko & Defazio, 2023; reference: pytorch_optimizer.Prodigy).

Prodigy estimates ``d``, the distance from the start to the solution, and uses
``d * lr`` as Adam's step size (``lr`` stays 1 in normal use). The estimate only
grows: ``d_hat`` compares how far the gradients have pulled the parameters from
the start ``p0`` (``num``) with the size of the accumulated gradients (``|s|``).
The update of step ``t`` (``d`` starts at ``d0``; ``beta3 < 0`` means ``sqrt(beta2)``,
the reference's ``beta3=None``)::

    bc = (1 - beta1^t) / sqrt(1 - beta2^t) if bias_correction else 1
    d_lr = d * lr / bc
    num = beta3 * num + (d / d0) * d_lr * <g, p0 - theta>
    m = beta1 * m + d * (1 - beta1) * g
    v = beta2 * v + d^2 * (1 - beta2) * g * g
    s = beta3 * s + (d / d0) * (d if safeguard_warmup else d_lr) * g
    |s| = 0: no step (the moments above are kept; d is not updated)
    d_hat = d_coef * num / |s|_1
    d = max(d, d_hat) while d = d0;   d_max = max(d_max, d_hat);   d = min(d_max, d * growth_rate)
    theta = theta * (1 - weight_decay * d_lr)      (weight_decouple; fixed_decay: 1 - weight_decay)
    theta = theta - d_lr * m / (sqrt(v) + d * eps)

With ``weight_decouple=false`` the reference adds ``weight_decay * theta`` to the
gradient after the moments have used it, so coupled weight decay has no effect; this
is reproduced as it is. The reference's ``eps=None`` (an atan2 update) is not offered.

Effective learning rate: ``d_lr * d / (sqrt(v) + d * eps)`` (the new ``d``): the
factor that multiplies ``m / d``, the running mean of the gradients once ``d`` has
settled.
"""

from __future__ import annotations

import math
import sys
from typing import NamedTuple

import numpy as np

from specs import Param

from . import params as P
from ._pyopt import decay_params
from .base import Optimizer
from .explain import FIRST_MOMENT_DOC, SECOND_MOMENT_DOC, STEPS_DOC, Equation, Step, first_line, num, vec

#: growth_rate's default: the reference's inf (a Param is finite); d * NO_LIMIT >= d_max always
NO_LIMIT = sys.float_info.max


class ProdigyState(NamedTuple):
    t: int
    p0: np.ndarray
    exp_avg: np.ndarray
    exp_avg_sq: np.ndarray
    s: np.ndarray
    d_numerator: np.ndarray  # (B,)
    d: np.ndarray  # (B,)
    d_max: np.ndarray  # (B,)


def init(params, hp) -> ProdigyState:
    p = np.array(params, dtype=float)
    b = p.shape[:-1]  # (B,) for a batch of 2-D runs, () for a network's flat vector (one group)
    z = np.zeros(p.shape)
    d0 = float(hp["d0"])
    return ProdigyState(0, p.copy(), z, z, z, np.zeros(b), np.full(b, d0), np.full(b, d0))


def _beta3(hp) -> float:
    return hp["beta3"] if hp["beta3"] >= 0 else math.sqrt(hp["beta2"])


def _d_lr(t: int, d: np.ndarray, hp) -> np.ndarray:
    if hp["bias_correction"]:
        bc = (1.0 - math.pow(hp["beta1"], t)) / math.sqrt(1.0 - math.pow(hp["beta2"], t))
    else:
        bc = 1.0
    return d * hp["lr"] / bc


def update(grad, state: ProdigyState, params, hp, hessian=None):
    beta1, beta2, d0 = hp["beta1"], hp["beta2"], hp["d0"]
    beta3 = _beta3(hp)
    t = state.t + 1
    d = state.d
    d_lr = _d_lr(t, d, hp)
    g = grad
    diff = state.p0 - params
    flat = g.ndim == 1  # a network's flat vector: the sums run over all its parameters (the reference's group)
    dot = np.dot(g, diff) if flat else g[:, 0] * diff[:, 0] + g[:, 1] * diff[:, 1]
    numer = state.d_numerator * beta3 + ((d / d0) * d_lr) * dot
    dc, dd = d[..., None], (d * d)[..., None]
    m = state.exp_avg * beta1 + (dc * (1.0 - beta1)) * g
    v = state.exp_avg_sq * beta2 + ((dd * (1.0 - beta2)) * g) * g
    coef = (d / d0) * (d if hp["safeguard_warmup"] else d_lr)
    s = state.s * beta3 + coef[..., None] * g
    denom_d = 0.0 + (np.abs(s).sum() if flat else np.abs(s[:, 0]) + np.abs(s[:, 1]))
    moving = denom_d != 0
    d_hat = np.where(moving, (hp["d_coef"] * numer) / np.where(moving, denom_d, 1.0), d)
    d_new = np.where(d == d0, np.maximum(d, d_hat), d)
    d_max = np.maximum(state.d_max, d_hat)
    d_new = np.minimum(d_max, d_new * hp["growth_rate"])
    d_new = np.where(moving, d_new, d)
    d_max = np.where(moving, d_max, state.d_max)
    p = params
    if hp["weight_decay"] != 0.0 and hp["weight_decouple"]:
        factor = 1.0 - hp["weight_decay"] * (1.0 if hp["fixed_decay"] else d_lr)
        p = p * np.broadcast_to(np.asarray(factor, dtype=float), d.shape)[..., None]
    denom = np.sqrt(v) + (d_new * hp["eps"])[..., None]
    new_params = p + ((-d_lr)[..., None] * m) / denom
    new_params = np.where(moving[..., None], new_params, params)
    rate = np.where(moving[..., None], (d_lr * d_new)[..., None] / denom, 0.0)
    return new_params, ProdigyState(t, state.p0, m, v, s, numer, d_new, d_max), rate


STATE_DOC = (
    STEPS_DOC,
    ("p0", "p0: the start"),
    (FIRST_MOMENT_DOC[0], "m: running mean of d·g"),
    (SECOND_MOMENT_DOC[0], "v: running mean of d²·g²"),
    ("s", "s: running sum of the scaled gradients (the denominator of d̂ is |s|₁)"),
    ("d_numerator", "num: running sum of the scaled ⟨g, p0 − θ⟩"),
    ("d", "d: the distance estimate (the step size is d·lr)"),
    ("d_max", "d_max: the largest d̂ so far"),
)


def explain(st: Step) -> list[Equation]:
    """Prodigy's rule with this step's numbers."""
    hp, t = st.hp, st.t
    b1, b2, d0, eps = float(hp["beta1"]), float(hp["beta2"]), float(hp["d0"]), float(hp["eps"])
    b3 = _beta3(hp)
    d = float(st.before.d)
    d_lr = float(_d_lr(t, np.array(d), hp))
    g, theta = st.grad, st.theta
    dot = float(g @ (st.before.p0 - theta))
    n0 = float(st.before.d_numerator)
    numer = b3 * n0 + (d / d0) * d_lr * dot
    m = b1 * st.before.exp_avg + d * (1 - b1) * g
    v = b2 * st.before.exp_avg_sq + d * d * (1 - b2) * g * g
    coef = (d / d0) * (d if hp["safeguard_warmup"] else d_lr)
    s = b3 * st.before.s + coef * g
    lines = [
        first_line(st),
        Equation("d_lr", "d·lr / bc", f"{num(d)}·{num(st.lr)} / …", d_lr),
        Equation("num", "β3·num + (d/d0)·d_lr·⟨g, p0 − θ⟩", f"{num(b3)}·{num(n0)} + … ·{num(dot)}", numer,
                 "d_numerator"),
        Equation("m", "β1·m + d·(1 − β1)·g", f"{num(b1)}·{vec(st.before.exp_avg)} + {num(d * (1 - b1))}·{vec(g)}", m,
                 "exp_avg"),
        Equation("v", "β2·v + d²·(1 − β2)·g²",
                 f"{num(b2)}·{vec(st.before.exp_avg_sq)} + {num(d * d * (1 - b2))}·{vec(g)}²", v, "exp_avg_sq"),
        Equation("s", "β3·s + (d/d0)·(d or d_lr)·g", f"{num(b3)}·{vec(st.before.s)} + {num(coef)}·{vec(g)}", s, "s"),
    ]  # fmt: skip
    den = float(np.abs(s).sum())
    if den == 0:
        lines.append(Equation("θ", "θ (|s| = 0: no step)", vec(theta), theta, "theta"))
        return lines
    d_hat = float(hp["d_coef"]) * numer / den
    d_new = max(d, d_hat) if d == d0 else d
    d_max = max(float(st.before.d_max), d_hat)
    d_new = min(d_max, d_new * hp["growth_rate"])
    lines += [
        Equation("d̂", "d_coef·num / |s|₁", f"{num(hp['d_coef'])}·{num(numer)} / {num(den)}", d_hat),
        Equation("d_max", "max(d_max, d̂)", "", d_max, "d_max"),
        Equation("d", "min(d_max, d·growth_rate)", "", d_new, "d"),
    ]
    p = theta
    wd = float(hp["weight_decay"])
    if wd and hp["weight_decouple"]:
        p = theta * (1 - wd * (1.0 if hp["fixed_decay"] else d_lr))
        lines.append(Equation("θ", "θ·(1 − weight_decay·d_lr)", "", p))
    denom = np.sqrt(v) + d_new * eps
    rate = d_lr * d_new / denom
    lines.append(
        Equation("η", "d_lr·d / (√v + d·ε)", f"{num(d_lr)}·{num(d_new)} / (√{vec(v)} + {num(d_new * eps)})", rate,
                 "effective_lr")
    )  # fmt: skip
    lines.append(
        Equation("θ", "θ − d_lr·m / (√v + d·ε)", f"{vec(p)} − {num(d_lr)}·{vec(m)} / {vec(denom)}",
                 p - d_lr * m / denom, "theta")
    )  # fmt: skip
    return lines


OPTIMIZERS = (
    Optimizer(
        "prodigy",
        "Prodigy",
        "pytorch_optimizer.Prodigy",
        "Adam whose step size d·lr is learned: d estimates the distance to the solution (keep lr = 1)",
        (
            P.lr(1.0),
            P.beta1(),
            P.beta2(),
            Param("beta3", "float", -1.0, "decay of num and s (< 0: sqrt(beta2), the reference's None)", low=-1.0,
                  high=1.0, high_open=True),
            Param("d0", "float", 1e-6, "initial distance estimate d", low=0.0, low_open=True, log=True, gui_max=1e3),
            Param("d_coef", "float", 1.0, "factor of the estimate d̂", low=0.0, low_open=True, log=True, gui_max=1e3),
            Param("growth_rate", "float", NO_LIMIT, "d grows by at most this factor per step (default: the largest"
                  " float, no limit: the reference's inf)", low=1.0, log=True),
            *decay_params(True),
            Param("bias_correction", "bool", False, "Adam's bias correction in d_lr"),
            Param("safeguard_warmup", "bool", False, "use d instead of d_lr in s (avoids overestimating d in warmup)"),
            P.eps(1e-8),
        ),
        init,
        update,
        __doc__,
        state_doc=STATE_DOC,
        explain=explain,
        order=112,
    ),
)  # fmt: skip

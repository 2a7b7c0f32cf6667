"""QHM and QHAdam, quasi-hyperbolic momentum (Ma & Yarats, 2019; reference:
pytorch_optimizer.QHM and pytorch_optimizer.QHAdam).

Quasi-hyperbolic methods step along a weighted average of the momentum and the
plain gradient: ``nu = 1`` is ordinary momentum (Adam for QHAdam), ``nu = 0``
plain SGD (RMSprop-like for QHAdam). QHM's update of step ``t``::

    weight decay (weight_decouple=false, the default): g = grad + weight_decay * theta
                 (weight_decouple: theta = theta * (1 - weight_decay * lr); fixed_decay: theta * (1 - weight_decay))
    buf = lerp(buf, g, 1 - momentum)
    theta = theta - lr * nu * buf
    theta = theta - lr * (1 - nu) * g

QHAdam's, with ``w1 = 1 + beta1 w1`` and ``w2 = 1 + beta2 w2`` (both start at 0 and are
kept in float32, as the reference keeps them)::

    weight decay as in QHM
    m = lerp(m, g, 1 / w1)                 (the bias-corrected mean: m = g at step 1)
    v = lerp(v, g^2, 1 / w2)
    theta = theta - lr * (nu1 * m + (1 - nu1) * g) / (sqrt(nu2 * v + (1 - nu2) * g^2) + eps)

Effective learning rate: ``lr`` for QHM (the factor of its blend ``nu * buf + (1 - nu) * g``);
``lr / (sqrt(nu2 * v + (1 - nu2) * g^2) + eps)`` for QHAdam.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from specs import Param

from . import params as P
from ._pyopt import decay_params, opening, weight_decay
from .base import Optimizer
from .common import constant_rate, lerp
from .explain import FIRST_MOMENT_DOC, SECOND_MOMENT_DOC, STEPS_DOC, Equation, Step, num, vec


class QHMState(NamedTuple):
    t: int
    momentum_buffer: np.ndarray


def init(params, hp) -> QHMState:
    return QHMState(0, np.zeros(np.shape(params)))


def update(grad, state: QHMState, params, hp, hessian=None):
    lr, nu = hp["lr"], hp["nu"]
    params, g = weight_decay(grad, params, hp)
    buf = lerp(state.momentum_buffer, g, 1.0 - hp["momentum"])
    new_params = params + (-lr * nu) * buf
    new_params = new_params + (-lr * (1.0 - nu)) * g
    return new_params, QHMState(state.t + 1, buf), constant_rate(params, lr)


class QHAdamState(NamedTuple):
    t: int
    beta1_weight: np.ndarray  # (B,), float32 as in the reference
    beta2_weight: np.ndarray
    exp_avg: np.ndarray
    exp_avg_sq: np.ndarray


def init_adam(params, hp) -> QHAdamState:
    runs = np.shape(params)[:-1]  # (B,) for a batch of 2-D runs, () for a network's flat vector
    z = np.zeros(np.shape(params))
    return QHAdamState(0, np.zeros(runs, np.float32), np.zeros(runs, np.float32), z, z)


def _weights(state: QHAdamState, hp) -> tuple[np.ndarray, np.ndarray]:
    """w1, w2 after this step, in float32 (torch multiplies a float32 tensor by a Python float in float32)."""
    w1 = state.beta1_weight * np.float32(hp["beta1"]) + np.float32(1.0)
    w2 = state.beta2_weight * np.float32(hp["beta2"]) + np.float32(1.0)
    return w1.astype(np.float32), w2.astype(np.float32)


def _lerp_rows(start: np.ndarray, end: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """torch.lerp with a weight per row (shape (B,); () for one flat vector), torch's rounding rule per row."""
    w = weight[..., None]
    diff = end - start
    return np.where(np.abs(w) < 0.5, start + w * diff, end - diff * (1.0 - w))


def update_adam(grad, state: QHAdamState, params, hp, hessian=None):
    lr, nu1, nu2 = hp["lr"], hp["nu1"], hp["nu2"]
    params, g = weight_decay(grad, params, hp)
    w1, w2 = _weights(state, hp)
    g2 = g**2
    m = _lerp_rows(state.exp_avg, g, (np.float32(1.0) / w1).astype(np.float64))
    v = _lerp_rows(state.exp_avg_sq, g2, (np.float32(1.0) / w2).astype(np.float64))
    avg_grad = m * nu1 + (1.0 - nu1) * g if nu1 != 1.0 else m
    rms = v * nu2
    if nu2 != 1.0:
        rms = rms + (1.0 - nu2) * g2
    denom = np.sqrt(rms) + hp["eps"]
    new_params = params + ((-lr) * avg_grad) / denom
    return new_params, QHAdamState(state.t + 1, w1, w2, m, v), lr / denom


STATE_DOC = (
    STEPS_DOC,
    ("momentum_buffer", "buf: momentum, the running mean of gradients (rate 1 − momentum)"),
)
STATE_DOC_ADAM = (
    STEPS_DOC,
    ("beta1_weight", "w1 = 1 + β1·w1: the bias correction of m (float32)"),
    ("beta2_weight", "w2 = 1 + β2·w2: the bias correction of v (float32)"),
    (FIRST_MOMENT_DOC[0], "m: bias-corrected running mean of gradients"),
    (SECOND_MOMENT_DOC[0], "v: bias-corrected running mean of squared gradients"),
)


def explain(s: Step) -> list[Equation]:
    """QHM's rule with this step's numbers."""
    mom, nu = float(s.hp["momentum"]), float(s.hp["nu"])
    lines, theta, g = opening(s)
    b0 = s.before.momentum_buffer
    b = mom * b0 + (1 - mom) * g
    d = nu * b + (1 - nu) * g
    lines += [
        Equation(
            "buf", "momentum·buf + (1 − momentum)·g", f"{num(mom)}·{vec(b0)} + {num(1 - mom)}·{vec(g)}", b,
            "momentum_buffer",
        ),
        Equation("d", "nu·buf + (1 − nu)·g", f"{num(nu)}·{vec(b)} + {num(1 - nu)}·{vec(g)}", d),
        Equation("η", "lr", num(s.lr), np.full(2, s.lr), "effective_lr"),
        Equation("θ", "θ − lr·d", f"{vec(theta)} − {num(s.lr)}·{vec(d)}", theta - s.lr * d, "theta"),
    ]  # fmt: skip
    return lines


def explain_adam(s: Step) -> list[Equation]:
    """QHAdam's rule with this step's numbers."""
    hp = s.hp
    b1, b2, nu1, nu2, eps = (float(hp[k]) for k in ("beta1", "beta2", "nu1", "nu2", "eps"))
    lines, theta, g = opening(s)
    w10, w20 = float(s.before.beta1_weight), float(s.before.beta2_weight)
    w1, w2 = float(s.after.beta1_weight), float(s.after.beta2_weight)
    m0, v0 = s.before.exp_avg, s.before.exp_avg_sq
    r1, r2 = float(np.float32(1.0) / np.float32(w1)), float(np.float32(1.0) / np.float32(w2))  # float32 1/w
    m = m0 + (g - m0) * r1
    v = v0 + (g * g - v0) * r2
    d = nu1 * m + (1 - nu1) * g
    rms = nu2 * v + (1 - nu2) * g * g
    rate = s.lr / (np.sqrt(rms) + eps)
    lines += [
        Equation("w1", "1 + β1·w1", f"1 + {num(b1)}·{num(w10)}", w1, "beta1_weight"),
        Equation("w2", "1 + β2·w2", f"1 + {num(b2)}·{num(w20)}", w2, "beta2_weight"),
        Equation("m", "m + (g − m)·(1/w1)", f"{vec(m0)} + ({vec(g)} − {vec(m0)})·{num(r1)}", m, "exp_avg"),
        Equation("v", "v + (g² − v)·(1/w2)", f"{vec(v0)} + ({vec(g)}² − {vec(v0)})·{num(r2)}", v, "exp_avg_sq"),
        Equation("d", "nu1·m + (1 − nu1)·g", f"{num(nu1)}·{vec(m)} + {num(1 - nu1)}·{vec(g)}", d),
        Equation(
            "η", "lr / (√(nu2·v + (1 − nu2)·g²) + ε)", f"{num(s.lr)} / (√{vec(rms)} + {num(eps)})", rate,
            "effective_lr",
        ),
        Equation("θ", "θ − η·d", f"{vec(theta)} − {vec(rate)}·{vec(d)}", theta - rate * d, "theta"),
    ]  # fmt: skip
    return lines


def _nu(name: str, doc: str) -> Param:
    return Param(name, "float", 1.0, doc, low=0.0, high=1.0)


OPTIMIZERS = (
    Optimizer(
        "qhm",
        "QHM",
        "pytorch_optimizer.QHM",
        "quasi-hyperbolic momentum: steps along nu·momentum + (1 − nu)·gradient",
        (
            P.lr(1e-3),
            P.momentum(0.0),
            _nu("nu", "weight of the momentum in the step (1: momentum SGD, 0: plain SGD)"),
            *decay_params(False),
        ),
        init,
        update,
        __doc__,
        state_doc=STATE_DOC,
        explain=explain,
        order=103,
    ),
    Optimizer(
        "qhadam",
        "QHAdam",
        "pytorch_optimizer.QHAdam",
        "quasi-hyperbolic Adam: each moment blended with the current gradient (nu1 = nu2 = 1: Adam)",
        (
            P.lr(1e-3),
            P.beta1(),
            P.beta2(),
            _nu("nu1", "weight of m in the numerator (nus[0]; 1: Adam's m, 0: the gradient)"),
            _nu("nu2", "weight of v in the denominator (nus[1]; 1: Adam's v, 0: g²)"),
            *decay_params(False),
            P.eps(1e-8),
        ),
        init_adam,
        update_adam,
        __doc__,
        state_doc=STATE_DOC_ADAM,
        explain=explain_adam,
        order=104,
    ),
)

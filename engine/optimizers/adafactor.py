"""Adafactor (torch.optim.Adafactor; Shazeer & Stern, 2018).

Adafactor factors the second moment of a matrix parameter into row and column
means. The racer's parameter is one vector of two numbers, so, exactly as in
torch for a 1-D tensor, nothing is factored: ``v`` is an elementwise running
mean of ``g * g``. The step is relative to the size of the parameters (their RMS)
and clipped by the RMS of the update. The update of step ``t``::

    beta2_t = 1 - t ^ beta2_decay                    (lerp weight t ^ beta2_decay)
    rho = min(lr, 1 / sqrt(t))
    alpha = max(eps2, RMS(theta)) * rho              (RMS(theta) = |theta| / sqrt(2), before the decay)
    theta = theta * (1 - lr * weight_decay)
    v = lerp(v, g * g, t ^ beta2_decay)
    u = g / sqrt(max(v, eps1^2))
    theta = theta - alpha / max(1, RMS(u) / d) * u

``eps1`` defaults to the float64 machine epsilon (torch's ``eps=(None, ...)``).
``alpha`` couples the two coordinates: a racer far from the origin takes larger steps.

On a network (one flat vector holding the layers' tensors, :func:`common.parameter_tensors`)
everything above is per tensor, as torch does for a model's parameters: ``RMS(theta)``,
``RMS(u)`` and so ``alpha`` and the clipping are each tensor's own, a bias vector keeps the
elementwise ``v``, and a weight matrix ``W`` (rows x cols) keeps only the factored second
moment, a running mean per row and per column::

    r = lerp(r, mean over columns of g * g, t ^ beta2_decay)       (rows x 1)
    c = lerp(c, mean over rows of g * g, t ^ beta2_decay)          (1 x cols)
    v = r c / max(mean(r), eps1)                                   (the rank-1 estimate used above)

Effective learning rate: ``alpha / max(1, RMS(u) / d) / sqrt(max(v, eps1^2))``.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from specs import Param

from .base import Optimizer
from .common import lerp, tensor_shapes
from .explain import STEPS_DOC, Equation, Step, num, opening_lines, vec

EPS64 = float(np.finfo(np.float64).eps)
_SQRT2 = 2.0**0.5


class TensorVariance(NamedTuple):
    """The second moment of one tensor of a flat vector: its place, shape and running means
    (``row`` the elementwise ``v`` of a vector, or a matrix's row means (rows, 1); ``col`` its
    column means (1, cols), None for a vector)."""

    start: int
    shape: tuple[int, ...]
    row: np.ndarray
    col: np.ndarray | None


class AdafactorState(NamedTuple):
    t: int
    # (B, 2) for 2-D runs; for a flat vector, one TensorVariance per tensor (common.parameter_tensors)
    variance: np.ndarray | tuple[TensorVariance, ...]


def init(params, hp) -> AdafactorState:
    shape = np.shape(params)
    if len(shape) != 1:
        return AdafactorState(0, np.zeros(shape))
    tensors, start = [], 0
    for ts in tensor_shapes(shape[0]):
        if len(ts) == 1:
            tensors.append(TensorVariance(start, ts, np.zeros(ts), None))
        elif len(ts) == 2:
            tensors.append(TensorVariance(start, ts, np.zeros((ts[0], 1)), np.zeros((1, ts[1]))))
        else:
            raise ValueError(f"adafactor factors vectors and matrices only, not a tensor of shape {ts}")
        start += int(np.prod(ts))
    return AdafactorState(0, tuple(tensors))


def _update_tensors(grad, state: AdafactorState, params, hp):
    """torch.optim.Adafactor's step over the tensors of a flat vector (one after the other, as torch's
    single-tensor loop; Python's max as torch's, so a NaN norm counts as not above the floor)."""
    lr, eps1, eps2, d = hp["lr"], hp["eps1"], hp["eps2"], hp["d"]
    t = state.t + 1
    weight = float(t) ** hp["beta2_decay"]
    rho = min(lr, 1.0 / (float(t) ** 0.5))
    new_params = np.empty_like(params)
    rate = np.empty_like(params)
    tensors = []
    for tv in state.variance:
        n = int(np.prod(tv.shape))
        part = slice(tv.start, tv.start + n)
        p, g = params[part], grad[part]
        alpha = max(eps2, float(np.linalg.norm(p)) / (n**0.5)) * rho
        if hp["weight_decay"] != 0.0:
            p = p * (1.0 - lr * hp["weight_decay"])
        if tv.col is not None:
            rows, cols = tv.shape
            gm = g.reshape(tv.shape)
            row = lerp(tv.row, np.square(np.linalg.norm(gm, axis=-1, keepdims=True)) / cols, weight)
            col = lerp(tv.col, np.square(np.linalg.norm(gm, axis=-2, keepdims=True)) / rows, weight)
            var = ((row @ col) / np.maximum(row.mean(axis=-2, keepdims=True), eps1)).reshape(n)
            tensors.append(TensorVariance(tv.start, tv.shape, row, col))
        else:
            var = lerp(tv.row, g * g, weight)
            tensors.append(TensorVariance(tv.start, tv.shape, var, None))
        inv = 1.0 / np.sqrt(np.maximum(var, eps1 * eps1))
        u = inv * g
        scale = alpha / max(1.0, float(np.linalg.norm(u)) / ((n**0.5) * d))
        new_params[part] = p + (-scale) * u
        rate[part] = scale * inv
    return new_params, AdafactorState(t, tuple(tensors)), rate


def _rms(a: np.ndarray) -> np.ndarray:
    """|a| / sqrt(2) per row, as torch's ``norm(2) / numel ** 0.5`` (shape (B, 1))."""
    return np.sqrt(a[:, 0:1] * a[:, 0:1] + a[:, 1:2] * a[:, 1:2]) / _SQRT2


def update(grad, state: AdafactorState, params, hp, hessian=None):
    if isinstance(state.variance, tuple):
        return _update_tensors(grad, state, params, hp)
    lr, eps1, d = hp["lr"], hp["eps1"], hp["d"]
    t = state.t + 1
    weight = float(t) ** hp["beta2_decay"]
    rho = min(lr, 1.0 / (float(t) ** 0.5))
    alpha = np.maximum(hp["eps2"], _rms(params)) * rho
    if hp["weight_decay"] != 0.0:
        params = params * (1.0 - lr * hp["weight_decay"])
    v = lerp(state.variance, grad * grad, weight)
    inv = 1.0 / np.sqrt(np.maximum(v, eps1 * eps1))
    u = inv * grad
    denom = np.maximum(1.0, _rms(u) / d)
    scale = alpha / denom
    new_params = params + (-scale) * u
    return new_params, AdafactorState(t, v), scale * inv


STATE_DOC = (
    STEPS_DOC,
    ("variance", "v: running mean of squared gradients (unfactored: the parameter is a vector)"),
)


def explain(s: Step) -> list[Equation]:
    """Adafactor's rule with this step's numbers."""
    hp, t = s.hp, s.t
    lr, eps1, eps2, d = s.lr, float(hp["eps1"]), float(hp["eps2"]), float(hp["d"])
    weight = float(t) ** float(hp["beta2_decay"])
    rho = min(lr, 1.0 / t**0.5)
    rms = float(np.linalg.norm(s.theta)) / _SQRT2
    alpha = max(eps2, rms) * rho
    lines, theta, g = opening_lines(s, decoupled=True)
    lines.insert(1, Equation("α", "max(eps2, RMS(θ))·min(lr, 1/√t)", f"max({num(eps2)}, {num(rms)})·{num(rho)}", alpha))
    v0 = s.before.variance
    v = v0 + weight * (g * g - v0)
    lines.append(
        Equation("v", "v + t^beta2_decay·(g² − v)", f"{vec(v0)} + {num(weight)}·({vec(g)}² − {vec(v0)})", v, "variance")
    )
    u = g / np.sqrt(np.maximum(v, eps1 * eps1))
    lines.append(Equation("u", "g / √max(v, eps1²)", f"{vec(g)} / √{vec(np.maximum(v, eps1 * eps1))}", u))
    rms_u = float(np.linalg.norm(u)) / _SQRT2
    scale = alpha / max(1.0, rms_u / d)
    rate = scale / np.sqrt(np.maximum(v, eps1 * eps1))
    lines.append(
        Equation(
            "η",
            "α / max(1, RMS(u)/d) / √max(v, eps1²)",
            f"{num(alpha)} / max(1, {num(rms_u)}/{num(d)}) / √{vec(np.maximum(v, eps1 * eps1))}",
            rate,
            "effective_lr",
        )
    )
    lines.append(
        Equation("θ", "θ − α / max(1, RMS(u)/d)·u", f"{vec(theta)} − {num(scale)}·{vec(u)}", theta - scale * u, "theta")
    )
    return lines


OPTIMIZERS = (
    Optimizer(
        "adafactor",
        "Adafactor",
        "torch.optim.Adafactor",
        "steps relative to the parameters' size, scaled by a running mean of squared gradients and clipped",
        (
            Param(
                "lr",
                "float",
                1e-2,
                "cap of the relative step size rho = min(lr, 1/sqrt(t))",
                low=0.0,
                low_open=True,
                log=True,
                gui_max=1e3,
            ),
            Param("beta2_decay", "float", -0.8, "the second moment's lerp weight is t^beta2_decay", high=0.0),
            Param(
                "eps1",
                "float",
                EPS64,
                "floor of v is eps1^2 (eps[0] in torch; None there = machine epsilon)",
                low=0.0,
                log=True,
                gui_max=1.0,
            ),
            Param(
                "eps2",
                "float",
                1e-3,
                "floor of RMS(theta) in the step size (eps[1] in torch)",
                low=0.0,
                log=True,
                gui_max=1.0,
            ),
            Param("d", "float", 1.0, "clipping threshold of RMS(u)", low=1.0, gui_max=100.0),
            Param(
                "weight_decay",
                "float",
                0.0,
                "decoupled weight decay: theta *= 1 - lr*weight_decay before the step",
                low=0.0,
                gui_max=10.0,
            ),
        ),
        init,
        update,
        __doc__,
        state_doc=STATE_DOC,
        explain=explain,
        order=83,
    ),
)

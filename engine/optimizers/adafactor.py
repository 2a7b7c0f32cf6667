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

Effective learning rate: ``alpha / max(1, RMS(u) / d) / sqrt(max(v, eps1^2))``.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from specs import Param

from .base import Optimizer
from .common import lerp
from .explain import STEPS_DOC, Equation, Step, num, opening_lines, vec

EPS64 = float(np.finfo(np.float64).eps)
_SQRT2 = 2.0**0.5


class AdafactorState(NamedTuple):
    t: int
    variance: np.ndarray


def init(params, hp) -> AdafactorState:
    return AdafactorState(0, np.zeros(np.shape(params)))


def _rms(a: np.ndarray) -> np.ndarray:
    """|a| / sqrt(2) per row, as torch's ``norm(2) / numel ** 0.5`` (shape (B, 1))."""
    return np.sqrt(a[:, 0:1] * a[:, 0:1] + a[:, 1:2] * a[:, 1:2]) / _SQRT2


def update(grad, state: AdafactorState, params, hp, hessian=None):
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

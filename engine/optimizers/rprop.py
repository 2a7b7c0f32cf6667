"""Rprop, resilient backpropagation (torch.optim.Rprop; Riedmiller & Braun, 1993).

Each parameter has its own step size ``s`` (starting at ``lr``) that grows while
the gradient keeps its sign and shrinks when the sign flips; only the sign of the
gradient is used. A flip also skips the step and forgets the gradient, so the
next step cannot flip again. The update of step ``t``::

    sign = sign(g * prev)
    s = clamp(s * etaplus,  step_size_min, step_size_max)   where sign > 0
    s = clamp(s * etaminus, step_size_min, step_size_max)   where sign < 0 (and g = 0 there)
    s = clamp(s,            step_size_min, step_size_max)   where sign = 0
    theta = theta - sign(g) * s
    prev = g

``step_size_min > step_size_max`` gives every step size ``step_size_max``, as torch's clamp
does. ``lr`` only sets the first step size (a learning-rate schedule therefore has no
effect after step 1, as in torch).

Effective learning rate: ``s / |g|``, the step per unit of gradient (0 where the
step was skipped or the gradient is 0).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from specs import Param

from .base import Optimizer
from .explain import STEPS_DOC, Equation, Step, first_line, num, vec


class RpropState(NamedTuple):
    t: int
    prev: np.ndarray
    step_size: np.ndarray


def init(params, hp) -> RpropState:
    shape = np.shape(params)
    return RpropState(0, np.zeros(shape), np.full(shape, float(hp["lr"])))


def _factor(sign: np.ndarray, hp) -> np.ndarray:
    return np.where(sign > 0, hp["etaplus"], np.where(sign < 0, hp["etaminus"], 1.0))


def update(grad, state: RpropState, params, hp, hessian=None):
    sign = np.sign(grad * state.prev)
    factor = _factor(sign, hp)
    step_size = np.minimum(np.maximum(state.step_size * factor, hp["step_size_min"]), hp["step_size_max"])
    g = np.where(sign < 0, 0.0, grad)
    new_params = params - np.sign(g) * step_size
    mag = np.abs(g)
    nonzero = mag > 0
    rate = np.where(nonzero, step_size / np.where(nonzero, mag, 1.0), 0.0)
    return new_params, RpropState(state.t + 1, g, step_size), rate


STATE_DOC = (
    STEPS_DOC,
    ("prev", "prev: previous gradient (0 where its sign flipped: that step was skipped)"),
    ("step_size", "s: per-parameter step size (starts at lr)"),
)


def explain(s: Step) -> list[Equation]:
    """Rprop's rule with this step's numbers."""
    hp = s.hp
    g, prev, s0 = s.grad, s.before.prev, s.before.step_size
    sign = np.sign(g * prev)
    factor = _factor(sign, hp)
    lo, hi = float(hp["step_size_min"]), float(hp["step_size_max"])
    size = np.minimum(np.maximum(s0 * factor, lo), hi)
    g2 = np.where(sign < 0, 0.0, g)
    mag = np.abs(g2)
    rate = np.where(mag > 0, size / np.where(mag > 0, mag, 1.0), 0.0)
    return [
        first_line(s),
        Equation("σ", "sign(g·prev)", f"sign({vec(g)}·{vec(prev)})", sign),
        Equation(
            "f",
            "etaplus if σ > 0, etaminus if σ < 0, else 1",
            f"{num(hp['etaplus'])} | {num(hp['etaminus'])} | 1",
            factor,
        ),
        Equation(
            "s", "clamp(s·f, step_size_min, step_size_max)", f"clamp({vec(s0)}·{vec(factor)}, {num(lo)}, {num(hi)})",
            size, "step_size",
        ),
        Equation("prev", "g, 0 where σ < 0", vec(g2), g2, "prev"),
        Equation("η", "s / |g| (0 where no step)", f"{vec(size)} / |{vec(g2)}|", rate, "effective_lr"),
        Equation(
            "θ", "θ − sign(g)·s", f"{vec(s.theta)} − {vec(np.sign(g2))}·{vec(size)}", s.theta - np.sign(g2) * size,
            "theta",
        ),
    ]  # fmt: skip


OPTIMIZERS = (
    Optimizer(
        "rprop",
        "Rprop",
        "torch.optim.Rprop",
        "sign-based steps whose per-parameter size grows while the gradient keeps its sign and shrinks on a flip",
        (
            Param(
                "lr",
                "float",
                1e-2,
                "initial step size of every parameter",
                low=0.0,
                low_open=True,
                log=True,
                gui_max=1e3,
            ),
            Param(
                "etaminus",
                "float",
                0.5,
                "step-size factor after a sign flip (etas[0] in torch)",
                low=0.0,
                high=1.0,
                low_open=True,
                high_open=True,
            ),
            Param(
                "etaplus",
                "float",
                1.2,
                "step-size factor while the sign holds (etas[1] in torch)",
                low=1.0,
                low_open=True,
                gui_max=10.0,
            ),
            Param(
                "step_size_min",
                "float",
                1e-6,
                "smallest step size (step_sizes[0] in torch)",
                low=0.0,
                log=True,
                gui_max=1e3,
            ),
            Param(
                "step_size_max",
                "float",
                50.0,
                "largest step size (step_sizes[1] in torch)",
                low=0.0,
                low_open=True,
                log=True,
                gui_max=1e3,
            ),
        ),
        init,
        update,
        __doc__,
        state_doc=STATE_DOC,
        explain=explain,
        order=81,
    ),
)

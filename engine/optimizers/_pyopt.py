"""What the optimizers checked against the pytorch-optimizer package share: its weight-decay
hyperparameters (``weight_decay``, ``weight_decouple``, ``fixed_decay``) and their explanation."""

from __future__ import annotations

import numpy as np

from specs import Param

from .explain import Equation, Step, first_line, num, vec


def decay_params(decouple: bool) -> tuple[Param, ...]:
    return (
        Param("weight_decay", "float", 0.0, "weight decay (L2 penalty, or decoupled: see weight_decouple)", low=0.0,
              gui_max=10.0),
        Param("weight_decouple", "bool", decouple,
              "decoupled weight decay: theta *= 1 - lr*weight_decay before the step (AdamW style) instead of L2"),
        Param("fixed_decay", "bool", False, "decoupled decay not scaled by lr: theta *= 1 - weight_decay"),
    )  # fmt: skip


def weight_decay(grad: np.ndarray, params: np.ndarray, hp) -> tuple[np.ndarray, np.ndarray]:
    """(params, g) after weight decay as pytorch-optimizer applies it: ``weight_decouple`` shrinks
    the parameters by ``1 - weight_decay * lr`` (``1 - weight_decay`` with ``fixed_decay``),
    else ``g = grad + weight_decay * params``."""
    wd = hp["weight_decay"]
    if wd == 0.0:
        return params, grad
    if hp["weight_decouple"]:
        return params * (1.0 - wd * (1.0 if hp["fixed_decay"] else hp["lr"])), grad
    return params, grad + wd * params


def opening(s: Step) -> tuple[list[Equation], np.ndarray, np.ndarray]:
    """(lines, theta, g): the gradient, then the weight decay as pytorch-optimizer applies it."""
    lines = [first_line(s)]
    wd = float(s.hp["weight_decay"])
    if wd == 0.0:
        return lines, s.theta, s.grad
    if s.hp["weight_decouple"]:
        if s.hp["fixed_decay"]:
            theta = s.theta * (1.0 - wd)
            lines.append(Equation("θ", "θ·(1 − weight_decay)", f"{vec(s.theta)}·(1 − {num(wd)})", theta))
        else:
            theta = s.theta * (1.0 - wd * s.lr)
            lines.append(Equation("θ", "θ·(1 − weight_decay·lr)", f"{vec(s.theta)}·(1 − {num(wd)}·{num(s.lr)})", theta))
        return lines, theta, s.grad
    g = s.grad + wd * s.theta
    lines.append(Equation("g", "g + weight_decay·θ", f"{vec(s.grad)} + {num(wd)}·{vec(s.theta)}", g))
    return lines, s.theta, g

"""Hyperparameters that several optimizers share, with torch's names, defaults and ranges."""

from __future__ import annotations

from specs import Param

__all__ = ["beta1", "beta2", "decoupled", "eps", "lr", "momentum", "weight_decay"]


def lr(default: float) -> Param:
    return Param("lr", "float", default, "learning rate (step size)", low=0.0, low_open=True, log=True, gui_max=1e3)


def weight_decay(default: float = 0.0, decoupled: bool = False) -> Param:
    doc = (
        "decoupled weight decay: theta *= 1 - lr*weight_decay before the step"
        if decoupled
        else "L2 penalty: weight_decay * theta is added to the gradient"
    )
    return Param("weight_decay", "float", default, doc, low=0.0, gui_max=10.0)


def eps(default: float) -> Param:
    return Param(
        "eps", "float", default, "term added to the denominator for numerical stability", low=0.0, log=True, gui_max=1.0
    )


def beta1(default: float = 0.9) -> Param:
    return Param(
        "beta1",
        "float",
        default,
        "decay rate of the running mean of gradients (betas[0] in torch)",
        low=0.0,
        high=1.0,
        high_open=True,
    )


def beta2(default: float = 0.999) -> Param:
    return Param(
        "beta2",
        "float",
        default,
        "decay rate of the running mean of squared gradients (betas[1] in torch)",
        low=0.0,
        high=1.0,
        high_open=True,
    )


def decoupled(default: bool = False) -> Param:
    return Param(
        "decoupled_weight_decay",
        "bool",
        default,
        "apply weight decay as theta *= 1 - lr*weight_decay (AdamW style) instead of L2",
    )


def momentum(default: float) -> Param:
    return Param("momentum", "float", default, "momentum factor (0 = none)", low=0.0, high=1.0, high_open=True)

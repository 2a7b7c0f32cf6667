"""Small arithmetic helpers shared by the update rules, written to round the
same way as the torch kernels they mirror."""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

import numpy as np

#: the shapes of the parameter tensors a flat parameter vector holds, in order (a network's W_1 (out, in),
#: b_1 (out,), ...), while a network racer initialises its optimizer: see :func:`parameter_tensors`
_TENSORS: contextvars.ContextVar[tuple[tuple[int, ...], ...] | None] = contextvars.ContextVar(
    "parameter_tensors", default=None
)


@contextlib.contextmanager
def parameter_tensors(shapes: tuple[tuple[int, ...], ...]) -> Iterator[None]:
    """While this is active, ``init`` of a shape-aware optimizer (Adafactor) given a flat vector reads it as
    these tensors, one after the other, as torch holds a model's parameters (``problems.NetworkRunner``
    initialises its optimizer inside it). Elementwise optimizers ignore it."""
    token = _TENSORS.set(tuple(tuple(int(n) for n in shape) for shape in shapes))
    try:
        yield
    finally:
        _TENSORS.reset(token)


def tensor_shapes(n: int) -> tuple[tuple[int, ...], ...]:
    """The tensors a flat vector of ``n`` parameters holds: those of :func:`parameter_tensors` when active
    (they must add up to ``n``), else one vector of ``n``."""
    shapes = _TENSORS.get()
    if shapes is None:
        return ((n,),)
    if sum(int(np.prod(s)) for s in shapes) != n:
        raise ValueError(f"parameter tensors {shapes} do not hold {n} parameters")
    return shapes


def lerp(start: np.ndarray, end: np.ndarray, weight: float) -> np.ndarray:
    """``torch.lerp(start, end, weight)`` with torch's rounding.

    torch computes ``start + weight * (end - start)`` when ``|weight| < 0.5`` and
    ``end - (end - start) * (1 - weight)`` otherwise.
    """
    diff = end - start
    if abs(weight) < 0.5:
        return start + weight * diff
    return end - diff * (1.0 - weight)


def l2(grad: np.ndarray, params: np.ndarray, weight_decay: float) -> np.ndarray:
    """Coupled (L2) weight decay: ``grad + weight_decay * params``."""
    if weight_decay != 0.0:
        return grad + weight_decay * params
    return grad


def decayed(params: np.ndarray, lr: float, weight_decay: float) -> np.ndarray:
    """Decoupled weight decay: ``params * (1 - lr * weight_decay)``."""
    if weight_decay != 0.0:
        return params * (1.0 - lr * weight_decay)
    return params


def constant_rate(params: np.ndarray, rate: float) -> np.ndarray:
    """A per-parameter learning-rate array holding one value."""
    return np.full(params.shape, rate)


def weight_decay(grad: np.ndarray, params: np.ndarray, hp) -> tuple[np.ndarray, np.ndarray]:
    """(params, g) after weight decay: decoupled (``decoupled_weight_decay``, AdamW
    style) shrinks the parameters, coupled (L2) adds to the gradient."""
    if hp.get("decoupled_weight_decay"):
        return decayed(params, hp["lr"], hp["weight_decay"]), grad
    return params, l2(grad, params, hp["weight_decay"])


def moments(m: np.ndarray, v: np.ndarray, g: np.ndarray, beta1: float, beta2: float):
    """Adam's running moments as torch updates them:
    ``m = lerp(m, g, 1 - beta1)``, ``v = beta2 v + (1 - beta2) g g``."""
    return lerp(m, g, 1.0 - beta1), v * beta2 + ((1.0 - beta2) * g) * g

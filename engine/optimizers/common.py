"""Small arithmetic helpers shared by the update rules, written to round the
same way as the torch kernels they mirror."""
from __future__ import annotations

import numpy as np


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

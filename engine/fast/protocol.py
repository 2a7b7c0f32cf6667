"""What an objective offers the compiled path (``ScalarKernels``) and the switch that turns it off.

A leaf of ``engine.fast``: the step planner and the package both import it, so nothing
imports the package back.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, Protocol, runtime_checkable

__all__ = ["ENV_NO_JIT", "NH", "NS", "SINGULAR_RTOL", "ScalarKernels", "disabled", "kernels_of"]

ENV_NO_JIT = "GRADIENT_ARENA_NO_JIT"
NH, NS = 8, 6  # hyperparameter slots, state slots per lane (engine.fast.plan packs them)
SINGULAR_RTOL = 1e-12  # Newton: eigenvalues this small relative to the largest count as zero


@runtime_checkable
class ScalarKernels(Protocol):
    """What an objective offers the compiled path, as ``objective.scalar_kernels``.

    ``value_and_grad(x, y, *params) -> (f, df/dx, df/dy)``; ``grad(x, y, *params)
    -> (df/dx, df/dy)`` or None (then the gradient of ``value_and_grad`` is used);
    ``hessian(x, y, *params) -> (d2f/dx2, d2f/dxdy, d2f/dy2)`` or None (no Newton on
    the fast path). They are plain module-level functions of floats (numba compiles
    them, ``error_model="numpy"``; NumPy ufuncs on scalars are allowed) and must give,
    for one point, the very bits the objective's ``value_and_grad`` / ``grad`` /
    ``hessian`` give for that point in an array. ``params`` are the parameter
    values passed after ``x, y`` (floats).
    """

    value_and_grad: Callable[..., Any]
    grad: Callable[..., Any] | None
    hessian: Callable[..., Any] | None
    params: tuple[float, ...]


def disabled() -> bool:
    """True when ``GRADIENT_ARENA_NO_JIT=1`` forces the NumPy path."""
    return os.environ.get(ENV_NO_JIT, "").strip() not in ("", "0")


def kernels_of(objective: Any) -> ScalarKernels | None:
    kernels = getattr(objective, "scalar_kernels", None)
    if kernels is None or getattr(kernels, "value_and_grad", None) is None:
        return None
    return kernels

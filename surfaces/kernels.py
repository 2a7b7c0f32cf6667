"""The one wrapper from closed-form NumPy kernels to a surface's four array functions.

A closed-form surface is written once, as plain functions of the coordinates,
and `pointwise` (kernels of ``x, y``) or `coordinatewise` (kernels of the whole
``(..., 2)`` array, for formulas that treat x and y alike) wraps them with what
every surface function needs: ``np.asarray(p, float64)``, taking the
coordinates apart, silencing NumPy's floating-point warnings, and stacking the
results into shape ``(..., 2)`` gradients and ``(..., 2, 2)`` Hessians.

Kernels use elementwise arithmetic only (no ``@``, ``einsum`` or reductions
whose order depends on the batch shape), so a point gives the same bits alone
or in any batch.  Numbers in hot-path kernels may be `constants` (0-d arrays).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

__all__ = ["constants", "coordinatewise", "pointwise"]

Kernel = Callable[..., Any]
ArrayFunction = Callable[[Any], Any]


def constants(*values: float) -> tuple[np.ndarray, ...]:
    """Read-only 0-d float64 arrays, for the numbers in hot-path formulas (``_200 * r``).

    NumPy combines an array with a 0-d float64 array about 0.2 µs faster than with a
    Python float, which it converts on every call; the results are bit-for-bit the same.
    """
    arrays = tuple(np.array(float(value)) for value in values)
    for array in arrays:
        array.flags.writeable = False
    return arrays


def _hessian(shape: tuple[int, ...], hxx: Any, hxy: Any, hyy: Any) -> np.ndarray:
    h = np.empty(shape + (2,))
    h[..., 0, 0] = hxx
    h[..., 0, 1] = hxy
    h[..., 1, 0] = hxy
    h[..., 1, 1] = hyy
    return h


def pointwise(f: Kernel, grad: Kernel, hessian: Kernel, value_and_grad: Kernel | None = None) -> dict[str, Any]:
    """``f``, ``grad``, ``hessian``, ``value_and_grad`` on points ``(..., 2)`` from kernels of ``x, y``.

    ``f(x, y) -> f``; ``grad(x, y) -> (∂f/∂x, ∂f/∂y)``; ``hessian(x, y) -> (∂²f/∂x², ∂²f/∂x∂y,
    ∂²f/∂y²)`` (entries may be numbers); ``value_and_grad(x, y) -> (f, ∂f/∂x, ∂f/∂y)``, sharing
    work between the value and the gradient (default: `f` then `grad`).
    """
    if value_and_grad is None:

        def value_and_grad(x: Any, y: Any) -> tuple[Any, Any, Any]:
            return (f(x, y), *grad(x, y))

    kvg = value_and_grad

    def f_(p: Any) -> Any:
        p = np.asarray(p, dtype=np.float64)
        with np.errstate(all="ignore"):
            return f(p[..., 0], p[..., 1])

    def grad_(p: Any) -> np.ndarray:
        p = np.asarray(p, dtype=np.float64)
        g = np.empty(p.shape)
        with np.errstate(all="ignore"):
            g[..., 0], g[..., 1] = grad(p[..., 0], p[..., 1])
        return g

    def hessian_(p: Any) -> np.ndarray:
        p = np.asarray(p, dtype=np.float64)
        with np.errstate(all="ignore"):
            return _hessian(p.shape, *hessian(p[..., 0], p[..., 1]))

    def value_and_grad_(p: Any) -> tuple[Any, np.ndarray]:
        p = np.asarray(p, dtype=np.float64)
        g = np.empty(p.shape)
        with np.errstate(all="ignore"):
            value, g[..., 0], g[..., 1] = kvg(p[..., 0], p[..., 1])
        return value, g

    return {"f": f_, "grad": grad_, "hessian": hessian_, "value_and_grad": value_and_grad_}


def coordinatewise(f: Kernel, grad: Kernel, hessian: Kernel, value_and_grad: Kernel | None = None) -> dict[str, Any]:
    """The four functions from kernels of the whole array ``p`` (last axis ``(x, y)``).

    For formulas that do the same to both coordinates (Rastrigin's ``v² − 10 cos 2πv``),
    one NumPy call on ``p`` costs half of two calls on ``x`` and ``y``.  ``f(p) -> f``;
    ``grad(p) -> (..., 2)`` array (a new one: never `p` itself); ``hessian(p) -> (hxx, hxy,
    hyy)``; ``value_and_grad(p) -> (f, gradient array)`` (default: `f` then `grad`).
    """
    if value_and_grad is None:

        def value_and_grad(p: np.ndarray) -> tuple[Any, Any]:
            return f(p), grad(p)

    kvg = value_and_grad

    def f_(p: Any) -> Any:
        p = np.asarray(p, dtype=np.float64)
        with np.errstate(all="ignore"):
            return f(p)

    def grad_(p: Any) -> np.ndarray:
        p = np.asarray(p, dtype=np.float64)
        with np.errstate(all="ignore"):
            return grad(p)

    def hessian_(p: Any) -> np.ndarray:
        p = np.asarray(p, dtype=np.float64)
        with np.errstate(all="ignore"):
            return _hessian(p.shape, *hessian(p))

    def value_and_grad_(p: Any) -> tuple[Any, np.ndarray]:
        p = np.asarray(p, dtype=np.float64)
        with np.errstate(all="ignore"):
            return kvg(p)

    return {"f": f_, "grad": grad_, "hessian": hessian_, "value_and_grad": value_and_grad_}

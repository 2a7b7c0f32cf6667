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

The same kernels are the compiled path's surface functions: the wrappers also
return ``scalar_kernels``, a `Scalar` naming them and the surface's parameter
values, which ``engine.fast`` compiles with numba (the kernels are called with
floats there instead of arrays; 0-d ``constants`` and NumPy's ``sin``/``cos``
compile to the same IEEE operations, so both paths give the same bits).  For
that, a kernel and every helper it calls must be a module-level function using
arithmetic, ``math``/NumPy scalar functions and tuples only.  Kernels whose
results the compiler cannot reproduce bit for bit (NumPy's vectorised ``exp``,
``expm1``, ``log`` and ``tanh`` round differently from the C library in the last
bit) pass ``compiled=False`` and keep to the NumPy path.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["Scalar", "constants", "coordinatewise", "pointwise"]

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


@dataclass(frozen=True, slots=True)
class Scalar:
    """A surface's kernels as the compiled path takes them (``engine.fast.ScalarKernels``).

    ``value_and_grad(x, y, *params) -> (f, ∂f/∂x, ∂f/∂y)``, ``grad`` (or None: the
    gradient of ``value_and_grad``) and ``hessian -> (∂²f/∂x², ∂²f/∂x∂y, ∂²f/∂y²)``, called
    with floats; ``params`` are the floats passed after ``x, y``.  ``layout`` ``"xy"``: the
    kernels take ``x, y``; ``"p"``: they take the point as one array ``p`` of two numbers
    (`coordinatewise` kernels) and return ``(f, gradient array)`` and ``(hxx, hxy, hyy)``.
    """

    value_and_grad: Kernel
    grad: Kernel | None
    hessian: Kernel | None
    params: tuple[float, ...] = ()
    layout: str = "xy"


def _hessian(shape: tuple[int, ...], hxx: Any, hxy: Any, hyy: Any) -> np.ndarray:
    h = np.empty(shape + (2,))
    h[..., 0, 0] = hxx
    h[..., 0, 1] = hxy
    h[..., 1, 0] = hxy
    h[..., 1, 1] = hyy
    return h


def pointwise(
    f: Kernel,
    grad: Kernel,
    hessian: Kernel,
    value_and_grad: Kernel,
    params: tuple[float, ...] = (),
    compiled: bool = True,
) -> dict[str, Any]:
    """``f``, ``grad``, ``hessian``, ``value_and_grad`` on points ``(..., 2)`` from kernels of ``x, y``,
    and ``scalar_kernels`` (a `Scalar`, or None when ``compiled`` is false).

    ``f(x, y, *params) -> f``; ``grad(x, y, *params) -> (∂f/∂x, ∂f/∂y)``; ``hessian(x, y, *params)
    -> (∂²f/∂x², ∂²f/∂x∂y, ∂²f/∂y²)`` (entries may be numbers); ``value_and_grad(x, y, *params)
    -> (f, ∂f/∂x, ∂f/∂y)``, sharing work between the value and the gradient.  ``params`` are
    numbers the kernels take after ``x, y`` (passed as 0-d `constants` on arrays, as floats
    on the compiled path).
    """
    consts = constants(*params)
    kvg = value_and_grad

    def f_(p: Any) -> Any:
        p = np.asarray(p, dtype=np.float64)
        with np.errstate(all="ignore"):
            return f(p[..., 0], p[..., 1], *consts)

    def grad_(p: Any) -> np.ndarray:
        p = np.asarray(p, dtype=np.float64)
        g = np.empty(p.shape)
        with np.errstate(all="ignore"):
            g[..., 0], g[..., 1] = grad(p[..., 0], p[..., 1], *consts)
        return g

    def hessian_(p: Any) -> np.ndarray:
        p = np.asarray(p, dtype=np.float64)
        with np.errstate(all="ignore"):
            return _hessian(p.shape, *hessian(p[..., 0], p[..., 1], *consts))

    def value_and_grad_(p: Any) -> tuple[Any, np.ndarray]:
        p = np.asarray(p, dtype=np.float64)
        g = np.empty(p.shape)
        with np.errstate(all="ignore"):
            value, g[..., 0], g[..., 1] = kvg(p[..., 0], p[..., 1], *consts)
        return value, g

    scalar = Scalar(kvg, grad, hessian, tuple(float(v) for v in params)) if compiled else None
    return {"f": f_, "grad": grad_, "hessian": hessian_, "value_and_grad": value_and_grad_, "scalar_kernels": scalar}


def coordinatewise(
    f: Kernel, grad: Kernel, hessian: Kernel, value_and_grad: Kernel, compiled: bool = True
) -> dict[str, Any]:
    """The four functions from kernels of the whole array ``p`` (last axis ``(x, y)``), and
    ``scalar_kernels`` (a `Scalar` of layout ``"p"``, or None when ``compiled`` is false).

    For formulas that do the same to both coordinates (Rastrigin's ``v² − 10 cos 2πv``),
    one NumPy call on ``p`` costs half of two calls on ``x`` and ``y``.  ``f(p) -> f``;
    ``grad(p) -> (..., 2)`` array (a new one: never `p` itself); ``hessian(p) -> (hxx, hxy,
    hyy)``; ``value_and_grad(p) -> (f, gradient array)``.
    """
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

    scalar = Scalar(kvg, grad, hessian, layout="p") if compiled else None
    return {"f": f_, "grad": grad_, "hessian": hessian_, "value_and_grad": value_and_grad_, "scalar_kernels": scalar}

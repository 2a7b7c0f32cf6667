"""Quadratic surfaces: sphere, elongated_bowl, ill_conditioned, saddle, booth, matyas.

All are ``f(w) = ½ wᵀ A w`` for a constant symmetric ``A`` (gradient ``A w``,
Hessian ``A``), except booth, a linear least-squares problem
``f(w) = r₁² + r₂²`` with residuals ``rⱼ = mⱼ·w + cⱼ`` (gradient ``2 Σ rⱼ mⱼ``,
Hessian ``2 Σ mⱼ mⱼᵀ``), kept in residual form so that it is exactly 0 at its
minimum.  Both are computed elementwise (no matrix products), so a point's
result does not depend on the batch it is evaluated in.

Sources:

* sphere: Surjanovic & Bingham, Virtual Library of Simulation Experiments
  (VLSE), https://www.sfu.ca/~ssurjano/spheref.html.
* elongated_bowl ``x²/20 + y²``, ill_conditioned ``½ wᵀ R(θ) diag(1, κ) R(θ)ᵀ w``
  and saddle ``x² − y²``: the textbook quadratic models of a ravine and of
  a saddle point (e.g. Goodfellow, Bengio & Courville, *Deep Learning*, §4.3 and §8.2).
* booth ``(x + 2y − 7)² + (2x + y − 5)²``: VLSE, https://www.sfu.ca/~ssurjano/booth.html.
* matyas ``0.26 (x² + y²) − 0.48 xy``: VLSE, https://www.sfu.ca/~ssurjano/matya.html.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from specs import Param

from .base import Minimum, Surface, SurfaceDef, fixed_surface
from .kernels import constants, pointwise

__all__ = [
    "SPHERE",
    "ELONGATED_BOWL",
    "ILL_CONDITIONED",
    "SADDLE",
    "BOOTH",
    "MATYAS",
    "quadratic_form",
    "least_squares",
]


# Kernels of ½ wᵀ A w, A = [[a, b], [b, c]], and of r₀² + r₁² (rⱼ = w · M[:, j] + cⱼ): the matrix
# entries are parameters of the kernels (0-d constants on arrays, floats when compiled).


def _quadratic_grad(x: Any, y: Any, a: Any, b: Any, c: Any) -> tuple[Any, Any]:
    return a * x + b * y, b * x + c * y


def _quadratic_vg(x: Any, y: Any, a: Any, b: Any, c: Any) -> tuple[Any, Any, Any]:
    gx = a * x + b * y
    gy = b * x + c * y
    return _half * (x * gx + y * gy), gx, gy


def _quadratic_f(x: Any, y: Any, a: Any, b: Any, c: Any) -> Any:
    return _quadratic_vg(x, y, a, b, c)[0]


def _quadratic_hessian(x: Any, y: Any, a: Any, b: Any, c: Any) -> tuple[Any, Any, Any]:
    return a, b, c


def _least_squares_vg(
    x: Any, y: Any, m00: Any, m01: Any, m10: Any, m11: Any, c0: Any, c1: Any, hxx: Any, hxy: Any, hyy: Any
) -> tuple[Any, Any, Any]:
    r0 = x * m00 + y * m10 + c0
    r1 = x * m01 + y * m11 + c1
    return r0 * r0 + r1 * r1, _2 * (r0 * m00 + r1 * m01), _2 * (r0 * m10 + r1 * m11)


def _least_squares_f(x: Any, y: Any, *params: Any) -> Any:
    return _least_squares_vg(x, y, *params)[0]


def _least_squares_grad(x: Any, y: Any, *params: Any) -> tuple[Any, Any]:
    _, gx, gy = _least_squares_vg(x, y, *params)
    return gx, gy


def _least_squares_hessian(
    x: Any, y: Any, m00: Any, m01: Any, m10: Any, m11: Any, c0: Any, c1: Any, hxx: Any, hxy: Any, hyy: Any
) -> tuple[Any, Any, Any]:
    return hxx, hxy, hyy


_half, _2 = constants(0.5, 2.0)


def quadratic_form(matrix: Any) -> dict[str, Any]:
    """The four functions of ``f(w) = ½ wᵀ A w`` for a symmetric 2x2 ``A = [[a, b], [b, c]]``."""
    m = np.array(matrix, dtype=np.float64)
    if m.shape != (2, 2) or m[0, 1] != m[1, 0]:
        raise ValueError(f"quadratic form needs a symmetric 2x2 matrix, got {matrix!r}")
    return pointwise(
        f=_quadratic_f,
        grad=_quadratic_grad,
        hessian=_quadratic_hessian,
        value_and_grad=_quadratic_vg,
        params=(float(m[0, 0]), float(m[0, 1]), float(m[1, 1])),
    )


def least_squares(matrix: Any, offset: Any) -> dict[str, Any]:
    """The four functions of ``f(w) = r₁² + r₂²``, ``rⱼ = w · M[:, j] + c[j]`` (w = (x, y))."""
    m = np.array(matrix, dtype=np.float64)
    c = np.array(offset, dtype=np.float64)
    if m.shape != (2, 2) or c.shape != (2,):
        raise ValueError("least squares needs a 2x2 matrix and 2 offsets")
    hess = 2.0 * m @ m.T  # constant: computed once, the same for every point
    return pointwise(
        f=_least_squares_f,
        grad=_least_squares_grad,
        hessian=_least_squares_hessian,
        value_and_grad=_least_squares_vg,
        params=(
            *(float(v) for v in (m[0, 0], m[0, 1], m[1, 0], m[1, 1], c[0], c[1])),
            *(float(v) for v in (hess[0, 0], hess[0, 1], hess[1, 1])),
        ),
    )


_ORIGIN = (Minimum((0.0, 0.0), 0.0, "global"),)

SPHERE = fixed_surface(
    name="sphere",
    title="Sphere",
    formula="x² + y²",
    expression="x**2 + y**2",
    description="a perfectly round bowl: the baseline every optimizer should win by going straight in",
    domain=((-5.0, 5.0), (-5.0, 5.0)),
    start=(-4.0, 3.0),
    minima=_ORIGIN,
    contour="linear",
    **quadratic_form([[2.0, 0.0], [0.0, 2.0]]),
)

ELONGATED_BOWL = fixed_surface(
    name="elongated_bowl",
    title="Elongated bowl",
    formula="x²/20 + y²",
    expression="x**2/20 + y**2",
    description="a bowl twenty times steeper across than along: zigzagging down a ravine",
    domain=((-10.0, 10.0), (-5.0, 5.0)),
    start=(-7.0, 2.0),
    minima=_ORIGIN,
    contour="linear",
    **quadratic_form([[0.1, 0.0], [0.0, 2.0]]),
)


def _make_ill_conditioned(definition: SurfaceDef, kappa: float, angle: float) -> Surface:
    """``½ wᵀ A w`` with ``A = R(angle) diag(1, kappa) R(angle)ᵀ``: curvature 1 along the direction
    at `angle` degrees from the x axis, `kappa` across it."""
    theta = math.radians(angle)
    c, s = math.cos(theta), math.sin(theta)
    rotation = np.array([[c, -s], [s, c]])
    a = rotation @ np.diag([1.0, kappa]) @ rotation.T
    a = (a + a.T) / 2.0  # exactly symmetric
    return definition.assemble(
        {"kappa": kappa, "angle": angle},
        domain=((-5.0, 5.0), (-5.0, 5.0)),
        start=(-4.0, 2.5),
        minima=_ORIGIN,
        contour="log",
        **quadratic_form(a),
    )


ILL_CONDITIONED = SurfaceDef(
    name="ill_conditioned",
    title="Ill-conditioned quadratic",
    formula="½ wᵀ A w,  A = R(θ) diag(1, κ) R(θ)ᵀ",
    description="a tilted bowl with condition number κ: a ravine not aligned with the axes",
    params=(
        Param(
            "kappa",
            "float",
            50.0,
            "condition number κ: curvature across the valley over curvature along it",
            low=1.0,
            high=1e6,
        ),
        Param(
            "angle",
            "float",
            30.0,
            "direction θ of the valley floor, in degrees from the x axis",
            low=-180.0,
            high=180.0,
        ),
    ),
    make=_make_ill_conditioned,
    # w = (x, y) in the rotated frame: u along the valley floor (curvature 1), v across it (κ).
    expression=(
        "((x*cos(angle*pi/180) + y*sin(angle*pi/180))**2 + kappa*(y*cos(angle*pi/180) - x*sin(angle*pi/180))**2)/2"
    ),
)

SADDLE = fixed_surface(
    name="saddle",
    title="Saddle",
    formula="x² − y²",
    expression="x**2 - y**2",
    description="a saddle point at the origin, unbounded below: does an optimizer stall there or escape?",
    domain=((-2.0, 2.0), (-2.0, 2.0)),
    start=(-1.5, 0.01),
    minima=(),
    contour="linear",
    **quadratic_form([[2.0, 0.0], [0.0, -2.0]]),
)

BOOTH = fixed_surface(
    name="booth",
    title="Booth",
    formula="(x + 2y − 7)² + (2x + y − 5)²",
    expression="(x + 2*y - 7)**2 + (2*x + y - 5)**2",
    description="a tilted, mildly elongated bowl: a warm-up any optimizer should win",
    domain=((-10.0, 10.0), (-10.0, 10.0)),
    start=(-8.0, -2.0),
    minima=(Minimum((1.0, 3.0), 0.0, "global"),),
    contour="log",
    **least_squares([[1.0, 2.0], [2.0, 1.0]], [-7.0, -5.0]),
)

MATYAS = fixed_surface(
    name="matyas",
    title="Matyas",
    formula="0.26 (x² + y²) − 0.48 xy",
    expression="26*(x**2 + y**2)/100 - 48*x*y/100",
    description="a flat diagonal valley: progress stalls along the shallow direction",
    domain=((-10.0, 10.0), (-10.0, 10.0)),
    start=(-8.0, 2.0),
    minima=_ORIGIN,
    contour="log",
    **quadratic_form([[0.52, -0.48], [-0.48, 0.52]]),
)

"""Quadratic surfaces: sphere, elongated_bowl, ill_conditioned, saddle, booth, matyas.

All are ``f(w) = ½ wᵀ A w`` for a constant symmetric ``A`` (gradient ``A w``,
Hessian ``A``), except booth, a linear least-squares problem
``f(w) = ‖w M + c‖²`` (gradient ``2 (w M + c) Mᵀ``, Hessian ``2 M Mᵀ``),
kept in residual form so that it is exactly 0 at its minimum.

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

import numpy as np

from .base import Minimum, SurfaceDef, SurfaceParam, fixed_surface

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

_HALVES = np.array([0.5, 0.5])
_HALVES.flags.writeable = False
_ONES = np.array([1.0, 1.0])
_ONES.flags.writeable = False


def _constant_hessian(matrix: np.ndarray):
    def hessian(p):
        p = np.asarray(p, dtype=np.float64)
        return np.broadcast_to(matrix, p.shape + (2,)).copy()

    return hessian


def quadratic_form(matrix) -> dict:
    """``f``, ``grad``, ``hessian`` and ``value_and_grad`` of ``f(w) = ½ wᵀ A w`` for a symmetric 2x2 ``A``."""
    a = np.array(matrix, dtype=np.float64)
    if a.shape != (2, 2) or a[0, 1] != a[1, 0]:
        raise ValueError(f"quadratic form needs a symmetric 2x2 matrix, got {matrix!r}")
    a.flags.writeable = False

    def gradient(p):
        # A matrix product even for a diagonal A: p * diag(A) broadcasts over a last axis of
        # length 2, which NumPy runs as many tiny inner loops (4x slower for 10,000 points).
        return p @ a

    def f(p):
        p = np.asarray(p, dtype=np.float64)
        with np.errstate(all="ignore"):
            return (p * gradient(p)) @ _HALVES

    def grad(p):
        p = np.asarray(p, dtype=np.float64)
        with np.errstate(all="ignore"):
            return gradient(p)

    def value_and_grad(p):
        p = np.asarray(p, dtype=np.float64)
        with np.errstate(all="ignore"):
            g = gradient(p)
            return (p * g) @ _HALVES, g

    return {"f": f, "grad": grad, "hessian": _constant_hessian(a), "value_and_grad": value_and_grad}


def least_squares(matrix, offset) -> dict:
    """``f``, ``grad``, ``hessian`` and ``value_and_grad`` of ``f(w) = ‖w M + c‖²`` (w a row vector).

    Column ``j`` of ``M`` and ``c[j]`` define the residual ``r_j = w · M[:, j] + c[j]``.
    """
    m = np.array(matrix, dtype=np.float64)
    c = np.array(offset, dtype=np.float64)
    if m.shape != (2, 2) or c.shape != (2,):
        raise ValueError("least squares needs a 2x2 matrix and 2 offsets")
    m2t = 2.0 * m.T
    hess = 2.0 * m @ m.T
    for array in (m, c, m2t, hess):
        array.flags.writeable = False

    def f(p):
        p = np.asarray(p, dtype=np.float64)
        with np.errstate(all="ignore"):
            r = p @ m + c
            return (r * r) @ _ONES

    def grad(p):
        p = np.asarray(p, dtype=np.float64)
        with np.errstate(all="ignore"):
            return (p @ m + c) @ m2t

    def value_and_grad(p):
        p = np.asarray(p, dtype=np.float64)
        with np.errstate(all="ignore"):
            r = p @ m + c
            return (r * r) @ _ONES, r @ m2t

    return {"f": f, "grad": grad, "hessian": _constant_hessian(hess), "value_and_grad": value_and_grad}


_ORIGIN = (Minimum((0.0, 0.0), 0.0, "global"),)

SPHERE = fixed_surface(
    name="sphere",
    title="Sphere",
    formula="x² + y²",
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
    description="a bowl twenty times steeper across than along: zigzagging down a ravine",
    domain=((-10.0, 10.0), (-5.0, 5.0)),
    start=(-7.0, 2.0),
    minima=_ORIGIN,
    contour="linear",
    **quadratic_form([[0.1, 0.0], [0.0, 2.0]]),
)


def _make_ill_conditioned(definition: SurfaceDef, kappa: float, angle: float):
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
        SurfaceParam(
            "kappa", 50.0, 1.0, 1e6, "float", "condition number κ: curvature across the valley over curvature along it"
        ),
        SurfaceParam(
            "angle", 30.0, -180.0, 180.0, "float", "direction θ of the valley floor, in degrees from the x axis"
        ),
    ),
    make=_make_ill_conditioned,
)

SADDLE = fixed_surface(
    name="saddle",
    title="Saddle",
    formula="x² − y²",
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
    description="a flat diagonal valley: progress stalls along the shallow direction",
    domain=((-10.0, 10.0), (-10.0, 10.0)),
    start=(-8.0, 2.0),
    minima=_ORIGIN,
    contour="log",
    **quadratic_form([[0.52, -0.48], [-0.48, 0.52]]),
)

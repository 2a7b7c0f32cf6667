"""Surfaces with trigonometric and exponential terms: mccormick, rastrigin, ackley, levi13, easom.

Each surface is one definition: its formula (Unicode for people, SymPy text for
the tests' exact oracle) and its NumPy kernels (``f``, ``grad``, ``hessian`` and
``value_and_grad``, the engine's hot path), wrapped by `surfaces.kernels`.  Where a textbook form loses
precision near the minimum, an equivalent form is used instead, noted at the
function (e.g. ``10 (1 − cos 2πv) = 20 sin² πv`` for Rastrigin), so that values
near the minimum are accurate to full relative precision.

Sources (Surjanovic & Bingham, Virtual Library of Simulation Experiments, VLSE,
https://www.sfu.ca/~ssurjano/optimization.html, and the original papers):

* mccormick ``sin(x + y) + (x − y)² − 1.5x + 2.5y + 1``: McCormick (1976); VLSE mccorm.html.
* rastrigin ``20 + x² − 10 cos 2πx + y² − 10 cos 2πy``: Rastrigin (1974); VLSE rastr.html.
* ackley ``−20 exp(−0.2 √(0.5 (x² + y²))) − exp(0.5 (cos 2πx + cos 2πy)) + e + 20``:
  Ackley, *A Connectionist Machine for Genetic Hillclimbing* (1987); VLSE ackley.html.
* levi13 ``sin²(3πx) + (x − 1)² (1 + sin²(3πy)) + (y − 1)² (1 + sin²(2πy))``:
  Lévy & Montalvo (1985), "Lévi function N.13"; VLSE levy13.html.
* easom ``−cos x cos y exp(−(x − π)² − (y − π)²)``: Easom (1990); VLSE easom.html.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .base import Minimum, fixed_surface
from .kernels import constants, coordinatewise, pointwise

__all__ = ["MCCORMICK", "RASTRIGIN", "ACKLEY", "LEVI13", "EASOM"]

PI = math.pi
E = math.e

# Numbers in the hot-path kernels (grad, value_and_grad and their helpers) are 0-d arrays,
# which NumPy combines with arrays faster than Python floats (see `constants`); ``_1p5`` is 1.5,
# ``_2pi`` is 2π.  ``f`` and ``hessian`` keep plain numbers; the results are bit-identical.
_1, _2, _20, _e, _1p5, _2p5 = constants(1, 2, 20, E, 1.5, 2.5)
_pi, _2pi, _3pi, _4pi, _6pi, _40pi = constants(PI, 2 * PI, 3 * PI, 4 * PI, 6 * PI, 40 * PI)


def _sum(v: Any) -> Any:
    """x + y of a coordinatewise array (elementwise: the same bits in any batch)."""
    return v[..., 0] + v[..., 1]


# --- McCormick: sin(x + y) + (x − y)² − 1.5x + 2.5y + 1 ------------------------------------
# ∇f = (cos(x+y) + 2(x−y) − 1.5, cos(x+y) − 2(x−y) + 2.5).  Critical points: x − y = 1 and
# cos(x + y) = −1/2; minima where also sin(x + y) < 0, i.e. x + y = −2π/3 + 2πk:
# global (k = 0) at x = 1/2 − π/3, value −π/3 − √3/2; local (k = 1) at x = 1/2 + 2π/3,
# value 2π/3 − √3/2.  The other minima lie outside the plot domain.


def _mccormick_f(x: Any, y: Any) -> Any:
    d = x - y
    return np.sin(x + y) + d * d - 1.5 * x + 2.5 * y + 1.0


def _mccormick_grad(x: Any, y: Any) -> tuple[Any, Any]:
    c = np.cos(x + y)
    d2 = _2 * (x - y)
    return c + d2 - _1p5, c - d2 + _2p5


def _mccormick_vg(x: Any, y: Any) -> tuple[Any, Any, Any]:
    s = x + y
    d = x - y
    c = np.cos(s)
    d2 = _2 * d
    return np.sin(s) + d * d - _1p5 * x + _2p5 * y + _1, c + d2 - _1p5, c - d2 + _2p5


def _mccormick_hessian(x: Any, y: Any) -> tuple[Any, Any, Any]:
    s = np.sin(x + y)
    return 2.0 - s, -2.0 - s, 2.0 - s


_MC_X_GLOBAL = 0.5 - PI / 3.0
_MC_X_LOCAL = 0.5 + 2.0 * PI / 3.0

MCCORMICK = fixed_surface(
    name="mccormick",
    title="McCormick",
    formula="sin(x + y) + (x − y)² − 1.5x + 2.5y + 1",
    expression="sin(x + y) + (x - y)**2 - 3*x/2 + 5*y/2 + 1",
    description="a long diagonal valley with a shallower second minimum at its far end: which way does it roll?",
    domain=((-1.5, 4.0), (-3.0, 4.0)),
    start=(1.0, 3.5),
    minima=(
        Minimum((_MC_X_GLOBAL, _MC_X_GLOBAL - 1.0), -PI / 3.0 - math.sqrt(3.0) / 2.0, "global"),
        Minimum((_MC_X_LOCAL, _MC_X_LOCAL - 1.0), 2.0 * PI / 3.0 - math.sqrt(3.0) / 2.0, "local"),
    ),
    contour="linear",
    **pointwise(f=_mccormick_f, grad=_mccormick_grad, hessian=_mccormick_hessian, value_and_grad=_mccormick_vg),
)


# --- Rastrigin: 20 + x² − 10 cos 2πx + y² − 10 cos 2πy -----------------------------------------
# Computed as Σ v² + 20 sin²(πv) (the same function: 10 − 10 cos 2πv = 20 sin² πv), which has no
# cancellation near the minimum.  Separable: ∂f/∂v = 2v + 20π sin 2πv = 2v + 40π sin πv cos πv.


def _rastrigin_f(p: Any) -> Any:
    s = np.sin(PI * p)
    return _sum(p * p + 20.0 * (s * s))


def _rastrigin_grad(p: Any) -> Any:
    a = _pi * p
    return _2 * p + _40pi * (np.sin(a) * np.cos(a))


def _rastrigin_vg(p: Any) -> tuple[Any, Any]:
    a = _pi * p
    s = np.sin(a)
    return _sum(p * p + _20 * (s * s)), _2 * p + _40pi * (s * np.cos(a))


def _rastrigin_hessian(p: Any) -> tuple[Any, Any, Any]:
    d = 2.0 + (40.0 * PI * PI) * np.cos((2.0 * PI) * p)
    return d[..., 0], 0.0, d[..., 1]


RASTRIGIN = fixed_surface(
    name="rastrigin",
    title="Rastrigin",
    formula="20 + x² − 10 cos(2πx) + y² − 10 cos(2πy)",
    expression="20 + x**2 - 10*cos(2*pi*x) + y**2 - 10*cos(2*pi*y)",
    description="an egg-crate of local minima over a bowl: can an optimizer escape them?",
    domain=((-5.12, 5.12), (-5.12, 5.12)),
    start=(-4.4, 3.6),
    minima=(Minimum((0.0, 0.0), 0.0, "global"),),
    contour="linear",
    **coordinatewise(f=_rastrigin_f, grad=_rastrigin_grad, hessian=_rastrigin_hessian, value_and_grad=_rastrigin_vg),
)


# --- Ackley -----------------------------------------------------------------------------------
# With ρ = |w| = √(x² + y²), q = √(0.5 (x² + y²)) = ρ/√2, E1 = exp(−0.2 q),
# E2 = exp(0.5 (cos 2πx + cos 2πy)) and ŵ = w/ρ:
#   f = 20 (1 − E1) + (e − E2),  computed as −20 expm1(−0.2 q) − e expm1(−(sin² πx + sin² πy))
#       (0.5 (cos 2πx + cos 2πy) − 1 = −(sin² πx + sin² πy)), accurate near the minimum;
#   ∇f = 2√2 E1 ŵ + π E2 (sin 2πx, sin 2πy);
#   ∇²f = (2 E1 / q) (I − (0.2 q + 1) ŵŵᵀ), plus the Hessian of −E2:
#         π² E2 [[2 cos 2πx − sin² 2πx, −sin 2πx sin 2πy], [·, 2 cos 2πy − sin² 2πy]].
# At the origin the cone term −20 exp(−0.2 q) is not differentiable (its subdifferential is the
# disk of radius 2√2): grad returns 0 there, the minimum-norm subgradient, and the Hessian leaves
# out the cone term (whose curvature grows like 2√2/ρ near the origin), returning 2π²e I.

_SQRT_HALF = math.sqrt(0.5)
_TINY = float(np.finfo(np.float64).smallest_subnormal)
_m20, _m0p2_sqrt_half, _2_sqrt2, _2pi_e, _tiny = constants(-20, -0.2 * _SQRT_HALF, 2 * math.sqrt(2), 2 * PI * E, _TINY)


def _ackley_f(p: Any) -> Any:
    rho = np.hypot(p[..., 0], p[..., 1])
    s = np.sin(PI * p)
    return -20.0 * np.expm1((-0.2 * _SQRT_HALF) * rho) - E * np.expm1(-_sum(s * s))


def _ackley_vg(p: Any) -> tuple[Any, Any]:
    rho = np.hypot(p[..., 0], p[..., 1])
    m1 = np.expm1(_m0p2_sqrt_half * rho)
    a = _pi * p
    s = np.sin(a)
    m2 = np.expm1(-_sum(s * s))
    # ŵ = w/ρ, with ρ replaced by the tiniest float at the origin, where ŵ = 0/tiny = 0 gives
    # the minimum-norm subgradient 0.  (For any w ≠ 0, ρ is already at least the tiniest float.)
    unit = p / np.maximum(rho, _tiny)[..., None]
    slope = _2_sqrt2 * (m1 + _1)  # 2√2 E1
    k2 = _2pi_e * (m2 + _1)  # 2π E2, times sin πv cos πv = ½ sin 2πv
    g = slope[..., None] * unit + k2[..., None] * (s * np.cos(a))
    return _m20 * m1 - _e * m2, g


def _ackley_hessian(p: Any) -> tuple[Any, Any, Any]:
    x = p[..., 0]
    y = p[..., 1]
    rho = np.hypot(x, y)
    q = _SQRT_HALF * rho
    at_origin = rho == 0.0
    rho_safe = np.where(at_origin, 1.0, rho)
    k = np.where(at_origin, 0.0, (2.0 * math.sqrt(2.0) * np.exp(-0.2 * q)) / rho_safe)  # 2 E1 / q
    nx = x / rho_safe
    ny = y / rho_safe
    r = 0.2 * q + 1.0
    a = (2.0 * PI) * p
    s2 = np.sin(a)
    c2 = np.cos(a)
    e2 = np.exp(0.5 * _sum(c2))
    sx, sy = s2[..., 0], s2[..., 1]
    cx, cy = c2[..., 0], c2[..., 1]
    pe = (PI * PI) * e2
    hxx = k * (1.0 - r * nx * nx) + pe * (2.0 * cx - sx * sx)
    hxy = -k * r * nx * ny - pe * sx * sy
    hyy = k * (1.0 - r * ny * ny) + pe * (2.0 * cy - sy * sy)
    return hxx, hxy, hyy


ACKLEY = fixed_surface(
    name="ackley",
    title="Ackley",
    formula="−20 exp(−0.2 √(0.5 (x² + y²))) − exp(0.5 (cos 2πx + cos 2πy)) + e + 20",
    expression="-20*exp(-sqrt((x**2 + y**2)/2)/5) - exp((cos(2*pi*x) + cos(2*pi*y))/2) + E + 20",
    description="a bumpy, nearly flat plain around one deep narrow hole: many local minima and a sharp global one",
    domain=((-5.0, 5.0), (-5.0, 5.0)),
    start=(-3.7, 3.2),
    minima=(Minimum((0.0, 0.0), 0.0, "global"),),
    contour="linear",
    # NumPy's vectorised exp/expm1 round differently from the C library's: no compiled kernel
    **coordinatewise(
        f=_ackley_f, grad=lambda p: _ackley_vg(p)[1], hessian=_ackley_hessian, value_and_grad=_ackley_vg, compiled=False
    ),
)


# --- Lévi N.13 --------------------------------------------------------------------------------
# f = sin²(3πx) + (x − 1)² (1 + sin²(3πy)) + (y − 1)² (1 + sin²(2πy))
# ∂f/∂x = 6π sin 3πx cos 3πx + 2(x − 1)(1 + sin² 3πy)
# ∂f/∂y = 6π (x − 1)² sin 3πy cos 3πy + 2(y − 1)(1 + sin² 2πy) + 4π (y − 1)² sin 2πy cos 2πy


def _levi13_f(x: Any, y: Any) -> Any:
    s1 = np.sin((3.0 * PI) * x)
    s2 = np.sin((3.0 * PI) * y)
    s3 = np.sin((2.0 * PI) * y)
    dx = x - 1.0
    dy = y - 1.0
    return s1 * s1 + (dx * dx) * (1.0 + s2 * s2) + (dy * dy) * (1.0 + s3 * s3)


def _levi13_vg(x: Any, y: Any) -> tuple[Any, Any, Any]:
    a1 = _3pi * x
    a2 = _3pi * y
    a3 = _2pi * y
    s1 = np.sin(a1)
    s2 = np.sin(a2)
    s3 = np.sin(a3)
    dx = x - _1
    dy = y - _1
    dxx = dx * dx
    dyy = dy * dy
    w2 = _1 + s2 * s2
    w3 = _1 + s3 * s3
    gx = _6pi * (s1 * np.cos(a1)) + _2 * dx * w2
    gy = _6pi * dxx * (s2 * np.cos(a2)) + _2 * dy * w3 + _4pi * dyy * (s3 * np.cos(a3))
    return s1 * s1 + dxx * w2 + dyy * w3, gx, gy


def _levi13_grad(x: Any, y: Any) -> tuple[Any, Any]:
    _, gx, gy = _levi13_vg(x, y)
    return gx, gy


def _levi13_hessian(x: Any, y: Any) -> tuple[Any, Any, Any]:
    s2 = np.sin((3.0 * PI) * y)
    s3 = np.sin((2.0 * PI) * y)
    dx = x - 1.0
    dy = y - 1.0
    hxx = (18.0 * PI * PI) * np.cos((6.0 * PI) * x) + 2.0 * (1.0 + s2 * s2)
    hxy = (6.0 * PI) * dx * np.sin((6.0 * PI) * y)
    hyy = (
        (18.0 * PI * PI) * (dx * dx) * np.cos((6.0 * PI) * y)
        + 2.0 * (1.0 + s3 * s3)
        + (8.0 * PI) * dy * np.sin((4.0 * PI) * y)
        + (8.0 * PI * PI) * (dy * dy) * np.cos((4.0 * PI) * y)
    )
    return hxx, hxy, hyy


LEVI13 = fixed_surface(
    name="levi13",
    title="Lévi N.13",
    formula="sin²(3πx) + (x − 1)² (1 + sin²(3πy)) + (y − 1)² (1 + sin²(2πy))",
    expression="sin(3*pi*x)**2 + (x - 1)**2*(1 + sin(3*pi*y)**2) + (y - 1)**2*(1 + sin(2*pi*y)**2)",
    description="a rippled bowl full of local minima: does momentum carry an optimizer over the ripples?",
    domain=((-4.0, 6.0), (-4.0, 6.0)),
    start=(-3.0, -2.6),
    minima=(Minimum((1.0, 1.0), 0.0, "global"),),
    contour="linear",
    **pointwise(f=_levi13_f, grad=_levi13_grad, hessian=_levi13_hessian, value_and_grad=_levi13_vg),
)


# --- Easom: −cos x cos y exp(−(x − π)² − (y − π)²) ----------------------------------------------
# With a = x − π, b = y − π, G = exp(−a² − b²):
#   ∂f/∂x = G cos y (sin x + 2a cos x),  ∂f/∂y = G cos x (sin y + 2b cos y);
#   ∂²f/∂x² = G cos y ((3 − 4a²) cos x − 4a sin x),
#   ∂²f/∂y² = G cos x ((3 − 4b²) cos y − 4b sin y),
#   ∂²f/∂x∂y = −G (sin x + 2a cos x)(sin y + 2b cos y).


def _easom_f(p: Any) -> Any:
    d = p - PI
    c = np.cos(p)
    return -(c[..., 0] * (np.exp(-_sum(d * d)) * c[..., 1]))


def _easom_vg(p: Any) -> tuple[Any, Any]:
    d = p - _pi
    c = np.cos(p)
    cx = c[..., 0]
    cy = c[..., 1]
    gauss = np.exp(-_sum(d * d))
    u = np.sin(p) + _2 * d * c  # (sin x + 2a cos x, sin y + 2b cos y)
    gc = gauss * cy  # f = −cos x · (G cos y)
    g = np.empty(p.shape)
    g[..., 0] = gc * u[..., 0]
    g[..., 1] = (gauss * cx) * u[..., 1]
    return -(cx * gc), g


def _easom_hessian(p: Any) -> tuple[Any, Any, Any]:
    d = p - PI
    c = np.cos(p)
    s = np.sin(p)
    gauss = np.exp(-_sum(d * d))
    u = s + 2.0 * d * c
    w = (3.0 - 4.0 * (d * d)) * c - 4.0 * d * s
    return gauss * c[..., 1] * w[..., 0], -gauss * u[..., 0] * u[..., 1], gauss * c[..., 0] * w[..., 1]


EASOM = fixed_surface(
    name="easom",
    title="Easom",
    formula="−cos x · cos y · exp(−(x − π)² − (y − π)²)",
    expression="-cos(x)*cos(y)*exp(-(x - pi)**2 - (y - pi)**2)",
    description="a flat plateau with one narrow hole: vanishing gradients far from the minimum",
    domain=((0.0, 6.0), (0.0, 6.0)),
    start=(1.5, 4.5),
    minima=(Minimum((PI, PI), -1.0, "global"),),
    contour="linear",
    # NumPy's vectorised exp rounds differently from the C library's: no compiled kernel
    **coordinatewise(
        f=_easom_f, grad=lambda p: _easom_vg(p)[1], hessian=_easom_hessian, value_and_grad=_easom_vg, compiled=False
    ),
)

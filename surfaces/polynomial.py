"""Polynomial surfaces: monkey_saddle, rosenbrock, beale, himmelblau, three_hump_camel,
six_hump_camel, goldstein_price, styblinski_tang.

Each surface is one definition: its formula (Unicode for people, SymPy text
for the tests' exact oracle) and its NumPy kernels in x and y (``f``, ``grad``,
``hessian`` and ``value_and_grad``, the engine's hot path, sharing
subexpressions between the value and the gradient), wrapped by
`surfaces.kernels`.  Formulas, plot domains and minima follow
``shared/reference/test_functions.md``; the local minima were computed with
Newton's method on exact (symbolic) derivatives in 40-digit arithmetic and
rounded to float64, or in closed form where one exists.

Sources (Surjanovic & Bingham, Virtual Library of Simulation Experiments, VLSE,
https://www.sfu.ca/~ssurjano/optimization.html, and the original papers):

* monkey_saddle ``x³ − 3xy²``: the classic degenerate saddle (Hilbert & Cohn-Vossen,
  *Geometry and the Imagination*, 1932).
* rosenbrock ``(1 − x)² + 100 (y − x²)²``: Rosenbrock, *Comput. J.* 3 (1960); VLSE rosen.html.
* beale ``(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²``: Beale (1958); VLSE beale.html.
* himmelblau ``(x² + y − 11)² + (x + y² − 7)²``: Himmelblau, *Applied Nonlinear Programming* (1972).
* three_hump_camel ``2x² − 1.05x⁴ + x⁶/6 + xy + y²``: VLSE camel3.html.
* six_hump_camel ``(4 − 2.1x² + x⁴/3) x² + xy + (−4 + 4y²) y²``: Dixon & Szegő (1978); VLSE camel6.html.
* goldstein_price ``[1 + (x+y+1)² (19 − 14x + 3x² − 14y + 6xy + 3y²)] ·
  [30 + (2x−3y)² (18 − 32x + 12x² + 48y − 36xy + 27y²)]``: Goldstein & Price,
  *Math. Comp.* 25 (1971); VLSE goldpr.html.
* styblinski_tang ``½ (x⁴ − 16x² + 5x + y⁴ − 16y² + 5y)``: Styblinski & Tang,
  *Neural Networks* 3 (1990); VLSE stybtang.html.
"""

from __future__ import annotations

import math
from typing import Any

from .base import Minimum, fixed_surface
from .kernels import constants, coordinatewise, pointwise

__all__ = [
    "MONKEY_SADDLE",
    "ROSENBROCK",
    "BEALE",
    "HIMMELBLAU",
    "THREE_HUMP_CAMEL",
    "SIX_HUMP_CAMEL",
    "GOLDSTEIN_PRICE",
    "STYBLINSKI_TANG",
]

# Numbers in the hot-path kernels (grad, value_and_grad and their helpers) are 0-d arrays,
# which NumPy combines with arrays faster than Python floats (see `constants`); ``_m6`` is −6,
# ``_4p2`` is 4.2.  ``f`` and ``hessian`` keep plain numbers; the results are bit-identical.
_1, _2, _3, _4, _5, _6, _7, _8, _11, _14, _16, _18, _19, _30, _100, _200 = constants(
    1, 2, 3, 4, 5, 6, 7, 8, 11, 14, 16, 18, 19, 30, 100, 200
)
_m6, _1p05, _1p5, _2p1, _2p25, _2p5, _2p625, _4p2, _8p4 = constants(-6, 1.05, 1.5, 2.1, 2.25, 2.5, 2.625, 4.2, 8.4)


# --- monkey saddle: x³ − 3xy² ---------------------------------------------------------


def _monkey_saddle_f(x: Any, y: Any) -> Any:
    return x * (x * x - 3.0 * (y * y))


def _monkey_saddle_grad(x: Any, y: Any) -> tuple[Any, Any]:
    return _3 * (x * x - y * y), _m6 * (x * y)


def _monkey_saddle_hessian(x: Any, y: Any) -> tuple[Any, Any, Any]:
    return 6.0 * x, -6.0 * y, -6.0 * x


def _monkey_saddle_vg(x: Any, y: Any) -> tuple[Any, Any, Any]:
    xx = x * x
    yy = y * y
    return x * (xx - _3 * yy), _3 * (xx - yy), _m6 * (x * y)


MONKEY_SADDLE = fixed_surface(
    name="monkey_saddle",
    title="Monkey saddle",
    formula="x³ − 3xy²",
    expression="x**3 - 3*x*y**2",
    description="a flat degenerate saddle with three downhill valleys: gradients vanish with no minimum in sight",
    domain=((-2.0, 2.0), (-2.0, 2.0)),
    start=(1.5, 0.1),
    minima=(),
    contour="linear",
    **pointwise(
        f=_monkey_saddle_f,
        grad=_monkey_saddle_grad,
        hessian=_monkey_saddle_hessian,
        value_and_grad=_monkey_saddle_vg,
    ),
)


# --- Rosenbrock: (1 − x)² + 100 (y − x²)² -------------------------------------------------
# ∂f/∂y = 200 (y − x²);  ∂f/∂x = 2 (x − 1) − 2x ∂f/∂y


def _rosenbrock_f(x: Any, y: Any) -> Any:
    a = 1.0 - x
    r = y - x * x
    return a * a + 100.0 * (r * r)


def _rosenbrock_grad(x: Any, y: Any) -> tuple[Any, Any]:
    t = _200 * (y - x * x)
    return _2 * ((x - _1) - x * t), t


def _rosenbrock_hessian(x: Any, y: Any) -> tuple[Any, Any, Any]:
    return 1200.0 * (x * x) - 400.0 * y + 2.0, -400.0 * x, 200.0


def _rosenbrock_vg(x: Any, y: Any) -> tuple[Any, Any, Any]:
    a = x - _1
    r = y - x * x
    t = _200 * r
    return a * a + _100 * (r * r), _2 * (a - x * t), t


ROSENBROCK = fixed_surface(
    name="rosenbrock",
    title="Rosenbrock",
    formula="(1 − x)² + 100 (y − x²)²",
    expression="(1 - x)**2 + 100*(y - x**2)**2",
    description="a curved narrow valley: pathological curvature",
    domain=((-2.0, 2.0), (-1.0, 3.0)),
    start=(-1.5, 2.0),
    minima=(Minimum((1.0, 1.0), 0.0, "global"),),
    contour="log",
    **pointwise(
        f=_rosenbrock_f,
        grad=_rosenbrock_grad,
        hessian=_rosenbrock_hessian,
        value_and_grad=_rosenbrock_vg,
    ),
)


# --- Beale -------------------------------------------------------------------------------
# f = t1² + t2² + t3²,  t_k = c_k + x u_k,  u_k = y^k − 1,  (c1, c2, c3) = (1.5, 2.25, 2.625)
# ∂f/∂x = 2 Σ t_k u_k,   ∂f/∂y = 2x (t1 + 2y t2 + 3y² t3)


def _beale_terms(x: Any, y: Any) -> tuple[Any, ...]:
    yy = y * y
    u1 = y - _1
    u2 = yy - _1
    u3 = yy * y - _1
    t1 = _1p5 + x * u1
    t2 = _2p25 + x * u2
    t3 = _2p625 + x * u3
    return yy, u1, u2, u3, t1, t2, t3


def _beale_f(x: Any, y: Any) -> Any:
    _, _, _, _, t1, t2, t3 = _beale_terms(x, y)
    return t1 * t1 + t2 * t2 + t3 * t3


def _beale_vg(x: Any, y: Any) -> tuple[Any, Any, Any]:
    yy, u1, u2, u3, t1, t2, t3 = _beale_terms(x, y)
    gx = _2 * (t1 * u1 + t2 * u2 + t3 * u3)
    gy = (_2 * x) * (t1 + (_2 * y) * t2 + (_3 * yy) * t3)
    return t1 * t1 + t2 * t2 + t3 * t3, gx, gy


def _beale_grad(x: Any, y: Any) -> tuple[Any, Any]:
    yy, u1, u2, u3, t1, t2, t3 = _beale_terms(x, y)
    return _2 * (t1 * u1 + t2 * u2 + t3 * u3), (_2 * x) * (t1 + (_2 * y) * t2 + (_3 * yy) * t3)


def _beale_hessian(x: Any, y: Any) -> tuple[Any, Any, Any]:
    yy, u1, u2, u3, t1, t2, t3 = _beale_terms(x, y)
    hxx = 2.0 * (u1 * u1 + u2 * u2 + u3 * u3)
    hxy = 2.0 * (t1 + 2.0 * y * t2 + 3.0 * yy * t3 + x * (u1 + 2.0 * y * u2 + 3.0 * yy * u3))
    hyy = 2.0 * x * (x + 2.0 * t2 + 4.0 * x * yy + 6.0 * y * t3 + 9.0 * x * (yy * yy))
    return hxx, hxy, hyy


BEALE = fixed_surface(
    name="beale",
    title="Beale",
    formula="(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²",
    expression="(3/2 - x + x*y)**2 + (9/4 - x + x*y**2)**2 + (21/8 - x + x*y**3)**2",
    description="flat plateaus and steep ridges across a huge range of values: a test of step-size robustness",
    domain=((-4.5, 4.5), (-4.5, 4.5)),
    start=(1.0, 1.5),
    minima=(Minimum((3.0, 0.5), 0.0, "global"),),
    contour="log",
    **pointwise(f=_beale_f, grad=_beale_grad, hessian=_beale_hessian, value_and_grad=_beale_vg),
)


# --- Himmelblau: (x² + y − 11)² + (x + y² − 7)² ------------------------------------------
# u = x² + y − 11, v = x + y² − 7;  ∇f = (4xu + 2v, 2u + 4yv)


def _himmelblau_f(x: Any, y: Any) -> Any:
    u = x * x + y - 11.0
    v = x + y * y - 7.0
    return u * u + v * v


def _himmelblau_grad(x: Any, y: Any) -> tuple[Any, Any]:
    u2 = _2 * (x * x + y - _11)
    v2 = _2 * (x + y * y - _7)
    return _2 * x * u2 + v2, u2 + _2 * y * v2


def _himmelblau_vg(x: Any, y: Any) -> tuple[Any, Any, Any]:
    u = x * x + y - _11
    v = x + y * y - _7
    u2 = _2 * u
    v2 = _2 * v
    return u * u + v * v, _2 * x * u2 + v2, u2 + _2 * y * v2


def _himmelblau_hessian(x: Any, y: Any) -> tuple[Any, Any, Any]:
    hxx = 4.0 * (x * x + y - 11.0) + 8.0 * (x * x) + 2.0
    hyy = 4.0 * (x + y * y - 7.0) + 8.0 * (y * y) + 2.0
    return hxx, 4.0 * (x + y), hyy


HIMMELBLAU = fixed_surface(
    name="himmelblau",
    title="Himmelblau",
    formula="(x² + y − 11)² + (x + y² − 7)²",
    expression="(x**2 + y - 11)**2 + (x + y**2 - 7)**2",
    description="four equally deep minima: which one does each optimizer fall into?",
    domain=((-5.0, 5.0), (-5.0, 5.0)),
    start=(-0.5, 0.0),
    minima=(
        Minimum((3.0, 2.0), 0.0, "global"),
        Minimum((-2.805118086952745, 3.131312518250573), 0.0, "global"),
        Minimum((-3.779310253377747, -3.2831859912861696), 0.0, "global"),
        Minimum((3.5844283403304917, -1.8481265269644036), 0.0, "global"),
    ),
    contour="log",
    **pointwise(f=_himmelblau_f, grad=_himmelblau_grad, hessian=_himmelblau_hessian, value_and_grad=_himmelblau_vg),
)


# --- three-hump camel: 2x² − 1.05x⁴ + x⁶/6 + xy + y² ----------------------------------------
# ∇f = (4x − 4.2x³ + x⁵ + y, x + 2y).  Local minima in closed form: y = −x/2 and
# x⁴ − 4.2x² + 3.5 = 0, so x² = 2.1 + √0.91.

_THC_X = math.sqrt(2.1 + math.sqrt(0.91))


def _three_hump_camel_f(x: Any, y: Any) -> Any:
    xx = x * x
    return xx * (2.0 + xx * (xx / 6.0 - 1.05)) + y * (x + y)


def _three_hump_camel_grad(x: Any, y: Any) -> tuple[Any, Any]:
    xx = x * x
    return x * (_4 + xx * (xx - _4p2)) + y, x + _2 * y


def _three_hump_camel_vg(x: Any, y: Any) -> tuple[Any, Any, Any]:
    xx = x * x
    return xx * (_2 + xx * (xx / _6 - _1p05)) + y * (x + y), x * (_4 + xx * (xx - _4p2)) + y, x + _2 * y


def _three_hump_camel_hessian(x: Any, y: Any) -> tuple[Any, Any, Any]:
    xx = x * x
    return 4.0 + xx * (5.0 * xx - 12.6), 1.0, 2.0


THREE_HUMP_CAMEL = fixed_surface(
    name="three_hump_camel",
    title="Three-hump camel",
    formula="2x² − 1.05x⁴ + x⁶/6 + xy + y²",
    expression="2*x**2 - 105*x**4/100 + x**6/6 + x*y + y**2",
    description="a global minimum between two local ones: does an optimizer get caught on a side hump?",
    domain=((-2.0, 2.0), (-2.0, 2.0)),
    start=(-1.5, -1.8),
    minima=(
        Minimum((0.0, 0.0), 0.0, "global"),
        Minimum((_THC_X, -_THC_X / 2.0), 0.2986384422368598, "local"),
        Minimum((-_THC_X, _THC_X / 2.0), 0.2986384422368598, "local"),
    ),
    contour="log",
    **pointwise(
        f=_three_hump_camel_f,
        grad=_three_hump_camel_grad,
        hessian=_three_hump_camel_hessian,
        value_and_grad=_three_hump_camel_vg,
    ),
)


# --- six-hump camel: (4 − 2.1x² + x⁴/3) x² + xy + (−4 + 4y²) y² -------------------------------
# ∇f = (8x − 8.4x³ + 2x⁵ + y, x − 8y + 16y³)


def _six_hump_camel_f(x: Any, y: Any) -> Any:
    xx = x * x
    yy = y * y
    return xx * (4.0 + xx * (xx / 3.0 - 2.1)) + x * y + yy * (4.0 * yy - 4.0)


def _six_hump_camel_grad(x: Any, y: Any) -> tuple[Any, Any]:
    xx = x * x
    return x * (_8 + xx * (_2 * xx - _8p4)) + y, x + y * (_16 * (y * y) - _8)


def _six_hump_camel_vg(x: Any, y: Any) -> tuple[Any, Any, Any]:
    xx = x * x
    yy = y * y
    f = xx * (_4 + xx * (xx / _3 - _2p1)) + x * y + yy * (_4 * yy - _4)
    return f, x * (_8 + xx * (_2 * xx - _8p4)) + y, x + y * (_16 * yy - _8)


def _six_hump_camel_hessian(x: Any, y: Any) -> tuple[Any, Any, Any]:
    xx = x * x
    return 8.0 + xx * (10.0 * xx - 25.2), 1.0, 48.0 * (y * y) - 8.0


SIX_HUMP_CAMEL = fixed_surface(
    name="six_hump_camel",
    title="Six-hump camel",
    formula="(4 − 2.1x² + x⁴/3) x² + xy + (−4 + 4y²) y²",
    expression="(4 - 21*x**2/10 + x**4/3)*x**2 + x*y + (-4 + 4*y**2)*y**2",
    description="six minima, two of them global: which basin does each optimizer end in?",
    domain=((-3.0, 3.0), (-2.0, 2.0)),
    start=(-2.5, -1.5),
    minima=(
        Minimum((0.08984201310031806, -0.7126564030207396), -1.0316284534898774, "global"),
        Minimum((-0.08984201310031806, 0.7126564030207396), -1.0316284534898774, "global"),
        Minimum((-1.703606714969981, 0.7960835686726251), -0.21546382438371764, "local"),
        Minimum((1.703606714969981, -0.7960835686726251), -0.21546382438371764, "local"),
        Minimum((-1.6071047529201972, -0.5686514548841314), 2.1042503103112584, "local"),
        Minimum((1.6071047529201972, 0.5686514548841314), 2.1042503103112584, "local"),
    ),
    contour="log",
    **pointwise(
        f=_six_hump_camel_f,
        grad=_six_hump_camel_grad,
        hessian=_six_hump_camel_hessian,
        value_and_grad=_six_hump_camel_vg,
    ),
)


# --- Goldstein–Price ------------------------------------------------------------------------
# With σ = x + y and t = 2x − 3y the two factors are one-variable polynomials:
#   a(σ) = 1 + (σ + 1)² (19 − 14σ + 3σ²)      (= 1 + (x+y+1)² (19 − 14x + 3x² − 14y + 6xy + 3y²))
#   c(t) = 30 + t² (18 − 16t + 3t²)            (= 30 + (2x−3y)² (18 − 32x + 12x² + 48y − 36xy + 27y²))
# f = a c;  ∂f/∂x = a′c + 2ac′,  ∂f/∂y = a′c − 3ac′;
# ∂²f/∂x² = a″c + 4a′c′ + 4ac″,  ∂²f/∂x∂y = a″c − a′c′ − 6ac″,
# ∂²f/∂y² = a″c − 6a′c′ + 9ac″.


def _gp_a(x: Any, y: Any) -> tuple[Any, ...]:
    sigma = x + y
    s = sigma + _1
    b = _19 + sigma * (_3 * sigma - _14)
    ss = s * s
    return sigma, s, b, ss, _1 + ss * b


def _gp_c(x: Any, y: Any) -> tuple[Any, ...]:
    t = _2 * x - _3 * y
    d = _18 + t * (_3 * t - _16)
    tt = t * t
    return t, d, tt, _30 + tt * d


def _goldstein_price_vg(x: Any, y: Any) -> tuple[Any, Any, Any]:
    sigma, s, b, ss, a = _gp_a(x, y)
    t, d, tt, c = _gp_c(x, y)
    da = s * (_2 * b + s * (_6 * sigma - _14))
    dc = t * (_2 * d + t * (_6 * t - _16))
    dac = da * c
    adc = a * dc
    return a * c, dac + _2 * adc, dac - _3 * adc


def _goldstein_price_f(x: Any, y: Any) -> Any:
    return _gp_a(x, y)[4] * _gp_c(x, y)[3]


def _goldstein_price_grad(x: Any, y: Any) -> tuple[Any, Any]:
    _, gx, gy = _goldstein_price_vg(x, y)
    return gx, gy


def _goldstein_price_hessian(x: Any, y: Any) -> tuple[Any, Any, Any]:
    sigma, s, b, ss, a = _gp_a(x, y)
    t, d, tt, c = _gp_c(x, y)
    bp = 6.0 * sigma - 14.0
    dp = 6.0 * t - 16.0
    da = s * (2.0 * b + s * bp)
    dc = t * (2.0 * d + t * dp)
    dda = 2.0 * b + 4.0 * s * bp + 6.0 * ss
    ddc = 2.0 * d + 4.0 * t * dp + 6.0 * tt
    base = dda * c
    cross = da * dc
    curv = a * ddc
    return base + 4.0 * cross + 4.0 * curv, base - cross - 6.0 * curv, base - 6.0 * cross + 9.0 * curv


GOLDSTEIN_PRICE = fixed_surface(
    name="goldstein_price",
    title="Goldstein–Price",
    formula=(
        "[1 + (x + y + 1)² (19 − 14x + 3x² − 14y + 6xy + 3y²)] · "
        "[30 + (2x − 3y)² (18 − 32x + 12x² + 48y − 36xy + 27y²)]"
    ),
    expression=(
        "(1 + (x + y + 1)**2*(19 - 14*x + 3*x**2 - 14*y + 6*x*y + 3*y**2))"
        "*(30 + (2*x - 3*y)**2*(18 - 32*x + 12*x**2 + 48*y - 36*x*y + 27*y**2))"
    ),
    description="values spanning six decades around several local minima: step sizes under a huge dynamic range",
    domain=((-2.0, 2.0), (-2.0, 2.0)),
    start=(0.5, 1.5),
    minima=(
        Minimum((0.0, -1.0), 3.0, "global"),
        Minimum((-0.6, -0.4), 30.0, "local"),
        Minimum((1.8, 0.2), 84.0, "local"),
        Minimum((1.2, 0.8), 840.0, "local"),
    ),
    contour="log",
    **pointwise(
        f=_goldstein_price_f,
        grad=_goldstein_price_grad,
        hessian=_goldstein_price_hessian,
        value_and_grad=_goldstein_price_vg,
    ),
)


# --- Styblinski–Tang: ½ Σ (v⁴ − 16v² + 5v) ----------------------------------------------------
# Separable: ∂f/∂v = 2v³ − 16v + 2.5 for v in (x, y), computed on both coordinates at once.
# Minima where each coordinate is a root of 4v³ − 32v + 5: v = −2.903534… (deeper) or 2.746803….

_ST_LOW = -2.903534027771177
_ST_HIGH = 2.746802770990837
_half = constants(0.5)[0]


def _styblinski_tang_f(p: Any) -> Any:
    h = p * (p * (p * p - _16) + _5)
    return _half * h[..., 0] + _half * h[..., 1]


def _styblinski_tang_vg(p: Any) -> tuple[Any, Any]:
    pp = p * p
    h = p * (p * (pp - _16) + _5)
    return _half * h[..., 0] + _half * h[..., 1], p * (_2 * pp - _16) + _2p5


def _styblinski_tang_grad(p: Any) -> Any:
    return p * (_2 * (p * p) - _16) + _2p5


def _styblinski_tang_hessian(p: Any) -> tuple[Any, Any, Any]:
    d = 6.0 * (p * p) - 16.0
    return d[..., 0], 0.0, d[..., 1]


STYBLINSKI_TANG = fixed_surface(
    name="styblinski_tang",
    title="Styblinski–Tang",
    formula="½ (x⁴ − 16x² + 5x + y⁴ − 16y² + 5y)",
    expression="(x**4 - 16*x**2 + 5*x + y**4 - 16*y**2 + 5*y)/2",
    description="four minima of different depths: does an optimizer find the deepest one?",
    domain=((-5.0, 5.0), (-5.0, 5.0)),
    start=(0.5, 0.3),
    minima=(
        Minimum((_ST_LOW, _ST_LOW), -78.33233140754282, "global"),
        Minimum((_ST_LOW, _ST_HIGH), -64.19561235905536, "local"),
        Minimum((_ST_HIGH, _ST_LOW), -64.19561235905536, "local"),
        Minimum((_ST_HIGH, _ST_HIGH), -50.05889331056788, "local"),
    ),
    contour="linear",
    **coordinatewise(
        f=_styblinski_tang_f,
        grad=_styblinski_tang_grad,
        hessian=_styblinski_tang_hessian,
        value_and_grad=_styblinski_tang_vg,
    ),
)

"""Every registered surface against an exact oracle: SymPy.

Closed-form surfaces carry their f as SymPy text (``SurfaceDef.expression``); SymPy
differentiates it exactly and mpmath evaluates f, the gradient and the Hessian at 40
digits at float points (taken exactly), which the NumPy kernels must match to a few
units of rounding.  The data-fit surfaces have no closed form over fixed data: their
oracle is the displayed formula's summand, summed by SymPy over the surface's own data.
The Unicode formula shown to users is translated to SymPy and checked against the
expression too, so a wrong formula on screen fails here.
"""

from __future__ import annotations

import re

import mpmath
import numpy as np
import pytest

sympy = pytest.importorskip("sympy")
from sympy.parsing.sympy_parser import (  # noqa: E402
    implicit_multiplication_application,
    parse_expr,
    rationalize,
    standard_transformations,
)

from surfaces import SURFACES, get_surface, get_surface_def  # noqa: E402

from .test_surface_derivatives import VARIANT_IDS, VARIANTS  # noqa: E402

X, Y = sympy.symbols("x y", real=True)
N_POINTS = 25
mpmath.mp.dps = 40
# Agreement asked: 1e-12 relative to 1 + the size of the numbers of that order at the point.
RTOL = 1e-12


def _oracle(expr):
    """mpmath functions for f, ∂f/∂x, ∂f/∂y, ∂²f/∂x², ∂²f/∂x∂y, ∂²f/∂y²."""
    grad = [sympy.diff(expr, v) for v in (X, Y)]
    hess = [[sympy.diff(g, v) for v in (X, Y)] for g in grad]
    flat = [expr, *grad, hess[0][0], hess[0][1], hess[1][1]]
    return [sympy.lambdify((X, Y), e, modules="mpmath") for e in flat]


def _points(surface, n, seed):
    rng = np.random.default_rng(seed)
    (xmin, xmax), (ymin, ymax) = surface.domain
    pts = np.column_stack([rng.uniform(xmin, xmax, n), rng.uniform(ymin, ymax, n)])
    if surface.name == "ackley":
        pts = pts[np.hypot(pts[:, 0], pts[:, 1]) > 1e-3]  # the cone tip is not differentiable
    return pts


def _compare(surface, funcs, points):
    """Check f, grad, hessian and value_and_grad at `points` against the exact functions."""
    f = surface.f(points)
    g = surface.grad(points)
    h = surface.hessian(points)
    value, grad = surface.value_and_grad(points)
    np.testing.assert_array_equal(value, f)
    np.testing.assert_array_equal(grad, g)
    got = np.column_stack([f, g[:, 0], g[:, 1], h[:, 0, 0], h[:, 0, 1], h[:, 1, 1]])
    np.testing.assert_array_equal(h[:, 0, 1], h[:, 1, 0])
    exact = np.array([[float(fn(mpmath.mpf(px), mpmath.mpf(py))) for fn in funcs] for px, py in points])
    # The size of each order's numbers: an error is measured against the largest of f, |∇f|
    # or |∇²f| at that point (a gradient component that is nearly 0 while the other is not is
    # the difference of large terms) -- no looser than the kernels' float64 rounding allows.
    size_f = np.abs(exact[:, :1])
    size_g = np.abs(exact[:, 1:3]).max(axis=1, keepdims=True)
    size_h = np.abs(exact[:, 3:]).max(axis=1, keepdims=True)
    size = np.hstack([size_f, size_g, size_g, size_h, size_h, size_h])
    tol = RTOL * (1.0 + size)
    bad = np.abs(got - exact) > tol
    assert not bad.any(), (
        f"{surface.spec}: differs from the exact values at {points[bad.any(axis=1)][:3]}: "
        f"got {got[bad.any(axis=1)][:2]}, exact {exact[bad.any(axis=1)][:2]}"
    )
    assert got.shape[0] >= 10


def _symbols_for(definition, params):
    local = {"x": X, "y": Y}
    subs = {}
    for param in definition.params:
        symbol = sympy.Symbol(param.name, real=True)
        local[param.name] = symbol
        subs[symbol] = sympy.Rational(params[param.name])  # the float value, exactly
    return local, subs


ANALYTIC = [(v, i) for v, i in zip(VARIANTS, VARIANT_IDS) if SURFACES[v[0]].expression]


@pytest.mark.parametrize("variant", [v for v, _ in ANALYTIC], ids=[i for _, i in ANALYTIC])
def test_f_grad_hessian_match_the_exact_expression(variant):
    name, params = variant
    surface = get_surface(name, **params)
    definition = get_surface_def(name)
    local, subs = _symbols_for(definition, surface.params)
    expr = parse_expr(definition.expression, local_dict=local).subs(subs)
    assert expr.free_symbols <= {X, Y}
    _compare(surface, _oracle(expr), _points(surface, N_POINTS, seed=11))


def test_every_analytic_surface_has_an_expression():
    data_fit = [name for name, d in SURFACES.items() if not d.expression]
    assert data_fit == ["linear_regression", "logistic_regression"]


# --- the data-fit surfaces: the formula's summand, summed by SymPy over the surface's data ------

DATA_FIT_VARIANTS = [
    ("linear_regression", {}),
    ("linear_regression", {"n": 7, "noise": 0.3, "x_min": -3.0, "x_max": 40.0}),
    ("logistic_regression", {}),
    ("logistic_regression", {"n": 9, "separation": 2.0, "w1": -0.5}),
]


def _data_fit_expression(surface):
    """f from the displayed formula: its summand ``(...)`` after ``Σᵢ``, summed over the data, over n."""
    match = re.fullmatch(r"\(1/n\) Σᵢ (\(.*\)²?),  (.*) = \(x, y\)", surface.formula)
    assert match, surface.formula
    summand, names = match.groups()
    data = surface.data
    xi, yi, x1, x2 = sympy.symbols("xi yi x1 x2", real=True)
    text = summand.replace("−", "-").replace("·", "*").replace("²", "**2")
    if data.kind == "linear":
        assert names == "(b₀, b₁)"
        text = text.replace("b₀", " x ").replace("b₁", " y ").replace("xᵢ", " xi ").replace("yᵢ", " yi ")
        term = parse_expr(
            text,
            local_dict={"x": X, "y": Y, "xi": xi, "yi": yi},
            transformations=standard_transformations + (implicit_multiplication_application,),
        )
        rows = [{xi: sympy.Rational(a), yi: sympy.Rational(b)} for a, b in zip(data.x, data.y)]
    else:
        assert names == "w"
        text = text.replace("w*xᵢ", "(x*x1 + y*x2)").replace("yᵢ", " yi ")
        term = parse_expr(
            text,
            local_dict={"x": X, "y": Y, "x1": x1, "x2": x2, "yi": yi},
            transformations=standard_transformations + (implicit_multiplication_application,),
        )
        rows = [{x1: sympy.Rational(a), x2: sympy.Rational(b), yi: sympy.Rational(c)}
                for (a, b), c in zip(data.x, data.y)]  # fmt: skip
    assert term.free_symbols - {X, Y} and len(rows) == data.n
    return term, rows


def _summed_oracle(term, rows):
    """Exact derivatives of the summand, summed over the data at 40 digits (mean over the n rows)."""
    keys = list(rows[0])
    grad = [sympy.diff(term, v) for v in (X, Y)]
    flat = [term, *grad, sympy.diff(grad[0], X), sympy.diff(grad[0], Y), sympy.diff(grad[1], Y)]
    values = [[mpmath.mpf(sympy.Float(row[k], 60)) for k in keys] for row in rows]
    funcs = [sympy.lambdify((X, Y, *keys), e, modules="mpmath") for e in flat]

    def mean(fn):
        return lambda px, py: mpmath.fsum(fn(px, py, *row) for row in values) / len(values)

    return [mean(fn) for fn in funcs]


@pytest.mark.parametrize("variant", DATA_FIT_VARIANTS, ids=[f"{n}-{p}" for n, p in DATA_FIT_VARIANTS])
def test_data_fit_surfaces_match_the_formula_summed_over_their_data(variant):
    name, params = variant
    surface = get_surface(name, **params)
    term, rows = _data_fit_expression(surface)
    points = _points(surface, 10 if surface.data.n > 50 else N_POINTS, seed=12)
    _compare(surface, _summed_oracle(term, rows), points)


# --- the formula shown to users -------------------------------------------------------------------

_SUPERSCRIPTS = {"²": "**2", "³": "**3", "⁴": "**4", "⁶": "**6"}


def _matching_paren(text, start):
    depth = 0
    for i in range(start, len(text)):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        if depth == 0:
            return i
    raise AssertionError(f"unbalanced parentheses in {text!r}")


def displayed_to_sympy(formula: str):
    """The Unicode formula as people read it (``2x² − 1.05x⁴``, ``cos 2πx``, ``sin²(3πx)``) in SymPy."""
    text = formula.replace("−", "-").replace("·", "*").replace("×", "*").replace("[", "(").replace("]", ")")
    text = text.replace("½", "(1/2)").replace("π", " pi ").replace("√", "sqrt")
    text = re.sub(r"\be\b", "E", text)
    # sin²(u) -> sin(u)**2
    while (m := re.search(r"(sin|cos)([²³])\(", text)) is not None:
        close = _matching_paren(text, m.end() - 1)
        argument = text[m.end() - 1 : close + 1]
        text = f"{text[: m.start()]}{m.group(1)}{argument}{_SUPERSCRIPTS[m.group(2)]}{text[close + 1 :]}"
    # cos 2πx, cos x: a function applied without parentheses takes the next product
    text = re.sub(r"\b(sin|cos|exp) ([0-9 pixy]+?)(?=$| [-+*]|\))", lambda m: f"{m.group(1)}({m.group(2)})", text)
    for sup, power in _SUPERSCRIPTS.items():
        text = text.replace(sup, power)
    transformations = standard_transformations + (implicit_multiplication_application, rationalize)
    return parse_expr(text, local_dict={"x": X, "y": Y, "pi": sympy.pi, "E": sympy.E}, transformations=transformations)


SHOWN = [name for name, d in SURFACES.items() if d.expression and name != "ill_conditioned"]


@pytest.mark.parametrize("name", SHOWN)
def test_displayed_formula_is_the_expression(name):
    definition = SURFACES[name]
    shown = displayed_to_sympy(definition.formula)
    expr = parse_expr(definition.expression, local_dict={"x": X, "y": Y})
    assert shown.free_symbols <= {X, Y}
    difference = sympy.simplify(shown - expr)
    if difference != 0:  # simplify is not a decision procedure: then compare at 40 digits
        rng = np.random.default_rng(3)
        for px, py in rng.uniform(-3, 3, (20, 2)):
            value = difference.evalf(40, subs={X: sympy.Rational(px), Y: sympy.Rational(py)})
            assert abs(value) < 1e-30, (definition.formula, str(shown), definition.expression)


def test_ill_conditioned_formula_is_the_expression():
    """½ wᵀ A w with A = R(θ) diag(1, κ) R(θ)ᵀ, built as matrices, is the expression."""
    definition = SURFACES["ill_conditioned"]
    assert definition.formula == "½ wᵀ A w,  A = R(θ) diag(1, κ) R(θ)ᵀ"
    kappa, angle = sympy.symbols("kappa angle", real=True)
    theta = angle * sympy.pi / 180
    rotation = sympy.Matrix([[sympy.cos(theta), -sympy.sin(theta)], [sympy.sin(theta), sympy.cos(theta)]])
    a = rotation * sympy.diag(1, kappa) * rotation.T
    w = sympy.Matrix([X, Y])
    shown = (w.T * a * w)[0] / 2
    expr = parse_expr(definition.expression, local_dict={"x": X, "y": Y, "kappa": kappa, "angle": angle})
    assert sympy.simplify(sympy.expand_trig(shown - expr)) == 0


def test_formula_translation_catches_a_wrong_formula():
    """The check is not vacuous: a typo such as Beale's 2.626 is caught."""
    beale = SURFACES["beale"]
    wrong = displayed_to_sympy(beale.formula.replace("2.625", "2.626"))
    expr = parse_expr(beale.expression, local_dict={"x": X, "y": Y})
    assert sympy.expand(wrong - expr) != 0
    assert sympy.expand(displayed_to_sympy(beale.formula) - expr) == 0
    assert displayed_to_sympy("cos 2πx + sin²(3πy)") == sympy.cos(2 * sympy.pi * X) + sympy.sin(3 * sympy.pi * Y) ** 2


def test_the_oracle_checks_many_values():
    """f, ∂f/∂x, ∂f/∂y and three Hessian entries at each point of every variant above."""
    analytic = sum(len(_points(get_surface(n, **p), N_POINTS, seed=11)) for (n, p), _ in ANALYTIC)
    data_fit = sum(10 if get_surface(n, **p).data.n > 50 else N_POINTS for n, p in DATA_FIT_VARIANTS)
    assert 6 * (analytic + data_fit) > 3000

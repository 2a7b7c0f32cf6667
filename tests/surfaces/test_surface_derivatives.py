"""Every registered surface: analytic gradients and Hessians against finite differences,
value_and_grad against f and grad, array shapes, and silence on extreme inputs.

Parametrized over SURFACES, so a newly registered surface is tested automatically.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from surfaces import SURFACES, get_surface

NAMES = list(SURFACES)

# A few non-default parameter settings, so parametrized surfaces are also tested off their defaults.
VARIANTS = [(name, {}) for name in NAMES] + [
    ("ill_conditioned", {"kappa": 1.0, "angle": 0.0}),
    ("ill_conditioned", {"kappa": 1e4, "angle": -72.5}),
    ("ill_conditioned", {"kappa": 100.0, "angle": 180.0}),
]
VARIANT_IDS = [name + "".join(f"-{k}={v:g}" for k, v in params.items()) for name, params in VARIANTS]

# Finite differences: central differences with steps h and h/2 combined by Richardson
# extrapolation, D = (4 D(h/2) − D(h)) / 3, whose truncation error is about h⁴·|f⁽⁵⁾|/480 and
# rounding error about 3·eps·F/h, where F is the size of the terms that cancel in the formula
# (|f|, or constants such as Ackley's 20 + e).  Plot domains span at most ±10, so a fixed
# h = 1e-4 is fine everywhere: the truncation term is ≤ 2e-19·|f⁽⁵⁾| (Lévi's sin²(3πx) ripple,
# the fastest here, has |f⁽⁵⁾| ≈ (6π)⁵/2 ≈ 1e6) and the rounding term ≈ 7e-12·F.  Both are far
# below
#   tol = 1e-7 · (1 + |g|) + 1e-9 · (1 + |f|)
# (measured: the worst of 3000 points per surface uses under 1/80 of it), so a mismatch above
# tol is a wrong formula, not numerical noise; an error of one part in a million is caught.
# Exception: near Ackley's cone tip at the origin the derivatives blow up; points within
# 100 h of it are skipped (the origin itself is tested in test_ackley_at_the_origin).
H = 1e-4
RTOL = 1e-7


def _random_points(surface, n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    (xmin, xmax), (ymin, ymax) = surface.domain
    return np.column_stack([rng.uniform(xmin, xmax, n), rng.uniform(ymin, ymax, n)])


def _central_difference(func, points: np.ndarray) -> np.ndarray:
    """d func / d p_j at each point, stacked on a new last axis (shape func(p).shape + (2,))."""

    def central(j: int, h: np.ndarray) -> np.ndarray:
        plus = points.copy()
        minus = points.copy()
        plus[..., j] += h
        minus[..., j] -= h
        step = plus[..., j] - minus[..., j]  # the step actually taken, after rounding
        diff = np.asarray(func(plus)) - np.asarray(func(minus))
        return diff / step.reshape(step.shape + (1,) * (diff.ndim - step.ndim))

    columns = []
    for j in range(2):
        h = np.full(points.shape[:-1], H)
        columns.append((4.0 * central(j, h / 2.0) - central(j, h)) / 3.0)
    return np.stack(columns, axis=-1)


def assert_grad_matches_fd(surface, points: np.ndarray) -> None:
    f = surface.f(points)
    g = surface.grad(points)
    g_fd = _central_difference(surface.f, points)
    tol = RTOL * (1.0 + np.abs(g)) + 1e-9 * (1.0 + np.abs(f))[..., None]
    bad = np.abs(g - g_fd) > tol
    assert not bad.any(), (
        f"{surface.spec}: gradient differs from finite differences at {points[bad.any(-1)][:3]}: "
        f"analytic {g[bad.any(-1)][:3]}, numeric {g_fd[bad.any(-1)][:3]}"
    )


@pytest.fixture(params=VARIANTS, ids=VARIANT_IDS)
def surface(request):
    name, params = request.param
    return get_surface(name, **params)


def test_gradient_matches_finite_differences(surface):
    assert_grad_matches_fd(surface, _random_points(surface, 50, seed=1))


def test_hessian_matches_finite_differences_of_gradient(surface):
    points = _random_points(surface, 50, seed=2)
    hess = surface.hessian(points)
    g = surface.grad(points)
    h_fd = _central_difference(surface.grad, points)  # h_fd[..., i, j] = d g_i / d p_j
    tol = RTOL * (1.0 + np.abs(hess)) + 1e-9 * (1.0 + np.abs(g))[..., :, None]
    bad = np.abs(hess - h_fd) > tol
    assert not bad.any(), (
        f"{surface.spec}: Hessian differs from differences of the gradient at {points[bad.any((-1, -2))][:3]}"
    )


def test_hessian_is_symmetric(surface):
    hess = surface.hessian(_random_points(surface, 50, seed=3))
    np.testing.assert_array_equal(hess, np.swapaxes(hess, -1, -2))


def test_value_and_grad_equals_f_and_grad(surface):
    points = _random_points(surface, 64, seed=4).reshape(8, 8, 2)
    value, grad = surface.value_and_grad(points)
    np.testing.assert_array_equal(value, surface.f(points))
    np.testing.assert_array_equal(grad, surface.grad(points))


@pytest.mark.parametrize("shape", [(), (1,), (5,), (3, 4)], ids=["point", "B=1", "B=5", "HxW"])
def test_shapes(surface, shape):
    points = _random_points(surface, int(np.prod(shape)), seed=5).reshape(shape + (2,))
    value, grad = surface.value_and_grad(points)
    assert np.shape(surface.f(points)) == shape
    assert np.shape(value) == shape
    assert surface.grad(points).shape == shape + (2,)
    assert grad.shape == shape + (2,)
    assert surface.hessian(points).shape == shape + (2, 2)
    assert np.shape(surface.distance_to_nearest_minimum(points)) == shape
    for result in (surface.f(points), value, grad, surface.grad(points), surface.hessian(points)):
        assert np.asarray(result).dtype == np.float64


def test_batched_results_equal_pointwise_results(surface):
    points = _random_points(surface, 12, seed=6).reshape(3, 4, 2)
    values = surface.f(points)
    grads = surface.grad(points)
    hessians = surface.hessian(points)
    for index in np.ndindex(3, 4):
        point = points[index]
        assert surface.f(point) == values[index]
        np.testing.assert_array_equal(surface.grad(point), grads[index])
        np.testing.assert_array_equal(surface.hessian(point), hessians[index])


def test_accepts_lists_and_integer_arrays(surface):
    point = [int(round(c)) for c in surface.start]
    expected = surface.f(np.array(point, dtype=np.float64))
    assert surface.f(point) == expected
    assert surface.f(np.array(point)) == expected
    np.testing.assert_array_equal(surface.grad(tuple(point)), surface.grad(np.array(point, dtype=np.float64)))


def test_results_do_not_alias_the_input(surface):
    points = _random_points(surface, 4, seed=7)
    before = points.copy()
    value, grad = surface.value_and_grad(points)
    grad += 1.0
    surface.hessian(points)[...] = 0.0
    np.testing.assert_array_equal(points, before)
    np.testing.assert_array_equal(surface.grad(points) + 1.0, grad)


def test_no_warnings_on_the_domain(surface):
    (xmin, xmax), (ymin, ymax) = surface.domain
    xs = np.linspace(xmin, xmax, 41)
    ys = np.linspace(ymin, ymax, 41)
    grid = np.stack(np.meshgrid(xs, ys), axis=-1)
    special = np.array([m.point for m in surface.minima] + [(0.0, 0.0), surface.start], dtype=np.float64)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for points in (grid, special):
            assert np.all(np.isfinite(surface.f(points)))
            assert np.all(np.isfinite(surface.grad(points)))
            assert np.all(np.isfinite(surface.hessian(points)))
            value, grad = surface.value_and_grad(points)
            assert np.all(np.isfinite(value)) and np.all(np.isfinite(grad))


def test_no_warnings_on_extreme_inputs(surface):
    big = [0.0, 1.0, -1e300, 1e300, 1e154, np.inf, -np.inf, np.nan, 5e-324]
    points = np.array([(a, b) for a in big for b in big], dtype=np.float64)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        surface.f(points)
        surface.grad(points)
        surface.hessian(points)
        surface.value_and_grad(points)
        surface.distance_to_nearest_minimum(points)


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=40, deadline=None)
@given(u=st.floats(0.0, 1.0), v=st.floats(0.0, 1.0))
def test_property_finite_and_gradient_matches_fd(name, u, v):
    surface = get_surface(name)
    (xmin, xmax), (ymin, ymax) = surface.domain
    point = np.array([[xmin + u * (xmax - xmin), ymin + v * (ymax - ymin)]])
    if name == "ackley" and np.hypot(*point[0]) < 1e-2:
        return  # the cone tip: not differentiable at the origin (tested separately)
    assert np.all(np.isfinite(surface.f(point)))
    assert_grad_matches_fd(surface, point)


@settings(max_examples=60, deadline=None)
@given(kappa=st.floats(1.0, 1e6), angle=st.floats(-180.0, 180.0))
def test_property_ill_conditioned_curvatures(kappa, angle):
    surface = get_surface("ill_conditioned", kappa=kappa, angle=angle)
    hess = surface.hessian(np.zeros(2))
    np.testing.assert_allclose(np.linalg.eigvalsh(hess), [1.0, kappa], rtol=1e-9, atol=1e-9 * kappa)
    theta = np.radians(angle)
    along = np.array([np.cos(theta), np.sin(theta)])
    across = np.array([-np.sin(theta), np.cos(theta)])
    np.testing.assert_allclose(hess @ along, along, atol=1e-9 * kappa)
    np.testing.assert_allclose(hess @ across, kappa * across, rtol=1e-9, atol=1e-9 * kappa)


def test_ackley_at_the_origin():
    ackley = get_surface("ackley")
    origin = np.zeros(2)
    assert ackley.f(origin) == 0.0
    np.testing.assert_array_equal(ackley.grad(origin), [0.0, 0.0])
    value, grad = ackley.value_and_grad(np.zeros((1, 2)))
    np.testing.assert_array_equal(value, [0.0])
    np.testing.assert_array_equal(grad, [[0.0, 0.0]])
    hess = ackley.hessian(origin)
    np.testing.assert_allclose(hess, 2 * np.pi**2 * np.e * np.eye(2), rtol=1e-14)
    # Off the origin the gradient is the cone's slope 2√2 · exp(-0.2 q) plus the cosine term,
    # finite however close one gets (no division blow-up, no NaN).
    for r in (1e-3, 1e-100, 1e-300, 5e-324):
        g = ackley.grad(np.array([r, 0.0]))
        assert np.all(np.isfinite(g)) and 2.8 < g[0] < 2.9 and g[1] == 0.0

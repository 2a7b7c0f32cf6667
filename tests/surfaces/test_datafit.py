"""The data-fit surfaces linear_regression and logistic_regression: their minima, the data they
are built from, and the mini-batch access the engine uses (``surface.data``).

The generic tests (gradients and Hessians against finite differences, shapes, silence on extreme
inputs, listed minima being minima, specs) cover these surfaces through SURFACES; here is what is
particular to fitting data.
"""

from __future__ import annotations

import math
import pickle
import warnings

import numpy as np
import pytest

from surfaces import SURFACES, LinearData, LogisticData, get_surface, parse_surface_spec
from surfaces.datafit import _logistic_kernel

DATA_FIT = ["linear_regression", "logistic_regression"]

# Non-default settings, so that the properties are not an accident of the defaults.
LINEAR_VARIANTS = [
    {},
    {"n": 2},
    {"n": 1000, "noise": 3.0, "data_seed": 11},
    {"x_min": 5.0, "x_max": 15.0},  # data away from x = 0: a narrow, tilted ravine
    {"x_min": -1000.0, "x_max": 1000.0, "slope": -100.0, "intercept": 100.0, "noise": 100.0},
    {"noise": 0.0, "intercept": 0.0, "slope": 0.0},  # y = 0 exactly: minimum at (0, 0), start moves
]
LOGISTIC_VARIANTS = [
    {},
    {"n": 1000, "separation": 3.0, "data_seed": 5},
    {"w1": 0.0, "w2": 0.0, "separation": 0.5},  # coin-flip labels: the MLE is near 0
    {"n": 20, "w1": -4.0, "w2": 2.5, "separation": 2.0, "data_seed": 2},
]
SEPARABLE = {"n": 20, "w1": -4.0, "w2": 2.5, "separation": 2.0, "data_seed": 3}  # no MLE: minima == ()
VARIANTS = (
    [("linear_regression", v) for v in LINEAR_VARIANTS]
    + [("logistic_regression", v) for v in LOGISTIC_VARIANTS]
    + [("logistic_regression", SEPARABLE)]
)
VARIANT_IDS = [name.split("_")[0] + "".join(f"-{k}={v:g}" for k, v in params.items()) for name, params in VARIANTS]


@pytest.fixture(params=VARIANTS, ids=VARIANT_IDS)
def surface(request):
    name, params = request.param
    return get_surface(name, **params)


def _points(surface, count: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    (xmin, xmax), (ymin, ymax) = surface.domain
    return np.column_stack([rng.uniform(xmin, xmax, count), rng.uniform(ymin, ymax, count)])


def _per_point_grads(surface, p: np.ndarray) -> np.ndarray:
    """(n, 2): the gradient of each data point's loss at the single point `p`."""
    return np.array([surface.data.batch_value_and_grad(p[None, :], np.array([i]))[1][0] for i in range(surface.data.n)])


def _linear_tolerances(surface, p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rounding allowance (f: (B,), gradient: (B, 2)) between linear_regression's closed form and the
    per-point sums: 1e-12 of the size of the terms.  A residual b₀ + b₁xᵢ − yᵢ is exact to about
    eps·Tᵢ with Tᵢ = |b₀| + |b₁xᵢ| + |yᵢ|, so the loss is exact to about eps·mean(Tᵢ²) and gradient
    component j to eps·2·mean(Tᵢ·|Xᵢⱼ|), X = [1, x]; 1e-12 allows for the sums, for the least-squares
    solution's own rounding, and still catches any wrong formula."""
    x, y = surface.data.x, surface.data.y
    terms = np.abs(p[:, 0:1]) + np.abs(p[:, 1:2] * x) + np.abs(y)
    f_tol = 1e-12 * np.mean(terms * terms, axis=-1)
    g_tol = 1e-12 * 2.0 * np.stack([np.mean(terms, axis=-1), np.mean(terms * np.abs(x), axis=-1)], axis=-1)
    return f_tol, g_tol


def _assert_batch_matches_full(surface, p, f_batch, g_batch, f_full, g_full):
    if surface.data.kind == "logistic":
        # the very same kernel on the same numbers: bit for bit
        np.testing.assert_array_equal(f_batch, f_full)
        np.testing.assert_array_equal(g_batch, g_full)
    else:
        f_tol, g_tol = _linear_tolerances(surface, p)
        assert np.all(np.abs(f_batch - f_full) <= f_tol)
        assert np.all(np.abs(g_batch - g_full) <= g_tol)


# --- linear regression: the least-squares solution ---------------------------------------------


@pytest.mark.parametrize("params", LINEAR_VARIANTS, ids=[VARIANT_IDS[i] for i in range(len(LINEAR_VARIANTS))])
def test_linear_minimum_is_the_least_squares_solution(params):
    surface = get_surface("linear_regression", **params)
    x, y = surface.data.x, surface.data.y
    design = np.column_stack([np.ones_like(x), x])
    expected, *_ = np.linalg.lstsq(design, y, rcond=None)
    (minimum,) = surface.minima
    assert minimum.kind == "global"
    np.testing.assert_allclose(minimum.point, expected, rtol=1e-12, atol=1e-12)
    residual = design @ expected - y
    assert minimum.value == pytest.approx(np.mean(residual**2), rel=1e-12, abs=1e-24)
    assert surface.f_min == minimum.value
    point = np.array(minimum.point)
    # Closed form: exactly f* and a zero gradient there.  The per-point sums: zero to rounding.
    assert surface.f(point) == minimum.value
    np.testing.assert_array_equal(surface.grad(point), [0.0, 0.0])
    f, g = surface.data.batch_value_and_grad(point[None, :], np.arange(surface.data.n))
    f_tol, g_tol = _linear_tolerances(surface, point[None, :])
    assert abs(f[0] - minimum.value) <= f_tol[0]
    assert np.all(np.abs(g[0]) <= g_tol[0])
    # Hessian = (2/n) XᵀX, constant
    hess = surface.hessian(_points(surface, 5, seed=1))
    np.testing.assert_allclose(hess, np.broadcast_to(2.0 * design.T @ design / len(x), (5, 2, 2)), rtol=1e-12)


def test_linear_defaults_and_data():
    surface = get_surface("linear_regression")
    assert surface.params == {
        "n": 100, "noise": 1.0, "intercept": 5.0, "slope": 2.0, "x_min": 0.0, "x_max": 10.0, "data_seed": 0,
    }  # fmt: skip
    kinds = [p.kind for p in SURFACES["linear_regression"].params]
    assert kinds == ["int", "float", "float", "float", "float", "float", "int"]
    data = surface.data
    assert isinstance(data, LinearData) and data.kind == "linear" and data.n == 100
    assert data.x.shape == (100,) and data.y.shape == (100,)
    assert data.x.min() >= 0.0 and data.x.max() <= 10.0
    assert data.x_range == (0.0, 10.0) and data.true_params == (5.0, 2.0)
    # the fit recovers the truth to within a few standard errors (noise 1, 100 points)
    b0, b1 = surface.minima[0].point
    assert abs(b0 - 5.0) < 0.8 and abs(b1 - 2.0) < 0.15
    # the residuals are the noise: sd 1
    assert 0.7 < surface.f_min < 1.3
    assert surface.start == (0.0, 0.0) and surface.contour == "log"


def test_linear_start_and_domain_rule():
    for params in LINEAR_VARIANTS:
        surface = get_surface("linear_regression", **params)
        c = np.array(surface.minima[0].point)
        start = np.array(surface.start)
        assert np.abs(start - c).max() >= 1.0
        expected_start = (0.0, 0.0) if np.abs(c).max() >= 1.0 else (-2.0, 2.0)
        assert surface.start == expected_start
        (x0, x1), (y0, y1) = surface.domain
        np.testing.assert_allclose([(x0 + x1) / 2, (y0 + y1) / 2], c, rtol=1e-12, atol=1e-12)
        hx, hy = 1.5 * np.abs(start - c)
        hx, hy = max(hx, hy / 2), max(hy, hx / 2)
        np.testing.assert_allclose([(x1 - x0) / 2, (y1 - y0) / 2], [hx, hy], rtol=1e-12)


# --- full batch = value_and_grad; epochs and random mini-batches --------------------------------


def test_full_batch_equals_value_and_grad(surface):
    p = np.vstack([_points(surface, 50, seed=2), [surface.start], *[[m.point] for m in surface.minima]])
    f, g = surface.value_and_grad(p)
    f_batch, g_batch = surface.data.batch_value_and_grad(p, np.arange(surface.data.n))
    assert f_batch.shape == (len(p),) and g_batch.shape == (len(p), 2)
    assert f_batch.dtype == np.float64 and g_batch.dtype == np.float64
    _assert_batch_matches_full(surface, p, f_batch, g_batch, f, g)
    # index order does not matter beyond rounding
    order = np.random.default_rng(0).permutation(surface.data.n)
    f_perm, g_perm = surface.data.batch_value_and_grad(p, order)
    np.testing.assert_allclose(f_perm, f_batch, rtol=1e-12)
    np.testing.assert_allclose(g_perm, g_batch, rtol=1e-10, atol=1e-12 * (1 + np.abs(g_batch).max()))


def test_batch_rows_do_not_depend_on_the_batch_shape(surface):
    """A run's numbers must not depend on which other runs share its batch: row i of a (B, 2) call
    equals the single-point call bit for bit (no matrix products whose blocking depends on B)."""
    p = _points(surface, 12, seed=3)
    idx = np.random.default_rng(1).choice(surface.data.n, size=min(7, surface.data.n), replace=False)
    f, g = surface.data.batch_value_and_grad(p, idx)
    for i in range(len(p)):
        f1, g1 = surface.data.batch_value_and_grad(p[i : i + 1], idx)
        np.testing.assert_array_equal(f1, f[i : i + 1])
        np.testing.assert_array_equal(g1, g[i : i + 1])
        f0, g0 = surface.data.batch_value_and_grad(p[i], idx)  # a single point of shape (2,)
        assert np.shape(f0) == () and g0.shape == (2,)
        assert f0 == f[i]
        np.testing.assert_array_equal(g0, g[i])
    f3, g3 = surface.data.batch_value_and_grad(p.reshape(3, 4, 2), idx)
    np.testing.assert_array_equal(f3, f.reshape(3, 4))
    np.testing.assert_array_equal(g3, g.reshape(3, 4, 2))


@pytest.mark.parametrize("name", DATA_FIT)
def test_epoch_of_minibatches_averages_to_the_full_gradient(name):
    """One shuffled epoch in equal batches: the mean of the batch gradients (and losses) is the full
    gradient (and loss), exactly up to rounding (to 1e-12 of the size of the gradient's terms)."""
    surface = get_surface(name)
    n = surface.data.n
    rng = np.random.default_rng(2024)
    p = np.vstack([surface.start, _points(surface, 3, seed=4)])
    f_full, g_full = surface.value_and_grad(p)
    per_point = np.stack([_per_point_grads(surface, q) for q in p])  # (B, n, 2)
    scale = np.abs(per_point).mean(axis=1)  # (B, 2): the size of the terms of the mean
    for b in [d for d in (1, 4, 10, 25, 40, 50) if n % d == 0]:
        order = rng.permutation(n)
        batches = order.reshape(n // b, b)
        fs, gs = zip(*(surface.data.batch_value_and_grad(p, idx) for idx in batches))
        f_mean = np.mean(fs, axis=0)
        g_mean = np.mean(gs, axis=0)
        assert np.all(np.abs(g_mean - g_full) <= 1e-12 * (scale + 1e-300)), (b, g_mean - g_full)
        np.testing.assert_allclose(f_mean, f_full, rtol=1e-12)


@pytest.mark.parametrize("name", DATA_FIT)
def test_random_minibatches_average_to_the_full_gradient(name):
    """2000 batches of b = 10 points drawn without replacement (fixed seed): their mean gradient is
    within 4 standard errors of the full gradient, per coordinate.

    A batch mean of b points drawn without replacement from n has expectation the full gradient
    and variance (σ²/b)·(n − b)/(n − 1), σ² the per-point variance of that gradient component
    (population variance over the n points; (n − b)/(n − 1) is the finite-population correction:
    sampling without replacement is less variable).  The K = 2000 batches are independent, so their
    mean has variance (σ²/b)·(n − b)/(n − 1)/K, and by the central limit theorem it is close to
    normal: a deviation beyond 4 standard errors has probability 6e-5 per coordinate.  The seed
    is fixed, so the outcome is deterministic; a biased sampler or a wrong batch mean (e.g. a
    sum, or the wrong points) misses by hundreds of standard errors (checked below).
    """
    surface = get_surface(name)
    n, b, draws = surface.data.n, 10, 2000
    rng = np.random.default_rng(7)
    for p in (np.array(surface.start), _points(surface, 1, seed=5)[0]):
        per_point = _per_point_grads(surface, p)
        full = surface.grad(p)
        np.testing.assert_allclose(per_point.mean(axis=0), full, rtol=1e-9, atol=1e-12)
        sigma2 = per_point.var(axis=0)  # population variance (ddof=0)
        se = np.sqrt(sigma2 / b * (n - b) / (n - 1) / draws)
        total = np.zeros(2)
        for _ in range(draws):
            idx = rng.choice(n, size=b, replace=False)
            total += surface.data.batch_value_and_grad(p[None, :], idx)[1][0]
        mean = total / draws
        assert np.all(np.abs(mean - full) <= 4.0 * se), (mean - full) / se
        # The test has teeth: a biased sampler (drawing only from the half of the points whose
        # first gradient component is smallest), or a batch sum instead of a mean, fails it.
        low_half = np.argsort(per_point[:, 0])[: n // 2]
        biased_batches = [rng.choice(low_half, b, replace=False) for _ in range(200)]
        biased = np.mean([surface.data.batch_value_and_grad(p[None, :], idx)[1][0] for idx in biased_batches], axis=0)
        assert abs(biased[0] - full[0]) > 20.0 * se[0]
        assert np.any(np.abs(b * mean - full) > 20.0 * se)


# --- logistic regression: stability and the MLE -----------------------------------------------


def test_logistic_loss_is_stable_at_huge_margins():
    """Points at margins ±1e3 and ±1e6: the loss is finite, exact, and no floating-point exception
    (overflow, log(0), 0/0) happens anywhere, checked with NumPy errors raised and warnings as errors."""
    x = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 1.0], [-1.0, 1.0], [2.0, 2.0]])
    y = np.array([1.0, 0.0, 1.0, 0.0, 1.0, 0.0])
    data = LogisticData.create(x, y, (0.0, 0.0))
    for margin in (1e3, 1e6):
        w = np.array([margin, margin])
        z = x @ w  # margins 1e3 / 1e6 (and 0 and 4e3 / 4e6)
        # softplus(z) − yz, whose log1p(e^−|z|) part is 0 here but for log 2 at z = 0
        expected_f = np.mean(np.maximum(z, 0) - y * z) + np.log(2.0) * np.mean(z == 0)
        expected_g = np.mean(((z > 0) - y)[:, None] * x + 0.5 * (z == 0)[:, None] * x, axis=0)
        with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise", under="ignore"):
            warnings.simplefilter("error")
            f, g = data.batch_value_and_grad(w[None, :], np.arange(len(x)))
            f_raw, g_raw = _logistic_kernel(w[None, :], data.v)  # the kernel without its own errstate
        assert np.isfinite(f).all() and np.isfinite(g).all()
        assert f[0] == pytest.approx(expected_f, rel=1e-15)
        np.testing.assert_allclose(g[0], expected_g, rtol=1e-15, atol=1e-300)
        np.testing.assert_array_equal(f_raw, f)
        np.testing.assert_array_equal(g_raw, g)
        for sign in (1.0, -1.0):  # every point right / every point wrong, far out
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                f, g = data.batch_value_and_grad(sign * w[None, :], np.arange(len(x)))
            assert np.isfinite(f).all() and np.isfinite(g).all()


def test_logistic_surface_is_warning_free_at_huge_margins():
    surface = get_surface("logistic_regression")
    direction = np.array(surface.minima[0].point)
    reach = np.abs(surface.data.x @ direction).max()
    for margin in (1e3, 1e6):
        p = (margin / reach) * np.stack([direction, -direction, direction[::-1]])
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            f, g = surface.value_and_grad(p)
            hess = surface.hessian(p)
            fb, gb = surface.data.batch_value_and_grad(p, np.arange(32))
        for array in (f, g, hess, fb, gb):
            assert np.all(np.isfinite(array))
        # the same numbers as NumPy's own stable log(1 + eᶻ), logaddexp(0, z)
        z = surface.data.x @ p.T
        expected = np.mean(np.logaddexp(0.0, z) - surface.data.y[:, None] * z, axis=0)
        np.testing.assert_allclose(f, expected, rtol=1e-12)


@pytest.mark.parametrize("params", [*LOGISTIC_VARIANTS, SEPARABLE], ids=VARIANT_IDS[len(LINEAR_VARIANTS) :])
def test_logistic_gradient_is_the_textbook_formula(params):
    """mean((σ(w·x) − y) x) and mean(σ(1 − σ) x xᵀ), computed plainly at moderate margins."""
    surface = get_surface("logistic_regression", **params)
    x, y = surface.data.x, surface.data.y
    for w in _points(surface, 5, seed=6):
        z = x @ w
        s = 1.0 / (1.0 + np.exp(-z))
        np.testing.assert_allclose(surface.f(w), np.mean(np.log1p(np.exp(z)) - y * z), rtol=1e-12)
        np.testing.assert_allclose(surface.grad(w), np.mean((s - y)[:, None] * x, axis=0), rtol=1e-10, atol=1e-14)
        expected_h = np.einsum("i,ij,ik->jk", s * (1 - s), x, x) / len(y)
        np.testing.assert_allclose(surface.hessian(w), expected_h, rtol=1e-10, atol=1e-14)


def test_logistic_defaults_and_mle():
    surface = get_surface("logistic_regression")
    assert surface.params == {"n": 200, "w1": 1.5, "w2": -1.0, "separation": 1.0, "data_seed": 0}
    assert [p.kind for p in SURFACES["logistic_regression"].params] == ["int", "float", "float", "float", "int"]
    data = surface.data
    assert isinstance(data, LogisticData) and data.kind == "logistic" and data.n == 200
    assert data.x.shape == (200, 2) and data.y.shape == (200,)
    assert set(np.unique(data.y)) == {0.0, 1.0}
    (minimum,) = surface.minima
    w = np.array(minimum.point)
    # Newton to machine precision: the gradient is rounding noise
    assert np.linalg.norm(surface.grad(w)) < 1e-15
    hess = surface.hessian(w)
    assert np.linalg.eigvalsh(hess).min() > 0.01  # positive definite: a strict, unique minimum
    np.testing.assert_array_equal(hess, hess.T)
    assert minimum.value == surface.f(w) == surface.f_min
    # the MLE is near the truth (200 points: standard errors about 0.2)
    assert np.linalg.norm(w - np.array([1.5, -1.0])) < 0.6
    # non-separable by a wide margin: many labels disagree with the true direction
    disagree = np.mean((data.x @ np.array([1.5, -1.0]) > 0) != (data.y == 1.0))
    assert 0.1 < disagree < 0.35
    assert surface.start == (-2.0, 2.0) and surface.contour == "log"


@pytest.mark.parametrize("params", LOGISTIC_VARIANTS, ids=VARIANT_IDS[len(LINEAR_VARIANTS) : -1])
def test_logistic_hessian_is_positive_definite_at_the_mle(params):
    surface = get_surface("logistic_regression", **params)
    (minimum,) = surface.minima
    w = np.array(minimum.point)
    hess = surface.hessian(w)
    assert np.linalg.eigvalsh(hess).min() > 0.0
    scale = max(1.0, float(np.abs(hess).max()))
    assert np.linalg.norm(surface.grad(w)) <= 1e-13 * scale
    # a Newton step from the MLE goes nowhere
    assert np.linalg.norm(np.linalg.solve(hess, surface.grad(w))) <= 1e-12 * (1 + np.linalg.norm(w))


def test_logistic_without_an_mle():
    # Two points are always separable by a line through the origin: the loss has no minimum.
    two = get_surface("logistic_regression", n=2)
    assert two.minima == () and two.f_min is None and two.contour == "linear"
    assert two.contains(two.start) and two.contains(np.array(two.data.true_params))
    # along the separating direction the loss keeps falling towards 0
    v = (2 * two.data.y - 1)[:, None] * two.data.x
    angles = np.arctan2(v[:, 1], v[:, 0])
    w = np.array([np.cos(angles.mean()), np.sin(angles.mean())])
    if np.any(v @ w <= 0):
        w = -w
    values = [float(two.f(t * w)) for t in (1.0, 10.0, 100.0)]
    assert values[0] > values[1] > values[2] >= 0.0
    # Separation 0: every point at the origin, the loss is log 2 everywhere.
    flat = get_surface("logistic_regression", separation=0)
    assert flat.minima == () and flat.f_min is None
    np.testing.assert_allclose(flat.f(_points(flat, 20, seed=7)), math.log(2.0), rtol=1e-15)
    np.testing.assert_array_equal(flat.grad(_points(flat, 20, seed=7)), 0.0)


# --- data: reproducible, immutable, the data panel ---------------------------------------------


@pytest.mark.parametrize("name", DATA_FIT)
def test_data_is_a_pure_function_of_the_parameters(name):
    a, b = get_surface(name), get_surface(name)
    assert a.data is not b.data
    np.testing.assert_array_equal(a.data.x, b.data.x)
    np.testing.assert_array_equal(a.data.y, b.data.y)
    assert a.minima == b.minima and a.domain == b.domain and a.start == b.start
    other = get_surface(name, data_seed=1)
    assert other != a
    assert not np.array_equal(other.data.x, a.data.x) and not np.array_equal(other.data.y, a.data.y)
    # the first k points are the same for every n >= k (separate streams for inputs and noise/labels)
    small = get_surface(name, n=50)
    np.testing.assert_array_equal(small.data.x, a.data.x[:50])
    np.testing.assert_array_equal(small.data.y, a.data.y[:50])
    # rebuilt from its spec (as sessions and pickles do): the same data
    seeded = get_surface(name, data_seed=123456789, n=60)
    for clone in (parse_surface_spec(seeded.spec), pickle.loads(pickle.dumps(seeded))):
        assert clone == seeded
        np.testing.assert_array_equal(clone.data.x, seeded.data.x)
        np.testing.assert_array_equal(clone.data.y, seeded.data.y)


def test_linear_data_follow_the_parameters():
    base = get_surface("linear_regression")
    moved = get_surface("linear_regression", x_min=-3, x_max=2, slope=-1, intercept=0.5, noise=0.0)
    # the same uniform draws, rescaled to the new range; targets exactly on the new line
    np.testing.assert_allclose(moved.data.x, -3 + 5 * (base.data.x / 10.0), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(moved.data.y, 0.5 - moved.data.x, rtol=1e-15, atol=1e-15)
    np.testing.assert_allclose(moved.minima[0].point, (0.5, -1.0), rtol=1e-12, atol=1e-12)
    assert moved.f_min < 1e-25


def test_specs_and_registry():
    assert list(SURFACES)[-2:] == DATA_FIT
    surface = get_surface("linear_regression", n=200, noise=0.5)
    assert surface.spec == "linear_regression:n=200,noise=0.5"
    assert parse_surface_spec("linear_regression:n=200,noise=0.5") == surface
    assert parse_surface_spec(surface.spec).params == surface.params
    assert type(surface.params["n"]) is int and type(surface.params["data_seed"]) is int
    logistic = get_surface("logistic_regression", data_seed=7, separation=2.5, w2=0.25)
    assert logistic.spec == "logistic_regression:w2=0.25,separation=2.5,data_seed=7"
    assert parse_surface_spec(logistic.spec) == logistic
    assert parse_surface_spec("logistic_regression:data_seed=2147483647").params["data_seed"] == 2**31 - 1
    assert get_surface("sphere").data is None and get_surface("ill_conditioned").data is None


LIN, LOG = "surface 'linear_regression'", "surface 'logistic_regression'"
X_ORDER = f"parameters 'x_min' and 'x_max' of {LIN} must satisfy x_min < x_max"


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("linear_regression", {"n": 1}, "linear_regression n=1: must be in [2, 100000]"),
        ("linear_regression", {"noise": -0.5}, "linear_regression noise=-0.5: must be in [0, 100]"),
        ("linear_regression", {"x_min": 3, "x_max": 3}, f"{X_ORDER}, got x_min=3, x_max=3"),
        ("linear_regression", {"x_min": 10, "x_max": 0}, f"{X_ORDER}, got x_min=10, x_max=0"),
        ("linear_regression", {"x_min": 11}, f"{X_ORDER}, got x_min=11, x_max=10"),
        (
            "linear_regression",
            {"x_min": 500, "x_max": 500.0000001},
            f"parameters 'x_min' and 'x_max' of {LIN} give too narrow an x range",
        ),
        ("linear_regression", {"n": 2.5}, "linear_regression n=2.5: must be a whole number in [2, 100000]"),
        ("linear_regression", {"data_seed": -1}, "linear_regression data_seed=-1: must be in [0, 2147483647]"),
        ("logistic_regression", {"n": 1}, "logistic_regression n=1: must be in [2, 2000]"),
        ("logistic_regression", {"separation": -1}, "logistic_regression separation=-1.0: must be in [0, 20]"),
        (
            "logistic_regression",
            {"noise": 1},
            f"unknown parameter 'noise' for {LOG}; valid parameters: n, w1, w2, separation, data_seed",
        ),
    ],
)
def test_bad_parameters_are_refused(name, params, message):
    with pytest.raises(ValueError) as error:
        get_surface(name, **params)
    text = str(error.value)
    assert text.startswith(message) and "\n" not in text and text[0].islower()


def test_data_objects_are_immutable(surface):
    data = surface.data
    with pytest.raises(AttributeError):
        data.n = 3
    with pytest.raises(ValueError):
        data.x[0] = 1.0
    with pytest.raises(ValueError):
        data.y[0] = 1.0
    assert data.x.dtype == np.float64 and data.y.dtype == np.float64
    assert data.n == len(data.y) == len(data.x)
    assert data.x.shape == ((data.n,) if data.kind == "linear" else (data.n, 2))


def test_linear_data_panel_lines():
    surface = get_surface("linear_regression")
    data = surface.data
    p = np.array([1.0, 2.0])
    np.testing.assert_allclose(data.predict_line(p), [[0.0, 1.0], [10.0, 21.0]])
    np.testing.assert_allclose(data.predict(p, [0.0, 2.5]), [1.0, 6.0])
    # the fitted line clipped to a box: end points on the line and on the box's edges, left to right
    ends = data.boundary_points(p, ((0.0, 10.0), (0.0, 15.0)))
    np.testing.assert_allclose(ends, [[0.0, 1.0], [7.0, 15.0]], atol=1e-12)
    ends = data.boundary_points(p)  # default: the data's extent, which holds the x range
    assert data.extent[0] == (0.0, 10.0)
    assert ends.shape == (2, 2) and ends[0, 0] <= ends[1, 0]
    np.testing.assert_allclose(ends[:, 1], p[0] + p[1] * ends[:, 0], rtol=1e-12)
    flat = data.boundary_points([3.0, 0.0], ((0.0, 10.0), (0.0, 5.0)))
    np.testing.assert_allclose(flat, [[0.0, 3.0], [10.0, 3.0]], atol=1e-12)
    assert np.isnan(data.boundary_points(p, ((0.0, 10.0), (100.0, 200.0)))).all()  # misses the box
    assert np.isnan(data.boundary_points([np.nan, 1.0])).all()
    # the least-squares line goes through the data's centre of mass
    best = np.array(surface.minima[0].point)
    assert data.predict(best, data.x.mean()) == pytest.approx(data.y.mean(), rel=1e-12)


def test_logistic_decision_boundary():
    surface = get_surface("logistic_regression")
    data = surface.data
    (a, b), (c, d) = data.extent
    assert a == c == -b == -d and b >= np.abs(data.x).max()
    w = np.array([1.5, -1.0])
    ends = data.boundary_points(w, ((-3.0, 3.0), (-3.0, 3.0)))
    np.testing.assert_allclose(ends @ w, [0.0, 0.0], atol=1e-12)  # on the line w·x = 0
    np.testing.assert_allclose(ends, [[-2.0, -3.0], [2.0, 3.0]], atol=1e-12)
    horizontal = data.boundary_points([0.0, 1.0], ((-2, 2), (-1, 1)))
    np.testing.assert_allclose(horizontal, [[2.0, 0.0], [-2.0, 0.0]], atol=1e-12)
    assert np.isnan(data.boundary_points([0.0, 0.0])).all()
    assert np.isnan(data.boundary_points(w, ((1.0, 2.0), (5.0, 6.0)))).all()  # the box misses the origin's line
    probabilities = data.predict(w, data.x)
    assert probabilities.shape == (200,) and np.all((0 <= probabilities) & (probabilities <= 1))
    np.testing.assert_allclose(data.predict(w, [[0.0, 0.0], [1e6, 0.0], [-1e6, 0.0]]), [0.5, 1.0, 0.0])

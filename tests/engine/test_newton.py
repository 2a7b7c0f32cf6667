"""Newton's method: exact on quadratics, and what it does where the Hessian is
indefinite or singular (documented in engine/optimizers/newton.py)."""

import numpy as np
import pytest

from engine import simulate
from engine.optimizers.newton import modified_inverse
from surfaces import get_surface


def test_one_step_solves_a_quadratic():
    surface = get_surface("ill_conditioned", kappa=1000, angle=30)
    run = simulate(surface, "newton", start=(3.0, -4.0), steps=1)
    np.testing.assert_allclose(run.positions[1], [0, 0], atol=1e-12)


def test_converges_quadratically_on_rosenbrock():
    run = simulate(get_surface("rosenbrock"), "newton", start=(-1.2, 1.0), steps=50, tol=1e-10)
    assert run.status == "converged" and run.steps_taken < 30
    np.testing.assert_allclose(run.positions[-1], [1, 1], atol=1e-8)


def test_plain_newton_is_attracted_by_a_saddle():
    run = simulate(get_surface("saddle"), "newton:saddle_free=false", start=(1.0, 0.5), steps=1)
    np.testing.assert_allclose(run.positions[1], [0, 0], atol=1e-15)


def test_saddle_free_newton_escapes_the_saddle():
    run = simulate(get_surface("saddle"), "newton", start=(1.0, 0.5), steps=3)
    y = run.positions[:, 1]
    assert run.positions[1, 0] == pytest.approx(0.0, abs=1e-15)  # x: a Newton step on positive curvature
    assert (np.abs(y[1:]) > np.abs(y[:-1])).all()  # y: moves downhill, away from the ridge
    assert (np.diff(run.losses) < 0).all()


def test_singular_hessian_takes_no_step_along_the_flat_direction():
    # monkey saddle at a point on the x axis... use H = diag(2, 0) directly
    H = np.array([[[2.0, 0.0], [0.0, 0.0]]])
    a, b, c = modified_inverse(H, 0.0, saddle_free=False)
    np.testing.assert_allclose([a[0], b[0], c[0]], [0.5, 0.0, 0.0], atol=1e-15)
    a, b, c = modified_inverse(H, 0.5, saddle_free=True)
    np.testing.assert_allclose([a[0], b[0], c[0]], [1 / 2.5, 0.0, 2.0], atol=1e-15)


def test_at_a_degenerate_saddle_newton_stands_still_but_stays_finite():
    run = simulate(get_surface("monkey_saddle"), "newton", start=(0.0, 0.0), steps=5)
    assert run.status == "running" and np.isfinite(run.positions).all()


def test_modified_inverse_matches_numpy_pinv():
    rng = np.random.default_rng(0)
    A = rng.normal(size=(200, 2, 2))
    H = A + A.transpose(0, 2, 1)
    a, b, c = modified_inverse(H, 0.1, saddle_free=False)
    expected = np.linalg.inv(H + 0.1 * np.eye(2))
    np.testing.assert_allclose(np.stack([a, b, c], 1), expected[:, [0, 0, 1], [0, 1, 1]], rtol=1e-8, atol=1e-10)
    a, b, c = modified_inverse(H, 0.1, saddle_free=True)
    w, V = np.linalg.eigh(H)
    abs_inv = np.einsum("bij,bj,bkj->bik", V, 1 / (np.abs(w) + 0.1), V)
    np.testing.assert_allclose(np.stack([a, b, c], 1), abs_inv[:, [0, 0, 1], [0, 1, 1]], rtol=1e-8, atol=1e-10)

"""Local curvature and the optimal fixed settings it predicts, checked by running them."""

from __future__ import annotations

import math

import numpy as np
import pytest

from engine import simulate
from engine.curvature import local_curvature, observed_rate
from surfaces import get_surface


@pytest.mark.parametrize("kappa", [10.0, 50.0, 1000.0])
@pytest.mark.parametrize("angle", [0.0, 30.0, -70.0])
def test_an_ill_conditioned_quadratic_has_eigenvalues_one_and_kappa(kappa, angle):
    s = get_surface("ill_conditioned", kappa=kappa, angle=angle)
    c = local_curvature(s, s.start)
    np.testing.assert_allclose(c.eigenvalues, [1.0, kappa], rtol=1e-12)
    assert c.kappa == pytest.approx(kappa, rel=1e-12)
    # the stiff direction is across the valley: at angle + 90 degrees
    across = np.array([-math.sin(math.radians(angle)), math.cos(math.radians(angle))])
    assert abs(c.eigenvectors[:, 1] @ across) == pytest.approx(1.0, abs=1e-12)
    assert c.max_stable_lr == pytest.approx(2.0 / kappa)
    assert c.gd_lr == pytest.approx(2.0 / (1.0 + kappa))
    assert c.momentum_lr == pytest.approx((2.0 / (1.0 + math.sqrt(kappa))) ** 2)
    assert c.momentum == pytest.approx(((math.sqrt(kappa) - 1) / (math.sqrt(kappa) + 1)) ** 2)


@pytest.mark.parametrize("kappa", [10.0, 50.0, 1000.0])
def test_the_optimal_settings_converge_at_the_predicted_rate(kappa):
    s = get_surface("ill_conditioned", kappa=kappa, angle=30.0)
    c = local_curvature(s, s.start)
    settings = c.settings()
    gd = simulate(s, "sgd", steps=4000, **settings["sgd"])
    hb = simulate(s, "momentum", steps=4000, **settings["momentum"])
    gd_rate, hb_rate = observed_rate(gd.positions, (0, 0)), observed_rate(hb.positions, (0, 0))
    assert gd_rate == pytest.approx(c.gd_rate, rel=0.10)
    assert hb_rate == pytest.approx(c.momentum_rate, rel=0.10)
    assert hb_rate < gd_rate, "momentum beats gradient descent on an ill-conditioned bowl"


def test_gradient_descent_is_stable_just_below_two_over_lambda_max_and_not_above():
    s = get_surface("ill_conditioned", kappa=20.0, angle=10.0)
    lr_max = local_curvature(s, s.start).max_stable_lr
    below = simulate(s, "sgd", steps=300, lr=0.98 * lr_max)
    above = simulate(s, "sgd", steps=300, lr=1.02 * lr_max)
    start = np.hypot(*s.start)
    assert np.hypot(*below.positions[-1]) < start
    assert above.status[0] == "diverged" or np.hypot(*above.positions[-1]) > start


def test_a_saddle_has_no_optimal_settings():
    s = get_surface("saddle")
    c = local_curvature(s, (0.3, 0.2))
    np.testing.assert_allclose(c.eigenvalues, [-2.0, 2.0])
    assert c.kind.startswith("saddle") and not c.positive_definite
    assert c.settings() == {} and c.gd_lr is None and c.momentum_rate is None and math.isinf(c.kappa)


def test_rosenbrock_at_its_minimum():
    s = get_surface("rosenbrock")
    c = local_curvature(s, (1.0, 1.0))
    np.testing.assert_allclose(c.eigenvalues, np.linalg.eigvalsh([[802.0, -400.0], [-400.0, 200.0]]), rtol=1e-12)
    assert c.kappa == pytest.approx(2508.0, rel=1e-3)


def test_bad_points_are_refused_with_the_reason():
    with pytest.raises(ValueError, match="point must be finite"):
        local_curvature(get_surface("sphere"), (float("nan"), 0.0))
    assert math.isnan(observed_rate([[1.0, 1.0]] * 3, (0, 0)))

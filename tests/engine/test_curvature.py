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


def test_the_predicted_rate_of_the_optimal_settings_is_the_closed_form():
    s = get_surface("ill_conditioned", kappa=50.0, angle=30.0)
    c = local_curvature(s, s.start)
    settings = c.settings()
    gd = {"momentum": 0.0, "dampening": 0.0, "nesterov": False, "weight_decay": 0.0, **settings["sgd"]}
    hb = {"dampening": 0.0, "nesterov": False, "weight_decay": 0.0, **settings["momentum"]}
    assert c.predicted_rate("sgd", gd) == pytest.approx(c.gd_rate, rel=1e-9)
    assert c.predicted_rate("momentum", hb) == pytest.approx(c.momentum_rate, rel=1e-6)
    assert c.predicted_rate("adam", {"lr": 0.1}) is None, "adaptive rates: no fixed linear map"
    assert local_curvature(get_surface("saddle"), (0.3, 0.2)).predicted_rate("sgd", gd) is None


@pytest.mark.parametrize(
    "spec",
    [
        "sgd:lr=0.03",
        "momentum:lr=0.01,momentum=0.5",
        "momentum:lr=0.02,momentum=0.8,dampening=0.3",
        "nesterov:lr=0.01,momentum=0.7",
        "sgd:lr=0.02,weight_decay=0.5",
    ],
)
def test_any_fixed_setting_converges_at_its_predicted_rate(spec):
    from engine import Runner

    s = get_surface("ill_conditioned", kappa=20.0, angle=-25.0)
    c = local_curvature(s, s.start)
    runner = Runner(s, spec, max_steps=3000)
    runner.advance(3000)
    predicted = c.predicted_rate(runner.optimizer.name, runner.hyperparams)
    wd = runner.hyperparams["weight_decay"]
    assert predicted is not None and predicted < 1
    # weight decay moves the minimum to where H θ + wd θ = 0: the origin still, on this centred bowl
    assert observed_rate(runner.record().positions, (0, 0)) == pytest.approx(predicted, rel=0.10), wd

"""The classic textbook race (shared/reference/optimizers.md) comes out as
every course shows it."""

import numpy as np
import pytest

from engine import race
from surfaces import get_surface


@pytest.fixture(scope="module")
def runs():
    specs = ["sgd:lr=0.95", "momentum:lr=0.1", "adagrad:lr=1.5", "adam:lr=0.3"]
    return dict(
        zip(["sgd", "momentum", "adagrad", "adam"], race(get_surface("elongated_bowl"), specs, start=(-7, 2), steps=30))
    )


def test_sgd_zig_zags(runs):
    y = runs["sgd"].positions[:, 1]
    assert (np.sign(y[1:]) == -np.sign(y[:-1])).all()
    np.testing.assert_allclose(runs["sgd"].positions[-1], [-0.35, 0.08], atol=0.01)


def test_momentum_overshoots(runs):
    assert runs["momentum"].positions[:, 0].max() > 0
    np.testing.assert_allclose(runs["momentum"].positions[-1], [0.90, 0.09], atol=0.01)


def test_adagrad_never_crosses(runs):
    assert (runs["adagrad"].positions[:, 1] >= 0).all()
    np.testing.assert_allclose(runs["adagrad"].positions[-1], [-0.12, 0.00], atol=0.01)


def test_adam_crosses_twice(runs):
    y = runs["adam"].positions[:, 1]
    assert (np.diff(np.sign(y)) != 0).sum() == 2
    np.testing.assert_allclose(runs["adam"].positions[-1], [0.14, 0.32], atol=0.01)

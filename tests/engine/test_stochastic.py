"""Mini-batches, gradient noise and seeds: reproducible, unbiased, and the
deterministic engine unchanged when they are off."""

import numpy as np
import pytest

from engine import Runner, simulate
from engine.runner import BatchLoader
from surfaces import get_surface

LINEAR = get_surface("linear_regression")
LOGISTIC = get_surface("logistic_regression")


def test_full_batch_racer_equals_the_deterministic_engine_exactly():
    a = simulate(LINEAR, "sgd:lr=0.02", start=(0, 0), steps=200)
    b = simulate(LINEAR, "sgd:lr=0.02,batch_size=0,noise=0", start=(0, 0), steps=200, seed=123)
    np.testing.assert_array_equal(a.positions, b.positions)
    assert np.isnan(b.batch_losses).all()


def test_same_seed_same_path_different_seed_different_path():
    spec = "sgd:lr=0.02,batch_size=5"
    a = simulate(LINEAR, spec, start=(0, 0), steps=100, seed=7)
    b = simulate(LINEAR, spec, start=(0, 0), steps=100, seed=7)
    c = simulate(LINEAR, spec, start=(0, 0), steps=100, seed=8)
    np.testing.assert_array_equal(a.positions, b.positions)
    assert not np.array_equal(a.positions, c.positions)


def test_racers_in_one_race_do_not_share_noise():
    a = simulate(get_surface("sphere"), "sgd:lr=0.1,noise=1", start=(1, 1), steps=50, seed=0, stream=0)
    b = simulate(get_surface("sphere"), "sgd:lr=0.1,noise=1", start=(1, 1), steps=50, seed=0, stream=1)
    assert not np.array_equal(a.positions, b.positions)


def test_loader_draws_each_point_once_per_epoch():
    loader = BatchLoader(23, 5, np.random.default_rng(0))
    epoch = [loader.next() for _ in range(5)]  # 5 + 5 + 5 + 5 + 3
    assert [len(b) for b in epoch] == [5, 5, 5, 5, 3]
    assert sorted(np.concatenate(epoch).tolist()) == list(range(23))
    second = np.concatenate([loader.next() for _ in range(5)])
    assert sorted(second.tolist()) == list(range(23)) and not np.array_equal(second, np.concatenate(epoch))


def test_first_step_uses_the_batch_gradient_and_records_the_batch_loss():
    runner = Runner(LINEAR, "sgd:lr=0.01,batch_size=4", start=(1.0, 1.0), max_steps=1, seed=3)
    loader = BatchLoader(LINEAR.data.n, 4, np.random.default_rng(np.random.SeedSequence(3, spawn_key=(0,)).spawn(2)[0]))
    idx = loader.next()
    fb, gb = LINEAR.data.batch_value_and_grad(np.array([[1.0, 1.0]]), idx)
    runner.advance(1)
    np.testing.assert_array_equal(runner.positions[1, 0], np.array([1.0, 1.0]) - 0.01 * gb[0])
    assert runner.batch_losses[0, 0] == fb[0]
    assert runner.losses[1, 0] == LINEAR.f(runner.positions[1, 0])  # the recorded loss is the full-data loss


def test_mean_of_minibatch_gradients_is_the_full_gradient():
    """E[g_batch] = g for batches drawn without replacement. Over 4000 batches of 10 the
    mean's standard error is sigma/sqrt(10*4000) * sqrt((n-10)/(n-1)) (finite population);
    we allow 4 standard errors per component (false alarm < 1e-4)."""
    data, p = LINEAR.data, np.array([[1.0, 1.0]])
    loader = BatchLoader(data.n, 10, np.random.default_rng(2024))
    grads = np.array([data.batch_value_and_grad(p, loader.next())[1][0] for _ in range(4000)])
    full = LINEAR.grad(p)[0]
    per_point = np.array([data.batch_value_and_grad(p, np.array([i]))[1][0] for i in range(data.n)])
    se = per_point.std(axis=0) / np.sqrt(10 * 4000) * np.sqrt((data.n - 10) / (data.n - 1))
    assert (np.abs(grads.mean(axis=0) - full) <= 4 * se).all()


def test_noise_has_the_requested_spread():
    runner = Runner(get_surface("sphere"), "sgd:lr=1e-12,noise=0.5", start=(0.0, 0.0), max_steps=1)
    draws = np.array([runner._stochastic_grad(np.zeros((1, 2)), np.zeros((1, 2)))[0][0] for _ in range(4000)])
    assert abs(draws.std() - 0.5) < 0.02 and abs(draws.mean()) < 0.03


@pytest.mark.parametrize(
    "spec,match",
    [
        ("sgd:batch_size=1", "batch_size needs a data surface"),
        ("sgd:batch_size=-1", "batch_size=-1"),
        ("sgd:noise=-1", "noise=-1"),
        ("sgd:schedule=cosine,T_max=0", "T_max=0"),
        ("sgd:schedule=wobble", "unknown schedule 'wobble'"),
        ("sgd:gamma=0.5", "gamma does not apply to schedule=constant"),
    ],
)
def test_invalid_options_refused_naming_the_key(spec, match):
    with pytest.raises(ValueError, match=match):
        simulate(get_surface("sphere"), spec, start=(1, 1), steps=1)


def test_batch_larger_than_the_data_refused():
    with pytest.raises(ValueError, match=r"batch_size=101 is larger than the data set \(n=100\)"):
        simulate(LINEAR, "sgd:batch_size=101", steps=1)


def test_logistic_minibatch_race_runs_and_converges_roughly():
    run = simulate(LOGISTIC, "adam:lr=0.05,batch_size=20", steps=400, seed=1)
    assert run.status == "running" and np.isfinite(run.losses).all()
    assert run.losses[-1] < run.losses[0] and run.losses[-1] - LOGISTIC.f_min < 0.05

"""A network racer on the compiled flat-vector steps (engine.fast.flat) gives the NumPy update's bits:
every family of the step loop, mini-batches, schedules and noise, a switch in mid-run, an odd number of
parameters; and the compiled per-layer quantiles are NumPy's."""

import numpy as np
import pytest

from engine import fast
from engine.fast.plan import FAMILIES
from problems import NetworkRunner, get_problem
from problems.runner import QUANTILES, layer_quantiles, quantile_sample

pytestmark = pytest.mark.skipif(fast.disabled(), reason="GRADIENT_ARENA_NO_JIT=1")

#: 2-5-3-3: 18 + 12 + ... an odd number of parameters (the last coordinate is a lane of its own)
ODD = "mlp:moons,layers=5x3,n=120,eval_every=4"
CASES = {
    "sgd": {"lr": 0.1}, "momentum": {"lr": 0.05, "weight_decay": 0.01}, "nesterov": {"lr": 0.05},
    "adagrad": {"lr": 0.05, "lr_decay": 0.01}, "rmsprop": {"lr": 0.01, "centered": True, "momentum": 0.5},
    "adadelta": {"weight_decay": 0.1}, "adam": {"lr": 0.01}, "amsgrad": {"lr": 0.01}, "adamw": {"lr": 0.01},
    "nadam": {"lr": 0.01}, "radam": {"lr": 0.01}, "adamax": {"lr": 0.01, "weight_decay": 0.01},
    "lion": {"lr": 0.001, "weight_decay": 0.1}, "qhm": {"lr": 0.05, "momentum": 0.9, "nu": 0.7},
}  # fmt: skip


@pytest.fixture(scope="module")
def kernels():
    module = fast.flat_kernels(timeout=600.0)
    assert module is not None, fast.flat_error()
    return module


@pytest.fixture(scope="module")
def odd():
    problem = get_problem(ODD)
    assert problem.n_params % 2 == 1
    return problem


def _run(problem, name, options, monkeypatch, compiled, steps=(3, 11, 1)):
    with monkeypatch.context() as m:
        if not compiled:
            m.setenv(fast.ENV_NO_JIT, "1")
        r = NetworkRunner(problem, name, CASES[name], max_steps=sum(steps), options=options, seed=5)
        for k in steps:
            r.advance(k)
    assert (r._compiled is not None) == compiled
    return r


def test_every_family_of_the_step_loop_is_covered():
    assert set(CASES) == set(FAMILIES) - {"newton"}


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize(
    "options",
    [{"batch_size": 16}, {"batch_size": 10, "noise": 0.3, "schedule": "cosine", "T_max": 15}, {}],
    ids=["minibatch", "noise-schedule", "fullbatch"],
)
def test_compiled_steps_give_the_numpy_bits(name, options, odd, kernels, monkeypatch):
    ref = _run(odd, name, options, monkeypatch, compiled=False)
    got = _run(odd, name, options, monkeypatch, compiled=True)
    assert np.abs(ref.theta - odd.theta0).max() > 0  # it moved
    np.testing.assert_array_equal(got.theta, ref.theta)
    np.testing.assert_array_equal(got.batch_losses, ref.batch_losses)
    np.testing.assert_array_equal(got.lr_quantiles, ref.lr_quantiles)
    np.testing.assert_array_equal(got.evals, ref.evals)
    for field in ref._state._fields:  # the state after the steps, as NumPy would hold it
        np.testing.assert_array_equal(getattr(got._state, field), getattr(ref._state, field), err_msg=field)


def test_a_racer_switches_to_the_compiled_steps_mid_run_with_the_same_bits(odd, kernels, monkeypatch):
    ref = _run(odd, "nadam", {"batch_size": 8}, monkeypatch, compiled=False, steps=(4, 9))
    with monkeypatch.context() as m:
        m.setenv(fast.ENV_NO_JIT, "1")
        r = NetworkRunner(odd, "nadam", CASES["nadam"], max_steps=13, options={"batch_size": 8}, seed=5)
        r.advance(4)
    assert r._compiled is None
    r.advance(9)  # the kernels are loaded: the racer moves its NumPy state over
    assert r._compiled is not None
    np.testing.assert_array_equal(r.theta, ref.theta)
    np.testing.assert_array_equal(r.lr_quantiles, ref.lr_quantiles)
    assert r._state.mu_product == ref._state.mu_product


def test_compiled_quantiles_are_numpys(kernels):
    rng = np.random.default_rng(1)
    layers = (slice(0, 3000), slice(3000, 3007), slice(3007, 3008), slice(3008, 3400))
    samples = quantile_sample(layers, size=1024)
    idx = np.concatenate(samples).astype(np.int64)
    starts = np.cumsum([0] + [len(s) for s in samples]).astype(np.int64)
    buf = np.empty(1024)
    for case in range(6):
        eff = rng.lognormal(size=3400)
        if case == 1:
            eff[rng.integers(0, 3400, 300)] = np.nan  # NaN ranks last, as in np.partition
        if case == 2:
            eff = np.round(eff, 1)  # many ties
        if case == 3:
            eff[:] = 0.0
            eff[::3] = -0.0
        if case == 4:
            eff[rng.integers(0, 3400, 50)] = np.inf
        want, got = np.empty((4, 3)), np.empty((4, 3))
        layer_quantiles(eff, samples, want)
        kernels.layer_quantiles(eff, idx, starts, np.array(QUANTILES), got, buf)
        np.testing.assert_array_equal(got, want)
        for i, s in enumerate(samples):
            if not np.isnan(eff[s]).any():
                np.testing.assert_array_equal(got[i], np.quantile(eff[s], QUANTILES))


def test_optimizers_outside_the_step_loop_stay_on_numpy(odd, kernels):
    r = NetworkRunner(odd, "yogi", max_steps=3)
    r.advance(3)
    assert r._compiled is None and np.isfinite(r.lr_quantiles[1:]).all()

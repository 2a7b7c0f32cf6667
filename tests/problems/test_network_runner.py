"""Racing optimizers on a network: what a network racer records, its options and seeds, and refusals."""

import numpy as np
import pytest

from engine import OPTIMIZERS, HyperparameterError
from engine.runner import BatchLoader
from problems import NetworkRunner, get_problem, network_optimizers
from problems.runner import QUANTILES, layer_quantiles, quantile_sample

MOONS = "mlp:moons,layers=8x8,n=200,eval_every=5"


@pytest.fixture(scope="module")
def moons():
    return get_problem(MOONS)


def test_records_per_step_and_per_evaluation(moons):
    r = NetworkRunner(moons, "adam", {"lr": 0.01}, max_steps=23, options={"batch_size": 16})
    assert r.advance(100) == 23 and r.done
    rec = r.record()
    assert rec.batch_losses.shape == (24,) and np.isnan(rec.batch_losses[0]) and np.isfinite(rec.batch_losses[1:]).all()
    assert rec.lr_quantiles.shape == (24, 3, 3) and np.isnan(rec.lr_quantiles[0]).all()
    assert rec.eval_steps.tolist() == [0, 5, 10, 15, 20, 23]  # every eval_every steps and at the budget's end
    assert rec.evals.shape == (6, 2) and (rec.test_accuracies >= 0).all() and (rec.test_accuracies <= 1).all()
    assert rec.test_losses[-1] < rec.test_losses[0]
    assert rec.test_losses[-1] == pytest.approx(moons.evaluate(r.theta)[0])
    np.testing.assert_array_equal(rec.lrs[1:], 0.01)
    assert rec.snapshot_steps[0] == 0 and rec.snapshot_steps[-1] == 23 and rec.snapshots.shape[1] == moons.n_params


def test_layer_quantiles_are_numpys_quantiles(moons):
    samples = quantile_sample(moons.model.layers)  # small layers: every parameter
    eff = np.random.default_rng(0).lognormal(size=moons.n_params)
    out = np.empty((3, 3))
    layer_quantiles(eff, samples, out)
    for i, sl in enumerate(moons.model.layers):
        np.testing.assert_allclose(out[i], np.quantile(eff[sl], QUANTILES), rtol=1e-15)
    big = quantile_sample((slice(0, 5000), slice(5000, 5100)), size=1024)
    assert len(big[0]) == 1024 and len(np.unique(big[0])) == 1024 and big[1].tolist() == list(range(5000, 5100))


def test_adam_lr_band_is_the_rule_per_layer(moons):
    r = NetworkRunner(moons, "adam", {"lr": 0.01}, max_steps=1)  # full batch: step 1 is deterministic
    g = moons.value_and_grad(np.array(moons.theta0))[1]
    r.advance(1)
    # Adam's first effective lr, per parameter: (lr / (1 - b1)) / (sqrt(v) / sqrt(1 - b2) + eps), v = (1 - b2) g^2
    eff = (0.01 / 0.1) / (np.sqrt(0.001 * g * g) / np.sqrt(0.001) + 1e-8)
    for i, sl in enumerate(moons.model.layers):
        np.testing.assert_allclose(r.lr_quantiles[1, i], np.quantile(eff[sl], QUANTILES), rtol=1e-12)


def test_mini_batches_follow_the_engines_seed_and_stream_conventions(moons):
    a = NetworkRunner(moons, "sgd", {"lr": 0.1}, options={"batch_size": 10}, seed=3, stream=2)
    a.advance(30)
    loader_seq, _ = np.random.SeedSequence(3, spawn_key=(2,)).spawn(2)
    loader = BatchLoader(moons.data.n, 10, np.random.default_rng(loader_seq))
    theta = np.array(moons.theta0)
    for t in range(1, 31):
        loss, g = moons.batch_value_and_grad(theta, loader.next())
        assert a.batch_losses[t] == loss
        theta = theta - 0.1 * g
    np.testing.assert_array_equal(a.theta, theta)
    same = NetworkRunner(moons, "sgd", {"lr": 0.1}, options={"batch_size": 10}, seed=3, stream=2)
    same.advance(30)
    np.testing.assert_array_equal(same.theta, a.theta)
    other = NetworkRunner(moons, "sgd", {"lr": 0.1}, options={"batch_size": 10}, seed=3, stream=1)
    other.advance(30)
    assert not np.array_equal(other.theta, a.theta)


def test_noise_and_schedules_work_as_on_surfaces(moons):
    quiet = NetworkRunner(moons, "sgd", {"lr": 0.1}, max_steps=10)
    noisy = NetworkRunner(moons, "sgd", {"lr": 0.1}, max_steps=10, options={"noise": 0.5})
    quiet.advance(10)
    noisy.advance(10)
    assert np.abs(quiet.theta - noisy.theta).max() > 0.05
    sched = NetworkRunner(moons, "sgd", {"lr": 0.1}, options={"schedule": "step", "step_size": 3, "gamma": 0.5})
    sched.advance(7)
    np.testing.assert_allclose(sched.record().lrs[1:], [0.1] * 3 + [0.05] * 3 + [0.025])


def test_a_racer_that_blows_up_is_diverged_and_stops(moons):
    r = NetworkRunner(moons, "sgd", {"lr": 1e200}, max_steps=50)
    taken = r.advance(50)
    assert r.status == "diverged" and taken < 50 and r.stop_step == taken and r.done
    assert r.advance(5) == 0


def test_newton_and_oversized_batches_are_refused_with_reasons(moons):
    with pytest.raises(HyperparameterError, match=r"newton needs the Hessian, a 114 x 114 matrix"):
        NetworkRunner(moons, "newton")
    with pytest.raises(HyperparameterError, match="batch_size=500 is larger than the data set"):
        NetworkRunner(moons, "adam", options={"batch_size": 500})


def _network_ready(name: str) -> bool:
    return name in network_optimizers(114)


def test_only_newton_and_bfgs_are_refused_on_networks(moons):
    refused = {n for n in OPTIMIZERS if not _network_ready(n)}
    assert refused == {"newton", "bfgs", "lookahead_newton", "lookahead_bfgs"} & set(OPTIMIZERS) and refused
    assert {"lbfgs", "gd_armijo", "cg_fr", "cg_pr", "asgd", "adafactor", "qhadam", "prodigy"} <= set(
        network_optimizers(moons.n_params)
    )


@pytest.mark.parametrize("name", [n for n in OPTIMIZERS if not _network_ready(n)])
def test_optimizers_not_made_for_networks_are_refused_with_the_reason(moons, name):
    # the message names the optimizer, the matrix it would need and what to race instead
    with pytest.raises(HyperparameterError, match=f"{name} .*114 x 114 matrix.*race lbfgs"):
        NetworkRunner(moons, name, max_steps=5)


@pytest.mark.parametrize("name", [n for n in OPTIMIZERS if _network_ready(n)])
def test_every_optimizer_trains_the_network(moons, name):
    r = NetworkRunner(moons, name, max_steps=60)
    with np.errstate(all="raise"):  # the racer's own arithmetic is guarded: nothing leaks
        r.advance(60)
    assert r.status == "running" and np.isfinite(r.lr_quantiles[1:]).all()
    assert r.batch_losses[-1] < r.batch_losses[1]


def test_homework_ordering_holds_on_digits():
    """The seed's result on the homework's network (64-100-100-100-100-10, ReLU, He init, batches of 128):
    AdaGrad and Adam drop fastest, SGD slowest, over fixed seeds."""
    from arena import Race, load_preset

    for seed in (0, 1):
        config = load_preset("mnist-homework")
        config.steps, config.seed = 150, seed
        race = Race(config)
        race.advance(config.steps)
        late = {r.label: np.mean(r.batch_losses[-30:]) for r in race.records()}
        assert max(late["Adam"], late["AdaGrad"]) < late["Momentum"] < late["SGD"], (seed, late)
        assert late["SGD"] > 3 * late["Momentum"]


def test_specs_and_keywords_as_engine_runner(moons):
    a = NetworkRunner(moons, "adam:lr=0.02,batch_size=16", max_steps=5)
    assert a.hyperparams["lr"] == 0.02 and a.options.batch_size == 16 and a.label == "adam:lr=0.02"
    b = NetworkRunner(moons, OPTIMIZERS["adam"], {"lr": 0.02, "batch_size": 16}, max_steps=5)
    a.advance(5)
    b.advance(5)
    np.testing.assert_array_equal(a.theta, b.theta)
    with pytest.raises(HyperparameterError, match="both in the spec and as options"):
        NetworkRunner(moons, "adam:batch_size=16", options={"batch_size": 8})


def _on_rows(problem, idx):
    """The same network with its training set cut to the rows ``idx`` (a full batch of exactly them)."""
    from problems import NetworkProblem, Split

    d = problem.data
    data = Split(d.name, d.X_train[idx], d.y_train[idx], d.X_test, d.y_test, d.n_classes, d.divisor)
    return NetworkProblem(problem.spec, data, problem.model, problem.theta0, _eval=problem._eval)


@pytest.mark.parametrize("spec", ["lbfgs:max_iter=3,history_size=5", "lbfgs:strong_wolfe=true,max_iter=3", "cg_pr"])
def test_line_searches_re_evaluate_the_steps_mini_batch(moons, spec):
    """A line search's extra evaluations use the batch of its step (torch's closure): its first step on a
    batch is the full-batch step on a training set of exactly those rows."""
    r = NetworkRunner(moons, spec, options={"batch_size": 20}, seed=4, max_steps=1)
    r.advance(1)
    loader_seq, _ = np.random.SeedSequence(4, spawn_key=(0,)).spawn(2)
    batch = BatchLoader(moons.data.n, 20, np.random.default_rng(loader_seq)).next()
    full = NetworkRunner(_on_rows(moons, batch), spec, max_steps=1)
    full.advance(1)
    np.testing.assert_array_equal(r.theta, full.theta)
    assert r._state.func_evals[0] > 1 and np.abs(r.theta - moons.theta0).max() > 1e-3


def test_gd_armijo_steps_meet_the_armijo_condition_on_a_network(moons):
    """Nocedal & Wright, Algorithm 3.1 on the full training set: theta - alpha g, with
    f(theta - alpha g) <= f(theta) - c1 alpha |g|^2 and alpha = rho^k (lr = 1)."""
    r = NetworkRunner(moons, "gd_armijo:c1=0.1,rho=0.5", max_steps=8)
    for _ in range(8):
        theta = r.theta.copy()
        f0, g = moons.value_and_grad(theta)
        r.advance(1)
        alpha = float(r._state.alpha[0])
        assert alpha > 0 and np.log2(alpha) == round(np.log2(alpha))  # 1, 1/2, 1/4, ...
        np.testing.assert_array_equal(r.theta, theta + alpha * -g)
        assert moons.value_and_grad(r.theta)[0] <= f0 - 0.1 * alpha * float(g @ g)
        if alpha < 1:  # the step twice as long failed the condition
            assert moons.value_and_grad(theta - 2 * alpha * g)[0] > f0 - 0.1 * 2 * alpha * float(g @ g)


def test_cg_steps_meet_the_strong_wolfe_conditions_on_a_network(moons):
    c1, c2 = 1e-4, 0.1
    r = NetworkRunner(moons, f"cg_fr:c1={c1},c2={c2}", max_steps=6)
    for _ in range(6):
        theta = r.theta.copy()
        f0, g = moons.value_and_grad(theta)
        r.advance(1)
        d, alpha = r._state.d[0], float(r._state.alpha[0])
        f1, g1 = moons.value_and_grad(r.theta)
        np.testing.assert_allclose(r.theta, theta + alpha * d, rtol=0, atol=1e-15)
        assert f1 <= f0 + c1 * alpha * float(g @ d) and abs(float(g1 @ d)) <= c2 * abs(float(g @ d))

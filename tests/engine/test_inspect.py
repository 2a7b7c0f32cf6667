"""The step inspector: the optimizer's whole state at any step, replayed exactly, and its rule with the numbers."""

from __future__ import annotations

import numpy as np
import pytest

from arena import Race, RaceConfig, RacerConfig, inspect_racer
from engine import OPTIMIZERS, Runner
from engine.inspect import inspect_step
from surfaces import get_surface

# every registered optimizer (at their reference's default lr ASGD and schedule-free SGD leave the
# Rosenbrock box within 12 steps: a smaller lr, and for ASGD t0 < 12 so the averaging starts), plus the
# variants whose equations take another branch
DEFAULT_SPEC = {"asgd": "asgd:lr=1e-3,t0=5", "schedulefree_sgd": "schedulefree_sgd:lr=1e-3"}
SPECS = [
    *(DEFAULT_SPEC.get(name, name) for name in OPTIMIZERS),
    "sgd:lr=1e-3,weight_decay=0.1",
    "momentum:lr=1e-3,dampening=0.3",
    "nesterov:lr=1e-3,weight_decay=0.05",
    "adagrad:lr=0.1,lr_decay=0.01,weight_decay=0.01",
    "rmsprop:lr=0.01,centered=true,momentum=0.5",
    "rmsprop:lr=0.01,weight_decay=0.1",
    "adadelta:lr=1,weight_decay=0.01",
    "adam:lr=0.01,weight_decay=0.1",
    "adam:lr=0.01,weight_decay=0.1,decoupled_weight_decay=true",
    "adamw:lr=0.01,weight_decay=0.5",
    "amsgrad:lr=0.05",
    "nadam:lr=0.01,momentum_decay=0.01,weight_decay=0.1",
    "radam:lr=0.01,weight_decay=0.1,decoupled_weight_decay=true",
    "adamax:lr=0.01,weight_decay=0.1",
    "rprop:lr=0.05,etaminus=0.3,etaplus=1.5,step_size_max=0.2",
    "asgd:lr=1e-3,weight_decay=0.1,lambd=0.5",
    "adafactor:lr=0.05,weight_decay=0.1,d=1.5,eps1=1e-3",
    "lion:lr=0.01,weight_decay=0.1",
    "lion:lr=0.01,weight_decay=0.1,fixed_decay=true",
    "adabelief:lr=0.01,weight_decay=0.1,weight_decouple=false,ams_bound=true",
    "adabelief:lr=0.01,rectify=true",
    "adabelief:lr=0.01,rectify=true,degenerated_to_sgd=false",
    "yogi:lr=0.01,weight_decay=0.1,initial_accumulator=0.1",
    "qhm:lr=1e-3,momentum=0.9,nu=0.7,weight_decay=0.1",
    "qhadam:lr=0.01,nu1=0.7,nu2=0.5,weight_decay=0.1,weight_decouple=true",
    "schedulefree_sgd:lr=1e-3,weight_decay=0.1,lr_warmup_steps=5,r=1",
    "schedulefree_adamw:lr=0.01,weight_decay=0.1,ams_bound=true,decoupling_c=3",
    "prodigy:lr=0.5,weight_decay=0.1,bias_correction=true,safeguard_warmup=true,beta3=0.9,growth_rate=1.1",
    "lbfgs:strong_wolfe=true",
    "lbfgs:lr=0.5,max_iter=3,history_size=2",
    "gd_armijo:lr=0.5,rho=0.3,c1=0.01",
    "bfgs:scale_h0=false,c2=0.5",
    "cg_fr:c2=0.3",
    "newton:lr=0.5,damping=0.1",
    "newton:lr=0.5,saddle_free=false",
]


@pytest.mark.parametrize("spec", SPECS)
@pytest.mark.parametrize("step", [1, 3, 12])
def test_the_inspected_step_is_the_races_step_and_its_equations_give_the_new_state(spec, step):
    surface = get_surface("rosenbrock")
    start = (-1.5, 2.0)
    seen = inspect_step(surface, spec, start=start, step=step)

    # the race's own record of that step, bit for bit (a separate run, compiled where it can be)
    runner = Runner(surface, spec, start=start, max_steps=step)
    runner.advance(step)
    rec = runner.record()
    assert np.array_equal(seen.theta, rec.positions[step - 1])
    assert np.array_equal(seen.new_theta, rec.positions[step])
    assert np.array_equal(seen.grad, rec.gradients[step - 1])
    assert np.array_equal(seen.effective_lr, rec.effective_lr[step])
    assert seen.state_after["t"] == step and seen.state_before["t"] == step - 1

    opt = OPTIMIZERS[seen.optimizer]
    assert [name for name, _ in opt.state_doc] == list(seen.state_after), "state_doc names every state field"

    # every equation that names a result computes it from the numbers it shows
    checked = set()
    for eq in seen.equations:
        if not eq.target:
            continue
        want = {"theta": seen.new_theta, "effective_lr": seen.effective_lr}.get(eq.target)
        if want is None:
            want = seen.state_after[eq.target]
        np.testing.assert_allclose(eq.value, want, rtol=1e-11, atol=1e-300, err_msg=str(eq))
        checked.add(eq.target)
        text = str(eq)
        assert text.startswith(eq.name + " = ") and "nan" not in text
    assert "theta" in checked, "the last line is the parameter update"


def test_an_adam_step_is_written_out_with_its_numbers():
    seen = inspect_step(get_surface("rosenbrock"), "adam:lr=0.01", start=(-1.5, 2.0), step=10)
    lines = [str(eq) for eq in seen.equations]
    m_line = next(line for line in lines if line.startswith("m = "))
    m0 = seen.state_before["exp_avg"]
    assert m_line.startswith("m = β1·m + (1 − β1)·g = 0.9·(")
    assert f"0.9·({m0[0]:.6g}, {m0[1]:.6g}) + 0.1·({seen.grad[0]:.6g}, {seen.grad[1]:.6g})" in m_line
    m1 = seen.state_after["exp_avg"]
    assert m_line.endswith(f"= ({m1[0]:.6g}, {m1[1]:.6g})")
    assert any(line.startswith("v̂ = v / (1 − β2^t) = ") and "0.999^10" in line for line in lines)
    table = "\n".join(seen.table())
    assert "exp_avg" in table and "first moment" in table and "->" in table


def test_a_noisy_mini_batch_racer_is_replayed_with_its_own_random_stream():
    cfg = RaceConfig(
        surface="linear_regression",
        steps=40,
        seed=7,
        racers=[
            RacerConfig("sgd", {"lr": 0.05}, options={"batch_size": 8}),
            RacerConfig("adam", {"lr": 0.05}, options={"batch_size": 4, "noise": 0.3}),
        ],
    )
    cfg.remove_racer(0)  # the second racer keeps its own stream after the first is removed
    cfg.racers.append(RacerConfig("momentum", {"lr": 0.02}, options={"noise": 0.1}))
    race = Race(cfg)
    race.advance(40)
    for index, runner in enumerate(race.runners):
        rec = runner.record()
        seen = inspect_racer(cfg, index, 25)
        assert np.array_equal(seen.theta, rec.positions[24])
        assert np.array_equal(seen.new_theta, rec.positions[25])
        assert not np.array_equal(seen.grad, seen.full_grad), "the optimizer was given a noisy or mini-batch gradient"
        assert seen.equations[0].rule.startswith(("mini-batch", "∇f(θ) + noise"))


def test_a_run_that_stopped_has_no_later_step():
    with pytest.raises(ValueError, match=r"stopped at step \d+ \(converged\): it took no step 500"):
        inspect_step(get_surface("sphere"), "sgd:lr=0.5", start=(1.0, 1.0), step=500, tol=1e-8)


@pytest.mark.parametrize("step", [0, -1, 1.5, True])
def test_a_step_that_is_not_a_positive_whole_number_is_refused(step):
    with pytest.raises(ValueError, match="step must be a whole number >= 1"):
        inspect_step(get_surface("sphere"), "sgd", step=step)


def test_the_modules_examples_run():
    import doctest

    import engine.inspect

    result = doctest.testmod(engine.inspect, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 3 and result.failed == 0


# ------------------------------------------------------------- checkpointed replay

REPLAYED = [
    ("rosenbrock", "adam:lr=0.01", {}),
    ("rosenbrock", "amsgrad:lr=0.05", {}),
    ("rosenbrock", "rmsprop:lr=0.01,centered=true,momentum=0.5", {}),
    ("rosenbrock", "nesterov:lr=1e-3,weight_decay=0.05", {}),
    ("rosenbrock", "adadelta:lr=1", {}),
    ("rosenbrock", "newton:lr=0.5,damping=0.1", {}),
    ("rosenbrock", "sgd:lr=1e-3", {"schedule": "cosine", "T_max": 30}),
    ("linear_regression", "adam:lr=0.05", {"batch_size": 4, "noise": 0.3}),
    ("linear_regression", "momentum:lr=0.02", {"batch_size": 7}),
]


@pytest.mark.parametrize(("surface", "spec", "options"), REPLAYED)
def test_a_checkpointed_replay_gives_the_full_replays_bits_at_every_step_in_any_order(surface, spec, options):
    from engine.inspect import Replay

    s = get_surface(surface)
    start = (-1.5, 2.0) if surface == "rosenbrock" else None
    replay = Replay(s, spec, start=start, options=options, seed=3, stream=2, every=7)
    # forward beyond what was replayed, back, between checkpoints, on a checkpoint and just after one
    for step in (40, 1, 15, 14, 7, 8, 39, 41, 60, 2, 56, 57, 28):
        got = replay.inspect(step)
        want = inspect_step(s, spec, start=start, options=options, seed=3, stream=2, step=step)
        assert got is not None and got.step == step
        for name in ("theta", "grad", "full_grad", "new_theta", "effective_lr"):
            assert np.array_equal(getattr(got, name), getattr(want, name)), (step, name)
        assert got.lr == want.lr
        assert list(got.state_after) == list(want.state_after)
        for name in want.state_after:
            for which in ("state_before", "state_after"):
                a, b = getattr(got, which)[name], getattr(want, which)[name]
                assert (a is None and b is None) or np.array_equal(a, b), (step, which, name)
        assert [str(e) for e in got.equations] == [str(e) for e in want.equations]
        if want.hessian is not None:
            assert np.array_equal(got.hessian, want.hessian)
    assert replay.reached == 60 and replay.checkpoints == list(range(0, 57, 7))


def test_a_replay_goes_back_at_most_one_checkpoint_interval():
    from engine.inspect import Replay

    s = get_surface("rosenbrock")
    replay = Replay(s, "adam:lr=0.01", start=(-1.5, 2.0), every=16)
    replay.inspect(200)
    calls = []
    update = replay._watch.update
    replay._watch.update = lambda *a: calls.append(1) or update(*a)
    seen = replay.inspect(150)
    assert seen is not None and len(calls) == 150 - 144  # from the checkpoint at 144
    assert replay.reached == 200, "looking back does not move the replay on"


def test_a_cancelled_replay_keeps_its_checkpoints_and_goes_on_from_them():
    from engine.inspect import Replay

    s = get_surface("rosenbrock")
    replay = Replay(s, "sgd:lr=1e-3", start=(-1.5, 2.0), every=10)
    asked = iter([False, False, False, True])
    assert replay.inspect(100, cancelled=lambda: next(asked)) is None
    assert replay.reached == 30 and replay.checkpoints == [0, 10, 20, 30]
    got = replay.inspect(100)
    want = inspect_step(s, "sgd:lr=1e-3", start=(-1.5, 2.0), step=100)
    assert np.array_equal(got.new_theta, want.new_theta)


def test_a_replayed_run_that_stopped_has_no_later_step():
    from engine.inspect import Replay

    replay = Replay(get_surface("sphere"), "sgd:lr=0.5", start=(1.0, 1.0), tol=1e-8, every=4)
    with pytest.raises(ValueError, match=r"stopped at step \d+ \(converged\): it took no step 500"):
        replay.inspect(500)
    assert replay.stopped
    with pytest.raises(ValueError, match=r"stopped at step \d+ \(converged\): it took no step 400"):
        replay.inspect(400)
    assert replay.inspect(1) is not None


def test_a_long_replay_keeps_a_bounded_number_of_checkpoints():
    from engine.inspect import Replay

    s = get_surface("rosenbrock")
    replay = Replay(s, "adam:lr=0.001", start=(-1.5, 2.0), every=4, max_checkpoints=8)
    replay.inspect(100)
    assert len(replay.checkpoints) <= 8 and replay.every == 16
    assert replay.checkpoints == list(range(0, 97, 16))
    got, want = replay.inspect(70), inspect_step(s, "adam:lr=0.001", start=(-1.5, 2.0), step=70)
    assert np.array_equal(got.new_theta, want.new_theta) and np.array_equal(
        got.state_after["exp_avg_sq"], want.state_after["exp_avg_sq"]
    )


def test_a_long_replay_keeps_no_history_and_looks_back_exactly():
    """Past the Runner's first block of history rows (512), the replay still holds two-row rings (no
    history grows with the steps) and a look back from a checkpoint is the full replay's, bit for bit."""
    from engine.inspect import Replay, _Ring

    surface = get_surface("rosenbrock")
    replay = Replay(surface, "adam", {"lr": 0.001}, start=(-1.5, 2.0))
    late = replay.inspect(3000)
    assert late.step == 3000
    assert all(isinstance(getattr(replay._front, name), _Ring) for name in ("_pos", "_loss", "_grads"))
    for step in (1500, 100, 2999):
        got = replay.inspect(step)
        want = inspect_step(surface, "adam", {"lr": 0.001}, start=(-1.5, 2.0), step=step)
        assert np.array_equal(got.new_theta, want.new_theta)
        assert np.array_equal(got.state_after["exp_avg_sq"], want.state_after["exp_avg_sq"])

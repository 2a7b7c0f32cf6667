"""What a run records, how runs stop, and that batches are the same code as single runs."""

import warnings

import numpy as np
import pytest

from engine import OPTIMIZERS, Runner, race_labels, simulate
from surfaces import get_surface

ROSENBROCK = get_surface("rosenbrock")
SADDLE = get_surface("saddle")


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_record_shapes_and_consistency(name):
    run = simulate(ROSENBROCK, name, start=(-1.5, 2.0), steps=50)
    n = run.steps_taken
    assert run.positions.shape == (n + 1, 2) and run.losses.shape == (n + 1,)
    assert run.gradients.shape == (n + 1, 2) and run.effective_lr.shape == (n + 1, 2)
    np.testing.assert_array_equal(run.positions[0], [-1.5, 2.0])
    np.testing.assert_allclose(run.losses, ROSENBROCK.f(run.positions), rtol=1e-13)
    np.testing.assert_allclose(run.gradients, ROSENBROCK.grad(run.positions), rtol=1e-13)
    assert np.isnan(run.effective_lr[0]).all() and np.isnan(run.updates[0]).all()
    np.testing.assert_allclose(run.updates[1:], np.diff(run.positions, axis=0))
    if name in ANY_SIGN_RATE:
        assert np.isfinite(run.effective_lr[1:]).all()
    elif name in ZERO_RATE_WHEN_SKIPPING:
        assert (run.effective_lr[1:] >= 0).all() and (run.effective_lr[1:] > 0).any()
    else:
        assert (run.effective_lr[1:] > 0).all()


#: optimizers whose recorded rate may be 0 (Rprop skips a parameter's step after a sign flip) or, for
#: quasi-Newton and CG steps whose rate is the observed -Δθ/g, negative along a coordinate
ZERO_RATE_WHEN_SKIPPING = {"rprop"}
ANY_SIGN_RATE = {"lbfgs", "bfgs", "cg_fr", "cg_pr"}


def test_observed_ratio_equals_effective_lr_without_momentum():
    """For optimizers without momentum, -delta/g is exactly the effective rate."""
    for spec in ("sgd:lr=0.001", "adagrad:lr=0.1", "rmsprop:lr=0.001", "adadelta"):
        run = simulate(ROSENBROCK, spec, start=(-1.5, 2.0), steps=30)
        np.testing.assert_allclose(run.observed_lr[1:], run.effective_lr[1:], rtol=1e-8)


def test_sgd_effective_lr_is_lr():
    run = simulate(ROSENBROCK, "sgd:lr=0.0005", start=(0, 0), steps=10)
    np.testing.assert_array_equal(run.effective_lr[1:], 0.0005)


def test_diverging_run_stops_and_is_marked_at_its_step():
    run = simulate(ROSENBROCK, "sgd:lr=0.01", start=(-1.5, 2.0), steps=100)
    assert run.status == "diverged"
    k = run.steps_taken
    assert 0 < k < 100 and len(run.positions) == k + 1
    x, y = run.positions[-1]
    assert not (np.isfinite(run.losses[-1]) and abs(x) <= 200 and abs(y - 1) <= 200)
    assert np.isfinite(run.positions[:-1]).all()


def test_runaway_on_unbounded_surface_is_diverged():
    run = simulate(SADDLE, "sgd:lr=0.1", start=(1.0, 0.01), steps=1000)
    assert run.status == "diverged" and abs(run.positions[-1, 1]) > 100 * 2


def test_converged_at_tolerance():
    run = simulate(get_surface("sphere"), "sgd:lr=0.1", start=(3, 4), steps=1000, tol=1e-6)
    assert run.status == "converged"
    norms = np.linalg.norm(run.gradients, axis=1)
    assert norms[-1] <= 1e-6 and (norms[:-1] > 1e-6).all()


def test_converged_at_start():
    run = simulate(get_surface("sphere"), "adam", start=(0, 0), steps=10, tol=1e-9)
    assert run.status == "converged" and run.steps_taken == 0 and run.positions.shape == (1, 2)


def test_no_numpy_warnings_when_everything_overflows():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = simulate(ROSENBROCK, "sgd:lr=10", start=(-1.5, 2.0), steps=50)
    assert run.status == "diverged"


def test_batch_equals_single_runs_and_stopped_runs_do_not_stop_others():
    starts = np.array([[-1.5, 2.0], [0.0, 0.0], [1.2, 1.2], [-1.0, -0.5]])
    spec = "sgd:lr=0.0019"
    batch = simulate(ROSENBROCK, spec, start=starts, steps=200)
    assert batch.batched and batch.positions.shape == (201, 4, 2)
    for b, s in enumerate(starts):
        single = simulate(ROSENBROCK, spec, start=s, steps=200)
        n = single.steps_taken
        assert batch.status[b] == single.status and batch.steps_taken[b] == n
        np.testing.assert_array_equal(batch.positions[: n + 1, b], single.positions)
        assert np.isnan(batch.positions[n + 1 :, b]).all()


def test_final_record_equals_full_record():
    rng = np.random.default_rng(1)
    starts = rng.uniform([-2, -1], [2, 3], size=(300, 2))
    full = simulate(ROSENBROCK, "adam:lr=0.05", start=starts, steps=150, tol=1e-3)
    final = simulate(ROSENBROCK, "adam:lr=0.05", start=starts, steps=150, tol=1e-3, record="final")
    assert final.positions_all is None
    np.testing.assert_array_equal(final.status, full.status)
    np.testing.assert_array_equal(final.steps_taken, full.steps_taken)
    np.testing.assert_array_equal(final.final_positions, full.final_positions)
    np.testing.assert_allclose(final.final_losses, full.final_losses, rtol=1e-15)
    idx = full.steps_taken
    np.testing.assert_array_equal(full.positions[idx, np.arange(300)], full.final_positions)


def test_final_mode_with_many_stopping_runs_compacts_correctly():
    """Runs stopping at different times (divergence) exercise the batch compaction."""
    rng = np.random.default_rng(2)
    starts = rng.uniform([-2, -1], [2, 3], size=(500, 2))
    full = simulate(ROSENBROCK, "sgd:lr=0.004", start=starts, steps=120)
    final = simulate(ROSENBROCK, "sgd:lr=0.004", start=starts, steps=120, record="final")
    assert (full.status == "diverged").sum() > 250
    np.testing.assert_array_equal(final.status, full.status)
    np.testing.assert_array_equal(final.steps_taken, full.steps_taken)
    ok = full.status == "running"
    np.testing.assert_array_equal(final.final_positions[ok], full.final_positions[ok])


def test_runner_advances_incrementally_like_simulate():
    runner = Runner(ROSENBROCK, "nadam:lr=0.01", start=(-1.5, 2.0), max_steps=100)
    taken = sum(runner.advance(7) for _ in range(20))
    assert taken == 100 and runner.done and runner.advance(5) == 0
    whole = simulate(ROSENBROCK, "nadam:lr=0.01", start=(-1.5, 2.0), steps=100)
    np.testing.assert_array_equal(runner.positions[:, 0], whole.positions)
    assert runner.seconds_per_step > 0


def test_unbounded_runner_grows_its_history():
    runner = Runner(ROSENBROCK, "adam:lr=0.01", start=(-1.5, 2.0))
    runner.advance(1000)
    assert runner.positions.shape == (1001, 1, 2) and np.isfinite(runner.positions).all()


def test_simulate_accepts_keyword_hyperparameters():
    a = simulate(ROSENBROCK, "adam:lr=0.01,beta1=0.8", start=(-1.5, 2), steps=20)
    b = simulate(ROSENBROCK, "adam", start=(-1.5, 2), steps=20, lr=0.01, beta1=0.8)
    np.testing.assert_array_equal(a.positions, b.positions)
    with pytest.raises(ValueError, match="given both"):
        simulate(ROSENBROCK, "adam:lr=0.01", start=(0, 0), steps=1, lr=0.1)


def test_default_start_is_the_surfaces():
    run = simulate(ROSENBROCK, "adam", steps=1)
    np.testing.assert_array_equal(run.positions[0], ROSENBROCK.start)


@pytest.mark.parametrize("start", [(1, 2, 3), "a,b", [[1, 2, 3]], None.__class__])
def test_bad_start_refused(start):
    with pytest.raises(ValueError, match="start must be"):
        simulate(ROSENBROCK, "adam", start=start, steps=1)


@pytest.mark.parametrize("steps", [-1, 1.5, True])
def test_bad_steps_refused(steps):
    with pytest.raises(ValueError, match="steps must be"):
        simulate(ROSENBROCK, "adam", start=(0, 0), steps=steps)


def test_race_labels_number_repeats():
    assert race_labels(["adam", "sgd", "adam", "adam"]) == ["adam", "sgd", "adam #2", "adam #3"]


def test_a_record_is_a_snapshot_that_later_steps_do_not_change():
    """record() hands out read-only views of the append-only history: a record taken at step 5 still shows
    step 5's state after the run went on (and its storage grew) and cannot be written by its reader."""
    r = Runner(get_surface("rosenbrock"), "adam:lr=0.01", start=(-1.5, 2.0), max_steps=5000)
    r.advance(5)
    early = r.record()
    copy = early.positions.copy(), early.losses.copy(), early.effective_lr.copy()
    r.advance(4000)  # grows the history's capacity several times
    late = r.record()
    np.testing.assert_array_equal(early.positions, copy[0])
    np.testing.assert_array_equal(early.losses, copy[1])
    np.testing.assert_array_equal(early.effective_lr, copy[2])
    assert early.steps == 5 and len(early.positions) == 6
    np.testing.assert_array_equal(late.positions[:6], early.positions)
    with pytest.raises(ValueError, match="read-only"):
        late.positions[0, 0] = 0.0
    r.advance(1)  # the runner itself still writes its history
    assert r.record().steps == 4006


def test_a_batch_record_masks_rows_after_each_runs_stop():
    r = Runner(get_surface("elongated_bowl"), "sgd:lr=0.4", start=[(1.0, 1.0), (1e-9, 1e-9)], max_steps=50, tol=1e-6)
    r.advance(50)
    rec = r.record()
    stop = rec.steps_taken
    assert stop[1] < stop[0]
    assert np.isnan(rec.positions[stop[1] + 1 :, 1]).all()
    assert np.isfinite(rec.positions[: stop[1] + 1, 1]).all()
    again = r.record()  # masking one record does not leak into the next
    np.testing.assert_array_equal(again.positions, rec.positions)


def test_a_budgeted_history_is_never_copied_and_costs_memory_only_as_it_is_recorded():
    """With a step budget the history is reserved once: the arrays the window holds stay the
    same memory however long the race runs (no copy of all rows at a doubling), rows appear
    NaN until recorded, and the record is the same steps as a fresh simulate."""
    s = get_surface("rosenbrock")
    r = Runner(s, "adam:lr=0.01", max_steps=200_000)
    r.advance(3)
    address = r.positions.ctypes.data
    reserved = r._buffers["_pos"].shape[0]
    assert reserved == 200_001
    assert r._ready < 2_000  # rows filled so far: a block ahead of the steps, not the budget
    for _ in range(30):
        r.advance(5_000)
    assert r.positions.ctypes.data == address and r._buffers["_pos"].shape[0] == reserved
    assert r._ready < r.steps + 2_000
    assert np.isnan(r.batch_losses).all()
    ref = simulate(s, "adam:lr=0.01", steps=r.steps)
    assert np.array_equal(r.positions[:, 0], ref.positions)


def test_retired_runners_are_freed_in_the_background_without_the_collector():
    """A window replacing its race hands the old runners to engine.runner.retire: a moment later
    their histories are freed by the retiring thread (no reference cycle waits for the collector,
    which would free them in whatever thread runs it, a paint's for instance)."""
    import gc
    import time
    import weakref

    from arena import PALETTE, Race, RaceConfig, RacerConfig
    from engine import fast
    from engine.runner import RETIRE_DELAY, retire

    racers = [RacerConfig(o, {"lr": 1e-3}, o, PALETTE[i]) for i, o in enumerate(("sgd", "adam", "nadam"))]
    config = RaceConfig("rosenbrock", {}, (-1.5, 2.0), 5000, None, 0, racers)
    fast.wait_for(get_surface("rosenbrock").scalar_kernels, 300)  # the compiled path: its FastRun and FastBatch
    race = Race(config)
    race.advance(3000)
    assert race._batch is not None or fast.disabled()  # noqa: SLF001 - the cycles this test is about
    alive = [weakref.ref(r) for r in race.runners]
    gc.disable()
    try:
        retire(race.runners)
        del race
        deadline = time.monotonic() + RETIRE_DELAY + 10
        while any(ref() is not None for ref in alive) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert all(ref() is None for ref in alive)
    finally:
        gc.enable()

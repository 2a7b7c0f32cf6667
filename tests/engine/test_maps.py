"""Basin maps, hyperparameter sweeps and the trainability boundary (engine.maps): what each cell says against
what the mathematics says, tiles, cancel, the cache, and the same result on a process pool and a Dask cluster."""

import threading

import numpy as np
import pytest

from engine import maps
from engine.fast.protocol import disabled
from engine.maps import DIVERGED_CODE, NOT_CONVERGED, Axis, BasinJob, BoundaryJob, SweepJob, compute
from surfaces import get_surface

BOWL = get_surface("elongated_bowl")  # x²/20 + y²: Hessian diag(1/10, 2)
HIMMELBLAU = get_surface("himmelblau")


@pytest.fixture(autouse=True)
def _fresh_cache():
    maps.clear_cache()
    yield
    maps.clear_cache()


def test_a_basin_map_of_a_quadratic_is_one_basin():
    job = BasinJob(BOWL, "sgd:lr=0.4", Axis("x", -10, 10, 24), Axis("y", -5, 5, 16), steps=2000, tol=1e-8)
    res = compute(job)
    assert res.arrays["basin"].shape == (16, 24)
    assert (res.arrays["basin"] == 0).all()
    # steps to tolerance grow with the distance along the flat direction
    steps = res.arrays["steps"]
    assert steps[8, 0] > steps[8, 12] and (steps > 0).all()


def test_himmelblau_basins_start_near_each_minimum_end_at_it():
    job = BasinJob(HIMMELBLAU, "sgd:lr=0.002", Axis("x", -5, 5, 41), Axis("y", -5, 5, 41), steps=3000, tol=1e-6)
    basin = compute(job).arrays["basin"]
    xs, ys = job.x.values(), job.y.values()
    found = set()
    for i, (mx, my) in enumerate(HIMMELBLAU.minima_points):
        col, row = int(np.argmin(np.abs(xs - mx))), int(np.argmin(np.abs(ys - my)))
        assert basin[row, col] == i, f"the start nearest minimum {i} at ({mx}, {my}) went to basin {basin[row, col]}"
        found.add(i)
    assert found == {0, 1, 2, 3}
    # every cell is one of the four basins (gradient descent with a small step converges from everywhere here)
    assert set(np.unique(basin)) <= {0, 1, 2, 3, maps.OTHER}
    assert np.mean(basin >= 0) > 0.97


def test_diverged_and_not_converged_cells_have_their_own_codes():
    job = BasinJob(BOWL, "sgd:lr=1.2", Axis("x", -10, 10, 8), Axis("y", -5, 5, 8), steps=400, tol=1e-8)
    basin = compute(job).arrays["basin"]
    ys = job.y.values()
    assert (basin[ys != 0] == DIVERGED_CODE).all()  # lr > 2/λmax = 1: |1 - 1.2·2| > 1 along y
    slow = BasinJob(BOWL, "sgd:lr=0.001", Axis("x", -10, 10, 8), Axis("y", -5, 5, 8), steps=10, tol=1e-8)
    assert (compute(slow).arrays["basin"] == NOT_CONVERGED).all()


def test_the_sweeps_divergence_edge_sits_at_the_heavy_ball_limit():
    """Heavy ball on a quadratic diverges once lr > 2 (1 + β) / λmax (λmax = 2 on the elongated bowl)."""
    lr = Axis("lr", 0.05, 5.0, 64, log=True)
    beta = Axis("momentum", 0.0, 0.8, 5)
    job = SweepJob(BOWL, "sgd", BOWL.start, lr, beta, steps=600, tol=1e-8)
    res = compute(job)
    status = res.arrays["status"]
    values = lr.values()
    for row, b in enumerate(beta.values()):
        edge = 2 * (1 + b) / 2.0
        diverged = np.nonzero(status[row] == -1)[0]
        assert diverged.size, f"β={b}: no cell diverged"
        first = diverged[0]
        assert (status[row, first:] == -1).all(), f"β={b}: divergence is not one region"
        assert abs(first - lr.index_of(edge)) <= 1, f"β={b}: edge at lr={values[first]:.4g}, theory {edge:.4g}"


def test_the_best_sweep_cell_is_the_analytic_optimum():
    """Heavy ball's optimal lr and momentum for the local quadratic (Goh 2017) are the sweep's fastest cell."""
    from engine.curvature import local_curvature

    surface = get_surface("ill_conditioned")  # κ = 50, valley at 30°
    curv = local_curvature(surface, (0.0, 0.0))
    best_lr, best_beta = curv.momentum_lr, curv.momentum
    lr = Axis("lr", best_lr / 4, best_lr * 2, 24, log=True)
    beta = Axis("momentum", 0.0, 0.95, 24)
    res = compute(SweepJob(surface, "sgd", surface.start, lr, beta, steps=3000, tol=1e-10))
    steps = np.where(res.arrays["status"] == 1, res.arrays["steps"], np.iinfo(np.int32).max)
    row, col = np.unravel_index(np.argmin(steps), steps.shape)
    assert abs(col - lr.index_of(best_lr)) <= 1 and abs(row - beta.index_of(best_beta)) <= 1, (
        f"fastest cell lr={lr.values()[col]:.4g}, β={beta.values()[row]:.3f}; "
        f"analytic lr={best_lr:.4g}, β={best_beta:.3f}"
    )


def test_the_trainability_boundary_of_a_quadratic_is_two_lines():
    """GD with a rate per parameter on x²/20 + y² converges iff lr_x < 2/0.1 = 20 and lr_y < 2/2 = 1."""
    job = BoundaryJob(BOWL, (3.0, 2.0), Axis("lr_x", 1.0, 100.0, 33, log=True), Axis("lr_y", 0.05, 5.0, 33, log=True),
                      steps=800, tol=1e-6)  # fmt: skip
    res = compute(job)
    escaped = res.arrays["escape"] >= 0
    lx, ly = np.meshgrid(job.x.values(), job.y.values())
    stable = (lx < 20 * 0.97) & (ly < 1 * 0.97)
    unstable = (lx > 20 * 1.03) | (ly > 1 * 1.03)
    assert not escaped[stable].any()
    assert escaped[unstable].all()
    assert (res.arrays["converged"][stable] >= 0).all()
    # escape comes sooner the further past the edge
    row = job.y.index_of(0.5)
    esc = res.arrays["escape"][row]
    past = esc[job.x.values() > 25]
    assert (np.diff(past) <= 0).all()


def test_tiles_assemble_the_same_map_in_any_size_and_stream_as_they_finish():
    job = BasinJob(HIMMELBLAU, "adam:lr=0.1", Axis("x", -5, 5, 20), Axis("y", -5, 5, 13), steps=200)
    whole = compute(job, cache=False, tile_rows=13).arrays
    seen = []
    parts = compute(job, cache=False, tile_rows=4, on_tile=lambda r0, r1, a: seen.append((r0, r1))).arrays
    assert sorted(seen) == [(0, 4), (4, 8), (8, 12), (12, 13)]
    for key in whole:
        np.testing.assert_array_equal(parts[key], whole[key])


def test_cancel_stops_between_tiles_and_the_cache_serves_a_repeat():
    job = BasinJob(HIMMELBLAU, "adam:lr=0.1", Axis("x", -5, 5, 16), Axis("y", -5, 5, 16), steps=100)
    stop = threading.Event()
    seen = []

    def first_only(r0, r1, arrays):
        seen.append(r0)
        stop.set()

    with pytest.raises(maps.Cancelled):
        compute(job, tile_rows=4, on_tile=first_only, cancel=stop)
    assert seen == [0]
    first = compute(job)
    assert not first.cached
    again = compute(BasinJob(HIMMELBLAU, "adam:lr=0.1", Axis("x", -5, 5, 16), Axis("y", -5, 5, 16), steps=100))
    assert again.cached and again.arrays["basin"] is first.arrays["basin"]
    other = compute(BasinJob(HIMMELBLAU, "adam:lr=0.2", Axis("x", -5, 5, 16), Axis("y", -5, 5, 16), steps=100))
    assert not other.cached


def test_equal_settings_written_differently_are_one_job():
    a = BasinJob(HIMMELBLAU, "adam:lr=0.1,beta1=0.9", Axis("x", -5, 5, 8), Axis("y", -5, 5, 8))
    b = BasinJob(HIMMELBLAU, "adam:lr=0.10", Axis("x", -5, 5, 8), Axis("y", -5, 5, 8))
    assert a == b and hash(a) == hash(b)


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda: Axis("x", 1, 1, 8), "low to high"),
        (lambda: Axis("x", 0, 1, 1), "from 2 to"),
        (lambda: Axis("lr", 0, 1, 8, log=True), "above 0"),
        (lambda: Axis("x", float("nan"), 1, 8), "finite"),
        (lambda: BasinJob(BOWL, "nosuch", Axis("x", 0, 1, 4), Axis("y", 0, 1, 4)), "nosuch"),
        (lambda: BasinJob(BOWL, "sgd", Axis("x", 0, 1, 4), Axis("y", 0, 1, 4), steps=0), "steps"),
        (lambda: SweepJob(BOWL, "sgd", (1, 1), Axis("lr", 0.1, 1, 4), Axis("lr", 0.1, 1, 4)), "different"),
        (lambda: SweepJob(BOWL, "sgd", (1, 1), Axis("lr", 0.1, 1, 4), Axis("beta9", 0, 1, 4)), "beta9"),
        (lambda: SweepJob(BOWL, "sgd", (1, 1), Axis("lr", 0.1, 1, 4), Axis("nesterov", 0, 1, 4)), "number"),
        (lambda: SweepJob(BOWL, "sgd", (1, 1), Axis("lr", 0.1, 1, 4), Axis("momentum", 0, 2, 4)), "momentum"),
        (lambda: BoundaryJob(BOWL, (1, 1), Axis("lr_x", -1, 1, 4), Axis("lr_y", 0.1, 1, 4)), "> 0"),
    ],
)
def test_bad_jobs_are_refused_naming_the_problem(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_a_process_pool_gives_the_same_map():
    job = BasinJob(HIMMELBLAU, "momentum:lr=0.005,momentum=0.8", Axis("x", -5, 5, 12), Axis("y", -5, 5, 9),
                   steps=150)  # fmt: skip
    here = compute(job, cache=False).arrays
    with maps.local_pool(2) as pool:
        there = compute(job, cache=False, executor=pool, tile_rows=3)
    assert "ProcessPoolExecutor" in there.where and there.tiles == 3
    for key in here:
        np.testing.assert_array_equal(there.arrays[key], here[key])


def test_a_dask_cluster_gives_the_same_map():
    distributed = pytest.importorskip("distributed", reason="dask.distributed is not installed")
    job = SweepJob(BOWL, "adam", BOWL.start, Axis("lr", 0.01, 1.0, 6, log=True), Axis("beta1", 0.5, 0.95, 4),
                   steps=100)  # fmt: skip
    here = compute(job, cache=False).arrays
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cl:
        with distributed.Client(cl) as client:
            there = compute(job, cache=False, executor=client, tile_rows=2)
    assert there.where.startswith("dask cluster") and there.tiles == 2
    for key in here:
        np.testing.assert_array_equal(there.arrays[key], here[key])


@pytest.mark.parametrize(
    "surface, spec, x, y",
    [
        ("ill_conditioned", "momentum:lr=0.01", ("lr", 1e-4, 1.0, True), ("momentum", 0.0, 0.99, False)),
        (
            "ill_conditioned",
            "sgd:momentum=0.5,nesterov=true",
            ("lr", 1e-3, 1.0, True),
            ("weight_decay", 0.0, 0.5, False),
        ),
        ("himmelblau", "adam", ("lr", 1e-4, 1.0, True), ("beta1", 0.0, 0.99, False)),
        ("himmelblau", "adamw", ("lr", 1e-3, 1.0, True), ("weight_decay", 0.0, 0.5, False)),
        ("rosenbrock", "nadam", ("lr", 1e-4, 1.0, True), ("beta2", 0.5, 0.999, False)),
        ("himmelblau", "adagrad", ("lr", 1e-3, 1.0, True), ("initial_accumulator_value", 0.0, 1.0, False)),
        ("beale", "rmsprop:centered=true", ("lr", 1e-4, 1.0, True), ("alpha", 0.5, 0.99, False)),
        ("booth", "adadelta", ("lr", 0.1, 10.0, True), ("rho", 0.5, 0.99, False)),
        ("himmelblau", "lion", ("lr", 1e-4, 0.1, True), ("beta1", 0.5, 0.99, False)),
    ],
)
@pytest.mark.parametrize("chunk", [None, 7])
def test_a_batched_sweep_gives_the_per_cell_bits(surface, spec, x, y, chunk, monkeypatch):
    """A sweep's cells run as one batch with per-cell hyperparameters: every array equals, bit for bit, one
    Runner per cell, also when the steps go in several compiled calls (``chunk`` steps each)."""
    s = get_surface(surface)
    job = SweepJob(s, spec, tuple(s.start), Axis(x[0], x[1], x[2], 11, log=x[3]), Axis(y[0], y[1], y[2], 7,
                   log=y[3]), steps=240, tol=1e-6)  # fmt: skip
    if chunk is not None:
        monkeypatch.setattr(maps, "_SWEEP_CHUNK", chunk * 11 * 7)
    batched = maps._sweep_batched(job, 0, 7)
    if batched is None:
        assert disabled()  # only the NumPy engine (GRADIENT_ARENA_NO_JIT) has no batched path
        return
    reference = job.tile_per_cell(0, 7)
    assert set(batched) == set(reference)
    for key, want in reference.items():
        assert batched[key].dtype == want.dtype
        np.testing.assert_array_equal(batched[key], want, err_msg=key)
    assert len(set(np.unique(reference["status"]))) >= 1 and np.isfinite(reference["final_loss"]).any()


def test_a_sweep_without_compiled_kernels_runs_per_cell():
    s = get_surface("linear_regression")  # NumPy closures over its data: no compiled kernels
    job = SweepJob(s, "adam", tuple(s.start), Axis("lr", 1e-3, 1.0, 5, log=True), Axis("beta1", 0.0, 0.9, 4), steps=50)
    assert maps._sweep_batched(job, 0, 4) is None
    np.testing.assert_array_equal(job.tile(0, 4)["final_loss"], job.tile_per_cell(0, 4)["final_loss"])


def test_a_batched_sweep_refuses_a_cell_the_optimizer_refuses():
    s = get_surface("ill_conditioned")
    job = SweepJob(s, "sgd:momentum=0.5,nesterov=true", tuple(s.start), Axis("lr", 1e-3, 1.0, 4, log=True),
                   Axis("momentum", 0.0, 0.9, 4), steps=10)  # fmt: skip
    with pytest.raises(ValueError, match="nesterov=true needs momentum > 0"):
        job.tile(0, 4)  # the first row has momentum 0, as a Runner for that cell says

"""The optimizers added for issue 14: they step on the NumPy path (the compiled path refuses
them cleanly), race beside compiled racers, and follow their textbook rules."""

from __future__ import annotations

import numpy as np
import pytest

from arena import Race, RaceConfig, RacerConfig
from engine import OPTIMIZERS, Runner, fast, simulate
from engine.fast.plan import FAMILIES, family_of, plan_for
from surfaces import get_surface

#: registered optimizers the compiled path does not cover
NUMPY_ONLY = [name for name in OPTIMIZERS if name not in FAMILIES]


def test_the_compiled_path_refuses_optimizers_it_has_no_rule_for():
    assert {"rprop", "asgd", "adafactor", "adabelief", "yogi", "qhadam", "schedulefree_adamw", "lbfgs"} <= set(
        NUMPY_ONLY
    )
    surface = get_surface("himmelblau")
    for name in NUMPY_ONLY:
        assert family_of(OPTIMIZERS[name]) is None
        runner = Runner(surface, name, start=(0.0, 0.0), max_steps=5)
        assert plan_for(runner) is None and runner._fast_run is None
        assert runner.advance(5) >= 1 and not runner.fast  # (lr=1 schedule-free SGD diverges fast)


@pytest.mark.skipif(fast.disabled(), reason="GRADIENT_ARENA_NO_JIT=1")
def test_a_numpy_racer_races_beside_compiled_racers_with_the_numbers_of_a_run_alone():
    config = RaceConfig(
        surface="rosenbrock",
        start=(-1.5, 2.0),
        steps=200,
        racers=[
            RacerConfig("adam", {"lr": 0.02}),
            RacerConfig("rprop"),
            RacerConfig("momentum"),
            RacerConfig("adafactor", {"lr": 0.05}),
            RacerConfig("qhadam", {"lr": 0.02, "nu1": 0.7}),
        ],
    )
    race = Race(config)
    assert fast.wait_for(race.runners[0]._fast_run.kernels, 600)
    while not race.done:
        race.advance(37)
    adam, rprop, momentum, adafactor, qhadam = race.runners
    assert adam.fast and momentum.fast, "the compiled racers took the compiled path"
    assert not rprop.fast and not adafactor.fast and not qhadam.fast
    surface = get_surface("rosenbrock")
    for runner, spec in (
        (rprop, "rprop"),
        (adafactor, "adafactor:lr=0.05"),
        (qhadam, "qhadam:lr=0.02,nu1=0.7"),
        (adam, "adam:lr=0.02"),
    ):
        alone = simulate(surface, spec, start=(-1.5, 2.0), steps=200)
        rec = runner.record()
        assert rec.steps == 200
        assert rec.positions.tobytes() == alone.positions.tobytes(), spec
        assert rec.effective_lr.tobytes() == alone.effective_lr.tobytes(), spec


# ------------------------------------------------------------------ textbook behaviour


def test_rprop_grows_its_step_while_the_sign_holds_and_skips_after_a_flip():
    """On f = x^2 + y^2 from far away: sign(g) holds, so the step grows by etaplus each step
    (until step_size_max); after the minimum is overshot the step halves and that step is skipped."""
    surface = get_surface("sphere")
    run = simulate(surface, "rprop:lr=0.01,step_size_max=1", start=(3.0, -2.0), steps=40)
    steps = np.abs(np.diff(run.positions, axis=0))
    # while going downhill: s_t = 0.01 * 1.2^t (clamped at 1), for both coordinates
    np.testing.assert_allclose(steps[:10], np.outer(0.01 * 1.2 ** np.arange(10), [1, 1]), rtol=1e-12)
    g = run.gradients
    flips = np.nonzero(np.sign(g[1:-1, 0]) * np.sign(g[:-2, 0]) < 0)[0] + 1  # g at row t flipped vs t-1
    assert len(flips) > 0
    for t in flips[:1]:  # (a flip right after a skipped step compares with prev = 0: no skip)
        assert steps[t, 0] == 0.0, "the step after a sign flip is skipped"
        assert run.effective_lr[t + 1, 0] == 0.0


def test_asgd_step_size_and_average_follow_their_formulas():
    surface = get_surface("himmelblau")
    lr, lambd, alpha, t0 = 0.01, 0.5, 0.75, 20.0
    spec = f"asgd:lr={lr},lambd={lambd},alpha={alpha},t0={t0}"
    run = simulate(surface, spec, start=(0.0, 0.0), steps=60)
    t = np.arange(1, 61)
    eta = np.concatenate([[lr], lr / (1 + lambd * lr * t[:-1]) ** alpha])  # the step size of step t
    np.testing.assert_allclose(run.effective_lr[1:, 0], eta, rtol=1e-14)
    # theta_t = theta_{t-1} (1 - lambd eta) - eta g_{t-1}
    pred = run.positions[:-1] * (1 - lambd * eta[:, None]) - eta[:, None] * run.gradients[:-1]
    np.testing.assert_allclose(run.positions[1:], pred, rtol=1e-13)
    # the average: mu of step t is 1 / max(1, t - 1 - t0), so ax = theta up to step t0 + 2 and from
    # then on the mean of the iterates theta_{t0+2} .. theta_t
    from engine.inspect import inspect_step

    seen = inspect_step(surface, spec, start=(0.0, 0.0), step=60)
    np.testing.assert_allclose(seen.state_after["ax"], run.positions[int(t0) + 2 :].mean(axis=0), rtol=1e-12)


def test_adafactor_step_is_relative_to_the_parameters_size():
    """Adafactor's step scales with RMS(theta): the same gradients from a start twice as far out
    (on a surface where that gives the same gradient: a plane) take steps twice as long."""

    class Plane:
        domain = ((-100.0, 100.0), (-100.0, 100.0))

        def f(self, p):
            return 3.0 * p[..., 0] - 2.0 * p[..., 1]

        def grad(self, p):
            return np.broadcast_to(np.array([3.0, -2.0]), np.shape(p)).copy()

    near = simulate(Plane(), "adafactor:lr=0.5", start=(0.6, 0.8), steps=1)
    far = simulate(Plane(), "adafactor:lr=0.5", start=(1.2, 1.6), steps=1)
    d_near = near.positions[1] - near.positions[0]
    d_far = far.positions[1] - far.positions[0]
    np.testing.assert_allclose(d_far, 2 * d_near, rtol=1e-14)
    # step 1: v = g^2, u = sign(g), RMS(u) = 1 <= d: the step is rho * RMS(theta) = 0.5 * 1/sqrt(2) per coordinate
    np.testing.assert_allclose(d_near, -0.5 * (1 / np.sqrt(2)) * np.array([1, -1]), rtol=1e-14)


def test_schedule_free_sgd_path_is_y_between_the_gradient_steps_z_and_their_average_x():
    """Defazio et al.'s three sequences, from the run's own gradients: z_t = z_{t-1} - lr g(y_{t-1}),
    x_t = the mean of z_1..z_t (c_t = 1/t with a constant lr and r = 0), y_t = (1 - β) z_t + β x_t;
    the racer's recorded path is y (where its gradients are taken)."""
    lr, beta, steps = 0.01, 0.8, 50
    surface = get_surface("himmelblau")
    run = simulate(surface, f"schedulefree_sgd:lr={lr},momentum={beta}", start=(0.0, 0.0), steps=steps)
    z = np.zeros(2) - lr * np.cumsum(run.gradients[:-1], axis=0)  # z_1 .. z_steps
    x = np.cumsum(z, axis=0) / np.arange(1, steps + 1)[:, None]
    np.testing.assert_allclose(run.positions[1:], (1 - beta) * z + beta * x, rtol=1e-12, atol=1e-13)
    from engine.inspect import inspect_step

    seen = inspect_step(surface, f"schedulefree_sgd:lr={lr},momentum={beta}", start=(0.0, 0.0), step=steps)
    np.testing.assert_allclose(seen.state_after["x"], x[-1], rtol=1e-12)
    np.testing.assert_allclose(seen.state_after["z"], z[-1], rtol=1e-12)


def _golden_cases(name):
    import json
    from pathlib import Path

    return json.loads((Path(__file__).parent / "golden" / f"{name}.json").read_text())["cases"]


@pytest.mark.parametrize("case", _golden_cases("lbfgs"), ids=lambda c: c["id"])
def test_lbfgs_counts_its_function_evaluations_as_torch_does(case):
    """torch's state["func_evals"] after each optimizer.step(closure) (the golden file) is the
    engine's func_evals after each racer step; evals is that step's share."""
    from engine.inspect import inspect_step

    surface = get_surface(case["surface"])
    for step in (1, 2, 3, 7):
        seen = inspect_step(surface, "lbfgs", case["hyperparams"], start=case["start"], step=step)
        assert seen.state_after["func_evals"] == case["func_evals"][step - 1]
        assert seen.state_after["evals"] == case["func_evals"][step - 1] - (
            case["func_evals"][step - 2] if step > 1 else 0
        )


# ------------------------------------------------------------ line-search methods (Nocedal & Wright)


def _quadratic():
    """½ wᵀ A w with A = R diag(1, 25) Rᵀ, rotated 30°: a non-diagonal, ill-conditioned quadratic."""
    return get_surface("ill_conditioned", kappa=25.0, angle=30.0)


@pytest.mark.parametrize("name", ["cg_fr", "cg_pr"])
def test_cg_ends_on_a_quadratic_in_n_steps_with_an_exact_line_search(name):
    """Linear CG's finite termination (N&W §5.1): n = 2 steps. With c2 tiny, the strong Wolfe
    search is exact on a quadratic (its cubic interpolation is exact), and FR and PR β both equal
    linear CG's there. One step is not enough (the start is not on an eigen-direction)."""
    surface = _quadratic()
    start = (3.0, -2.0)
    run = simulate(surface, f"{name}:c2=1e-8", start=start, steps=3)
    g0 = np.linalg.norm(run.gradients[0])
    assert np.linalg.norm(run.gradients[1]) > 1e-3 * g0
    assert np.linalg.norm(run.gradients[2]) < 1e-9 * g0
    np.testing.assert_allclose(run.positions[2], [0.0, 0.0], atol=1e-8)
    # the second direction is A-conjugate to the first (the defining property)
    d1, d2 = np.diff(run.positions[:3], axis=0)
    A = surface.hessian(np.zeros((1, 2)))[0]
    assert abs(d1 @ A @ d2) < 1e-9 * np.linalg.norm(d1) * np.linalg.norm(d2) * np.linalg.norm(A)


def test_bfgs_ends_on_a_quadratic_in_n_plus_one_steps_and_learns_the_inverse_hessian():
    """With exact line searches BFGS on a quadratic gives conjugate directions and, after n = 2
    updates, H = A^{-1} (the quadratic termination of BFGS): the third step is Newton's."""
    from engine.inspect import inspect_step

    surface = _quadratic()
    start = (3.0, -2.0)
    spec = "bfgs:c2=1e-8,scale_h0=false"
    run = simulate(surface, spec, start=start, steps=4, tol=None)
    g0 = np.linalg.norm(run.gradients[0])
    assert np.linalg.norm(run.gradients[1]) > 1e-3 * g0
    assert np.linalg.norm(run.gradients[3]) < 1e-9 * g0
    A = surface.hessian(np.zeros((1, 2)))[0]
    H = inspect_step(surface, spec, start=start, step=2).state_after["H"]
    np.testing.assert_allclose(H, np.linalg.inv(A), rtol=1e-6, atol=1e-9)


def test_armijo_condition_holds_at_every_accepted_step_and_the_step_is_the_first_that_passes():
    """Backtracking (N&W Algorithm 3.1): α ∈ {lr, ρ lr, ρ² lr, ...} is the first that gives
    f(θ − α g) <= f(θ) − c1 α |g|²; α/ρ (when tried) did not."""
    surface = get_surface("rosenbrock")
    lr, c1, rho = 1.0, 1e-4, 0.5
    run = simulate(surface, f"gd_armijo:lr={lr},c1={c1},rho={rho}", start=(-1.5, 2.0), steps=80)
    f, g, alpha = run.losses, run.gradients, run.effective_lr[1:, 0]
    gg = (g[:-1] ** 2).sum(axis=1)
    assert (f[1:] <= f[:-1] - c1 * alpha * gg).all(), "Armijo's sufficient decrease"
    k = np.log(alpha / lr) / np.log(rho)
    np.testing.assert_allclose(k, np.round(k), atol=1e-9)
    for t in np.nonzero(alpha < lr)[0][:20]:
        bigger = alpha[t] / rho
        trial = surface.f((run.positions[t] - bigger * g[t])[None])[0]
        assert trial > f[t] - c1 * bigger * gg[t]
    np.testing.assert_array_equal(run.positions[1:], run.positions[:-1] - alpha[:, None] * g[:-1])


# ------------------------------------------------------------------------------ Lookahead


def test_lookahead_follows_its_inner_optimizer_and_pulls_back_every_k_steps():
    """Up to step k-1 the racer is its inner optimizer; at step k it lands at slow + alpha (fast - slow)
    with slow the start; any registered optimizer can be the inner one (here RMSprop, whose own
    alpha is written inner_alpha)."""
    surface = get_surface("himmelblau")
    k, alpha = 4, 0.3
    la = simulate(
        surface, f"lookahead:inner=rmsprop,k={k},alpha={alpha},lr=0.01,inner_alpha=0.9", start=(0, 0), steps=k
    )
    inner = simulate(surface, "rmsprop:lr=0.01,alpha=0.9", start=(0, 0), steps=k)
    np.testing.assert_array_equal(la.positions[:k], inner.positions[:k])
    np.testing.assert_allclose(la.positions[k], alpha * inner.positions[k], rtol=1e-15)  # slow = the start (0, 0)
    assert la.label == f"lookahead:inner=rmsprop,inner_alpha=0.9,k={k},alpha={alpha}"  # lr=0.01: the default


@pytest.mark.parametrize(
    "spec",
    [
        "lookahead",
        "lookahead:inner=lion,lr=0.01,k=3",
        "lookahead:inner=lbfgs,strong_wolfe=true",
        "lookahead_newton:k=2",
    ],
)
def test_lookahead_specs_round_trip_and_race_in_a_session(spec, tmp_path):
    from arena.session import load_session, save_session
    from engine.spec import format_optimizer_spec, parse_racer_spec

    opt, hp, _ = parse_racer_spec(spec)
    text = format_optimizer_spec(opt.name, hp)
    assert text.startswith("lookahead:inner=")
    again, hp2, _ = parse_racer_spec(text)
    assert again is opt and hp2 == hp
    changed = {key: value for key, value in hp.items() if value != opt.defaults[key]}
    config = RaceConfig(surface="himmelblau", start=(0.0, 0.0), steps=20, racers=[RacerConfig(opt.name, changed)])
    save_session(tmp_path / "s.json", config)
    loaded = load_session(tmp_path / "s.json")
    assert loaded.racers[0].optimizer == opt.name and loaded.racers[0].resolved() == hp
    race = Race(loaded)
    race.advance(20)
    rec = race.records()[0]
    assert rec.steps == 20 and np.isfinite(rec.positions).all()


def test_lookahead_refuses_an_unknown_or_nested_inner_optimizer():
    from engine.spec import parse_racer_spec

    for spec in ("lookahead:inner=nope", "lookahead:inner=lookahead_adam", "lookahead_lookahead_sgd"):
        with pytest.raises(ValueError, match="unknown"):
            parse_racer_spec(spec)
    assert "lookahead_rmsprop" in OPTIMIZERS and "lookahead_rmsprop" not in list(OPTIMIZERS)

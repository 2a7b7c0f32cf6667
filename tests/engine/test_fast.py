"""The compiled path (engine.fast) gives the NumPy path's bits on every optimizer and objective,
stops runs by the same rules, and switches over mid-run without a seam."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from fractions import Fraction

import numpy as np
import pytest

from engine import OPTIMIZERS, Runner, fast
from engine.fast.plan import FAMILIES
from engine.optimizers.newton import modified_inverse
from surfaces import SURFACES

from . import protocol_objectives as po

pytestmark = pytest.mark.skipif(fast.disabled(), reason="GRADIENT_ARENA_NO_JIT=1")

#: the optimizers the compiled path covers (the others step on NumPy: see test_optimizers_without_a_family_*)
COMPILED = [name for name in OPTIMIZERS if name in FAMILIES]
VARIANTS = [
    *COMPILED,
    "sgd:lr=0.001,weight_decay=0.1",
    "momentum:dampening=0.3",
    "nesterov:lr=0.0005,weight_decay=0.01",
    "adagrad:lr_decay=0.01,initial_accumulator_value=0.5,weight_decay=0.1",
    "rmsprop:centered=true,momentum=0.5,weight_decay=0.01",
    "adadelta:weight_decay=0.1,rho=0.5",
    "adam:weight_decay=0.1,lr=0.01",
    "amsgrad:lr=0.02",
    "adamw:weight_decay=0.5,lr=0.01",
    "nadam:decoupled_weight_decay=true,weight_decay=0.1",
    "radam:decoupled_weight_decay=true,weight_decay=0.1,beta2=0.99",
    "adamax:weight_decay=0.1",
    "newton:saddle_free=false,damping=0.5",
    "newton:lr=0.5,damping=1e-3",
    "lion:lr=0.003,weight_decay=0.1",
    "lion:lr=0.003,weight_decay=0.1,fixed_decay=true,beta1=0.8",
    "lion:lr=0.003,weight_decay=0.1,weight_decouple=false,schedule=cosine,T_max=50",
    "qhm:lr=0.001,momentum=0.9,nu=0.7",
    "qhm:lr=0.001,momentum=0.9,nu=0.7,weight_decay=0.1,weight_decouple=true",
    "qhm:lr=0.001,momentum=0.5,weight_decay=0.1,weight_decouple=true,fixed_decay=true",
    "qhm:lr=0.001,momentum=0.8,nu=0.5,weight_decay=0.1",
    "sgd:lr=0.001,schedule=cosine,T_max=50",
    "adam:lr=0.05,schedule=step,step_size=30,gamma=0.5",
]


@pytest.fixture(scope="module", autouse=True)
def jit():
    assert fast.wait(600), fast.load_error()


def _make(objective_name, use_fast):
    if objective_name in po.NAMES:
        return po.make(objective_name, fast=use_fast)
    surface = SURFACES[objective_name].build()
    if not use_fast:  # the same surface without its compiled kernels: the NumPy path
        surface = dataclasses.replace(surface, scalar_kernels=None)
    return surface


def _pair(objective_name, spec, start=None, steps=300, **kw):
    out = []
    for use_fast in (True, False):
        obj = _make(objective_name, use_fast)
        if use_fast:
            assert fast.wait_for(obj.scalar_kernels, 600), fast.prepare_error(obj.scalar_kernels)
        runner = Runner(obj, spec, start=start, max_steps=steps, **kw)
        runner.advance(steps // 3)
        runner.advance(steps)
        out.append(runner)
    assert out[0].fast and not out[1].fast, (getattr(out[0], "fast_error", None), out[0]._fast_run, fast.disabled())
    return out


def assert_same(a: Runner, b: Runner):
    ra, rb = a.record(), b.record()
    assert ra.steps == rb.steps
    np.testing.assert_array_equal(ra.status_all, rb.status_all)
    np.testing.assert_array_equal(ra.steps_taken_all, rb.steps_taken_all)
    for name in ("final_positions", "final_losses", "final_gradients", "positions_all", "losses_all",
                 "gradients_all", "effective_lr_all", "lrs_all"):  # fmt: skip
        x, y = getattr(ra, name), getattr(rb, name)
        if x is None:
            assert y is None
            continue
        assert x.tobytes() == y.tobytes(), (name, np.argwhere(~((x == y) | (np.isnan(x) & np.isnan(y))))[:3])


def _objectives(spec):
    names = [n for n in po.NAMES if n != "wave"]
    if "newton" in spec:
        names = [n for n in names if po.make(n).scalar_kernels.hessian is not None]
    return names


@pytest.mark.parametrize("spec", VARIANTS)
def test_fast_path_is_bit_identical(spec):
    for name in _objectives(spec):
        assert_same(*_pair(name, spec))


COMPILED_SURFACES = [name for name, d in SURFACES.items() if d.build().scalar_kernels is not None]
#: kept on the NumPy path, and why (the closing note of issue 10 and surfaces/kernels.py say the same)
NUMPY_ONLY = {
    "ackley": "NumPy's vectorised exp/expm1 round differently from the C library's",
    "easom": "NumPy's vectorised exp rounds differently from the C library's",
    "linear_regression": "fitted to data (closures over the data's statistics)",
    "logistic_regression": "fitted to data (a sum over the data points)",
}


def test_every_analytic_surface_has_compiled_kernels_cached_on_disk():
    from engine.fast.callbacks import _source

    assert sorted(set(SURFACES) - set(COMPILED_SURFACES)) == sorted(NUMPY_ONLY)
    for name in COMPILED_SURFACES:
        kernels = SURFACES[name].build().scalar_kernels
        assert _source(kernels, len(kernels.params)) is not None, f"{name}: kernels not importable, so not cached"


@pytest.mark.parametrize("name", COMPILED_SURFACES)
def test_every_surface_and_optimizer_gives_the_numpy_bits(name):
    surface = SURFACES[name].build()
    (x0, x1), (y0, y1) = surface.domain
    starts = np.array([surface.start, (x0 + 0.3 * (x1 - x0), y0 + 0.7 * (y1 - y0))])
    for spec in VARIANTS:
        if spec.startswith("newton") and surface.scalar_kernels.hessian is None:
            continue
        assert_same(*_pair(name, spec, start=starts, steps=120, tol=1e-8))


@pytest.mark.parametrize("spec", ["sgd:lr=0.01", "adam:lr=0.05", "rmsprop", "newton"])
def test_batches_stops_and_final_mode_are_identical(spec):
    starts = np.array([[-1.5, 2.0], [0.5, 0.5], [1.0, 1.0], [3.0, -0.9], [1e8, 1.0], [np.nan, 0.0], [-1.0, 1.0]])
    for record in ("full", "final"):
        a, b = _pair("rosenbrock", spec, start=starts, steps=400, tol=1e-3, record=record)
        assert_same(a, b)
    a, b = _pair("rosenbrock", "sgd:lr=0.01", start=(-1.5, 2.0), steps=50, tol=None)
    assert a.record().status == "diverged"  # lr too large on Rosenbrock: runs away, then non-finite
    assert_same(a, b)


def test_switching_to_the_fast_path_mid_run_is_seamless():
    for spec in ("adam", "nadam", "momentum", "rmsprop:centered=true,momentum=0.9"):
        obj = po.make("rosenbrock")
        assert fast.wait_for(obj.scalar_kernels, 600)
        a = Runner(obj, spec, max_steps=200)
        a._fast_run, run = None, a._fast_run
        a.advance(57)  # NumPy path
        a._fast_run = run
        a.advance(200)
        b = Runner(po.make("rosenbrock", fast=False), spec, max_steps=200)
        b.advance(200)
        assert a.fast
        assert_same(a, b)


def test_transcendental_kernels():
    """exp, sin, cos: numba calls libm, NumPy its own SIMD loops on AVX2 machines for some of them.
    Differences, if any, are at most a few ulp per evaluation."""
    a, b = _pair("wave", "adam:lr=0.01", steps=200)
    pa, pb = a.record().positions, b.record().positions
    np.testing.assert_allclose(pa, pb, rtol=1e-12, atol=1e-14)


def _race(monkeypatch, use_fast):
    from arena.config import RaceConfig, RacerConfig
    from arena.race import Race

    monkeypatch.setattr(RaceConfig, "build_surface", lambda self: po.make("rosenbrock", fast=use_fast))
    racers = [RacerConfig(name) for name in ("sgd", "momentum", "adam", "radam", "nadam", "newton", "rmsprop")]
    racers.append(RacerConfig("sgd", {"lr": 0.01}))  # diverges
    racers.append(RacerConfig("adam", {"lr": 0.02}, options={"noise": 0.1}))  # noisy: its own NumPy path
    racers.append(RacerConfig("adam", {"lr": 0.02}, options={"schedule": "exponential", "gamma": 0.99}))
    return Race(RaceConfig(surface="rosenbrock", start=(-1.5, 2.0), steps=400, tol=1e-6, racers=racers))


def test_race_steps_its_racers_in_one_call_with_the_numpy_bits(monkeypatch):
    assert fast.wait_for(po.make("rosenbrock").scalar_kernels, 600)
    fast_race, numpy_race = _race(monkeypatch, True), _race(monkeypatch, False)
    for race in (fast_race, numpy_race):
        race.advance(3)
        while not race.done:
            race.advance(50)
    assert fast_race._batch is not None and len(fast_race._batch.runs) == 9
    assert [r.fast for r in fast_race.runners] == [True] * 8 + [False, True]
    for a, b in zip(fast_race.runners, numpy_race.runners):
        assert_same(a, b)
    assert {r.record().status for r in fast_race.runners} >= {"diverged", "converged"}


# ------------------------------------------------------------------- Newton's split


def _exact_modified_inverse(h, damping, saddle_free):
    """M^+ of a float 2x2 symmetric matrix in exact rationals (eigenvalues via the exact discriminant,
    the square root to 60 digits)."""
    from decimal import Decimal, getcontext

    getcontext().prec = 80
    a, b, c = (Fraction(v) for v in (h[0, 0], 0.5 * (h[0, 1] + h[1, 0]), h[1, 1]))
    mean, hd = (a + c) / 2, (a - c) / 2
    disc = hd * hd + b * b
    r = Fraction(Decimal(disc.numerator) / Decimal(disc.denominator)).limit_denominator(10**70)
    r = Fraction((Decimal(r.numerator) / Decimal(r.denominator)).sqrt())
    out = np.zeros(3)
    lams = [mean + r, mean - r]
    if r == 0:
        vecs = [(Fraction(1), Fraction(0)), (Fraction(0), Fraction(1))]
    else:
        vecs = [(b, lam - a) if b != 0 else ((1, 0) if lam == a else (0, 1)) for lam in lams]
    M = [[Fraction(0)] * 2 for _ in range(2)]
    for lam, (u, v) in zip(lams, vecs):
        u, v = Fraction(u), Fraction(v)
        n2 = u * u + v * v
        m = (abs(lam) if saddle_free else lam) + Fraction(damping)
        inv = 1 / m
        M[0][0] += inv * u * u / n2
        M[0][1] += inv * u * v / n2
        M[1][1] += inv * v * v / n2
    out[:] = float(M[0][0]), float(M[0][1]), float(M[1][1])
    return out


@pytest.mark.parametrize("angle", [0.0, 1e-3, 0.3, np.pi / 4, 2.0])
@pytest.mark.parametrize("cond", [1e6, 1e10, 1e11])  # beyond 1e12 the pseudo-inverse drops lam_lo (SINGULAR_RTOL)
@pytest.mark.parametrize("saddle_free", [True, False])
def test_newton_split_is_accurate_when_ill_conditioned(angle, cond, saddle_free):
    ca, sa = np.cos(angle), np.sin(angle)
    R = np.array([[ca, -sa], [sa, ca]])
    H = R @ np.diag([cond, 1.0]) @ R.T
    H = 0.5 * (H + H.T)
    got = np.array([v[0] for v in modified_inverse(H[None], 0.0, saddle_free)])
    exact = _exact_modified_inverse(H, 0.0, saddle_free)
    scale = np.abs(exact).max()
    np.testing.assert_allclose(got, exact, rtol=1e-9, atol=1e-12 * scale)
    w, V = np.linalg.eigh(H)
    ref = V @ np.diag(1 / (np.abs(w) if saddle_free else w)) @ V.T
    np.testing.assert_allclose(got, ref[[0, 0, 1], [0, 1, 1]], rtol=1e-5, atol=1e-9 * scale)
    # the compiled twin gives the same bits
    from engine.fast import kernel

    twin = kernel.modified_inverse(H[0, 0], H[0, 1], H[1, 0], H[1, 1], 0.0, saddle_free, 1e-12)
    assert np.array(twin).tobytes() == got.tobytes()


def test_compiled_newton_split_matches_numpy_on_random_hessians():
    from engine.fast import kernel

    rng = np.random.default_rng(1)
    A = rng.normal(size=(2000, 2, 2)) * 10.0 ** rng.uniform(-8, 8, size=(2000, 1, 1))
    H = A + A.transpose(0, 2, 1)
    H[:50, 0, 1] = H[:50, 1, 0] = 0.0
    H[50:60] = 0.0
    for damping, sf in ((0.0, True), (0.1, False), (1e-3, True)):
        got = np.stack(modified_inverse(H, damping, sf), 1)
        twin = np.array([kernel.modified_inverse(h[0, 0], h[0, 1], h[1, 0], h[1, 1], damping, sf, 1e-12) for h in H])
        assert twin.tobytes() == got.tobytes()


# --------------------------------------------------------------- switches and cache


def test_no_jit_env_forces_the_numpy_path():
    code = (
        "import sys; sys.path.insert(0, 'tests/engine'); import protocol_objectives as po; from engine import Runner;"
        "r = Runner(po.make('rosenbrock'), 'adam', max_steps=10); r.advance(10**6);"
        "assert not r.fast and 'numba' not in sys.modules"
    )
    env = dict(os.environ, GRADIENT_ARENA_NO_JIT="1")
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=root)


def test_cache_dir_falls_back_to_a_user_dir_when_the_package_is_read_only(tmp_path, monkeypatch):
    from engine.fast import loader

    monkeypatch.delenv("NUMBA_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(loader, "_writable", lambda d: str(d).startswith(str(tmp_path)))
    import numba.core.config as config

    old = config.CACHE_DIR
    try:
        assert loader.configure_cache() == str(tmp_path / "gradient-arena" / "numba")
    finally:
        config.CACHE_DIR = old
        os.environ.pop("NUMBA_CACHE_DIR", None)


def test_a_budget_changed_mid_race_holds_on_the_fast_path():
    """Race.set_budget (the window's Budget field) reaches the compiled step table: a race stopped at
    its budget goes on when the budget grows and stops at a shorter one, with the NumPy path's bits."""
    from arena.config import RaceConfig, RacerConfig
    from arena.race import Race

    surface = SURFACES["rosenbrock"].build()
    assert fast.wait_for(surface.scalar_kernels, 600)

    def race(budgets, use_fast):
        cfg = RaceConfig(surface="rosenbrock", start=(-1.5, 2.0), steps=budgets[0],
                         racers=[RacerConfig("adam"), RacerConfig("sgd", {"lr": 1e-4})])  # fmt: skip
        if not use_fast:
            cfg.build_surface = lambda: dataclasses.replace(surface, scalar_kernels=None)  # type: ignore[method-assign]
        r = Race(cfg)
        for budget in budgets:
            r.set_budget(budget)
            while not r.done:
                r.advance(7)
        return r

    a, b = race([40, 95, 60], True), race([40, 95, 60], False)
    assert a._batch is not None and all(r.fast for r in a.runners)
    assert [r.steps for r in a.runners] == [95, 95]
    for x, y in zip(a.runners, b.runners):
        assert_same(x, y)


def test_generated_kernel_modules_do_not_pile_up(tmp_path, monkeypatch):
    """Each edit of a surface's source makes a new generated module (its name carries a hash of the
    sources); older versions of the same kernel set are deleted with their numba cache files, keeping
    the most recently used ones, and modules named the old way go once unused for a week."""
    import time

    from engine.fast import callbacks, loader

    monkeypatch.setattr(loader, "kernels_dir", lambda: tmp_path)
    kernels = SURFACES["rosenbrock"].build().scalar_kernels
    name, path, _, prefix = callbacks._where(kernels, None)
    monkeypatch.delitem(sys.modules, name, raising=False)  # loaded from the real cache by an earlier test
    cache = tmp_path / "__pycache__"
    cache.mkdir()
    old = [tmp_path / f"{prefix}{i:016x}.py" for i in range(4)]
    legacy = [tmp_path / f"ga_kernels_{i:020x}.py" for i in range(2)]
    for age, file in enumerate(old + legacy):
        file.write_text("# an older version\n")
        (cache / f"{file.stem}.value_and_grad-20.py311.nbi").write_text("index")
        stamp = time.time() - 3600 * (age + 1) - (8 * 24 * 3600 if file in legacy[:1] else 0)
        os.utime(file, (stamp, stamp))
    other = tmp_path / "ga_kernels_0123456789_0123456789abcdef.py"  # another kernel set: kept
    other.write_text("# another surface\n")
    with callbacks._lock:
        module = callbacks.generated_module(kernels)
    assert module.__name__ == name and path.exists()
    left = sorted(p.name for p in tmp_path.glob("*.py"))
    keep = callbacks.KEEP_VERSIONS - 1  # the new one plus the most recently used older ones
    assert left == sorted([path.name, other.name, legacy[1].name] + [p.name for p in old[:keep]])
    assert sorted(p.name.split(".")[0] for p in cache.glob("*.nbi") if not p.name.startswith(name)) == sorted(
        [legacy[1].stem] + [p.stem for p in old[:keep]]
    )


def test_the_compiled_tolerance_test_decides_as_hypot_does():
    """The step loop tests |g| <= tol with |g|^2 against tol^2 and asks hypot only near the edge: the same
    decision as the NumPy path (np.hypot) on edges, denormals, huge and zero tolerances."""

    from engine.fast.kernel import _within

    rng = np.random.default_rng(0)
    cases = [(0.0, 0.0, 0.0), (5e-324, 0.0, 0.0), (3e-310, 4e-310, 5e-310), (1e200, 1e200, 1.79e308),
             (3.0, 4.0, 5.0), (3.0, 4.0, np.nextafter(5.0, 0)), (1e-160, 1e-160, 1.5e-160)]  # fmt: skip
    for tol in (1e-6, 1.0, 1e155, 1e-150, 5e-324):
        g = rng.normal(size=(500, 2)) * tol
        with np.errstate(all="ignore"):  # tol = 5e-324: some g underflow to 0 (0/0 gives NaN cases, kept)
            edge = g / np.hypot(g[:, 0], g[:, 1])[:, None] * tol  # |g| = tol, up to rounding
        cases += [(a, b, tol) for a, b in np.concatenate([g, edge, edge * (1 + 1e-16), edge * (1 - 1e-16)])]
    for gx, gy, tol in cases:
        assert _within(gx, gy, tol) == (np.hypot(gx, gy) <= tol), (gx, gy, tol)  # as the NumPy path decides


def test_hold_loading_puts_off_new_loads_unless_someone_waits():
    """A window drawing a surface switch holds the loader threads back (hold_loading): a load asked for
    meanwhile waits without the GIL until the hold is over, and at once for a caller that waits for it."""
    import threading
    import time

    import engine.fast as fast_mod

    fast_mod.hold_loading(30.0)
    try:
        waited = threading.Event()
        worker = threading.Thread(target=lambda: (fast_mod._quiet(), waited.set()), daemon=True)
        t0 = time.monotonic()
        worker.start()
        assert not waited.wait(0.3)  # held
        with fast_mod._urgent():  # what wait() and wait_for() do
            assert waited.wait(5.0)
        assert time.monotonic() - t0 < 10.0
    finally:
        fast_mod._quiet_until = 0.0
    t0 = time.monotonic()
    fast_mod._quiet()  # no hold: no wait
    assert time.monotonic() - t0 < 0.05


def test_numba_formats_its_messages_without_touching_the_standard_streams():
    """numba formats the messages of the typing attempts it drops while compiling; with colorama installed
    (pyqtgraph needs it) it does so inside colorama's init/deinit, which assign sys.stdout and sys.stderr.
    From the background compile that put back pytest's stream while a CLI called in-process had redirected
    stdout, and the CLI's output was lost (CI). engine.fast makes numba use its plain scheme."""
    code = (
        "import sys, engine.fast\n"
        "from numba.core import errors\n"
        "scheme = errors.termcolor()\n"
        "print(type(scheme).__name__, scheme.errmsg('x') == 'x')\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_DISABLE_ERROR_MESSAGE_HIGHLIGHTING"}
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, env=env, timeout=120)
    assert res.returncode == 0, res.stderr
    assert res.stdout.split() == ["NOPColorScheme", "True"]

"""Typed formulas on the compiled path: the same bits as on NumPy for every optimizer family (one run
alone, a switch mid-run, many runs on the blocked lane loop), and the generated kernel modules cached
by formula (the same formula finds its module again without SymPy; two formulas never share one)."""

from __future__ import annotations

import dataclasses
import sys

import numpy as np
import pytest

from engine import Runner, fast
from engine.fast import callbacks
from surfaces import formula, formula_kernels
from surfaces.formula import build_formula_surface

from .test_fast import COMPILED, assert_same

pytestmark = pytest.mark.skipif(fast.disabled(), reason="GRADIENT_ARENA_NO_JIT=1")

# polynomials, trigonometry, parameters, square roots, and the functions NumPy's vectorised loops round
# differently from the C library (exp, log, tan, the hyperbolic and inverse functions, real powers)
FORMULAS = [
    "formula:x**2/20 + y**2",
    "formula:(1 - x)**2 + c*(y - x**2)**2; c=100; x=-2..2; y=-1..3",
    "formula:x**4 - 3*x**2*y + y**4/3 + x*y**3/7 - x**5/40 + 2; x=-3..3; y=-3..3",
    "formula:sin(x)*cos(y) + 0.1*(x**2 + y**2)",
    "formula:a*sin(b*x)**2 + cos(x*y)/(2 + y**2) + 0.05*x**2; a=1.5, b=0.7",
    "formula:sqrt(1 + x**2 + y**2) + sqrt((x - 1)**2 + 0.1)*y**2 - 1/sqrt(4 + x**2)",
    "formula:exp(-(x**2 + y**2)/s)*tanh(x) + log(1 + x**2 + y**2); s=2.5",
    "formula:cosh(x/3) + sinh(y/4)*atan(x*y) + asinh(x - y) + 2**(x/3) + (x**2 + 1)**-2",
    "formula:abs(x - 0.5) + y**n + tan(x/4)*arcsin(y/6) + arccos(x/7); n=4",
    "formula:x**2.5/(1 + y**2) + y**2 - pi*e*x; x=0.5..4",
]


def _runner_pair(surface, spec, **kw):
    numpy = dataclasses.replace(surface, scalar_kernels=None)
    out = []
    for obj in (surface, numpy):
        runner = Runner(obj, spec, **kw)
        runner.advance(20)
        runner.advance(kw.get("max_steps", 100))
        out.append(runner)
    assert out[0].fast and not out[1].fast, getattr(out[0], "fast_error", None)
    return out


@pytest.mark.parametrize("text", FORMULAS, ids=range(len(FORMULAS)))
def test_a_formula_races_on_the_compiled_path_with_the_numpy_bits(text):
    surface = build_formula_surface(text)
    assert surface.numpy_only is None and surface.scalar_kernels is not None
    assert fast.wait_for(surface.scalar_kernels, 600), fast.prepare_error(surface.scalar_kernels)
    (x0, x1), (y0, y1) = surface.domain
    starts = np.array([surface.start, (x0 + 0.3 * (x1 - x0), y0 + 0.7 * (y1 - y0)), (x1, y0)])
    for spec in [*COMPILED, "newton:saddle_free=false,damping=0.5", "adam:lr=0.05,schedule=cosine,T_max=40"]:
        assert_same(*_runner_pair(surface, spec, start=starts, max_steps=100, tol=1e-8))


def test_a_formula_switches_to_the_compiled_path_mid_run_bit_for_bit():
    surface = build_formula_surface(FORMULAS[6])
    assert fast.wait_for(surface.scalar_kernels, 600)
    for spec in ("adam", "rmsprop:centered=true,momentum=0.9", "newton"):
        a = Runner(surface, spec, max_steps=150)
        a._fast_run, run = None, a._fast_run  # as if the kernels were still being built
        a.advance(41)
        a._fast_run = run
        a.advance(150)
        b = Runner(dataclasses.replace(surface, scalar_kernels=None), spec, max_steps=150)
        b.advance(150)
        assert a.fast
        assert_same(a, b)


def test_many_runs_on_a_formula_take_the_blocked_lane_loop_with_the_numpy_bits():
    from engine.fast.lanes import MIN_LANES

    surface = build_formula_surface(FORMULAS[7])
    (x0, x1), (y0, y1) = surface.domain
    starts = np.random.default_rng(3).uniform([x0, y0], [x1, y1], size=(MIN_LANES + 9, 2))
    starts[:3] = [(1e8, 1.0), (np.nan, 0.0), surface.start]
    assert fast.wait_for(surface.scalar_kernels, 600)
    spec = "adam:lr=0.05"
    fam = Runner(surface, spec, start=starts, record="final")._fast_run.fam
    assert fast.lanes_for(surface.scalar_kernels, fam, timeout=600) is not None, fast.lanes_error(
        surface.scalar_kernels, fam
    )
    a, b = _runner_pair(surface, spec, start=starts, max_steps=60, tol=1e-6, record="final")
    assert a._fast_run.batch.blocked_calls >= 1
    assert_same(a, b)


# ------------------------------------------------------------------------ the kernel cache


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A fresh formula cache, and no formula module or surface of an earlier test in memory."""
    monkeypatch.setattr(formula_kernels, "cache_dir", lambda: tmp_path)
    formula._build.cache_clear()
    for name in [n for n in sys.modules if n.startswith("ga_formula_")]:
        monkeypatch.delitem(sys.modules, name)
    yield tmp_path
    formula._build.cache_clear()


def _module_of(surface):
    return sys.modules[surface.scalar_kernels.value_and_grad.__module__]


def test_the_same_formula_reuses_its_kernels_and_two_formulas_never_share_them(cache):
    a = build_formula_surface("formula:x**2 + a*y**2 + sin(x*y); a=1")
    same = build_formula_surface("formula:x**2  +  a * y**2 + sin(x*y);  a=3; x=-2..2")  # spaces, value, domain
    other = build_formula_surface("formula:x**2 + a*y**2 + sin(x*y) + x; a=1")
    renamed = build_formula_surface("formula:x**2 + b*y**2 + sin(x*y); b=1")
    assert _module_of(same) is _module_of(a)
    assert callbacks.key_of(same.scalar_kernels) == callbacks.key_of(a.scalar_kernels)
    assert same.scalar_kernels.params == (3.0,) and a.scalar_kernels.params == (1.0,)
    modules = {_module_of(s).__name__ for s in (a, other, renamed)}
    assert len(modules) == 3
    assert sorted(p.stem for p in cache.glob("*.py")) == sorted(modules)
    keys = {callbacks.key_of(s.scalar_kernels) for s in (a, other, renamed)}
    assert len(keys) == 3  # three sets of compiled callbacks
    names = {callbacks._where(s.scalar_kernels, None)[0] for s in (a, other, renamed)}
    assert len(names) == 3  # in three generated callback modules
    # a parameter in an exponent is a number in the kernels: each value its own module
    assert _module_of(build_formula_surface("formula:x**n + y**2; n=4")) is not _module_of(
        build_formula_surface("formula:x**n + y**2; n=6")
    )


def test_a_formula_built_before_is_loaded_from_the_cache_without_sympy(cache, monkeypatch):
    text = "formula:exp(-x**2 - y**2/k) + 0.1*x**2 + 0.1*y**2; k=2"
    first = build_formula_surface(text)
    probe = np.array([[0.3, -0.7], [1.5, 2.0]])
    expected = [first.value_and_grad(probe)[0], first.grad(probe), first.hessian(probe)]
    (path,) = cache.glob("*.py")
    # a new process: nothing in memory; the derivatives must not be taken again
    formula._build.cache_clear()
    monkeypatch.delitem(sys.modules, path.stem)

    def no_sympy(*args, **kwargs):
        raise AssertionError("SymPy differentiated a formula whose kernels are cached")

    monkeypatch.setattr(formula, "_derivatives", no_sympy)
    again = build_formula_surface(text)
    assert _module_of(again).__file__ == str(path)
    for want, got in zip(expected, [again.value_and_grad(probe)[0], again.grad(probe), again.hessian(probe)]):
        assert want.tobytes() == got.tobytes()
    assert [m.point for m in again.minima] == [m.point for m in first.minima]


def test_a_damaged_cached_module_is_written_again(cache):
    text = "formula:x**2 + 3*y**2"
    build_formula_surface(text)
    (path,) = cache.glob("*.py")
    path.write_text(path.read_text()[:200])  # cut short (a full disk, a crash mid-write)
    formula._build.cache_clear()
    del sys.modules[path.stem]
    surface = build_formula_surface(text)
    assert "def hessian(" in path.read_text()
    assert surface.f(np.array([1.0, 1.0])) == 4.0


# ---------------------------------------------------------------- any formula of the grammar

hypothesis = pytest.importorskip("hypothesis")
st = hypothesis.strategies

_ATOMS = st.sampled_from(["x", "y", "a", "1", "2.5", "0.1", "3", "pi", "e"])
_FUNCTIONS = ["sin", "cos", "tan", "exp", "log", "sqrt", "abs", "tanh", "sinh", "cosh", "atan", "asin", "acos", "asinh"]


def _grow(children):
    unary = st.builds(lambda f, c: f"{f}({c})", st.sampled_from(_FUNCTIONS), children)
    binary = st.builds(lambda lhs, op, rhs: f"({lhs} {op} {rhs})", children, st.sampled_from("+-*/"), children)
    exponent = st.sampled_from(["2", "3", "-1", "-2", "0.5", "-0.5", "1.5", "n", "y", "(x/3)"])
    power = st.builds(lambda c, n: f"({c})**{n}", children, exponent)
    base = st.builds(lambda b, c: f"{b}**({c})", st.sampled_from(["2", "4", "0.5", "10", "e", "a"]), children)
    return unary | binary | power | base | st.builds(lambda c: f"-{c}", children)


GRAMMAR = st.recursive(_ATOMS, _grow, max_leaves=7)
_POINTS = np.concatenate(
    [
        np.random.default_rng(11).uniform(-3, 3, size=(300, 2)),
        [[0.0, 0.0], [-0.0, 1.0], [1.0, -1.0], [30.0, -700.0], [800.0, 2.0], [1e-300, 1e300], [np.nan, 1.0]],
        [[np.inf, 0.5], [-np.inf, 2.0], [0.5, 1.0], [-1.0, 0.0], [3.0, 3.0]],
    ]
)


@hypothesis.settings(max_examples=25, deadline=None)
@hypothesis.given(GRAMMAR)
def test_the_compiled_kernels_of_any_formula_give_the_numpy_bits(text):
    """Random formulas of every function, power and constant base: numba's compilation of the generated
    kernels gives, point by point, the bits NumPy gives on arrays, infinities and zeros with their signs.

    A nan is a nan: where two nans of opposite signs meet (``x**y * log(x)`` at x < 0) the result keeps
    one of them, and which one depends on the order the compiler puts the operands in (LLVM does not
    keep nan signs); the run is marked diverged either way."""
    try:
        surface = build_formula_surface(f"formula:{text} + 0*x; a=0.75, n=2.5")
    except formula.FormulaError:
        hypothesis.assume(False)
        return
    kernels = surface.scalar_kernels
    hypothesis.assume(kernels is not None)  # (-1)**y: complex derivatives, NumPy only (tested below)
    vg = callbacks.jit_kernel(kernels.value_and_grad, error_model="numpy", fastmath=False)
    hs = callbacks.jit_kernel(kernels.hessian, error_model="numpy", fastmath=False)
    xs, ys = _POINTS[:, 0], _POINTS[:, 1]
    consts = [np.array(v) for v in kernels.params]
    with np.errstate(all="ignore"):
        numpy = [
            np.broadcast_to(np.asarray(v, dtype=np.float64), xs.shape) for v in kernels.value_and_grad(xs, ys, *consts)
        ]
        numpy += [np.broadcast_to(np.asarray(v, dtype=np.float64), xs.shape) for v in kernels.hessian(xs, ys, *consts)]
    compiled = np.array([[*vg(x, y, *kernels.params), *hs(x, y, *kernels.params)] for x, y in _POINTS]).T
    for i, (want, got) in enumerate(zip(numpy, compiled)):
        bad = np.flatnonzero((want.view(np.int64) != got.view(np.int64)) & ~(np.isnan(want) & np.isnan(got)))
        assert not bad.size, (text, i, _POINTS[bad[:3]], want[bad[:3]], got[bad[:3]])


def test_a_formula_with_complex_derivatives_stays_on_numpy_and_says_why():
    """d/dy (-1)**y = i pi (-1)**y: the kernels compute real numbers only, so this formula keeps to the
    NumPy path (as before: the real part) and the surface says why (the Surface dock shows it)."""
    surface = build_formula_surface("formula:(-1)**y + x**2")
    assert surface.scalar_kernels is None and "complex" in surface.numpy_only
    runner = Runner(surface, "adam", start=(1.0, 2.0), max_steps=5)
    runner.advance(5)
    assert not runner.fast and runner.steps == 5


def test_a_constant_too_large_for_a_float_keeps_the_formula_on_numpy_with_the_reason():
    # found by the random-formula test: the printer's message formatted the huge constant and crashed
    surface = build_formula_surface("formula:2**(exp(4**3)) + 0*x")
    assert "too large for a float" in surface.numpy_only

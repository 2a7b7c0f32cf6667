"""Learning-rate schedules reproduce torch.optim.lr_scheduler: golden sequences
made by tests/engine/golden/make_schedule_golden.py (torch's optimizer lr read
before every optimizer.step())."""

import json
import math
from itertools import islice
from pathlib import Path

import numpy as np
import pytest

from engine.hyperparams import HyperparameterError
from engine.schedules import (
    SCHEDULES,
    Schedule,
    format_schedule_spec,
    get_schedule,
    iter_lrs,
    parse_schedule_spec,
    resolve_schedule,
    schedule_lrs,
)

GOLDEN = json.loads((Path(__file__).parent / "golden" / "schedules.json").read_text())
CASES = GOLDEN["cases"]
# schedules whose torch arithmetic is only +, -, *, / (correctly rounded on every
# platform): bit-for-bit equality is required. The cosine ones go through libm's
# cos, which may differ by an ulp between platforms: 1e-12 relative there.
NO_LIBM = {"constant", "step", "exponential", "linear"}


# ------------------------------------------------------------------- golden
@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_schedule_matches_torch(case):
    got = schedule_lrs(case["schedule"], case["base_lr"], case["steps"], case["params"])
    expected = np.array(case["lrs"], dtype=float)
    assert got.shape == expected.shape == (case["steps"],) and got.dtype == np.float64
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=0)
    if case["schedule"] in NO_LIBM:
        np.testing.assert_array_equal(got, expected)  # exact, not just close


def test_golden_file_is_from_torch_and_small():
    assert GOLDEN["torch_version"].count(".") >= 1
    assert (Path(__file__).parent / "golden" / "schedules.json").stat().st_size < 200_000
    assert len({c["id"] for c in CASES}) == len(CASES)


def test_every_schedule_has_golden_cases_with_full_params():
    assert {c["schedule"] for c in CASES} == set(SCHEDULES)
    for c in CASES:
        assert set(c["params"]) == {p.name for p in SCHEDULES[c["schedule"]].params}, c["id"]
        assert resolve_schedule(c["schedule"], c["params"]) == c["params"]


def test_default_cases_use_the_registry_defaults():
    """The generator's copy of the defaults (e.g. LinearLR's 1/3) is the registry's."""
    defaults = {c["schedule"]: c["params"] for c in CASES if "-default-" in c["id"]}
    assert set(defaults) == set(SCHEDULES)
    for name, params in defaults.items():
        assert params == SCHEDULES[name].defaults, name
    assert SCHEDULES["linear"].defaults["start_factor"] == 1.0 / 3


def test_every_parameter_is_exercised_with_a_non_default_value():
    for name, s in SCHEDULES.items():
        covered = {k for c in CASES if c["schedule"] == name for k, v in c["params"].items() if v != s.defaults[k]}
        assert covered == {p.name for p in s.params}, name
    assert len({c["base_lr"] for c in CASES}) >= 2


def test_golden_cases_cover_the_edge_cases():
    cos = [c for c in CASES if c["schedule"] == "cosine"]
    assert any(c["steps"] > 2 * c["params"]["T_max"] for c in cos)  # past T_max, climbing back up
    wc = [c["params"]["warmup_steps"] for c in CASES if c["schedule"] == "warmup_cosine"]
    assert 0 in wc and any(w > 0 for w in wc)
    assert any(c["params"]["total_iters"] == 0 for c in CASES if c["schedule"] == "linear")


# ------------------------------------------------------------------- semantics
@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_a_longer_sequence_starts_with_the_shorter_one(case):
    name, lr, params = case["schedule"], case["base_lr"], case["params"]
    long = schedule_lrs(name, lr, 1000, params)
    for n in (0, 1, 2, 7, 100, 299, 300):
        np.testing.assert_array_equal(schedule_lrs(name, lr, n, params), long[:n])
    np.testing.assert_array_equal(np.fromiter(islice(iter_lrs(name, lr, params), 1000), float), long)


@pytest.mark.parametrize("lr", [0.1, 1e-3, 3.0])
def test_constant_is_base_lr_everywhere(lr):
    np.testing.assert_array_equal(schedule_lrs("constant", lr, 500), np.full(500, lr))


def test_shapes_and_defaults():
    assert schedule_lrs("cosine", 0.1, 0).shape == (0,)
    lrs = schedule_lrs("step", 0.1, 61)  # defaults step_size=30, gamma=0.1
    assert lrs[0] == lrs[29] == 0.1 and lrs[30] == lrs[59] == 0.1 * 0.1 and lrs[60] == 0.1 * 0.1 * 0.1
    lrs = schedule_lrs("linear", 0.3, 10)  # 1/3, 1, 5: 0.1 ... 0.3 at step 6
    assert lrs[0] == pytest.approx(0.1) and lrs[5] == pytest.approx(0.3) and np.all(lrs[5:] == lrs[5])


def test_cosine_shape():
    T, eta = 40, 1e-3
    lrs = schedule_lrs("cosine", 0.1, 2 * T + 1, {"T_max": T, "eta_min": eta})
    assert lrs[0] == 0.1
    assert lrs[T] == pytest.approx(eta, rel=1e-12)  # the step T_max + 1 uses eta_min
    assert lrs[2 * T] == pytest.approx(0.1, rel=1e-12)  # and goes back up (no restart, no stop)
    assert np.all(np.diff(lrs[: T + 1]) < 0) and np.all(np.diff(lrs[T:]) > 0)


def test_warmup_cosine_shape():
    W, T, eta, s = 20, 50, 1e-3, 0.05
    lrs = schedule_lrs("warmup_cosine", 0.1, W + T + 1, dict(warmup_steps=W, T_max=T, eta_min=eta, start_factor=s))
    assert lrs[0] == pytest.approx(0.1 * s, rel=1e-15)
    np.testing.assert_allclose(lrs[:W], 0.1 * (s + (1 - s) * np.arange(W) / W), rtol=1e-13)
    assert lrs[W] == pytest.approx(0.1, rel=1e-15)  # the cosine starts at the base lr
    assert lrs[W + T] == pytest.approx(eta, rel=1e-12)
    closed = eta + (0.1 - eta) * (1 + np.cos(np.pi * np.arange(T + 1) / T)) / 2
    np.testing.assert_allclose(lrs[W:], closed, rtol=1e-12)


def test_warmup_cosine_without_warmup_is_cosine():
    for T, eta in ((1, 0.0), (17, 0.002), (100, 0.0)):
        np.testing.assert_array_equal(
            schedule_lrs("warmup_cosine", 0.05, 400, dict(warmup_steps=0, T_max=T, eta_min=eta, start_factor=0.3)),
            schedule_lrs("cosine", 0.05, 400, dict(T_max=T, eta_min=eta)),
        )


def test_long_cosine_stays_on_the_closed_form():
    T = 10_000
    lrs = schedule_lrs("cosine", 0.1, 3 * T, {"T_max": T, "eta_min": 1e-4})
    e = np.arange(3 * T)
    closed = 1e-4 + (0.1 - 1e-4) * (1 + np.cos(np.pi * e / T)) / 2
    assert np.all(np.isfinite(lrs)) and np.max(np.abs(lrs - closed)) < 1e-12


# ------------------------------------------------------------------ validation
def test_unknown_schedule():
    with pytest.raises(
        ValueError,
        match=r"unknown schedule 'x'; valid schedules: "
        r"constant, step, exponential, cosine, linear, warmup_cosine$",
    ):
        resolve_schedule("x", {})
    for call in (lambda: schedule_lrs("cos", 0.1, 5), lambda: get_schedule(None), lambda: iter_lrs("", 0.1)):
        with pytest.raises(HyperparameterError, match="unknown schedule") as err:
            call()
        assert err.value.key == "schedule"


def test_unknown_key_names_it_and_lists_valid_keys():
    with pytest.raises(
        HyperparameterError,
        match=r"unknown parameter 'T_mx' for schedule cosine; "
        r"valid: T_max, eta_min",
    ) as err:
        resolve_schedule("cosine", {"T_mx": 5})
    assert err.value.key == "T_mx"
    with pytest.raises(HyperparameterError, match=r"'gamma' for schedule constant; valid: none"):
        schedule_lrs("constant", 0.1, 3, {"gamma": 0.5})


@pytest.mark.parametrize(
    "name,key,value,rule",
    [
        ("cosine", "T_max", 0, ">= 1"),
        ("cosine", "T_max", -3, ">= 1"),
        ("warmup_cosine", "T_max", 0, ">= 1"),
        ("step", "gamma", 0, r"in \(0, 1\]"),
        ("step", "gamma", 1.5, r"in \(0, 1\]"),
        ("exponential", "gamma", 0.0, r"in \(0, 1\]"),
        ("step", "step_size", 0, ">= 1"),
        ("step", "step_size", 2.5, "whole number >= 1"),
        ("cosine", "eta_min", -1e-3, ">= 0"),
        ("warmup_cosine", "eta_min", -0.1, ">= 0"),
        ("linear", "start_factor", 0, r"in \(0, 1\]"),
        ("warmup_cosine", "start_factor", 0.0, r"in \(0, 1\]"),
        ("linear", "end_factor", 1.01, r"in \[0, 1\]"),
        ("linear", "total_iters", -1, ">= 0"),
        ("warmup_cosine", "warmup_steps", -1, ">= 0"),
        ("cosine", "eta_min", math.nan, ">= 0"),
        ("cosine", "T_max", True, "number"),
        ("exponential", "gamma", "0.9", "number"),
    ],
)
def test_out_of_range_values_name_the_key(name, key, value, rule):
    with pytest.raises(HyperparameterError, match=rf"{name} schedule {key}=.*must be .*{rule}") as err:
        resolve_schedule(name, {key: value})
    assert err.value.key == key
    with pytest.raises(ValueError, match=key):
        schedule_lrs(name, 0.1, 10, {key: value})


def test_values_are_converted():
    p = resolve_schedule("warmup_cosine", {"warmup_steps": np.int64(5), "T_max": 20.0, "eta_min": np.float32(0)})
    assert p == {"warmup_steps": 5, "T_max": 20, "eta_min": 0.0, "start_factor": 0.01}
    assert type(p["T_max"]) is int and type(p["warmup_steps"]) is int and type(p["eta_min"]) is float
    assert resolve_schedule("step") == {"step_size": 30, "gamma": 0.1}


@pytest.mark.parametrize("bad", [0, -0.1, math.inf, math.nan, "0.1", None, True])
def test_bad_base_lr(bad):
    with pytest.raises(HyperparameterError, match="lr"):
        schedule_lrs("cosine", bad, 10)


@pytest.mark.parametrize("bad", [-1, 2.5, 3.0, True, None])
def test_bad_steps(bad):
    with pytest.raises(ValueError, match="steps"):
        schedule_lrs("constant", 0.1, bad)


# ----------------------------------------------------------------- registry
def test_registry_descriptions():
    expected = {
        "constant": [],
        "step": ["step_size", "gamma"],
        "exponential": ["gamma"],
        "cosine": ["T_max", "eta_min"],
        "linear": ["start_factor", "end_factor", "total_iters"],
        "warmup_cosine": ["warmup_steps", "T_max", "eta_min", "start_factor"],
    }
    assert {n: [p.name for p in s.params] for n, s in SCHEDULES.items()} == expected
    for name, s in SCHEDULES.items():
        assert isinstance(s, Schedule) and s.name == name and s.title and s.summary and s.formula
        assert "\n" not in s.summary
        assert s.torch_equivalent.startswith("torch.optim.lr_scheduler.") or name == "constant"
        for p in s.params:
            assert p.kind in ("int", "float") and p.doc
            assert p.check(p.default) == p.default  # defaults are valid
            assert type(p.default) is (int if p.kind == "int" else float)


# -------------------------------------------------------------------- specs
def test_spec_round_trip():
    s, p = parse_schedule_spec(" warmup_cosine : warmup_steps=20, T_max=280,eta_min=1e-4 ")
    assert s is SCHEDULES["warmup_cosine"]
    assert p == {"warmup_steps": 20, "T_max": 280, "eta_min": 1e-4, "start_factor": 0.01}
    text = format_schedule_spec("warmup_cosine", p)
    assert text == "warmup_cosine:warmup_steps=20,T_max=280,eta_min=0.0001"
    assert parse_schedule_spec(text)[1] == p
    assert format_schedule_spec("cosine", resolve_schedule("cosine")) == "cosine"
    assert format_schedule_spec("cosine", {}, only_changed=False) == "cosine"
    assert parse_schedule_spec("constant") == (SCHEDULES["constant"], {})
    with pytest.raises(ValueError, match="nothing after ':'"):  # the one spec grammar: ':' needs a setting
        parse_schedule_spec("step:")


@pytest.mark.parametrize(
    "spec,key,message",
    [
        ("cosin", "schedule", "unknown schedule 'cosin'"),
        ("cosine:T_max=0", "T_max", "cosine schedule T_max=0: must be >= 1"),
        ("cosine:tmax=5", "tmax", "unknown parameter 'tmax' for schedule cosine; valid: T_max, eta_min"),
        ("step:gamma=abc", "gamma", "step schedule gamma='abc': must be a number in"),
        ("step:gamma", "gamma", "setting 'gamma' in schedule spec 'step:gamma' has no '='"),
        ("step:gamma=0.5,gamma=0.2", "gamma", "gamma is given twice"),
        ("step:step_size=1.5", "step_size", "must be a whole number >= 1"),
    ],
)
def test_spec_errors(spec, key, message):
    with pytest.raises(HyperparameterError) as err:
        parse_schedule_spec(spec)
    assert message in str(err.value) and err.value.key == key


def test_runner_applies_the_schedule_and_records_it():
    """A scheduled racer uses (and records) lr_t = schedule_lrs(...)[t-1] at every step,
    and its effective learning rate follows it."""
    from engine import simulate
    from surfaces import get_surface

    surface = get_surface("rosenbrock")
    for spec, name, params in [
        (
            "momentum:lr=0.0005,schedule=warmup_cosine,warmup_steps=10,T_max=90",
            "warmup_cosine",
            {"warmup_steps": 10, "T_max": 90},
        ),
        ("adam:lr=0.02,schedule=step,step_size=25,gamma=0.5", "step", {"step_size": 25, "gamma": 0.5}),
    ]:
        run = simulate(surface, spec, start=(-1.5, 2.0), steps=100)
        base = 0.0005 if name == "warmup_cosine" else 0.02
        expected = schedule_lrs(name, base, 100, params)
        np.testing.assert_array_equal(run.lrs[1:], expected)
        if spec.startswith("momentum"):
            np.testing.assert_array_equal(run.effective_lr[1:, 0], expected)
    constant = simulate(surface, "adam:lr=0.02", start=(-1.5, 2.0), steps=20)
    np.testing.assert_array_equal(constant.lrs[1:], 0.02)

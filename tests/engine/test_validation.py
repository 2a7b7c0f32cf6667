"""Bad hyperparameters are refused before any step runs, with a message naming
the hyperparameter and its allowed range; valid ones never raise during a run."""

import math
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import OPTIMIZERS, HyperparameterError, Runner, parse_optimizer_spec, resolve_hyperparams, simulate
from surfaces import get_surface

ROSENBROCK = get_surface("rosenbrock")


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_defaults_validate(name):
    assert resolve_hyperparams(name) == OPTIMIZERS[name].defaults


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_nonpositive_lr_refused(name):
    for lr in (0.0, -0.1):
        with pytest.raises(ValueError, match=r"lr=.*must be > 0"):
            resolve_hyperparams(name, {"lr": lr})


@pytest.mark.parametrize("name", [n for n, o in OPTIMIZERS.items() if any(p.name == "beta1" for p in o.hyperparams)])
@pytest.mark.parametrize("key", ["beta1", "beta2"])
@pytest.mark.parametrize("value", [-0.1, 1.0, 1.5])
def test_beta_outside_unit_interval_refused(name, key, value):
    # [0, 1) everywhere; (0, 1) where the reference refuses 0 (schedule-free AdamW's beta1)
    with pytest.raises(ValueError, match=rf"{key}=.*must be in [\[(]0, 1\)"):
        resolve_hyperparams(name, {key: value})


@pytest.mark.parametrize("name", [n for n, o in OPTIMIZERS.items() if any(p.name == "eps" for p in o.hyperparams)])
def test_negative_eps_refused(name):
    with pytest.raises(ValueError, match=r"eps=.*must be >= 0"):
        resolve_hyperparams(name, {"eps": -1e-8})


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_unknown_hyperparameter_lists_valid_ones(name):
    with pytest.raises(ValueError, match=r"unknown hyperparameter 'bogus' for .*valid: lr"):
        resolve_hyperparams(name, {"bogus": 1})


@pytest.mark.parametrize("value", ["0.1", None, [0.1], True])
def test_wrong_type_for_number_refused(value):
    with pytest.raises(ValueError, match=r"lr=.*must be a number > 0"):
        resolve_hyperparams("adam", {"lr": value})


@pytest.mark.parametrize("value", [1, 0.0, "true", None])
def test_wrong_type_for_bool_refused(value):
    with pytest.raises(ValueError, match=r"amsgrad=.*must be true or false"):
        resolve_hyperparams("adam", {"amsgrad": value})


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_non_finite_refused(value):
    with pytest.raises(ValueError, match=r"lr="):
        resolve_hyperparams("sgd", {"lr": value})


def test_nesterov_needs_momentum_and_no_dampening():
    with pytest.raises(ValueError, match=r"nesterov=true needs momentum > 0"):
        resolve_hyperparams("sgd", {"nesterov": True})
    with pytest.raises(ValueError, match=r"nesterov=true needs dampening = 0"):
        resolve_hyperparams("nesterov", {"dampening": 0.1})
    with pytest.raises(ValueError, match=r"nesterov=true needs momentum > 0"):
        resolve_hyperparams("nesterov", {"momentum": 0.0})
    assert resolve_hyperparams("sgd", {"nesterov": True, "momentum": 0.5})["nesterov"] is True


def test_unknown_optimizer_lists_valid_ones():
    with pytest.raises(ValueError, match=r"unknown optimizer 'adamm'; valid optimizers: sgd, momentum"):
        parse_optimizer_spec("adamm:lr=0.1")


@pytest.mark.parametrize(
    "spec,match",
    [
        ("adam:lr", r"setting 'lr' in optimizer spec 'adam:lr' has no '='"),
        ("adam:lr=abc", r"adam lr='abc': must be a number > 0"),
        ("adam:amsgrad=maybe", r"amsgrad='maybe': must be true or false"),
        ("adam:lr=0.1,lr=0.2", r"lr is given twice"),
        ("adam:", r"nothing after ':'"),
        (":lr=1", r"has no name before ':'"),
        ("adam:lr=0.1,,", r"empty setting between commas"),
        ("adam:lr=0.1,", r"empty setting between commas"),
        ("adam:lr=0.1\n", r"contains a newline"),
        ("adam:lr=0.1\tbeta1=0.8", r"contains a tab"),
        ("adam:lr=", r"setting 'lr' in optimizer spec 'adam:lr=' has no value"),
    ],
)
def test_malformed_specs(spec, match):
    with pytest.raises(ValueError, match=match):
        parse_optimizer_spec(spec)


def test_spec_reads_types_from_registry():
    opt, hp = parse_optimizer_spec("sgd:lr=1e-3,momentum=0.9,nesterov=true")
    assert opt.name == "sgd" and hp["lr"] == 1e-3 and hp["momentum"] == 0.9 and hp["nesterov"] is True


def test_errors_are_raised_before_any_step():
    with pytest.raises(ValueError):
        Runner(ROSENBROCK, "adam:lr=-1", start=(0, 0), max_steps=10)


def test_error_carries_key_and_reason():
    with pytest.raises(HyperparameterError) as info:
        resolve_hyperparams("adam", {"beta2": 1.0})
    assert info.value.key == "beta2" and info.value.reason == "must be in [0, 1)"


def _valid_value(param):
    if param.kind == "bool":
        return st.booleans()
    lo = param.low if param.low > -math.inf else -10.0
    hi = min(param.high, param.gui_max or 10.0, 10.0)
    if param.kind == "int":
        return st.integers(math.floor(lo) + param.low_open, math.ceil(hi) - 1)
    return st.floats(
        lo, hi, exclude_min=param.low_open, exclude_max=param.high_open or param.high > hi, allow_nan=False
    )


@st.composite
def optimizer_and_hyperparams(draw):
    name = draw(st.sampled_from(list(OPTIMIZERS)))
    hp = {}
    for p in OPTIMIZERS[name].hyperparams:
        if draw(st.booleans()):
            hp[p.name] = draw(_valid_value(p))
    if hp.get("nesterov", OPTIMIZERS[name].defaults.get("nesterov")):
        hp["dampening"] = 0.0
        if hp.get("momentum", OPTIMIZERS[name].defaults["momentum"]) <= 0:
            hp["momentum"] = 0.5
    return name, hp


@settings(max_examples=150, deadline=None)
@given(optimizer_and_hyperparams(), st.tuples(st.floats(-2, 2), st.floats(-1, 3)))
def test_any_valid_combination_runs_without_raising_or_warning(choice, start):
    name, hp = choice
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        run = simulate(ROSENBROCK, name, start=start, steps=40, tol=1e-12, **hp)
    assert run.status in ("running", "converged", "diverged")
    assert len(run.positions) == run.steps_taken + 1
    assert not caught, [str(w.message) for w in caught]


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_every_optimizer_documents_its_rule_and_effective_lr_once(name):
    """The rule and the effective learning rate shown to users come from the module docstring."""
    opt = OPTIMIZERS[name]
    assert "theta = theta" in opt.rule
    assert opt.effective_lr and "``" not in opt.effective_lr
    assert all(line in opt.doc for line in opt.rule.splitlines())
    for p in opt.hyperparams:
        assert p.doc, f"{name}.{p.name} has no doc"


def test_no_hyperparameter_is_named_like_a_racer_option():
    """A spec key is either a hyperparameter or a racer option, never both (both live in one spec)."""
    from engine.options import option_keys

    for name, opt in OPTIMIZERS.items():
        assert not {p.name for p in opt.hyperparams} & set(option_keys()), name

"""The surface registry: names, parameters, error messages shown to users, specs, and the
Surface object's contract (immutability, equality, pickling, import hygiene)."""

from __future__ import annotations

import copy
import math
import pickle
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import surfaces
from specs import Param, ParamError, SpecError
from surfaces import SURFACES, Surface, SurfaceDef, get_surface, parse_surface_spec

NAMES = list(SURFACES)
PROJECT_ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", NAMES)
def test_entries_describe_themselves(name):
    definition = SURFACES[name]
    assert isinstance(definition, SurfaceDef)
    assert definition.name == name
    surface = definition.build()
    assert isinstance(surface, Surface)
    assert (surface.name, surface.title, surface.formula, surface.description) == (
        definition.name,
        definition.title,
        definition.formula,
        definition.description,
    )
    for text in (definition.title, definition.formula, definition.description):
        assert text and text == text.strip() and "\n" not in text
    assert definition.description[0].islower() and not definition.description.endswith(".")
    assert surface.params == definition.defaults
    assert get_surface(name) == surface
    for param in definition.params:
        assert isinstance(param, Param)
        assert param.kind in ("float", "int") and param.doc
        assert not (param.low_open or param.high_open)
        assert param.low <= param.default <= param.high


def test_ill_conditioned_parameters():
    kappa, angle = SURFACES["ill_conditioned"].params
    assert (kappa.name, kappa.default, kappa.low, kappa.high, kappa.kind) == ("kappa", 50.0, 1.0, 1e6, "float")
    assert (angle.name, angle.default, angle.low, angle.high, angle.kind) == ("angle", 30.0, -180.0, 180.0, "float")
    assert get_surface("ill_conditioned").params == {"kappa": 50.0, "angle": 30.0}
    assert get_surface("ill_conditioned", angle=-10).params == {"kappa": 50.0, "angle": -10.0}
    with_params = {"ill_conditioned", "linear_regression", "logistic_regression"}
    assert all(not SURFACES[name].params for name in NAMES if name not in with_params)


def test_ill_conditioned_kappa_100_angle_45():
    surface = get_surface("ill_conditioned", kappa=100, angle=45)
    hess = surface.hessian(np.array([0.3, -2.0]))
    values, vectors = np.linalg.eigh(hess)
    np.testing.assert_allclose(values, [1.0, 100.0], rtol=1e-12)
    along = vectors[:, 0] * np.sign(vectors[0, 0])  # the eigenvector of curvature 1
    np.testing.assert_allclose(np.degrees(np.arctan2(along[1], along[0])), 45.0, atol=1e-9)
    # and f = ½ wᵀ A w
    w = np.array([1.0, 1.0]) / math.sqrt(2.0)
    assert surface.f(w) == pytest.approx(0.5)
    assert surface.f(np.array([-1.0, 1.0]) / math.sqrt(2.0)) == pytest.approx(50.0)


# --- error messages shown to users ----------------------------------------------------------------

ALL_NAMES = ", ".join(NAMES)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: get_surface("foo"), f"unknown surface 'foo'; valid surfaces: {ALL_NAMES}"),
        (lambda: get_surface(""), "unknown surface ''; valid surfaces: sphere, elongated_bowl, "),
        (lambda: get_surface(3), "surface name must be a string, got 3"),
        (
            lambda: get_surface("ill_conditioned", kapa=3),
            "unknown parameter 'kapa' for surface 'ill_conditioned'; valid parameters: kappa, angle",
        ),
        (
            lambda: get_surface("rosenbrock", kappa=3),
            "unknown parameter 'kappa' for surface 'rosenbrock', which takes no parameters",
        ),
        (
            lambda: get_surface("ill_conditioned", kappa=0.5),
            "ill_conditioned kappa=0.5: must be in [1, 1000000]",
        ),
        (
            lambda: get_surface("ill_conditioned", kappa=2e6),
            "ill_conditioned kappa=2000000.0: must be in [1, 1000000]",
        ),
        (
            lambda: get_surface("ill_conditioned", angle=-180.5),
            "ill_conditioned angle=-180.5: must be in [-180, 180]",
        ),
        (
            lambda: get_surface("ill_conditioned", kappa="100"),
            "ill_conditioned kappa='100': must be a number in [1, 1000000]",
        ),
        (
            lambda: get_surface("ill_conditioned", kappa=None),
            "ill_conditioned kappa=None: must be a number in [1, 1000000]",
        ),
        (
            lambda: get_surface("ill_conditioned", kappa=True),
            "ill_conditioned kappa=True: must be a number in [1, 1000000]",
        ),
        (
            lambda: get_surface("ill_conditioned", kappa=np.bool_(True)),
            "ill_conditioned kappa=np.True_: must be a number in [1, 1000000]",
        ),
        (
            lambda: get_surface("ill_conditioned", kappa=10**400),
            "ill_conditioned kappa=an integer of 401 digits: is too large: must be in [1, 1000000]",
        ),
        (
            lambda: get_surface("ill_conditioned", kappa=[3]),
            "ill_conditioned kappa=[3]: must be a number in [1, 1000000]",
        ),
        (
            lambda: get_surface("ill_conditioned", kappa=float("nan")),
            "ill_conditioned kappa=nan: is not a finite number: must be in [1, 1000000]",
        ),
        (
            lambda: get_surface("ill_conditioned", angle=float("-inf")),
            "ill_conditioned angle=-inf: is not a finite number: must be in [-180, 180]",
        ),
    ],
)
def test_get_surface_errors(call, message):
    with pytest.raises(ValueError, match="^" + _escape(message)) as error:
        call()
    assert "\n" not in str(error.value) and str(error.value)[0].islower()


def _escape(text: str) -> str:
    import re

    return re.escape(text)


def test_get_surface_accepts_numpy_and_integral_values():
    surface = get_surface("ill_conditioned", kappa=np.float32(100.0), angle=np.int64(45))
    assert surface.params == {"kappa": 100.0, "angle": 45.0}
    assert all(type(v) is float for v in surface.params.values())
    assert get_surface("ill_conditioned", kappa=1, angle=180) == get_surface("ill_conditioned", kappa=1.0, angle=180.0)
    assert get_surface("  Rosenbrock ") == get_surface("rosenbrock")


def test_int_parameters():
    param = Param("degree", "int", 2, "a test parameter", low=1, high=5)
    assert param.check(3, "poly") == 3 and type(param.check(3.0, "poly")) is int
    assert param.parse(" 4 ", "poly") == 4 and param.parse("4.0", "poly") == 4
    with pytest.raises(ParamError, match=r"^poly degree=2.5: must be a whole number in \[1, 5\]$"):
        param.check(2.5, "poly")
    with pytest.raises(ParamError, match=r"^poly degree='two': must be a whole number in \[1, 5\]$"):
        param.parse("two", "poly")
    with pytest.raises(ParamError, match=r"^poly degree=6: must be in \[1, 5\]$"):
        param.parse("6", "poly")
    with pytest.raises(ValueError, match="kind"):
        Param("degree", "complex", 2)
    with pytest.raises(ValueError, match="is not in"):
        Param("degree", "int", 9, low=1, high=5)


def test_surface_parameters_are_numbers_with_closed_ranges():
    def make(definition):
        raise AssertionError("not built")

    for bad in (
        Param("flag", "bool", False),
        Param("rate", "float", 1.0, low=0.0, low_open=True),
        Param("rate", "float", 0.5, low=0.0, high=1.0, high_open=True),
    ):
        with pytest.raises(ValueError, match="closed range"):
            SurfaceDef("x", "X", "x", "x", params=(bad,), make=make)


def test_errors_are_param_errors_naming_the_key():
    with pytest.raises(ParamError) as error:
        get_surface("ill_conditioned", kappa=0)
    assert str(error.value) == "ill_conditioned kappa=0.0: must be in [1, 1000000]"
    assert error.value.key == "kappa" and error.value.reason == "must be in [1, 1000000]"
    with pytest.raises(ParamError) as error:
        parse_surface_spec("ill_conditioned:kapa=1")
    assert error.value.key == "kapa"
    with pytest.raises(SpecError):
        parse_surface_spec("ill_conditioned:kappa=1,,")


# --- specs ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_default_spec_is_the_name_and_round_trips(name):
    surface = get_surface(name)
    assert surface.spec == name
    assert parse_surface_spec(surface.spec) == surface
    assert parse_surface_spec(name) == surface


def test_spec_lists_only_non_default_parameters():
    assert get_surface("ill_conditioned", kappa=100).spec == "ill_conditioned:kappa=100"
    assert get_surface("ill_conditioned", kappa=100, angle=45).spec == "ill_conditioned:kappa=100,angle=45"
    assert get_surface("ill_conditioned", angle=-12.25).spec == "ill_conditioned:angle=-12.25"
    assert get_surface("ill_conditioned", kappa=50, angle=30).spec == "ill_conditioned"


def test_parse_surface_spec_examples():
    expected = get_surface("ill_conditioned", kappa=100, angle=45)
    for text in (
        "ill_conditioned:kappa=100,angle=45",
        "ill_conditioned:angle=45,kappa=100",
        "  ill_conditioned : kappa = 100 , angle = 45 ",
        "ill_conditioned:kappa=1e2,angle=45.0",
        "ILL_CONDITIONED:kappa=100,angle=45",
    ):
        assert parse_surface_spec(text) == expected, text
    assert parse_surface_spec("ill_conditioned:kappa=100").params == {"kappa": 100.0, "angle": 30.0}
    assert parse_surface_spec("rosenbrock") == get_surface("rosenbrock")


@settings(max_examples=100, deadline=None)
@given(kappa=st.floats(1.0, 1e6), angle=st.floats(-180.0, 180.0))
def test_property_spec_round_trips_exactly(kappa, angle):
    surface = get_surface("ill_conditioned", kappa=kappa, angle=angle)
    rebuilt = parse_surface_spec(surface.spec)
    assert rebuilt == surface
    assert rebuilt.params == surface.params  # bit for bit: repr of a float reads back exactly
    np.testing.assert_array_equal(rebuilt.hessian(np.zeros(2)), surface.hessian(np.zeros(2)))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty surface spec; expected 'name' or 'name:key=value,key=value'"),
        ("   ", "empty surface spec"),
        (":kappa=1", "surface spec ':kappa=1' has no name before ':'"),
        ("foo", "unknown surface 'foo'; valid surfaces: sphere, "),
        ("foo:kappa=1", "unknown surface 'foo'; valid surfaces: sphere, "),
        ("ill_conditioned:", "surface spec 'ill_conditioned:' has nothing after ':'"),
        (
            "ill_conditioned:kappa",
            "setting 'kappa' in surface spec 'ill_conditioned:kappa' has no '='; expected key=value",
        ),
        (
            "ill_conditioned:kappa=abc",
            "ill_conditioned kappa='abc': must be a number in [1, 1000000]",
        ),
        ("ill_conditioned:kappa=", "setting 'kappa' in surface spec 'ill_conditioned:kappa=' has no value after '='"),
        ("ill_conditioned:=3", "setting '=3' in surface spec 'ill_conditioned:=3' has no name before '='"),
        (
            "ill_conditioned:kappa=1,,angle=2",
            "surface spec 'ill_conditioned:kappa=1,,angle=2' has an empty setting between commas",
        ),
        ("ill_conditioned:kappa=1,", "surface spec 'ill_conditioned:kappa=1,' has an empty setting between commas"),
        (
            "ill_conditioned:kappa=1,kappa=2",
            "ill_conditioned: kappa is given twice in 'ill_conditioned:kappa=1,kappa=2'",
        ),
        (
            "ill_conditioned:kapa=1",
            "unknown parameter 'kapa' for surface 'ill_conditioned'; valid parameters: kappa, angle",
        ),
        ("rosenbrock:kappa=1", "unknown parameter 'kappa' for surface 'rosenbrock', which takes no parameters"),
        (
            "ill_conditioned:kappa=nan",
            "ill_conditioned kappa=nan: is not a finite number: must be in [1, 1000000]",
        ),
        (
            "ill_conditioned:kappa=1e7",
            "ill_conditioned kappa=10000000.0: must be in [1, 1000000]",
        ),
        (
            "ill_conditioned:kappa=100;angle=4",
            "ill_conditioned kappa='100;angle=4': must be a number in [1, 1000000]",
        ),
        ("ill_conditioned:kap pa=3", "unknown parameter 'kap pa' for surface 'ill_conditioned'"),
    ],
)
def test_malformed_specs(text, message):
    with pytest.raises(ValueError, match="^" + _escape(message)) as error:
        parse_surface_spec(text)
    assert "\n" not in str(error.value)


def test_parse_surface_spec_rejects_non_strings():
    with pytest.raises(ValueError, match="^surface spec must be text like 'name:key=value', got None$"):
        parse_surface_spec(None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("rosenbrock\n", "a newline"),
        ("ill_conditioned:kappa=1\tangle=2", "a tab"),
        ("ill_conditioned:kappa=1\x00", "a NUL character"),
        ("sphere\x1b", "the control character U+001B"),
    ],
)
def test_specs_with_control_characters_are_refused(text, what):
    message = f"surface spec {repr(text)} contains {what}; expected 'name'"
    with pytest.raises(SpecError, match="^" + _escape(message)):
        parse_surface_spec(text)


def test_surface_specs_follow_the_optimizer_spec_grammar():
    """One grammar (specs.split_spec) for surfaces and optimizers: the same texts are refused."""
    from engine.spec import parse_optimizer_spec

    for tail in ("", ":", ":a=1,,", ":a=1,", ":a", ":=1", ":a=", ":a=1,a=2", ":a=1\n"):
        with pytest.raises(ValueError) as surface_error:
            parse_surface_spec("sphere" + tail if tail else "")
        with pytest.raises(ValueError) as optimizer_error:
            parse_optimizer_spec("sgd" + tail if tail else "")
        assert str(surface_error.value).replace("surface", "optimizer").replace("sphere", "sgd") == str(
            optimizer_error.value
        ), tail


# --- the Surface object ------------------------------------------------------------------------------


def test_surfaces_are_immutable_values():
    surface = get_surface("ill_conditioned", kappa=100)
    with pytest.raises(AttributeError):
        surface.start = (0.0, 0.0)  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del surface.name
    params = surface.params
    params["kappa"] = 1.0
    assert surface.params["kappa"] == 100.0
    assert surface == get_surface("ill_conditioned", kappa=100.0, angle=30)
    assert surface != get_surface("ill_conditioned", kappa=101)
    assert surface != get_surface("sphere")
    assert len({surface, get_surface("ill_conditioned", kappa=100), get_surface("sphere")}) == 2
    assert copy.copy(surface) is surface and copy.deepcopy(surface) is surface
    assert copy.deepcopy([surface])[0] is surface
    assert repr(surface) == "<Surface ill_conditioned:kappa=100>"
    assert not hasattr(surface, "__dict__")  # a frozen slots dataclass: no stray attributes


@pytest.mark.parametrize("name", ["rosenbrock", "ill_conditioned"])
def test_surfaces_pickle_through_their_spec(name):
    surface = get_surface(name) if name != "ill_conditioned" else get_surface(name, kappa=7, angle=-3)
    clone = pickle.loads(pickle.dumps(surface))
    assert clone == surface
    np.testing.assert_array_equal(clone.grad(np.ones(2)), surface.grad(np.ones(2)))


def test_surface_checks_its_parts():
    parts = dict(
        name="x", title="X", formula="x", description="x", f=np.sum, grad=np.sign, hessian=np.sign,
        domain=((0, 1), (0, 1)), minima=(),
    )  # fmt: skip
    with pytest.raises(ValueError, match="outside its domain"):
        Surface.create(start=(2.0, 0.5), **parts)
    with pytest.raises(ValueError, match="domain of surface 'x' is empty"):
        Surface.create(start=(0.5, 0.5), **{**parts, "domain": ((1, 0), (0, 1))})
    with pytest.raises(ValueError, match="contour"):
        Surface.create(start=(0.5, 0.5), contour="cubic", **parts)
    with pytest.raises(ValueError, match="no known minimum"):
        Surface.create(start=(0.5, 0.5), contour="log", **parts)
    surface = Surface.create(start=(0.5, 0.5), **parts)  # value_and_grad defaults to (f, grad)
    assert surface.domain == ((0.0, 1.0), (0.0, 1.0)) and all(type(v) is float for v in surface.domain[0])
    assert surface.f_min is None and surface.spec == "x" and surface.params == {}
    value, grad = surface.value_and_grad(np.array([0.25, -1.0]))
    assert value == -0.75 and list(grad) == [1.0, -1.0]


def test_public_api():
    public = ("Surface", "Minimum", "SurfaceDef", "SURFACES", "get_surface", "get_surface_def", "parse_surface_spec",
              "LinearData", "LogisticData")  # fmt: skip
    for name in public:
        assert name in surfaces.__all__ and hasattr(surfaces, name)
    assert "SurfaceParam" not in surfaces.__all__ and not hasattr(surfaces, "SurfaceParam")  # specs.Param instead
    assert type(SURFACES) is dict


def test_base_does_not_import_the_registry():
    import ast

    tree = ast.parse((PROJECT_ROOT / "surfaces" / "base.py").read_text())
    imported = [node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    imported += [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    assert imported and not [m for m in imported if m and "registry" in m], imported


def test_unregistered_surfaces_refuse_to_pickle():
    surface = Surface.create(
        name="x", title="X", formula="x", description="x", f=np.sum, grad=np.sign, hessian=np.sign,
        domain=((0, 1), (0, 1)), start=(0.5, 0.5),
    )  # fmt: skip
    with pytest.raises(TypeError, match="not a registered surface"):
        pickle.dumps(surface)


def test_importing_surfaces_pulls_in_only_numpy_and_the_stdlib():
    code = (
        "import sys, surfaces\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'PySide6', 'pyqtgraph', 'sympy', 'engine', 'gui', 'cli', 'scipy', 'matplotlib', 'shiboken6'})\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""

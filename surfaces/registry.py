"""The one registry of surfaces: `SURFACES`, `get_surface`, `parse_surface_spec`.

The GUI's surface picker, the CLI's ``--surface`` and ``list``, and the tests all
read `SURFACES`, in the order of the reference table
(``shared/reference/test_functions.md``), with the optional Easom last among the
analytic surfaces, then the data-fit surfaces (linear and logistic regression).

A surface spec is the text form used on the command line and in saved sessions:
``"rosenbrock"`` or ``"ill_conditioned:kappa=100,angle=45"``.  ``Surface.spec``
gives the spec that rebuilds a surface.
"""

from __future__ import annotations

from typing import Any

from .base import Surface, SurfaceDef
from .datafit import LINEAR_REGRESSION, LOGISTIC_REGRESSION
from .polynomial import (
    BEALE,
    GOLDSTEIN_PRICE,
    HIMMELBLAU,
    MONKEY_SADDLE,
    ROSENBROCK,
    SIX_HUMP_CAMEL,
    STYBLINSKI_TANG,
    THREE_HUMP_CAMEL,
)
from .quadratic import BOOTH, ELONGATED_BOWL, ILL_CONDITIONED, MATYAS, SADDLE, SPHERE
from .trigonometric import ACKLEY, EASOM, LEVI13, MCCORMICK, RASTRIGIN

__all__ = ["SURFACES", "get_surface", "get_surface_def", "parse_surface_spec"]

SURFACES: dict[str, SurfaceDef] = {
    definition.name: definition
    for definition in (
        SPHERE,
        ELONGATED_BOWL,
        ILL_CONDITIONED,
        SADDLE,
        MONKEY_SADDLE,
        ROSENBROCK,
        BEALE,
        BOOTH,
        MATYAS,
        HIMMELBLAU,
        THREE_HUMP_CAMEL,
        SIX_HUMP_CAMEL,
        GOLDSTEIN_PRICE,
        MCCORMICK,
        RASTRIGIN,
        ACKLEY,
        LEVI13,
        STYBLINSKI_TANG,
        EASOM,
        LINEAR_REGRESSION,
        LOGISTIC_REGRESSION,
    )
}

_SPEC_FORM = "expected 'name' or 'name:key=value,key=value'"


def get_surface_def(name: str) -> SurfaceDef:
    """The registry entry for `name` (case and surrounding spaces ignored), or ValueError listing valid names."""
    if not isinstance(name, str):
        raise ValueError(f"surface name must be a string, got {name!r}")
    definition = SURFACES.get(name.strip().lower())
    if definition is None:
        raise ValueError(f"unknown surface {name!r}; valid surfaces: {', '.join(SURFACES)}")
    return definition


def get_surface(name: str, **params: Any) -> Surface:
    """The surface called `name` with the given parameter values (defaults for the rest).

    Raises ValueError, with a one-line message meant for users, for an unknown
    name, an unknown parameter, or a value of the wrong type or out of range.
    """
    return get_surface_def(name).build(**params)


def parse_surface_spec(text: str) -> Surface:
    """Build a surface from its spec: ``"rosenbrock"`` or ``"ill_conditioned:kappa=100,angle=45"``.

    Values are read as numbers (integers for integer parameters).  Malformed text
    raises ValueError naming the bad part.
    """
    if not isinstance(text, str):
        raise ValueError(f"surface spec must be a string, got {text!r}")
    spec = text.strip()
    if not spec:
        raise ValueError(f"empty surface spec; {_SPEC_FORM}")
    name, colon, rest = spec.partition(":")
    name = name.strip()
    if not name:
        raise ValueError(f"surface spec {spec!r} has no surface name before ':'; {_SPEC_FORM}")
    definition = get_surface_def(name)
    if not colon:
        return definition.build()
    if not rest.strip():
        raise ValueError(f"surface spec {spec!r} has nothing after ':'; {_SPEC_FORM}")
    known = {param.name: param for param in definition.params}
    values: dict[str, Any] = {}
    for item in rest.split(","):
        item = item.strip()
        if not item:
            raise ValueError(f"surface spec {spec!r} has an empty parameter between commas; {_SPEC_FORM}")
        key, equals, value = item.partition("=")
        key = key.strip()
        value = value.strip()
        if not equals:
            raise ValueError(f"parameter {item!r} in surface spec {spec!r} has no '='; expected key=value")
        if not key:
            raise ValueError(f"parameter {item!r} in surface spec {spec!r} has no name before '='")
        if not value:
            raise ValueError(f"parameter {key!r} in surface spec {spec!r} has no value after '='")
        if key in values:
            raise ValueError(f"parameter {key!r} is given twice in surface spec {spec!r}")
        if key not in known:
            definition.validate_params({key: value})  # raises the unknown-parameter message
        values[key] = known[key].parse(value, definition.name)
    return definition.build(**values)

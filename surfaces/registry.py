"""The one registry of surfaces: `SURFACES`, `get_surface`, `parse_surface_spec`.

The GUI's surface picker, the CLI's ``--surface`` and ``list``, and the tests all
read `SURFACES`, in the order of the reference table
(``shared/reference/test_functions.md``), with the optional Easom last among the
analytic surfaces, then the data-fit surfaces (linear and logistic regression).

A surface spec is the text form used on the command line and in saved sessions:
``"rosenbrock"`` or ``"ill_conditioned:kappa=100,angle=45"``, or a typed formula,
``"formula:a*x**2 + b*y**2; a=1, b=10; x=-3..3"`` (`surfaces.formula`; not in `SURFACES`).
``Surface.spec`` gives the spec that rebuilds a surface.
"""

from __future__ import annotations

from typing import Any

from specs import ParamError, split_spec

from .base import Surface, SurfaceDef, register
from .datafit import LINEAR_REGRESSION, LOGISTIC_REGRESSION
from .formula import build_formula_surface, is_formula_spec
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

#: The registered surfaces by name, in order (the table `surfaces.base` owns, which unpickling reads).
SURFACES: dict[str, SurfaceDef] = register(
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


def get_surface_def(name: str) -> SurfaceDef:
    """The registry entry for `name` (case and surrounding spaces ignored), or ParamError listing valid names."""
    if not isinstance(name, str):
        raise ParamError(f"surface name must be a string, got {name!r}")
    definition = SURFACES.get(name.strip().lower())
    if definition is None:
        raise ParamError(f"unknown surface {name!r}; valid surfaces: {', '.join(SURFACES)}")
    return definition


def get_surface(name: str, **params: Any) -> Surface:
    """The surface called `name` with the given parameter values (defaults for the rest).

    Raises `specs.ParamError` (a ValueError), with a one-line message meant for users, for an
    unknown name, an unknown parameter, or a value of the wrong type or out of range.

    A formula spec (``"formula:x**2/20 + y**2; x=-3..3"``, see `surfaces.formula`) builds the
    typed surface; it takes no further parameters (they are part of the spec).
    """
    if is_formula_spec(name):
        if params:
            raise ParamError(f"a formula surface takes its parameters in the formula text, got {', '.join(params)}")
        return build_formula_surface(name)
    return get_surface_def(name).build(**params)


def parse_surface_spec(text: str) -> Surface:
    """Build a surface from its spec: ``"rosenbrock"`` or ``"ill_conditioned:kappa=100,angle=45"``.

    The grammar is the one of every spec (`specs.split_spec`); values are read as numbers
    (integers for integer parameters).  Malformed text raises `specs.ParamError` (a
    ValueError) naming the bad part.
    """
    if is_formula_spec(text):
        return build_formula_surface(text)
    name, items = split_spec(text, "surface")
    definition = get_surface_def(name)
    values = {key: definition.param(key).parse(value, definition.name) for key, value in items}
    return definition.build(**values)

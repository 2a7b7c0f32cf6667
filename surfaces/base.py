"""The building blocks of every loss surface: `Surface`, `Minimum`, `SurfaceParam`, `SurfaceDef`.

A `Surface` is defined by its functions: ``f``, ``grad``, ``hessian`` and
``value_and_grad`` on arrays of points of shape ``(..., 2)``, plus what the
GUI and the CLI need to show it (title, formula, plot domain, default start,
known minima, contour spacing).  Nothing here assumes the functions come from
a closed-form formula, so surfaces fitted to data can be built the same way.

A `SurfaceDef` is a registry entry: the name, the words shown to users, the
parameters a user may set (each a `SurfaceParam` with a default and an
allowed range) and a ``make`` function that turns validated parameter values
into a `Surface`.  ``SurfaceDef.build(**params)`` validates and builds.

Conventions every surface function follows:

* input: anything ``np.asarray`` turns into float64 with a last axis of 2
  (``x = p[..., 0]``, ``y = p[..., 1]``); any leading batch shape.  The last
  axis is not checked (these functions are the engine's hot path);
* output: ``f`` -> shape ``p.shape[:-1]`` (a NumPy float for a single point),
  ``grad`` -> ``p.shape``, ``hessian`` -> ``p.shape + (2,)`` (symmetric),
  ``value_and_grad`` -> ``(f(p), grad(p))``;
* no NumPy warnings escape: huge or non-finite input gives inf/nan silently.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

import numpy as np

__all__ = [
    "Minimum",
    "Surface",
    "SurfaceDef",
    "SurfaceParam",
    "constants",
    "fixed_surface",
    "format_number",
]

Point = tuple[float, float]
Box = tuple[tuple[float, float], tuple[float, float]]
ArrayFunction = Callable[[Any], Any]

CONTOUR_KINDS = ("linear", "log")
MINIMUM_KINDS = ("global", "local")
PARAM_KINDS = ("float", "int")


def format_number(value: float) -> str:
    """Shortest text that reads back as exactly `value` (``50.0`` -> ``"50"``, ``1e6`` -> ``"1000000"``)."""
    if isinstance(value, numbers.Integral):
        return str(int(value))
    value = float(value)
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value)


def constants(*values: float) -> tuple[np.ndarray, ...]:
    """Read-only 0-d float64 arrays, for the numbers in hot-path formulas (``_200 * r``).

    NumPy combines an array with a 0-d float64 array about 0.2 µs faster than with a
    Python float, which it converts on every call; the results are bit-for-bit the same.
    """
    arrays = tuple(np.array(float(value)) for value in values)
    for array in arrays:
        array.flags.writeable = False
    return arrays


def _float_pair(value: Any, what: str) -> Point:
    a, b = value
    pair = (float(a), float(b))
    if not all(math.isfinite(v) for v in pair):
        raise ValueError(f"{what} must be finite, got {pair!r}")
    return pair


@dataclass(frozen=True)
class Minimum:
    """A known minimum of a surface: where it is, its value, and whether it is the global one."""

    point: Point
    value: float
    kind: str = "global"

    def __post_init__(self) -> None:
        object.__setattr__(self, "point", _float_pair(self.point, "minimum point"))
        object.__setattr__(self, "value", float(self.value))
        if self.kind not in MINIMUM_KINDS:
            raise ValueError(f"minimum kind must be 'global' or 'local', got {self.kind!r}")


@dataclass(frozen=True)
class SurfaceParam:
    """A parameter a user may set on a surface, e.g. the condition number ``kappa``.

    ``low`` and ``high`` are both allowed.  ``kind`` is ``"float"`` or ``"int"``.
    """

    name: str
    default: float
    low: float
    high: float
    kind: str = "float"
    doc: str = ""

    def __post_init__(self) -> None:
        if self.kind not in PARAM_KINDS:
            raise ValueError(f"parameter kind must be 'float' or 'int', got {self.kind!r}")
        if not (self.low <= self.default <= self.high):
            raise ValueError(
                f"default {self.default!r} of parameter {self.name!r} is outside [{self.low}, {self.high}]"
            )

    @property
    def range_text(self) -> str:
        """The allowed range as users see it, e.g. ``[1, 1000000]``."""
        return f"[{format_number(self.low)}, {format_number(self.high)}]"

    def _must_be(self, surface: str, what: str, got: str) -> ValueError:
        return ValueError(
            f"parameter '{self.name}' of surface '{surface}' must be {what} {self.range_text}, got {got}"
        )

    def validate(self, value: Any, surface: str) -> float | int:
        """Return `value` as a float (or int), or raise ValueError with a message meant for users."""
        noun = "an integer in" if self.kind == "int" else "a number in"
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
            shown = value.item() if isinstance(value, np.generic) else value
            raise self._must_be(surface, noun, repr(shown))
        try:
            number = float(value)
        except OverflowError:  # an int too large for a float: certainly out of range
            raise self._must_be(surface, "in", f"an integer of {len(str(abs(int(value))))} digits") from None
        if not math.isfinite(number):
            raise self._must_be(surface, "a finite number in" if self.kind == "float" else noun, format_number(number))
        if self.kind == "int":
            if not number.is_integer():
                raise self._must_be(surface, noun, format_number(number))
            number = int(value) if isinstance(value, numbers.Integral) else int(number)
        if not (self.low <= number <= self.high):
            raise self._must_be(surface, "in", format_number(number))
        return number

    def parse(self, text: str, surface: str) -> float | int:
        """Parse the text of a value (as typed in a spec such as ``kappa=100``) and validate it."""
        text = text.strip()
        try:
            value: float | int = int(text) if self.kind == "int" else float(text)
        except ValueError:
            try:
                value = float(text)
            except ValueError:
                noun = "an integer in" if self.kind == "int" else "a number in"
                raise self._must_be(surface, noun, repr(text)) from None
        return self.validate(value, surface)


class Surface:
    """An immutable 2-D loss surface.

    Attributes: ``name`` (registry name), ``title``, ``formula`` (Unicode, for
    people), ``description`` (what to look for on it), ``domain`` ((xmin, xmax),
    (ymin, ymax)) to plot, ``start`` (a default start point inside the domain,
    not at a minimum), ``minima`` (known minima, global and local), ``params``
    (a copy of the parameter values in force), ``contour`` (``"linear"``: space
    contour levels evenly in f; ``"log"``: space them geometrically in
    ``f - f_min``, for surfaces whose values span many decades).

    Functions (plain attributes, called directly: ``surface.value_and_grad(p)``):
    ``f(p)``, ``grad(p)``, ``hessian(p)``, ``value_and_grad(p)`` for ``p`` of
    shape ``(..., 2)`` (not checked: they are the engine's hot path).

    ``data``: None for analytic surfaces; for surfaces fitted to data, an immutable
    object holding the data (``n``, ``x``, ``y``, ``kind``) whose
    ``batch_value_and_grad(p, idx)`` gives the loss and gradient on the points
    ``idx`` only (mini-batches); see `surfaces.datafit`.

    Two surfaces are equal when their names and parameter values are equal.
    """

    __slots__ = (
        "name",
        "title",
        "formula",
        "description",
        "domain",
        "start",
        "minima",
        "contour",
        "f",
        "grad",
        "hessian",
        "value_and_grad",
        "_params",
        "_default_params",
        "_f_min",
        "_minima_points",
        "data",
    )

    def __init__(
        self,
        *,
        name: str,
        title: str,
        formula: str,
        description: str,
        domain: Box,
        start: Point,
        minima: tuple[Minimum, ...] = (),
        f: ArrayFunction,
        grad: ArrayFunction,
        hessian: ArrayFunction,
        value_and_grad: ArrayFunction | None = None,
        params: Mapping[str, float] | None = None,
        default_params: Mapping[str, float] | None = None,
        contour: str = "linear",
        data: Any = None,
    ) -> None:
        (xmin, xmax), (ymin, ymax) = (_float_pair(domain[0], "domain"), _float_pair(domain[1], "domain"))
        if not (xmin < xmax and ymin < ymax):
            raise ValueError(f"domain of surface '{name}' is empty: {domain!r}")
        start = _float_pair(start, "start")
        if not (xmin <= start[0] <= xmax and ymin <= start[1] <= ymax):
            raise ValueError(f"start {start!r} of surface '{name}' is outside its domain")
        minima = tuple(minima)
        if not all(isinstance(m, Minimum) for m in minima):
            raise TypeError("minima must be Minimum instances")
        if contour not in CONTOUR_KINDS:
            raise ValueError(f"contour must be 'linear' or 'log', got {contour!r}")
        global_values = [m.value for m in minima if m.kind == "global"]
        f_min = min(global_values) if global_values else None
        if contour == "log" and f_min is None:
            raise ValueError(f"surface '{name}' asks for log contours but has no known minimum value")
        if value_and_grad is None:
            value_and_grad = _pair(f, grad)
        points = np.array([m.point for m in minima], dtype=np.float64).reshape(len(minima), 2)
        points.flags.writeable = False
        values = {
            "name": name,
            "title": title,
            "formula": formula,
            "description": description,
            "domain": ((xmin, xmax), (ymin, ymax)),
            "start": start,
            "minima": minima,
            "contour": contour,
            "f": f,
            "grad": grad,
            "hessian": hessian,
            "value_and_grad": value_and_grad,
            "_params": dict(params or {}),
            "_default_params": dict(default_params) if default_params is not None else None,
            "_f_min": f_min,
            "_minima_points": points,
            "data": data,
        }
        for key, value in values.items():
            object.__setattr__(self, key, value)

    # immutability -----------------------------------------------------------------
    def __setattr__(self, key: str, value: Any) -> None:
        raise AttributeError(f"Surface is immutable; cannot set {key!r}")

    def __delattr__(self, key: str) -> None:
        raise AttributeError(f"Surface is immutable; cannot delete {key!r}")

    def __copy__(self) -> Surface:
        return self

    def __deepcopy__(self, memo: dict) -> Surface:
        return self

    def __reduce__(self):
        # Surfaces from the registry rebuild from their spec (their functions may be closures).
        return (_surface_from_spec, (self.spec,))

    # identity -----------------------------------------------------------------------
    def _key(self) -> tuple:
        return (self.name, tuple(sorted(self._params.items())))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Surface):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"<Surface {self.spec}>"

    # derived facts ------------------------------------------------------------------
    @property
    def params(self) -> dict[str, float]:
        """The parameter values in force (a copy; empty when the surface takes none)."""
        return dict(self._params)

    @property
    def spec(self) -> str:
        """Text that `parse_surface_spec` turns back into this surface, e.g. ``"ill_conditioned:kappa=100"``.

        Parameters equal to their defaults are left out.
        """
        defaults = self._default_params or {}
        parts = [
            f"{key}={format_number(value)}"
            for key, value in self._params.items()
            if key not in defaults or defaults[key] != value
        ]
        return f"{self.name}:{','.join(parts)}" if parts else self.name

    @property
    def f_min(self) -> float | None:
        """The global minimum value, or None when the surface has no minimum (saddles)."""
        return self._f_min

    @property
    def global_minima(self) -> tuple[Minimum, ...]:
        return tuple(m for m in self.minima if m.kind == "global")

    def distance_to_nearest_minimum(self, p: Any, kind: str | None = None) -> Any:
        """Euclidean distance from each point of `p` (shape (..., 2)) to the nearest listed minimum.

        `kind` ``"global"`` or ``"local"`` restricts the minima considered.
        Returns shape ``p.shape[:-1]``; NaN where there is no such minimum.
        """
        p = _points(p)
        if kind is None:
            points = self._minima_points
        elif kind in MINIMUM_KINDS:
            points = self._minima_points[[m.kind == kind for m in self.minima]]
        else:
            raise ValueError(f"minimum kind must be 'global', 'local' or None, got {kind!r}")
        if len(points) == 0:
            return np.full(p.shape[:-1], np.nan)
        with np.errstate(all="ignore"):
            d = p[..., None, :] - points
            return np.sqrt(np.min(np.einsum("...ki,...ki->...k", d, d), axis=-1))

    def contains(self, p: Any) -> Any:
        """True where the point lies inside the plot domain (edges included)."""
        p = _points(p)
        (xmin, xmax), (ymin, ymax) = self.domain
        x, y = p[..., 0], p[..., 1]
        return (xmin <= x) & (x <= xmax) & (ymin <= y) & (y <= ymax)


def _points(p: Any) -> np.ndarray:
    p = np.asarray(p, dtype=np.float64)
    if p.ndim == 0 or p.shape[-1] != 2:
        raise ValueError(f"points must have shape (..., 2), got shape {p.shape}")
    return p


def _pair(f: ArrayFunction, grad: ArrayFunction) -> ArrayFunction:
    def value_and_grad(p):
        return f(p), grad(p)

    return value_and_grad


def _surface_from_spec(spec: str) -> Surface:
    from .registry import parse_surface_spec

    return parse_surface_spec(spec)


@dataclass(frozen=True)
class SurfaceDef:
    """A registry entry: a surface's name, the words shown to users, its parameters and how to build it.

    ``make(definition, **values)`` receives validated values for every parameter
    (defaults filled in) and returns the `Surface`; use ``definition.assemble``
    to fill in the name, title, formula and description.
    """

    name: str
    title: str
    formula: str
    description: str
    params: tuple[SurfaceParam, ...] = ()
    make: Callable[..., Surface] = field(default=None, repr=False, compare=False)  # type: ignore[assignment]

    @property
    def defaults(self) -> dict[str, float]:
        return {param.name: param.default for param in self.params}

    def validate_params(self, params: Mapping[str, Any]) -> dict[str, float | int]:
        """Check user-given values; return every parameter's value in declaration order."""
        known = {param.name: param for param in self.params}
        for key in params:
            if key not in known:
                if not known:
                    raise ValueError(
                        f"unknown parameter {key!r} for surface '{self.name}', which takes no parameters"
                    )
                raise ValueError(
                    f"unknown parameter {key!r} for surface '{self.name}'; "
                    f"valid parameters: {', '.join(known)}"
                )
        return {
            param.name: param.validate(params[param.name], self.name) if param.name in params else param.default
            for param in self.params
        }

    def build(self, **params: Any) -> Surface:
        """Validate `params` (unknown names, types, ranges) and return the surface."""
        return self.make(self, **self.validate_params(params))

    def assemble(self, params: Mapping[str, float], **parts: Any) -> Surface:
        """A `Surface` named and described by this definition, with the given parameter values and parts."""
        return Surface(
            name=self.name,
            title=self.title,
            formula=self.formula,
            description=self.description,
            params=params,
            default_params=self.defaults,
            **parts,
        )


def fixed_surface(*, name: str, title: str, formula: str, description: str, **parts: Any) -> SurfaceDef:
    """A `SurfaceDef` for a surface without parameters; `parts` are the remaining `Surface` arguments."""

    def make(definition: SurfaceDef) -> Surface:
        return definition.assemble({}, **parts)

    definition = SurfaceDef(name=name, title=title, formula=formula, description=description, make=make)
    make(definition)  # fail at import time, not when a user picks it, if a part is wrong
    return definition

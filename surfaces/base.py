"""The building blocks of every loss surface: `Surface`, `Minimum`, `SurfaceDef`.

A `Surface` is defined by its functions: ``f``, ``grad``, ``hessian`` and
``value_and_grad`` on arrays of points of shape ``(..., 2)``, plus what the
GUI and the CLI need to show it (title, formula, plot domain, default start,
known minima, contour spacing).  Nothing here assumes the functions come from
a closed-form formula, so surfaces fitted to data are built the same way;
`surfaces.kernels` turns closed-form NumPy kernels into the four functions.

A `SurfaceDef` is a registry entry: the name, the words shown to users, the
parameters a user may set (each a `specs.Param` with a default and a closed
allowed range) and a ``make`` function that turns checked parameter values
into a `Surface`.  ``SurfaceDef.build(**params)`` checks and builds.

Conventions every surface function follows:

* input: anything ``np.asarray`` turns into float64 with a last axis of 2
  (``x = p[..., 0]``, ``y = p[..., 1]``); any leading batch shape.  The last
  axis is not checked (these functions are the engine's hot path);
* output: ``f`` -> shape ``p.shape[:-1]`` (a NumPy float for a single point),
  ``grad`` -> ``p.shape``, ``hessian`` -> ``p.shape + (2,)`` (symmetric),
  ``value_and_grad`` -> ``(f(p), grad(p))``;
* every point is computed on its own (elementwise arithmetic, no matrix
  products): a point's result does not depend on the batch it is in, bit for bit;
* no NumPy warnings escape: huge or non-finite input gives inf/nan silently.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from specs import Param, ParamError, format_number

__all__ = ["Minimum", "Surface", "SurfaceDef", "fixed_surface", "format_number", "register"]

Point = tuple[float, float]
Box = tuple[tuple[float, float], tuple[float, float]]
ArrayFunction = Callable[[Any], Any]
ParamValues = tuple[tuple[str, Any], ...]

CONTOUR_KINDS = ("linear", "log")
MINIMUM_KINDS = ("global", "local")
PARAM_KINDS = ("float", "int")

#: name -> definition of every registered surface (filled, in order, by `surfaces.registry`,
#: which shows it as ``SURFACES``); unpickling a surface rebuilds it from here.
REGISTERED: dict[str, SurfaceDef] = {}


def _float_pair(value: Any, what: str) -> Point:
    a, b = value
    pair = (float(a), float(b))
    if not all(math.isfinite(v) for v in pair):
        raise ValueError(f"{what} must be finite, got {pair!r}")
    return pair


@dataclass(frozen=True, slots=True)
class Minimum:
    """A known minimum of a surface: where it is, its value, and whether it is the global one.

    ``point`` is a pair of finite floats and ``value`` a float; `Minimum.of` converts
    other numbers (``Minimum.of((1, 2), 3)``).
    """

    point: Point
    value: float
    kind: str = "global"

    def __post_init__(self) -> None:
        if self.kind not in MINIMUM_KINDS:
            raise ValueError(f"minimum kind must be 'global' or 'local', got {self.kind!r}")
        if not (
            type(self.point) is tuple
            and len(self.point) == 2
            and all(isinstance(v, float) and math.isfinite(v) for v in self.point)
            and isinstance(self.value, float)
        ):
            raise TypeError(
                f"Minimum needs a pair of finite floats and a float (use Minimum.of to convert), "
                f"got {self.point!r}, {self.value!r}"
            )

    @classmethod
    def of(cls, point: Any, value: Any, kind: str = "global") -> Minimum:
        """A minimum from any two numbers and a number (NumPy values, ints)."""
        return cls(_float_pair(point, "minimum point"), float(value), kind)


@dataclass(frozen=True, slots=True, eq=False)
class Surface:
    """An immutable 2-D loss surface.

    Attributes: ``name`` (registry name), ``title``, ``formula`` (Unicode, for
    people), ``description`` (what to look for on it), ``domain`` ((xmin, xmax),
    (ymin, ymax)) to plot, ``start`` (a default start point inside the domain,
    not at a minimum), ``minima`` (known minima, global and local), ``contour``
    (``"linear"``: space contour levels evenly in f; ``"log"``: space them
    geometrically in ``f - f_min``, for surfaces whose values span many decades),
    ``f_min`` (the global minimum value, None when there is none), ``params``
    (a copy of the parameter values in force).

    Functions (plain attributes, called directly: ``surface.value_and_grad(p)``):
    ``f(p)``, ``grad(p)``, ``hessian(p)``, ``value_and_grad(p)`` for ``p`` of
    shape ``(..., 2)`` (not checked: they are the engine's hot path).

    ``scalar_kernels``: the kernels the compiled path of the engine runs (a
    `surfaces.kernels.Scalar`, the very functions behind ``f`` and friends), or None
    where only the array functions exist (surfaces fitted to data, kernels the
    compiler cannot reproduce bit for bit).

    ``data``: None for analytic surfaces; for surfaces fitted to data, an immutable
    object holding the data (``n``, ``x``, ``y``, ``kind``) whose
    ``batch_value_and_grad(p, idx)`` gives the loss and gradient on the points
    ``idx`` only (mini-batches); see `surfaces.datafit`.

    Build one with `Surface.create` (which checks and normalises the parts) or
    `SurfaceDef.assemble`.  Two surfaces are equal when their names and parameter
    values are equal; a registered surface pickles as its name and parameters.
    """

    name: str
    title: str
    formula: str
    description: str
    domain: Box
    start: Point
    minima: tuple[Minimum, ...]
    contour: str
    f: ArrayFunction
    grad: ArrayFunction
    hessian: ArrayFunction
    value_and_grad: ArrayFunction
    param_values: ParamValues
    f_min: float | None
    definition: SurfaceDef | None = field(default=None, repr=False)
    data: Any = None
    minima_points: np.ndarray = field(default_factory=lambda: np.empty((0, 2)), repr=False)
    scalar_kernels: Any = field(default=None, repr=False)

    @classmethod
    def create(
        cls,
        *,
        name: str,
        title: str,
        formula: str,
        description: str,
        domain: Any,
        start: Any,
        minima: Any = (),
        f: ArrayFunction,
        grad: ArrayFunction,
        hessian: ArrayFunction,
        value_and_grad: ArrayFunction | None = None,
        params: Mapping[str, Any] | None = None,
        contour: str = "linear",
        data: Any = None,
        definition: SurfaceDef | None = None,
        scalar_kernels: Any = None,
    ) -> Surface:
        """Check the parts (domain, start inside it, minima, contour kind) and return the surface.

        ``value_and_grad`` defaults to ``(f(p), grad(p))``.
        """
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
        points = np.array([m.point for m in minima], dtype=np.float64).reshape(len(minima), 2)
        points.flags.writeable = False
        return cls(
            name=name,
            title=title,
            formula=formula,
            description=description,
            domain=((xmin, xmax), (ymin, ymax)),
            start=start,
            minima=minima,
            contour=contour,
            f=f,
            grad=grad,
            hessian=hessian,
            value_and_grad=value_and_grad if value_and_grad is not None else _pair(f, grad),
            param_values=tuple((params or {}).items()),
            f_min=f_min,
            definition=definition,
            data=data,
            minima_points=points,
            scalar_kernels=scalar_kernels,
        )

    # value semantics ------------------------------------------------------------------
    def __copy__(self) -> Surface:
        return self

    def __deepcopy__(self, memo: dict) -> Surface:
        return self

    def __reduce__(self) -> tuple[Callable[..., Surface], tuple[str, dict[str, Any]]]:
        # The functions are closures: a surface travels as its name and parameters and is
        # rebuilt from the registered definition.
        if self.definition is None or REGISTERED.get(self.name) is not self.definition:
            raise TypeError(f"surface {self.name!r} is not a registered surface and cannot be pickled")
        return (_rebuild, (self.name, self.params))

    def _key(self) -> tuple[str, ParamValues]:
        return (self.name, tuple(sorted(self.param_values)))

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
    def params(self) -> dict[str, Any]:
        """The parameter values in force (a copy; empty when the surface takes none)."""
        return dict(self.param_values)

    @property
    def spec(self) -> str:
        """Text that `parse_surface_spec` turns back into this surface, e.g. ``"ill_conditioned:kappa=100"``.

        Parameters equal to their defaults are left out.
        """
        defaults = self.definition.defaults if self.definition is not None else {}
        parts = [
            f"{key}={format_number(value)}"
            for key, value in self.param_values
            if key not in defaults or defaults[key] != value
        ]
        return f"{self.name}:{','.join(parts)}" if parts else self.name

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
            points = self.minima_points
        elif kind in MINIMUM_KINDS:
            points = self.minima_points[[m.kind == kind for m in self.minima]]
        else:
            raise ValueError(f"minimum kind must be 'global', 'local' or None, got {kind!r}")
        if len(points) == 0:
            return np.full(p.shape[:-1], np.nan)
        with np.errstate(all="ignore"):
            d = p[..., None, :] - points
            return np.sqrt(np.min(d[..., 0] * d[..., 0] + d[..., 1] * d[..., 1], axis=-1))

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
    def value_and_grad(p: Any) -> tuple[Any, Any]:
        return f(p), grad(p)

    return value_and_grad


def _rebuild(name: str, params: dict[str, Any]) -> Surface:
    """Unpickle a surface: build the registered surface `name` with `params`."""
    definition = REGISTERED.get(name)
    if definition is None:
        raise ValueError(f"cannot rebuild surface {name!r}: no surface of that name is registered")
    return definition.build(**params)


def register(*definitions: SurfaceDef) -> dict[str, SurfaceDef]:
    """Add `definitions` to the table of registered surfaces, in order; return the table."""
    for definition in definitions:
        if definition.name in REGISTERED and REGISTERED[definition.name] is not definition:
            raise ValueError(f"a surface named {definition.name!r} is already registered")
        REGISTERED[definition.name] = definition
    return REGISTERED


@dataclass(frozen=True, slots=True)
class SurfaceDef:
    """A registry entry: a surface's name, the words shown to users, its parameters and how to build it.

    ``params`` are `specs.Param` descriptors of kind ``"float"`` or ``"int"`` with
    closed ranges ``[low, high]``.  ``make(definition, **values)`` receives checked
    values for every parameter (defaults filled in) and returns the `Surface`; use
    ``definition.assemble`` to fill in the name, title, formula and description.
    ``expression`` is f as SymPy text in ``x``, ``y`` and the parameter names (e.g.
    ``"(1 - x)**2 + 100*(y - x**2)**2"``), the exact oracle the tests check f, its
    gradient and its Hessian against; empty for surfaces without a closed form.
    """

    name: str
    title: str
    formula: str
    description: str
    params: tuple[Param, ...] = ()
    make: Callable[..., Surface] = field(default=None, repr=False, compare=False)  # type: ignore[assignment]
    expression: str = ""

    def __post_init__(self) -> None:
        for param in self.params:
            if param.kind not in PARAM_KINDS or param.low_open or param.high_open:
                raise ValueError(f"surface parameter {param.name!r} must be a float or int with a closed range")

    @property
    def defaults(self) -> dict[str, Any]:
        return {param.name: param.default for param in self.params}

    def param(self, key: str) -> Param:
        """The parameter called `key`, or `specs.ParamError` naming the valid ones."""
        for param in self.params:
            if param.name == key:
                return param
        if not self.params:
            raise ParamError(f"unknown parameter {key!r} for surface '{self.name}', which takes no parameters", key)
        raise ParamError(
            f"unknown parameter {key!r} for surface '{self.name}'; "
            f"valid parameters: {', '.join(p.name for p in self.params)}",
            key,
        )

    def validate_params(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """Check user-given values; return every parameter's value in declaration order."""
        for key in params:
            self.param(key)
        return {
            param.name: param.check(params[param.name], self.name) if param.name in params else param.default
            for param in self.params
        }

    def build(self, **params: Any) -> Surface:
        """Check `params` (unknown names, types, ranges) and return the surface."""
        return self.make(self, **self.validate_params(params))

    def assemble(self, params: Mapping[str, Any], **parts: Any) -> Surface:
        """A `Surface` named and described by this definition, with the given parameter values and parts."""
        return Surface.create(
            name=self.name,
            title=self.title,
            formula=self.formula,
            description=self.description,
            params=params,
            definition=self,
            **parts,
        )


def fixed_surface(
    *, name: str, title: str, formula: str, description: str, expression: str = "", **parts: Any
) -> SurfaceDef:
    """A `SurfaceDef` for a surface without parameters; `parts` are the remaining `Surface.create` arguments."""

    def make(definition: SurfaceDef) -> Surface:
        return definition.assemble({}, **parts)

    definition = SurfaceDef(
        name=name, title=title, formula=formula, description=description, make=make, expression=expression
    )
    make(definition)  # fail at import time, not when a user picks it, if a part is wrong
    return definition

"""Gradient Arena's loss surfaces: 2-D test functions with exact gradients and Hessians.

NumPy only (no Qt, no engine).  Typical use::

    from surfaces import SURFACES, get_surface, parse_surface_spec

    s = get_surface("ill_conditioned", kappa=100, angle=45)
    s = parse_surface_spec("ill_conditioned:kappa=100,angle=45")
    loss, grad = s.value_and_grad(points)      # points: shape (..., 2)

    s = get_surface("linear_regression", n=200, noise=0.5)   # a loss fitted to data
    loss, grad = s.data.batch_value_and_grad(points, idx)     # on the mini-batch idx only

See `surfaces.base` for the `Surface` contract, `surfaces.kernels` for the wrapper that
turns closed-form NumPy kernels into a surface's functions, `surfaces.registry` for the
registry and `surfaces.datafit` for the data-fit surfaces.  Parameters are `specs.Param`.
"""

from .base import Minimum, Surface, SurfaceDef
from .datafit import LinearData, LogisticData
from .registry import SURFACES, get_surface, get_surface_def, parse_surface_spec

__all__ = [
    "LinearData",
    "LogisticData",
    "Minimum",
    "SURFACES",
    "Surface",
    "SurfaceDef",
    "get_surface",
    "get_surface_def",
    "parse_surface_spec",
]

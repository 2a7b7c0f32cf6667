"""Objectives written in the scalar-kernel protocol of engine.fast (independent of surfaces/).

Each kernel is one plain function of ``x, y`` and the parameters; the array
functions the NumPy path calls are the same kernels applied to arrays, so both
paths compute the same operations.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np


def rosen_vg(x, y, a, b):
    u = x - a
    r = y - x * x
    t = (2.0 * b) * r
    return u * u + b * (r * r), 2.0 * (u - x * t), t


def rosen_grad(x, y, a, b):
    t = (2.0 * b) * (y - x * x)
    return 2.0 * ((x - a) - x * t), t


def rosen_hess(x, y, a, b):
    return (12.0 * b) * (x * x) - (4.0 * b) * y + 2.0, (-4.0 * b) * x, 2.0 * b + 0.0 * x


def quad_vg(x, y, k, s):
    return 0.5 * (k * (x * x) + y * y) + s * (x * y), k * x + s * y, y + s * x


def quad_hess(x, y, k, s):
    return k + 0.0 * x, s + 0.0 * x, 1.0 + 0.0 * x


def saddle_vg(x, y):
    return x * x - y * y, 2.0 * x, -2.0 * y


def saddle_hess(x, y):
    return 2.0 + 0.0 * x, 0.0 * x, -2.0 + 0.0 * x


def wave_vg(x, y, w):
    """exp and sin: where a compiled kernel could round differently from NumPy's SIMD loops."""
    e = np.exp(-0.1 * (x * x + y * y))
    s = np.sin(w * x)
    c = np.cos(w * x)
    return x * x + y * y - s * e, 2.0 * x - (w * c) * e + (0.2 * x) * (s * e), 2.0 * y + (0.2 * y) * (s * e)


@dataclass(frozen=True)
class Kernels:
    value_and_grad: Any
    grad: Any
    hessian: Any
    params: tuple


class ProtocolObjective:
    """f, grad, value_and_grad, hessian on (..., 2) arrays from the scalar kernels, plus ``scalar_kernels``."""

    def __init__(self, name, vg, grad, hess, params, domain, start, fast=True):
        self.name, self.domain, self.start = name, domain, start
        self._k = Kernels(vg, grad, hess, tuple(params))
        self.scalar_kernels = self._k if fast else None

    def value_and_grad(self, p):
        p = np.asarray(p, dtype=float)
        g = np.empty(p.shape)
        with np.errstate(all="ignore"):
            f, g[..., 0], g[..., 1] = self._k.value_and_grad(p[..., 0], p[..., 1], *self._k.params)
        return f, g

    def f(self, p):
        return self.value_and_grad(p)[0]

    def grad(self, p):
        p = np.asarray(p, dtype=float)
        if self._k.grad is None:
            return self.value_and_grad(p)[1]
        g = np.empty(p.shape)
        with np.errstate(all="ignore"):
            g[..., 0], g[..., 1] = self._k.grad(p[..., 0], p[..., 1], *self._k.params)
        return g

    def hessian(self, p):
        p = np.asarray(p, dtype=float)
        h = np.empty(p.shape + (2,))
        with np.errstate(all="ignore"):
            a, b, c = self._k.hessian(p[..., 0], p[..., 1], *self._k.params)
        h[..., 0, 0], h[..., 0, 1], h[..., 1, 0], h[..., 1, 1] = a, b, b, c
        return h


def make(name: str, fast: bool = True) -> ProtocolObjective:
    table = {
        "rosenbrock": (rosen_vg, rosen_grad, rosen_hess, (1.0, 100.0), ((-2.0, 2.0), (-1.0, 3.0)), (-1.5, 2.0)),
        "quadratic": (quad_vg, None, quad_hess, (10.0, 0.5), ((-5.0, 5.0), (-5.0, 5.0)), (3.0, -4.0)),
        "saddle": (saddle_vg, None, saddle_hess, (), ((-2.0, 2.0), (-2.0, 2.0)), (1.0, 0.5)),
        "wave": (wave_vg, None, None, (3.0,), ((-3.0, 3.0), (-3.0, 3.0)), (2.0, 1.5)),
    }
    vg, grad, hess, params, domain, start = table[name]
    return ProtocolObjective(name, vg, grad, hess, params, domain, start, fast)


NAMES = ("rosenbrock", "quadratic", "saddle", "wave")

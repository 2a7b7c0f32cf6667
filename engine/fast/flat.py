"""Compiled steps of one long parameter vector (a network racer), numba, and its per-layer quantiles.

A network racer's parameters are one flat float64 vector of ``P`` numbers, far too
long for the step loop's lanes of two coordinates. The arithmetic is the same
elementwise rule, so this module runs the family functions of :mod:`engine.fast.rules`
(``_adam`` ...; the ones the step loop and the lane loops inline, checked against the
NumPy reference by tests/engine/test_fast.py) over the vector: the first half of the
vector is their ``x``, the second half their ``y`` (an odd last coordinate is a lane
of its own), so the loop over lanes reads and writes contiguous memory and LLVM
vectorizes it across lanes. No operation and no order changes (no fastmath, no FMA
contraction, no reductions), so a step gives the NumPy path's bits
(tests/problems/test_network_fast.py checks every family).

The state slots ``s0..s5`` of a lane are rows of ``S`` (shape (3, P)): slots ``2j`` and
``2j + 1`` are the state field ``j`` (:data:`engine.fast.plan._STATE_FIELDS`) at the
lane's two coordinates. Everything is updated in place: ``P`` (the parameters), ``S``
and ``E`` (the effective learning rates).

:func:`layer_quantiles` is :func:`problems.runner.layer_quantiles` compiled: the 10/50/90%
quantiles of the effective learning rates over each layer's sampled parameters (an exact
selection: the same order statistics as ``np.partition``, NaN last, and the same
interpolation).

Imported only by :func:`engine.fast.flat_kernels`' background loader and the build child.
"""

from __future__ import annotations

from typing import Any

import numba
import numpy as np

from . import rules
from .rules import FAMILY_FUNCTIONS, NEWTON

_opts: dict[str, Any] = dict(error_model="numpy", fastmath=False, nogil=True)


def _inlined(name: str):
    return numba.njit(inline="always", **_opts)(getattr(rules, name).py_func)


_SGD, _ADAGRAD, _RMSPROP, _ADADELTA, _ADAM, _NADAM, _RADAM, _ADAMAX, _NEWTON_, _LION, _QHM = (
    _inlined(n) for n in FAMILY_FUNCTIONS
)


@numba.njit(inline="always", **_opts)
def _run(upd, hp, flags, t, lr, tab, P, G, S, E, rtol):
    n = P.shape[0]
    h = n // 2
    h1, h2, h3, h4, h5 = hp[1], hp[2], hp[3], hp[4], hp[5]
    f0, f1 = flags[0], flags[1]
    c0, c1, c2, c3 = tab[0], tab[1], tab[2], tab[3]
    PX, PY, GX, GY, EX, EY = P[:h], P[h : 2 * h], G[:h], G[h : 2 * h], E[:h], E[h : 2 * h]
    A0, A1, B0, B1, C0, C1 = S[0, :h], S[0, h : 2 * h], S[1, :h], S[1, h : 2 * h], S[2, :h], S[2, h : 2 * h]
    for i in range(h):
        nx, ny, ex, ey, s0, s1, s2, s3, s4, s5 = upd(
            h1, h2, h3, h4, h5, f0, f1, t, lr, c0, c1, c2, c3,
            PX[i], PY[i], GX[i], GY[i], A0[i], A1[i], B0[i], B1[i], C0[i], C1[i], 0.0, 0.0, 0.0, rtol,
        )  # fmt: skip
        PX[i] = nx
        PY[i] = ny
        EX[i] = ex
        EY[i] = ey
        A0[i] = s0
        A1[i] = s1
        B0[i] = s2
        B1[i] = s3
        C0[i] = s4
        C1[i] = s5
    if n % 2:
        i = n - 1
        nx, ny, ex, ey, s0, s1, s2, s3, s4, s5 = upd(
            h1, h2, h3, h4, h5, f0, f1, t, lr, c0, c1, c2, c3,
            P[i], P[i], G[i], G[i], S[0, i], S[0, i], S[1, i], S[1, i], S[2, i], S[2, i], 0.0, 0.0, 0.0, rtol,
        )  # fmt: skip
        P[i] = nx
        E[i] = ex
        S[0, i] = s0
        S[1, i] = s2
        S[2, i] = s4


# one compiled function per family (the family a constant: its loop vectorizes); cached on disk
_cached: dict[str, Any] = dict(cache=True, **_opts)


@numba.njit(**_cached)
def sgd(hp, flags, t, lr, tab, P, G, S, E, rtol):
    _run(_SGD, hp, flags, t, lr, tab, P, G, S, E, rtol)


@numba.njit(**_cached)
def adagrad(hp, flags, t, lr, tab, P, G, S, E, rtol):
    _run(_ADAGRAD, hp, flags, t, lr, tab, P, G, S, E, rtol)


@numba.njit(**_cached)
def rmsprop(hp, flags, t, lr, tab, P, G, S, E, rtol):
    _run(_RMSPROP, hp, flags, t, lr, tab, P, G, S, E, rtol)


@numba.njit(**_cached)
def adadelta(hp, flags, t, lr, tab, P, G, S, E, rtol):
    _run(_ADADELTA, hp, flags, t, lr, tab, P, G, S, E, rtol)


@numba.njit(**_cached)
def adam(hp, flags, t, lr, tab, P, G, S, E, rtol):
    _run(_ADAM, hp, flags, t, lr, tab, P, G, S, E, rtol)


@numba.njit(**_cached)
def nadam(hp, flags, t, lr, tab, P, G, S, E, rtol):
    _run(_NADAM, hp, flags, t, lr, tab, P, G, S, E, rtol)


@numba.njit(**_cached)
def radam(hp, flags, t, lr, tab, P, G, S, E, rtol):
    _run(_RADAM, hp, flags, t, lr, tab, P, G, S, E, rtol)


@numba.njit(**_cached)
def adamax(hp, flags, t, lr, tab, P, G, S, E, rtol):
    _run(_ADAMAX, hp, flags, t, lr, tab, P, G, S, E, rtol)


@numba.njit(**_cached)
def lion(hp, flags, t, lr, tab, P, G, S, E, rtol):
    _run(_LION, hp, flags, t, lr, tab, P, G, S, E, rtol)


@numba.njit(**_cached)
def qhm(hp, flags, t, lr, tab, P, G, S, E, rtol):
    _run(_QHM, hp, flags, t, lr, tab, P, G, S, E, rtol)


#: family code -> its compiled step (Newton has none: it is refused on networks)
STEPS = {
    rules.SGD: sgd, rules.ADAGRAD: adagrad, rules.RMSPROP: rmsprop, rules.ADADELTA: adadelta, rules.ADAM: adam,
    rules.NADAM: nadam, rules.RADAM: radam, rules.ADAMAX: adamax, rules.LION: lion, rules.QHM: qhm,
}  # fmt: skip
assert NEWTON not in STEPS


@numba.njit(inline="always", **_opts)
def _lt(a, b):
    """a < b with NaN above everything (np.partition's order)."""
    return a < b or (b != b and a == a)


@numba.njit(inline="always", **_opts)
def _select(a, lo, hi, k):
    """Move the k-th smallest of a[lo:hi] to a[k]: smaller-or-equal to its left, larger-or-equal to its right
    (Hoare's partition as in Wirth's selection: runs of equal values split evenly, no quadratic case)."""
    left, right = lo, hi - 1
    while left < right:
        x, y, z = a[left], a[(left + right) // 2], a[right]  # the median of three as the pivot's value
        if _lt(y, x):
            x, y = y, x
        if _lt(z, y):
            y = z
            if _lt(y, x):
                y = x
        pivot = y
        i, j = left, right
        while i <= j:
            while _lt(a[i], pivot):
                i += 1
            while _lt(pivot, a[j]):
                j -= 1
            if i <= j:
                a[i], a[j] = a[j], a[i]
                i += 1
                j -= 1
        if k <= j:
            right = j
        elif k >= i:
            left = i
        else:
            return


@numba.njit(cache=True, **_opts)
def layer_quantiles(eff, idx, starts, qs, out, buf):
    """Per layer ``l`` (sampled indices ``idx[starts[l]:starts[l+1]]``): the quantiles ``qs`` of ``eff`` there
    into ``out[l]``, as np.quantile (linear) computes them; ``buf`` is scratch of at least the largest sample."""
    for layer in range(starts.shape[0] - 1):
        a, b = starts[layer], starts[layer + 1]
        n = b - a
        for j in range(n):
            buf[j] = eff[idx[a + j]]
        done = -1  # the last rank selected in place: buf[done + 1:] holds the larger ones (the ranks ascend)
        for qi in range(qs.shape[0]):
            pos = qs[qi] * float(n - 1)
            lo = int(np.floor(pos))
            hi = min(lo + 1, n - 1)
            if lo > done:
                _select(buf, done + 1, n, lo)
                done = lo
            x = buf[lo]
            y = x
            if hi > lo:  # the next rank: the smallest of the larger ones
                y = buf[lo + 1]
                for j in range(lo + 2, n):
                    if _lt(buf[j], y):
                        y = buf[j]
            out[layer, qi] = x + (y - x) * (pos - float(lo))


def warm_up() -> None:
    """Every family's step and the quantiles once: loads (or compiles) their only specialization."""
    hp, flags, tab = np.zeros(8), np.zeros(2, dtype=np.int64), np.zeros(6)
    for fn in STEPS.values():
        fn(hp, flags, 1, 0.1, tab, np.zeros(3), np.zeros(3), np.zeros((3, 3)), np.zeros(3), 1e-12)
    starts = np.array([0, 2, 3], dtype=np.int64)
    layer_quantiles(np.zeros(3), np.arange(3), starts, np.array([0.1, 0.5, 0.9]), np.zeros((2, 3)), np.zeros(2))

"""The compiled step loop (numba): every optimizer family, k steps, many runs, one call.

Imported only by :mod:`engine.fast.loader` (never on a start-up path). One
function, :func:`advance`, serves every optimizer: a run ("lane") belongs to a
group (one Runner: one optimizer, its hyperparameters, its learning-rate table
and its batch-level step count); a whole race is one call. Every lane runs its
``k`` steps on its own (runs never interact), in registers, writing history
rows when asked. The arithmetic repeats the NumPy reference rules in
``engine/optimizers/*.py`` operation for operation (IEEE float64, no fastmath,
no FMA contraction; ``math.pow`` where Python computes ``float ** int``), so
both paths give the same bits (the rules themselves are :func:`engine.fast.rules.update`).

The objective's scalar kernels are C callbacks (``void(x, y, params*, out*)``)
called through their addresses, so this function is compiled once for all
surfaces and cached on disk.
"""

from __future__ import annotations

import math
from typing import Any

import numba
import numpy as np
from llvmlite import ir
from numba import types
from numba.core import cgutils
from numba.extending import intrinsic

from .protocol import NH, NS, SINGULAR_RTOL
from .rules import (
    CONVERGED,
    DIVERGED,
    NADAM,
    NEWTON,
    NT,
    RUNNING,
    modified_inverse,
    tables,
    update,
)

__all__ = ["ZERO_KERNEL", "advance", "modified_inverse", "step", "warm_up"]

# numba's on-disk cache of this module does not notice edits of engine.fast.rules, whose update()
# it inlines: the loader deletes the cached step loop when the sources' stamp changes
# (engine.fast.build.clear_step_loop_cache). Families: sgd ... newton, lion, qhm (rules.FAMILY_FUNCTIONS).


@intrinsic
def _callback(typingctx, addr, x, y, prm, out):
    """Call the C kernel at ``addr`` as ``kernel(x, y, prm.data, out.data)``."""
    sig = types.void(addr, x, y, prm, out)

    def codegen(context, builder, signature, args):
        dbl = ir.DoubleType()
        fnty = ir.FunctionType(ir.VoidType(), [dbl, dbl, dbl.as_pointer(), dbl.as_pointer()])
        fn = builder.inttoptr(args[0], fnty.as_pointer())
        prm_arr = cgutils.create_struct_proxy(signature.args[3])(context, builder, value=args[3])
        out_arr = cgutils.create_struct_proxy(signature.args[4])(context, builder, value=args[4])
        builder.call(fn, [args[1], args[2], prm_arr.data, out_arr.data])
        return context.get_dummy_value()

    return sig, codegen


@intrinsic
def _f64ptr(typingctx, addr):
    """The float64 pointer at integer address ``addr`` (a history array's data; see engine.fast.plan)."""
    sig = types.CPointer(types.float64)(addr)

    def codegen(context, builder, signature, args):
        return builder.inttoptr(args[0], ir.DoubleType().as_pointer())

    return sig, codegen


_opts: dict[str, Any] = dict(cache=True, error_model="numpy", fastmath=False, nogil=True)


@numba.njit(inline="always", **_opts)
def _within(gx, gy, tol):
    """|g| <= tol exactly, as math.hypot decides: |g|^2 well below or above tol^2 settles it without a hypot;
    only |g| within 1e-12 of tol (or a tol whose square is not a normal number) asks hypot."""
    t2 = tol * tol
    if 1e-290 <= t2 <= 1e290:
        s2 = gx * gx + gy * gy
        if s2 <= t2 * (1.0 - 1e-12):
            return True
        if s2 > t2 * (1.0 + 1e-12):
            return False
    return math.hypot(gx, gy) <= tol


@numba.njit(**_opts)
def _run_lane(
    i,
    fam,
    hp,
    flags,
    lrs,
    tab,
    t0,
    k,
    row0,
    P,
    G,
    F,
    S,
    status,
    stop,
    full,
    hist,
    nlanes,
    lane,
    box,
    tol,
    vg,
    gr,
    hs,
    kp,
    rtol,
):
    """k steps of lane i; returns the number of steps it took.

    ``hist`` the addresses of the group's history arrays (positions, losses, gradients, effective
    lrs: C-contiguous float64 of ``nlanes`` runs per row), written at column ``lane`` when ``full``.
    """
    out = np.empty(3)
    hpos: Any = _f64ptr(hist[0])  # type: ignore[call-arg]
    hloss: Any = _f64ptr(hist[1])
    hgrad: Any = _f64ptr(hist[2])
    heff: Any = _f64ptr(hist[3])
    x, y = P[i, 0], P[i, 1]
    gx, gy = G[i, 0], G[i, 1]
    s0, s1, s2, s3, s4, s5 = S[i, 0], S[i, 1], S[i, 2], S[i, 3], S[i, 4], S[i, 5]
    f = F[i]
    taken = 0
    cx, cy, lx, ly = box[0], box[1], box[2], box[3]
    has_box = lx == lx
    for j in range(k):
        t = t0 + j + 1
        lr = lrs[j]
        hxx = hxy = hyy = 0.0
        if fam == NEWTON:
            _callback(hs, x, y, kp, out)
            hxx, hxy, hyy = out[0], out[1], out[2]
        nx, ny, ex, ey, s0, s1, s2, s3, s4, s5 = update(
            fam, hp[1], hp[2], hp[3], hp[4], hp[5], flags[0], flags[1], t, lr, tab[j, 0], tab[j, 1], tab[j, 2],
            tab[j, 3], x, y, gx, gy, s0, s1, s2, s3, s4, s5, hxx, hxy, hyy, rtol,
        )  # fmt: skip
        x, y = nx, ny
        if full:
            _callback(vg, x, y, kp, out)
            f, gx, gy = out[0], out[1], out[2]
            cell = (row0 + j + 1) * nlanes + lane
            hpos[2 * cell] = x
            hpos[2 * cell + 1] = y
            hloss[cell] = f
            hgrad[2 * cell] = gx
            hgrad[2 * cell + 1] = gy
            heff[2 * cell] = ex
            heff[2 * cell + 1] = ey
        else:
            _callback(gr, x, y, kp, out)
            gx, gy = out[0], out[1]
        taken += 1
        # engine.runner.Runner._check, per run: diverged first, then converged
        if has_box:
            ok = abs(x - cx) <= lx and abs(y - cy) <= ly
        else:
            ok = math.isfinite(x) and math.isfinite(y)
        ok = ok and math.isfinite(gx) and math.isfinite(gy)
        if full:
            ok = ok and math.isfinite(f)
        if not ok:
            status[i] = DIVERGED
            stop[i] = t
            break
        if tol >= 0.0 and _within(gx, gy, tol):  # |g| <= tol exactly (no under- or overflow)
            status[i] = CONVERGED
            stop[i] = t
            break
    P[i, 0], P[i, 1] = x, y
    G[i, 0], G[i, 1] = gx, gy
    F[i] = f
    S[i, 0], S[i, 1], S[i, 2], S[i, 3], S[i, 4], S[i, 5] = s0, s1, s2, s3, s4, s5
    return taken


def _advance_impl(
    kmax,
    grp,
    lane_of,
    fam,
    hp,
    flags,
    lrs,
    t0,
    bstate,
    row0,
    P,
    G,
    F,
    S,
    status,
    stop,
    full,
    hist,
    nlanes,
    box,
    tol,
    vg,
    gr,
    hs,
    kp,
    rtol,
    taken,
    running,
):
    """Advance every running lane of group g by up to kmax[g] steps; taken[g] = steps group g moved,
    running[g] = its lanes still running."""
    ngroups = fam.shape[0]
    k = 0
    for g in range(ngroups):
        k = max(k, kmax[g])
    tab = np.zeros((ngroups, max(k, 1), NT))
    for g in range(ngroups):
        tables(fam[g], hp[g], t0[g], bstate[g], lrs[g], kmax[g], tab[g])
    nl = grp.shape[0]
    lane_taken = np.zeros(nl, dtype=np.int64)
    for i in range(nl):
        if status[i] != RUNNING:
            continue
        g = grp[i]
        lane_taken[i] = _run_lane(
            i,
            fam[g],
            hp[g],
            flags[g],
            lrs[g],
            tab[g],
            t0[g],
            kmax[g],
            row0[g],
            P,
            G,
            F,
            S,
            status,
            stop,
            full,
            hist[g],
            nlanes[g],
            lane_of[i],
            box[g],
            tol[g],
            vg,
            gr,
            hs,
            kp,
            rtol,
        )
    for g in range(ngroups):
        taken[g] = 0
        running[g] = 0
    for i in range(nl):
        g = grp[i]
        if lane_taken[i] > taken[g]:
            taken[g] = lane_taken[i]
        if status[i] == RUNNING:
            running[g] += 1
    for g in range(ngroups):
        if fam[g] == NADAM and taken[g] > 0:
            bstate[g] = tab[g, taken[g] - 1, 3]


advance = numba.njit(**_opts)(_advance_impl)

# rows of the int table a step call reads and writes (one column per group)
I_KMAX, I_T0, I_ROW0, I_TAKEN, I_RUNNING, I_STEPS, I_MAX, I_SCHED = range(8)


def _step_impl(
    k, only, ints, lr0, lrs, full, grp, lane_of, fam, hp, flags, bstate, P, G, F, S, status, stop,
    hist, nlanes, box, tol, vg, gr, hs, kp, rtol,
):  # fmt: skip
    """One call for a whole race: up to ``k`` steps for every group (or only group ``only`` >= 0).

    Does what the Python side would otherwise do per group on every call: each group's
    step count within its budget (``ints[I_MAX]`` < 0: none), its constant lr row (groups
    with ``ints[I_SCHED]`` set have theirs filled in ``lrs``), the lr history row of each
    step taken (``hist[g, 4]`` when ``full``) and the step counters.  A group with no running
    lane (``ints[I_RUNNING]`` 0, as the last call left it) does not move.
    """
    ng = fam.shape[0]
    kmax, t0, row0, taken, running = ints[I_KMAX], ints[I_T0], ints[I_ROW0], ints[I_TAKEN], ints[I_RUNNING]
    steps, budget, sched = ints[I_STEPS], ints[I_MAX], ints[I_SCHED]
    for g in range(ng):
        kg = k
        if (only >= 0 and g != only) or running[g] == 0:
            kg = 0
        if budget[g] >= 0 and budget[g] - steps[g] < kg:
            kg = max(budget[g] - steps[g], 0)
        kmax[g] = kg
        t0[g] = steps[g]
        row0[g] = steps[g]
        if sched[g] == 0:
            for j in range(kg):
                lrs[g, j] = lr0[g]
    advance(
        kmax, grp, lane_of, fam, hp, flags, lrs, t0, bstate, row0, P, G, F, S, status, stop, full,
        hist, nlanes, box, tol, vg, gr, hs, kp, rtol, taken, running,
    )  # fmt: skip
    for g in range(ng):
        s0 = steps[g]
        if full:
            h: Any = _f64ptr(hist[g, 4])  # type: ignore[call-arg]
            for j in range(taken[g]):
                h[s0 + 1 + j] = lrs[g, j]
        steps[g] = s0 + taken[g]


step = numba.njit(**_opts)(_step_impl)

_SIG = types.void(types.float64, types.float64, types.CPointer(types.float64), types.CPointer(types.float64))


@numba.cfunc(_SIG, cache=True, error_model="numpy")
def _zero_kernel(x, y, prm, out):
    """f = 0, grad = 0, Hessian = 0: the objective of the warm-up call."""
    out[0] = 0.0 * x
    out[1] = 0.0 * y
    out[2] = 0.0


ZERO_KERNEL = _zero_kernel.address


def warm_up() -> None:
    """One call of the step loop on a dummy lane: loads (or compiles) its only specialization."""
    one = lambda *shape: np.zeros(shape)
    rows = [one(3, 1, 2), one(3, 1), one(3, 1, 2), one(3, 1, 2), one(3)]
    hist = np.array([[a.ctypes.data for a in rows]], dtype=np.int64)
    table = np.zeros((8, 1), dtype=np.int64)
    table[4, 0] = 1  # one running lane
    ints = lambda *v: np.array(v, dtype=np.int64)
    step(
        2, -1, table, np.full(1, 0.1), one(1, 2), True, ints(0), ints(0), ints(4), one(1, NH),
        np.zeros((1, 2), dtype=np.int64), np.ones(1), one(1, 2), one(1, 2), one(1), one(1, NS),
        np.zeros(1, dtype=np.int8), np.full(1, -1, dtype=np.int64), hist, ints(1), np.full((1, 4), np.nan),
        np.full(1, -1.0), ZERO_KERNEL, ZERO_KERNEL, ZERO_KERNEL, np.zeros(1), SINGULAR_RTOL,
    )  # fmt: skip

"""The compiled step loop (numba): every optimizer family, k steps, many runs, one call.

Imported only by :mod:`engine.fast.loader` (never on a start-up path). One
function, :func:`advance`, serves every optimizer: a run ("lane") belongs to a
group (one Runner: one optimizer, its hyperparameters, its learning-rate table
and its batch-level step count); a whole race is one call. Every lane runs its
``k`` steps on its own (runs never interact), in registers, writing history
rows when asked. The arithmetic repeats the NumPy reference rules in
``engine/optimizers/*.py`` operation for operation (IEEE float64, no fastmath,
no FMA contraction; ``math.pow`` where Python computes ``float ** int``), so
both paths give the same bits.

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

# family codes (engine.fast.plan.FAMILIES maps registry names to them)
SGD, ADAGRAD, RMSPROP, ADADELTA, ADAM, NADAM, RADAM, ADAMAX, NEWTON = range(9)
# lane status codes
RUNNING, CONVERGED, DIVERGED = 0, 1, 2
NT = 6  # per-step scalar table width


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


_opts: dict[str, Any] = dict(cache=True, error_model="numpy", fastmath=False, nogil=True)


@numba.njit(inline="always", **_opts)
def _lerp(start, end, weight):
    diff = end - start
    if abs(weight) < 0.5:
        return start + weight * diff
    return end - diff * (1.0 - weight)


@numba.njit(inline="always", **_opts)
def _maximum(a, b):
    """np.maximum: NaN wins."""
    if a != a:
        return a
    if b != b:
        return b
    return a if a >= b else b


@numba.njit(**_opts)
def _tables(fam, hp, t0, bstate, lrs, k, tab):
    """Per-step scalars of one group (they depend on the step count only), as Python computes them."""
    b1, b2 = hp[1], hp[2]
    mu_product = bstate
    for j in range(k):
        t = t0 + j + 1
        lr = lrs[j]
        ft = float(t)
        if fam == ADAGRAD:
            tab[j, 0] = lr / (1.0 + float(t - 1) * hp[1])
        elif fam == ADAM:
            tab[j, 0] = lr / (1.0 - math.pow(b1, ft))
            tab[j, 1] = math.pow(1.0 - math.pow(b2, ft), 0.5)
        elif fam == NADAM:
            decay = hp[5]
            bc2 = 1.0 - math.pow(b2, ft)
            mu = b1 * (1.0 - 0.5 * math.pow(0.96, ft * decay))
            mu_next = b1 * (1.0 - 0.5 * math.pow(0.96, float(t + 1) * decay))
            mu_product = mu_product * mu
            tab[j, 0] = bc2
            tab[j, 1] = ((-lr) * (1.0 - mu)) / (1.0 - mu_product)
            tab[j, 2] = ((-lr) * mu_next) / (1.0 - mu_product * mu_next)
            tab[j, 3] = mu_product
        elif fam == RADAM:
            bc1 = 1.0 - math.pow(b1, ft)
            bc2 = 1.0 - math.pow(b2, ft)
            rho_inf = 2.0 / (1.0 - b2) - 1.0
            rho_t = rho_inf - ((2.0 * ft) * math.pow(b2, ft)) / bc2
            tab[j, 0] = bc1
            tab[j, 2] = rho_t
            if rho_t > 5.0:
                tab[j, 1] = math.pow(
                    (rho_t - 4.0) * (rho_t - 2.0) * rho_inf / ((rho_inf - 4.0) * (rho_inf - 2.0) * rho_t), 0.5
                )
                tab[j, 3] = math.pow(bc2, 0.5)
        elif fam == ADAMAX:
            tab[j, 0] = lr / (1.0 - math.pow(b1, ft))


@numba.njit(inline="always", **_opts)
def _two_product(a, b):
    """(p, e) with p + e == a * b exactly (Dekker, Veltkamp splitting; no FMA needed)."""
    p = a * b
    split = 134217729.0  # 2**27 + 1
    ca = split * a
    ah = ca - (ca - a)
    al = a - ah
    cb = split * b
    bh = cb - (cb - b)
    bl = b - bh
    e = ((ah * bh - p) + ah * bl + al * bh) + al * bl
    return p, e


@numba.njit(**_opts)
def modified_inverse(hxx, hxy, hyx, hyy, damping, saddle_free, rtol):
    """Scalar twin of engine.optimizers.newton.modified_inverse (same operations)."""
    a = hxx
    b = 0.5 * (hxy + hyx)
    c = hyy
    half_diff = 0.5 * (a - c)
    mean = 0.5 * (a + c)
    radius = math.hypot(half_diff, b)
    # the eigenvalue of larger magnitude without cancellation, the other from det / it
    big = mean + radius if mean >= 0.0 else mean - radius
    p1, e1 = _two_product(a, c)
    p2, e2 = _two_product(b, b)
    det = (p1 - p2) + (e1 - e2)
    if big != 0.0 and math.isfinite(det):
        small = det / big
    else:
        small = mean - radius if mean >= 0.0 else mean + radius
    if mean >= 0.0:
        lam_hi, lam_lo = big, small
    else:
        lam_hi, lam_lo = small, big
    if saddle_free:
        m_hi, m_lo = abs(lam_hi) + damping, abs(lam_lo) + damping
    else:
        m_hi, m_lo = lam_hi + damping, lam_lo + damping
    tiny = rtol * (1.0 + _maximum(abs(lam_hi), abs(lam_lo)))
    inv_hi = 1.0 / m_hi if abs(m_hi) > tiny else 0.0
    inv_lo = 1.0 / m_lo if abs(m_lo) > tiny else 0.0
    if radius > 0.0:
        r2 = 2.0 * radius
        s = radius + abs(half_diff)
        wide = s / r2
        narrow = (b / s) * (b / r2)
        q = b / r2
        if half_diff >= 0.0:
            p11, p22 = wide, narrow
        else:
            p11, p22 = narrow, wide
    else:
        p11, p22, q = 1.0, 0.0, 0.0 * b
    if radius != radius:
        p11 = p22 = q = radius
    return inv_hi * p11 + inv_lo * p22, (inv_hi - inv_lo) * q, inv_hi * p22 + inv_lo * p11


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
    hpos,
    hloss,
    hgrad,
    heff,
    lane,
    box,
    tol2,
    vg,
    gr,
    hs,
    kp,
    rtol,
):
    """k steps of lane i; returns the number of steps it took."""
    out = np.empty(3)
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
        ex = lr
        ey = lr
        if fam == SGD:
            mom, damp, wd = hp[1], hp[2], hp[3]
            ux, uy = gx, gy
            if wd != 0.0:
                ux = gx + wd * x
                uy = gy + wd * y
            if mom != 0.0:
                if t == 1:
                    s0, s1 = ux, uy
                else:
                    s0 = s0 * mom + (1.0 - damp) * ux
                    s1 = s1 * mom + (1.0 - damp) * uy
                if flags[0]:
                    ux = ux + mom * s0
                    uy = uy + mom * s1
                else:
                    ux, uy = s0, s1
            nx = x + (-lr) * ux
            ny = y + (-lr) * uy
        elif fam == ADAGRAD:
            wd, eps = hp[2], hp[4]
            clr = tab[j, 0]
            ux, uy = gx, gy
            if wd != 0.0:
                ux = gx + wd * x
                uy = gy + wd * y
            s0 = s0 + ux * ux
            s1 = s1 + uy * uy
            dx = math.sqrt(s0) + eps
            dy = math.sqrt(s1) + eps
            nx = x + ((-clr) * ux) / dx
            ny = y + ((-clr) * uy) / dy
            ex = clr / dx
            ey = clr / dy
        elif fam == RMSPROP:
            alpha, eps, wd, mom = hp[1], hp[2], hp[3], hp[4]
            ux, uy = gx, gy
            if wd != 0.0:
                ux = gx + wd * x
                uy = gy + wd * y
            s0 = s0 * alpha + ((1.0 - alpha) * ux) * ux
            s1 = s1 * alpha + ((1.0 - alpha) * uy) * uy
            if flags[0]:
                s2 = _lerp(s2, ux, 1.0 - alpha)
                s3 = _lerp(s3, uy, 1.0 - alpha)
                dx = math.sqrt(s0 + ((-1.0) * s2) * s2) + eps
                dy = math.sqrt(s1 + ((-1.0) * s3) * s3) + eps
            else:
                dx = math.sqrt(s0) + eps
                dy = math.sqrt(s1) + eps
            if mom > 0.0:
                s4 = s4 * mom + ux / dx
                s5 = s5 * mom + uy / dy
                nx = x + (-lr) * s4
                ny = y + (-lr) * s5
            else:
                nx = x + ((-lr) * ux) / dx
                ny = y + ((-lr) * uy) / dy
            ex = lr / dx
            ey = lr / dy
        elif fam == ADADELTA:
            rho, eps, wd = hp[1], hp[2], hp[3]
            ux, uy = gx, gy
            if wd != 0.0:
                ux = gx + wd * x
                uy = gy + wd * y
            s0 = s0 * rho + ((1.0 - rho) * ux) * ux
            s1 = s1 * rho + ((1.0 - rho) * uy) * uy
            scx = math.sqrt(s2 + eps) / math.sqrt(s0 + eps)
            scy = math.sqrt(s3 + eps) / math.sqrt(s1 + eps)
            dlx = scx * ux
            dly = scy * uy
            s2 = s2 * rho + ((1.0 - rho) * dlx) * dlx
            s3 = s3 * rho + ((1.0 - rho) * dly) * dly
            nx = x + (-lr) * dlx
            ny = y + (-lr) * dly
            ex = lr * scx
            ey = lr * scy
        elif fam == NEWTON:
            out3 = out
            _callback(hs, x, y, kp, out3)  # type: ignore[call-arg]
            ma, mb, mc = modified_inverse(out3[0], out3[1], out3[1], out3[2], hp[1], flags[0], rtol)
            stx = ma * gx + mb * gy
            sty = mb * gx + mc * gy
            nx = x - lr * stx
            ny = y - lr * sty
            ex = lr * ma
            ey = lr * mc
        else:  # the Adam family: adam/amsgrad/adamw, nadam, radam, adamax
            b1, b2, eps, wd = hp[1], hp[2], hp[3], hp[4]
            ux, uy = gx, gy
            px, py = x, y
            if flags[1]:  # decoupled weight decay
                if wd != 0.0:
                    px = x * (1.0 - lr * wd)
                    py = y * (1.0 - lr * wd)
            elif wd != 0.0:
                ux = gx + wd * x
                uy = gy + wd * y
            s0 = _lerp(s0, ux, 1.0 - b1)
            s1 = _lerp(s1, uy, 1.0 - b1)
            if fam == ADAMAX:
                s2 = _maximum(s2 * b2, abs(ux) + eps)
                s3 = _maximum(s3 * b2, abs(uy) + eps)
                clr = tab[j, 0]
                nx = px + ((-clr) * s0) / s2
                ny = py + ((-clr) * s1) / s3
                ex = clr / s2
                ey = clr / s3
            else:
                s2 = s2 * b2 + ((1.0 - b2) * ux) * ux
                s3 = s3 * b2 + ((1.0 - b2) * uy) * uy
                if fam == ADAM:
                    step_size, bc2_sqrt = tab[j, 0], tab[j, 1]
                    if flags[0]:
                        s4 = _maximum(s4, s2)
                        s5 = _maximum(s5, s3)
                        dx = math.sqrt(s4) / bc2_sqrt + eps
                        dy = math.sqrt(s5) / bc2_sqrt + eps
                    else:
                        dx = math.sqrt(s2) / bc2_sqrt + eps
                        dy = math.sqrt(s3) / bc2_sqrt + eps
                    nx = px + ((-step_size) * s0) / dx
                    ny = py + ((-step_size) * s1) / dy
                    ex = step_size / dx
                    ey = step_size / dy
                elif fam == NADAM:
                    bc2, c1, c2 = tab[j, 0], tab[j, 1], tab[j, 2]
                    dx = math.sqrt(s2 / bc2) + eps
                    dy = math.sqrt(s3 / bc2) + eps
                    nx = px + (c1 * ux) / dx
                    ny = py + (c1 * uy) / dy
                    nx = nx + (c2 * s0) / dx
                    ny = ny + (c2 * s1) / dy
                    ex = lr / dx
                    ey = lr / dy
                else:  # RADAM
                    bc1, rect, rho_t, bc2_half = tab[j, 0], tab[j, 1], tab[j, 2], tab[j, 3]
                    mx = s0 / bc1
                    my = s1 / bc1
                    if rho_t > 5.0:
                        adx = (1.0 / (math.sqrt(s2) + eps)) * bc2_half
                        ady = (1.0 / (math.sqrt(s3) + eps)) * bc2_half
                        nx = px + -1.0 * (((mx * lr) * adx) * rect)
                        ny = py + -1.0 * (((my * lr) * ady) * rect)
                        ex = (lr * rect) * adx
                        ey = (lr * rect) * ady
                    else:
                        nx = px + -1.0 * (mx * lr)
                        ny = py + -1.0 * (my * lr)
        x, y = nx, ny
        if full:
            _callback(vg, x, y, kp, out)  # type: ignore[call-arg]
            f, gx, gy = out[0], out[1], out[2]
            r = row0 + j + 1
            hpos[r, lane, 0] = x
            hpos[r, lane, 1] = y
            hloss[r, lane] = f
            hgrad[r, lane, 0] = gx
            hgrad[r, lane, 1] = gy
            heff[r, lane, 0] = ex
            heff[r, lane, 1] = ey
        else:
            _callback(gr, x, y, kp, out)  # type: ignore[call-arg]
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
        if tol2 >= 0.0 and gx * gx + gy * gy <= tol2:
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
    hpos,
    hloss,
    hgrad,
    heff,
    box,
    tol2,
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
        _tables(fam[g], hp[g], t0[g], bstate[g], lrs[g], kmax[g], tab[g])
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
            hpos[g],
            hloss[g],
            hgrad[g],
            heff[g],
            lane_of[i],
            box[g],
            tol2[g],
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
    k, only, ints, lr0, lrs, hlr, full, grp, lane_of, fam, hp, flags, bstate, P, G, F, S, status, stop,
    hpos, hloss, hgrad, heff, box, tol2, vg, gr, hs, kp, rtol,
):  # fmt: skip
    """One call for a whole race: up to ``k`` steps for every group (or only group ``only`` >= 0).

    Does what the Python side would otherwise do per group on every call: each group's
    step count within its budget (``ints[I_MAX]`` < 0: none), its constant lr row (groups
    with ``ints[I_SCHED]`` set have theirs filled in ``lrs``), the lr history row of each
    step taken (``hlr[g]`` when ``full``) and the step counters.  A group with no running
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
        hpos, hloss, hgrad, heff, box, tol2, vg, gr, hs, kp, rtol, taken, running,
    )  # fmt: skip
    for g in range(ng):
        s0 = steps[g]
        if full:
            h = hlr[g]
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

"""Blocked lane loops: one optimizer family on one surface, many runs, both cores (numba).

The step loop of :mod:`engine.fast.kernel` serves every family and every surface with
one compiled function: it runs one lane after the other and calls the surface through a
C function pointer, which the compiler cannot vectorize.  For big batches without
history (``record="final"``: basin maps, sweeps, many starts) this module generates, per
surface kernels x optimizer family, a loop that

* holds a block of ``BLOCK`` lanes in small contiguous arrays (they stay in L1),
* runs step-outer / lane-inner over the block, with the family a compile-time constant
  and the surface kernel called directly (inlined), so the lane loop is straight-line
  arithmetic and selects that LLVM vectorizes across lanes (AVX2/AVX-512),
* stops lanes by masks (a stopped lane keeps its values, exactly as the scalar loop
  leaves them) and leaves a block when all its lanes have stopped,

and :func:`run` splits the lanes between threads (the loop releases the GIL).  The
arithmetic is the family's function in :mod:`engine.fast.rules` (``_adam`` ...), the
same the scalar loop calls through ``rules.update``; vectorizing changes no operation
and no order inside a lane (no fastmath, no FMA contraction, no reductions; IEEE
division and square root are exact in SIMD too), so both loops give the NumPy path's
bits (tests/engine/test_lanes.py runs every compiled surface x optimizer through it).

The generated modules live next to the callbacks (``~/.cache/gradient-arena/kernels``),
named by a hash of their text, the surface's source files and engine/fast, and numba
caches their machine code on disk; they are compiled (or loaded) in the background
(:func:`prepare`), and big jobs use the scalar loop until they are ready.
"""

from __future__ import annotations

import os
import threading
from typing import Any

import numpy as np

BLOCK = 512  # lanes per block: 12 arrays x 512 x 8 B = 48 KB (L1/L2 resident)
MIN_LANES = 256  # smaller batches stay on the scalar loop (one block would not pay)
MIN_THREAD_POINT_STEPS = 200_000  # below this a call runs on the calling thread only
CHUNKS_PER_THREAD = 8  # chunks of lanes per thread, taken in turn

_TEMPLATE = '''
import math

from engine.fast.rules import NEWTON, RUNNING, CONVERGED, DIVERGED, {family} as update

FAM = {fam}
BLOCK = {block}


@numba.njit(cache={cache}, error_model="numpy", fastmath=False, nogil=True)
def run_lanes(lo, hi, k, t0, lrs, tab, hp, flags, P, G, S, status, stop, box, tol, kp, rtol):
    """Up to k steps of lanes lo..hi-1 (record='final'); returns the most steps a lane took."""
    X = np.empty(BLOCK)
    Y = np.empty(BLOCK)
    GX = np.empty(BLOCK)
    GY = np.empty(BLOCK)
    S0 = np.empty(BLOCK)
    S1 = np.empty(BLOCK)
    S2 = np.empty(BLOCK)
    S3 = np.empty(BLOCK)
    S4 = np.empty(BLOCK)
    S5 = np.empty(BLOCK)
    ST = np.empty(BLOCK, dtype=np.int8)
    SP = np.empty(BLOCK, dtype=np.int64)
    AMB = np.zeros(BLOCK, dtype=np.bool_)
    n_near = 0
    h1, h2, h3, h4, h5 = hp[1], hp[2], hp[3], hp[4], hp[5]
    f0, f1 = flags[0], flags[1]
    cx, cy, lx, ly = box[0], box[1], box[2], box[3]
    has_box = lx == lx
    check_tol = tol >= 0.0
    # |g| <= tol exactly, as math.hypot decides, without a hypot per lane and step: |g|^2 well below (above)
    # tol^2 settles it; only the rare |g| within 1e-12 of tol (or a tol whose square is not a normal number)
    # asks hypot
    t2 = tol * tol
    if 1e-290 <= t2 <= 1e290:
        lo2, hi2 = t2 * (1.0 - 1e-12), t2 * (1.0 + 1e-12)
    else:
        lo2, hi2 = -1.0, math.inf
    big = 1.7976931348623157e308
    most = 0
    for b0 in range(lo, hi, BLOCK):
        m = min(BLOCK, hi - b0)
        live = 0
        for i in range(m):
            X[i] = P[b0 + i, 0]
            Y[i] = P[b0 + i, 1]
            GX[i] = G[b0 + i, 0]
            GY[i] = G[b0 + i, 1]
            S0[i] = S[b0 + i, 0]
            S1[i] = S[b0 + i, 1]
            S2[i] = S[b0 + i, 2]
            S3[i] = S[b0 + i, 3]
            S4[i] = S[b0 + i, 4]
            S5[i] = S[b0 + i, 5]
            ST[i] = status[b0 + i]
            SP[i] = stop[b0 + i]
            live += ST[i] == RUNNING
        j = 0
        while j < k and live > 0:
            t = t0 + j + 1
            lr = lrs[j]
            c0, c1, c2, c3 = tab[j, 0], tab[j, 1], tab[j, 2], tab[j, 3]
            live = 0
            for i in range(m):
                x = X[i]
                y = Y[i]
                gx = GX[i]
                gy = GY[i]
                hxx = hxy = hyy = 0.0
                if FAM == NEWTON:
                    hxx, hxy, hyy = {hessian}
                nx, ny, ex, ey, n0, n1, n2, n3, n4, n5 = update(
                    h1, h2, h3, h4, h5, f0, f1, t, lr, c0, c1, c2, c3,
                    x, y, gx, gy, S0[i], S1[i], S2[i], S3[i], S4[i], S5[i], hxx, hxy, hyy, rtol,
                )
                g2 = {grad}
                ngx, ngy = g2[{gi}], g2[{gi} + 1]
                if has_box:
                    ok = (abs(nx - cx) <= lx) & (abs(ny - cy) <= ly)
                else:
                    ok = (abs(nx) <= big) & (abs(ny) <= big)
                ok = ok & (abs(ngx) <= big) & (abs(ngy) <= big)
                s2 = ngx * ngx + ngy * ngy
                conv = check_tol & (s2 <= lo2)
                near = check_tol & (s2 > lo2) & (s2 <= hi2)  # hypot decides these, after this loop
                AMB[i] = near
                n_near += near
                run = ST[i] == RUNNING
                X[i] = nx if run else x
                Y[i] = ny if run else y
                GX[i] = ngx if run else gx
                GY[i] = ngy if run else gy
                S0[i] = n0 if run else S0[i]
                S1[i] = n1 if run else S1[i]
                S2[i] = n2 if run else S2[i]
                S3[i] = n3 if run else S3[i]
                S4[i] = n4 if run else S4[i]
                S5[i] = n5 if run else S5[i]
                bad = run & ~ok
                done = run & ok & conv
                ST[i] = DIVERGED if bad else (CONVERGED if done else ST[i])
                SP[i] = t if (bad | done) else SP[i]
                live += run & ok & ~conv
            if n_near:  # |g| within 1e-12 of tol: converged if hypot says so (branchless loop above)
                n_near = 0
                for i in range(m):
                    if AMB[i] and ST[i] == RUNNING and math.hypot(GX[i], GY[i]) <= tol:
                        ST[i] = CONVERGED
                        SP[i] = t
                        live -= 1
            j += 1
        for i in range(m):
            P[b0 + i, 0] = X[i]
            P[b0 + i, 1] = Y[i]
            G[b0 + i, 0] = GX[i]
            G[b0 + i, 1] = GY[i]
            S[b0 + i, 0] = S0[i]
            S[b0 + i, 1] = S1[i]
            S[b0 + i, 2] = S2[i]
            S[b0 + i, 3] = S3[i]
            S[b0 + i, 4] = S4[i]
            S[b0 + i, 5] = S5[i]
            if ST[i] != status[b0 + i]:
                most = max(most, SP[i] - t0)
            elif ST[i] == RUNNING:
                most = max(most, j)
            status[b0 + i] = ST[i]
            stop[b0 + i] = SP[i]
    return most
'''


def render(layout: str, has_grad: bool, fam: int, nparams: int, cache: bool) -> str:
    """The loop's text for kernels of this layout and family (engine.fast.callbacks puts it in a module that
    defines ``_vg``, ``_gr``, ``_hs``, ``_point``); ``has_grad``: the kernels have their own gradient."""
    args = "".join(f", kp[{i}]" for i in range(nparams))
    if layout == "xy":
        grad, gi = (f"_gr(nx, ny{args})", 0) if has_grad else (f"_vg(nx, ny{args})", 1)
        hessian = f"_hs(x, y{args})"
    else:
        grad = "_gr(_point(nx, ny))" if has_grad else "_vg(_point(nx, ny))[1]"
        gi, hessian = 0, "_hs(_point(x, y))"
    from .rules import FAMILY_FUNCTIONS

    family = FAMILY_FUNCTIONS[fam]
    return _TEMPLATE.format(fam=int(fam), family=family, block=BLOCK, cache=cache, grad=grad, gi=gi, hessian=hessian)


_pool: Any = None  # a concurrent.futures.ThreadPoolExecutor, made on first use
_pool_lock = threading.Lock()


def threads() -> int:
    """How many threads a big call uses (the machine's cores, at most 8; GRADIENT_ARENA_THREADS overrides)."""
    env = os.environ.get("GRADIENT_ARENA_THREADS", "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    return max(1, min(8, os.cpu_count() or 1))


def run(fn: Any, k: int, t0: int, lrs: np.ndarray, tab: np.ndarray, batch: Any, g: int, kp: Any, rtol: float) -> int:
    """Run ``fn`` (a generated ``run_lanes``) over every lane of group ``g`` of ``batch``, split between threads.

    The lanes are cut into chunks of whole blocks that the threads (this one included) take one
    after the other, so a thread the system does not schedule for a while (a busy machine) holds
    back at most one chunk instead of half of the work.
    """
    global _pool
    n = batch.P.shape[0]
    args = (k, t0, lrs, tab, batch.hp[g], batch.flags[g], batch.P, batch.G, batch.S, batch.status, batch.stop,
            batch.box[g], float(batch.tol[g]), kp, rtol)  # fmt: skip
    nt = min(threads(), max(1, (n * k) // MIN_THREAD_POINT_STEPS), -(-n // BLOCK))
    if nt <= 1:
        return int(fn(0, n, *args))
    with _pool_lock:
        if _pool is None:
            from concurrent.futures import ThreadPoolExecutor

            _pool = ThreadPoolExecutor(max_workers=threads(), thread_name_prefix="gradient-arena-lanes")
    blocks = -(-n // BLOCK)
    per = max(1, min(-(-blocks // (CHUNKS_PER_THREAD * nt)), max(1, MIN_THREAD_POINT_STEPS // (BLOCK * k)) * 4))
    cuts = iter([(lo, min(n, lo + per * BLOCK)) for lo in range(0, n, per * BLOCK)])
    take = threading.Lock()

    def worker() -> int:
        most = 0
        while True:
            with take:
                cut = next(cuts, None)
            if cut is None:
                return most
            most = max(most, int(fn(cut[0], cut[1], *args)))

    futures = [_pool.submit(worker) for _ in range(nt - 1)]
    most = worker()
    for fut in futures:
        most = max(most, fut.result())
    return most


def warm_up(fn: Any) -> None:
    """Call ``fn`` on no lanes with the argument types :func:`run` passes: loads (or compiles) them."""
    z = np.zeros
    fn(0, 0, 0, 0, z(1), z((1, 6)), z(8), z(2, dtype=np.int64), z((1, 2)), z((1, 2)), z((1, 6)),
       z(1, dtype=np.int8), z(1, dtype=np.int64), z(4), 0.0, z(1), 1e-12)  # fmt: skip

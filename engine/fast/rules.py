"""The update rules of every optimizer family on one point, as compiled scalar code (numba).

One function, :func:`update`, is the arithmetic of one step of one run ("lane"): the
step loop of :mod:`engine.fast.kernel` (every family, one lane at a time) and the
blocked loops of :mod:`engine.fast.lanes` (one family, many lanes at a time) both
inline it, so there is one copy of the rules to keep equal to the NumPy reference
(``engine/optimizers/*.py``), operation for operation: IEEE float64, no fastmath, no
FMA contraction, ``math.pow`` where Python computes ``float ** int``.

Imported only from the background loader and the generated lane modules (it imports numba).
"""

from __future__ import annotations

import math
from typing import Any

import numba

# family codes (engine.fast.plan.FAMILIES maps registry names to them)
SGD, ADAGRAD, RMSPROP, ADADELTA, ADAM, NADAM, RADAM, ADAMAX, NEWTON, LION, QHM = range(11)
# lane status codes
RUNNING, CONVERGED, DIVERGED = 0, 1, 2
NT = 6  # per-step scalar table width

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
def tables(fam, hp, t0, bstate, lrs, k, tab):
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
def _sgd(h1, h2, h3, h4, h5, f0, f1, t, lr, c0, c1, c2, c3, x, y, gx, gy, s0, s1, s2, s3, s4, s5, hxx, hxy, hyy, rtol):
    ex = lr
    ey = lr
    mom, damp, wd = h1, h2, h3
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
        if f0:
            ux = ux + mom * s0
            uy = uy + mom * s1
        else:
            ux, uy = s0, s1
    nx = x + (-lr) * ux
    ny = y + (-lr) * uy
    return nx, ny, ex, ey, s0, s1, s2, s3, s4, s5


@numba.njit(**_opts)
def _adagrad(
    h1, h2, h3, h4, h5, f0, f1, t, lr, c0, c1, c2, c3, x, y, gx, gy, s0, s1, s2, s3, s4, s5, hxx, hxy, hyy, rtol
):
    ex = lr
    ey = lr
    wd, eps = h2, h4
    clr = c0
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
    return nx, ny, ex, ey, s0, s1, s2, s3, s4, s5


@numba.njit(**_opts)
def _rmsprop(
    h1, h2, h3, h4, h5, f0, f1, t, lr, c0, c1, c2, c3, x, y, gx, gy, s0, s1, s2, s3, s4, s5, hxx, hxy, hyy, rtol
):
    ex = lr
    ey = lr
    alpha, eps, wd, mom = h1, h2, h3, h4
    ux, uy = gx, gy
    if wd != 0.0:
        ux = gx + wd * x
        uy = gy + wd * y
    s0 = s0 * alpha + ((1.0 - alpha) * ux) * ux
    s1 = s1 * alpha + ((1.0 - alpha) * uy) * uy
    if f0:
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
    return nx, ny, ex, ey, s0, s1, s2, s3, s4, s5


@numba.njit(**_opts)
def _adadelta(
    h1, h2, h3, h4, h5, f0, f1, t, lr, c0, c1, c2, c3, x, y, gx, gy, s0, s1, s2, s3, s4, s5, hxx, hxy, hyy, rtol
):
    ex = lr
    ey = lr
    rho, eps, wd = h1, h2, h3
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
    return nx, ny, ex, ey, s0, s1, s2, s3, s4, s5


@numba.njit(**_opts)
def _newton(
    h1, h2, h3, h4, h5, f0, f1, t, lr, c0, c1, c2, c3, x, y, gx, gy, s0, s1, s2, s3, s4, s5, hxx, hxy, hyy, rtol
):
    ex = lr
    ey = lr
    ma, mb, mc = modified_inverse(hxx, hxy, hxy, hyy, h1, f0, rtol)
    stx = ma * gx + mb * gy
    sty = mb * gx + mc * gy
    nx = x - lr * stx
    ny = y - lr * sty
    ex = lr * ma
    ey = lr * mc
    return nx, ny, ex, ey, s0, s1, s2, s3, s4, s5


@numba.njit(inline="always", **_opts)
def _adam_head(b1, wd, f1, lr, x, y, gx, gy, s0, s1):
    """What the Adam family shares: weight decay (coupled or decoupled) and the first moment."""
    ux, uy = gx, gy
    px, py = x, y
    if f1:  # decoupled weight decay
        if wd != 0.0:
            px = x * (1.0 - lr * wd)
            py = y * (1.0 - lr * wd)
    elif wd != 0.0:
        ux = gx + wd * x
        uy = gy + wd * y
    s0 = _lerp(s0, ux, 1.0 - b1)
    s1 = _lerp(s1, uy, 1.0 - b1)
    return px, py, ux, uy, s0, s1


@numba.njit(**_opts)
def _adamax(
    h1, h2, h3, h4, h5, f0, f1, t, lr, c0, c1, c2, c3, x, y, gx, gy, s0, s1, s2, s3, s4, s5, hxx, hxy, hyy, rtol
):
    b1, b2, eps, wd = h1, h2, h3, h4
    px, py, ux, uy, s0, s1 = _adam_head(b1, wd, f1, lr, x, y, gx, gy, s0, s1)
    s2 = _maximum(s2 * b2, abs(ux) + eps)
    s3 = _maximum(s3 * b2, abs(uy) + eps)
    clr = c0
    nx = px + ((-clr) * s0) / s2
    ny = py + ((-clr) * s1) / s3
    return nx, ny, clr / s2, clr / s3, s0, s1, s2, s3, s4, s5


@numba.njit(**_opts)
def _adam(h1, h2, h3, h4, h5, f0, f1, t, lr, c0, c1, c2, c3, x, y, gx, gy, s0, s1, s2, s3, s4, s5, hxx, hxy, hyy, rtol):
    """adam, amsgrad (``f0``), adamw (``f1``: decoupled weight decay)."""
    b1, b2, eps, wd = h1, h2, h3, h4
    px, py, ux, uy, s0, s1 = _adam_head(b1, wd, f1, lr, x, y, gx, gy, s0, s1)
    s2 = s2 * b2 + ((1.0 - b2) * ux) * ux
    s3 = s3 * b2 + ((1.0 - b2) * uy) * uy
    step_size, bc2_sqrt = c0, c1
    if f0:
        s4 = _maximum(s4, s2)
        s5 = _maximum(s5, s3)
        dx = math.sqrt(s4) / bc2_sqrt + eps
        dy = math.sqrt(s5) / bc2_sqrt + eps
    else:
        dx = math.sqrt(s2) / bc2_sqrt + eps
        dy = math.sqrt(s3) / bc2_sqrt + eps
    nx = px + ((-step_size) * s0) / dx
    ny = py + ((-step_size) * s1) / dy
    return nx, ny, step_size / dx, step_size / dy, s0, s1, s2, s3, s4, s5


@numba.njit(**_opts)
def _nadam(
    h1, h2, h3, h4, h5, f0, f1, t, lr, c0, c1, c2, c3, x, y, gx, gy, s0, s1, s2, s3, s4, s5, hxx, hxy, hyy, rtol
):
    b1, b2, eps, wd = h1, h2, h3, h4
    px, py, ux, uy, s0, s1 = _adam_head(b1, wd, f1, lr, x, y, gx, gy, s0, s1)
    s2 = s2 * b2 + ((1.0 - b2) * ux) * ux
    s3 = s3 * b2 + ((1.0 - b2) * uy) * uy
    bc2, k1, k2 = c0, c1, c2
    dx = math.sqrt(s2 / bc2) + eps
    dy = math.sqrt(s3 / bc2) + eps
    nx = px + (k1 * ux) / dx
    ny = py + (k1 * uy) / dy
    nx = nx + (k2 * s0) / dx
    ny = ny + (k2 * s1) / dy
    return nx, ny, lr / dx, lr / dy, s0, s1, s2, s3, s4, s5


@numba.njit(**_opts)
def _radam(
    h1, h2, h3, h4, h5, f0, f1, t, lr, c0, c1, c2, c3, x, y, gx, gy, s0, s1, s2, s3, s4, s5, hxx, hxy, hyy, rtol
):
    b1, b2, eps, wd = h1, h2, h3, h4
    px, py, ux, uy, s0, s1 = _adam_head(b1, wd, f1, lr, x, y, gx, gy, s0, s1)
    s2 = s2 * b2 + ((1.0 - b2) * ux) * ux
    s3 = s3 * b2 + ((1.0 - b2) * uy) * uy
    bc1, rect, rho_t, bc2_half = c0, c1, c2, c3
    mx = s0 / bc1
    my = s1 / bc1
    ex = lr
    ey = lr
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
    return nx, ny, ex, ey, s0, s1, s2, s3, s4, s5


@numba.njit(inline="always", **_opts)
def _decay(decouple, fixed, wd, lr, x, y, gx, gy):
    """pytorch-optimizer's weight decay (engine.optimizers._pyopt.weight_decay): (x, y, gx, gy) after it."""
    if wd == 0.0:
        return x, y, gx, gy
    if decouple:
        factor = 1.0 - wd * (1.0 if fixed else lr)
        return x * factor, y * factor, gx, gy
    return x, y, gx + wd * x, gy + wd * y


@numba.njit(inline="always", **_opts)
def _sign(c):
    """np.sign: 0.0 for both zeros, NaN for NaN."""
    if c > 0.0:
        return 1.0
    if c < 0.0:
        return -1.0
    if c == c:
        return 0.0
    return c


@numba.njit(inline="always", **_opts)
def _per_unit(lr, c):
    """lr / |c|, 0 where |c| is not > 0 (NaN included)."""
    mag = abs(c)
    return lr / mag if mag > 0.0 else 0.0


@numba.njit(**_opts)
def _lion(h1, h2, h3, h4, h5, f0, f1, t, lr, c0, c1, c2, c3, x, y, gx, gy, s0, s1, s2, s3, s4, s5, hxx, hxy, hyy, rtol):
    """lion: ``f0`` weight_decouple, ``f1`` fixed_decay."""
    b1, b2, wd = h1, h2, h3
    px, py, ux, uy = _decay(f0, f1, wd, lr, x, y, gx, gy)
    cx = _lerp(s0, ux, 1.0 - b1)
    cy = _lerp(s1, uy, 1.0 - b1)
    s0 = _lerp(s0, ux, 1.0 - b2)
    s1 = _lerp(s1, uy, 1.0 - b2)
    nx = px + (-lr) * _sign(cx)
    ny = py + (-lr) * _sign(cy)
    return nx, ny, _per_unit(lr, cx), _per_unit(lr, cy), s0, s1, s2, s3, s4, s5


@numba.njit(**_opts)
def _qhm(h1, h2, h3, h4, h5, f0, f1, t, lr, c0, c1, c2, c3, x, y, gx, gy, s0, s1, s2, s3, s4, s5, hxx, hxy, hyy, rtol):
    """qhm: ``f0`` weight_decouple, ``f1`` fixed_decay."""
    mom, nu, wd = h1, h2, h3
    px, py, ux, uy = _decay(f0, f1, wd, lr, x, y, gx, gy)
    s0 = _lerp(s0, ux, 1.0 - mom)
    s1 = _lerp(s1, uy, 1.0 - mom)
    a = (-lr) * nu
    b = (-lr) * (1.0 - nu)
    nx = px + a * s0
    ny = py + a * s1
    nx = nx + b * ux
    ny = ny + b * uy
    return nx, ny, lr, lr, s0, s1, s2, s3, s4, s5


@numba.njit(**_opts)
def update(
    fam, h1, h2, h3, h4, h5, f0, f1, t, lr, c0, c1, c2, c3, x, y, gx, gy, s0, s1, s2, s3, s4, s5, hxx, hxy, hyy, rtol
):
    """One step of one lane: ``(x', y', eff_x, eff_y, s0'..s5')``.

    ``fam`` the family code, ``h1..h5`` the hyperparameter slots (engine.fast.plan.pack_hyperparams),
    ``f0, f1`` its flags, ``t`` the step number (1 for the first step), ``lr`` its learning rate,
    ``c0..c3`` its row of :func:`tables`, ``(x, y)`` the position, ``(gx, gy)`` the gradient there,
    ``s0..s5`` the lane's state slots, ``hxx, hxy, hyy`` the Hessian there (Newton only).  The
    families are the functions ``_sgd`` ... ``_newton`` (the blocked loops inline just one).
    """
    if fam == SGD:
        return _sgd(
            h1, h2, h3, h4, h5, f0, f1, t, lr, c0, c1, c2, c3, x, y, gx, gy, s0, s1, s2, s3, s4, s5, hxx, hxy, hyy, rtol
        )
    elif fam == ADAGRAD:
        return _adagrad(
            h1, h2, h3, h4, h5, f0, f1, t, lr, c0, c1, c2, c3, x, y, gx, gy, s0, s1, s2, s3, s4, s5, hxx, hxy, hyy, rtol
        )
    elif fam == RMSPROP:
        return _rmsprop(
            h1, h2, h3, h4, h5, f0, f1, t, lr, c0, c1, c2, c3, x, y, gx, gy, s0, s1, s2, s3, s4, s5, hxx, hxy, hyy, rtol
        )
    elif fam == ADADELTA:
        return _adadelta(
            h1, h2, h3, h4, h5, f0, f1, t, lr, c0, c1, c2, c3, x, y, gx, gy, s0, s1, s2, s3, s4, s5, hxx, hxy, hyy, rtol
        )
    elif fam == ADAM:
        return _adam(
            h1, h2, h3, h4, h5, f0, f1, t, lr, c0, c1, c2, c3, x, y, gx, gy, s0, s1, s2, s3, s4, s5, hxx, hxy, hyy, rtol
        )
    elif fam == NADAM:
        return _nadam(
            h1, h2, h3, h4, h5, f0, f1, t, lr, c0, c1, c2, c3, x, y, gx, gy, s0, s1, s2, s3, s4, s5, hxx, hxy, hyy, rtol
        )
    elif fam == RADAM:
        return _radam(
            h1, h2, h3, h4, h5, f0, f1, t, lr, c0, c1, c2, c3, x, y, gx, gy, s0, s1, s2, s3, s4, s5, hxx, hxy, hyy, rtol
        )
    elif fam == ADAMAX:
        return _adamax(
            h1, h2, h3, h4, h5, f0, f1, t, lr, c0, c1, c2, c3, x, y, gx, gy, s0, s1, s2, s3, s4, s5, hxx, hxy, hyy, rtol
        )
    elif fam == LION:
        return _lion(
            h1, h2, h3, h4, h5, f0, f1, t, lr, c0, c1, c2, c3, x, y, gx, gy, s0, s1, s2, s3, s4, s5, hxx, hxy, hyy, rtol
        )
    elif fam == QHM:
        return _qhm(
            h1, h2, h3, h4, h5, f0, f1, t, lr, c0, c1, c2, c3, x, y, gx, gy, s0, s1, s2, s3, s4, s5, hxx, hxy, hyy, rtol
        )
    return _newton(
        h1, h2, h3, h4, h5, f0, f1, t, lr, c0, c1, c2, c3, x, y, gx, gy, s0, s1, s2, s3, s4, s5, hxx, hxy, hyy, rtol
    )


FAMILY_FUNCTIONS = (
    "_sgd", "_adagrad", "_rmsprop", "_adadelta", "_adam", "_nadam", "_radam", "_adamax", "_newton", "_lion", "_qhm",
)  # fmt: skip

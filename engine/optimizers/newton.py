"""Damped Newton's method, saddle-free by default (no torch equivalent).

The step solves the Newton system with a modified Hessian ``M``, built from the
eigen-decomposition ``H = sum_i lam_i v_i v_i^T`` of the surface's (symmetric
2x2) Hessian::

    theta = theta - lr * M^+ g
    saddle_free = true   (default):  M = sum_i (|lam_i| + damping) v_i v_i^T
    saddle_free = false            :  M = sum_i ( lam_i  + damping) v_i v_i^T = H + damping * I

What happens where plain Newton fails:

* **Indefinite Hessian** (a saddle, a ridge). Plain Newton (``saddle_free=false``)
  jumps to the stationary point of the local quadratic model, which may be the
  saddle or a maximum: it is attracted to saddles. Saddle-free Newton
  (Dauphin et al., 2014) takes ``|lam_i|``, so along a direction of negative
  curvature it moves downhill, away from the saddle.
* **Singular Hessian** (a flat direction, ``lam_i + damping = 0``). The inverse
  does not exist; the engine uses the Moore-Penrose pseudo-inverse ``M^+``:
  an eigen-direction whose modified curvature ``|m_i| <= 1e-12 * (1 + max|lam|)``
  gets no step at all. On a perfectly flat direction Newton therefore stands
  still; add ``damping > 0`` to turn that direction into a gradient step of
  size ``lr / damping``.

Effective learning rate: ``lr * (M^+)_{ii}``, the diagonal of the
matrix that multiplies the gradient (exact per-parameter rate when the Hessian
is diagonal; the observed ratio ``-delta_theta / g`` shows the full effect).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from specs import Param

from .base import Optimizer
from .explain import STEPS_DOC, Equation, Step, first_line, num, vec

SINGULAR_RTOL = 1e-12


class NewtonState(NamedTuple):
    t: int


def init(params, hp) -> NewtonState:
    return NewtonState(0)


def _two_product(a, b):
    """(p, e) with p + e == a * b exactly: Dekker's product with Veltkamp's split (no FMA needed)."""
    p = a * b
    ca = _SPLIT * a
    ah = ca - (ca - a)
    al = a - ah
    cb = _SPLIT * b
    bh = cb - (cb - b)
    bl = b - bh
    e = ((ah * bh - p) + ah * bl + al * bh) + al * bl
    return p, e


_SPLIT = 134217729.0  # 2**27 + 1


def modified_inverse(hessian: np.ndarray, damping: float, saddle_free: bool):
    """Return the three distinct entries (a, b, c) of the symmetric 2x2 matrix M^+.

    ``hessian`` has shape ``(B, 2, 2)``; the result is three arrays of shape ``(B,)``.
    With ``r = hypot((a-c)/2, b)`` the eigenvalues are ``mean +- r``. Both are
    computed without cancellation, so the split stays accurate when
    ``cond(H) ~ 1e10`` and beyond: the one of larger magnitude as
    ``mean + sign(mean) r``, the other as ``det / that`` with ``det = ac - b^2``
    from exact products (Dekker). ``M^+ = i_hi P + i_lo (I - P)`` with ``P`` the
    projector on the ``lam_hi`` eigenvector, ``P = [[p11, q], [q, p22]]``:
    ``(r + |a-c|/2) / (2r)`` on one diagonal, ``(b / (r + |a-c|/2)) (b / (2r))``
    on the other (= ``(r - |a-c|/2) / (2r)`` without the cancellation) and
    ``q = b / (2r)``; ``P = diag(1, 0)`` when ``r = 0``. No trigonometry.
    engine.fast.kernel.modified_inverse repeats these operations for one point.
    """
    a = hessian[:, 0, 0]
    b = 0.5 * (hessian[:, 0, 1] + hessian[:, 1, 0])
    c = hessian[:, 1, 1]
    half_diff = 0.5 * (a - c)
    mean = 0.5 * (a + c)
    radius = np.hypot(half_diff, b)
    pos = mean >= 0.0
    big = np.where(pos, mean + radius, mean - radius)
    p1, e1 = _two_product(a, c)
    p2, e2 = _two_product(b, b)
    det = (p1 - p2) + (e1 - e2)
    use = (big != 0.0) & np.isfinite(det)
    small = np.where(use, det / np.where(use, big, 1.0), np.where(pos, mean - radius, mean + radius))
    lam_hi = np.where(pos, big, small)
    lam_lo = np.where(pos, small, big)
    if saddle_free:
        m_hi, m_lo = np.abs(lam_hi) + damping, np.abs(lam_lo) + damping
    else:
        m_hi, m_lo = lam_hi + damping, lam_lo + damping
    tiny = SINGULAR_RTOL * (1.0 + np.maximum(np.abs(lam_hi), np.abs(lam_lo)))
    keep_hi, keep_lo = np.abs(m_hi) > tiny, np.abs(m_lo) > tiny
    inv_hi = np.where(keep_hi, 1.0 / np.where(keep_hi, m_hi, 1.0), 0.0)
    inv_lo = np.where(keep_lo, 1.0 / np.where(keep_lo, m_lo, 1.0), 0.0)
    split = radius > 0.0
    r2 = 2.0 * np.where(split, radius, 1.0)
    s = radius + np.abs(half_diff)
    wide = s / r2
    narrow = (b / np.where(split, s, 1.0)) * (b / r2)
    right = half_diff >= 0.0
    p11 = np.where(split, np.where(right, wide, narrow), 1.0)
    p22 = np.where(split, np.where(right, narrow, wide), 0.0)
    q = np.where(split, b / r2, 0.0 * b)
    undefined = np.isnan(radius)
    if undefined.any():
        p11, p22, q = (np.where(undefined, radius, v) for v in (p11, p22, q))
    return inv_hi * p11 + inv_lo * p22, (inv_hi - inv_lo) * q, inv_hi * p22 + inv_lo * p11


def update(grad, state: NewtonState, params, hp, hessian=None):
    if hessian is None:
        raise ValueError("newton needs the surface's Hessian")
    lr = hp["lr"]
    a, b, c = modified_inverse(hessian, hp["damping"], hp["saddle_free"])
    gx, gy = grad[:, 0], grad[:, 1]
    step = np.empty_like(grad)
    step[:, 0] = a * gx + b * gy
    step[:, 1] = b * gx + c * gy
    eff = np.empty_like(grad)
    eff[:, 0] = lr * a
    eff[:, 1] = lr * c
    return params - lr * step, NewtonState(state.t + 1), eff


STATE_DOC = ((STEPS_DOC[0], "t: steps taken (Newton keeps no other state: each step reads the Hessian afresh)"),)


def explain(s: Step) -> list[Equation]:
    """Newton's step with this step's numbers: the Hessian, its eigenvalues, the modified inverse."""
    hp = s.hp
    assert s.hessian is not None
    H = np.asarray(s.hessian, dtype=float)
    lam = np.linalg.eigvalsh(0.5 * (H + H.T))
    a, b, c = (float(x[0]) for x in modified_inverse(H[None], hp["damping"], hp["saddle_free"]))
    Minv = np.array([[a, b], [b, c]])
    d = Minv @ s.grad
    kind = "|λ| + damping" if hp["saddle_free"] else "λ + damping"
    hx = f"[[{num(H[0, 0])}, {num(H[0, 1])}], [{num(H[1, 0])}, {num(H[1, 1])}]]"
    return [
        first_line(s),
        Equation("H", "∇²f(θ)", hx, H.ravel()),
        Equation("λ", "eigenvalues of H", "", lam),
        Equation("M⁺", f"pseudo-inverse of Σ ({kind})·v vᵀ", "", Minv.ravel()),
        Equation("d", "M⁺·g", f"[[{num(a)}, {num(b)}], [{num(b)}, {num(c)}]]·{vec(s.grad)}", d),
        Equation("η", "lr·diag(M⁺)", f"{num(s.lr)}·({num(a)}, {num(c)})", s.lr * np.array([a, c]), "effective_lr"),
        Equation("θ", "θ − lr·d", f"{vec(s.theta)} − {num(s.lr)}·{vec(d)}", s.theta - s.lr * d, "theta"),
    ]


OPTIMIZERS = (
    Optimizer(
        "newton",
        "Newton",
        "",
        "second-order steps using the surface's Hessian (saddle-free by default)",
        (
            Param(
                "lr", "float", 1.0, "step scale (1 = full Newton step)", low=0.0, low_open=True, log=True, gui_max=1e3
            ),
            Param(
                "damping",
                "float",
                0.0,
                "added to the Hessian's eigenvalues (Levenberg-Marquardt style)",
                low=0.0,
                gui_max=1e3,
            ),
            Param(
                "saddle_free",
                "bool",
                True,
                "use |eigenvalues| of the Hessian so saddles repel instead of attract (Dauphin et al. 2014)",
            ),
        ),
        init,
        update,
        __doc__,
        state_doc=STATE_DOC,
        explain=explain,
        needs_hessian=True,
        order=90,
    ),
)

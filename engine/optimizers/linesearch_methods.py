"""Line-search methods (Nocedal & Wright, *Numerical Optimization*, 2nd ed.): gradient descent with
Armijo backtracking, BFGS and nonlinear conjugate gradients (Fletcher-Reeves, Polak-Ribière).

Each step picks a direction ``d``, then a step length ``alpha`` along it by a line
search that evaluates the objective at trial points (the racer's one step includes
all of them; the state counts them in ``func_evals``). The step starts with one
evaluation of ``f`` at ``theta`` (as torch's LBFGS calls its closure); ``g`` is the
gradient the racer was given. The update of one step::

    gd_armijo:  d = -g;  alpha = lr, rho lr, rho^2 lr, ... until
                f(theta + alpha d) <= f(theta) + c1 alpha g'd            (Armijo; Algorithm 3.1)
    bfgs:       d = -H g  (H = I at first; scale_h0: H = (y's / y'y) I before the first update, eq. 6.20)
                alpha: strong Wolfe line search from alpha = lr (c1, c2)
                s = alpha d, y = g_new - g;  y's > 1e-10:  H = (I - rho s y') H (I - rho y s') + rho s s'
                with rho = 1 / y's  (6.17; skipped otherwise)
    cg_fr/cg_pr: d = -g at the first step, else d = -g + beta d_prev    (Algorithm 5.4)
                beta = g'g / g_prev'g_prev                         Fletcher-Reeves (5.41a)
                beta = max(0, g'(g - g_prev) / g_prev'g_prev)      Polak-Ribière+ (5.44, 5.45)
                restart with d = -g when g'd >= 0; alpha: strong Wolfe line search from alpha = lr
    theta = theta + alpha * d

The strong Wolfe line search is torch.optim.LBFGS's (``engine.optimizers.linesearch``):
on a quadratic its first cubic interpolation is exact, so with a small ``c2`` it is an
exact line search there (BFGS then ends in n + 1 = 3 steps, CG in n = 2).

Effective learning rate: ``alpha`` for gd_armijo (its step is ``-alpha g``); for BFGS and
CG ``-Δθ / g``, the step per unit of the gradient (may be negative along a coordinate:
the step is not along ``-g``; 0 where ``g = 0``).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from specs import Param

from .base import Optimizer
from .explain import STEPS_DOC, Equation, Step, first_line, num, vec
from .linesearch import backtracking, directional, dot, strong_wolfe

REFERENCE = "Nocedal & Wright, Numerical Optimization"


class LineSearchState(NamedTuple):
    t: int
    func_evals: np.ndarray  # (B,) evaluations so far
    evals: np.ndarray  # (B,) evaluations of the last step
    alpha: np.ndarray  # (B,) accepted step length
    d: np.ndarray  # (B, 2) last direction
    prev_grad: np.ndarray  # (B, 2) gradient at the start of the last step (CG)
    H: np.ndarray  # (B, 2, 2) inverse-Hessian estimate (BFGS)


def init(params, hp) -> LineSearchState:
    b, n = np.shape(params)  # (B, 2) runs, or one run of a network's n parameters (1, n)
    zi = np.zeros(b, dtype=np.int64)
    # BFGS's dense n x n estimate: 2 x 2 on surfaces; none for a network (BFGS is refused there)
    H = np.broadcast_to(np.eye(2), (b, 2, 2)).copy() if n == 2 else np.zeros((b, 0, 0))
    return LineSearchState(0, zi, zi.copy(), np.zeros(b), np.zeros((b, n)), np.zeros((b, n)), H)


def _rate(new, params, grad):
    nz = grad != 0
    with np.errstate(all="ignore"):
        return np.where(nz, -(new - params) / np.where(nz, grad, 1.0), 0.0)


def _start(params, oracle):
    if oracle is None:
        raise ValueError("line-search methods evaluate the objective inside a step: they need an oracle")
    f0 = np.broadcast_to(np.asarray(oracle(params)[0], dtype=float).reshape(-1), (params.shape[0],))
    return directional(oracle), f0


def update_armijo(grad, state: LineSearchState, params, hp, hessian=None, oracle=None):
    obj, f0 = _start(params, oracle)
    new = params.copy()
    alpha, evals = state.alpha.copy(), np.ones_like(state.evals)
    for b in range(params.shape[0]):
        g = np.asarray(grad[b], dtype=float)
        d = -g
        gtd = dot(g, d)
        if gtd == 0.0:
            alpha[b] = 0.0
            continue
        _, _, a, n = backtracking(obj, params[b], hp["lr"], d, f0[b], gtd, hp["c1"], hp["rho"], hp["max_ls"])
        new[b] = params[b] + a * d
        alpha[b], evals[b] = a, 1 + n
    rate = np.broadcast_to(alpha[:, None], params.shape).copy()
    state = state._replace(t=state.t + 1, func_evals=state.func_evals + evals, evals=evals, alpha=alpha, d=-grad)
    return new, state, rate


def _wolfe(obj, x, t0, d, f, g, hp):
    gtd = dot(g, d)
    if gtd >= 0 or not np.isfinite(gtd):
        return None
    return strong_wolfe(obj, x, t0, d, f, g, gtd, c1=hp["c1"], c2=hp["c2"], max_ls=hp["max_ls"])


def update_bfgs(grad, state: LineSearchState, params, hp, hessian=None, oracle=None):
    obj, f0 = _start(params, oracle)
    new, H = params.copy(), state.H.copy()
    alpha, evals, dirs = np.zeros_like(state.alpha), np.ones_like(state.evals), state.d.copy()
    for b in range(params.shape[0]):
        g = np.asarray(grad[b], dtype=float)
        d = -(H[b] @ g)
        found = _wolfe(obj, params[b], hp["lr"], d, f0[b], g, hp)
        if found is None:  # not a descent direction (or g = 0): reset the estimate, no step
            H[b] = np.eye(2)
            continue
        _, g_new, a, n = found
        evals[b] += n
        s = a * d
        new[b] = params[b] + s
        y = g_new - g
        ys = dot(y, s)
        if ys > 1e-10:
            if state.t == 0 and hp["scale_h0"]:
                H[b] = (ys / dot(y, y)) * np.eye(2)
            rho = 1.0 / ys
            V = np.eye(2) - rho * np.outer(s, y)
            H[b] = V @ H[b] @ V.T + rho * np.outer(s, s)
        alpha[b], dirs[b] = a, d
    state = state._replace(t=state.t + 1, func_evals=state.func_evals + evals, evals=evals, alpha=alpha, d=dirs, H=H)
    return new, state, _rate(new, params, grad)


def _cg(grad, state: LineSearchState, params, hp, oracle, polak_ribiere: bool):
    obj, f0 = _start(params, oracle)
    new = params.copy()
    alpha, evals, dirs = np.zeros_like(state.alpha), np.ones_like(state.evals), state.d.copy()
    for b in range(params.shape[0]):
        g = np.asarray(grad[b], dtype=float)
        if state.t == 0:
            d = -g
        else:
            g0 = state.prev_grad[b]
            gg0 = dot(g0, g0)
            if polak_ribiere:
                beta = max(0.0, dot(g, g - g0) / gg0) if gg0 > 0 else 0.0
            else:
                beta = dot(g, g) / gg0 if gg0 > 0 else 0.0
            d = -g + beta * state.d[b]
            if dot(g, d) >= 0:  # not a descent direction: restart along -g
                d = -g
        dirs[b] = d
        found = _wolfe(obj, params[b], hp["lr"], d, f0[b], g, hp)
        if found is None:
            continue
        _, _, a, n = found
        evals[b] += n
        new[b] = params[b] + a * d
        alpha[b] = a
    state = state._replace(
        t=state.t + 1, func_evals=state.func_evals + evals, evals=evals, alpha=alpha, d=dirs, prev_grad=grad.copy()
    )
    return new, state, _rate(new, params, grad)


def update_cg_fr(grad, state, params, hp, hessian=None, oracle=None):
    return _cg(grad, state, params, hp, oracle, polak_ribiere=False)


def update_cg_pr(grad, state, params, hp, hessian=None, oracle=None):
    return _cg(grad, state, params, hp, oracle, polak_ribiere=True)


STATE_DOC = (
    STEPS_DOC,
    ("func_evals", "function evaluations so far (f and ∇f together)"),
    ("evals", "function evaluations of this step"),
    ("alpha", "α: the accepted step length"),
    ("d", "d: the search direction"),
    ("prev_grad", "g_prev: the gradient at the start of the step (CG's β)"),
    ("H", "H: the inverse-Hessian estimate (BFGS; I for the others)"),
)


def explain(s: Step) -> list[Equation]:
    """The step: direction, line search, move."""
    a, b = s.before, s.after
    alpha, d = float(b.alpha), b.d
    lines = [first_line(s)]
    if s.after.H is not None and not np.array_equal(a.H, b.H):
        lines.append(Equation("d", "−H·g", "", d, "d"))
        lines.append(Equation("H", "(I − ρ s y')·H·(I − ρ y s') + ρ s s'", "", b.H.ravel()))
    else:
        lines.append(Equation("d", "search direction", "", d, "d"))
    lines += [
        Equation("evals", "f and ∇f evaluations of this step", "", int(b.evals), "evals"),
        Equation("α", "step length from the line search", "", alpha, "alpha"),
        Equation("η", "effective rate", "", s.effective_lr, "effective_lr"),
        Equation("θ", "θ + α·d", f"{vec(s.theta)} + {num(alpha)}·{vec(d)}", s.theta + alpha * d, "theta"),
    ]
    return lines


def _lr(default: float, doc: str) -> Param:
    return Param("lr", "float", default, doc, low=0.0, low_open=True, log=True, gui_max=1e3)


def _c1() -> Param:
    return Param("c1", "float", 1e-4, "sufficient-decrease (Armijo) constant", low=0.0, high=1.0, low_open=True,
                 high_open=True)  # fmt: skip


def _c2(default: float) -> Param:
    return Param("c2", "float", default, "curvature constant of the strong Wolfe conditions (keep c1 < c2)", low=0.0,
                 high=1.0, low_open=True, high_open=True)  # fmt: skip


def _max_ls(default: int) -> Param:
    return Param("max_ls", "int", default, "function evaluations allowed in one line search", low=1, gui_max=1e3)


OPTIMIZERS = (
    Optimizer(
        "gd_armijo", "GD + Armijo", "", "gradient descent whose step halves until the loss drops enough (Armijo)",
        (_lr(1.0, "first step length tried"), _c1(),
         Param("rho", "float", 0.5, "backtracking factor", low=0.0, high=1.0, low_open=True, high_open=True),
         _max_ls(50)),
        init, update_armijo, __doc__, state_doc=STATE_DOC, explain=explain, needs_oracle=True, order=130,
        reference=f"{REFERENCE}, Algorithm 3.1",
    ),
    Optimizer(
        "bfgs", "BFGS", "", "quasi-Newton: an inverse-Hessian estimate from gradient changes, strong Wolfe line search",
        (_lr(1.0, "first step length tried by the line search"), _c1(), _c2(0.9), _max_ls(25),
         Param("scale_h0", "bool", True, "scale H = (y's / y'y) I before the first update (eq. 6.20)")),
        init, update_bfgs, __doc__, state_doc=STATE_DOC, explain=explain, needs_oracle=True,
        order=131, reference=f"{REFERENCE}, Algorithm 6.1",
    ),
    Optimizer(
        "cg_fr", "CG (Fletcher-Reeves)", "",
        "nonlinear conjugate gradients, Fletcher-Reeves β, strong Wolfe line search",
        (_lr(1.0, "first step length tried by the line search"), _c1(), _c2(0.1), _max_ls(25)),
        init, update_cg_fr, __doc__, state_doc=STATE_DOC, explain=explain, needs_oracle=True,
        order=132, reference=f"{REFERENCE}, Algorithm 5.4",
    ),
    Optimizer(
        "cg_pr", "CG (Polak-Ribière)", "",
        "nonlinear conjugate gradients, Polak-Ribière+ β, strong Wolfe line search",
        (_lr(1.0, "first step length tried by the line search"), _c1(), _c2(0.1), _max_ls(25)),
        init, update_cg_pr, __doc__, state_doc=STATE_DOC, explain=explain, needs_oracle=True,
        order=133, reference=f"{REFERENCE}, (5.44)-(5.45)",
    ),
)  # fmt: skip

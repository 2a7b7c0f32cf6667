"""L-BFGS (torch.optim.LBFGS; Nocedal, 1980; Liu & Nocedal, 1989).

One racer step is one ``optimizer.step(closure)`` of torch: up to ``max_iter``
inner iterations (and at most ``max_eval`` function evaluations), each a
quasi-Newton step along ``d = -H g``, with ``H`` the limited-memory inverse-Hessian
estimate from the last ``history_size`` pairs ``(s, y)`` (two-loop recursion). The
state counts the function evaluations (``func_evals``; ``evals`` for the last step).
The update of one step::

    f, g = f(theta), grad f(theta)        (the first evaluation; stop if max|g| <= tolerance_grad)
    repeat up to max_iter times:
        first iteration ever: d = -g, H0 = 1
        else: y = g - g_prev, s = t * d; if y's > 1e-10: keep (s, y), H0 = y's / y'y
              d = -H g                                              (two-loop recursion)
        t = min(1, 1 / |g|_1) * lr  on the very first iteration, else t = lr
        stop if g'd > -tolerance_change
        line_search_fn = strong_wolfe: t from the strong Wolfe line search; theta = theta + t * d
        else: theta = theta + t * d; evaluate f, g there (not after the last iteration)
        stop at max_iter, max_eval, max|g| <= tolerance_grad, max|t d| <= tolerance_change
        or |f - f_prev| < tolerance_change

The first evaluation uses the gradient the racer was given (noisy or mini-batch with
those options); every other evaluation is the exact objective.

Effective learning rate: ``-Δθ / g``, the whole step per unit of the gradient at its
start (its inner iterations use other gradients; 0 where ``g = 0``).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from specs import Param

from .base import Optimizer
from .explain import STEPS_DOC, Equation, Step, first_line, num, vec
from .linesearch import directional, dot, strong_wolfe


class LBFGSState(NamedTuple):
    t: int
    n_iter: np.ndarray  # (B,) inner iterations so far
    func_evals: np.ndarray  # (B,) function evaluations so far
    evals: np.ndarray  # (B,) function evaluations of the last step
    d: np.ndarray  # (B, 2) last direction
    step_length: np.ndarray  # (B,) last step length t (torch's state "t")
    H_diag: np.ndarray  # (B,)
    prev_flat_grad: np.ndarray  # (B, 2)
    prev_loss: np.ndarray  # (B,)
    n_hist: np.ndarray  # (B,) pairs kept
    old_dirs: np.ndarray  # (B, history_size, 2): y
    old_stps: np.ndarray  # (B, history_size, 2): s
    ro: np.ndarray  # (B, history_size): 1 / y's


def init(params, hp) -> LBFGSState:
    b, n = np.shape(params)  # (B, 2) runs, or one run of a network's n parameters (1, n)
    h = int(hp["history_size"])
    zi = np.zeros(b, dtype=np.int64)
    return LBFGSState(
        0, zi, zi.copy(), zi.copy(), np.zeros((b, n)), np.zeros(b), np.ones(b), np.zeros((b, n)), np.zeros(b),
        zi.copy(), np.zeros((b, h, n)), np.zeros((b, h, n)), np.zeros((b, h)),
    )  # fmt: skip


def _direction(g: np.ndarray, H_diag: float, dirs: list, stps: list, ro: list) -> np.ndarray:
    """d = -H g by the two-loop recursion (torch's order of operations)."""
    q = -g
    al = [0.0] * len(dirs)
    for i in range(len(dirs) - 1, -1, -1):
        al[i] = dot(stps[i], q) * ro[i]
        q = q + (-al[i]) * dirs[i]
    r = q * H_diag
    for i in range(len(dirs)):
        be_i = dot(dirs[i], r) * ro[i]
        r = r + (al[i] - be_i) * stps[i]
    return r


def _step_one(x, g, loss, row: dict, hp, obj) -> tuple[np.ndarray, int]:
    """One torch LBFGS.step() for one run; ``row`` holds its state (updated in place)."""
    lr, max_iter, max_eval = hp["lr"], int(hp["max_iter"]), int(hp["max_eval"])
    tol_grad, tol_change, history = hp["tolerance_grad"], hp["tolerance_change"], int(hp["history_size"])
    current_evals = 1
    row["func_evals"] += 1
    if float(np.abs(g).max()) <= tol_grad:
        return x, current_evals
    d, t = row["d"], row["t"]
    dirs, stps, ro = row["dirs"], row["stps"], row["ro"]
    H_diag, prev_g, prev_loss = row["H_diag"], row["prev_g"], row["prev_loss"]
    n_iter = 0
    while n_iter < max_iter:
        n_iter += 1
        row["n_iter"] += 1
        if row["n_iter"] == 1:
            d = -g
            dirs, stps, ro = [], [], []
            H_diag = 1.0
        else:
            y = g - prev_g
            s = d * t
            ys = dot(y, s)
            if ys > 1e-10:
                if len(dirs) == history:
                    dirs.pop(0), stps.pop(0), ro.pop(0)
                dirs.append(y), stps.append(s), ro.append(1.0 / ys)
                H_diag = ys / dot(y, y)
            d = _direction(g, H_diag, dirs, stps, ro)
        prev_g = g.copy()
        prev_loss = loss
        if row["n_iter"] == 1:
            t = min(1.0, 1.0 / (np.abs(g[0]) + np.abs(g[1]) if len(g) == 2 else np.abs(g).sum())) * lr
        else:
            t = lr
        gtd = dot(g, d)
        if gtd > -tol_change:
            break
        ls_evals = 0
        if hp["strong_wolfe"]:
            loss, g, t, ls_evals = strong_wolfe(obj, x, t, d, loss, g, gtd, max_ls=max_eval - current_evals)
            x = x + t * d
            opt_cond = float(np.abs(g).max()) <= tol_grad
        else:
            x = x + t * d
            opt_cond = False
            if n_iter != max_iter:
                loss, g = obj(x, 0.0, d)
                opt_cond = float(np.abs(g).max()) <= tol_grad
                ls_evals = 1
        current_evals += ls_evals
        row["func_evals"] += ls_evals
        if n_iter == max_iter or current_evals >= max_eval or opt_cond:
            break
        if float(np.abs(d * t).max()) <= tol_change or abs(loss - prev_loss) < tol_change:
            break
    row.update(d=d, t=t, dirs=dirs, stps=stps, ro=ro, H_diag=H_diag, prev_g=prev_g, prev_loss=prev_loss)
    return x, current_evals


def update(grad, state: LBFGSState, params, hp, hessian=None, oracle=None):
    if oracle is None:
        raise ValueError("lbfgs evaluates the objective inside a step: it needs an oracle")
    obj = directional(oracle)
    f0 = np.asarray(oracle(params)[0], dtype=float).reshape(-1)
    f0 = np.broadcast_to(f0, (params.shape[0],))
    new = params.copy()
    n_iter, func_evals, evals = state.n_iter.copy(), state.func_evals.copy(), state.evals.copy()
    d, t_len, H, pg, pl = (state.d.copy(), state.step_length.copy(), state.H_diag.copy(),
                           state.prev_flat_grad.copy(), state.prev_loss.copy())  # fmt: skip
    n_hist, dirs, stps, ro = state.n_hist.copy(), state.old_dirs.copy(), state.old_stps.copy(), state.ro.copy()
    for b in range(params.shape[0]):
        k = int(n_hist[b])
        row = {
            "n_iter": int(n_iter[b]), "func_evals": int(func_evals[b]), "d": d[b].copy(), "t": float(t_len[b]),
            "dirs": list(dirs[b, :k]), "stps": list(stps[b, :k]), "ro": list(ro[b, :k]), "H_diag": float(H[b]),
            "prev_g": pg[b].copy(), "prev_loss": float(pl[b]),
        }  # fmt: skip
        new[b], evals[b] = _step_one(params[b].copy(), np.asarray(grad[b], dtype=float), f0[b], row, hp, obj)
        n_iter[b], func_evals[b] = row["n_iter"], row["func_evals"]
        d[b], t_len[b], H[b], pg[b], pl[b] = row["d"], row["t"], row["H_diag"], row["prev_g"], row["prev_loss"]
        k = len(row["dirs"])
        n_hist[b] = k
        if k:
            dirs[b, :k], stps[b, :k], ro[b, :k] = row["dirs"], row["stps"], row["ro"]
    with np.errstate(all="ignore"):
        nz = grad != 0
        rate = np.where(nz, -(new - params) / np.where(nz, grad, 1.0), 0.0)
    return new, LBFGSState(state.t + 1, n_iter, func_evals, evals, d, t_len, H, pg, pl, n_hist, dirs, stps, ro), rate


STATE_DOC = (
    STEPS_DOC,
    ("n_iter", "inner iterations so far"),
    ("func_evals", "function evaluations so far (f and ∇f together)"),
    ("evals", "function evaluations of this step"),
    ("d", "d: the last search direction −H·g"),
    ("step_length", "t: the last step length along d"),
    ("H_diag", "H0 = y's / y'y: the scale of the initial inverse Hessian"),
    ("prev_flat_grad", "g_prev: the gradient before the last inner step"),
    ("prev_loss", "f_prev: the loss before the last inner step"),
    ("n_hist", "pairs (s, y) kept (at most history_size)"),
    ("old_dirs", "y: gradient differences"),
    ("old_stps", "s: steps"),
    ("ro", "ρ = 1 / y's"),
)


def explain(s: Step) -> list[Equation]:
    """What one L-BFGS step did: its inner iterations, evaluations and the resulting move."""
    a, b = s.before, s.after
    iters = int(b.n_iter) - int(a.n_iter)
    move = s.new_theta - s.theta
    return [
        first_line(s),
        Equation("iterations", "inner iterations of this step", "", iters),
        Equation("evals", "f and ∇f evaluations of this step", "", int(b.evals), "evals"),
        Equation("d", "−H·g (last inner iteration; two-loop recursion, H0 = y's / y'y)", "", b.d, "d"),
        Equation("t", "step length of the last inner iteration", "", float(b.step_length), "step_length"),
        Equation("η", "−Δθ / g", f"−{vec(move)} / {vec(s.grad)}", s.effective_lr, "effective_lr"),
        Equation("θ", "θ + Σ t·d over the inner iterations", f"{vec(s.theta)} + {vec(move)}", s.new_theta, "theta"),
        Equation("f", "loss before the last inner step", num(float(b.prev_loss)), float(b.prev_loss), "prev_loss"),
    ]


OPTIMIZERS = (
    Optimizer(
        "lbfgs",
        "L-BFGS",
        "torch.optim.LBFGS",
        "limited-memory quasi-Newton: up to max_iter inner steps along -H g per racer step",
        (
            Param("lr", "float", 1.0, "step length t of every inner iteration but the very first", low=0.0,
                  low_open=True, log=True, gui_max=1e3),
            Param("max_iter", "int", 20, "inner iterations per step", low=1, gui_max=1e4),
            Param("max_eval", "int", 25, "function evaluations per step (torch: max_iter * 5 // 4 when None)",
                  low=1, gui_max=1e5),
            Param("tolerance_grad", "float", 1e-7, "stop when max |g| is at most this", low=0.0, log=True,
                  gui_max=1.0),
            Param("tolerance_change", "float", 1e-9, "stop when the step or the loss change is smaller", low=0.0,
                  log=True, gui_max=1.0),
            Param("history_size", "int", 100, "pairs (s, y) kept", low=1, gui_max=1e4),
            Param("strong_wolfe", "bool", False, 'line_search_fn="strong_wolfe" (else fixed steps t = lr)'),
        ),
        init,
        update,
        __doc__,
        state_doc=STATE_DOC,
        explain=explain,
        needs_oracle=True,
        order=120,
    ),
)  # fmt: skip

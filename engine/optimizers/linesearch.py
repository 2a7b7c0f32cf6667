"""Line searches along a direction ``d`` from ``x`` for one run (2-vectors, or a network's parameter
vector; Python floats).

* :func:`strong_wolfe`: torch.optim.lbfgs's ``_strong_wolfe`` (a port of
  lswolfe.lua: bracketing, then zooming with safeguarded cubic interpolation)
  operation for operation, so L-BFGS reproduces torch. It returns a step ``t``
  satisfying the strong Wolfe conditions ``f(x + t d) <= f + c1 t g'd`` and
  ``|g(x + t d)'d| <= c2 |g'd|`` (or the best point found within ``max_ls``
  evaluations). On a quadratic the first cubic interpolation is exact, so it is an
  exact line search there.
* :func:`backtracking`: Armijo backtracking (Nocedal & Wright, Algorithm 3.1):
  ``t = t0, rho t0, rho^2 t0, ...`` until ``f(x + t d) <= f + c1 t g'd``.

``obj(x, t, d) -> (f, g)`` evaluates the objective at ``x + t d``. Scalars are NumPy floats,
as torch's are tensors: an overflow or a division by zero gives inf or NaN (and a
diverged run), never a Python exception.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

__all__ = ["backtracking", "cubic_interpolate", "dot", "directional", "strong_wolfe"]

Objective = Callable[[np.ndarray, float, np.ndarray], tuple[float, np.ndarray]]


def dot(a: np.ndarray, b: np.ndarray) -> float:
    """The dot product of two 2-vectors, summed in order (a NumPy float: overflow gives inf, not an error);
    of two longer vectors (a network's parameters), NumPy's dot."""
    if len(a) != 2:
        return np.dot(a, b)
    return np.float64(a[0]) * b[0] + np.float64(a[1]) * b[1]


def directional(oracle) -> Objective:
    """``obj(x, t, d)``: f and grad f at ``x + t d`` (torch's ``p.add_(d, alpha=t)``) from a batched oracle."""

    def obj(x: np.ndarray, t: float, d: np.ndarray) -> tuple[float, np.ndarray]:
        f, g = oracle((x + t * d)[None, :])
        return np.asarray(f, dtype=float).reshape(-1)[0], np.asarray(g, dtype=float).reshape(x.shape).copy()

    return obj


def cubic_interpolate(x1, f1, g1, x2, f2, g2, bounds=None) -> float:
    """The minimiser of the cubic through (x1, f1, g1) and (x2, f2, g2), clamped to ``bounds``
    (default: between x1 and x2); their midpoint when the cubic has no minimum (torch's rule)."""
    if bounds is not None:
        xmin_bound, xmax_bound = bounds
    else:
        xmin_bound, xmax_bound = (x1, x2) if x1 <= x2 else (x2, x1)
    d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2)
    d2_square = d1**2 - g1 * g2
    if d2_square >= 0:
        d2 = np.sqrt(d2_square)
        if x1 <= x2:
            min_pos = x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
        else:
            min_pos = x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2))
        return min(max(min_pos, xmin_bound), xmax_bound)
    return (xmin_bound + xmax_bound) / 2.0


def strong_wolfe(
    obj: Objective,
    x: np.ndarray,
    t: float,
    d: np.ndarray,
    f: float,
    g: np.ndarray,
    gtd: float,
    c1: float = 1e-4,
    c2: float = 0.9,
    tolerance_change: float = 1e-9,
    max_ls: int = 25,
) -> tuple[float, np.ndarray, float, int]:
    """(f_new, g_new, t, evaluations): torch's ``_strong_wolfe``, line for line."""
    d_norm = float(np.abs(d).max())
    f_new, g_new = obj(x, t, d)
    ls_func_evals = 1
    gtd_new = dot(g_new, d)
    t_prev, f_prev, g_prev, gtd_prev = 0.0, f, g, gtd
    done = False
    ls_iter = 0
    bracket: list[float] = []
    bracket_f: list[float] = []
    bracket_g: list[np.ndarray] = []
    bracket_gtd: list[float] = []
    while ls_iter < max_ls:
        if f_new > (f + c1 * t * gtd) or (ls_iter > 1 and f_new >= f_prev):
            bracket, bracket_f = [t_prev, t], [f_prev, f_new]
            bracket_g, bracket_gtd = [g_prev, g_new.copy()], [gtd_prev, gtd_new]
            break
        if abs(gtd_new) <= -c2 * gtd:
            bracket, bracket_f, bracket_g = [t], [f_new], [g_new]
            done = True
            break
        if gtd_new >= 0:
            bracket, bracket_f = [t_prev, t], [f_prev, f_new]
            bracket_g, bracket_gtd = [g_prev, g_new.copy()], [gtd_prev, gtd_new]
            break
        min_step = t + 0.01 * (t - t_prev)
        max_step = t * 10
        tmp = t
        t = cubic_interpolate(t_prev, f_prev, gtd_prev, t, f_new, gtd_new, bounds=(min_step, max_step))
        t_prev, f_prev, g_prev, gtd_prev = tmp, f_new, g_new.copy(), gtd_new
        f_new, g_new = obj(x, t, d)
        ls_func_evals += 1
        gtd_new = dot(g_new, d)
        ls_iter += 1
    if ls_iter == max_ls:
        bracket, bracket_f, bracket_g = [0.0, t], [f, f_new], [g, g_new]
    insuf_progress = False
    low_pos, high_pos = (0, 1) if bracket_f[0] <= bracket_f[-1] else (1, 0)
    while not done and ls_iter < max_ls:
        if abs(bracket[1] - bracket[0]) * d_norm < tolerance_change:
            break
        t = cubic_interpolate(bracket[0], bracket_f[0], bracket_gtd[0], bracket[1], bracket_f[1], bracket_gtd[1])
        eps = 0.1 * (max(bracket) - min(bracket))
        if min(max(bracket) - t, t - min(bracket)) < eps:
            if insuf_progress or t >= max(bracket) or t <= min(bracket):
                if abs(t - max(bracket)) < abs(t - min(bracket)):
                    t = max(bracket) - eps
                else:
                    t = min(bracket) + eps
                insuf_progress = False
            else:
                insuf_progress = True
        else:
            insuf_progress = False
        f_new, g_new = obj(x, t, d)
        ls_func_evals += 1
        gtd_new = dot(g_new, d)
        ls_iter += 1
        if f_new > (f + c1 * t * gtd) or f_new >= bracket_f[low_pos]:
            bracket[high_pos], bracket_f[high_pos] = t, f_new
            bracket_g[high_pos], bracket_gtd[high_pos] = g_new.copy(), gtd_new
            low_pos, high_pos = (0, 1) if bracket_f[0] <= bracket_f[1] else (1, 0)
        else:
            if abs(gtd_new) <= -c2 * gtd:
                done = True
            elif gtd_new * (bracket[high_pos] - bracket[low_pos]) >= 0:
                bracket[high_pos], bracket_f[high_pos] = bracket[low_pos], bracket_f[low_pos]
                bracket_g[high_pos], bracket_gtd[high_pos] = bracket_g[low_pos], bracket_gtd[low_pos]
            bracket[low_pos], bracket_f[low_pos] = t, f_new
            bracket_g[low_pos], bracket_gtd[low_pos] = g_new.copy(), gtd_new
    return bracket_f[low_pos], bracket_g[low_pos], bracket[low_pos], ls_func_evals


def backtracking(
    obj: Objective,
    x: np.ndarray,
    t: float,
    d: np.ndarray,
    f: float,
    gtd: float,
    c1: float = 1e-4,
    rho: float = 0.5,
    max_ls: int = 50,
) -> tuple[float, np.ndarray, float, int]:
    """(f_new, g_new, t, evaluations): the first ``t = t0 rho^k`` with ``f(x + t d) <= f + c1 t g'd``
    (the last one tried after ``max_ls`` evaluations if none is)."""
    evals = 0
    while True:
        f_new, g_new = obj(x, t, d)
        evals += 1
        if f_new <= f + c1 * t * gtd or evals >= max_ls:
            return f_new, g_new, t, evals
        t = t * rho

"""AdaBelief (Zhuang et al., 2020; reference: pytorch_optimizer.AdaBelief).

Adam whose second moment is the running variance of the gradient around its
running mean (the "belief" in the gradient), not its raw square: where the
gradient matches its prediction the step is large, where it surprises the step is
small. ``eps`` is added inside ``s`` every step as well as to the denominator.
The update of step ``t``::

    weight decay (weight_decouple, the default): theta = theta * (1 - weight_decay * lr)
                 (fixed_decay: theta * (1 - weight_decay); weight_decouple=false: g = grad + weight_decay * theta)
    m = lerp(m, g, 1 - beta1)
    s = beta2 * s + (1 - beta2) * (g - m)^2 + eps
    ams_bound: smax = max(smax, s), used in place of s below
    theta = theta - (lr / (1 - beta1^t)) * m / (sqrt(s) / sqrt(1 - beta2^t) + eps)
    rectify (RAdam's rule): rho_t = rho_inf - 2 t beta2^t / (1 - beta2^t), rho_inf = 2 / (1 - beta2) - 1
        rho_t >= n_sma_threshold: theta = theta - (lr r_t / (1 - beta1^t)) * m / (sqrt(s) + eps)
        else, degenerated_to_sgd:  theta = theta - (lr / (1 - beta1^t)) * m     (else no step)
        r_t = sqrt((1 - beta2^t) (rho_t - 4)(rho_t - 2) rho_inf / ((rho_inf - 4)(rho_inf - 2) rho_t))

Effective learning rate: ``(lr / (1 - beta1^t)) / (sqrt(s) / sqrt(1 - beta2^t) + eps)``;
with ``rectify``, ``(lr r_t / (1 - beta1^t)) / (sqrt(s) + eps)``, or ``lr / (1 - beta1^t)`` in
the SGD phase (0 without it).
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from specs import Param

from . import params as P
from ._pyopt import decay_params, opening, weight_decay
from .base import Optimizer
from .common import lerp
from .explain import FIRST_MOMENT_DOC, STEPS_DOC, Equation, Step, mhat_line, num, vec


class AdaBeliefState(NamedTuple):
    t: int
    exp_avg: np.ndarray
    exp_avg_var: np.ndarray
    max_exp_avg_var: np.ndarray


def init(params, hp) -> AdaBeliefState:
    z = np.zeros(np.shape(params))
    return AdaBeliefState(0, z, z, z)


def rectified(t: int, lr: float, beta2: float, threshold: int, to_sgd: bool) -> tuple[float, float]:
    """(lr * r_t, rho_t) as pytorch-optimizer's get_rectify_step_size computes them (r_t = 1 in the
    SGD phase with degenerated_to_sgd, -1 without it)."""
    n_sma_max = 2.0 / (1.0 - beta2) - 1.0
    beta2_t = beta2**t
    n_sma = n_sma_max - 2 * t * beta2_t / (1.0 - beta2_t)
    if n_sma >= threshold:
        rt = math.sqrt(
            (1.0 - beta2_t) * (n_sma - 4) / (n_sma_max - 4) * (n_sma - 2) / n_sma * n_sma_max / (n_sma_max - 2)
        )
    elif to_sgd:
        rt = 1.0
    else:
        rt = -1.0
    return lr * rt, n_sma


def update(grad, state: AdaBeliefState, params, hp, hessian=None):
    lr, beta1, beta2, eps = hp["lr"], hp["beta1"], hp["beta2"], hp["eps"]
    t = state.t + 1
    bc1 = 1.0 - math.pow(beta1, t)
    if hp["rectify"]:
        step_size, n_sma = rectified(t, lr, beta2, hp["n_sma_threshold"], hp["degenerated_to_sgd"])
    else:
        step_size, n_sma = lr, 0.0
    step_size = step_size / bc1
    params, g = weight_decay(grad, params, hp)
    m = lerp(state.exp_avg, g, 1.0 - beta1)
    r = g - m
    s = state.exp_avg_var * beta2 + ((1.0 - beta2) * r) * r + eps
    smax = state.max_exp_avg_var
    if hp["ams_bound"]:
        smax = np.maximum(smax, s)
        denom = np.sqrt(smax)
    else:
        denom = np.sqrt(s)
    if not hp["rectify"]:
        denom = denom / math.sqrt(1.0 - math.pow(beta2, t)) + eps
        new_params = params + ((-step_size) * m) / denom
        rate = step_size / denom
    else:
        denom = denom + eps
        if n_sma >= hp["n_sma_threshold"]:
            new_params = params + ((-step_size) * m) / denom
            rate = step_size / denom
        elif step_size > 0:
            new_params = params + (-step_size) * m
            rate = np.full(np.shape(params), step_size)
        else:
            new_params = params
            rate = np.zeros(np.shape(params))
    return new_params, AdaBeliefState(t, m, s, smax), rate


STATE_DOC = (
    STEPS_DOC,
    FIRST_MOMENT_DOC,
    ("exp_avg_var", "s: running mean of (g − m)², the gradient's variance around m, plus eps"),
    ("max_exp_avg_var", "smax: the largest s so far (ams_bound only)"),
)


def explain(s: Step) -> list[Equation]:
    """AdaBelief's rule with this step's numbers."""
    hp, t = s.hp, s.t
    b1, b2, eps = float(hp["beta1"]), float(hp["beta2"]), float(hp["eps"])
    lines, theta, g = opening(s)
    m0, s0 = s.before.exp_avg, s.before.exp_avg_var
    m = b1 * m0 + (1 - b1) * g
    lines.append(Equation("m", "β1·m + (1 − β1)·g", f"{num(b1)}·{vec(m0)} + {num(1 - b1)}·{vec(g)}", m, "exp_avg"))
    sv = b2 * s0 + (1 - b2) * (g - m) ** 2 + eps
    lines.append(
        Equation(
            "s",
            "β2·s + (1 − β2)·(g − m)² + ε",
            f"{num(b2)}·{vec(s0)} + {num(1 - b2)}·({vec(g)} − {vec(m)})² + {num(eps)}",
            sv,
            "exp_avg_var",
        )
    )
    sname = "s"
    if hp["ams_bound"]:
        smax0 = s.before.max_exp_avg_var
        sv = np.maximum(smax0, sv)
        lines.append(
            Equation("smax", "max(smax, s)", f"max({vec(smax0)}, {vec(lines[-1].value)})", sv, "max_exp_avg_var")
        )
        sname = "smax"
    bc1 = 1 - b1**t
    lines.append(mhat_line(s, m))
    if not hp["rectify"]:
        bc2 = 1 - b2**t
        rate = (s.lr / bc1) / (np.sqrt(sv) / np.sqrt(bc2) + eps)
        lines.append(
            Equation(
                "η",
                f"lr / (1 − β1^t) / (√{sname} / √(1 − β2^t) + ε)",
                f"{num(s.lr)} / {num(bc1)} / (√{vec(sv)} / √{num(bc2)} + {num(eps)})",
                rate,
                "effective_lr",
            )
        )
        lines.append(Equation("θ", "θ − η·m", f"{vec(theta)} − {vec(rate)}·{vec(m)}", theta - rate * m, "theta"))
        return lines
    lr_r, rho = rectified(t, s.lr, b2, int(hp["n_sma_threshold"]), bool(hp["degenerated_to_sgd"]))
    lines.append(Equation("ρ_t", "ρ∞ − 2t·β2^t / (1 − β2^t)", f"t = {t}", rho))
    if rho >= hp["n_sma_threshold"]:
        rate = (lr_r / bc1) / (np.sqrt(sv) + eps)
        lines.append(
            Equation(
                "η",
                f"lr·r_t / (1 − β1^t) / (√{sname} + ε)",
                f"{num(lr_r)} / {num(bc1)} / (√{vec(sv)} + {num(eps)})",
                rate,
                "effective_lr",
            )
        )
    else:
        rate = np.full(2, lr_r / bc1 if lr_r > 0 else 0.0)
        rule = "lr / (1 − β1^t) (ρ_t < n_sma_threshold: SGD step)" if lr_r > 0 else "0 (ρ_t < n_sma_threshold)"
        lines.append(Equation("η", rule, "", rate, "effective_lr"))
    lines.append(Equation("θ", "θ − η·m", f"{vec(theta)} − {vec(rate)}·{vec(m)}", theta - rate * m, "theta"))
    return lines


OPTIMIZERS = (
    Optimizer(
        "adabelief",
        "AdaBelief",
        "pytorch_optimizer.AdaBelief",
        "Adam that scales by the gradient's variance around its mean: large steps where the gradient is predictable",
        (
            P.lr(1e-3),
            P.beta1(),
            Param("beta2", "float", 0.999, "decay rate of s, the running variance (betas[1])", low=0.0, high=1.0,
                  high_open=True),
            *decay_params(True),
            Param("rectify", "bool", False, "RAdam's rectified step (SGD steps while the variance estimate is young)"),
            # the rectification term sqrt((rho - 4) ...) is defined from rho >= 5 on: a lower threshold makes the
            # reference (pytorch-optimizer) raise a math domain error at the steps with rho in (threshold, 4)
            Param("n_sma_threshold", "int", 5, "rectify: length of the moving average from which steps are adaptive",
                  low=5, gui_max=100.0),
            Param("degenerated_to_sgd", "bool", True, "rectify: take SGD steps before the threshold (else none)"),
            Param("ams_bound", "bool", False, "use the running maximum of s (AMSGrad style)"),
            P.eps(1e-16),
        ),
        init,
        update,
        __doc__,
        state_doc=STATE_DOC,
        explain=explain,
        order=101,
    ),
)  # fmt: skip

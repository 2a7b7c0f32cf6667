"""Schedule-free SGD and AdamW (Defazio et al., 2024; reference: pytorch_optimizer.ScheduleFreeSGD
and pytorch_optimizer.ScheduleFreeAdamW, in train mode).

Schedule-free methods keep three sequences: ``z``, plain (preconditioned) gradient
steps; ``x``, a weighted running average of the ``z`` (the point with the
convergence guarantee: what ``optimizer.eval()`` puts into the model); and
``y = (1 - beta1) z + beta1 x``, an interpolation between them, where the gradient
is taken. Only ``y`` is stored in the parameter during training (and ``z`` in the
state); ``x = (y - (1 - beta1) z) / beta1``.

**The racer's path shows y**: it is the point whose gradient and loss the optimizer
sees, so the recorded loss and gradient belong to the recorded position, as for
every other racer. The average ``x`` (smoother, and usually a little lower on a
convex bowl) is in the state (``x``) and in the step inspector.

``lr_warmup_steps`` is the reference's ``warmup_steps`` (renamed: ``warmup_steps`` is the
racer option of the warm-up learning-rate schedules). The update of step ``t`` (``beta1``
is ``momentum`` for SGD)::

    lr_t = lr * min(1, t / lr_warmup_steps)                  (lr_warmup_steps = 0: lr_t = lr)
    lr_max = max(lr_max, lr_t)
    w = t^r * lr_max^weight_lr_power;  W = W + w;  c = w / W
    AdamW only:  v = beta2 * v + (1 - beta2) * g * g
                 (ams_bound: vmax = max(vmax, v / (1 - beta2^t)), used in place of v / (1 - beta2^t))
                 g = g / (sqrt(v / (1 - beta2^t) + 1e-15) + eps)
                 decoupling_c > 0: c = min(1, c * (1 - beta1) * decoupling_c)
    g = g + weight_decay * theta
    theta = lerp(theta, z, c)
    theta = theta + lr_t * (beta1 * (1 - c) - 1) * g
    z = z - lr_t * g

Effective learning rate: ``lr_t * (1 - beta1 * (1 - c))``, the factor of ``-g`` in
the step of ``y`` (divided by AdamW's ``sqrt(v / (1 - beta2^t) + 1e-15) + eps``); the
move toward ``z`` is averaging, not a gradient step.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from specs import Param

from . import params as P
from .base import Optimizer
from .common import lerp
from .explain import STEPS_DOC, Equation, Step, first_line, num, vec


class ScheduleFreeState(NamedTuple):
    t: int
    z: np.ndarray
    x: np.ndarray  # the average, (y - (1 - beta1) z) / beta1 (for display)
    weight_sum: np.ndarray  # (B,)
    lr_max: np.ndarray  # (B,)
    exp_avg_sq: np.ndarray  # AdamW only (zeros for SGD)
    max_exp_avg_sq: np.ndarray  # AdamW with ams_bound only


def init(params, hp) -> ScheduleFreeState:
    p = np.array(params, dtype=float)
    b = p.shape[0]
    z = np.zeros(p.shape)
    return ScheduleFreeState(0, p.copy(), p.copy(), np.zeros(b), np.full(b, -1.0), z, z)


def _schedule(t: int, hp, lr_max_before: float) -> tuple[float, float, float]:
    """(lr_t, lr_max, w) of step t, as the reference computes them in Python floats."""
    warmup = hp["lr_warmup_steps"]
    lr = hp["lr"] * (t / warmup if t < warmup else 1.0)
    lr_max = max(lr, lr_max_before)
    return lr, lr_max, (t ** hp["r"]) * (lr_max ** hp["weight_lr_power"])


def _beta1(hp) -> float:
    return hp["momentum"] if "momentum" in hp else hp["beta1"]


def update(grad, state: ScheduleFreeState, params, hp, hessian=None):
    t = state.t + 1
    beta1 = _beta1(hp)
    adam = "beta2" in hp
    # the weights are the same for every run of a batch (they depend on t and lr only)
    lr, lr_max, w = _schedule(t, hp, float(state.lr_max[0]) if state.lr_max.size else -1.0)
    weight_sum = float(state.weight_sum[0]) + w if state.weight_sum.size else w
    c = w / weight_sum if weight_sum != 0.0 else 0.0
    v, vmax = state.exp_avg_sq, state.max_exp_avg_sq
    g = grad
    denom = None
    if adam:
        beta2 = hp["beta2"]
        bc2 = 1.0 - math.pow(beta2, t)
        v = v * beta2 + ((1.0 - beta2) * g) * g
        corrected = v / bc2
        if hp["ams_bound"]:
            vmax = np.maximum(vmax, corrected)
            corrected = vmax
        denom = np.sqrt(corrected + 1e-15) + hp["eps"]
        g = g / denom
        if hp["decoupling_c"] > 0:
            c = min(1.0, c * (1.0 - beta1) * hp["decoupling_c"])
    if hp["weight_decay"] > 0.0:
        g = g + hp["weight_decay"] * params
    y = lerp(params, state.z, c)
    coef = lr * (beta1 * (1.0 - c) - 1)
    y = y + coef * g
    z = state.z + (-lr) * g
    x = (y - (1.0 - beta1) * z) / beta1
    b = params.shape[0]
    rate = np.full(params.shape, -coef) if denom is None else (-coef) / denom
    new_state = ScheduleFreeState(t, z, x, np.full(b, weight_sum), np.full(b, lr_max), v, vmax)
    return y, new_state, rate


STATE_DOC = (
    STEPS_DOC,
    ("z", "z: the base sequence of plain gradient steps"),
    ("x", "x: the weighted average of z, (y − (1 − β1)·z) / β1 (what eval() gives)"),
    ("weight_sum", "W: sum of the averaging weights w = t^r·lr_max^weight_lr_power"),
    ("lr_max", "lr_max: the largest lr_t so far (−1 before the first step)"),
    ("exp_avg_sq", "v: running mean of squared gradients (AdamW only)"),
    ("max_exp_avg_sq", "vmax: the largest bias-corrected v so far (AdamW with ams_bound only)"),
)


def explain(s: Step) -> list[Equation]:
    """The schedule-free step with this step's numbers."""
    hp, t = s.hp, s.t
    beta1 = float(_beta1(hp))
    adam = "beta2" in hp
    b1name = "β1" if adam else "momentum"
    lr, lr_max, w = _schedule(t, hp, float(s.before.lr_max))
    W = float(s.before.weight_sum) + w
    c = w / W if W != 0.0 else 0.0
    lines = [first_line(s)]
    if hp["lr_warmup_steps"] and t < hp["lr_warmup_steps"]:
        lines.append(Equation("lr_t", "lr·t / lr_warmup_steps", f"{num(s.lr)}·{t} / {hp['lr_warmup_steps']}", lr))
    lines += [
        Equation("lr_max", "max(lr_max, lr_t)", f"max({num(float(s.before.lr_max))}, {num(lr)})", lr_max, "lr_max"),
        Equation(
            "w", "t^r·lr_max^weight_lr_power", f"{t}^{num(hp['r'])}·{num(lr_max)}^{num(hp['weight_lr_power'])}", w
        ),
        Equation("W", "W + w", f"{num(float(s.before.weight_sum))} + {num(w)}", W, "weight_sum"),
        Equation("c", "w / W", f"{num(w)} / {num(W)}", c),
    ]
    g = s.grad
    denom = None
    if adam:
        b2, eps = float(hp["beta2"]), float(hp["eps"])
        v0 = s.before.exp_avg_sq
        v = b2 * v0 + (1 - b2) * g * g
        lines.append(
            Equation("v", "β2·v + (1 − β2)·g²", f"{num(b2)}·{vec(v0)} + {num(1 - b2)}·{vec(g)}²", v, "exp_avg_sq")
        )
        vhat = v / (1 - b2**t)
        name = "v̂"
        if hp["ams_bound"]:
            vhat = np.maximum(s.before.max_exp_avg_sq, vhat)
            lines.append(Equation("vmax", "max(vmax, v / (1 − β2^t))", "", vhat, "max_exp_avg_sq"))
            name = "vmax"
        denom = np.sqrt(vhat + 1e-15) + eps
        g = g / denom
        lines.append(Equation("g", f"g / (√({name} + 1e-15) + ε)", f"… / {vec(denom)}", g))
        if hp["decoupling_c"] > 0:
            c = min(1.0, c * (1 - beta1) * hp["decoupling_c"])
            lines.append(Equation("c", "min(1, c·(1 − β1)·decoupling_c)", "", c))
    wd = float(hp["weight_decay"])
    if wd > 0:
        g = g + wd * s.theta
        lines.append(Equation("g", "g + weight_decay·y", f"… + {num(wd)}·{vec(s.theta)}", g))
    z0 = s.before.z
    y1 = s.theta + c * (z0 - s.theta)
    coef = lr * (1 - beta1 * (1 - c))
    z = z0 - lr * g
    y = y1 - coef * g
    rate = np.full(2, coef) if denom is None else coef / denom
    lines += [
        Equation("y", "y + c·(z − y)", f"{vec(s.theta)} + {num(c)}·({vec(z0)} − {vec(s.theta)})", y1),
        Equation("z", "z − lr_t·g", f"{vec(z0)} − {num(lr)}·{vec(g)}", z, "z"),
        Equation(
            "η",
            f"lr_t·(1 − {b1name}·(1 − c))" + (" / (√v̂ + ε)" if adam else ""),
            f"{num(lr)}·(1 − {num(beta1)}·{num(1 - c)})",
            rate,
            "effective_lr",
        ),
        Equation("θ", f"y − lr_t·(1 − {b1name}·(1 − c))·g", f"{vec(y1)} − {num(coef)}·{vec(g)}", y, "theta"),
        Equation("x", f"(y − (1 − {b1name})·z) / {b1name}", f"({vec(y)} − {num(1 - beta1)}·{vec(z)}) / {num(beta1)}",
                 (y - (1 - beta1) * z) / beta1, "x"),
    ]  # fmt: skip
    return lines


def _common(r: float = 0.0) -> tuple[Param, ...]:
    return (
        Param("weight_decay", "float", 0.0, "L2 penalty, added to the (preconditioned) gradient at y", low=0.0,
              gui_max=10.0),
        Param("r", "float", r, "the averaging weight grows as t^r", low=0.0, gui_max=10.0),
        Param("weight_lr_power", "float", 2.0, "the averaging weight grows as lr_max^weight_lr_power", low=0.0,
              gui_max=10.0),
        Param("lr_warmup_steps", "int", 0, "linear warmup of lr over this many steps (warmup_steps in the reference)",
              low=0, gui_max=1e6),
    )  # fmt: skip


OPTIMIZERS = (
    Optimizer(
        "schedulefree_sgd",
        "Schedule-free SGD",
        "pytorch_optimizer.ScheduleFreeSGD",
        "SGD that averages its iterates instead of decaying lr; the path is y, where the gradient is taken",
        (
            P.lr(1.0),
            Param("momentum", "float", 0.9, "β1: y = (1 − β1)·z + β1·x", low=0.0, high=1.0, low_open=True,
                  high_open=True),
            *_common(),
        ),
        init,
        update,
        __doc__,
        state_doc=STATE_DOC,
        explain=explain,
        order=110,
    ),
    Optimizer(
        "schedulefree_adamw",
        "Schedule-free AdamW",
        "pytorch_optimizer.ScheduleFreeAdamW",
        "Adam-preconditioned schedule-free steps; the path is y, where the gradient is taken",
        (
            P.lr(2.5e-3),
            Param("beta1", "float", 0.9, "β1: y = (1 − β1)·z + β1·x (betas[0])", low=0.0, high=1.0, low_open=True,
                  high_open=True),
            P.beta2(),
            *_common(),
            Param("decoupling_c", "int", 0, "c = min(1, c·(1 − β1)·decoupling_c) when > 0", low=0, gui_max=1e3),
            Param("ams_bound", "bool", False, "use the running maximum of the bias-corrected v"),
            P.eps(1e-8),
        ),
        init,
        update,
        __doc__,
        state_doc=STATE_DOC,
        explain=explain,
        order=111,
    ),
)  # fmt: skip

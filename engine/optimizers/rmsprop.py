"""RMSProp (torch.optim.RMSprop), optionally centered and with momentum.

The update of step ``t``::

    g = grad + weight_decay * theta
    v = alpha * v + (1 - alpha) * g * g
    centered:  gbar = lerp(gbar, g, 1 - alpha);  d = sqrt(v - gbar^2) + eps
    otherwise: d = sqrt(v) + eps
    momentum > 0:  b = momentum * b + g / d;  theta = theta - lr * b
    otherwise:     theta = theta - lr * g / d

Effective learning rate: ``lr / d``.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from specs import Param

from . import params as P
from .base import Optimizer
from .common import l2, lerp
from .explain import STEPS_DOC, Equation, Step, num, opening_lines, vec


class RMSpropState(NamedTuple):
    t: int
    square_avg: np.ndarray
    grad_avg: np.ndarray
    buf: np.ndarray


def init(params, hp) -> RMSpropState:
    z = np.zeros(np.shape(params))
    return RMSpropState(0, z, z, z)


def update(grad, state: RMSpropState, params, hp, hessian=None):
    lr, alpha, momentum = hp["lr"], hp["alpha"], hp["momentum"]
    g = l2(grad, params, hp["weight_decay"])
    v = state.square_avg * alpha + ((1.0 - alpha) * g) * g
    gbar = state.grad_avg
    if hp["centered"]:
        gbar = lerp(gbar, g, 1.0 - alpha)
        d = np.sqrt(v + ((-1.0) * gbar) * gbar) + hp["eps"]
    else:
        d = np.sqrt(v) + hp["eps"]
    buf = state.buf
    if momentum > 0.0:
        buf = buf * momentum + g / d
        new_params = params + (-lr) * buf
    else:
        new_params = params + ((-lr) * g) / d
    return new_params, RMSpropState(state.t + 1, v, gbar, buf), lr / d


STATE_DOC = (
    STEPS_DOC,
    ("square_avg", "v: running mean of squared gradients"),
    ("grad_avg", "ḡ: running mean of gradients (centered only)"),
    ("buf", "b: momentum buffer (momentum > 0 only)"),
)


def explain(s: Step) -> list[Equation]:
    """RMSProp's rule with this step's numbers."""
    hp = s.hp
    alpha, eps, mom = float(hp["alpha"]), float(hp["eps"]), float(hp["momentum"])
    lines, _, g = opening_lines(s, decoupled=False)
    v0 = s.before.square_avg
    v = alpha * v0 + (1 - alpha) * g * g
    lines.append(
        Equation("v", "α·v + (1 − α)·g²", f"{num(alpha)}·{vec(v0)} + {num(1 - alpha)}·{vec(g)}²", v, "square_avg")
    )
    if hp["centered"]:
        gb0 = s.before.grad_avg
        gb = alpha * gb0 + (1 - alpha) * g
        lines.append(
            Equation("ḡ", "α·ḡ + (1 − α)·g", f"{num(alpha)}·{vec(gb0)} + {num(1 - alpha)}·{vec(g)}", gb, "grad_avg")
        )
        d = np.sqrt(v - gb * gb) + eps
        lines.append(Equation("d", "√(v − ḡ²) + ε", f"√({vec(v)} − {vec(gb)}²) + {num(eps)}", d))
    else:
        d = np.sqrt(v) + eps
        lines.append(Equation("d", "√v + ε", f"√{vec(v)} + {num(eps)}", d))
    lines.append(Equation("η", "lr / d", f"{num(s.lr)} / {vec(d)}", s.lr / d, "effective_lr"))
    if mom > 0:
        b0 = s.before.buf
        b = mom * b0 + g / d
        lines.append(Equation("b", "momentum·b + g / d", f"{num(mom)}·{vec(b0)} + {vec(g)} / {vec(d)}", b, "buf"))
        lines.append(Equation("θ", "θ − lr·b", f"{vec(s.theta)} − {num(s.lr)}·{vec(b)}", s.theta - s.lr * b, "theta"))
    else:
        new = s.theta - s.lr * g / d
        lines.append(Equation("θ", "θ − lr·g / d", f"{vec(s.theta)} − {num(s.lr)}·{vec(g)} / {vec(d)}", new, "theta"))
    return lines


OPTIMIZERS = (
    Optimizer(
        "rmsprop",
        "RMSProp",
        "torch.optim.RMSprop",
        "per-parameter rates from a running mean of squared gradients",
        (
            P.lr(1e-2),
            Param("alpha", "float", 0.99, "smoothing constant of the squared-gradient average", low=0.0, high=1.0),
            P.eps(1e-8),
            P.weight_decay(),
            P.momentum(0.0),
            Param("centered", "bool", False, "normalise by the estimated variance of the gradient"),
        ),
        init,
        update,
        __doc__,
        state_doc=STATE_DOC,
        explain=explain,
        order=30,
    ),
)

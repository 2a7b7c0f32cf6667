"""ASGD, averaged stochastic gradient descent (torch.optim.ASGD; Polyak & Juditsky, 1992).

SGD with a decaying step size ``eta`` and a running (Polyak) average ``ax`` of the
iterates, started after ``t0`` steps. The update of step ``t`` (``eta = lr`` and
``mu = 1`` before the first step)::

    g = grad + weight_decay * theta
    theta = theta * (1 - lambd * eta)
    theta = theta - eta * g
    ax = ax + mu * (theta - ax)        (ax = theta while mu = 1)
    eta = lr / (1 + lambd * lr * t) ^ alpha
    mu = 1 / max(1, t - t0)

The racer's path is ``theta``, the point the gradient is taken at (the iterate torch
keeps in the parameter); the average ``ax`` (what ASGD returns as its estimate once
averaging starts) is in the state and shown by the step inspector.

Effective learning rate: ``eta``, this step's step size (the one computed at the
end of the previous step), for every parameter.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from specs import Param

from . import params as P
from .base import Optimizer
from .common import l2
from .explain import STEPS_DOC, Equation, Step, num, opening_lines, vec


class ASGDState(NamedTuple):
    t: int
    eta: np.ndarray  # (B,): the step size of the next step (shape () for one flat parameter vector)
    mu: np.ndarray  # (B,): the averaging weight of the next step
    ax: np.ndarray  # (B, 2): the averaged iterate


def init(params, hp) -> ASGDState:
    runs = np.shape(params)[:-1]  # (B,) for a batch of 2-D runs, () for a network's flat vector
    return ASGDState(0, np.full(runs, float(hp["lr"])), np.ones(runs), np.zeros(np.shape(params)))


def update(grad, state: ASGDState, params, hp, hessian=None):
    lr, lambd = hp["lr"], hp["lambd"]
    t = state.t + 1
    g = l2(grad, params, hp["weight_decay"])
    eta = state.eta[..., None]
    params = params * (1.0 - lambd * eta)
    params = params + (-eta) * g
    mu = state.mu[..., None]
    ax = np.where(mu != 1.0, state.ax + (params - state.ax) * mu, params)
    new_eta = np.full_like(state.eta, lr / ((1.0 + lambd * lr * t) ** hp["alpha"]))
    new_mu = np.full_like(state.mu, 1.0 / max(1.0, t - hp["t0"]))
    rate = np.broadcast_to(eta, params.shape).copy()
    return params, ASGDState(t, new_eta, new_mu, ax), rate


STATE_DOC = (
    STEPS_DOC,
    ("eta", "η: step size of the next step, lr / (1 + lambd·lr·t)^alpha"),
    ("mu", "μ: averaging weight of the next step, 1 / max(1, t − t0)"),
    ("ax", "x̄: the averaged iterate (equal to θ until step t0)"),
)


def explain(s: Step) -> list[Equation]:
    """ASGD's rule with this step's numbers."""
    hp = s.hp
    lines, theta, g = opening_lines(s, decoupled=False)
    lambd, alpha, t0 = float(hp["lambd"]), float(hp["alpha"]), float(hp["t0"])
    eta, mu, ax0 = float(s.before.eta), float(s.before.mu), s.before.ax
    shrunk = theta * (1.0 - lambd * eta)
    lines.append(Equation("θ", "θ·(1 − lambd·η)", f"{vec(theta)}·(1 − {num(lambd)}·{num(eta)})", shrunk))
    new = shrunk - eta * g
    if mu != 1.0:
        ax = ax0 + (new - ax0) * mu
        lines.append(Equation("x̄", "x̄ + μ·(θ_new − x̄)", f"{vec(ax0)} + {num(mu)}·({vec(new)} − {vec(ax0)})", ax, "ax"))
    else:
        lines.append(Equation("x̄", "θ_new (μ = 1)", vec(new), new, "ax"))
    lines.append(Equation("η", "η (this step)", num(eta), np.array([eta, eta]), "effective_lr"))
    lines.append(Equation("θ", "θ − η·g", f"{vec(shrunk)} − {num(eta)}·{vec(g)}", new, "theta"))
    t = s.t
    lines.append(
        Equation(
            "η",
            "lr / (1 + lambd·lr·t)^alpha",
            f"{num(s.lr)} / (1 + {num(lambd)}·{num(s.lr)}·{t})^{num(alpha)}",
            s.lr / ((1.0 + lambd * s.lr * t) ** alpha),
            "eta",
        )
    )
    lines.append(Equation("μ", "1 / max(1, t − t0)", f"1 / max(1, {t} − {num(t0)})", 1.0 / max(1.0, t - t0), "mu"))
    return lines


OPTIMIZERS = (
    Optimizer(
        "asgd",
        "ASGD",
        "torch.optim.ASGD",
        "SGD with a slowly decaying step size and a running average of its iterates",
        (
            P.lr(1e-2),
            Param("lambd", "float", 1e-4, "decay term: eta = lr / (1 + lambd·lr·t)^alpha", low=0.0, gui_max=10.0),
            Param("alpha", "float", 0.75, "power of the step-size decay", low=0.0, gui_max=10.0),
            Param("t0", "float", 1e6, "step after which averaging starts", low=0.0, gui_max=1e7),
            P.weight_decay(),
        ),
        init,
        update,
        __doc__,
        state_doc=STATE_DOC,
        explain=explain,
        order=82,
    ),
)

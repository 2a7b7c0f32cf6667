"""AdaGrad (torch.optim.Adagrad).

The update of step ``t``::

    g = grad + weight_decay * theta
    clr = lr / (1 + (t - 1) * lr_decay)
    S = S + g * g                 (S starts at initial_accumulator_value)
    theta = theta - clr * g / (sqrt(S) + eps)

Effective learning rate: ``clr / (sqrt(S) + eps)``.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from specs import Param

from . import params as P
from .base import Optimizer
from .common import l2
from .explain import STEPS_DOC, Equation, Step, num, opening_lines, vec


class AdagradState(NamedTuple):
    t: int
    sum: np.ndarray


def init(params, hp) -> AdagradState:
    return AdagradState(0, np.full(np.shape(params), float(hp["initial_accumulator_value"])))


def update(grad, state: AdagradState, params, hp, hessian=None):
    t = state.t + 1
    g = l2(grad, params, hp["weight_decay"])
    clr = hp["lr"] / (1 + (t - 1) * hp["lr_decay"])
    s = state.sum + g * g
    std = np.sqrt(s) + hp["eps"]
    new_params = params + ((-clr) * g) / std
    return new_params, AdagradState(t, s), clr / std


STATE_DOC = (
    STEPS_DOC,
    ("sum", "S: sum of squared gradients (starts at initial_accumulator_value)"),
)


def explain(s: Step) -> list[Equation]:
    """AdaGrad's rule with this step's numbers."""
    hp = s.hp
    lines, _, g = opening_lines(s, decoupled=False)
    decay = float(hp["lr_decay"])
    clr = s.lr / (1 + (s.t - 1) * decay)
    if decay:
        lines.append(Equation("clr", "lr / (1 + (t − 1)·lr_decay)", f"{num(s.lr)} / (1 + {s.t - 1}·{num(decay)})", clr))
    S0 = s.before.sum
    S = S0 + g * g
    lines.append(Equation("S", "S + g²", f"{vec(S0)} + {vec(g)}²", S, "sum"))
    rate = clr / (np.sqrt(S) + hp["eps"])
    name = "clr" if decay else "lr"
    lines.append(
        Equation("η", f"{name} / (√S + ε)", f"{num(clr)} / (√{vec(S)} + {num(hp['eps'])})", rate, "effective_lr")
    )
    lines.append(Equation("θ", "θ − η·g", f"{vec(s.theta)} − {vec(rate)}·{vec(g)}", s.theta - rate * g, "theta"))
    return lines


OPTIMIZERS = (
    Optimizer(
        "adagrad",
        "AdaGrad",
        "torch.optim.Adagrad",
        "per-parameter rates that shrink with the sum of all past squared gradients",
        (
            P.lr(1e-2),
            Param("lr_decay", "float", 0.0, "learning-rate decay: lr / (1 + (t-1) lr_decay)", low=0.0, gui_max=10.0),
            P.weight_decay(),
            Param(
                "initial_accumulator_value",
                "float",
                0.0,
                "starting value of the sum of squared gradients S",
                low=0.0,
                gui_max=1e3,
            ),
            P.eps(1e-10),
        ),
        init,
        update,
        __doc__,
        state_doc=STATE_DOC,
        explain=explain,
        order=20,
    ),
)

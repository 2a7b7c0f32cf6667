"""The update equations of one step with that step's numbers plugged in.

Each optimizer module may give its :class:`~engine.optimizers.base.Optimizer` an
``explain(step)`` function: it receives a :class:`Step` (the gradient the optimizer
was given, its state before and after, the hyperparameters in effect) and returns
the rule's lines as :class:`Equation` objects, e.g.::

    m = β1·m + (1 − β1)·g = 0.9·(0.5, -1) + 0.1·(2, 4) = (0.65, -0.5)

Every equation carries the value it computes from the numbers it shows, so a test
can check the text against what the engine did (``tests/engine/test_inspect.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = [
    "Equation",
    "FIRST_MOMENT_DOC",
    "SECOND_MOMENT_DOC",
    "STEPS_DOC",
    "Step",
    "first_line",
    "mhat_line",
    "moment_lines",
    "num",
    "opening_lines",
    "vec",
]


def num(x: Any) -> str:
    """A number as the inspector writes it: 6 significant digits."""
    x = float(x)
    if x == 0.0:
        return "0"
    return f"{x:.6g}"


def vec(a: Any) -> str:
    """A per-parameter value as ``(x, y)`` (a scalar stays a number)."""
    arr = np.asarray(a, dtype=float)
    if arr.ndim == 0:
        return num(arr)
    return "(" + ", ".join(num(v) for v in arr.ravel()) + ")"


@dataclass(frozen=True, slots=True)
class Equation:
    """One line of an update rule: ``name = rule = numbers = value``.

    ``target`` names what ``value`` must equal after the step: a state field
    (``"exp_avg"``), ``"theta"`` (the new parameters) or ``"effective_lr"``; ``""``
    for an intermediate quantity.
    """

    name: str
    rule: str
    numbers: str
    value: Any
    target: str = ""

    def __str__(self) -> str:
        parts = [self.name, self.rule]
        if self.numbers and self.numbers != self.rule:
            parts.append(self.numbers)
        parts.append(vec(self.value))
        return " = ".join(parts)


@dataclass(frozen=True, slots=True)
class Step:
    """What an ``explain`` function is given (every array of one run: shape (2,))."""

    t: int  # the step's number (1 for the first update)
    hp: Mapping[str, Any]  # the hyperparameters in effect (lr after any schedule)
    theta: np.ndarray  # the parameters before the step
    grad: np.ndarray  # the gradient the optimizer was given (after noise or mini-batching)
    before: Any  # the optimizer's state before the step (its NamedTuple, one run)
    after: Any  # ... and after it
    new_theta: np.ndarray
    effective_lr: np.ndarray
    hessian: np.ndarray | None = None  # (2, 2), for second-order methods
    grad_rule: str = "∇f(θ)"  # where the gradient came from ("mini-batch ∇f(θ)", "∇f(θ) + noise")

    @property
    def lr(self) -> float:
        return float(self.hp["lr"])


def opening_lines(s: Step, decoupled: bool | None = None) -> tuple[list[Equation], np.ndarray, np.ndarray]:
    """(lines, theta, g) every first-order rule starts from: the gradient given, then weight decay,
    coupled (L2: g = ∇f + wd·θ) or decoupled (θ = θ·(1 − lr·wd))."""
    lines = [first_line(s)]
    wd = float(s.hp.get("weight_decay") or 0.0)
    if decoupled is None:
        decoupled = bool(s.hp.get("decoupled_weight_decay"))
    if wd == 0.0:
        return lines, s.theta, s.grad
    if decoupled:
        theta = s.theta * (1.0 - s.lr * wd)
        lines.append(Equation("θ", "θ·(1 − lr·weight_decay)", f"{vec(s.theta)}·(1 − {num(s.lr)}·{num(wd)})", theta))
        return lines, theta, s.grad
    g = s.grad + wd * s.theta
    lines.append(Equation("g", "g + weight_decay·θ", f"{vec(s.grad)} + {num(wd)}·{vec(s.theta)}", g))
    return lines, s.theta, g


# what the state fields shared by several optimizers hold (their STATE_DOC entries)
STEPS_DOC = ("t", "t: steps taken")
FIRST_MOMENT_DOC = ("exp_avg", "m: first moment, the running mean of gradients")
SECOND_MOMENT_DOC = ("exp_avg_sq", "v: second moment, the running mean of squared gradients")


def mhat_line(s: Step, m: np.ndarray) -> Equation:
    """The bias-corrected first moment m̂ = m / (1 − β1^t)."""
    b1 = float(s.hp["beta1"])
    return Equation("m̂", "m / (1 − β1^t)", f"{vec(m)} / (1 − {num(b1)}^{s.t})", m / (1 - b1**s.t))


def first_line(s: Step) -> Equation:
    """The gradient the step starts from."""
    return Equation("g", s.grad_rule, "", s.grad)


def moment_lines(s: Step, g: np.ndarray) -> tuple[list[Equation], np.ndarray, np.ndarray]:
    """m and v of the Adam family with this step's numbers."""
    b1, b2 = float(s.hp["beta1"]), float(s.hp["beta2"])
    m0, v0 = s.before.exp_avg, s.before.exp_avg_sq
    m = b1 * m0 + (1 - b1) * g
    v = b2 * v0 + (1 - b2) * g * g
    return (
        [
            Equation("m", "β1·m + (1 − β1)·g", f"{num(b1)}·{vec(m0)} + {num(1 - b1)}·{vec(g)}", m, "exp_avg"),
            Equation("v", "β2·v + (1 − β2)·g²", f"{num(b2)}·{vec(v0)} + {num(1 - b2)}·{vec(g)}²", v, "exp_avg_sq"),
        ],
        m,
        v,
    )


Explain = Callable[[Step], Sequence[Equation]]

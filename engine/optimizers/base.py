"""What a registered optimizer is: :class:`Optimizer`, and how its equations are documented.

An optimizer module (``engine/optimizers/<family>.py``) holds, in one file:

* a module docstring whose first literal block (the lines after a line ending in
  ``::``) is the update rule, and whose line ``Effective learning rate: ``...````
  says what the engine records as the effective learning rate. These are the one
  source of both: ``main.py list``, the GUI's tooltips and the docs read them
  from here (:attr:`Optimizer.rule`, :attr:`Optimizer.effective_lr`);
* ``init(params, hp) -> state`` and
  ``update(grad, state, params, hp, hessian=None) -> (new_params, new_state, effective_lr)``
  (with ``needs_oracle``, ``update(grad, state, params, hp, hessian, oracle)``: the
  objective's ``value_and_grad`` for the trial points of a line search);
* ``explain(step)``: the update rule's lines with one step's numbers plugged in
  (:mod:`engine.optimizers.explain`), and ``state_doc``: what each field of the
  state holds; the step inspector (:mod:`engine.inspect`) shows both;
* ``OPTIMIZERS``: a tuple of :class:`Optimizer` entries (a family may register
  several, e.g. sgd, momentum and nesterov), found by ``engine.registry``.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from specs import Param

__all__ = ["Optimizer", "equations", "effective_lr_text", "with_fixed"]

_EFFECTIVE = re.compile(r"Effective learning rate[^:]*:\s*``(.+?)``(.*?)(?:\n\s*\n|\Z)", re.DOTALL)


def equations(doc: str | None) -> str:
    """The first literal block of a docstring (the indented lines after ``...::``), dedented."""
    lines = (doc or "").splitlines()
    for i, line in enumerate(lines):
        if line.rstrip().endswith("::"):
            block: list[str] = []
            for following in lines[i + 1 :]:
                if following.strip() and not following.startswith((" ", "\t")):
                    break
                block.append(following)
            text = textwrap.dedent("\n".join(block)).strip("\n")
            if text:
                return text
    return ""


def effective_lr_text(doc: str | None) -> str:
    """The effective learning rate a docstring states (``Effective learning rate: ``...````), with any
    qualifying words that follow it in the same paragraph."""
    match = _EFFECTIVE.search(doc or "")
    if match is None:
        return ""
    rest = " ".join(match.group(2).replace("``", "").split())
    return match.group(1) + (("" if rest[:1] in ",;." else " ") + rest if rest else "")


@dataclass(frozen=True, slots=True)
class Optimizer:
    """A registered optimizer: its description, hyperparameters and two pure functions.

    ``doc`` is the docstring of the module that implements it; the update rule and
    the effective learning rate shown to users come from there. ``order`` sorts the
    registry (lower first; ties by name). ``check`` applies rules across
    hyperparameters (``nesterov`` needs ``momentum > 0``) and raises ``ParamError``.
    """

    name: str
    title: str
    # the PyTorch class that reproduces it: "torch.optim.SGD(momentum=0.9)", "pytorch_optimizer.Lion"; "" if none
    torch_equivalent: str
    summary: str  # one sentence for users
    hyperparams: tuple[Param, ...]
    init: Callable[..., Any] = field(repr=False)
    update: Callable[..., Any] = field(repr=False)
    doc: str = field(default="", repr=False)
    needs_hessian: bool = False
    # where the method is defined when no PyTorch class reproduces it ("Nocedal & Wright, Algorithm 3.1")
    reference: str = ""
    # line-search and quasi-Newton methods evaluate the objective at trial points inside a step: their
    # update is called with a sixth argument, oracle(points (n, 2)) -> (f (n,), grad (n, 2)), a pure function
    needs_oracle: bool = False
    check: Callable[[Mapping[str, Any]], None] | None = field(default=None, repr=False)
    order: int = 1000
    # what the state holds: (field of the state NamedTuple, "symbol: meaning"), one per field
    state_doc: tuple[tuple[str, str], ...] = ()
    # explain(step) -> the update equations with one step's numbers (engine.optimizers.explain)
    explain: Callable[[Any], Any] | None = field(default=None, repr=False)

    @property
    def rule(self) -> str:
        """The update rule, as written in the implementing module's docstring."""
        return equations(self.doc)

    @property
    def effective_lr(self) -> str:
        """What the recorded effective learning rate is, from the module's docstring."""
        return effective_lr_text(self.doc)

    @property
    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.hyperparams}

    def param(self, name: str) -> Param:
        for p in self.hyperparams:
            if p.name == name:
                return p
        raise KeyError(name)


def with_fixed(update: Callable[..., Any], **fixed: Any) -> Callable[..., Any]:
    """An update function with some hyperparameters fixed (e.g. AdamW's decoupling)."""

    def fixed_update(grad, state, params, hp, hessian=None):
        return update(grad, state, params, {**hp, **fixed}, hessian)

    fixed_update.__doc__ = update.__doc__
    return fixed_update

"""Hyperparameter descriptions and validation.

Every optimizer in the registry lists its hyperparameters as :class:`HyperParam`
objects. The same descriptions drive validation (here), the command line parser
(``engine.spec``), ``main.py list`` and the GUI's editor (spin boxes with these
ranges, check boxes for booleans, tooltips from ``doc``).

Validation happens once, before any step runs: a bad value raises
:class:`HyperparameterError` (a ``ValueError``) whose message names the
hyperparameter, the value given and the allowed range.
"""
from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field
from typing import Any

__all__ = ["HyperParam", "HyperparameterError", "format_value"]


class HyperparameterError(ValueError):
    """A hyperparameter value was refused.

    ``key`` is the hyperparameter's name (``None`` for an unknown optimizer),
    ``reason`` the rule it broke (``"must be > 0"``); ``str(err)`` is the full
    one-line message shown to users.
    """

    def __init__(self, message: str, key: str | None = None, reason: str | None = None):
        super().__init__(message)
        self.key = key
        self.reason = reason if reason is not None else message


def format_value(value: Any) -> str:
    """Format a hyperparameter value the way a user would type it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)  # shortest text that reads back to the same float
    return str(value)


@dataclass(frozen=True)
class HyperParam:
    """One hyperparameter of an optimizer.

    ``kind`` is ``"float"``, ``"int"`` or ``"bool"``. For numbers the allowed
    range is ``low .. high``, with ``low_open``/``high_open`` saying whether the
    end itself is excluded (``lr`` is ``(0, inf)``, ``beta1`` is ``[0, 1)``).
    ``log`` asks the GUI for a log-scale control (learning rates, eps).
    ``gui_max`` is a practical upper end for a spin box where ``high`` is
    infinite.
    """

    name: str
    kind: str
    default: Any
    doc: str
    low: float = -math.inf
    high: float = math.inf
    low_open: bool = False
    high_open: bool = False
    log: bool = False
    gui_max: float | None = None
    torch_name: str | None = field(default=None, compare=False)

    # ----------------------------------------------------------------- ranges
    def range_text(self) -> str:
        """The allowed values as a short rule, e.g. ``> 0`` or ``in [0, 1)``."""
        if self.kind == "bool":
            return "true or false"
        lo, hi = self.low, self.high
        if hi == math.inf:
            if lo == -math.inf:
                return "any number"
            return f"> {lo:g}" if self.low_open else f">= {lo:g}"
        left = "(" if self.low_open else "["
        right = ")" if self.high_open else "]"
        return f"in {left}{lo:g}, {hi:g}{right}"

    def in_range(self, value: float) -> bool:
        if self.kind == "bool":
            return isinstance(value, bool)
        if not math.isfinite(value):
            return False
        if value < self.low or (self.low_open and value == self.low):
            return False
        if value > self.high or (self.high_open and value == self.high):
            return False
        return True

    # -------------------------------------------------------------- checking
    def check(self, value: Any, owner: str = "") -> Any:
        """Return ``value`` converted to this parameter's type, or raise.

        Accepts Python and NumPy numbers; refuses strings, booleans for
        numbers, numbers for booleans, NaN and infinities.
        """
        where = f"{owner} " if owner else ""
        if self.kind == "bool":
            if isinstance(value, bool):
                return value
            try:
                import numpy as np  # local: only for numpy booleans

                if isinstance(value, np.bool_):
                    return bool(value)
            except ImportError:  # pragma: no cover
                pass
            raise HyperparameterError(
                f"{where}{self.name}={value!r}: must be true or false",
                self.name, "must be true or false")
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            reason = "must be a number " + self.range_text()
            raise HyperparameterError(f"{where}{self.name}={value!r}: {reason}", self.name, reason)
        if self.kind == "int":
            as_float = float(value)
            if not math.isfinite(as_float) or as_float != int(as_float):
                reason = "must be a whole number " + self.range_text()
                raise HyperparameterError(f"{where}{self.name}={value!r}: {reason}", self.name, reason)
            value = int(value)
        else:
            value = float(value)
        if math.isnan(value) or not self.in_range(value):
            reason = "must be " + self.range_text()
            raise HyperparameterError(
                f"{where}{self.name}={format_value(value)}: {reason}", self.name, reason)
        return value

    def describe(self) -> str:
        """One line for ``main.py list``: name, default, range, meaning."""
        return (f"{self.name}={format_value(self.default)}  ({self.kind}, "
                f"{self.range_text()})  {self.doc}")

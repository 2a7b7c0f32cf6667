"""`Param`: one setting of an optimizer, a racer option, a schedule or a surface."""

from __future__ import annotations

import math
import numbers
import re
from dataclasses import dataclass
from typing import Any

__all__ = ["Param", "ParamError", "format_number", "format_value"]

KINDS = ("float", "int", "bool")
#: The numbers people type: ASCII digits, an optional sign, point and exponent (``1e-3``, ``-.5``);
#: ``inf``/``nan`` are read so that the range check can say why they are refused. Not ``1_0``,
#: full-width or Arabic-Indic digits, which Python's ``float()`` would accept.
NUMBER = re.compile(
    r"\A[+-]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|inf|infinity|nan)\Z", re.IGNORECASE | re.ASCII
)


def read_number(text: str) -> float:
    """``float(text)`` for a plain ASCII decimal number; ValueError for anything else."""
    if not NUMBER.match(text):
        raise ValueError(f"not a plain decimal number: {text!r}")
    return float(text)


_TRUE = frozenset({"true", "yes", "on", "1"})
_FALSE = frozenset({"false", "no", "off", "0"})


class ParamError(ValueError):
    """A value was refused.

    ``key`` is the setting's name (``None`` when the problem is not one setting,
    e.g. an unknown optimizer), ``reason`` the rule it broke (``"must be > 0"``);
    ``str(err)`` is the full one-line message shown to users.
    """

    def __init__(self, message: str, key: str | None = None, reason: str | None = None):
        super().__init__(message)
        self.key = key
        self.reason = reason if reason is not None else message


def format_number(value: float | int) -> str:
    """Shortest text that reads back as exactly ``value`` (``50.0`` -> ``"50"``, ``0.1`` -> ``"0.1"``)."""
    if isinstance(value, numbers.Integral):
        return str(int(value))
    value = float(value)
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value)


def format_value(value: Any) -> str:
    """A value the way a user would type it: ``true``/``false``, ``0.001``, ``inf``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)  # shortest text that reads back to the same float
    return str(value)


def _shown(value: Any) -> str:
    """A refused value, shown briefly (a 4000-digit integer is not printed whole)."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        try:
            text = str(int(value))
        except ValueError:  # beyond Python's int-to-str digit limit
            return "an integer of more than 4300 digits"
        return text if len(text) <= 30 else f"an integer of {len(text.lstrip('-'))} digits"
    if isinstance(value, float):
        return format_value(value)
    if type(value).__name__ == "bool_":  # numpy.bool_, shown as Python shows a bool
        return str(bool(value))
    if isinstance(value, numbers.Real) and not isinstance(value, bool):  # NumPy scalars
        return format_value(float(value))
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


@dataclass(frozen=True, slots=True)
class Param:
    """One setting a user may give.

    ``kind`` is ``"float"``, ``"int"`` or ``"bool"``. For numbers the allowed
    range is ``low .. high``, with ``low_open``/``high_open`` saying whether the
    end itself is excluded (``lr`` is ``(0, inf)``, ``beta1`` is ``[0, 1)``).
    ``log`` asks the GUI for a log-scale control (learning rates, eps).
    ``gui_max`` is a practical upper end for a control where ``high`` is
    infinite.
    """

    name: str
    kind: str
    default: Any
    doc: str = ""
    low: float = -math.inf
    high: float = math.inf
    low_open: bool = False
    high_open: bool = False
    log: bool = False
    gui_max: float | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"parameter kind must be one of {', '.join(KINDS)}, got {self.kind!r}")
        if self.kind == "bool":
            if not isinstance(self.default, bool):
                raise ValueError(f"default of boolean parameter {self.name!r} must be True or False")
        elif isinstance(self.default, bool) or not self.in_range(self.default):
            raise ValueError(f"default {self.default!r} of parameter {self.name!r} is not {self.range_text()}")

    # ----------------------------------------------------------------- ranges
    def range_text(self) -> str:
        """The allowed values as a short rule: ``> 0``, ``in [0, 1)``, ``true or false``."""
        if self.kind == "bool":
            return "true or false"
        lo, hi = self.low, self.high
        if hi == math.inf:
            if lo == -math.inf:
                return "any number"
            return f"> {format_number(lo)}" if self.low_open else f">= {format_number(lo)}"
        if lo == -math.inf:
            return f"< {format_number(hi)}" if self.high_open else f"<= {format_number(hi)}"
        left = "(" if self.low_open else "["
        right = ")" if self.high_open else "]"
        return f"in {left}{format_number(lo)}, {format_number(hi)}{right}"

    def in_range(self, value: float) -> bool:
        """True when the number ``value`` is finite and allowed (for booleans: is a bool)."""
        if self.kind == "bool":
            return isinstance(value, bool)
        try:
            value = float(value)
        except (OverflowError, TypeError, ValueError):
            return False
        if not math.isfinite(value):
            return False
        if value < self.low or (self.low_open and value == self.low):
            return False
        if value > self.high or (self.high_open and value == self.high):
            return False
        return True

    # -------------------------------------------------------------- checking
    def _error(self, owner: str, shown: str, reason: str) -> ParamError:
        where = f"{owner} " if owner else ""
        return ParamError(f"{where}{self.name}={shown}: {reason}", self.name, reason)

    def check(self, value: Any, owner: str = "") -> Any:
        """Return ``value`` converted to this parameter's type, or raise :class:`ParamError`.

        Accepts Python and NumPy numbers; refuses strings, booleans for numbers,
        numbers for booleans, NaN, infinities and numbers too large for a float.
        ``owner`` (an optimizer or surface name) starts the message.
        """
        if self.kind == "bool":
            if isinstance(value, bool):
                return value
            if type(value).__name__ == "bool_":  # numpy.bool_, without importing NumPy
                return bool(value)
            raise self._error(owner, _shown(value), "must be true or false")
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            noun = "a whole number" if self.kind == "int" else "a number"
            raise self._error(owner, _shown(value), f"must be {noun} {self.range_text()}")
        try:
            number = float(value)
        except OverflowError:  # an int too large for a float: certainly out of range
            raise self._error(owner, _shown(value), f"is too large: must be {self.range_text()}") from None
        if not math.isfinite(number):
            raise self._error(owner, _shown(value), f"is not a finite number: must be {self.range_text()}")
        if self.kind == "int":
            if not number.is_integer():
                raise self._error(owner, _shown(value), f"must be a whole number {self.range_text()}")
            result: Any = int(value) if isinstance(value, numbers.Integral) else int(number)
        else:
            result = number
        if not self.in_range(result):
            raise self._error(owner, _shown(result), f"must be {self.range_text()}")
        return result

    def read(self, text: str, owner: str = "") -> Any:
        """Read typed text as this parameter's type without checking the range.

        Booleans: ``true/false``, ``yes/no``, ``on/off``, ``1/0``; numbers: any
        float literal (``1e-3``), whole numbers stay ``int`` for ``int`` parameters.
        """
        raw = text.strip()
        if self.kind == "bool":
            low = raw.lower()
            if low in _TRUE:
                return True
            if low in _FALSE:
                return False
            raise self._error(owner, repr(raw), "must be true or false")
        try:
            number = read_number(raw)
        except ValueError:
            noun = "a whole number" if self.kind == "int" else "a number"
            raise self._error(owner, _shown(raw), f"must be {noun} {self.range_text()}") from None
        if self.kind == "int" and number.is_integer():
            try:
                return int(raw)  # exact for long integer literals
            except ValueError:
                return int(number)
        return number

    def parse(self, text: str, owner: str = "") -> Any:
        """Read typed text (as in a spec, ``kappa=100``) and check it: :meth:`read` then :meth:`check`."""
        return self.check(self.read(text, owner), owner)

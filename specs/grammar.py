"""The spec grammar: ``name`` or ``name:key=value,key=value``.

One reader for every spec a user types, so optimizers, racers and surfaces accept
and refuse the same things:

* surrounding spaces are ignored, around the name, the keys and the values;
* a ``:`` must be followed by at least one ``key=value``;
* every comma-separated item is ``key=value`` with a key and a value: an empty
  item (``adam:lr=0.1,,``), a missing ``=`` or an empty value is refused;
* a key may appear once;
* control characters (a newline, a tab, NUL) are refused anywhere.
"""

from __future__ import annotations

from .param import ParamError

__all__ = ["SpecError", "format_spec", "split_spec"]

_FORM = "expected 'name' or 'name:key=value,key=value'"
_CONTROL_NAMES = {"\n": "a newline", "\r": "a carriage return", "\t": "a tab", "\x00": "a NUL character"}


class SpecError(ParamError):
    """A spec's text does not follow the grammar (``key`` names the setting when one is at fault)."""


def _control_character(text: str) -> str | None:
    for ch in text:
        if ord(ch) < 32 or ord(ch) == 127:
            return _CONTROL_NAMES.get(ch, f"the control character U+{ord(ch):04X}")
    return None


def split_spec(text: object, what: str = "optimizer") -> tuple[str, list[tuple[str, str]]]:
    """Split a spec into its name and its ``(key, value text)`` items, in order.

    ``what`` names the kind of spec in messages (``"optimizer"``, ``"surface"``).
    The name is returned as typed (stripped); values are stripped text for the
    caller's :meth:`Param.parse`. Raises :class:`SpecError` naming the bad part.
    """
    if not isinstance(text, str):
        raise SpecError(f"{what} spec must be text like 'name:key=value', got {text!r}")
    spec = text.strip()
    bad = _control_character(text)
    if bad is not None:
        raise SpecError(f"{what} spec {text!r} contains {bad}; {_FORM}")
    if not spec:
        raise SpecError(f"empty {what} spec; {_FORM}")
    name, colon, rest = spec.partition(":")
    name = name.strip()
    if not name:
        raise SpecError(f"{what} spec {spec!r} has no name before ':'; {_FORM}")
    items: list[tuple[str, str]] = []
    if not colon:
        return name, items
    if not rest.strip():
        raise SpecError(f"{what} spec {spec!r} has nothing after ':'; {_FORM}")
    for item in rest.split(","):
        item = item.strip()
        if not item:
            raise SpecError(f"{what} spec {spec!r} has an empty setting between commas; expected key=value")
        key, equals, value = item.partition("=")
        key, value = key.strip(), value.strip()
        if not equals:
            raise SpecError(f"setting {item!r} in {what} spec {spec!r} has no '='; expected key=value", key or None)
        if not key:
            raise SpecError(f"setting {item!r} in {what} spec {spec!r} has no name before '='")
        if not value:
            raise SpecError(f"setting {key!r} in {what} spec {spec!r} has no value after '='", key, "has no value")
        if any(k == key for k, _ in items):
            raise SpecError(f"{name}: {key} is given twice in {spec!r}", key, "is given twice")
        items.append((key, value))
    return name, items


def format_spec(name: str, items: list[tuple[str, str]]) -> str:
    """The spec text for ``name`` with these ``(key, value text)`` items (``name`` alone when none)."""
    return name + (":" + ",".join(f"{k}={v}" for k, v in items) if items else "")

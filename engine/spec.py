"""Optimizer spec strings: ``name`` or ``name:key=value,key=value``.

This is the form users type on the command line (``sgd:lr=0.001,momentum=0.9,
nesterov=true``) and the form ``simulate`` accepts. Values are read according
to the registry: booleans are ``true``/``false``, numbers are Python floats
(``1e-3`` works). Every problem raises a ValueError naming the offending part.
"""
from __future__ import annotations

from typing import Any

from .hyperparams import HyperparameterError, format_value
from .registry import Optimizer, get_optimizer, resolve_hyperparams

__all__ = ["parse_optimizer_spec", "parse_racer_spec", "format_optimizer_spec", "parse_value"]

_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


def parse_value(opt: Optimizer, key: str, text: str) -> Any:
    """Read the text of one hyperparameter value according to its kind."""
    try:
        param = opt.param(key)
    except KeyError:
        names = ", ".join(p.name for p in opt.hyperparams)
        raise HyperparameterError(
            f"unknown hyperparameter {key!r} for {opt.name}; valid: {names}", key,
            f"is not a hyperparameter of {opt.name} (valid: {names})") from None
    raw = text.strip()
    if param.kind == "bool":
        low = raw.lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        raise HyperparameterError(f"{opt.name} {key}={raw!r}: must be true or false", key, "must be true or false")
    return _read_number(param, raw, f"{opt.name} ")


def _read_number(param, raw: str, owner: str = "") -> float | int:
    """A number typed for ``param`` (ints stay ints); the range is checked later."""
    try:
        value = float(raw)
    except ValueError:
        reason = f"must be a number {param.range_text()}"
        raise HyperparameterError(f"{owner}{param.name}={raw!r}: {reason}", param.name, reason) from None
    if param.kind == "int" and value.is_integer():
        return int(value)
    return value


def _split_spec(spec: str) -> tuple[Optimizer, list[tuple[str, str]]]:
    if not isinstance(spec, str):
        raise HyperparameterError(f"optimizer spec must be a string like 'adam:lr=0.01', got {spec!r}")
    name, sep, rest = spec.strip().partition(":")
    name = name.strip()
    if not name:
        raise HyperparameterError(f"empty optimizer name in spec {spec!r}")
    opt = get_optimizer(name)
    items: list[tuple[str, str]] = []
    if sep and not rest.strip():
        raise HyperparameterError(f"nothing after ':' in optimizer spec {spec!r}; expected name:key=value,...")
    for item in rest.split(",") if sep else []:
        item = item.strip()
        if not item:
            continue
        key, eq, value = item.partition("=")
        key = key.strip()
        if not eq or not key or not value.strip():
            raise HyperparameterError(
                f"malformed setting {item!r} in optimizer spec {spec!r}; expected key=value", key or None)
        if any(k == key for k, _ in items):
            raise HyperparameterError(f"{opt.name}: {key} is given twice in {spec!r}", key, "is given twice")
        items.append((key, value))
    return opt, items


def parse_option_value(key: str, text: str) -> Any:
    """Read a racer option's value (batch_size, noise, schedule or a schedule key)."""
    from .options import OPTION_PARAMS, SCHEDULE_KEY
    from .schedules import SCHEDULES

    raw = text.strip()
    if key == SCHEDULE_KEY:
        return raw
    params = {p.name: p for p in OPTION_PARAMS}
    for sched in SCHEDULES.values():
        for p in sched.params:
            params.setdefault(p.name, p)
    return _read_number(params[key], raw)


def parse_racer_spec(spec: str, **overrides: Any):
    """Parse a racer spec: optimizer hyperparameters plus racer options
    (``batch_size``, ``noise``, ``schedule`` and its keys).

    Returns ``(optimizer, hyperparams, options)`` with ``options`` an
    :class:`engine.options.RunOptions`. Keyword ``overrides`` are Python values.
    """
    from .options import option_keys, resolve_options

    opt, items = _split_spec(spec)
    extra = set(option_keys())
    given: dict[str, Any] = {}
    opts: dict[str, Any] = {}
    for key, value in items:
        if key in extra and not any(p.name == key for p in opt.hyperparams):
            opts[key] = parse_option_value(key, value)
        elif not any(p.name == key for p in opt.hyperparams):
            names = ", ".join(p.name for p in opt.hyperparams)
            raise HyperparameterError(
                f"unknown hyperparameter {key!r} for {opt.name}; valid: {names}; racer options: "
                f"{', '.join(option_keys())}", key, f"is not a hyperparameter of {opt.name} (valid: {names})")
        else:
            given[key] = parse_value(opt, key, value)
    for key, value in overrides.items():
        if key in given or key in opts:
            raise HyperparameterError(f"{opt.name}: {key} is given both in the spec and as a keyword", key,
                                      "is given twice")
        (opts if key in extra and not any(p.name == key for p in opt.hyperparams) else given)[key] = value
    return opt, resolve_hyperparams(opt, given), resolve_options(opts)


def parse_optimizer_spec(spec: str, **overrides: Any) -> tuple[Optimizer, dict[str, Any]]:
    """Parse and validate a spec; return the optimizer and its full hyperparameters.

    ``overrides`` are keyword hyperparameters given next to the spec (Python
    values, not text); naming a key both in the spec and as a keyword is an error.
    """
    opt, items = _split_spec(spec)
    given = {key: parse_value(opt, key, value) for key, value in items}
    for key, value in overrides.items():
        if key in given:
            raise HyperparameterError(f"{opt.name}: {key} is given both in the spec and as a keyword", key,
                                      "is given twice")
        given[key] = value
    return opt, resolve_hyperparams(opt, given)


def format_optimizer_spec(name: str, hyperparams: dict[str, Any], only_changed: bool = True) -> str:
    """The spec string for ``name`` with these hyperparameters (non-defaults only)."""
    opt = get_optimizer(name)
    parts = [f"{p.name}={format_value(hyperparams[p.name])}" for p in opt.hyperparams
             if p.name in hyperparams and (not only_changed or hyperparams[p.name] != p.default)]
    return name + (":" + ",".join(parts) if parts else "")

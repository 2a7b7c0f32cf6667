"""Optimizer spec strings: ``name`` or ``name:key=value,key=value``.

This is the form users type on the command line (``sgd:lr=0.001,momentum=0.9,
nesterov=true``) and the form ``simulate`` accepts. The grammar is the one every
spec follows (:func:`specs.split_spec`: no empty items, no repeated keys, no
control characters); values are read according to the registry: booleans are
``true``/``false``, numbers are Python floats (``1e-3`` works). Every problem
raises a ValueError naming the offending part.

Lookahead wraps another optimizer, named by ``inner``: ``lookahead:inner=adam,k=5,alpha=0.5,lr=0.01``
(the inner optimizer's hyperparameters by their names; default inner: adam). It is the
registry entry ``lookahead_adam``, which may also be typed as such.
"""

from __future__ import annotations

from typing import Any

from specs import Param, split_spec

from .hyperparams import HyperparameterError, format_value
from .optimizers import lookahead
from .options import OPTION_PARAMS, SCHEDULE_KEY, RunOptions, option_keys, resolve_options
from .registry import OPTIMIZERS, Optimizer, get_optimizer, resolve_hyperparams
from .schedules import SCHEDULES

LOOKAHEAD = "lookahead"  # the spec name of Lookahead: lookahead:inner=NAME,k=5,alpha=0.5,<NAME's keys>

__all__ = ["format_optimizer_spec", "parse_optimizer_spec", "parse_racer_spec", "parse_value"]


def _unknown(opt: Optimizer, key: str, with_options: bool = False) -> HyperparameterError:
    names = ", ".join(p.name for p in opt.hyperparams)
    extra = f"; racer options: {', '.join(option_keys())}" if with_options else ""
    return HyperparameterError(
        f"unknown hyperparameter {key!r} for {opt.name}; valid: {names}{extra}",
        key,
        f"is not a hyperparameter of {opt.name} (valid: {names})",
    )


def parse_value(opt: Optimizer, key: str, text: str) -> Any:
    """Read the text of one hyperparameter value according to its kind (the range is checked later)."""
    try:
        param = opt.param(key)
    except KeyError:
        raise _unknown(opt, key) from None
    return param.read(text, opt.name)


def _option_param(key: str) -> Param:
    params = {p.name: p for p in OPTION_PARAMS}
    for sched in SCHEDULES.values():
        for p in sched.params:
            params.setdefault(p.name, p)
    return params[key]


def parse_option_value(key: str, text: str) -> Any:
    """Read a racer option's value (batch_size, noise, schedule or a schedule key)."""
    raw = text.strip()
    if key == SCHEDULE_KEY:
        return raw
    return _option_param(key).read(raw)


def _split(spec: object) -> tuple[Optimizer, list[tuple[str, str]]]:
    name, items = split_spec(spec, "optimizer")
    if name == LOOKAHEAD:  # lookahead:inner=NAME,...: the registry entry lookahead_NAME
        inner = next((value for key, value in items if key == "inner"), lookahead.DEFAULT_INNER)
        if inner not in OPTIMIZERS or lookahead.inner_name(inner) is not None:
            valid = ", ".join(n for n in OPTIMIZERS if lookahead.inner_name(n) is None)
            raise HyperparameterError(
                f"lookahead: unknown inner optimizer {inner!r}; valid: {valid}",
                "inner",
                "is not a registered optimizer",
            )
        return get_optimizer(lookahead.PREFIX + inner), [(k, v) for k, v in items if k != "inner"]
    return get_optimizer(name), items


def parse_racer_spec(spec: str, **overrides: Any) -> tuple[Optimizer, dict[str, Any], RunOptions]:
    """Parse a racer spec: optimizer hyperparameters plus racer options
    (``batch_size``, ``noise``, ``schedule`` and its keys).

    Returns ``(optimizer, hyperparams, options)`` with ``options`` an
    :class:`engine.options.RunOptions`. Keyword ``overrides`` are Python values.
    """
    opt, items = _split(spec)
    extra = set(option_keys())
    own = {p.name for p in opt.hyperparams}
    given: dict[str, Any] = {}
    opts: dict[str, Any] = {}
    for key, value in items:
        if key in own:
            given[key] = parse_value(opt, key, value)
        elif key in extra:
            opts[key] = parse_option_value(key, value)
        else:
            raise _unknown(opt, key, with_options=True)
    for key, value in overrides.items():
        if key in given or key in opts:
            raise HyperparameterError(
                f"{opt.name}: {key} is given both in the spec and as a keyword", key, "is given twice"
            )
        (opts if key in extra and key not in own else given)[key] = value
    return opt, resolve_hyperparams(opt, given), resolve_options(opts)


def parse_optimizer_spec(spec: str, **overrides: Any) -> tuple[Optimizer, dict[str, Any]]:
    """Parse and validate a spec; return the optimizer and its full hyperparameters.

    ``overrides`` are keyword hyperparameters given next to the spec (Python
    values, not text); naming a key both in the spec and as a keyword is an error.
    """
    opt, items = _split(spec)
    given = {key: parse_value(opt, key, value) for key, value in items}
    for key, value in overrides.items():
        if key in given:
            raise HyperparameterError(
                f"{opt.name}: {key} is given both in the spec and as a keyword", key, "is given twice"
            )
        given[key] = value
    return opt, resolve_hyperparams(opt, given)


def format_optimizer_spec(name: str, hyperparams: dict[str, Any], only_changed: bool = True) -> str:
    """The spec string for ``name`` with these hyperparameters (non-defaults only)."""
    opt = get_optimizer(name)
    inner = lookahead.inner_name(opt.name)
    if inner is not None:  # written as typed: lookahead:inner=NAME,...
        name = f"{LOOKAHEAD}:inner={inner}"
    parts = [
        f"{p.name}={format_value(hyperparams[p.name])}"
        for p in opt.hyperparams
        if p.name in hyperparams and (not only_changed or hyperparams[p.name] != p.default)
    ]
    sep = "," if inner is not None else ":"
    return name + (sep + ",".join(parts) if parts else "")

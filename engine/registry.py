"""The optimizer registry: one table that drives validation, the CLI, ``list``,
the GUI's controls and the parametrized tests.

Every module in ``engine/optimizers/`` that defines ``OPTIMIZERS`` (a tuple of
:class:`~engine.optimizers.base.Optimizer`) is registered, in the entries'
``order``. Names, hyperparameters and defaults follow torch.optim
(shared/reference/optimizers.md), with ``betas`` split into ``beta1`` and
``beta2`` so a setting moves between this app and a PyTorch script unchanged.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping
from typing import Any

from . import optimizers as _optimizers
from .hyperparams import HyperparameterError
from .optimizers import lookahead
from .optimizers.base import Optimizer

__all__ = ["OPTIMIZERS", "Optimizer", "get_optimizer", "resolve_hyperparams"]


class _Registry(dict):
    """The registry table. Besides its entries, ``lookahead_<name>`` (Lookahead around any entry)
    is found by ``[]``, ``in`` and ``get`` without being listed; two of them are listed (Adam, SGD)."""

    def __missing__(self, name: str) -> Optimizer:
        inner = lookahead.inner_name(name) if isinstance(name, str) else None
        if inner is None or inner not in self or lookahead.inner_name(inner) is not None:
            raise KeyError(name)
        return lookahead.wrap(dict.__getitem__(self, inner) if dict.__contains__(self, inner) else self[inner])

    def __contains__(self, name: object) -> bool:
        try:
            self[name]
        except (KeyError, TypeError):
            return False
        return True

    def get(self, name, default=None):
        try:
            return self[name]
        except (KeyError, TypeError):
            return default


#: the Lookahead variants listed (the others are found by name: lookahead_<any registered optimizer>)
LISTED_LOOKAHEAD = ("adam", "sgd")


def _discover() -> dict[str, Optimizer]:
    found: list[Optimizer] = []
    for info in pkgutil.iter_modules(_optimizers.__path__):
        module = importlib.import_module(f"{_optimizers.__name__}.{info.name}")
        found.extend(getattr(module, "OPTIMIZERS", ()))
    found.sort(key=lambda opt: (opt.order, opt.name))
    table: dict[str, Optimizer] = _Registry()
    for opt in found:
        if opt.name in table:
            raise RuntimeError(f"optimizer name {opt.name!r} is registered twice")
        table[opt.name] = opt
    for name in LISTED_LOOKAHEAD:
        wrapped = lookahead.wrap(table[name])
        table[wrapped.name] = wrapped
    return table


OPTIMIZERS: dict[str, Optimizer] = _discover()


def get_optimizer(name: str) -> Optimizer:
    """The registered optimizer ``name``; a ValueError lists the valid names."""
    try:
        return OPTIMIZERS[name]
    except (KeyError, TypeError):
        raise HyperparameterError(f"unknown optimizer {name!r}; valid optimizers: {', '.join(OPTIMIZERS)}") from None


def resolve_hyperparams(optimizer: Optimizer | str, given: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Defaults overlaid with ``given``, every value checked, cross-rules applied.

    Raises :class:`HyperparameterError` naming the offending hyperparameter and
    its allowed range.
    """
    opt = get_optimizer(optimizer) if isinstance(optimizer, str) else optimizer
    given = dict(given or {})
    unknown = [k for k in given if not any(p.name == k for p in opt.hyperparams)]
    if unknown:
        names = ", ".join(p.name for p in opt.hyperparams)
        raise HyperparameterError(
            f"unknown hyperparameter {unknown[0]!r} for {opt.name}; valid: {names}",
            unknown[0],
            f"is not a hyperparameter of {opt.name} (valid: {names})",
        )
    hp = {p.name: p.check(given[p.name], opt.name) if p.name in given else p.default for p in opt.hyperparams}
    if opt.check is not None:
        opt.check(hp)
    return hp

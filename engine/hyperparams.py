"""Hyperparameters are :class:`specs.Param` descriptors, the one parameter type
of optimizers, racer options, schedules and surfaces.

The descriptions drive validation, the command line parser (``engine.spec``),
``main.py list`` and the GUI's editor (spin boxes with these ranges, check boxes
for booleans, tooltips from ``doc``). Validation happens once, before any step
runs: a bad value raises :class:`HyperparameterError` (``specs.ParamError``, a
``ValueError``) whose message names the hyperparameter, the value given and the
allowed range.
"""

from __future__ import annotations

from specs import ParamError, format_value

__all__ = ["HyperparameterError", "format_value"]

#: The error every refused hyperparameter, option or spec raises (``key`` and ``reason`` attributes).
HyperparameterError = ParamError

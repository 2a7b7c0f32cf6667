"""Gradient Arena's optimizer engine (NumPy only; never imports Qt or ``surfaces``).

>>> from surfaces import get_surface
>>> from engine import simulate
>>> run = simulate(get_surface("rosenbrock"), "adam:lr=0.01", start=(-1.5, 2.0), steps=500)
>>> run.positions.shape
(501, 2)
"""

from ._malloc import tune_malloc
from .csvio import CSV_COLUMNS, write_race_csv
from .hyperparams import HyperparameterError
from .registry import OPTIMIZERS, Optimizer, get_optimizer, resolve_hyperparams
from .runner import CONVERGED, DIVERGED, RUNNING, Runner, RunRecord, race, race_labels, simulate
from .spec import format_optimizer_spec, parse_optimizer_spec, parse_racer_spec

tune_malloc()

__all__ = [
    "HyperparameterError",
    "OPTIMIZERS",
    "Optimizer",
    "get_optimizer",
    "resolve_hyperparams",
    "Runner",
    "RunRecord",
    "simulate",
    "race",
    "race_labels",
    "RUNNING",
    "CONVERGED",
    "DIVERGED",
    "parse_optimizer_spec",
    "parse_racer_spec",
    "format_optimizer_spec",
    "CSV_COLUMNS",
    "write_race_csv",
]

"""Plain, validated descriptions of a race and its racers."""

from __future__ import annotations

import copy
import math
import re
from dataclasses import dataclass, field
from typing import Any

from engine import OPTIMIZERS, HyperparameterError, resolve_hyperparams
from engine.options import RunOptions, check_options_for, resolve_options
from surfaces import SURFACES, get_surface

MAX_STEPS = 1_000_000
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


class SessionError(ValueError):
    """A race description was refused. ``where`` says where (``racers[2].lr``)."""

    def __init__(self, where: str, reason: str):
        super().__init__(f"{where}: {reason}" if where else reason)
        self.where = where
        self.reason = reason


@dataclass
class RacerConfig:
    """One racer: an optimizer with its hyperparameters, a name, a colour."""

    optimizer: str
    hyperparams: dict[str, Any] = field(default_factory=dict)  # only the ones that differ from defaults
    name: str = ""
    color: str = "#0072B2"
    visible: bool = True
    options: dict[str, Any] = field(default_factory=dict)  # batch_size, noise, schedule (+ its keys)

    def __post_init__(self):
        if not self.name:
            self.name = OPTIMIZERS[self.optimizer].title if self.optimizer in OPTIMIZERS else self.optimizer

    def resolved(self) -> dict[str, Any]:
        """Every hyperparameter, defaults filled in (validated)."""
        return resolve_hyperparams(self.optimizer, self.hyperparams)

    def run_options(self) -> RunOptions:
        """The validated racer options (mini-batches, noise, schedule)."""
        return resolve_options(self.options)

    def copy(self) -> RacerConfig:
        return copy.deepcopy(self)


@dataclass
class RaceConfig:
    """Everything that determines a race's numbers (and how it is shown)."""

    surface: str = "elongated_bowl"
    surface_params: dict[str, float] = field(default_factory=dict)
    start: tuple[float, float] = (-7.0, 2.0)
    steps: int = 100
    tol: float | None = None
    seed: int = 0
    racers: list[RacerConfig] = field(default_factory=list)

    def copy(self) -> RaceConfig:
        return copy.deepcopy(self)

    def build_surface(self):
        return get_surface(self.surface, **self.surface_params)

    def validate(self) -> RaceConfig:
        """Check every field; raise :class:`SessionError` naming the first bad one."""
        if self.surface not in SURFACES:
            raise SessionError("surface.name", f"unknown surface {self.surface!r}; valid: {', '.join(SURFACES)}")
        try:
            self.build_surface()
        except ValueError as exc:
            raise SessionError("surface.params", str(exc)) from None
        if (
            not isinstance(self.start, (tuple, list))
            or len(self.start) != 2
            or not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in self.start)
        ):
            raise SessionError("start", f"must be two finite numbers [x, y], got {self.start!r}")
        if isinstance(self.steps, bool) or not isinstance(self.steps, int) or not 0 <= self.steps <= MAX_STEPS:
            raise SessionError("steps", f"must be a whole number in [0, {MAX_STEPS}], got {self.steps!r}")
        if self.tol is not None and (
            isinstance(self.tol, bool)
            or not isinstance(self.tol, (int, float))
            or not math.isfinite(self.tol)
            or self.tol < 0
        ):
            raise SessionError("tol", f"must be null or a number >= 0, got {self.tol!r}")
        if isinstance(self.seed, bool) or not isinstance(self.seed, int) or self.seed < 0:
            raise SessionError("seed", f"must be a whole number >= 0, got {self.seed!r}")
        surface = self.build_surface()
        for i, racer in enumerate(self.racers):
            where = f"racers[{i}]"
            if racer.optimizer not in OPTIMIZERS:
                raise SessionError(
                    f"{where}.optimizer", f"unknown optimizer {racer.optimizer!r}; valid: {', '.join(OPTIMIZERS)}"
                )
            try:
                racer.resolved()
                if not isinstance(racer.options, dict):
                    raise SessionError(f"{where}.options", "must be an object")
                check_options_for(racer.run_options(), surface)
            except HyperparameterError as exc:
                key = f"{where}.{exc.key}" if exc.key else where
                raise SessionError(key, exc.reason) from None
            if not isinstance(racer.name, str) or not racer.name.strip():
                raise SessionError(f"{where}.name", "must be a non-empty string")
            if not isinstance(racer.color, str) or not _COLOR.match(racer.color):
                raise SessionError(f"{where}.color", f"must be a colour like '#0072B2', got {racer.color!r}")
            if not isinstance(racer.visible, bool):
                raise SessionError(f"{where}.visible", f"must be true or false, got {racer.visible!r}")
        return self

"""A fair race: every racer's hyperparameters tuned on the same budget before the race.

For each racer, ``trials`` settings are drawn (seeded) from the search space of its optimizer and each is run
from the race's start for the race's step budget, all in one batched call (:func:`engine.maps.advance_together`);
the best by final loss gap (f - f*; or, when the race has a tolerance, by steps to it, ties by the gap) wins,
and the race starts with the winners. The search space of each hyperparameter, from the registry:

* learning rates and other log-scale settings (eps ...): log-uniform over ``[low, high]`` of :func:`space_of`
  (the registry's range, its GUI maximum where the range is open-ended);
* decay rates in ``[0, 1)`` (beta1, beta2, momentum, rho, alpha): ``1 - 10^U(-4, 0)``, i.e. log-uniform in the
  distance to 1 (0 to 0.9999), where their effect lives;
* other numbers: uniform over their (finite) range; booleans (nesterov, amsgrad ...): either;
* kept as the racer has them: what makes the racer the method it is, i.e. switches (nesterov, amsgrad,
  centered, decoupled weight decay) and features it has off (a 0: SGD's momentum, AdaGrad's lr_decay,
  dampening), so plain SGD is not "tuned" into momentum; weight decay (it changes the objective, not the
  optimizer); settings whose range is open-ended with no practical maximum. The racer's own setting is
  always one of the trials.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from engine import Runner
from engine.maps import advance_together
from engine.registry import get_optimizer, resolve_hyperparams

from .config import RaceConfig

__all__ = [
    "Dimension",
    "TuneResult",
    "space_of",
    "tune_racer",
    "tune_race",
    "with_winners",
    "summary_lines",
    "DEFAULT_TRIALS",
]

DEFAULT_TRIALS = 64
MAX_TRIALS = 4096
KEPT = ("weight_decay",)


@dataclass(frozen=True)
class Dimension:
    key: str
    kind: str  # "log", "decay", "linear", "int", "bool"
    low: float = 0.0
    high: float = 1.0

    def describe(self) -> str:
        if self.kind == "bool":
            return f"{self.key} in {{false, true}}"
        if self.kind == "decay":
            return f"{self.key} = 1 - 10^U(-4, 0)"
        if self.kind == "log":
            return f"{self.key} log-uniform in [{self.low:g}, {self.high:g}]"
        return f"{self.key} uniform in [{self.low:g}, {self.high:g}]"

    def draw(self, rng: np.random.Generator) -> Any:
        if self.kind == "bool":
            return bool(rng.integers(0, 2))
        if self.kind == "decay":
            return float(1.0 - 10.0 ** rng.uniform(-4.0, 0.0))
        if self.kind == "log":
            return float(math.exp(rng.uniform(math.log(self.low), math.log(self.high))))
        if self.kind == "int":
            return int(rng.integers(int(self.low), int(self.high) + 1))
        return float(rng.uniform(self.low, self.high))


def space_of(optimizer: str, current: dict[str, Any] | None = None) -> list[Dimension]:
    """The search space of ``optimizer``'s hyperparameters (see the module's docstring); ``current``: the racer's
    settings (its switches and the features it has off stay as they are)."""
    current = current if current is not None else {}
    dims = []
    for p in get_optimizer(optimizer).hyperparams:
        value = current.get(p.name, p.default)
        if p.name in KEPT or p.kind == "bool" or value == 0:
            continue
        high = p.high if math.isfinite(p.high) else p.gui_max
        if high is None:
            continue
        if p.low == 0.0 and p.high == 1.0 and p.high_open and not p.log:
            dims.append(Dimension(p.name, "decay"))
        elif p.log:
            low = p.low if p.low > 0 else high * 1e-8
            if p.name == "lr":
                low = max(low, 1e-6)
            dims.append(Dimension(p.name, "log", low, high))
        elif math.isfinite(p.low):
            dims.append(Dimension(p.name, "int" if p.kind == "int" else "linear", p.low, high))
    return dims


@dataclass
class TuneResult:
    racer: int
    name: str
    optimizer: str
    best: dict[str, Any]
    score: tuple[float, float]  # (steps to tolerance or 0, final loss gap); inf when it diverged
    trials: int
    steps: int
    space: list[Dimension] = field(default_factory=list)
    diverged: int = 0

    def describe(self) -> str:
        tuned = {d.key for d in self.space}
        shown = ", ".join(f"{k}={_fmt(v)}" for k, v in self.best.items() if k in tuned) or "as it was"
        return (
            f"{self.name}: best of {self.trials} trials x {self.steps} steps: {shown} "
            f"(final loss gap {self.score[1]:.4g}{'' if self.score[0] == 0 else f', {int(self.score[0])} steps to tol'}"
            f"; {self.diverged} diverged)"
        )


def _fmt(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return f"{v:.4g}"
    return str(v)


def tune_racer(config: RaceConfig, index: int, trials: int = DEFAULT_TRIALS, seed: int = 0) -> TuneResult:
    """Random search for racer ``index`` of ``config`` (same start, budget, options and random stream as in
    the race), the racer's own setting included as trial 0."""
    if isinstance(trials, bool) or not isinstance(trials, int) or not 1 <= trials <= MAX_TRIALS:
        raise ValueError(f"trials must be a whole number from 1 to {MAX_TRIALS}, got {trials!r}")
    config.validate()
    racer = config.racers[index]
    surface = config.build_surface()
    base = racer.resolved()
    space = space_of(racer.optimizer, base)
    rng = np.random.default_rng([seed, index])
    candidates = [dict(base)]
    for _ in range(trials - 1):
        for _attempt in range(50):  # settings that exclude each other (nesterov needs dampening 0): draw again
            hp = dict(base)
            for dim in space:
                hp[dim.key] = dim.draw(rng)
            try:
                resolve_hyperparams(racer.optimizer, hp)
            except ValueError:
                continue
            candidates.append(hp)
            break
    stream = config.streams()[index]
    runners = []
    for hp in candidates:
        runners.append(
            Runner(
                surface,
                racer.optimizer,
                hp,
                start=config.start,
                max_steps=config.steps,
                tol=config.tol,
                record="final",
                options=racer.run_options(),
                seed=config.seed,
                stream=stream,
            )  # fmt: skip
        )
    advance_together(runners, config.steps)
    f_min = getattr(surface, "f_min", None)
    scores = []
    diverged = 0
    for r in runners:
        rec = r.record()
        status = str(rec.status_all[0])
        loss = float(rec.final_losses[0])
        gap = loss - f_min if f_min is not None else loss
        if status == "diverged" or not math.isfinite(gap):
            diverged += 1
            scores.append((math.inf, math.inf))
            continue
        if config.tol is not None:
            steps = float(rec.steps_taken_all[0]) if status == "converged" else math.inf
            scores.append((steps, gap))
        else:
            scores.append((0.0, gap))
    best = min(range(len(candidates)), key=lambda i: scores[i])
    return TuneResult(index, racer.name, racer.optimizer, candidates[best], scores[best], len(candidates),
                      config.steps, space, diverged)  # fmt: skip


def tune_race(config: RaceConfig, trials: int = DEFAULT_TRIALS, seed: int = 0) -> tuple[RaceConfig, list[TuneResult]]:
    """Every racer tuned; returns the race with the winners (names marked "tuned") and the results."""
    results = [tune_racer(config, i, trials, seed) for i in range(len(config.racers))]
    return with_winners(config, results), results


def summary_lines(results: list[TuneResult]) -> list[str]:
    """Each racer's winner and what was searched (the CLI prints them, the window shows them)."""
    lines = []
    for res in results:
        lines.append(res.describe())
        lines.append("    searched: " + ("; ".join(d.describe() for d in res.space) or "nothing to tune"))
    return lines


def with_winners(config: RaceConfig, results: list[TuneResult]) -> RaceConfig:
    """A copy of ``config`` whose racers have their tuned settings (names marked "tuned")."""
    tuned = config.copy()
    for racer, res in zip(tuned.racers, results):
        opt = get_optimizer(racer.optimizer)
        defaults = {p.name: p.default for p in opt.hyperparams}
        racer.hyperparams = {k: v for k, v in res.best.items() if defaults.get(k) != v}
        if not racer.name.endswith(" (tuned)"):
            racer.name = f"{racer.name} (tuned)"
    return tuned

"""The leaderboard: one row per racer, shared by the window's table and its CSV."""

from __future__ import annotations

import csv
import io
import math
import os
from dataclasses import dataclass

import numpy as np

from engine.csvio import atomic_write_text

SUMMARY_COLUMNS = (
    "racer",
    "optimizer",
    "final_loss",
    "distance_to_min",
    "steps",
    "status",
    "steps_to_tol",
    "final_x",
    "final_y",
    "us_per_step",
)


@dataclass(frozen=True)
class Standing:
    racer: str
    optimizer: str
    final_loss: float
    distance_to_min: float  # NaN when the surface has no known minimum
    steps: int  # steps this racer took
    status: str  # running / converged / diverged
    stop_step: int | None  # step at which it converged or diverged
    budget_used: bool
    final_x: float
    final_y: float
    seconds_per_step: float

    @property
    def status_text(self) -> str:
        if self.status == "running":
            return "budget used" if self.budget_used else "running"
        return f"{self.status} at {self.stop_step}"

    @property
    def steps_to_tol(self) -> int | None:
        return self.stop_step if self.status == "converged" else None


def standings(race) -> list[Standing]:
    """The current leaderboard of an :class:`arena.Race` (in racer order)."""
    out = []
    for racer, runner in zip(race.config.racers, race.runners):
        stop = int(runner.stop_step[0])
        status = str(runner.status[0])
        n = runner.steps if stop < 0 else stop
        if runner.record_mode == "full":
            pos = runner.positions[n, 0] if stop < 0 else runner.positions[stop, 0]
            loss = float(runner.losses[n, 0])
        else:  # pragma: no cover - the window records every step
            pos = runner._final_p[0]
            loss = float(runner.final_losses()[0])
        with np.errstate(all="ignore"):
            dist = float(race.surface.distance_to_nearest_minimum(pos))
        out.append(
            Standing(
                racer.name,
                racer.optimizer,
                loss,
                dist,
                n,
                status,
                stop if stop >= 0 else None,
                runner.done and stop < 0,
                float(pos[0]),
                float(pos[1]),
                runner.seconds_per_step,
            )
        )
    return out


def _num(v: float) -> str:
    return "" if v is None or (isinstance(v, float) and math.isnan(v)) else repr(float(v))


def summary_csv_text(race) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(SUMMARY_COLUMNS)
    for s in standings(race):
        writer.writerow(
            [
                s.racer,
                s.optimizer,
                _num(s.final_loss),
                _num(s.distance_to_min),
                s.steps,
                s.status,
                "" if s.steps_to_tol is None else s.steps_to_tol,
                _num(s.final_x),
                _num(s.final_y),
                "" if math.isnan(s.seconds_per_step) else f"{s.seconds_per_step * 1e6:.3f}",
            ]
        )
    return buf.getvalue()


def write_summary_csv(path: str | os.PathLike, race) -> None:
    """One row per racer: final loss, steps, status, steps to tolerance, time per step (atomic write)."""
    atomic_write_text(os.fspath(path), summary_csv_text(race))

"""The leaderboard: one row per racer, ranked, shared by the window's table, the CLI and its CSV.

Ranking (``rank`` 1 is the winner):

* with a tolerance set, racers that converged come first, fewest steps to
  tolerance first (ties: smaller final loss gap); then the others by final loss
  gap;
* without one, every racer by its final loss gap ``f - f*`` (``f`` itself where
  the surface's minimum value is unknown);
* racers that diverged come last, the one that lasted longest first;
* ties keep the racers' order.

``status`` uses the same four words everywhere (window, race CSV, summary CSV):
``running`` (budget left), ``budget used``, ``converged``, ``diverged``.
"""

from __future__ import annotations

import csv
import io
import math
import os
from dataclasses import dataclass

import numpy as np

from engine import format_optimizer_spec
from export.files import atomic_write_text

__all__ = ["SUMMARY_COLUMNS", "STATUS_WORDS", "Standing", "standings", "summary_csv_text", "write_summary_csv"]

SUMMARY_COLUMNS = (
    "rank",
    "racer",
    "optimizer",
    "spec",
    "final_loss",
    "loss_gap",
    "distance_to_min",
    "steps",
    "status",
    "steps_to_tol",
    "final_x",
    "final_y",
    "us_per_step",
    "seconds",
)
STATUS_WORDS = ("running", "budget used", "converged", "diverged")


@dataclass(frozen=True, slots=True)
class Standing:
    """One racer's line on the leaderboard."""

    rank: int
    index: int  # the racer's position in the race (its colour, its row in the Racers dock)
    racer: str
    optimizer: str
    spec: str  # the optimizer with every hyperparameter and racer option, as a spec
    final_loss: float
    loss_gap: float  # final_loss - f*; NaN when the surface's minimum value is unknown
    distance_to_min: float  # NaN when the surface has no known minimum
    steps: int  # steps this racer took
    status: str  # one of STATUS_WORDS
    stop_step: int | None  # step at which it converged or diverged
    final_x: float
    final_y: float
    seconds_per_step: float
    seconds: float  # time spent computing this racer's steps

    @property
    def status_text(self) -> str:
        """The status with the step it happened at: ``converged at 37``, ``budget used``."""
        if self.status in ("converged", "diverged"):
            return f"{self.status} at {self.stop_step}"
        return self.status

    @property
    def steps_to_tol(self) -> int | None:
        return self.stop_step if self.status == "converged" else None

    @property
    def score(self) -> float:
        """What the ranking compares: the loss gap, or the loss where f* is unknown (NaN last)."""
        value = self.final_loss if math.isnan(self.loss_gap) else self.loss_gap
        return math.inf if math.isnan(value) else value


def _rank_key(s: Standing, with_tol: bool) -> tuple:
    if s.status == "diverged":
        return (2, -(s.stop_step or 0), 0.0)
    if with_tol and s.status == "converged":
        return (0, s.stop_step, s.score)
    return (1 if with_tol else 0, s.score, 0.0)


def _spec(racer) -> str:
    spec = format_optimizer_spec(racer.optimizer, racer.resolved(), only_changed=False)
    options = racer.run_options().as_dict()
    extra = ",".join(f"{k}={v}" for k, v in options.items())
    return f"{spec},{extra}" if extra else spec


def standings(race, specs: bool = True) -> list[Standing]:
    """The current leaderboard of an :class:`arena.Race`, in rank order (``specs``: each racer's full
    spec string, which the window's table does not show, is formatted too; without it, it is empty)."""
    f_min = race.surface.f_min
    rows = []
    for index, (racer, runner) in enumerate(zip(race.config.racers, race.runners)):
        stop = int(runner.stop_step[0])
        engine_status = str(runner.status[0])
        n = runner.steps if stop < 0 else stop
        pos = runner.positions[n, 0]
        loss = float(runner.losses[n, 0])
        with np.errstate(all="ignore"):
            dist = float(race.surface.distance_to_nearest_minimum(pos))
        if engine_status == "running":
            status = "budget used" if runner.done else "running"
        else:
            status = engine_status
        rows.append(
            dict(
                index=index,
                racer=racer.name,
                optimizer=racer.optimizer,
                spec=_spec(racer) if specs else "",
                final_loss=loss,
                loss_gap=loss - f_min if f_min is not None else math.nan,
                distance_to_min=dist,
                steps=n,
                status=status,
                stop_step=stop if stop >= 0 else None,
                final_x=float(pos[0]),
                final_y=float(pos[1]),
                seconds_per_step=runner.seconds_per_step,
                seconds=runner.elapsed,
            )
        )
    unranked = [Standing(rank=0, **row) for row in rows]
    with_tol = race.config.tol is not None
    order = sorted(range(len(unranked)), key=lambda i: (_rank_key(unranked[i], with_tol), i))
    return [Standing(rank=r + 1, **rows[i]) for r, i in enumerate(order)]


def _num(v: float | None) -> str:
    return "" if v is None or (isinstance(v, float) and math.isnan(v)) else repr(float(v))


def summary_csv_text(race) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(SUMMARY_COLUMNS)
    for s in standings(race):
        writer.writerow(
            [
                s.rank,
                s.racer,
                s.optimizer,
                s.spec,
                _num(s.final_loss),
                _num(s.loss_gap),
                _num(s.distance_to_min),
                s.steps,
                s.status,
                "" if s.steps_to_tol is None else s.steps_to_tol,
                _num(s.final_x),
                _num(s.final_y),
                "" if math.isnan(s.seconds_per_step) else f"{s.seconds_per_step * 1e6:.3f}",
                f"{s.seconds:.6f}",
            ]
        )
    return buf.getvalue()


def write_summary_csv(path: str | os.PathLike, race) -> None:
    """The leaderboard as CSV, one row per racer in rank order (atomic write)."""
    atomic_write_text(os.fspath(path), summary_csv_text(race))

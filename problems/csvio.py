"""CSV files of a network race: every step of every racer, and the leaderboard.

The race CSV has one row per racer per step, step 0 being the start::

    optimizer,step,batch_loss,test_loss,test_accuracy,lr,status,eff_lr_l1_p10,eff_lr_l1_p50,eff_lr_l1_p90,...

* ``batch_loss``: the loss of the mini-batch (or the whole training set without
  ``batch_size``) the step used, at the parameters before the step (empty at step 0);
* ``test_loss``, ``test_accuracy``: on the test set, at the parameters after the
  step, on evaluation steps only (every ``eval_every`` steps, step 0 and the last);
* ``lr``: the (scheduled) learning rate of the step (empty at step 0);
* ``eff_lr_l<k>_p10/p50/p90``: the 10%, 50% (median) and 90% quantiles of the
  optimizer's own effective learning rate over layer k's parameters (see
  ``problems.runner``), empty at step 0;
* ``status``: as in the surface race CSV (``running``; the last row of a racer
  says ``budget used`` or ``diverged``).

Numbers are Python's shortest round-trip repr.
"""

from __future__ import annotations

import csv
import io
import math
import os
from collections.abc import Sequence
from typing import TextIO

import numpy as np

from engine import format_optimizer_spec
from engine.csvio import BUDGET_USED
from engine.runner import DIVERGED, RUNNING
from export.files import atomic_write_text

from .runner import NetworkRecord

__all__ = [
    "NETWORK_SUMMARY_COLUMNS",
    "network_csv_columns",
    "network_csv_rows",
    "network_standings",
    "write_network_csv",
    "write_network_summary_csv",
]

NETWORK_SUMMARY_COLUMNS = (
    "rank",
    "racer",
    "optimizer",
    "spec",
    "status",
    "steps",
    "final_batch_loss",
    "mean_batch_loss_last_10",
    "test_loss",
    "test_accuracy",
    "seconds_per_step",
)


def _opt(v: float) -> str:
    v = float(v)
    return "" if math.isnan(v) else repr(v)


def network_csv_columns(n_layers: int) -> tuple[str, ...]:
    layers = tuple(f"eff_lr_l{k}_{q}" for k in range(1, n_layers + 1) for q in ("p10", "p50", "p90"))
    return ("optimizer", "step", "batch_loss", "test_loss", "test_accuracy", "lr", "status", *layers)


def _final_status(rec: NetworkRecord, budget: int | None) -> str:
    if rec.status == RUNNING and budget is not None and rec.steps >= budget:
        return BUDGET_USED
    return rec.status


def network_csv_rows(records: Sequence[NetworkRecord], budget: int | None = None):
    """Yield the rows (lists of strings) of the network race CSV."""
    for rec in records:
        n = rec.steps
        evals = {int(s): (loss, acc) for s, (loss, acc) in zip(rec.eval_steps, rec.evals)}
        final = _final_status(rec, budget)
        q = rec.lr_quantiles.reshape(n + 1, -1)
        for t in range(n + 1):
            loss, acc = evals.get(t, (math.nan, math.nan))
            status = final if t == n and final != RUNNING else RUNNING
            yield [
                rec.label,
                str(t),
                _opt(rec.batch_losses[t]),
                _opt(loss),
                _opt(acc),
                _opt(rec.lrs[t]),
                status,
                *(_opt(v) for v in q[t]),
            ]


def write_network_csv(
    target: str | os.PathLike | TextIO, records: Sequence[NetworkRecord], budget: int | None = None
) -> None:
    """Write the network race CSV to a path (atomically) or an open text file."""
    n_layers = records[0].lr_quantiles.shape[1] if records else 0
    if not isinstance(target, (str, os.PathLike)):
        writer = csv.writer(target, lineterminator="\n")
        writer.writerow(network_csv_columns(n_layers))
        writer.writerows(network_csv_rows(records, budget))
        return
    buf = io.StringIO()
    write_network_csv(buf, records, budget)
    atomic_write_text(os.fspath(target), buf.getvalue())


def network_standings(records: Sequence[NetworkRecord], budget: int | None = None) -> list[dict]:
    """One row per racer (keys :data:`NETWORK_SUMMARY_COLUMNS`), ranked by the last test loss;
    diverged racers last (the one that lasted longest first); ties keep the racers' order."""
    rows = []
    for i, rec in enumerate(records):
        batch = rec.batch_losses[1:]
        rows.append(
            {
                "racer": rec.label,
                "optimizer": rec.optimizer,
                "spec": format_optimizer_spec(rec.optimizer, rec.hyperparams),
                "status": _final_status(rec, budget),
                "steps": rec.steps,
                "final_batch_loss": float(batch[-1]) if len(batch) else math.nan,
                "mean_batch_loss_last_10": float(np.mean(batch[-10:])) if len(batch) else math.nan,
                "test_loss": float(rec.test_losses[-1]),
                "test_accuracy": float(rec.test_accuracies[-1]),
                "seconds_per_step": rec.seconds_per_step,
                "_order": i,
            }
        )

    def key(row):
        diverged = row["status"] == DIVERGED
        loss = row["test_loss"]
        return (diverged, -row["steps"] if diverged else 0, loss if math.isfinite(loss) else math.inf, row["_order"])

    rows.sort(key=key)
    for rank, row in enumerate(rows, 1):
        row["rank"] = rank
        del row["_order"]
    return rows


def write_network_summary_csv(path: str | os.PathLike, records: Sequence[NetworkRecord], budget: int | None = None):
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(NETWORK_SUMMARY_COLUMNS)
    for row in network_standings(records, budget):
        writer.writerow(
            [_opt(v) if isinstance(v, float) else str(v) for v in (row[c] for c in NETWORK_SUMMARY_COLUMNS)]
        )
    atomic_write_text(os.fspath(path), buf.getvalue())

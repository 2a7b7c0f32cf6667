"""The long-format race CSV shared by ``main.py race --csv`` and the window's export.

One row per racer per step, step 0 being the start::

    optimizer,step,x,y,loss,grad_x,grad_y,eff_lr_x,eff_lr_y,status,update_x,update_y,obs_lr_x,obs_lr_y

* ``optimizer``: the racer's label (the spec as typed; a repeat gets `` #2``);
* ``grad_*``: the gradient at that row's position;
* ``eff_lr_*``: the optimizer's own effective learning rate for the step that
  produced the row (empty at step 0); ``obs_lr_*``: the observed ratio
  ``-update / previous gradient`` (empty at step 0 or where that gradient is 0);
* ``update_*``: the step applied, theta_t - theta_{t-1} (empty at step 0);
* ``batch_loss``: the mini-batch loss the optimizer saw at that row's position
  (empty without mini-batches, and on a racer's last row);
* ``lr``: the (scheduled) learning rate used for the step that produced the row
  (empty at step 0);
* ``status``: ``running`` on every row but the last of a racer that stopped,
  which carries ``converged`` or ``diverged``. No rows follow a stop.

Numbers are written with Python's shortest round-trip repr, so reading the file
back gives the engine's floats exactly; non-finite values are ``nan``/``inf``.
"""

from __future__ import annotations

import csv
import math
import os
from collections.abc import Iterable
from typing import TextIO

import numpy as np

from export.files import open_output

from .runner import RUNNING, RunRecord

__all__ = ["BUDGET_USED", "CSV_COLUMNS", "race_csv_rows", "write_race_csv"]

BUDGET_USED = "budget used"

CSV_COLUMNS = (
    "optimizer",
    "step",
    "x",
    "y",
    "loss",
    "grad_x",
    "grad_y",
    "eff_lr_x",
    "eff_lr_y",
    "status",
    "update_x",
    "update_y",
    "obs_lr_x",
    "obs_lr_y",
    "batch_loss",
    "lr",
)


def _num(v: float) -> str:
    v = float(v)
    if math.isnan(v):
        return "nan"
    return repr(v)


def _opt(v: float) -> str:
    v = float(v)
    return "" if math.isnan(v) else repr(v)


CHUNK = 8192  # rows converted at a time: memory stays flat, NumPy indexing stays out of the row loop


def _steps(pos, grad, lo: int, hi: int):
    """Rows lo..hi-1 of ``updates`` (theta_t - theta_{t-1}) and ``observed_lr`` (-update_t / g_{t-1})
    computed as RunRecord computes them (same operations, same bits), a chunk at a time."""
    upd = np.full((hi - lo, 2), np.nan)
    obs = np.full((hi - lo, 2), np.nan)
    a = max(lo, 1)
    if a < hi:
        diff = pos[a:hi] - pos[a - 1 : hi - 1]
        upd[a - lo :] = diff
        with np.errstate(all="ignore"):
            obs[a - lo :] = -diff / grad[a - 1 : hi - 1]
    return upd, obs


def race_csv_rows(records: Iterable[RunRecord], budget: int | None = None):
    """Yield the CSV rows (lists of strings) of single-start run records, a few thousand
    steps converted at a time: beyond the records themselves memory does not grow with
    the race (give a generator of records to hold one at a time)."""
    for rec in records:
        if rec.batched:
            raise ValueError("the race CSV holds single-start runs; got a batched record")
        label, status_now = rec.label, rec.status
        pos, loss, grad = rec.positions, rec.losses, rec.gradients
        eff, batch, lrs = rec.effective_lr, rec.batch_losses, rec.lrs
        del rec  # the arrays above are all that is needed: the next record may replace this one
        n = len(pos) - 1
        final_status = status_now
        if final_status == RUNNING and budget is not None and n >= budget:
            final_status = BUDGET_USED
        for lo in range(0, n + 1, CHUNK):
            hi = min(n + 1, lo + CHUNK)
            upd, obs = _steps(pos, grad, lo, hi)
            x, y, f, gx, gy = (
                [_num(v) for v in col.tolist()]
                for col in (pos[lo:hi, 0], pos[lo:hi, 1], loss[lo:hi], grad[lo:hi, 0], grad[lo:hi, 1])
            )
            ex, ey, ux, uy, ox, oy, bl, lr = (
                [_opt(v) for v in col.tolist()]
                for col in (
                    eff[lo:hi, 0],
                    eff[lo:hi, 1],
                    upd[:, 0],
                    upd[:, 1],
                    obs[:, 0],
                    obs[:, 1],
                    batch[lo:hi],
                    lrs[lo:hi],
                )
            )
            for i in range(hi - lo):
                t = lo + i
                status = final_status if t == n and final_status != RUNNING else RUNNING
                yield [
                    label,
                    str(t),
                    x[i],
                    y[i],
                    f[i],
                    gx[i],
                    gy[i],
                    ex[i],
                    ey[i],
                    status,
                    ux[i],
                    uy[i],
                    ox[i],
                    oy[i],
                    bl[i],
                    lr[i],
                ]
        del pos, loss, grad, eff, batch, lrs


def write_race_csv(target: str | os.PathLike | TextIO, records: Iterable[RunRecord], budget: int | None = None) -> None:
    """Write the race CSV to a path or an open text file.

    ``budget``: the race's step budget; the last row of a racer still running when
    it has used the budget says ``budget used`` (as the leaderboard does), not ``running``.

    Writing to a path streams the rows, as they are made, into a temporary file in
    the same folder that replaces the target only once complete (see
    ``export.files.open_output``): memory stays flat however long the race, and a
    failure leaves no half-written file under the chosen name. Lone surrogates in
    racer names are written backslash-escaped.
    """
    if not isinstance(target, (str, os.PathLike)):
        writer = csv.writer(target, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        writer.writerows(race_csv_rows(records, budget))
        return
    with open_output(target) as fh:
        write_race_csv(fh, records, budget)

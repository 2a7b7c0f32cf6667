"""Basin maps on this machine: point-steps per second here, on a local process pool and on a Dask LocalCluster,
and how soon the first tile of a 1024² map arrives.

    python benchmarks/maps.py [--side 256] [--steps 500] [--no-cluster] [--sweeps-only]

Sweeps: an lr x momentum sweep on ill_conditioned at 64² and 128² x 500 steps, its cells as one compiled batch
with per-cell hyperparameters (SweepJob.tile) against one Runner per cell (SweepJob.tile_per_cell, the
reference), interleaved, medians of 3.

Targets (issue 13): a 256² x 500-step Adam map on Himmelblau (32.8 M point-steps) in <= 2 s; the first tile of a
1024² map within 0.5 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine import fast, maps  # noqa: E402
from surfaces import get_surface  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--side", type=int, default=256)
    ap.add_argument("--steps", type=int, default=500)
    ap.add_argument("--no-cluster", action="store_true", help="skip the process pool and the Dask LocalCluster")
    ap.add_argument("--sweeps-only", action="store_true", help="only the sweep figures")
    args = ap.parse_args()
    sweeps()
    if args.sweeps_only:
        return 0
    s = get_surface("himmelblau")
    t0 = time.perf_counter()
    fast.wait_for(s.scalar_kernels, 600)
    axis = maps.Axis("x", -5, 5, args.side), maps.Axis("y", -5, 5, args.side)
    job = maps.BasinJob(s, "adam:lr=0.05", *axis, steps=args.steps)
    maps.compute(maps.BasinJob(s, "adam:lr=0.05", maps.Axis("x", -5, 5, 16), maps.Axis("y", -5, 5, 16), steps=5),
                 cache=False)  # fmt: skip
    print(f"# kernels and the Adam lane loop ready in {time.perf_counter() - t0:.2f} s")
    here = []
    for _ in range(3):
        res = maps.compute(job, cache=False)
        here.append(res.seconds)
    sec = statistics.median(here)
    ps = job.point_steps()
    print(f"{args.side}² x {args.steps} steps of Adam on Himmelblau ({ps / 1e6:.1f} M point-steps), here: "
          f"{sec:.2f} s median of 3 ({ps / sec / 1e6:.0f} M point-steps/s; target <= 2 s)")  # fmt: skip
    big = maps.BasinJob(s, "adam:lr=0.05", maps.Axis("x", -5, 5, 1024), maps.Axis("y", -5, 5, 1024), steps=args.steps)
    first: list[float] = []
    t0 = time.perf_counter()
    res = maps.compute(
        big, cache=False, on_tile=lambda *a: first.append(time.perf_counter() - t0) if not first else None
    )
    print(
        f"1024² map: first tile ({maps.tile_bounds(big)[0][1]} rows) after {first[0]:.2f} s (target <= 0.5 s), "
        f"all {res.tiles} tiles after {res.seconds:.2f} s ({big.point_steps() / res.seconds / 1e6:.0f} M point-steps/s)"
    )
    if args.no_cluster:
        return 0
    with maps.local_pool() as pool:
        maps.compute(job, executor=pool, cache=False)  # workers start and load the kernels
        sec = statistics.median(maps.compute(job, executor=pool, cache=False).seconds for _ in range(3))
        print(
            f"local process pool ({pool._max_workers} workers, warm): {sec:.2f} s "
            f"({ps / sec / 1e6:.0f} M point-steps/s)"
        )
    try:
        import distributed
    except ImportError:
        print("dask.distributed not installed: no LocalCluster figure")
        return 0
    with distributed.LocalCluster(processes=True, threads_per_worker=1, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            maps.compute(job, executor=client, cache=False)
            sec = statistics.median(maps.compute(job, executor=client, cache=False).seconds for _ in range(3))
            n = len(client.scheduler_info()["workers"])
            print(f"Dask LocalCluster ({n} workers, warm): {sec:.2f} s ({ps / sec / 1e6:.0f} M point-steps/s)")
    return 0


def sweeps() -> None:
    s = get_surface("ill_conditioned")
    fast.wait_for(s.scalar_kernels, 600)

    def job(n: int) -> maps.SweepJob:
        return maps.SweepJob(s, "momentum:lr=0.01", tuple(s.start), maps.Axis("lr", 1e-4, 1, n, log=True),
                             maps.Axis("momentum", 0, 0.99, n), steps=500)  # fmt: skip

    job(8).tile(0, 8), job(8).tile_per_cell(0, 8)  # kernels loaded
    for n in (64, 128):
        j = job(n)
        per_cell, batched = [], []
        for _ in range(3):
            t0 = time.perf_counter()
            for r0, r1 in maps.tile_bounds(j):
                j.tile_per_cell(r0, r1)
            per_cell.append(time.perf_counter() - t0)
            batched.append(maps.compute(j, cache=False).seconds)
        a, b = statistics.median(per_cell), statistics.median(batched)
        print(f"sweep {n}² x 500 steps (momentum, lr x momentum, ill_conditioned): one Runner per cell {a:.2f} s, "
              f"one batch {b:.2f} s: {a / b:.1f}x ({j.point_steps() / b / 1e6:.0f} M point-steps/s)")  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())

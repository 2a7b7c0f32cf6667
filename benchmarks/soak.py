"""A long race: 10^6 steps of one racer, recorded, in chunks. Per-step time must stay flat
(no chunk slower than the first ones as the records grow) and memory must grow by the
records alone: about 138 B per step (arena.config.BYTES_PER_RACER_STEP is the limit's
figure). Then the race CSV of all 10^6 steps is streamed to a file, and the process's
peak memory noted before and after.

    python benchmarks/soak.py [--steps 1000000] [--chunk 50000] [--racers 1] [--no-csv]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT))


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=1_000_000)
    ap.add_argument("--chunk", type=int, default=50_000)
    ap.add_argument("--racers", type=int, default=1)
    ap.add_argument("--no-csv", action="store_true")
    args = ap.parse_args()

    from arena import Race, RaceConfig, RacerConfig
    from arena.config import BYTES_PER_RACER_STEP
    from engine import write_race_csv

    specs = [("adam", {"lr": 0.001}), ("sgd", {"lr": 0.0001}), ("momentum", {"lr": 0.0001})]
    config = RaceConfig(
        surface="rosenbrock",
        start=(-1.5, 2.0),
        steps=args.steps,
        racers=[RacerConfig(specs[i % 3][0], dict(specs[i % 3][1]), name=f"r{i}") for i in range(args.racers)],
    )
    from engine import fast
    from surfaces import get_surface

    kernels = get_surface("rosenbrock").scalar_kernels
    ready = fast.wait(600) and (kernels is None or fast.wait_for(kernels, 600))
    print(f"compiled kernels ready: {ready}")
    warm = Race(config.copy())  # first calls done before anything is measured
    warm.advance(2 * args.chunk)
    del warm
    race = Race(config)
    race.advance(1)
    print(f"load average at start: {os.getloadavg()[0]:.2f} ({os.cpu_count()} cores)")
    base = rss_mb()
    times = []
    done = 1
    while done < args.steps:
        n = min(args.chunk, args.steps - done)
        t0 = time.perf_counter()
        race.advance(n)
        times.append((time.perf_counter() - t0) / n / args.racers)
        done += n
    grown = rss_mb() - base
    per_step = grown * 2**20 / (done * args.racers)
    records = race.records()
    held = sum(
        getattr(rec, name).nbytes
        for rec in records
        for name in (
            "positions",
            "losses",
            "gradients",
            "effective_lr",
            "updates",
            "observed_lr",
            "batch_losses",
            "lrs",
        )
        if hasattr(getattr(rec, name, None), "nbytes")
    )
    first, last = statistics.median(times[:3]), statistics.median(times[-3:])
    print(f"{args.racers} racer(s) x {done} steps in chunks of {args.chunk}:")
    print(
        f"  per racer-step: first chunks {first * 1e9:.0f} ns, last chunks {last * 1e9:.0f} ns "
        f"(ratio {last / first:.2f})"
    )
    print(f"  slowest chunk {max(times) * 1e9:.0f} ns, median {statistics.median(times) * 1e9:.0f} ns")
    print(
        f"  memory grew {grown:.0f} MB = {per_step:.0f} B per racer-step (records' arrays: "
        f"{held / (done * args.racers):.0f} B; the limit assumes {BYTES_PER_RACER_STEP} B)"
    )
    if not args.no_csv:
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "race.csv")
            before = peak_mb()
            t0 = time.perf_counter()
            write_race_csv(path, records, args.steps)
            took = time.perf_counter() - t0
            size = os.path.getsize(path)
        print(
            f"  CSV {size / 1e6:.0f} MB in {took:.1f} s; peak memory {before:.0f} MB before, "
            f"{peak_mb():.0f} MB after (+{peak_mb() - before:.0f} MB)"
        )
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Peak memory of the race CSV export, beyond the race itself: old code against new.

Each measurement is a fresh process: it runs the race (``Race.advance``), notes its peak
resident memory, then writes the long CSV to a file with ``write_race_csv`` as ``race --csv``
and the window's Export CSV call it in that version of the code (``race.records()`` before,
one racer's record at a time after) and notes the peak again. "Beyond the race" is the
difference. The old code is any other checkout (``--before /work/main``, read-only), run in
the same rounds, interleaved with this one.

    python benchmarks/csv_memory.py [--before DIR] [--rounds N] [--case 1x1000000] [--case 10x100000]

Cases are RACERSxSTEPS (racers: Adam, SGD, Momentum, ... on Rosenbrock with small learning
rates, none stops early).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# benchmarks/engine.py would shadow the engine package: the code measured comes from PYTHONPATH
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
SPECS = ["adam:lr=0.001", "sgd:lr=0.0001", "momentum:lr=0.0001", "rmsprop:lr=0.0001", "adagrad:lr=0.01"]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kB


def child(racers: int, steps: int, out: str) -> dict:
    from arena import Race, RaceConfig, RacerConfig
    from engine import write_race_csv

    config = RaceConfig(
        surface="rosenbrock",
        start=(-1.5, 2.0),
        steps=steps,
        racers=[RacerConfig(SPECS[i % len(SPECS)].split(":")[0], name=f"r{i}") for i in range(racers)],
    )
    for racer, spec in zip(config.racers, [SPECS[i % len(SPECS)] for i in range(racers)]):
        key, _, value = spec.partition(":")[2].partition("=")
        racer.hyperparams = {key: float(value)}
    race = Race(config)
    t0 = time.perf_counter()
    race.advance(steps)
    race_s = time.perf_counter() - t0
    after_race = peak_mb()
    t0 = time.perf_counter()
    try:  # what `race --csv` does in this version of the code
        from cli.race import one_by_one

        records = one_by_one(race)
    except ImportError:
        records = race.records()
    write_race_csv(out, records, steps)
    csv_s = time.perf_counter() - t0
    return {
        "race_s": race_s,
        "peak_race_mb": after_race,
        "peak_csv_mb": peak_mb(),
        "csv_s": csv_s,
        "mb_file": os.path.getsize(out) / 1e6,
    }


def measure(code_dir: str, racers: int, steps: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, PYTHONPATH=code_dir)
        res = subprocess.run(
            [sys.executable, __file__, "--child", f"{racers}x{steps}", "--out", os.path.join(tmp, "race.csv")],
            capture_output=True,
            text=True,
            env=env,
            cwd=code_dir,
            check=True,
        )
    return json.loads(res.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", default="/work/main", help="a checkout of the old code (read-only)")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--case", action="append", help="RACERSxSTEPS (default 1x1000000 and 10x100000)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        racers, steps = (int(v) for v in args.child.split("x"))
        print(json.dumps(child(racers, steps, args.out)))
        return 0
    print(f"load average at start: {os.getloadavg()[0]:.2f} ({os.cpu_count()} cores)")
    for case in args.case or ["1x1000000", "10x100000"]:
        racers, steps = (int(v) for v in case.split("x"))
        rows: dict[str, list[dict]] = {"before": [], "after": []}
        for _ in range(args.rounds):  # interleaved: before, after, before, after
            rows["before"].append(measure(args.before, racers, steps))
            rows["after"].append(measure(str(ROOT), racers, steps))
        print(f"\n{racers} racer(s) x {steps} steps, {args.rounds} rounds, medians:")
        med = {}
        for which, runs in rows.items():
            beyond = statistics.median(r["peak_csv_mb"] - r["peak_race_mb"] for r in runs)
            med[which] = (beyond, statistics.median(r["csv_s"] for r in runs))
            print(
                f"  {which:<6} race peak {statistics.median(r['peak_race_mb'] for r in runs):7.0f} MB, "
                f"CSV peak {statistics.median(r['peak_csv_mb'] for r in runs):7.0f} MB "
                f"(+{beyond:.0f} MB beyond the race), CSV {med[which][1]:.1f} s, "
                f"file {runs[0]['mb_file']:.0f} MB"
            )
        print(
            f"  memory beyond the race: {med['before'][0]:.0f} MB -> {med['after'][0]:.0f} MB; "
            f"CSV time ratio after/before {med['after'][1] / med['before'][1]:.2f}"
        )
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

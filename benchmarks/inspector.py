"""The Inspector's cost: time to show step N of a racer's run, N = 1e3, 1e4, 1e5.

* ``full``: :func:`arena.inspect_racer`, a replay from the start on every look (the Inspector before
  checkpoints: it ran on the window's thread, so the window froze this long);
* ``first``: the first look at step N through :class:`arena.RaceReplays` (replays once, taking a
  checkpoint every 64 steps: what the worker thread does once per racer, off the window's thread);
* ``scrub``: a later look at a random step in 1..N (from the checkpoint before it: at most 64 steps).

Adam (lr 0.001) on Rosenbrock from its default start, the NumPy path (as both replays use). Rounds are
interleaved (full, first, scrub per round); medians of ``--rounds`` rounds; ``scrub`` is the median of
``--looks`` looks per round. The machine is shared: read the ratios, not the absolute times.

* ``--gaps``: the window's side of a first look at step 10^5 on the worker thread (arena.InspectWorker):
  the gaps between ticks of a 10 ms timer on the main thread (offscreen Qt; each tick does ~0.3 ms of
  Python, as a paint would) while the worker replays; before the worker, the window was blocked for
  the whole ``full`` time.

    python benchmarks/inspector.py [--rounds 3] [--looks 50] [--sizes 1000,10000,100000] [--gaps]
"""

from __future__ import annotations

import sys
from pathlib import Path

# this file is named like the standard library's inspect (which numpy imports): its folder must not
# come first on the path, the project's root does
sys.path[0] = str(Path(__file__).resolve().parents[1])

import argparse  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--looks", type=int, default=50)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--gaps", action="store_true", help="also the main thread's timer gaps during a first look")
    args = parser.parse_args()

    from arena import RaceConfig, RacerConfig, RaceReplays, inspect_racer

    sizes = [int(float(s)) for s in args.sizes.split(",")]
    cfg = RaceConfig(surface="rosenbrock", steps=max(sizes), racers=[RacerConfig("adam", {"lr": 0.001})])
    rng = random.Random(0)
    times: dict[tuple[str, int], list[float]] = {}
    load = os.getloadavg()
    for _ in range(args.rounds):
        for n in sizes:
            t0 = time.perf_counter()
            inspect_racer(cfg, 0, n)
            times.setdefault(("full", n), []).append(time.perf_counter() - t0)
            replays = RaceReplays()
            t0 = time.perf_counter()
            replays.inspect(cfg, 0, n)
            times.setdefault(("first", n), []).append(time.perf_counter() - t0)
            looks = []
            for _ in range(args.looks):
                step = rng.randint(1, n)
                t0 = time.perf_counter()
                replays.inspect(cfg, 0, step)
                looks.append(time.perf_counter() - t0)
            times.setdefault(("scrub", n), []).append(statistics.median(looks))
    print(f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; {os.cpu_count()} CPUs;", end=" ")
    print(f"{args.rounds} rounds, {args.looks} scrub looks each")
    print(f"{'N':>8}  {'full (before)':>14}  {'first look':>11}  {'scrub look':>11}  {'full/scrub':>10}")
    for n in sizes:
        full, first, scrub = (statistics.median(times[(k, n)]) for k in ("full", "first", "scrub"))
        print(f"{n:>8}  {full * 1e3:>11.1f} ms  {first * 1e3:>8.1f} ms  {scrub * 1e3:>8.2f} ms  {full / scrub:>9.0f}x")
    if args.gaps:
        gaps(cfg, max(sizes))


def gaps(cfg, step: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6 import QtCore, QtWidgets

    from arena import InspectWorker

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    answered: list[int] = []
    worker = InspectWorker(lambda number, seen, error: answered.append(number))
    ticks: list[float] = []
    timer = QtCore.QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: (ticks.append(time.perf_counter()), sum(i * i for i in range(2000))))
    timer.start()
    t0 = time.perf_counter()
    worker.request(cfg, 0, step)
    while not answered:
        app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 5)
    took = time.perf_counter() - t0
    timer.stop()
    worker.close()
    between = sorted(b - a for a, b in zip(ticks, ticks[1:]))
    p95 = between[int(0.95 * len(between))]
    print(
        f"first look at step {step} on the worker: {took:.2f} s; 10 ms timer on the main thread: "
        f"{len(ticks)} ticks, gap median {statistics.median(between) * 1e3:.1f} ms, p95 {p95 * 1e3:.1f} ms, "
        f"max {between[-1] * 1e3:.1f} ms"
    )


if __name__ == "__main__":
    main()

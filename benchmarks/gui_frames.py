"""Frame time versus path length: does the window stay smooth on long races?

10 racers on Rosenbrock at 50 steps per frame. The race is fast-forwarded to
1k, 10k, 50k and 100k recorded steps; at each, ``--frames`` frames are timed
(one frame = the controller's timer tick: 50 engine steps for every racer, panels
updated with slices, plus a synchronous repaint of the whole window). Prints the
median and p90 frame time per length and the ratio to the 1k row.

Target (issue 9): at 100k steps within 1.5x of the 1k frame time (offscreen),
and >= 30 fps in a real window.

    python benchmarks/gui_frames.py                 # offscreen
    xvfb-run -s "-screen 0 1600x1000x24" python benchmarks/gui_frames.py --real
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from racers import SPECS  # noqa: E402 - benchmarks/ is the script's folder

LENGTHS = (1_000, 10_000, 50_000, 100_000)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--real", action="store_true", help="a real window (run under xvfb-run or on a desktop)")
    ap.add_argument("--frames", type=int, default=40, help="frames timed at each length")
    ap.add_argument("--speed", type=int, default=50, help="steps per frame")
    ap.add_argument("--lengths", type=lambda s: [int(v) for v in s.split(",")], default=list(LENGTHS))
    args = ap.parse_args()
    if not args.real:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"

    from PySide6 import QtCore

    from arena import PALETTE, RaceConfig, RacerConfig
    from gui.app import make_app
    from gui.main_window import MainWindow

    app = make_app()
    scratch = QtCore.QTemporaryDir()
    settings = QtCore.QSettings(scratch.filePath("s.ini"), QtCore.QSettings.Format.IniFormat)
    racers = []
    for spec, color in zip(SPECS, PALETTE):
        name, _, rest = spec.partition(":")
        hp = {k: float(v) for k, v in (kv.split("=") for kv in rest.split(","))} if rest else {}
        racers.append(RacerConfig(name, hp, spec, color))
    budget = max(args.lengths) + (args.frames + 2) * args.speed
    config = RaceConfig("rosenbrock", {}, (-1.5, 2.0), budget, None, 0, racers)
    w = MainWindow(settings=settings, config=config)
    w.resize(1480, 920)
    w.show()
    for _ in range(5):
        app.processEvents()
    c = w.controller
    c.set_speed(args.speed)
    platform = app.platformName()
    print(f"10 racers, {args.speed} steps/frame, {args.frames} frames per row, platform {platform}")
    print(f"{'steps':>8}  {'median ms':>10}  {'p90 ms':>8}  {'fps':>6}  {'x 1k':>6}")
    first = None
    for length in args.lengths:
        if c.race.steps < length:
            c.step(length - c.race.steps)  # one catch-up frame draws the whole history so far
        w.repaint()
        app.processEvents()
        times = []
        for _ in range(args.frames):
            t0 = time.perf_counter()
            c.tick()
            w.repaint()
            app.processEvents()
            times.append(time.perf_counter() - t0)
        med = statistics.median(times) * 1e3
        p90 = sorted(times)[int(0.9 * len(times))] * 1e3
        first = first or med
        print(f"{length:>8}  {med:>10.1f}  {p90:>8.1f}  {1e3 / med:>6.1f}  {med / first:>6.2f}")
    w.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Window speed, offscreen, on this machine.

* frame time while playing 10 racers whose paths are already 10,000 steps long
  (one frame = the controller's timer tick: engine steps for every racer, panels
  updated with slices, plus a synchronous repaint of the whole window);
* switching surface (contour field and lines on a 300 x 300 grid);
* launch: interpreter start to a visible window.

Targets (issue 3): median frame <= 16 ms, surface switch <= 100 ms, launch <= 1.5 s.

    python benchmarks/gui.py [--frames N] [--speed K]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from racers import SPECS  # noqa: E402 - benchmarks/ is the script's folder


def child_launch() -> None:
    t_import = time.time()
    from PySide6 import QtCore

    from gui.app import make_app
    from gui.main_window import MainWindow

    app = make_app()
    scratch = QtCore.QTemporaryDir()
    settings = QtCore.QSettings(scratch.filePath("s.ini"), QtCore.QSettings.Format.IniFormat)
    w = MainWindow(settings=settings)
    w.show()
    app.processEvents()
    w.repaint()
    print(f"{time.time():.6f} {t_import:.6f}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--frames", type=int, default=200)
    ap.add_argument("--speed", type=int, default=5, help="steps per frame")
    ap.add_argument("--launch-child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.launch_child:
        child_launch()
        return 0

    from PySide6 import QtCore

    from arena import PALETTE, RaceConfig, RacerConfig
    from engine import parse_optimizer_spec
    from gui.app import make_app
    from gui.main_window import MainWindow

    app = make_app()
    scratch = QtCore.QTemporaryDir()
    settings = QtCore.QSettings(scratch.filePath("s.ini"), QtCore.QSettings.Format.IniFormat)
    racers = []
    for spec, color in zip(SPECS, PALETTE):
        name, _, rest = spec.partition(":")
        hp = dict(kv.split("=") for kv in rest.split(",")) if rest else {}
        hp = {k: float(v) for k, v in hp.items()}
        parse_optimizer_spec(spec)
        racers.append(RacerConfig(name, hp, spec, color))
    config = RaceConfig("rosenbrock", {}, (-1.5, 2.0), 10_000 + args.frames * args.speed + 10, None, 0, racers)
    w = MainWindow(settings=settings, config=config)
    w.resize(1480, 920)
    w.show()
    app.processEvents()
    c = w.controller
    c.step(10_000)
    w.repaint()
    app.processEvents()
    c.set_speed(args.speed)
    times, ticks = [], []
    for _ in range(args.frames):
        t0 = time.perf_counter()
        c.tick()
        t1 = time.perf_counter()
        w.repaint()
        t2 = time.perf_counter()
        times.append(t2 - t0)
        ticks.append(t1 - t0)
    assert all(len(p.data()[0]) == c.race.steps + 1 for p in w.contour.paths)
    med = statistics.median(times) * 1e3
    print(
        f"frame (10 racers, paths {10_000}..{c.race.steps} steps, {args.speed} steps/frame, repaint included): "
        f"median {med:.1f} ms, p90 {sorted(times)[int(0.9 * len(times))] * 1e3:.1f} ms; "
        f"tick alone median {statistics.median(ticks) * 1e3:.1f} ms"
    )

    switch = []
    for name in ["beale", "rosenbrock", "himmelblau", "rastrigin", "goldstein_price", "ackley"] * 2:
        t0 = time.perf_counter()
        c.set_surface(name)
        w.repaint()
        switch.append(time.perf_counter() - t0)
    print(
        f"surface switch (300 x 300 field + contour lines + repaint): median {statistics.median(switch) * 1e3:.1f} ms,"
        f" max {max(switch) * 1e3:.1f} ms"
    )

    launches = []
    for _ in range(3):
        t0 = time.time()
        out = subprocess.run(
            [sys.executable, __file__, "--launch-child"],
            capture_output=True,
            text=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            check=True,
        ).stdout.split()
        launches.append(float(out[0]) - t0)
    print(f"launch to a visible window: median {statistics.median(launches):.2f} s")
    w.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

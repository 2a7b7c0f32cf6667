"""The live window's budget, offscreen, on this machine (issues 3 and 15).

For 10 racers on Rosenbrock, at 1 and at 100 steps per frame, and at 1k, 10k and
100k recorded steps (``--million`` adds 10^6):

* frame time: the interval between the window's own timer ticks while it plays
  (engine steps for every racer, panels updated, Qt painting the window), median,
  p90, p99 and max over ``--frames`` frames, and p99 / median;
* work: the GUI thread's CPU time per frame (median, p99), which the machine's other load
  inflates less than the frame time;
* memory: the process's resident size grown since the race started, per step per
  racer, and the part of it beyond the engine's own record (its arrays' bytes);
* surface switch: switching to another surface with that history drawn (the race
  restarts there), until Qt has painted what the switch changed: wall time and the GUI
  thread's CPU time (the machine is shared: the CPU time is what the window itself spent);
  "later": the CPU time of the next 150 ms (what the switch left for the frames after it:
  the step panels of a race at step 0 are painted a frame later).

Then logistic regression at n=2000 (its f costs O(n) per point): how long switching to it
blocks the GUI thread, the longest gap between 16 ms timer ticks while a worker samples its
full-resolution map, and when that map is drawn. Finally the launch time (interpreter start
to a visible window).

Targets: median frame <= 16 ms at 1 step/frame; p99 <= 2x median at every length;
<= 100 B per step per racer beyond the engine; surface switch <= 40 ms; no frame blocked
more than 30 ms by the logistic map; launch <= 1.5 s.

    python benchmarks/gui.py [--frames N] [--million]
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

LENGTHS = (1_000, 10_000, 100_000)
CATCH_UP = 20_000  # steps per catch-up call while fast-forwarding
MAX_BUDGET = 1_000_000  # the largest step budget a race takes


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


def rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def pct(values, q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))]


def settle(app, seconds: float = 0.15) -> float:
    """Run the event loop for ``seconds``; the GUI thread's CPU time spent meanwhile."""
    from PySide6 import QtCore

    loop = QtCore.QEventLoop()
    QtCore.QTimer.singleShot(round(seconds * 1000), loop.quit)
    c0 = time.thread_time()
    loop.exec()  # waits for events without spinning (processEvents in a loop would burn the CPU it measures)
    return time.thread_time() - c0


def engine_bytes(runners) -> int:
    import numpy as np

    return sum(v.nbytes for r in runners for v in vars(r).values() if isinstance(v, np.ndarray))


def logistic_field(app, settings) -> None:
    """Switch a window to logistic regression at n=2000 while a 16 ms timer ticks."""
    from PySide6 import QtCore

    from arena import load_preset
    from gui.main_window import MainWindow
    from gui.panels.surface_field import GRID

    w = MainWindow(settings=settings, config=load_preset("textbook"))
    w.resize(1480, 920)
    w.show()
    for _ in range(10):
        app.processEvents()
    ticks: list[tuple[float, float]] = []
    timer = QtCore.QTimer()
    timer.setInterval(16)
    timer.timeout.connect(lambda: ticks.append((time.perf_counter(), time.thread_time())))
    timer.start()
    for _ in range(3):
        app.processEvents()
    t0, c0 = time.perf_counter(), time.thread_time()
    w.controller.set_surface("logistic_regression", {"n": 2000})
    t1, c1 = time.perf_counter(), time.thread_time()
    app.processEvents()  # ...and the paint that follows
    c2 = time.thread_time()
    panel = w.contour
    shown = panel.view_field.z.shape[0]
    wait = QtCore.QEventLoop()  # until the full map is drawn (an event loop that waits, not one that spins)
    check = QtCore.QTimer()
    check.setInterval(5)
    full = lambda: panel.view_field is not panel.field and panel.view_field.z.shape[0] >= GRID  # noqa: E731
    check.timeout.connect(lambda: (full() or time.perf_counter() - t0 > 60) and wait.quit())
    check.start()
    wait.exec()
    check.stop()
    t2 = time.perf_counter()
    timer.stop()
    gaps = [(b[0] - a[0]) * 1e3 for a, b in zip(ticks, ticks[1:]) if a[0] >= t1]
    cpu = [(b[1] - a[1]) * 1e3 for a, b in zip(ticks, ticks[1:]) if a[0] >= t1]
    print(
        f"logistic regression n=2000: switch blocks {1e3 * (t1 - t0):.0f} ms (cpu {1e3 * (c1 - c0):.0f}; "
        f"map {shown}x{shown} at once, includes making the Data panel), then its paint cpu {1e3 * (c2 - c1):.0f} ms; "
        f"full "
        f"{panel.view_field.z.shape[0]}x{panel.view_field.z.shape[0]} map after {t2 - t0:.1f} s; meanwhile timer gaps "
        f"median {statistics.median(gaps):.0f} ms, p99 {pct(gaps, 0.99):.0f}, max {max(gaps):.0f} "
        f"(GUI cpu per gap: median {statistics.median(cpu):.1f}, max {max(cpu):.1f})"
    )
    w.close()
    w.deleteLater()
    app.processEvents()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--frames", type=int, default=100)
    ap.add_argument("--million", action="store_true", help="also at 10^6 recorded steps (minutes, ~1.5 GB)")
    ap.add_argument("--speeds", type=lambda s: [int(v) for v in s.split(",")], default=[1, 100])
    ap.add_argument("--launch-child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.launch_child:
        child_launch()
        return 0
    lengths = [*LENGTHS, 1_000_000] if args.million else list(LENGTHS)

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
    print(f"10 racers, {args.frames} frames per row, load average {os.getloadavg()[0]:.2f}")
    print(
        f"{'steps/frame':>11} {'steps':>8} | {'frame ms: median':>16} {'p90':>6} {'p99':>6} {'max':>6} {'p99/med':>7} |"
        f" {'work ms: median':>15} {'p99':>5} |"
        f" {'B/step/racer':>12} {'beyond engine':>13} | {'switch ms':>9} {'cpu':>5} {'later':>5}"
    )
    loop = QtCore.QEventLoop()
    for speed in args.speeds:
        room = (args.frames + 10) * speed
        budget = min(MAX_BUDGET, max(lengths) + room)  # the 10^6 row starts a few frames short of it
        config = RaceConfig("rosenbrock", {}, (-1.5, 2.0), budget, None, 0, racers)
        w = MainWindow(settings=settings, config=config)
        w.resize(1480, 920)
        w.show()
        for _ in range(10):
            app.processEvents()
        c = w.controller
        from engine import fast

        if fast.wait(120):  # the compiled steps, as a window has them a second after it opens
            for r in c.race.runners:
                if r._fast_run is not None:
                    fast.wait_for(r._fast_run.kernels, 120)
        ticks: list[float] = []
        cpu: list[float] = []

        def tick(c=c, ticks=ticks, cpu=cpu):
            ticks.append(time.perf_counter())
            cpu.append(time.thread_time())
            c.tick()
            if len(ticks) > args.frames:
                c.pause()
                loop.quit()

        c.timer.timeout.disconnect()
        c.timer.timeout.connect(tick)
        for length in lengths:
            length = min(length, budget - room)
            c.set_speed(speed)
            base, base_engine = rss(), engine_bytes(c.race.runners)
            while c.race.steps < length:
                c.step(min(CATCH_UP, length - c.race.steps))
            for _ in range(5):
                app.processEvents()
            ticks.clear()
            cpu.clear()
            c.play()
            loop.exec()
            frames = [(b - a) * 1e3 for a, b in zip(ticks[1:], ticks[2:])]
            work = [(b - a) * 1e3 for a, b in zip(cpu[1:], cpu[2:])]
            steps = c.race.steps * len(c.race.runners)
            grown = (rss() - base) / steps
            beyond = grown - (engine_bytes(c.race.runners) - base_engine) / steps
            t0, c0 = time.perf_counter(), time.thread_time()
            c.set_surface("beale")
            app.processEvents()  # Qt paints what the switch changed (the map, the docks)
            switch = (time.perf_counter() - t0) * 1e3
            switch_cpu = (time.thread_time() - c0) * 1e3
            later_cpu = settle(app) * 1e3  # what it left for the next frames (the step panels' paint)
            c.set_surface("rosenbrock")
            c.set_budget(budget)
            med = statistics.median(frames)
            print(
                f"{speed:>11} {length:>8} | {med:>16.1f} {pct(frames, 0.9):>6.1f} {pct(frames, 0.99):>6.1f}"
                f" {max(frames):>6.1f} {pct(frames, 0.99) / med:>7.2f} |"
                f" {statistics.median(work):>15.1f} {pct(work, 0.99):>5.1f} | {grown:>12.0f} {beyond:>13.0f} |"
                f" {switch:>9.1f} {switch_cpu:>5.0f} {later_cpu:>5.0f}"
            )
        w.close()
        w.deleteLater()
        app.processEvents()

    logistic_field(app, settings)
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
    return 0


if __name__ == "__main__":
    sys.exit(main())

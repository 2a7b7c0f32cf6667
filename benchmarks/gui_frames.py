"""Frame time versus path length: does the window stay smooth on long races?

10 racers on Rosenbrock at 50 steps per frame. The race is fast-forwarded to
1k, 10k, 50k and 100k recorded steps; at each, the window plays ``--frames``
frames driven by its own timer and event loop, as a user sees them (one frame =
the controller's timer tick: 50 engine steps for every racer and the panels
updated with slices, then Qt paints the window). Per length it prints:

* frame: the interval between consecutive ticks (median, p99, max) and the frame
  rate it gives; the timer asks for a tick every 16 ms, so this is at least 16 ms;
* work: the CPU time the GUI thread spent per frame (median, p99): the tick
  (engine + panel updates) plus painting, whatever the machine's other load;
* engine / panels / paint: the median CPU time per frame of each part;
* x 1k: work per frame against the 1k row.

Target (issue 9): at 100k steps within 1.5x of the 1k frame time, and >= 30 fps in a
real window; (issue 15): p99 <= 2x median at every length.

    python benchmarks/gui_frames.py                 # offscreen
    xvfb-run -a -s "-screen 0 1600x1000x24" python benchmarks/gui_frames.py --real
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


def pct(values, q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--real", action="store_true", help="a real window (run under xvfb-run or on a desktop)")
    ap.add_argument("--frames", type=int, default=120, help="frames timed at each length")
    ap.add_argument("--speed", type=int, default=50, help="steps per frame")
    ap.add_argument("--size", default="1480x920", help="window size WxH")
    ap.add_argument("--lengths", type=lambda s: [int(v) for v in s.split(",")], default=list(LENGTHS))
    args = ap.parse_args()
    if not args.real:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"

    import pyqtgraph as pg
    from PySide6 import QtCore

    from arena import PALETTE, RaceConfig, RacerConfig
    from gui.app import make_app
    from gui.main_window import MainWindow

    # painting, timed where pyqtgraph's views paint (CPU time of this thread)
    painted = [0.0]
    paint_event = pg.GraphicsView.paintEvent

    def timed_paint(self, ev):
        t0 = time.thread_time()
        try:
            return paint_event(self, ev)
        finally:
            painted[0] += time.thread_time() - t0

    pg.GraphicsView.paintEvent = timed_paint

    app = make_app()
    scratch = QtCore.QTemporaryDir()
    settings = QtCore.QSettings(scratch.filePath("s.ini"), QtCore.QSettings.Format.IniFormat)
    racers = []
    for spec, color in zip(SPECS, PALETTE):
        name, _, rest = spec.partition(":")
        hp = {k: float(v) for k, v in (kv.split("=") for kv in rest.split(","))} if rest else {}
        racers.append(RacerConfig(name, hp, spec, color))
    budget = max(args.lengths) + (args.frames + 20) * args.speed
    config = RaceConfig("rosenbrock", {}, (-1.5, 2.0), budget, None, 0, racers)
    w = MainWindow(settings=settings, config=config)
    width, height = (int(v) for v in args.size.split("x"))
    w.resize(width, height)
    w.show()
    for _ in range(10):
        app.processEvents()
    c = w.controller
    c.set_speed(args.speed)
    from engine import fast

    if fast.wait(120):  # the compiled steps, as a window has them a second after it opens
        for r in c.race.runners:
            if r._fast_run is not None:
                fast.wait_for(r._fast_run.kernels, 120)

    # each tick: when it started, the engine's and the panels' CPU time
    ticks: list[tuple[float, float, float, float, float]] = []  # wall, cpu at start; engine, panels cpu; paint so far

    def timed_tick():
        t0, c0 = time.perf_counter(), time.thread_time()
        race = c.race
        steps = race.advance(c.speed)
        c1 = time.thread_time()
        if steps:
            c.advanced.emit()
        ticks.append((t0, c0, c1 - c0, time.thread_time() - c1, painted[0]))
        if race.done:
            c.pause()
        if len(ticks) > args.frames:
            c.pause()
            loop.quit()

    c.timer.timeout.disconnect()
    c.timer.timeout.connect(timed_tick)

    print(
        f"10 racers, {args.speed} steps/frame, {args.frames} frames per row, platform {app.platformName()}, "
        f"window {width}x{height}, load average {os.getloadavg()[0]:.2f}"
    )
    print(
        f"{'steps':>7} | {'frame ms: median':>16} {'p99':>6} {'max':>6} {'fps':>5} | "
        f"{'work ms: median':>15} {'p99':>6} {'p99/med':>7} | {'engine':>6} {'panels':>6} {'paint':>6} | {'x 1k':>5}"
    )
    first = None
    loop = QtCore.QEventLoop()
    for length in args.lengths:
        if c.race.steps < length:
            c.step(length - c.race.steps)  # one catch-up frame draws the whole history so far
        for _ in range(5):
            app.processEvents()
        ticks.clear()
        c.play()
        loop.exec()
        rows = ticks[1:]  # the first tick follows the catch-up
        frame = [(b[0] - a[0]) * 1e3 for a, b in zip(rows, rows[1:])]
        work = [(b[1] - a[1]) * 1e3 for a, b in zip(rows, rows[1:])]
        paint = [(b[4] - a[4]) * 1e3 for a, b in zip(rows, rows[1:])]
        engine = [r[2] * 1e3 for r in rows]
        panels = [r[3] * 1e3 for r in rows]
        med, wmed = statistics.median(frame), statistics.median(work)
        first = first or wmed
        print(
            f"{length:>7} | {med:>16.1f} {pct(frame, 0.99):>6.1f} {max(frame):>6.1f} {1e3 / med:>5.1f} | "
            f"{wmed:>15.1f} {pct(work, 0.99):>6.1f} {pct(work, 0.99) / wmed:>7.2f} | "
            f"{statistics.median(engine):>6.1f} {statistics.median(panels):>6.1f} {statistics.median(paint):>6.1f} | "
            f"{wmed / first:>5.2f}"
        )
    w.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

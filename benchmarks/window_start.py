"""How fast the window shows, and whether loading the compiled kernels ever stalls it.

Starts a fresh interpreter that imports the app, opens the main window on the
rosenbrock preset and plays it, while a 5 ms timer records every gap in the Qt
event loop for a few seconds (the compiled kernels load on a background thread
meanwhile: numba's import and its on-disk cache, or a compilation when the cache
is cold).  Prints the time from interpreter start to the first painted frame and
the longest event-loop stall, and which path the racers were on at the end.

    python benchmarks/window_start.py [--cold] [--seconds S]

``--cold`` points numba's cache and the generated kernels at an empty temporary
directory first (a first run after installing: the compiled code is built by a child
process meanwhile, engine.fast.build) and plays for 40 s, to see the racers switch.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, os, sys, time
t_start = float(sys.argv[1])
sys.path.insert(0, sys.argv[2])
from PySide6 import QtCore, QtWidgets
from gui.app import make_app
from gui.main_window import MainWindow
from arena.presets import load_preset

app = make_app()
settings = QtCore.QSettings(os.path.join(sys.argv[4], "s.ini"), QtCore.QSettings.Format.IniFormat)
w = MainWindow(settings=settings, config=load_preset("rosenbrock"))
w.resize(1280, 720)
w.show()
gaps, marks = [], {}
last = [time.perf_counter()]

def tick():
    now = time.perf_counter()
    gaps.append((now - last[0], time.time() - t_start))
    last[0] = now

def first_frame():
    marks["first_frame"] = time.time() - t_start
    w.controller.play()

def check_fast():
    if "fast" not in marks and all(r.fast for r in w.controller.race.runners):
        marks["fast"] = time.time() - t_start

QtCore.QTimer.singleShot(0, first_frame)
timer = QtCore.QTimer(); timer.setInterval(5); timer.timeout.connect(tick); timer.timeout.connect(check_fast)
timer.start()
QtCore.QTimer.singleShot(int(float(sys.argv[3]) * 1000), app.quit)
app.exec()
runners = w.controller.race.runners
loading = [g for g, at in gaps[1:] if at <= marks.get("fast", 1e9)]  # until every racer is on the fast path
after = [g for g, at in gaps[1:] if at > marks.get("fast", 1e9)] or [float("nan")]
print(json.dumps({"first_frame": marks.get("first_frame"), "max_gap": max(g for g, _ in gaps[1:]),
                  "max_loading": max(loading or [float("nan")]), "max_after": max(after),
                  "fast_at": marks.get("fast"),
                  "p99_gap": sorted(g for g, _ in gaps)[int(0.99 * len(gaps))], "fast": [r.fast for r in runners],
                  "steps": w.controller.race.steps}))
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cold", action="store_true", help="empty numba cache first")
    ap.add_argument("--no-jit", action="store_true", help="GRADIENT_ARENA_NO_JIT=1: the stalls of painting alone")
    ap.add_argument("--seconds", type=float, default=None, help="how long to play (default 6, --cold 40)")
    args = ap.parse_args()
    if args.seconds is None:
        args.seconds = 40.0 if args.cold else 6.0
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.no_jit:
        env["GRADIENT_ARENA_NO_JIT"] = "1"
    with tempfile.TemporaryDirectory() as tmp:
        if args.cold:
            env["NUMBA_CACHE_DIR"] = str(Path(tmp) / "numba")
            env["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")
        import time

        out = subprocess.run(
            [sys.executable, "-c", CHILD, repr(time.time()), str(ROOT), str(args.seconds), tmp],
            env=env, capture_output=True, text=True, check=True,
        )  # fmt: skip
    r = json.loads(out.stdout.strip().splitlines()[-1])
    cache = "NumPy only" if args.no_jit else "cold numba cache" if args.cold else "warm numba cache"
    print(f"window ({cache}, {env['QT_QPA_PLATFORM']}): first frame {r['first_frame']:.2f} s after start "
          f"(target < 1.5 s); longest event-loop stall {r['max_gap'] * 1000:.0f} ms, p99 {r['p99_gap'] * 1000:.0f} ms; "
          f"longest while the compiled path loads {r['max_loading'] * 1000:.0f} ms, "
          f"after {r['max_after'] * 1000:.0f} ms "
          f"(target: loading never blocks > 300 ms); {r['steps']} steps played; racers on the compiled path: "
          f"{sum(r['fast'])}/{len(r['fast'])}"
          + (f" (all since {r['fast_at']:.1f} s after start)" if r.get("fast_at") else ""))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())

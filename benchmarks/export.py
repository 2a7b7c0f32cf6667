"""Export speed, offscreen, on this machine.

* PNG at 2400 px of the whole-window composite and of the contour panel (the
  textbook preset run to its 30 steps in a 1480 x 920 window), SVG of the window;
* a ~300-frame GIF and the same as MP4: the rosenbrock preset (3000 steps,
  5 racers) at 10 steps per frame = 301 frames, contour map + loss panel,
  1280 x 640 px, 30 frames/s. (The textbook preset has only 30 steps.)

Images: median of ``--repeat`` runs. Animations: one run each, with the
process's peak resident memory before and after (frames are streamed to the
file, so the peak should barely move).

    python benchmarks/export.py [--repeat N] [--out DIR] [--keep]
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

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kB


def timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--out", help="folder for the files (default: a temporary one)")
    ap.add_argument("--keep", action="store_true", help="keep the files (with --out they are always kept)")
    args = ap.parse_args()

    import imageio.v2 as iio2
    import imageio.v3 as iio
    from PySide6 import QtCore

    from arena import load_preset
    from export.formats import frame_count
    from gui.app import make_app
    from gui.export.animation import render_animation
    from gui.export.panels import export_panel
    from gui.main_window import MainWindow

    out = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="ga-export-bench-"))
    out.mkdir(parents=True, exist_ok=True)
    app = make_app()
    scratch = QtCore.QTemporaryDir()
    settings = QtCore.QSettings(scratch.filePath("s.ini"), QtCore.QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, config=load_preset("textbook"))
    window.resize(1480, 920)
    window.show()
    window.controller.step(30)
    for _ in range(3):
        window.repaint()
        app.processEvents()

    print(f"images (textbook, 30 steps, window 1480 x 920; median of {args.repeat}):")
    for which, name in (("window", "window.png"), ("contour", "contour.png")):
        dt, path = timed(lambda w=which, n=name: export_panel(window, w, out / n, width=2400), args.repeat)
        h, w = iio.improps(path).shape[:2]
        print(f"  PNG {which:8s} 2400 px: {dt * 1e3:6.0f} ms   ({w} x {h}, {os.path.getsize(path) / 1e3:.0f} kB)")
    dt, path = timed(lambda: export_panel(window, "window", out / "window.svg"), args.repeat)
    print(f"  SVG window         : {dt * 1e3:6.0f} ms   ({os.path.getsize(path) / 1e3:.0f} kB)")
    window.close()

    config = load_preset("rosenbrock")
    spf = 10
    expected = frame_count(config.steps, spf)
    print(
        f"animations (rosenbrock preset: {config.steps} steps, {len(config.racers)} racers, {spf} steps/frame "
        f"= {expected} frames; map + loss panel, 1280 x 640, 30 frames/s):"
    )
    for name in ("race.gif", "race.mp4"):
        before = peak_mb()
        t0 = time.perf_counter()
        n = render_animation(config, out / name, fps=30, steps_per_frame=spf, with_loss=True, size=(1280, 640))
        dt = time.perf_counter() - t0
        if name.endswith(".gif"):
            count = iio.improps(out / name, index=None).shape[0]
        else:
            reader = iio2.get_reader(out / name)
            count = reader.count_frames()
            reader.close()
        print(
            f"  {name[-3:].upper()}: {n} frames (file has {count}) in {dt:5.1f} s = {dt / n * 1e3:4.0f} ms/frame, "
            f"{os.path.getsize(out / name) / 1e6:.1f} MB; peak memory {before:.0f} -> {peak_mb():.0f} MB"
        )
    if args.out or args.keep:
        print(f"files in {out}")
    else:
        for p in out.iterdir():
            p.unlink()
        out.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())

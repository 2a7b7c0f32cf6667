"""``main.py basins | sweep | boundary``: basin maps, hyperparameter sweeps and trainability boundaries,
headless, as PNG (axes, colour key, title), CSV (one row per cell) and NPZ (every array with its axes).

Tiles run here by default (every core through the compiled lane loop's threads), on a local process pool
with ``--workers N``, or on an existing Dask cluster with ``--scheduler ADDRESS``.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time

from .errors import UsageError
from .race import parse_start

_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_RANGE = re.compile(rf"^\s*({_NUMBER})\s*(?:\.\.|:)\s*({_NUMBER})\s*$")


def add_parsers(sub) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--surface", metavar="NAME[:param=value,...]", help="the surface (default: himmelblau)")
    common.add_argument("--grid", metavar="N|WxH", default=None, help="cells per axis (default 128; 2 to 4096)")
    common.add_argument("--steps", type=int, default=500, metavar="N", help="step budget per cell (default 500)")
    common.add_argument("--tol", type=float, default=1e-6, metavar="T", help="converged once |grad| <= T (1e-6)")
    common.add_argument("--png", metavar="PATH", help="the map(s) as an image with axes, title and colour key")
    common.add_argument("--csv", metavar="PATH", help="one row per cell")
    common.add_argument("--npz", metavar="PATH", help="every array with its axes (numpy.load)")
    common.add_argument("--width", type=int, default=1600, metavar="PX", help="PNG width (default 1600)")
    where = common.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, metavar="N", help="run the tiles on a local pool of N processes")
    where.add_argument("--scheduler", metavar="ADDRESS", help="run the tiles on this Dask cluster (tcp://host:8786)")
    common.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")

    basins = sub.add_parser("basins", parents=[common], help="where each start ends up: basins of attraction",
                            description="Basin map: a grid of starts over a view, coloured by the minimum each "
                            "reached (brighter: sooner), diverged and not converged in their own colours.")  # fmt: skip
    basins.add_argument("--optimizer", action="append", metavar="SPEC", help="repeat for maps side by side")
    basins.add_argument("--view", metavar="X0,X1,Y0,Y1", help="the plane to cover (default: the surface's domain)")

    sweep = sub.add_parser("sweep", parents=[common], help="final loss / steps over two hyperparameters",
                           description="Sweep heatmap: one optimizer from one start over a grid of two of its "
                           "hyperparameters (log axes where the registry says so).")  # fmt: skip
    sweep.add_argument("--optimizer", required=True, metavar="SPEC", help="the optimizer and its other settings")
    sweep.add_argument("--x", required=True, metavar="KEY=LO..HI", help="first hyperparameter and its range")
    sweep.add_argument("--y", required=True, metavar="KEY=LO..HI", help="second hyperparameter and its range")
    sweep.add_argument("--start", metavar="X,Y", help="start point (default: the surface's)")

    boundary = sub.add_parser("boundary", parents=[common], help="trainability boundary of per-parameter rates",
                              description="Gradient descent with its own learning rate for x and for y; each cell "
                              "coloured by when the run escaped or converged (log axes).")  # fmt: skip
    boundary.add_argument("--x", default=None, metavar="LO..HI", help="range of the rate for x (default 1e-3..10)")
    boundary.add_argument("--y", default=None, metavar="LO..HI", help="range of the rate for y (default 1e-3..10)")
    boundary.add_argument("--start", metavar="X,Y", help="start point (default: the surface's)")


def _grid(text: str | None) -> tuple[int, int]:
    if text is None:
        return 128, 128
    m = re.fullmatch(r"\s*(\d+)\s*(?:[xX]\s*(\d+)\s*)?", text)
    if not m:
        raise UsageError(f"--grid {text!r}: expected N or WxH, such as 256 or 320x200")
    w = int(m.group(1))
    h = int(m.group(2)) if m.group(2) else w
    for v in (w, h):
        if not 2 <= v <= 4096:
            raise UsageError(f"--grid {text!r}: each side must be from 2 to 4096 cells")
    return w, h


def _range(flag: str, text: str) -> tuple[float, float]:
    m = _RANGE.fullmatch(text)
    if not m:
        raise UsageError(f"{flag} {text!r}: expected LO..HI, such as 1e-4..1")
    lo, hi = float(m.group(1)), float(m.group(2))
    return lo, hi


def _view(text: str) -> tuple[float, float, float, float]:
    parts = text.split(",")
    try:
        values = [float(p) for p in parts]
    except ValueError:
        values = []
    if len(values) != 4:
        raise UsageError(f"--view {text!r}: expected four numbers X0,X1,Y0,Y1 such as -5,5,-5,5")
    return values[0], values[1], values[2], values[3]


def _executor(args):
    if args.workers is not None:
        if not 1 <= args.workers <= 256:
            raise UsageError(f"--workers {args.workers}: expected 1 to 256")
        from engine.maps import local_pool

        return local_pool(args.workers), None
    if args.scheduler:
        try:
            from distributed import Client
        except ImportError:
            raise UsageError("--scheduler needs dask.distributed: pip install 'gradient-arena[cluster]'") from None
        try:
            client = Client(args.scheduler, timeout="10s")
        except (OSError, TimeoutError) as exc:
            raise UsageError(f"--scheduler {args.scheduler}: cannot reach the cluster ({exc})") from None
        return client, client
    return None, None


def build_jobs(args) -> list:
    from engine.maps import Axis, BasinJob, BoundaryJob, SweepJob
    from engine.registry import get_optimizer
    from engine.spec import parse_optimizer_spec
    from surfaces import parse_surface_spec

    surface = parse_surface_spec(args.surface or "himmelblau")
    nx, ny = _grid(args.grid)
    try:
        if args.command == "basins":
            if args.view:
                x0, x1, y0, y1 = _view(args.view)
            else:
                (x0, x1), (y0, y1) = surface.domain
            specs = args.optimizer or ["adam:lr=0.05"]
            return [BasinJob(surface, s, Axis("x", x0, x1, nx), Axis("y", y0, y1, ny), args.steps, args.tol)
                    for s in specs]  # fmt: skip
        start = parse_start(args.start) if args.start else tuple(float(v) for v in surface.start)
        if args.command == "sweep":
            opt = parse_optimizer_spec(args.optimizer)[0]
            params = {p.name: p for p in get_optimizer(opt.name).hyperparams}
            axes = []
            for flag, text, n in (("--x", args.x, nx), ("--y", args.y, ny)):
                key, sep, rng = text.partition("=")
                key = key.strip()
                if not sep or not key:
                    raise UsageError(f"{flag} {text!r}: expected KEY=LO..HI, such as lr=1e-4..1")
                if key not in params:
                    raise UsageError(f"{flag}: {opt.name} has no hyperparameter {key!r}; it has {', '.join(params)}")
                lo, hi = _range(flag, rng)
                axes.append(Axis(key, lo, hi, n, log=bool(params[key].log)))
            return [SweepJob(surface, args.optimizer, start, axes[0], axes[1], args.steps, args.tol)]
        xr = _range("--x", args.x) if args.x else (1e-3, 10.0)
        yr = _range("--y", args.y) if args.y else (1e-3, 10.0)
        return [BoundaryJob(surface, start, Axis("lr_x", *xr, nx, log=True), Axis("lr_y", *yr, ny, log=True),
                            args.steps, args.tol)]  # fmt: skip
    except ValueError as exc:  # jobs, axes and specs explain what is wrong
        raise UsageError(str(exc).splitlines()[0]) from None


def _suffixed(path: str, i: int, n: int) -> str:
    if n == 1:
        return path
    stem, ext = os.path.splitext(path)
    return f"{stem}-{i + 1}{ext}"


def run_maps(args) -> int:
    from arena.maps import map_image, write_map_csv, write_map_npz
    from engine.maps import compute
    from export.files import ExportError, OutputError, check_outputs

    if not 200 <= args.width <= 8000:
        raise UsageError(f"--width {args.width}: expected 200 to 8000 pixels")
    jobs = build_jobs(args)
    wanted = [(flag, path) for flag, path in (("--png", args.png), ("--csv", args.csv), ("--npz", args.npz)) if path]
    try:  # the one output-path layer of every writer: refused before any work, two outputs naming one file too
        check_outputs(wanted)
    except OutputError as exc:
        raise UsageError(exc.strerror) from None
    outputs = [path for _, path in wanted]
    executor, client = _executor(args)
    results = []
    try:
        for job in jobs:
            t0 = time.perf_counter()
            res = compute(job, executor=executor, cache=False)
            results.append(res)
            if not args.quiet:
                secs = time.perf_counter() - t0
                rate = job.point_steps() / secs / 1e6
                print(f"{job.kind}: {getattr(job, 'spec', 'gradient descent')} on {args.surface or 'himmelblau'}, "
                      f"{job.x.n}x{job.y.n} cells x {job.steps} steps in {secs:.2f} s "
                      f"({rate:.1f} M point-steps/s, {res.tiles} tiles, {res.where})")  # fmt: skip
                for entry in map_image(res).key:
                    print(f"  {100 * entry.share:5.1f}%  {entry.label}")
    finally:
        if client is not None:
            client.close()
        elif executor is not None:
            executor.shutdown()
    try:
        for i, res in enumerate(results):
            if args.csv:
                write_map_csv(res, _suffixed(args.csv, i, len(results)))
            if args.npz:
                write_map_npz(res, _suffixed(args.npz, i, len(results)))
        if args.png:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
            from gui.export.map_image import render_maps_png

            render_maps_png([map_image(r) for r in results], args.png, args.width)
    except ExportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not args.quiet:
        for p in outputs:
            print(f"wrote {p}")
    return 0

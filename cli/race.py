"""``main.py race``: run optimizers from one start and write the long-format CSV."""
from __future__ import annotations

import math
import os
import sys
from typing import Sequence

import numpy as np

from engine import Runner, race_labels, write_race_csv
from surfaces import parse_surface_spec

from .errors import UsageError

MAX_STEPS = 1_000_000


def parse_start(text: str) -> tuple[float, float]:
    parts = [p.strip() for p in text.replace(";", ",").split(",")]
    if len(parts) != 2 or not all(parts):
        raise UsageError(f"--start {text!r}: expected two numbers X,Y such as -1.5,2")
    try:
        x, y = float(parts[0]), float(parts[1])
    except ValueError:
        raise UsageError(f"--start {text!r}: expected two numbers X,Y such as -1.5,2") from None
    if not (math.isfinite(x) and math.isfinite(y)):
        raise UsageError(f"--start {text!r}: coordinates must be finite")
    return x, y


def check_steps(steps: int) -> int:
    if steps < 0:
        raise UsageError(f"--steps {steps}: must be >= 0")
    if steps > MAX_STEPS:
        raise UsageError(f"--steps {steps}: must be <= {MAX_STEPS}")
    return steps


def check_tol(tol: float | None) -> float | None:
    if tol is not None and not (math.isfinite(tol) and tol >= 0):
        raise UsageError(f"--tol {tol}: must be a number >= 0")
    return tol


def check_writable(path: str, flag: str) -> None:
    """Refuse, before any work, an output path that cannot be written."""
    if path == "-":
        return
    folder = os.path.dirname(os.path.abspath(path)) or "."
    if os.path.isdir(path):
        raise UsageError(f"{flag} {path!r}: is a folder, not a file")
    if not os.path.isdir(folder):
        raise UsageError(f"{flag} {path!r}: folder {folder!r} does not exist")
    if not os.access(folder, os.W_OK) or (os.path.exists(path) and not os.access(path, os.W_OK)):
        raise UsageError(f"{flag} {path!r}: not writable")


def build_runners(surface_spec: str, start_text: str | None, specs: Sequence[str], steps: int,
                  tol: float | None) -> tuple[object, list[Runner]]:
    try:
        surface = parse_surface_spec(surface_spec)
    except ValueError as exc:
        raise UsageError(f"--surface: {exc}") from None
    start = parse_start(start_text) if start_text is not None else surface.start
    runners = []
    for spec, label in zip(specs, race_labels(specs)):
        try:
            runners.append(Runner(surface, spec, start=start, max_steps=steps, tol=tol, label=label))
        except ValueError as exc:
            raise UsageError(f"--optimizer {spec!r}: {exc}") from None
    return surface, runners


def summary_lines(surface, records) -> list[str]:
    width = max(len("optimizer"), *(len(r.label) for r in records))
    lines = [f"{'optimizer':<{width}}  {'status':<22} {'x':>11} {'y':>11} {'loss':>12} {'dist_min':>10}"]
    for rec in records:
        status = rec.status if rec.status == "running" else f"{rec.status} at {rec.steps_taken}"
        if rec.status == "running":
            status = f"ran {rec.steps_taken} steps"
        x, y = rec.final_position
        dist = float(surface.distance_to_nearest_minimum(rec.final_position))
        lines.append(f"{rec.label:<{width}}  {status:<22} {x:>11.5g} {y:>11.5g} {rec.final_loss:>12.5g} "
                     f"{dist:>10.4g}")
    return lines


def run_race(args) -> int:
    steps = check_steps(args.steps)
    check_tol(args.tol)
    if args.csv:
        check_writable(args.csv, "--csv")
    surface, runners = build_runners(args.surface, args.start, args.optimizer, steps, args.tol)
    for runner in runners:
        runner.advance(steps)
    records = [r.record() for r in runners]
    if args.csv == "-":
        write_race_csv(sys.stdout, records)
        return 0
    if args.csv:
        try:
            write_race_csv(args.csv, records)
        except OSError as exc:
            raise UsageError(f"--csv {args.csv!r}: cannot write: {exc.strerror or exc}") from None
    if not args.quiet:
        print(f"{surface.title} from ({records[0].positions[0][0]:g}, {records[0].positions[0][1]:g}), "
              f"{steps} steps" + (f", tol {args.tol:g}" if args.tol is not None else ""))
        print("\n".join(summary_lines(surface, records)))
        if args.csv:
            print(f"wrote {args.csv} ({sum(len(r.positions) for r in records)} rows)")
    return 0

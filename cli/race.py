"""``main.py race``: run optimizers from one start and write the long-format CSV."""

from __future__ import annotations

import math
import os
import sys
from itertools import cycle

from arena import (
    PALETTE,
    Race,
    RaceConfig,
    RacerConfig,
    SessionError,
    inspect_racer,
    load_preset,
    load_session,
    save_session,
    standings,
    write_summary_csv,
)
from engine import parse_racer_spec, race_labels, write_race_csv
from engine.options import check_options_for
from surfaces import parse_surface_spec

from .errors import UsageError
from .network import network_config_from_args, run_network_race

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
    if isinstance(steps, bool) or steps < 0:
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


def config_from_flags(args, steps: int) -> RaceConfig:
    """A race configuration from --surface/--start/--optimizer flags; racer names
    are the specs as typed (a repeat gets ' #2')."""
    if not args.surface:
        raise UsageError("--surface is required (or give --session FILE)")
    if not args.optimizer:
        raise UsageError("at least one --optimizer is required (or give --session FILE)")
    try:
        surface = parse_surface_spec(args.surface)
    except ValueError as exc:
        raise UsageError(f"--surface: {exc}") from None
    start = parse_start(args.start) if args.start is not None else tuple(float(v) for v in surface.start)
    racers = []
    for spec, label, color in zip(args.optimizer, race_labels(args.optimizer), cycle(PALETTE)):
        try:
            opt, hp, options = parse_racer_spec(spec)
            check_options_for(options, surface)
        except ValueError as exc:
            raise UsageError(f"--optimizer {spec!r}: {exc}") from None
        changed = {k: v for k, v in hp.items() if v != opt.defaults[k]}
        racers.append(RacerConfig(opt.name, changed, label, color, options=options.as_dict()))
    return RaceConfig(
        surface=surface.spec if surface.name == "formula" else surface.name,  # a formula: its whole spec
        surface_params={} if surface.name == "formula" else dict(surface.params),
        start=start,
        steps=steps,
        tol=args.tol,
        seed=check_seed(args.seed if args.seed is not None else 0),
        racers=racers,
    )


def check_seed(seed: int) -> int:
    if seed < 0:
        raise UsageError(f"--seed {seed}: must be a whole number >= 0")
    return seed


def config_from_args(args) -> RaceConfig:
    if getattr(args, "problem", None) or getattr(args, "data", None):
        return network_config_from_args(args, sys.modules[__name__])  # a network race: cli/network.py
    preset = getattr(args, "preset", None)
    if args.session and preset:
        raise UsageError("give --session or --preset, not both")
    if args.session or preset:
        flag = "--session" if args.session else "--preset"
        if args.surface or args.optimizer or args.start:
            raise UsageError(f"{flag} runs a saved race: leave out --surface, --start and --optimizer")
        try:
            config = load_session(args.session) if args.session else load_preset(preset)
        except SessionError as exc:
            raise UsageError(f"{flag} {args.session or preset!r}: {exc}") from None
        if args.steps is not None:
            config.steps = check_steps(args.steps)
        if args.tol is not None:
            config.tol = check_tol(args.tol)
        if args.seed is not None:
            config.seed = check_seed(args.seed)
        return config
    steps = check_steps(100 if args.steps is None else args.steps)
    check_tol(args.tol)
    return config_from_flags(args, steps)


def summary_lines(race) -> list[str]:
    rows = standings(race)
    width = max(len("racer"), *(len(r.racer) for r in rows)) if rows else len("racer")
    lines = [f"{'racer':<{width}}  {'status':<22} {'x':>11} {'y':>11} {'loss':>12} {'dist_min':>10}"]
    for s in rows:
        status = f"ran {s.steps} steps" if s.status in ("running", "budget used") else s.status_text
        lines.append(
            f"{s.racer:<{width}}  {status:<22} {s.final_x:>11.5g} {s.final_y:>11.5g} "
            f"{s.final_loss:>12.5g} {s.distance_to_min:>10.4g}"
        )
    return lines


IMAGE_FLAGS = ("png", "svg", "gif", "mp4")


def run_race(args) -> int:
    outputs = {"--csv": args.csv, "--summary-csv": args.summary_csv, "--save-session": args.save_session}
    outputs["--torch-script"] = getattr(args, "torch_script", None)
    outputs.update({f"--{k}": getattr(args, k) for k in IMAGE_FLAGS})
    for flag, path in outputs.items():
        if path:
            check_writable(path, flag)
            ext = {"--png": ".png", "--svg": ".svg", "--gif": ".gif", "--mp4": ".mp4", "--save-session": ".json"}
            ext["--torch-script"] = ".py"
            if flag in ext and path != "-" and not path.lower().endswith(ext[flag]):
                raise UsageError(f"{flag} {path!r}: the file name must end in {ext[flag]}")
    if outputs["--torch-script"] == "-":
        raise UsageError("--torch-script '-': give a file name ending in .py")
    config = config_from_args(args)
    if config.is_network:
        return run_network_race(args, config)
    inspect = getattr(args, "inspect", None)
    if inspect is not None:
        if args.csv == "-":
            raise UsageError("--inspect prints to the terminal: it cannot share stdout with --csv -")
        if not 1 <= inspect <= config.steps:
            raise UsageError(f"--inspect {inspect}: give a step from 1 to the budget ({config.steps})")
    tuned = []
    if getattr(args, "tune", None) is not None:  # a fair race: every racer tuned on the race's own budget first
        from arena.tune import tune_race

        try:
            config, tuned = tune_race(config, trials=args.tune, seed=config.seed)
        except ValueError as exc:
            raise UsageError(f"--tune {args.tune}: {str(exc).splitlines()[0]}") from None
        if not args.quiet and args.csv != "-":
            print(f"tuned: random search, the racer's own setting + {args.tune - 1} draws, {config.steps} steps each")
            for res in tuned:
                print(f"  {res.describe()}")
                print(f"    searched: {'; '.join(d.describe() for d in res.space) or 'nothing to tune'}")
    if args.save_session:
        try:
            save_session(args.save_session, config)
        except OSError as exc:
            raise UsageError(f"--save-session {args.save_session!r}: cannot write: {exc.strerror or exc}") from None
    race = Race(config)
    race.advance(config.steps)
    records = race.records()
    if outputs["--torch-script"]:
        outputs["--torch-script"] = write_torch_scripts(outputs["--torch-script"], config, records)
    if args.csv == "-":
        write_race_csv(sys.stdout, records, config.steps)
        return 0
    for flag, path, write in (
        ("--csv", args.csv, lambda p: write_race_csv(p, records, config.steps)),
        ("--summary-csv", args.summary_csv, lambda p: write_summary_csv(p, race)),
    ):
        if path:
            try:
                write(path)
            except OSError as exc:
                raise UsageError(f"{flag} {path!r}: cannot write: {exc.strerror or exc}") from None
    images = {k: getattr(args, k) for k in IMAGE_FLAGS if getattr(args, k)}
    written = render_images(config, images) if images else {}
    if not args.quiet:
        surface = race.surface
        print(
            f"{surface.title} from ({config.start[0]:g}, {config.start[1]:g}), {config.steps} steps"
            + (f", tol {config.tol:g}" if config.tol is not None else "")
        )
        print("\n".join(summary_lines(race)))
        for flag, path in outputs.items():
            if path and flag.lstrip("-") not in IMAGE_FLAGS:
                print(f"wrote {path}")
        for path, what in written.items():
            print(f"wrote {path} ({what})")
    if inspect is not None:
        print("\n".join(inspection_lines(config, inspect)))
    return 0


def write_torch_scripts(path: str, config: RaceConfig, records) -> str:
    """``--torch-script PATH``: each racer's torch.optim script (PATH itself for a single racer,
    PATH-1.py, PATH-2.py, ... for several); returns the paths written, for the summary."""
    from arena.torch_script import torch_script
    from export.files import atomic_write_text

    stem = path[:-3]
    paths = [path] if len(config.racers) == 1 else [f"{stem}-{i + 1}.py" for i in range(len(config.racers))]
    for index, (target, record) in enumerate(zip(paths, records)):
        try:
            atomic_write_text(target, torch_script(config, index, steps=len(record.positions) - 1))
        except OSError as exc:
            raise UsageError(f"--torch-script {target!r}: cannot write: {exc.strerror or exc}") from None
    return ", ".join(paths)


def inspection_lines(config: RaceConfig, step: int) -> list[str]:
    """``--inspect STEP``: every racer's state before and after the step, and its rule with the numbers."""
    lines: list[str] = []
    for index, racer in enumerate(config.racers):
        lines.append("")
        try:
            seen = inspect_racer(config, index, step)
        except ValueError as exc:
            lines.append(f"== {exc}")
            continue
        lines.append(f"== {racer.name} ({seen.optimizer}) at step {step}: from step {step - 1} to step {step}")
        lines.extend("   " + row if row else "" for row in seen.table())
    return lines


def render_images(config: RaceConfig, images: dict) -> dict:
    """PNG/SVG/GIF/MP4 from the command line: Qt is imported only here, offscreen."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from export.files import ExportError
    from gui.headless import render_headless

    try:
        written = render_headless(config, **images)
    except ExportError as exc:
        raise UsageError(str(exc)) from None
    return written

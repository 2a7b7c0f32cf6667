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
    standings,
)
from arena.config import check_size
from arena.session import dump_session
from arena.summary import summary_csv_text
from engine import parse_racer_spec, race_labels, write_race_csv
from engine.options import check_options_for
from export.files import Output, OutputError, StagedOutputs, check_outputs, reason, shown_path
from specs.param import read_number
from surfaces import parse_surface_spec

from .errors import UsageError
from .network import network_config_from_args, run_network_race

MAX_STEPS = 1_000_000


def parse_start(text: str) -> tuple[float, float]:
    parts = [p.strip() for p in text.replace(";", ",").split(",")]
    if len(parts) != 2 or not all(parts):
        raise UsageError(f"--start {text!r}: expected two numbers X,Y such as -1.5,2")
    try:
        x, y = read_number(parts[0]), read_number(parts[1])
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
    try:
        check_outputs([(flag, path)])
    except OutputError as exc:
        raise UsageError(exc.strerror) from None


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
    if not 0 <= seed < 2**63:
        raise UsageError(f"--seed {seed}: must be a whole number from 0 to 2^63 - 1")
    return seed


def data_config_from_args(args) -> RaceConfig:
    """A race on a data-fit surface fitted to ``--data FILE`` (a CSV of x, y or x1, x2, label)."""
    from surfaces.datafile import KINDS, DataError, data_surface, read_data_csv

    path = args.data
    if args.session or getattr(args, "preset", None):
        raise UsageError("--data FILE goes with --surface linear_regression or logistic_regression, not a session")
    name, _, params = args.surface.partition(":")
    kinds = {surface: kind for kind, (surface, _) in KINDS.items()}
    if name.strip() not in kinds and os.path.isdir(path):
        raise UsageError(
            "--data DIR goes with --problem mlp:mnist,... (the folder of the IDX files); a CSV file of points goes "
            "with --surface linear_regression or logistic_regression"
        )
    if name.strip() not in kinds:
        raise UsageError(
            f"--data {path!r}: a CSV file is fitted by --surface linear_regression (x, y) or logistic_regression "
            f"(x1, x2, label); {name.strip()!r} has no data (a folder of IDX files goes with --problem mlp:...)"
        )
    if params.strip():
        raise UsageError(f"--surface {args.surface!r}: with --data FILE the file is the data: give no parameters")
    if os.path.isdir(path):
        raise UsageError(
            f"--data {path!r} is a folder: a data-fit surface takes a CSV file (a folder of IDX files goes with "
            "--problem mlp:mnist,...)"
        )
    try:
        data = read_data_csv(path, kinds[name.strip()])
    except DataError as exc:
        raise UsageError(f"--data: {exc}") from None
    steps = check_steps(100 if args.steps is None else args.steps)
    check_tol(args.tol)
    config = config_from_flags(args, steps)
    config.surface, config.surface_params, config.data = data.surface, {}, data
    if args.start is None:
        config.start = tuple(float(v) for v in data_surface(data).start)
    return checked(config)


def config_from_args(args) -> RaceConfig:
    if getattr(args, "data", None) and args.surface and not getattr(args, "problem", None):
        return data_config_from_args(args)  # --surface linear_regression --data FILE.csv
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
        return checked(config)
    steps = check_steps(100 if args.steps is None else args.steps)
    check_tol(args.tol)
    if args.optimizer:
        problems = check_size(len(args.optimizer), steps)
        if problems:
            where, why = problems[0]
            raise UsageError(f"--{where if where == 'steps' else 'optimizer'}: {why}")
    return checked(config_from_flags(args, steps))


def checked(config: RaceConfig) -> RaceConfig:
    """The configuration, validated as a whole (sizes, seeds, what flags alone cannot check)."""
    try:
        return config.validate().check_limits()
    except SessionError as exc:
        raise UsageError(str(exc)) from None


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
#: every flag that names a file the race writes, with the extension it needs (None: any)
OUTPUT_FLAGS = {
    "--csv": None,
    "--summary-csv": None,
    "--save-session": ".json",
    "--png": ".png",
    "--svg": ".svg",
    "--gif": ".gif",
    "--mp4": ".mp4",
    "--torch-script": ".py",
}


SESSION_INPUT = "the --session file this run reads"


def input_files(args) -> list[tuple[str, str | None]]:
    """Every file the race reads: no output may be written over one of them."""
    return [(SESSION_INPUT, args.session)]


def check_output_paths(args) -> dict[str, Output]:
    """Every output path, resolved and checked before any work starts: empty names, folders,
    missing folders, names too long, unwritable places, two outputs naming one file and
    an output over an input file are refused. ``--csv -`` is stdout (not in the result)."""
    wanted = []
    for flag, ext in OUTPUT_FLAGS.items():
        path = getattr(args, flag[2:].replace("-", "_"))
        if path is None:
            continue
        if not path.strip():
            raise UsageError(f"{flag} {path!r}: empty file name")
        if path == "-":
            if flag != "--csv":
                raise UsageError(f"{flag} -: only --csv can write to stdout")
            continue
        if ext and not path.lower().endswith(ext):
            raise UsageError(f"{flag} '{shown_path(path)}': the file name must end in {ext}")
        wanted.append((flag, path))
    try:
        return check_outputs(wanted, input_files(args), may_replace=[("--save-session", SESSION_INPUT)])
    except OutputError as exc:
        raise UsageError(exc.strerror) from None


def run_race(args) -> int:
    outputs = check_output_paths(args)
    config = config_from_args(args)
    if config.is_network:
        return run_network_race(args, config, render_images)
    inspect = getattr(args, "inspect", None)
    if inspect is not None:
        if args.csv == "-":
            raise UsageError("--inspect prints to the terminal: it cannot share stdout with --csv -")
        if not 1 <= inspect <= config.steps:
            raise UsageError(f"--inspect {inspect}: give a step from 1 to the budget ({config.steps})")
    tuned = []
    if getattr(args, "tune", None) is not None:  # a fair race: every racer tuned on the race's own budget first
        from arena.tune import summary_lines as tuned_lines
        from arena.tune import tune_race

        try:
            config, tuned = tune_race(config, trials=args.tune, seed=config.seed)
        except ValueError as exc:
            raise UsageError(f"--tune {args.tune}: {str(exc).splitlines()[0]}") from None
        if not args.quiet and args.csv != "-":
            print(f"tuned: random search, the racer's own setting + {args.tune - 1} draws, {config.steps} steps each")
            for line in tuned_lines(tuned):
                print(f"  {line}")
    race = Race(config)
    race.advance(config.steps)
    written = write_outputs(config, race, outputs)
    if "--torch-script" in outputs:
        path = outputs["--torch-script"].shown
        written.append((write_torch_scripts(path, config, race.records()), "torch.optim scripts"))
    to_stdout = args.csv == "-"
    if to_stdout:  # every file is in place; then the CSV (a reader that stops early loses only the CSV)
        write_race_csv(sys.stdout, one_by_one(race), config.steps)
        sys.stdout.flush()
    if not args.quiet:
        say = sys.stderr if to_stdout else sys.stdout
        if not to_stdout:
            surface = race.surface
            print(
                f"{surface.title} from ({config.start[0]:g}, {config.start[1]:g}), {config.steps} steps"
                + (f", tol {config.tol:g}" if config.tol is not None else "")
            )
            print("\n".join(summary_lines(race)))
        for path, what in written:
            say.write(f"wrote {path}" + (f" ({what})" if what else "") + "\n")
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


def write_outputs(config: RaceConfig, race, outputs: dict[str, Output]) -> list[tuple[str, str]]:
    """Write every output file under a temporary name, then put them all in place: a failure
    (a full disk, an encoder error) leaves none of them behind and replaces no file.
    Returns ``(path as typed, what)`` of each file written."""
    written: list[tuple[str, str]] = []
    with StagedOutputs() as staged:
        for flag, write in (
            ("--csv", lambda tmp: write_race_csv(tmp, one_by_one(race), config.steps)),
            ("--summary-csv", lambda tmp: _write_text(tmp, summary_csv_text(race))),
            ("--save-session", lambda tmp: _write_text(tmp, dump_session(config))),
        ):
            if flag in outputs:
                out = outputs[flag]
                try:
                    write(staged.stage(out))
                except OSError as exc:
                    raise UsageError(f"{flag} '{out.shown}': cannot write: {reason(exc)}") from None
                written.append((out.shown, ""))
        images = {}
        for flag in (f for f in outputs if f[2:] in IMAGE_FLAGS):
            try:
                images[flag[2:]] = staged.stage(outputs[flag])
            except OSError as exc:
                raise UsageError(f"{flag} '{outputs[flag].shown}': cannot write: {reason(exc)}") from None
        if images:
            shown = {tmp: outputs[f"--{kind}"].shown for kind, tmp in images.items()}
            for tmp, what in render_images(config, images, shown).items():
                written.append((shown.get(tmp, tmp), str(what)))
        try:
            staged.commit()
        except OSError as exc:
            raise UsageError(f"cannot put the outputs in place: {reason(exc)}") from None
    return written


def one_by_one(race):
    """Each racer's record in turn (a copy of its arrays), so a CSV export holds one at a time."""
    return (runner.record() for runner in race.runners)


def _write_text(path: str, text: str) -> None:
    with open(path, "w", encoding="utf-8", errors="backslashreplace", newline="") as fh:
        fh.write(text)


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


def render_images(config: RaceConfig, images: dict, shown: dict | None = None) -> dict:
    """PNG/SVG/GIF/MP4 from the command line: Qt is imported only here, offscreen. ``shown``
    maps the (temporary) paths written to the names the user gave, for messages."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from export.files import ExportError
    from gui.headless import render_headless

    try:
        written = render_headless(config, **images)
    except ExportError as exc:
        message = str(exc)
        for tmp, name in (shown or {}).items():
            message = message.replace(tmp, name)
        raise UsageError(message) from None
    return written

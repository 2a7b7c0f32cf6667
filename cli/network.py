"""``main.py race --problem SPEC [--data DIR]`` (and network sessions and presets): the racers train a
network (``problems``); the CSVs hold per-step losses, test accuracy and per-layer learning-rate bands;
--png/--svg/--gif/--mp4 draw the window's network panels offscreen."""

from __future__ import annotations

import os
import sys
from itertools import cycle

from arena import PALETTE, Race, RaceConfig, RacerConfig, SessionError, save_session
from engine import parse_racer_spec, race_labels
from engine.options import check_options_for
from problems import parse_problem_spec, refuse_hessian
from problems.csvio import network_standings, write_network_csv, write_network_summary_csv

from .errors import UsageError

IMAGE_FLAGS = ("png", "svg", "gif", "mp4")


def network_config_from_args(args, surface_race) -> RaceConfig:
    """The race of ``--problem`` and its flags, or of a network session/preset given ``--data DIR``.

    ``surface_race`` is ``cli.race`` (passed in, not imported: its checks of --steps, --tol and
    --seed, and its reading of --session/--preset, are the same for network races)."""
    check_steps, check_tol, check_seed = surface_race.check_steps, surface_race.check_tol, surface_race.check_seed
    if args.data and os.path.isfile(args.data):
        raise UsageError(
            f"--data {args.data!r} is a file: a CSV file goes with --surface linear_regression or "
            "logistic_regression; a network problem takes the folder of its IDX files"
        )
    if args.problem:
        if args.session or getattr(args, "preset", None):
            raise UsageError("--problem starts a new network race: leave out --session and --preset")
        steps = check_steps(100 if args.steps is None else args.steps)
        check_tol(args.tol)
        return network_config_from_flags(args, steps, check_seed)
    if not (args.session or getattr(args, "preset", None)):
        raise UsageError("--data DIR goes with --problem mlp:mnist,... (the folder of the IDX files)")
    data, args.data = args.data, None
    try:
        config = surface_race.config_from_args(args)
    finally:
        args.data = data
    if not config.is_network:
        raise UsageError("--data DIR gives a network problem's data files; this race is on a surface")
    config.data_dir = data
    try:
        config.validate()
    except SessionError as exc:
        raise UsageError(f"--data {data!r}: {exc}") from None
    return config


def network_config_from_flags(args, steps: int, check_seed) -> RaceConfig:
    """A network race from --problem/--data/--optimizer (``surface`` and ``start`` do not apply)."""
    if args.surface or args.start:
        raise UsageError("--problem trains a network: leave out --surface and --start")
    if not args.optimizer:
        raise UsageError("at least one --optimizer is required (or give --session FILE)")
    config = RaceConfig(steps=steps, tol=args.tol, seed=check_seed(args.seed if args.seed is not None else 0))
    try:
        spec = parse_problem_spec(args.problem)
        config.problem, config.data_dir = spec.text, args.data
        problem = config.build_problem()
    except ValueError as exc:
        raise UsageError(f"--problem {args.problem!r}: {exc}") from None
    for spec_text, label, color in zip(args.optimizer, race_labels(args.optimizer), cycle(PALETTE)):
        try:
            opt, hp, options = parse_racer_spec(spec_text)
            check_options_for(options, problem)
            refuse_hessian(opt, problem.n_params)
        except ValueError as exc:
            raise UsageError(f"--optimizer {spec_text!r}: {exc}") from None
        changed = {k: v for k, v in hp.items() if v != opt.defaults[k]}
        config.racers.append(RacerConfig(opt.name, changed, label, color, options=options.as_dict()))
    return config


def run_network_race(args, config: RaceConfig, render_images=None) -> int:
    """``race --problem ...`` (or a network session/preset): train, then the CSVs, images and a leaderboard.

    ``render_images(config, {kind: path})`` is ``cli.race``'s (passed in, not imported: the same offscreen
    rendering as for surface races, which draws the window's network panels for a network race)."""
    outputs = {"--csv": args.csv, "--summary-csv": args.summary_csv, "--save-session": args.save_session}
    images = {k: getattr(args, k) for k in IMAGE_FLAGS if getattr(args, k, None)}
    if getattr(args, "inspect", None) is not None:
        raise UsageError("--inspect shows 2-D surfaces; a network racer's state has thousands of numbers")
    if args.save_session:
        try:
            save_session(args.save_session, config)
        except OSError as exc:
            raise UsageError(f"--save-session {args.save_session!r}: cannot write: {exc.strerror or exc}") from None
    race = Race(config)
    race.advance(config.steps)
    records = race.records()
    if args.csv == "-":
        write_network_csv(sys.stdout, records, config.steps)
        return 0
    for flag, path, write in (
        ("--csv", args.csv, lambda p: write_network_csv(p, records, config.steps)),
        ("--summary-csv", args.summary_csv, lambda p: write_network_summary_csv(p, records, config.steps)),
    ):
        if path:
            try:
                write(path)
            except OSError as exc:
                raise UsageError(f"{flag} {path!r}: cannot write: {exc.strerror or exc}") from None
    pictures = {}
    if images and render_images is not None:  # the window's network panels, offscreen (gui/network_mode.py)
        pictures = render_images(config, images)
    if not args.quiet:
        problem = race.problem
        print(
            f"{problem.title}: {problem.n_params:,} parameters, {problem.data.n} training points, {config.steps} steps"
        )
        rows = network_standings(records, config.steps)
        width = max(len("racer"), *(len(r["racer"]) for r in rows)) if rows else len("racer")
        print(
            f"{'racer':<{width}}  {'status':<16} {'batch loss':>11} {'last 10':>10} {'test loss':>10} {'test acc':>9}"
        )
        for r in rows:
            status = f"ran {r['steps']} steps" if r["status"] in ("running", "budget used") else r["status"]
            print(
                f"{r['racer']:<{width}}  {status:<16} {r['final_batch_loss']:>11.4g}"
                f" {r['mean_batch_loss_last_10']:>10.4g} {r['test_loss']:>10.4g} {r['test_accuracy']:>9.2%}"
            )
        for path in outputs.values():
            if path:
                print(f"wrote {path}")
        for path, what in pictures.items():
            print(f"wrote {path} ({what})")
    return 0

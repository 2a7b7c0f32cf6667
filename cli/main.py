"""Argument parsing and dispatch for ``python main.py ...``."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence

from .errors import Parser, UsageError, decimal_number, degrade_output, fail, whole_number

_NEGATIVE_VALUE = re.compile(r"^-[\d.]")
_VALUE_OPTIONS = {"--start", "--surface", "--optimizer", "--steps", "--tol", "--view", "--x", "--y"}  # "-1.5,2"


def _join_negative_values(argv: Sequence[str]) -> list[str]:
    """``--start -1.5,2`` as people type it: argparse would read ``-1.5,2`` as
    an option, so glue it to its flag (``--start=-1.5,2``)."""
    out: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in _VALUE_OPTIONS and i + 1 < len(argv) and _NEGATIVE_VALUE.match(argv[i + 1]):
            out.append(f"{arg}={argv[i + 1]}")
            i += 2
            continue
        out.append(arg)
        i += 1
    return out


class _VersionAction(argparse.Action):
    """``--version``: prints the version, importing the app only when asked."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        from arena import __version__

        print(f"Gradient Arena {__version__}")
        parser.exit()


def build_parser() -> Parser:
    parser = Parser(prog="main.py", description="Gradient Arena: race gradient-descent optimizers on 2-D surfaces.")
    parser.add_argument("--version", action=_VersionAction, help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="{gui,list,race,basins,sweep,boundary}", parser_class=Parser)
    gui = sub.add_parser("gui", help="open the window (the default)")
    gui.add_argument("--preset", help="open with this preset (see the Presets menu)")
    gui.add_argument("--run-steps", type=whole_number, default=0, metavar="N", help="run N steps after opening")
    gui.add_argument("--screenshot", metavar="FILE", help="save a PNG of the window and exit")
    gui.add_argument(
        "--size",
        metavar="WxH",
        help="window size in pixels, e.g. 1024x768 (default: fitted to the screen; 1480x920 for --screenshot)",
    )
    gui.add_argument("--session", metavar="FILE", help="open a saved session")
    gui.add_argument(
        "--inspect",
        type=int,
        metavar="STEP",
        help="open the Inspector at STEP (0: the start point's curvature), after --run-steps",
    )
    gui.add_argument("--inspect-racer", metavar="NAME", help="the racer the Inspector looks at (default: the first)")
    gui.add_argument("--view3d", action="store_true", help="open the 3-D view (needs OpenGL: a desktop or xvfb-run)")
    gui.add_argument("--gradient-field", action="store_true", help="draw the gradient field over the map")
    gui.add_argument(
        "--lang",
        metavar="CODE",
        help="the window's language: en or zh_CN (default: View > Language's choice, else the system's)",
    )
    listing = sub.add_parser("list", help="list surfaces and optimizers with every parameter")
    listing.add_argument(
        "--lang",
        metavar="CODE",
        default="en",
        help="language of the names, descriptions and help (en, the default, or zh_CN); the rest stays English",
    )
    race = sub.add_parser(
        "race",
        help="run a race headless and write a CSV",
        description="Run optimizers from one start on one surface.",
        epilog=(
            "Limits (sessions too): at most 1000000 steps and 100 racers, and racers x (steps + 1) x 144 B "
            "of records within 2 GiB (14 racers of 10^6 steps). Every output path is checked before the race "
            "runs, and all outputs are put in place only after everything succeeded."
        ),
    )
    race.add_argument("--session", metavar="FILE", help="run a saved session (instead of the flags below)")
    race.add_argument("--preset", metavar="NAME", help="run a preset (textbook, rosenbrock, ...; see list)")
    race.add_argument(
        "--surface", metavar="NAME[:param=value,...]", help='a surface of `list`, or your own: "formula:x**2/20 + y**2"'
    )
    race.add_argument("--start", metavar="X,Y", help="start point (default: the surface's)")
    race.add_argument(
        "--problem",
        metavar="SPEC",
        help="train a network instead: mlp:DATA,layers=100x100,activation=relu,... (see list)",
    )
    race.add_argument(
        "--data",
        metavar="FILE|DIR",
        help="a CSV of x,y (--surface linear_regression) or x1,x2,label (logistic_regression) to fit; "
        "or the folder of the MNIST/Fashion-MNIST IDX files (--problem mlp:mnist)",
    )
    race.add_argument(
        "--optimizer", action="append", metavar="SPEC", help="name or name:key=value,...  (repeat for more racers)"
    )
    race.add_argument("--steps", type=whole_number, metavar="N", help="step budget (default 100, or the session's)")
    race.add_argument("--tol", type=decimal_number, metavar="T", help="stop a racer once |grad| <= T")
    race.add_argument(
        "--seed", type=whole_number, metavar="S", help="seed of mini-batches and gradient noise (default 0)"
    )
    race.add_argument("--csv", metavar="PATH", help="write every step of every racer ('-' for stdout)")
    race.add_argument("--summary-csv", metavar="PATH", help="write the leaderboard: one row per racer")
    race.add_argument("--save-session", metavar="PATH", help="save the race as a session file (.json)")
    race.add_argument("--png", metavar="PATH", help="image of the window after the race (offscreen)")
    race.add_argument("--svg", metavar="PATH", help="vector image of the window after the race")
    race.add_argument("--gif", metavar="PATH", help="animation of the race")
    race.add_argument("--mp4", metavar="PATH", help="animation of the race as video")
    race.add_argument(
        "--inspect",
        type=whole_number,
        metavar="STEP",
        help="print each racer's optimizer state before and after STEP and its update rule with the numbers",
    )
    race.add_argument(
        "--tune",
        type=int,
        nargs="?",
        const=64,
        metavar="TRIALS",
        help="a fair race: tune every racer first (random search over its hyperparameters, TRIALS runs of the "
        "race's budget each, default 64; best final loss gap, or steps to --tol) and race the winners",
    )
    race.add_argument(
        "--torch-script",
        metavar="PATH",
        help="write a torch.optim script reproducing the racer (with several racers: PATH-1.py, PATH-2.py, ...)",
    )
    race.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    from .maps import add_parsers  # basins, sweep, boundary

    add_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    degrade_output(sys.stdout, sys.stderr)  # an ASCII terminal gets x^2 and escapes, never UnicodeEncodeError
    args = build_parser().parse_args(_join_negative_values(argv))
    try:
        if args.command == "list":
            from .listing import print_listing
            from .translations import available_languages, normalize_language, translator

            language = normalize_language(args.lang)
            if language is None:
                raise UsageError(
                    f"unknown language {args.lang!r} for --lang; available: {', '.join(available_languages())}"
                )
            print_listing(sys.stdout, translator(language))
            return 0
        if args.command == "race":
            from .race import run_race

            return run_race(args)
        if args.command in ("basins", "sweep", "boundary"):
            from .maps import run_maps

            return run_maps(args)
        from .gui_command import run_gui

        return run_gui(
            getattr(args, "preset", None),
            getattr(args, "run_steps", 0),
            getattr(args, "screenshot", None),
            getattr(args, "session", None),
            getattr(args, "size", None),
            show={
                "inspect": getattr(args, "inspect", None),
                "inspect_racer": getattr(args, "inspect_racer", None),
                "view3d": getattr(args, "view3d", False),
                "gradient_field": getattr(args, "gradient_field", False),
                "lang": getattr(args, "lang", None),
            },
        )
    except UsageError as exc:
        return fail(str(exc))
    except BrokenPipeError:
        return 0

"""Plain, validated descriptions of a race and its racers."""

from __future__ import annotations

import copy
import math
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from engine import OPTIMIZERS, HyperparameterError, resolve_hyperparams
from engine.options import RunOptions, check_options_for, resolve_options
from export.files import one_line as escape_line
from problems import get_problem, refuse_hessian
from surfaces import SURFACES, get_surface
from surfaces.formula import is_formula_spec

MAX_STEPS = 1_000_000
#: At most this many racers in one race (a session, the window, the command line).
MAX_RACERS = 100
#: What one recorded step of one racer holds in memory (positions, gradients, losses, learning
#: rates, updates: 138 B measured over a 10^6-step race, see benchmarks/soak.py), rounded up.
BYTES_PER_RACER_STEP = 144
#: A race whose records could exceed this (racers x (steps + 1) x BYTES_PER_RACER_STEP) is refused:
#: 2 GiB is 14 racers of 10^6 steps, or 100 racers of 149,000 steps.
MAX_RECORD_BYTES = 2 << 30
_COLOR = re.compile(r"\A#[0-9a-fA-F]{6}\Z")


class SessionError(ValueError):
    """A race description was refused: every problem found, each with where it is.

    ``problems`` is a list of ``(where, reason)`` pairs, ``where`` naming the place in
    the user's words (``racer 3 ("Adam").lr``, ``surface.params``, ``steps``);
    ``where`` and ``reason`` are the first problem's. ``str(err)`` lists them all,
    separated by ``"; "``; :attr:`lines` gives one line per problem.
    """

    def __init__(self, where: str, reason: str, problems: list[tuple[str, str]] | None = None):
        self.problems = list(problems) if problems else [(where, reason)]
        self.where, self.reason = self.problems[0]
        super().__init__("; ".join(self.lines))

    @property
    def lines(self) -> list[str]:
        # one line each whatever the file held: control characters and lone surrogates escaped
        return [
            f"{escape_line(where)}: {escape_line(reason)}" if where else escape_line(reason)
            for where, reason in self.problems
        ]


def one_line(text: str, limit: int = 60) -> str:
    """``text`` for a one-line message: control characters and lone surrogates
    backslash-escaped, at most ``limit`` characters."""
    shown = escape_line(text)
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."


def racer_label(index: int, name: object) -> str:
    """How a session error names a racer: 1-based, with its name (``racer 3 ("Adam")``)."""
    if isinstance(name, str) and name.strip():
        return f'racer {index + 1} ("{one_line(name.strip(), 40)}")'
    return f"racer {index + 1}"


def record_bytes(racers: int, steps: int) -> int:
    """The most memory a race's records may take: racers x (steps + 1) x BYTES_PER_RACER_STEP."""
    return int(racers) * (int(steps) + 1) * BYTES_PER_RACER_STEP


def check_size(racers: int, steps: object) -> list[tuple[str, str]]:
    """The documented limits on a race's size: MAX_RACERS, and MAX_RECORD_BYTES for racers x steps."""
    problems = []
    if racers > MAX_RACERS:
        problems.append(("racers", f"{racers} racers; at most {MAX_RACERS} race at once"))
    elif isinstance(steps, int) and not isinstance(steps, bool) and 0 <= steps <= MAX_STEPS:
        need = record_bytes(racers, steps)
        if need > MAX_RECORD_BYTES:
            problems.append(
                (
                    "steps",
                    f"{racers} racers x {steps} steps would record about {need / 2**30:.1f} GiB; the limit is "
                    f"{MAX_RECORD_BYTES / 2**30:.0f} GiB ({BYTES_PER_RACER_STEP} B per racer per step): "
                    "use fewer steps or racers",
                )
            )
    return problems


@dataclass
class RacerConfig:
    """One racer: an optimizer with its hyperparameters, a name, a colour."""

    optimizer: str
    hyperparams: dict[str, Any] = field(default_factory=dict)  # only the ones that differ from defaults
    name: str = ""
    color: str = "#0072B2"
    visible: bool = True
    options: dict[str, Any] = field(default_factory=dict)  # batch_size, noise, schedule (+ its keys)
    #: which random stream (mini-batches, noise) the racer draws from; None: its position in the race.
    #: Pinned when a racer before it is removed, so the others keep their noise after a reset or in a session.
    stream: int | None = None

    def __post_init__(self):
        if not self.name:
            self.name = OPTIMIZERS[self.optimizer].title if self.optimizer in OPTIMIZERS else self.optimizer

    def resolved(self) -> dict[str, Any]:
        """Every hyperparameter, defaults filled in (validated)."""
        return resolve_hyperparams(self.optimizer, self.hyperparams)

    def run_options(self) -> RunOptions:
        """The validated racer options (mini-batches, noise, schedule)."""
        return resolve_options(self.options)

    def copy(self) -> RacerConfig:
        return copy.deepcopy(self)


BUILT_KEPT = 8  # surfaces built lately, kept for the next build of the same one
_BUILT: OrderedDict[tuple, tuple[Any, Any]] = OrderedDict()


def _params_key(params: Any) -> Any:
    try:
        return tuple(sorted((str(k), repr(v)) for k, v in dict(params).items()))
    except (TypeError, ValueError):  # not a mapping: validate() says what is wrong; no memo
        return object()


@dataclass
class RaceConfig:
    """Everything that determines a race's numbers (and how it is shown)."""

    surface: str = "elongated_bowl"  # a registry name, or a whole formula spec ("formula:x**2 + y**2; x=-3..3")
    surface_params: dict[str, float] = field(default_factory=dict)
    start: tuple[float, float] = (-7.0, 2.0)
    steps: int = 100
    tol: float | None = None
    seed: int = 0
    racers: list[RacerConfig] = field(default_factory=list)
    #: a network problem spec (``mlp:digits,layers=100x100``; see ``problems``): when set, the racers train
    #: that network instead of descending the surface (``surface`` and ``start`` are then unused)
    problem: str | None = None
    #: the folder of a problem's IDX files (MNIST, Fashion-MNIST), when it needs one
    data_dir: str | None = None
    #: a session's title and notes (presets have them); kept when the race is saved again
    name: str = ""
    description: str = ""
    #: loaded data (``surfaces.datafile.DataSet``) replacing a data-fit surface's generated data: the surface
    #: is then fitted to it (``surface_params`` unused); saved in the session, so the race replays without the file
    data: Any = None
    #: the Maps dock's settings (``arena.maps.MapSettings``), saved in the session; None: the defaults
    maps: Any = None

    def copy(self) -> RaceConfig:
        return copy.deepcopy(self)

    def streams(self) -> list[int]:
        """Each racer's random stream: its pinned one, else its position (or the next free number
        when that is taken; a second racer pinned to a taken stream gets a free one too)."""
        taken: set[int] = set()
        out: list[int | None] = []
        for racer in self.racers:
            s = racer.stream
            if s is not None and s not in taken:
                taken.add(s)
                out.append(s)
            else:
                out.append(None)
        free = 0
        for i, s in enumerate(out):
            if s is None:
                if i not in taken:
                    s = i
                else:
                    while free in taken:
                        free += 1
                    s = free
                taken.add(s)
                out[i] = s
        return [int(s) for s in out if s is not None]

    def remove_racer(self, index: int) -> RacerConfig:
        """Remove racer ``index``; the others keep their random streams (pinned first)."""
        for racer, stream in zip(self.racers, self.streams()):
            racer.stream = stream
        return self.racers.pop(index)

    def build_surface(self):
        """The race's surface (a frozen object: the same one is handed out for the same name, parameters
        and data, so a switch builds a data-fit surface, which generates its data and fits it, once, not
        once for the check, once for the race and once more for its start)."""
        key = (self.surface, _params_key(self.surface_params), id(self.data))
        hit = _BUILT.get(key)
        if hit is not None and hit[0] is self.data:
            _BUILT.move_to_end(key)
            return hit[1]
        surface = self._build_surface()
        _BUILT[key] = (self.data, surface)  # the data kept with it: its id is not reused meanwhile
        while len(_BUILT) > BUILT_KEPT:
            _BUILT.popitem(last=False)
        return surface

    def _build_surface(self):
        if self.data is not None:
            from surfaces.datafile import data_surface

            if self.surface != self.data.surface:
                raise ValueError(
                    f"the loaded {self.data.kind} data go with surface {self.data.surface}, not {self.surface}"
                )
            return data_surface(self.data)
        return get_surface(self.surface, **self.surface_params)

    @property
    def is_network(self) -> bool:
        return self.problem is not None

    def build_problem(self):
        """The network problem (built once per spec and folder; ValueError when it cannot be)."""
        if self.problem is None:
            raise ValueError("this race is on a surface, not a network problem")
        return get_problem(self.problem, self.data_dir)

    def _network_problems(self) -> tuple[Any, list[tuple[str, str]]]:
        """(the network problem or None, what is wrong with it and with its racers' optimizers)."""
        if not isinstance(self.problem, str) or (self.data_dir is not None and not isinstance(self.data_dir, str)):
            return None, [("problem", "must be a spec like 'mlp:digits,layers=100x100' (data_dir: a folder)")]
        try:
            network = self.build_problem()
        except ValueError as exc:
            return None, [("problem", str(exc))]
        found = []
        for i, racer in enumerate(self.racers):
            if racer.optimizer in OPTIMIZERS:
                try:
                    refuse_hessian(OPTIMIZERS[racer.optimizer], network.n_params)
                except HyperparameterError as exc:
                    found.append((f"{racer_label(i, racer.name)}.optimizer", str(exc)))
        return network, found

    def check_limits(self) -> RaceConfig:
        """Refuse (SessionError) a race beyond the documented limits: more than MAX_RACERS racers,
        or racers x (steps + 1) x BYTES_PER_RACER_STEP over MAX_RECORD_BYTES. Sessions, presets
        and the command line are held to them (a saved session always loads again); a Race
        built in code or in the window is not."""
        problems = check_size(len(self.racers), self.steps)
        if problems:
            raise SessionError("", "", problems)
        return self

    def validate(self) -> RaceConfig:
        """Check every field; raise :class:`SessionError` listing every bad one."""
        problems: list[tuple[str, str]] = []
        surface = None
        if not isinstance(self.surface, str) or not (self.surface in SURFACES or is_formula_spec(self.surface)):
            problems.append(
                (
                    "surface.name",
                    f"unknown surface {_shown(self.surface)}; valid: {', '.join(SURFACES)} or formula:EXPR",
                )
            )
        else:
            try:
                surface = self.build_surface()
            except ValueError as exc:
                where = "surface.formula" if is_formula_spec(self.surface) else "surface.params"
                problems.append(("surface.data" if self.data is not None else where, str(exc)))
        if (
            not isinstance(self.start, (tuple, list))
            or len(self.start) != 2
            or not all(isinstance(v, (int, float)) and not isinstance(v, bool) and _finite(v) for v in self.start)
        ):
            problems.append(("start", f"must be two finite numbers [x, y], got {_shown(self.start)}"))
        if isinstance(self.steps, bool) or not isinstance(self.steps, int) or not 0 <= self.steps <= MAX_STEPS:
            problems.append(("steps", f"must be a whole number in [0, {MAX_STEPS}], got {_shown(self.steps)}"))
        if self.tol is not None and (
            isinstance(self.tol, bool)
            or not isinstance(self.tol, (int, float))
            or not _finite(self.tol)
            or self.tol < 0
        ):
            problems.append(("tol", f"must be null or a number >= 0, got {_shown(self.tol)}"))
        if self.problem is not None:  # a network race: its racers' options are checked against its data set
            surface, found = self._network_problems()
            problems.extend(found)
        if isinstance(self.seed, bool) or not isinstance(self.seed, int) or not 0 <= self.seed < 2**63:
            problems.append(("seed", f"must be a whole number >= 0, got {_shown(self.seed)}"))
        for key in ("name", "description"):
            value = getattr(self, key, "")
            if not isinstance(value, str):
                problems.append((key, f"must be text, got {_shown(value)}"))
            elif _bad_text(value, newlines=key == "description"):
                problems.append((key, "must not contain control characters or lone surrogates"))
        if not isinstance(self.racers, list):
            problems.append(("racers", "must be a list"))
        else:
            for i, racer in enumerate(self.racers):
                problems.extend(_racer_problems(racer, racer_label(i, racer.name), surface))
        if problems:
            raise SessionError("", "", problems)
        return self


def _finite(value: float) -> bool:
    try:
        return math.isfinite(value)
    except OverflowError:  # an int too large for a float
        return False


def _shown(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            text = repr(value)
        except ValueError:  # beyond Python's int-to-str digit limit
            return "an integer of more than 4300 digits"
        return text if len(text) <= 30 else f"an integer of {len(text.lstrip('-'))} digits"
    try:
        text = repr(value)
    except (ValueError, RecursionError):
        return f"a {type(value).__name__}"
    return one_line(text)


def _bad_text(text: str, newlines: bool = False) -> bool:
    """Whether ``text`` holds a control character (newlines and tabs allowed when ``newlines``) or a lone surrogate."""
    for ch in text:
        code = ord(ch)
        if newlines and ch in "\n\t":
            continue
        if code < 32 or code == 127 or 0xD800 <= code <= 0xDFFF:
            return True
    return False


def _racer_problems(racer: RacerConfig, where: str, surface) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    if racer.optimizer not in OPTIMIZERS:
        valid = ", ".join(OPTIMIZERS)
        problems.append((f"{where}.optimizer", f"unknown optimizer {racer.optimizer!r}; valid: {valid}"))
    else:
        try:
            racer.resolved()
        except HyperparameterError as exc:
            problems.append((f"{where}.{exc.key}" if exc.key else where, exc.reason))
    if racer.stream is not None and (
        isinstance(racer.stream, bool) or not isinstance(racer.stream, int) or not 0 <= racer.stream < 2**31
    ):
        problems.append((f"{where}.stream", f"must be a whole number in [0, 2^31), got {_shown(racer.stream)}"))
    if not isinstance(racer.options, dict):
        problems.append((f"{where}.options", "must be an object"))
    else:
        try:
            options = racer.run_options()
            if surface is not None:
                check_options_for(options, surface)
        except HyperparameterError as exc:
            problems.append((f"{where}.{exc.key}" if exc.key else where, exc.reason))
    if not isinstance(racer.name, str) or not racer.name.strip():
        problems.append((f"{where}.name", "must be a non-empty string"))
    elif _bad_text(racer.name):
        problems.append((f"{where}.name", "must not contain control characters or lone surrogates"))
    if not isinstance(racer.color, str) or not _COLOR.match(racer.color):
        problems.append((f"{where}.color", f"must be a colour like '#0072B2', got {_shown(racer.color)}"))
    if not isinstance(racer.visible, bool):
        problems.append((f"{where}.visible", f"must be true or false, got {_shown(racer.visible)}"))
    return problems

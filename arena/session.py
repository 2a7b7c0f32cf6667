"""Session files: a race saved as human-readable JSON that replays exactly.

Format (``format`` 1)::

    {"format": 1, "app": "gradient-arena",
     "surface": {"name": "rosenbrock", "params": {}},
     "start": [-1.5, 2.0], "steps": 500, "tol": null, "seed": 0,
     "racers": [{"name": "Adam", "optimizer": "adam", "hyperparams": {"lr": 0.01},
                 "options": {"batch_size": 10, "schedule": "step", "step_size": 20},
                 "color": "#0072B2", "visible": true}, ...]}

``options`` (racer options: ``batch_size``, ``noise``, ``schedule`` and its
keys, see ``engine.options``) is left out when there are none.

Floats are written with Python's shortest round-trip repr, so a loaded session
has bit-for-bit the same numbers. Anything damaged, truncated, from a newer
version or with bad values is refused with a :class:`SessionError` that says
what is wrong and where, every problem at once (``racer 3 ("Adam").lr: must be > 0``).
"""

from __future__ import annotations

import json
import os
from typing import Any

from export.files import atomic_write_text

from .config import RaceConfig, RacerConfig, SessionError, racer_label

FORMAT = 1
_TOP_KEYS = {"format", "app", "surface", "start", "steps", "tol", "seed", "racers", "name", "description"}
_RACER_KEYS = {"name", "optimizer", "hyperparams", "options", "color", "visible", "stream"}
_TOP_KEYS = _TOP_KEYS | {"problem", "data_dir"}  # a network race (``problems``) replaces surface and start


def session_dict(config: RaceConfig, **extra: Any) -> dict:
    if config.is_network:  # a network race: the problem replaces the surface and the start
        where: dict[str, Any] = {"problem": config.problem}
        if config.data_dir is not None:
            where["data_dir"] = config.data_dir
    else:
        where = {
            "surface": {"name": config.surface, "params": dict(config.surface_params)},
            "start": [float(config.start[0]), float(config.start[1])],
        }
    return {
        "format": FORMAT,
        "app": "gradient-arena",
        **extra,
        **where,
        "steps": config.steps,
        "tol": config.tol,
        "seed": config.seed,
        "racers": [
            {
                "name": r.name,
                "optimizer": r.optimizer,
                "hyperparams": dict(r.hyperparams),
                **({"options": dict(r.options)} if r.options else {}),
                "color": r.color,
                "visible": r.visible,
                **({"stream": r.stream} if r.stream is not None else {}),
            }
            for r in config.racers
        ],
    }


def dump_session(config: RaceConfig, **extra: Any) -> str:
    return json.dumps(session_dict(config, **extra), indent=2) + "\n"


def save_session(path: str | os.PathLike, config: RaceConfig, **extra: Any) -> None:
    config.validate()
    atomic_write_text(os.fspath(path), dump_session(config, **extra))


def _expect(cond: bool, where: str, reason: str) -> None:
    if not cond:
        raise SessionError(where, reason)


def parse_session(data: Any) -> RaceConfig:
    """Build and validate a :class:`RaceConfig` from parsed JSON."""
    _expect(isinstance(data, dict), "", "a session must be a JSON object")
    _expect("format" in data, "format", "missing (is this a Gradient Arena session file?)")
    fmt = data["format"]
    _expect(isinstance(fmt, int) and not isinstance(fmt, bool), "format", f"must be a whole number, got {fmt!r}")
    _expect(fmt <= FORMAT, "format", f"version {fmt} is newer than this app reads ({FORMAT}); update Gradient Arena")
    _expect(fmt >= 1, "format", f"unknown version {fmt}")
    unknown = set(data) - _TOP_KEYS
    _expect(not unknown, sorted(unknown)[0] if unknown else "", "unknown key")
    network = "problem" in data
    for key in ("steps", "racers") if network else ("surface", "start", "steps", "racers"):
        _expect(key in data, key, "missing")
    if network:
        _expect(isinstance(data["problem"], str), "problem", "must be a spec like 'mlp:digits,layers=100x100'")
        _expect(isinstance(data.get("data_dir", ""), str), "data_dir", "must be the folder of the IDX files (a string)")
        defaults = RaceConfig()
        data = {
            "surface": {"name": defaults.surface, "params": {}},
            "start": list(defaults.start),
            **data,
        }
    surface = data["surface"]
    _expect(
        isinstance(surface, dict) and isinstance(surface.get("name"), str),
        "surface",
        'must be an object like {"name": "rosenbrock", "params": {}}',
    )
    params = surface.get("params", {})
    _expect(isinstance(params, dict), "surface.params", "must be an object")
    start = data["start"]
    _expect(isinstance(start, list) and len(start) == 2, "start", f"must be [x, y], got {start!r}")
    racers_data = data["racers"]
    _expect(isinstance(racers_data, list), "racers", "must be a list")
    problems: list[tuple[str, str]] = []
    racers = []
    for i, r in enumerate(racers_data):
        where = racer_label(i, r.get("name") if isinstance(r, dict) else None)
        if not isinstance(r, dict):
            problems.append((where, "must be an object"))
            continue
        found = [(f"{where}.{key}", "unknown key") for key in sorted(set(r) - _RACER_KEYS)]
        if not isinstance(r.get("optimizer"), str):
            found.append((f"{where}.optimizer", "missing or not a string"))
        hp = r.get("hyperparams", {})
        if not isinstance(hp, dict):
            found.append((f"{where}.hyperparams", "must be an object"))
        options = r.get("options", {})
        if not isinstance(options, dict):
            found.append((f"{where}.options", "must be an object"))
        if found:
            problems.extend(found)
            continue
        racers.append(
            (
                i,
                RacerConfig(
                    optimizer=r["optimizer"],
                    hyperparams=dict(hp),
                    name=r.get("name", ""),
                    color=r.get("color", "#0072B2"),
                    visible=r.get("visible", True),
                    options=dict(options),
                    stream=r.get("stream"),
                ),
            )
        )
    config = RaceConfig(
        surface=surface["name"],
        surface_params=dict(params),
        start=tuple(start),
        steps=data["steps"],
        tol=data.get("tol"),
        seed=data.get("seed", 0),
        racers=[racer for _, racer in racers],
        problem=data.get("problem"),
        data_dir=data.get("data_dir"),
    )
    try:
        config.validate()
    except SessionError as exc:
        # racer labels count the file's racers, including any skipped above for their structure
        index = {f"racer {k + 1}": f"racer {i + 1}" for k, (i, _) in enumerate(racers)}
        for where, reason in exc.problems:
            head, _, rest = where.partition(" (")
            if head in index and index[head] != head:
                where = index[head] + (" (" + rest if rest else "")
            problems.append((where, reason))
    if problems:
        raise SessionError("", "", sorted(problems, key=_problem_order))
    return config


def _problem_order(problem: tuple[str, str]) -> tuple:
    """Problems in file order: top-level keys first, then racer 1, racer 2, ..."""
    where = problem[0]
    if where.startswith("racer "):
        number = where[6:].split(" ", 1)[0].split(".", 1)[0]
        return (1, int(number) if number.isdigit() else 0)
    return (0, 0)


def load_session(path: str | os.PathLike) -> RaceConfig:
    """Read a session file; refuse anything unreadable or invalid with a SessionError."""
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except OSError as exc:
        raise SessionError("", f"cannot read {os.fspath(path)!r}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise SessionError("", f"{os.fspath(path)!r} is not a text (JSON) file") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SessionError(
            "",
            f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); the file may be damaged or truncated",
        ) from None
    return parse_session(data)

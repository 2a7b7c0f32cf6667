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
what is wrong and where, every problem at once (``racer 3 ("Adam").lr: must be > 0``):
duplicate keys (``"steps": -5, "steps": 30``), unknown keys, wrong types, numbers too
large for a float (``1e400``, a 4301-digit integer), nesting too deep to read, lone
surrogates in names, more than ``MAX_RACERS`` racers or a race whose records would
exceed ``MAX_RECORD_BYTES`` (``arena.config``), files over ``MAX_SESSION_BYTES``.
``name`` and ``description`` (a preset's title and notes) are kept in the
:class:`RaceConfig` and written again when it is saved.
"""

from __future__ import annotations

import json
import os
from typing import Any

from export.files import atomic_write_text, reason, shown_path
from surfaces.datafile import DataError, data_from_json

from .config import MAX_RACERS, RaceConfig, RacerConfig, SessionError, _shown, check_size, one_line, racer_label
from .maps import map_settings_from_json

FORMAT = 1
APP = "gradient-arena"
MAX_SESSION_BYTES = 16 << 20  # 100 racers take about 30 kB
_TOP_KEYS = {"format", "app", "surface", "start", "steps", "tol", "seed", "racers", "name", "description"}
_SURFACE_KEYS = {"name", "params", "data"}
_RACER_KEYS = {"name", "optimizer", "hyperparams", "options", "color", "visible", "stream"}
_TOP_KEYS = _TOP_KEYS | {"problem", "data_dir"}  # a network race (``problems``) replaces surface and start
_TOP_KEYS = _TOP_KEYS | {"maps"}  # the Maps dock's settings (arena.maps.MapSettings)


def session_dict(config: RaceConfig, **extra: Any) -> dict:
    if config.is_network:  # a network race: the problem replaces the surface and the start
        where: dict[str, Any] = {"problem": config.problem}
        if config.data_dir is not None:
            where["data_dir"] = config.data_dir
    else:
        surface: dict[str, Any] = {"name": config.surface, "params": dict(config.surface_params)}
        if config.data is not None:  # loaded data, embedded: the session replays without the file
            surface = {"name": config.surface, "params": {}, "data": config.data.as_json()}
        where = {"surface": surface, "start": [float(config.start[0]), float(config.start[1])]}
    kept = {key: getattr(config, key, "") for key in ("name", "description")}
    return {
        "format": FORMAT,
        "app": APP,
        **{key: value for key, value in kept.items() if value},
        **extra,
        **where,
        "steps": config.steps,
        "tol": config.tol,
        "seed": config.seed,
        **({"maps": config.maps.as_json()} if config.maps is not None else {}),
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


_ROWS = "\x00rows\x00"  # stands for loaded data's rows while the rest is indented


def dump_session(config: RaceConfig, **extra: Any) -> str:
    data = session_dict(config, **extra)
    rows = data.get("surface", {}).get("data", {}).get("rows")
    if rows is None:
        return json.dumps(data, indent=2) + "\n"
    data["surface"]["data"]["rows"] = _ROWS
    text = json.dumps(data, indent=2)
    inner = ",\n".join("        " + json.dumps(row) for row in rows)  # one data row a line
    return text.replace(json.dumps(_ROWS), "[\n" + inner + "\n      ]", 1) + "\n"


def save_session(path: str | os.PathLike, config: RaceConfig, **extra: Any) -> None:
    config.validate().check_limits()
    atomic_write_text(os.fspath(path), dump_session(config, **extra))


def _expect(cond: bool, where: str, reason: str) -> None:
    if not cond:
        raise SessionError(where, reason)


class _Object(dict):
    """A JSON object as read, remembering keys it held twice."""

    duplicates: list[str]


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    obj = _Object(pairs)
    seen: set[str] = set()
    obj.duplicates = []
    for key, _ in pairs:
        if key in seen and key not in obj.duplicates:
            obj.duplicates.append(key)
        seen.add(key)
    return obj


def _int(text: str) -> int | float:
    """A JSON integer; one beyond Python's 4300-digit limit becomes +-inf (refused as not finite)."""
    return int(text) if len(text) <= 4300 else float(text)


def decode(text: str) -> Any:
    """JSON text to Python, objects remembering duplicate keys; SessionError for anything unreadable."""
    try:
        return json.loads(text, object_pairs_hook=_object, parse_int=_int)
    except json.JSONDecodeError as exc:
        raise SessionError(
            "",
            f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); the file may be damaged or truncated",
        ) from None
    except RecursionError:
        raise SessionError("", "not a session: its JSON is nested too deeply to read") from None
    except (ValueError, OverflowError) as exc:
        raise SessionError("", f"not valid JSON: {exc}") from None


def _duplicate_keys(data: Any, where: str, depth: int = 0) -> list[tuple[str, str]]:
    """``(where, "key given twice")`` for every object holding a key twice, anywhere in ``data``."""
    if depth > 64:
        return [(where, "nested too deeply")]
    found: list[tuple[str, str]] = []
    if isinstance(data, dict):
        for key in getattr(data, "duplicates", ()):
            found.append((f"{where}.{key}" if where else key, "given twice (a key may appear once)"))
        for key, value in data.items():
            if where == "" and key == "racers" and isinstance(value, list):
                for i, r in enumerate(value[: MAX_RACERS + 1]):
                    label = racer_label(i, r.get("name") if isinstance(r, dict) else None)
                    found.extend(_duplicate_keys(r, label, depth + 1))
            else:
                found.extend(_duplicate_keys(value, f"{where}.{key}" if where else key, depth + 1))
    elif isinstance(data, list):
        for i, value in enumerate(data[:1000]):
            found.extend(_duplicate_keys(value, f"{where}[{i}]", depth + 1))
    return found


def parse_session(data: Any) -> RaceConfig:
    """Build and validate a :class:`RaceConfig` from parsed JSON."""
    try:
        return _parse_session(data)
    except RecursionError:
        raise SessionError("", "not a session: nested too deeply") from None


def _parse_session(data: Any) -> RaceConfig:
    _expect(isinstance(data, dict), "", "a session must be a JSON object")
    duplicates = _duplicate_keys(data, "")
    if duplicates:
        raise SessionError("", "", duplicates)
    _expect("format" in data, "format", "missing (is this a Gradient Arena session file?)")
    fmt = data["format"]
    _expect(isinstance(fmt, int) and not isinstance(fmt, bool), "format", f"must be a whole number, got {_shown(fmt)}")
    _expect(fmt <= FORMAT, "format", f"version {fmt} is newer than this app reads ({FORMAT}); update Gradient Arena")
    _expect(fmt >= 1, "format", f"unknown version {fmt}")
    unknown = sorted(set(data) - _TOP_KEYS)
    _expect(not unknown, one_line(unknown[0]) if unknown else "", "unknown key")
    _expect(
        data.get("app", APP) == APP,
        "app",
        f"must be {APP!r} (a file of another program?), got {_shown(data.get('app'))}",
    )
    for key in ("name", "description"):
        _expect(isinstance(data.get(key, ""), str), key, f"must be text, got {_shown(data.get(key))}")
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
    unknown = sorted(set(surface) - _SURFACE_KEYS)
    _expect(
        not unknown, f"surface.{one_line(unknown[0])}" if unknown else "", "unknown key (valid: name, params, data)"
    )
    params = surface.get("params", {})
    _expect(isinstance(params, dict), "surface.params", "must be an object")
    data_set = None
    if "data" in surface:
        _expect(not params, "surface.params", "must be empty when the surface has its own data")
        try:
            data_set = data_from_json(surface["data"], surface["name"])
        except DataError as exc:
            raise SessionError(exc.where, exc.reason) from None
    map_settings, map_problems = map_settings_from_json(data["maps"]) if "maps" in data else (None, [])
    start = data["start"]
    _expect(isinstance(start, list) and len(start) == 2, "start", f"must be [x, y], got {_shown(start)}")
    racers_data = data["racers"]
    _expect(isinstance(racers_data, list), "racers", "must be a list")
    _expect(len(racers_data) <= MAX_RACERS, "racers", f"{len(racers_data)} racers; at most {MAX_RACERS} race at once")
    problems: list[tuple[str, str]] = list(map_problems)
    racers = []
    for i, r in enumerate(racers_data):
        where = racer_label(i, r.get("name") if isinstance(r, dict) else None)
        if not isinstance(r, dict):
            problems.append((where, "must be an object"))
            continue
        found = [(f"{where}.{one_line(key)}", "unknown key") for key in sorted(set(r) - _RACER_KEYS)]
        if "name" in r and not isinstance(r["name"], str):
            found.append((f"{where}.name", f"must be text, got {_shown(r['name'])}"))
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
        name=data.get("name", ""),
        description=data.get("description", ""),
        data=data_set,
        maps=map_settings,
    )
    problems.extend((where, why) for where, why in check_size(len(racers_data), config.steps))
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
    shown = shown_path(path)
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_SESSION_BYTES + 1)
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
        why = reason(exc) if isinstance(exc, OSError) else "not a valid file name"
        raise SessionError("", f"cannot read '{shown}': {why}") from None
    if len(raw) > MAX_SESSION_BYTES:
        raise SessionError("", f"'{shown}' is larger than {MAX_SESSION_BYTES >> 20} MB: not a session file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise SessionError("", f"'{shown}' is not a text (JSON) file") from None
    return parse_session(decode(text))

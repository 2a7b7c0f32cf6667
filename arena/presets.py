"""Presets: session files shipped inside the package, in ``arena/data/presets/``."""

from __future__ import annotations

import json
from pathlib import Path

from .config import RaceConfig, SessionError, one_line
from .session import decode, parse_session

PRESETS_DIR = Path(__file__).resolve().parent / "data" / "presets"


def list_presets(network: bool | None = None) -> list[tuple[str, str]]:
    """(name, title) of every preset, in menu order (the files' ``order`` is their name's);
    ``network`` True or False: only the presets that train a network, or only those on surfaces."""
    out = []
    for path in sorted(PRESETS_DIR.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            title, is_network = data.get("name", path.stem), "problem" in data
        except (OSError, ValueError, AttributeError):
            title, is_network = path.stem, False
        if network is None or network == is_network:
            out.append((path.stem, title))
    order = [
        "textbook",
        "rosenbrock",
        "saddle",
        "himmelblau",
        "beale",
        "sgd-vs-batch",
        "schedules",
        "moons",
        "mnist-homework",
    ]
    out.sort(key=lambda item: (order.index(item[0]) if item[0] in order else len(order), item[0]))
    return out


def load_preset(name: str) -> RaceConfig:
    """The preset called ``name`` (a name from :func:`list_presets`, never a path)."""
    names = [n for n, _ in list_presets()]
    if not isinstance(name, str) or name not in names:
        shown = one_line(name) if isinstance(name, str) else repr(name)
        hint = " (a preset name, not a path)" if isinstance(name, str) and ("/" in name or "\\" in name) else ""
        raise SessionError("", f"unknown preset '{shown}'{hint}; valid presets: {', '.join(names)}")
    return parse_session(decode((PRESETS_DIR / f"{name}.json").read_text(encoding="utf-8")))

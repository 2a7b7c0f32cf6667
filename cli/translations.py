"""The registry's texts in another language for ``main.py list --lang``, without Qt.

The translations are the window's own: ``gui/translations/registry_<language>.ts`` (Qt Linguist's XML,
shipped as package data), read here with the standard library. Only the registry's texts are translated
(names, descriptions, help); everything else the CLI prints stays English, for the scripts that parse it.
The ``gui`` package is located, never imported (importing it is the window's business: Qt).
"""

from __future__ import annotations

import importlib.util
import xml.etree.ElementTree as ET
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

__all__ = ["DEFAULT_LANGUAGE", "available_languages", "normalize_language", "translator"]

DEFAULT_LANGUAGE = "en"  # the registry's own texts
Translate = Callable[[str, str], str]


def _translations_dir() -> Path | None:
    spec = importlib.util.find_spec("gui")  # finds the package without running gui/__init__.py
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "translations"


def available_languages() -> list[str]:
    """``en`` and every language a ``registry_<language>.ts`` is shipped for."""
    folder = _translations_dir()
    found = sorted(p.stem.removeprefix("registry_") for p in folder.glob("registry_*.ts")) if folder else []
    return [DEFAULT_LANGUAGE, *found]


def normalize_language(code: str) -> str | None:
    """The available language ``code`` names (``zh_CN``, ``zh-CN``, ``zh-cn``; ``en``, ``C``), or None."""
    wanted = code.strip().replace("-", "_").lower()
    if wanted in ("c", "en_us", "en_gb"):
        wanted = DEFAULT_LANGUAGE
    for language in available_languages():
        if language.lower() == wanted:
            return language
    return None


@lru_cache(maxsize=4)
def _catalog(language: str) -> dict[tuple[str, str], str]:
    folder = _translations_dir()
    table: dict[tuple[str, str], str] = {}
    if folder is None:
        return table
    root = ET.parse(folder / f"registry_{language}.ts").getroot()
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            source = message.findtext("source")
            if source is None or translation is None or translation.get("type") in ("unfinished", "obsolete"):
                continue
            if translation.text:
                table[(name, source)] = translation.text
    return table


def translator(language: str) -> Translate:
    """``translate(context, text)`` in ``language`` (an available one; text without a translation is returned
    as it is)."""
    if language == DEFAULT_LANGUAGE:
        return lambda _context, text: text
    table = _catalog(language)
    return lambda context, text: table.get((context, text), text)

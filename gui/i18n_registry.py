"""The registry's texts in the window's language: its translator and the texts assembled from parts.

Plain registry texts (an optimizer's title and summary, a hyperparameter's help, a surface's description,
a preset's title) are shown with ``tr_in(context, text)``. This module adds what a plain lookup cannot do:

* ``load_registry_translator(language)``: the ``registry_<language>.qm`` shipped in ``gui/translations``
  (install it beside the window's own translator, ``QCoreApplication.installTranslator``);
* ``tr_error(message)``: a validation message (``adam lr=-1: must be > 0``) translated by its pattern
  (``gui.i18n_registry_texts.ERROR_PATTERNS``: the template is translated, then filled in);
* ``tr_state_doc(text)``: a state field's meaning, also when a wrapper prefixes it (``Adam: m: ...``);
* ``tr_equation(line)``: an inspector line, its few words translated and its symbols and numbers kept.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6 import QtCore, QtWidgets

from gui.i18n import retranslate_on_change, tr_in
from gui.i18n_registry_texts import ERROR_PATTERNS, EXPLAIN_TEMPLATES, preset_texts

__all__ = [
    "TRANSLATIONS_DIR",
    "label_optimizer_actions",
    "label_preset_actions",
    "load_registry_translator",
    "tr_equation",
    "tr_error",
    "tr_state_doc",
]

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
_PATTERNS = tuple((re.compile(pattern, re.DOTALL), template) for pattern, template in ERROR_PATTERNS)
_NESTED = ("reason", "range")  # groups that are themselves messages, translated in turn
_CJK_GAP = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef])")  # "必须 在" -> "必须在"


def load_registry_translator(language: str, parent: QtCore.QObject | None = None) -> QtCore.QTranslator | None:
    """A translator holding the registry's texts in ``language`` (``"zh_CN"``), or None if none is shipped."""
    translator = QtCore.QTranslator(parent)
    if translator.load(str(TRANSLATIONS_DIR / f"registry_{language}.qm")):
        return translator
    return None


def tr_error(message: str) -> str:
    """A validation message in the window's language (one no pattern knows is shown as it is)."""
    text = str(message)
    for pattern, template in _PATTERNS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        parts = {name: tr_error(value) if name in _NESTED else value for name, value in match.groupdict().items()}
        return _CJK_GAP.sub("", tr_in("errors", template).format(**parts))
    return text


def tr_state_doc(text: str) -> str:
    """What a state field holds; ``Inner: doc`` (a wrapper's view of its inner optimizer) keeps ``Inner: ``."""
    shown = tr_in("optimizers", text)
    if shown != text:
        return shown
    head, sep, rest = text.partition(": ")
    if sep and " " not in head and ": " in rest:  # "Adam: m: first moment ..."
        return f"{head}: {tr_in('optimizers', rest)}"
    return text


_EXPLAIN_PATTERNS = tuple(
    (
        re.compile(re.escape(template).replace(r"\{n\}", r"(?P<n>\d+)").replace(r"\{sigma\}", r"(?P<sigma>[^)]+)")),
        template,
    )
    for template in sorted(EXPLAIN_TEMPLATES, key=len, reverse=True)  # the longest phrase first
)


def tr_equation(line: str) -> str:
    """An equation of the inspector with its words (``mini-batch``, ``this step``...) translated."""
    for pattern, template in _EXPLAIN_PATTERNS:
        line = pattern.sub(lambda m, t=template: tr_in("optimizers", t).format(**m.groupdict()), line)
    return line


def label_optimizer_actions(menu: QtWidgets.QMenu) -> None:
    """Label a menu's optimizer actions (``action.data()``: the optimizer's key) with their titles and
    descriptions in the window's language, now and after every language switch (the keys stay)."""
    from engine import OPTIMIZERS

    def label() -> None:
        for action in menu.actions():
            opt = OPTIMIZERS.get(action.data())
            if opt is not None:
                action.setText(f"{tr_in('optimizers', opt.title)}  ({action.data()})")
                action.setToolTip(tr_in("optimizers", opt.summary))

    label()
    retranslate_on_change(menu, label)


def label_preset_actions(menu: QtWidgets.QMenu) -> None:
    """Label a menu's preset actions (``action.data()``: the preset's name) with their titles, and their
    descriptions as tooltips (shown), in the window's language, now and after every language switch."""
    texts = preset_texts()

    def label() -> None:
        for action in menu.actions():
            title, description = texts.get(action.data(), ("", ""))
            if title:
                action.setText(tr_in("presets", title))
                action.setToolTip(tr_in("presets", description))

    label()
    menu.setToolTipsVisible(True)  # a preset's description when the pointer rests on it
    retranslate_on_change(menu, label)

"""Translation of the window's texts through Qt's translation system.

Every user-visible string in gui/ is written ``tr("Play")`` (a leaf call that ``pyside6-lupdate`` extracts:
bare ``tr(source, disambiguation, n)`` lands in the catalogue's one unnamed context, so a word is translated
once for the whole window and its terms stay consistent). Texts that come from the registries (optimizer and
surface descriptions, hyperparameter help, preset titles) are looked up with ``tr_in(context, text)``; their
sources are listed for lupdate with ``QT_TRANSLATE_NOOP(context, text)``.

A widget that shows translated text sets it in one method and asks for it to be called again when the
language changes: ``retranslate_on_change(widget, widget.retranslate)`` (Qt sends every widget a
``QEvent.LanguageChange`` when a translator is installed or removed).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from PySide6 import QtCore

log = logging.getLogger("gradient_arena")


def tr(source: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``source`` in the window's language (``%n`` in it is replaced by ``n`` in the plural form for n)."""
    return QtCore.QCoreApplication.translate("", source, disambiguation, n)


def tr_in(context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
    """A registry text (``context``: "optimizers", "surfaces", "hyperparameters", "presets", ...) translated."""
    return QtCore.QCoreApplication.translate(context, source, disambiguation, n)


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks ``source`` for extraction in ``context`` and returns it unchanged (translate it with tr_in)."""
    return source


class _LanguageWatch(QtCore.QObject):
    def __init__(self, target: QtCore.QObject, callback: Callable[[], None]):
        super().__init__(target)
        self._callback = callback

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self._callback()
        return False


def retranslate_on_change(widget: QtCore.QObject, callback: Callable[[], None]) -> None:
    """Call ``callback`` (which sets ``widget``'s texts with tr) whenever the window's language changes."""
    widget.installEventFilter(_LanguageWatch(widget, callback))


def QT_TR_NOOP(source: str, disambiguation: str | None = None):  # noqa: N802 - the name lupdate looks for
    """Marks ``source`` for extraction in the unnamed context (a table of texts); show it with ``tr_text``.

    Returns ``source``, or ``(source, disambiguation)`` when one English word needs two translations.
    """
    return source if disambiguation is None else (source, disambiguation)


def tr_text(text: str | tuple[str, str]) -> str:
    """A text marked with QT_TR_NOOP (with or without its disambiguation), translated."""
    return tr(*text) if isinstance(text, tuple) else tr(text)


# ---------------------------------------------------------------------------------------------- languages
ENGLISH = "en"
LANGUAGES = (("en", "English"), ("zh_CN", "简体中文"))  # (code, the language's name in itself)
LANGUAGE_KEY = "language"  # the QSettings key the View > Language choice is remembered under
CATALOGUES = ("gradient_arena", "registry")  # gui/translations/<catalogue>_<code>.qm, each optional
TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"

_installed: list[QtCore.QTranslator] = []
_current = ENGLISH


def language_codes() -> list[str]:
    return [code for code, _ in LANGUAGES]


def normalize_language(code: str | None) -> str | None:
    """A language code as the window knows it ("en", "zh_CN"), or None for one it has no translation for.

    Any Chinese (zh, zh_CN, zh-Hans, zh_TW...) is shown in Simplified Chinese, any English (en_GB...) in English.
    """
    if not code:
        return None
    text = code.strip().replace("-", "_")
    low = text.lower()
    if low in ("c", "posix") or low.startswith("en"):
        return ENGLISH
    if low.startswith("zh"):
        return "zh_CN"
    return None


def system_language(locale: QtCore.QLocale | None = None) -> str:
    """The system locale's language (or ``locale``'s) if the window has it (zh* -> zh_CN), else English."""
    locale = QtCore.QLocale.system() if locale is None else locale
    for name in [*locale.uiLanguages(), locale.name()]:
        code = normalize_language(name)
        if code is not None:
            return code
    return ENGLISH


def saved_language(settings: QtCore.QSettings | None) -> str | None:
    """The language chosen in View > Language and remembered in ``settings``, if any."""
    if settings is None:
        return None
    value = settings.value(LANGUAGE_KEY)
    return normalize_language(value) if isinstance(value, str) else None


def remember_language(settings: QtCore.QSettings | None, code: str) -> None:
    if settings is not None:
        settings.setValue(LANGUAGE_KEY, code)


def chosen_language(settings: QtCore.QSettings | None = None) -> str:
    """The language to start in: the one remembered in ``settings``, else the system locale's."""
    return saved_language(settings) or system_language()


def current_language() -> str:
    return _current


def _qm_files(code: str) -> list[str]:
    """The compiled catalogues for ``code`` that exist: the window's, the registry's and Qt's own (the standard
    buttons: OK, Cancel, Save...)."""
    files = [str(TRANSLATIONS_DIR / f"{name}_{code}.qm") for name in CATALOGUES]
    qt_dir = QtCore.QLibraryInfo.path(QtCore.QLibraryInfo.LibraryPath.TranslationsPath)
    files.append(os.path.join(qt_dir, f"qtbase_{code}.qm"))
    return [f for f in files if os.path.isfile(f)]


def set_language(code: str) -> str:
    """Show the window in ``code`` ("en", "zh_CN"; raises ValueError for another) from now on.

    The translators of the previous language are removed and the new ones installed: Qt sends every widget a
    LanguageChange, and each re-sets its texts (see :func:`retranslate_on_change`). A catalogue that is missing
    or cannot be loaded is skipped: its texts stay English. Returns the language set.
    """
    global _current
    lang = normalize_language(code)
    if lang is None or lang not in language_codes():
        raise ValueError(f"unknown language {code!r}; choose one of {', '.join(language_codes())}")
    app = QtCore.QCoreApplication.instance()
    if app is None:
        raise RuntimeError("set_language needs a QApplication")
    while _installed:
        app.removeTranslator(_installed.pop())
    if lang != ENGLISH:
        for path in _qm_files(lang):
            translator = QtCore.QTranslator(app)
            if translator.load(path):
                app.installTranslator(translator)
                _installed.append(translator)
            else:
                log.warning("could not load the translation %s: its texts stay in English", path)
    _current = lang
    return lang

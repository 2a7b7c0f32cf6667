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

from collections.abc import Callable

from PySide6 import QtCore


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

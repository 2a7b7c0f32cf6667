"""An exception anywhere in the GUI is logged and shown in a dialog; the app keeps running."""

from __future__ import annotations

import logging
import sys
import traceback

from PySide6 import QtWidgets

from .i18n import tr

log = logging.getLogger("gradient_arena")


def install_excepthook(parent_getter=lambda: None) -> None:
    """Route uncaught exceptions (PySide6 sends slot exceptions here) to a dialog."""
    showing = {"now": False}

    def hook(exc_type, exc, tb):
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("unexpected error in the window:\n%s", text)
        sys.stderr.write(text)
        if showing["now"] or QtWidgets.QApplication.instance() is None:
            return
        showing["now"] = True
        try:
            box = QtWidgets.QMessageBox(parent_getter())
            box.setIcon(QtWidgets.QMessageBox.Icon.Critical)
            box.setWindowTitle(tr("Gradient Arena: unexpected error"))
            box.setText(
                tr("{error}\n\nThe race and your settings are unchanged. Details were written to the log.").format(
                    error=f"{exc_type.__name__}: {exc}"
                )
            )
            box.setDetailedText(text)
            box.exec()
        finally:
            showing["now"] = False

    sys.excepthook = hook

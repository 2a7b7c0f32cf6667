"""An exception anywhere in the GUI is shown in a dialog and logged; the app keeps running."""

import sys

import pytest
from PySide6 import QtCore, QtWidgets

from gui.errors import install_excepthook


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_slot_is_shown_and_the_window_keeps_working(qtbot, window, monkeypatch, caplog):
    shown = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "exec", lambda box: shown.append((box.windowTitle(), box.text())))
    old = sys.excepthook
    install_excepthook(lambda: window)
    try:

        def broken():
            raise RuntimeError("boom in a slot")

        QtCore.QTimer.singleShot(0, broken)
        qtbot.waitUntil(lambda: bool(shown), timeout=2000)
    finally:
        sys.excepthook = old
    title, text = shown[0]
    assert title == "Gradient Arena: unexpected error" and "RuntimeError: boom in a slot" in text
    assert "unexpected error in the window" in caplog.text
    qtbot.keyClick(window, QtCore.Qt.Key.Key_Right)
    assert window.controller.race.steps == 1

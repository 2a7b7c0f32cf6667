"""Starting the window: ``python main.py gui [--preset NAME] [--run-steps N] [--screenshot FILE]``."""
from __future__ import annotations

import sys

import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from arena import load_preset, load_session

from .errors import install_excepthook
from .main_window import MainWindow


SCREENSHOT_SIZE = QtCore.QSize(1480, 920)


_IGNORED_QT_MESSAGES = ("does not support propagateSizeHints",)  # the offscreen platform, harmless


def _qt_message(mode, context, message: str) -> None:
    if not any(text in message for text in _IGNORED_QT_MESSAGES):
        sys.stderr.write(message + "\n")


def make_app() -> QtWidgets.QApplication:
    QtCore.qInstallMessageHandler(_qt_message)
    app = QtWidgets.QApplication.instance()
    if app is None:
        app = QtWidgets.QApplication(sys.argv[:1])
    app.setApplicationName("Gradient Arena")
    app.setOrganizationName("GradientArena")
    pg.setConfigOptions(antialias=True, imageAxisOrder="row-major", foreground="k")
    return app


def run_gui(preset: str | None = None, run_steps: int = 0, screenshot: str | None = None,
            session: str | None = None) -> int:
    app = make_app()
    config = load_preset(preset) if preset else (load_session(session) if session else None)
    settings = None
    if screenshot:
        # a screenshot shows the default layout at a fixed size and leaves the user's settings alone
        scratch = QtCore.QTemporaryDir()
        settings = QtCore.QSettings(scratch.filePath("settings.ini"), QtCore.QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, config=config)
    if session:
        window.set_session_path(session)
    if screenshot:
        window.resize(SCREENSHOT_SIZE)
    install_excepthook(lambda: window)
    window.show()
    if run_steps:
        window.controller.step(run_steps)
    if screenshot:
        app.processEvents()
        QtCore.QTimer.singleShot(0, lambda: None)
        app.processEvents()
        ok = window.grab().save(screenshot, "PNG")
        window.close()
        if not ok:
            sys.stderr.write(f"error: could not write screenshot {screenshot!r}\n")
            return 2
        return 0
    return app.exec()

"""The QApplication, made once with the app's settings (a leaf: it imports no other gui module)."""

from __future__ import annotations

import sys

import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

_IGNORED_QT_MESSAGES = ("does not support propagateSizeHints",)  # the offscreen platform, harmless


def _qt_message(mode, context, message: str) -> None:
    if not any(text in message for text in _IGNORED_QT_MESSAGES):
        sys.stderr.write(message + "\n")


def make_app() -> QtWidgets.QApplication:
    QtCore.qInstallMessageHandler(_qt_message)
    app = QtWidgets.QApplication.instance()
    if app is None:
        # every OpenGL context shares its resources: pyqtgraph.opengl keeps one compiled shader
        # program per item class, which a 3-D view made after another one (or after it closed) reuses
        QtCore.QCoreApplication.setAttribute(QtCore.Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
        app = QtWidgets.QApplication(sys.argv[:1])
    app.setApplicationName("Gradient Arena")
    app.setOrganizationName("GradientArena")
    pg.setConfigOptions(antialias=True, imageAxisOrder="row-major", foreground="k")
    return app

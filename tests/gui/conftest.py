import sys

import pytest
from PySide6 import QtCore, QtWidgets


@pytest.fixture(autouse=True)
def _delete_closed_widgets(qapp):
    """After each test, the widgets pytest-qt closed are deleted now (``deleteLater`` waits for an
    event loop that a test run never enters): no window, event filter or timer outlives its test."""
    yield
    QtCore.QCoreApplication.sendPostedEvents(None, QtCore.QEvent.Type.DeferredDelete)


@pytest.fixture
def settings(tmp_path):
    """Each test gets its own settings file: no state leaks between tests or from the user."""
    return QtCore.QSettings(str(tmp_path / "settings.ini"), QtCore.QSettings.Format.IniFormat)


@pytest.fixture
def make_window(qtbot, settings):
    from gui.app import make_app
    from gui.main_window import MainWindow

    make_app()
    windows = []

    def make(config=None, settings_=None):
        w = MainWindow(settings=settings_ or settings, config=config)
        qtbot.addWidget(w)
        w.show()
        windows.append(w)
        return w

    yield make
    for w in windows:
        w.controller.pause()


@pytest.fixture
def window(make_window):
    return make_window()


@pytest.fixture(scope="module")
def _module_window(qapp, tmp_path_factory):
    from gui.app import make_app
    from gui.main_window import MainWindow

    make_app()
    ini = tmp_path_factory.mktemp("shared-window") / "settings.ini"
    w = MainWindow(settings=QtCore.QSettings(str(ini), QtCore.QSettings.Format.IniFormat))
    w.show()
    yield w
    w.controller.pause()
    w.close()
    w.deleteLater()
    QtCore.QCoreApplication.sendPostedEvents(None, QtCore.QEvent.Type.DeferredDelete)


@pytest.fixture
def shared_window(_module_window, qapp):
    """One window for the tests of a module that only look at the window as it opens, or that
    begin by opening a preset (which sets the whole race): building a window costs ~0.3 s.
    Each test gets it paused on the textbook preset at step 0, as it first opened."""
    from arena import load_preset

    w = _module_window
    w.controller.pause()
    textbook = load_preset("textbook")
    if w.controller.config != textbook or w.controller.race.steps:
        w.controller.load(textbook)
        w.set_session_path(None)
    qapp.processEvents()
    return w


@pytest.fixture
def gui_command(qapp, cli):
    """``gui_command("--preset", "textbook", "--screenshot", path)``: ``main.py gui ARGS`` in this
    process, where the application already runs (no interpreter, Qt or numba to start again;
    ``test_window.test_screenshot_command`` runs it as a fresh process). The exception hook it
    installs is put back, and the windows it leaves closed are deleted after the test."""
    from gui.main_window import MainWindow

    before = {id(w) for w in QtWidgets.QApplication.topLevelWidgets()}
    hook = sys.excepthook

    def run(*args: str):
        try:
            return cli("gui", *args)
        finally:
            sys.excepthook = hook

    yield run
    for w in QtWidgets.QApplication.topLevelWidgets():
        if isinstance(w, MainWindow) and id(w) not in before and not w.isVisible():
            w.deleteLater()

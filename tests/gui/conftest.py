import pytest
from PySide6 import QtCore


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

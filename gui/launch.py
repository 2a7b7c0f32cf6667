"""Starting the window: ``python main.py gui [--preset NAME] [--run-steps N] [--screenshot FILE] [--size WxH]
[--lang en|zh_CN]``."""

from __future__ import annotations

import sys

from PySide6 import QtCore

from arena import load_preset, load_session

from .app import make_app
from .errors import install_excepthook
from .i18n import chosen_language, set_language
from .main_window import MainWindow

# --screenshot renders the default layout at this size unless --size says otherwise, whatever the
# screen (the window otherwise opens at 90% of the available screen, at most this size)
SCREENSHOT_SIZE = QtCore.QSize(1480, 920)


def user_settings() -> QtCore.QSettings:
    """The settings the window remembers its layout, folders and language in (MainWindow's default)."""
    return QtCore.QSettings("GradientArena", "Gradient Arena")


def _save_screenshot(window, path: str) -> int:
    """``gui --screenshot PATH``: the window as a PNG, then it closes; exit status 2 when not written."""
    settle = getattr(window, "settle_switch", None)
    if settle is not None:  # every panel drawn (a switch draws its step panels a frame after the map)
        settle()
    ok = window.grab().save(path, "PNG")
    window.close()
    if not ok:
        sys.stderr.write(f"error: could not write screenshot {path!r}\n")
        return 2
    return 0


def run_gui(
    preset: str | None = None,
    run_steps: int = 0,
    screenshot: str | None = None,
    session: str | None = None,
    size: tuple[int, int] | None = None,
    *,
    inspect: int | None = None,
    inspect_racer: str | None = None,
    view3d: bool = False,
    gradient_field: bool = False,
    lang: str | None = None,
) -> int:
    app = make_app()
    config = load_preset(preset) if preset else (load_session(session) if session else None)
    settings = None
    if screenshot:
        # a screenshot shows the default layout at a fixed size and leaves the user's settings alone
        scratch = QtCore.QTemporaryDir()
        settings = QtCore.QSettings(scratch.filePath("settings.ini"), QtCore.QSettings.Format.IniFormat)
    # --lang for this run (not remembered), else View > Language's choice, else the system locale's language
    set_language(lang or chosen_language(settings if settings is not None else user_settings()))
    window = MainWindow(settings=settings, config=config)
    if session:
        window.set_session_path(session)
    if size is not None:
        window.resize(QtCore.QSize(*size))
    elif screenshot:
        window.resize(SCREENSHOT_SIZE)
    install_excepthook(lambda: window)
    window.show()
    if run_steps:
        window.controller.step(run_steps)
    _open_views(app, window, inspect, inspect_racer, view3d, gradient_field)
    if screenshot:
        for _ in range(3):  # the docks' sizes are set from the event loop once shown: let them settle
            app.processEvents()
        if window.network.active:  # a network race: its landscape, computed in the background, shown
            window.network.panels.request_landscape()
            window.network.panels.wait_for_landscape()
            for _ in range(3):
                app.processEvents()
        window.contour.update_field_now()  # the map sampled over its view now, not on the next timer tick
        QtCore.QTimer.singleShot(0, lambda: None)
        app.processEvents()
        return _save_screenshot(window, screenshot)
    return app.exec()


def _open_views(app, window, inspect, inspect_racer, view3d, gradient_field) -> None:
    """--gradient-field, --view3d, --inspect STEP [--inspect-racer NAME]: as the View menu would."""
    if gradient_field:
        window.actions["gradientField"].trigger()
    if view3d:
        window.view3d_dock.show()
        for _ in range(3):
            app.processEvents()
    if inspect is None and inspect_racer is None:
        return
    dock = window.inspector_dock
    dock.show()
    dock.raise_()
    app.processEvents()
    names = [r.name for r in window.controller.config.racers]
    if inspect_racer is not None:
        if inspect_racer not in names:
            sys.stderr.write(f"warning: no racer named {inspect_racer!r}; racers: {', '.join(names)}\n")
        else:
            dock.racer.setCurrentIndex(names.index(inspect_racer))
    dock.go_to(inspect if inspect is not None else 1)
    deadline = QtCore.QDeadlineTimer(60_000)  # the step's replay runs on the Inspector's thread
    app.processEvents()
    while dock.busy and not deadline.hasExpired():
        app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 50)
    app.processEvents()

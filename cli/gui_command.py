"""``main.py gui``: check the arguments without Qt, then open the window."""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable

from .errors import UsageError

NO_DISPLAY_HELP = (
    "no display to open the window on ({why}). "
    "On a machine without a screen, run it in a virtual one: xvfb-run python main.py "
    "(Debian/Ubuntu: apt-get install xvfb), or render offscreen: "
    "QT_QPA_PLATFORM=offscreen python main.py gui --screenshot window.png"
)
MISSING_LIBRARIES = "Qt's X11 window plugin (xcb) cannot load"
MISSING_LIBRARIES_HELP = (
    "{why}: without them Qt aborts. Install them (Debian/Ubuntu): sudo apt-get install {packages}; "
    "or render offscreen: QT_QPA_PLATFORM=offscreen python main.py gui --screenshot window.png"
)

# What Qt's xcb platform plugin (PySide6/Qt/plugins/platforms/libqxcb.so and libQt6XcbQpa.so.6) links
# beyond Qt itself, with the Debian/Ubuntu package of each (``readelf -d`` on the plugin lists them). A
# minimal system has libxcb1 but usually not the first seven (the README's apt-get line).
XCB_LIBRARIES = (
    ("libxcb-cursor.so.0", "libxcb-cursor0"),
    ("libxcb-icccm.so.4", "libxcb-icccm4"),
    ("libxcb-image.so.0", "libxcb-image0"),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("libxcb-render-util.so.0", "libxcb-render-util0"),
    ("libxcb-shape.so.0", "libxcb-shape0"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    ("libxkbcommon.so.0", "libxkbcommon0"),
    ("libxcb-randr.so.0", "libxcb-randr0"),
    ("libxcb-render.so.0", "libxcb-render0"),
    ("libxcb-shm.so.0", "libxcb-shm0"),
    ("libxcb-sync.so.1", "libxcb-sync1"),
    ("libxcb-util.so.1", "libxcb-util1"),
    ("libxcb-xfixes.so.0", "libxcb-xfixes0"),
    ("libxcb-xkb.so.1", "libxcb-xkb1"),
    ("libxcb.so.1", "libxcb1"),
    ("libX11-xcb.so.1", "libx11-xcb1"),
    ("libX11.so.6", "libx11-6"),
    ("libGL.so.1", "libgl1"),
)


def loadable(soname: str) -> bool:
    """Whether the dynamic loader finds and loads ``soname`` (as Qt's plugin loader would)."""
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def missing_xcb_libraries(can_load: Callable[[str], bool] | None = None) -> list[tuple[str, str]]:
    """(library, Debian/Ubuntu package) of each library Qt's xcb plugin needs that is not installed."""
    can_load = can_load or loadable
    return [(soname, package) for soname, package in XCB_LIBRARIES if not can_load(soname)]


def display_problem(
    environ=None, platform: str | None = None, can_load: Callable[[str], bool] | None = None
) -> str | None:
    """Why Qt could not open a window here, or None when it can (or the user chose another platform).

    Qt's xcb plugin aborts the process (a core dump and a misleading libxcb message)
    when there is no X server, or when a library it links is not installed, so the
    command checks both first: the display, then the plugin's libraries.
    """
    env = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    chosen = env.get("QT_QPA_PLATFORM", "")
    if (chosen and not chosen.startswith("xcb")) or not platform.startswith("linux"):
        return None
    if env.get("WAYLAND_DISPLAY") and not chosen:
        return None
    display = env.get("DISPLAY", "")
    if not display:
        return "DISPLAY and WAYLAND_DISPLAY are not set"
    host, _, number = display.partition(":")
    number = number.split(".")[0]
    if host in ("", "unix") and number.isdigit() and not os.path.exists(f"/tmp/.X11-unix/X{number}"):
        return f"no X server is listening on DISPLAY={display}"
    missing = missing_xcb_libraries(can_load)
    if missing:
        return f"{MISSING_LIBRARIES} {', '.join(soname for soname, _ in missing)}"
    return None


def display_help(why: str) -> str:
    """The error message for a display problem: what is wrong and what to do about it."""
    if why.startswith(MISSING_LIBRARIES):
        missing = {soname for soname in why[len(MISSING_LIBRARIES) :].replace(",", " ").split()}
        packages = " ".join(package for soname, package in XCB_LIBRARIES if soname in missing)
        return MISSING_LIBRARIES_HELP.format(why=why, packages=packages)
    return NO_DISPLAY_HELP.format(why=why)


MIN_SIZE, MAX_SIZE = 320, 16384
GUI_LANGUAGES = ("en", "zh_CN")  # gui.i18n.LANGUAGES' codes (checked here without importing Qt)


def check_language(code: str) -> str:
    """``gui --lang CODE``: CODE if the window has that language; a UsageError naming the choices otherwise."""
    if code not in GUI_LANGUAGES:
        raise UsageError(f"--lang {code!r}: unknown language; choose one of {', '.join(GUI_LANGUAGES)}")
    return code


def parse_size(text: str) -> tuple[int, int]:
    """``"1024x768"`` -> (1024, 768); a UsageError naming the problem otherwise."""
    w, sep, h = text.strip().lower().partition("x")
    if not sep or not (w.isascii() and w.isdigit() and h.isascii() and h.isdigit()):
        raise UsageError(f"--size {text!r}: give width x height in pixels, e.g. 1024x768")
    size = (int(w), int(h))
    if not all(MIN_SIZE <= v <= MAX_SIZE for v in size):
        raise UsageError(f"--size {text!r}: width and height must be in [{MIN_SIZE}, {MAX_SIZE}] pixels")
    return size


def run_gui(
    preset: str | None,
    run_steps: int,
    screenshot: str | None,
    session: str | None = None,
    size: str | None = None,
    show: dict | None = None,
) -> int:
    from arena import SessionError, load_preset, load_session

    window_size = parse_size(size) if size is not None else None

    if preset is not None and session is not None:
        raise UsageError("give --preset or --session, not both")
    if session is not None:
        try:
            load_session(session)
        except SessionError as exc:
            raise UsageError(f"--session {session!r}: {exc}") from None
    if preset is not None:
        try:
            load_preset(preset)
        except SessionError as exc:
            raise UsageError(f"--preset: {exc}") from None
    if run_steps < 0:
        raise UsageError(f"--run-steps {run_steps}: must be >= 0")
    show = {k: v for k, v in (show or {}).items() if v is not None and v is not False}
    if show.get("lang") is not None:
        check_language(show["lang"])
    if show.get("inspect") is not None and show["inspect"] < 0:
        raise UsageError(f"--inspect {show['inspect']}: must be >= 0 (0: the start)")
    if screenshot is not None:
        from .race import check_writable

        check_writable(screenshot, "--screenshot")
    why = display_problem()
    if why is not None:
        if screenshot is None:
            raise UsageError(display_help(why))
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a screenshot needs no screen
    from gui.launch import run_gui as start

    return start(preset, run_steps, screenshot, session, window_size, **show)

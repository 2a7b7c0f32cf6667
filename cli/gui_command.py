"""``main.py gui``: check the arguments without Qt, then open the window."""

from __future__ import annotations

import os
import sys

from .errors import UsageError

NO_DISPLAY_HELP = (
    "no display to open the window on ({why}). "
    "On a machine without a screen, run it in a virtual one: xvfb-run python main.py "
    "(Debian/Ubuntu: apt-get install xvfb), or render offscreen: "
    "QT_QPA_PLATFORM=offscreen python main.py gui --screenshot window.png"
)


def display_problem(environ=None, platform: str | None = None) -> str | None:
    """Why Qt could not open a window here, or None when it can (or the user chose a platform).

    Qt's xcb plugin aborts the process (a core dump and a misleading libxcb message)
    when there is no X server, so the command checks first.
    """
    env = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if env.get("QT_QPA_PLATFORM") or not platform.startswith("linux"):
        return None
    if env.get("WAYLAND_DISPLAY"):
        return None
    display = env.get("DISPLAY", "")
    if not display:
        return "DISPLAY and WAYLAND_DISPLAY are not set"
    host, _, number = display.partition(":")
    number = number.split(".")[0]
    if host in ("", "unix") and number.isdigit() and not os.path.exists(f"/tmp/.X11-unix/X{number}"):
        return f"no X server is listening on DISPLAY={display}"
    return None


MIN_SIZE, MAX_SIZE = 320, 16384


def parse_size(text: str) -> tuple[int, int]:
    """``"1024x768"`` -> (1024, 768); a UsageError naming the problem otherwise."""
    w, sep, h = text.strip().lower().partition("x")
    if not sep or not w.isdigit() or not h.isdigit():
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
    if screenshot is not None:
        from .race import check_writable

        check_writable(screenshot, "--screenshot")
    why = display_problem()
    if why is not None:
        if screenshot is None:
            raise UsageError(NO_DISPLAY_HELP.format(why=why))
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a screenshot needs no screen
    from gui.launch import run_gui as start

    return start(preset, run_steps, screenshot, session, window_size)

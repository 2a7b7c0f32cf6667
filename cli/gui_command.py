"""``main.py gui``: check the arguments without Qt, then open the window."""

from __future__ import annotations

from .errors import UsageError


def run_gui(preset: str | None, run_steps: int, screenshot: str | None, session: str | None = None) -> int:
    from arena import SessionError, load_preset, load_session

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
    from gui.app import run_gui as start

    return start(preset, run_steps, screenshot, session)

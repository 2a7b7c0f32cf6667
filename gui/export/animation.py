"""Animations of a race: GIF or MP4, rendered offscreen frame by frame.

``render_animation(config, path)`` builds its own view (:class:`RaceView`) and its
own :class:`arena.Race` on a copy of ``config``; the live window and its race are
never touched. Frame 0 shows the start; then the race advances
``steps_per_frame`` steps per frame until its step budget is used or every racer
has stopped, so a full run makes ``1 + ceil(steps_run / steps_per_frame)``
frames. The map's title shows the step, so no two frames are alike. Frames go to
the file as they are made (``export.gif.GifWriter``, ``export.mp4.Mp4Writer``):
nothing holds the whole animation. The file is written under a hidden temporary
name in the target folder and renamed at the end; a cancelled or failed render
leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import math
import os
from collections.abc import Callable

from PySide6 import QtGui

from arena import Race
from export.files import ExportError, check_target, reason, temp_sibling
from export.formats import animation_format, check_animation_options
from export.gif import GifWriter
from export.mp4 import Mp4Writer
from gui.app import make_app

from ..i18n import tr
from .race_view import RaceView

Progress = Callable[[int, int], bool]


class AnimationCancelled(Exception):
    """The progress callback asked to stop; no file was written."""


def render_animation(
    config,
    path,
    *,
    fps: int = 30,
    steps_per_frame: int = 1,
    with_loss: bool = False,
    size: tuple[int, int] = (800, 600),
    progress: Progress | None = None,
) -> int:
    """Render the race of ``config`` (an ``arena.RaceConfig``) from step 0 to its
    budget (or until every racer stopped) as a GIF or MP4 at ``path``; return
    the number of frames written.

    ``size`` is the frame size in pixels (an MP4 pads odd sides by one pixel);
    ``with_loss`` puts the loss panel beside the map; ``progress(done, total)``
    is called after every frame (``total`` shrinks if the racers stop early)
    and returning False cancels: :class:`AnimationCancelled` is raised and no
    file is left. Errors raise ``ExportError`` with a one-line message.
    """
    target, shown, fmt, (w, h), config = prepare_animation(config, path, fps, steps_per_frame, size)
    race = Race(config.copy())
    final = Race(config.copy()) if with_loss else None
    if final is not None:
        final.advance(config.steps)
    view = RaceView(config, (w, h), with_loss)
    try:
        view.start(race, final)

        def advance() -> None:
            race.advance(steps_per_frame)
            view.update_race(race)

        frame = view.frame
        return write_frames(target, shown, fmt, (w, h), fps, config, race, steps_per_frame, frame, advance, progress)
    finally:
        view.close()
        view.deleteLater()


def prepare_animation(config, path, fps, steps_per_frame, size):
    """Check an animation's path and options before anything is rendered (ExportError naming the problem);
    (target, shown path, format, (width, height), a copy of ``config`` to render), with the app made."""
    fmt = animation_format(path)
    w, h = check_animation_options(config, fps, steps_per_frame, size)
    shown = os.fspath(path)
    target = check_target(shown)
    make_app()
    return target, shown, fmt, (w, h), config.copy()


def write_frames(target, shown, fmt, size, fps, config, race, steps_per_frame, frame, advance, progress=None) -> int:
    """Write ``frame()`` (an RGB array of ``size``) for ``race`` at its start and after every ``advance()``
    (``steps_per_frame`` steps, the view following) until the race is done, as the GIF or MP4 ``target``
    (``shown``: the path as the user gave it, for messages):
    under a hidden temporary name, renamed at the end, removed when cancelled or failed. Returns the frame
    count; ``progress(done, total)`` returning False raises :class:`AnimationCancelled`; other errors raise
    ``ExportError`` with a one-line message."""
    app = make_app()
    tmp = writer = None
    frames = 0
    try:
        try:
            tmp = temp_sibling(target)
            if fmt == "gif":
                colors = [QtGui.QColor(r.color).getRgb()[:3] for r in config.racers]
                writer = GifWriter(tmp, size, fps, colors)
            else:
                writer = Mp4Writer(tmp, size, fps)
        except OSError as exc:
            raise ExportError(tr("cannot write '{path}': {reason}").format(path=shown, reason=reason(exc))) from None
        while True:
            app.processEvents()  # layout changes land before the paint; the app stays responsive
            writer.append(frame())
            frames += 1
            remaining = 0 if race.done else math.ceil((config.steps - race.steps) / steps_per_frame)
            if progress is not None and progress(frames, frames + remaining) is False:
                raise AnimationCancelled(f"cancelled after {frames} frames")
            if race.done:
                break
            advance()
        done, writer = writer, None
        done.close()
        if os.path.getsize(tmp) <= 0:
            raise ExportError(tr("cannot write '{path}': the written file is empty").format(path=shown))
        os.replace(tmp, target)
        tmp = None
        return frames
    except (ExportError, AnimationCancelled):
        raise
    except OSError as exc:
        raise ExportError(tr("cannot write '{path}': {reason}").format(path=shown, reason=reason(exc))) from None
    except Exception as exc:  # noqa: BLE001 - the encoder's own errors, told in one line
        raise ExportError(
            tr("the {format} encoder failed: {reason}").format(format=fmt.upper(), reason=reason(exc))
        ) from exc
    finally:
        if writer is not None:
            writer.abort()
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.remove(tmp)

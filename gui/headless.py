"""``render_headless(config, png=..., svg=..., gif=..., mp4=...)``: images and animations of a
race without showing anything, for the command line (``race --png/--svg/--gif/--mp4``)."""

from __future__ import annotations

import os

from PySide6 import QtCore, QtGui, QtWidgets

from export.files import ExportError, check_target
from export.formats import (
    DEFAULT_WIDTH,
    check_animation_options,
    check_animation_path,
    check_width,
    default_steps_per_frame,
    image_format,
    suggested_size,
)

from .app import make_app
from .export.animation import render_animation
from .export.panels import export_panel
from .main_window import MainWindow

HEADLESS_SIZE = (1480, 920)  # the window size `main.py gui --screenshot` uses


def render_headless(
    config,
    *,
    png: str | None = None,
    svg: str | None = None,
    gif: str | None = None,
    mp4: str | None = None,
    width: int = DEFAULT_WIDTH,
    steps_per_frame: int | None = None,
    fps: int = 30,
    animation_size: tuple[int, int] | None = None,
    progress=None,
) -> dict[str, object]:
    """Write images and animations of a race without showing anything (the CLI's
    ``race --png/--svg/--gif/--mp4``).

    * ``png`` / ``svg``: the whole-window composite (contour map, loss panel above
      the learning-rate panel, as ``export_panel(window, "window", ...)`` draws it)
      of a real MainWindow laid out offscreen at 1480 x 920 with the race run to
      its step budget; the PNG is ``width`` px wide (default 2400). The window
      uses a throw-away settings file: the user's saved layout is neither used
      nor changed.
    * ``gif`` / ``mp4``: :func:`gui.animation.render_animation` of the race from
      step 0 to the budget (contour map and loss panel side by side, 1280 px
      wide and as tall as the surface's shape asks (``suggested_size``) unless
      ``animation_size`` is given, ``fps`` frames per second); ``steps_per_frame``
      None picks one that makes about 150 frames. ``progress(done, total)`` as
      in render_animation (return False to cancel).

    Every output path and option is checked before any work starts. Returns
    ``{absolute path: what was written}`` ("2400 x 1311 PNG", "SVG", "151 frames")
    in the order written. Raises ExportError (one line, for the user).
    """
    config = config.copy()
    targets = [p for p in (png, svg) if p is not None]
    for p in targets:
        image_format(p)
        check_target(p)
    if png is not None:
        if image_format(png) != "png":
            raise ExportError(f"--png needs a .png file name, got '{png}'")
        check_width(width)
    if svg is not None and image_format(svg) != "svg":
        raise ExportError(f"--svg needs a .svg file name, got '{svg}'")
    for p, ext in ((gif, ".gif"), (mp4, ".mp4")):
        if p is not None:
            if os.path.splitext(p)[1].lower() != ext:
                raise ExportError(f"--{ext[1:]} needs a {ext} file name, got '{p}'")
            check_animation_path(p)
    spf = steps_per_frame or default_steps_per_frame(config.steps)
    if config.is_network:  # the network panels (gui/network_mode.py), not the map
        from .network_mode import NETWORK_ANIMATION_SIZE

        size = animation_size or NETWORK_ANIMATION_SIZE
    else:
        size = animation_size or suggested_size(config, with_loss=True)
    if gif is not None or mp4 is not None:
        check_animation_options(config, fps, spf, size)
    if QtWidgets.QApplication.instance() is None:
        # nothing is shown: no display needed (a server, CI); must precede the QApplication
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = make_app()
    out: dict[str, object] = {}
    if png is not None or svg is not None:
        scratch = QtCore.QTemporaryDir()
        settings = QtCore.QSettings(scratch.filePath("settings.ini"), QtCore.QSettings.Format.IniFormat)
        window = MainWindow(settings=settings, config=config.copy())
        try:
            window.setAttribute(QtCore.Qt.WidgetAttribute.WA_DontShowOnScreen, True)
            window.resize(*HEADLESS_SIZE)
            window.show()
            window.controller.step(config.steps)
            if window.network.active:  # its landscape, computed in the background, in the picture
                window.network.panels.wait_for_landscape(timeout=300)
            for _ in range(3):  # let layouts and axes settle as on screen
                window.repaint()
                app.processEvents()
            if window.network.active:
                from .network_mode import export_network_image

                def export(path, width=None):
                    return export_network_image(window.network.panels, path, width=width)
            else:

                def export(path, width=None):
                    return export_panel(window, "window", path, width=width)

            if png is not None:
                written = export(png, width=width)
                size_px = QtGui.QImageReader(written).size()
                out[written] = f"{size_px.width()} x {size_px.height()} PNG"
            if svg is not None:
                out[export(svg)] = "SVG"
        finally:
            window.controller.pause()
            window.close()
            window.deleteLater()
            app.processEvents()
    for p in (gif, mp4):
        if p is not None and config.is_network:
            from .network_mode import render_network_animation

            frames = render_network_animation(config, p, fps=fps, steps_per_frame=spf, size=size, progress=progress)
            out[os.path.abspath(p)] = f"{frames} frames"
        elif p is not None:
            frames = render_animation(
                config, p, fps=fps, steps_per_frame=spf, with_loss=True, size=size, progress=progress
            )
            out[os.path.abspath(p)] = f"{frames} frames"
    return out

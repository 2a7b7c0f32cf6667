"""``export_panel(window, which, path)``: the contour map, the loss panel, the learning-rate
panel or the three as laid out in the window, as PNG or SVG, written atomically.

Exports never touch the race, and leave titles, layout, view ranges and
backgrounds as they were. On any failure nothing is left on disk.
"""

from __future__ import annotations

import contextlib
import os

from export.files import ExportError, check_target, reason, write_bytes
from export.formats import check_width, image_format

from ..i18n import tr
from .export_mode import background_color, fitted_map, legends_shown, plot_title
from .png import render_item_image, render_window_image, write_png
from .svg import render_item_svg, render_window_svg

PANELS = ("contour", "loss", "learning_rate", "window")


def panel_of(window, which: str):
    """(plot item or widget, title to show on the plot) for ``which``."""
    if which == "contour":
        return window.contour.plotItem, None
    if which == "loss":
        return window.loss.plot, window.loss.title.text()
    if which == "learning_rate":
        return window.lr.plot, window.lr.title.text()
    return window.splitter, None


def export_panel(
    window,
    which: str,
    path: str | os.PathLike,
    *,
    width: int | None = None,
    background: str = "white",
    fit_map: bool = True,
) -> str:
    """Write one panel (``contour``, ``loss``, ``learning_rate``) or the three
    (``window``) of ``window`` (a MainWindow) as PNG or SVG; return the absolute path.

    The format is the path's extension (.png or .svg, any case). ``width``: PNG
    width in pixels, 200..8000 (None: the on-screen size; the height keeps the
    aspect ratio); for SVG it only sets the nominal size of a window export.
    ``background``: ``"white"`` or ``"transparent"``. ``fit_map`` (contour only):
    crop the map to the range the view is set to (the surface's domain after
    Reset view, or the user's zoom), without the empty bands the panel's shape
    adds above and below (or beside) it; False exports the panel as it looks.
    Raises :class:`ExportError` with a one-line message; on failure nothing is
    left on disk, and the window (race, titles, view ranges) is as it was.
    """
    if which not in PANELS:
        raise ExportError(f"unknown panel {which!r}; choose one of {', '.join(PANELS)}")
    shown = os.fspath(path)
    fmt = image_format(shown)
    color = background_color(background)
    if width is not None and fmt == "png":
        check_width(width)
    target = check_target(shown)
    if which in ("contour", "window"):
        window.contour.update_field_now()  # no pan or zoom still waiting for its map
    thing, title = panel_of(window, which)
    try:
        if which == "window":
            if fmt == "png":
                write_png(render_window_image(window, width, color), target, shown)
            else:
                write_bytes(render_window_svg(window, color, width), target, shown)
        else:
            fit = fitted_map(thing) if which == "contour" and fit_map else contextlib.nullcontext()
            with legends_shown(thing), plot_title(thing, title), fit:
                if fmt == "png":
                    image = render_item_image(thing, width, color)
                else:
                    data = render_item_svg(thing, color)
            if fmt == "png":
                write_png(image, target, shown)
            else:
                write_bytes(data, target, shown)
    except ExportError:
        raise
    except Exception as exc:  # noqa: BLE001 - anything else is still a failed export, told in one line
        raise ExportError(tr("exporting to '{path}' failed: {reason}").format(path=shown, reason=reason(exc))) from exc
    return target

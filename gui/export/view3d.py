"""``export_view3d(window, path)``: the 3-D view of a MainWindow as a PNG (File ▸ Export).

Where the view cannot draw (no OpenGL: the offscreen platform, a display without GLX) the export
is refused with the reason the view itself shows, before anything is written: never a blank file.
"""

from __future__ import annotations

import os

from export.files import ExportError, check_target, reason
from export.formats import check_width, image_format

from ..i18n import tr
from .png import write_png


def export_view3d(window, path: str | os.PathLike, *, width: int | None = None) -> str:
    """Write ``window``'s 3-D view (made, and its dock shown, if it was not yet) as PNG at ``width`` pixels
    (None: its size on screen); return the absolute path. Raises :class:`ExportError` in one line."""
    shown = os.fspath(path)
    if image_format(shown) != "png":
        raise ExportError(tr("the 3-D view is exported as PNG only (it is a rendered OpenGL scene)"))
    if width is not None:
        check_width(width)
    panel = window.view3d
    if not panel.available:
        raise ExportError(tr("the 3-D view cannot be exported: {reason}").format(reason=panel.problem))
    target = check_target(shown)
    try:
        image = panel.image(width)
    except Exception as exc:  # noqa: BLE001 - a failed render is a failed export, told in one line
        raise ExportError(tr("exporting to '{path}' failed: {reason}").format(path=shown, reason=reason(exc))) from exc
    if image.isNull() or image.width() < 1:
        raise ExportError(tr("the 3-D view rendered an empty image"))
    write_png(image, target, shown)
    return target

"""Still images of the window's panels: PNG (any width) and SVG, written atomically.

``export_panel(window, which, path)`` writes the contour map, the loss panel,
the learning-rate panel or the three of them as laid out in the window
("window": contour on the left, loss above learning rate on the right).

How a PNG is drawn
------------------
Like a screenshot on a high-resolution screen: the panel is painted at its
on-screen layout into an image whose device-pixel ratio is ``width /
on-screen width``, so text, legends, markers and lines all grow by the same
factor; the picture looks like the window, only sharper. pyqtgraph's own
``ImageExporter`` is not used: at 2400 px it leaves the legends at their
on-screen size (they ignore transformations) and every line 2 px thin
(pyqtgraph's pens are cosmetic: Qt draws them in device pixels whatever the
scale). Here, for the duration of one synchronous paint, pyqtgraph items are
in export mode (markers drawn as shapes, not from their pixmap cache) and
cosmetic pens are widened by the scale.

The loss and learning-rate panels show their titles in a QLabel above the
plot; a single-plot export borrows the PlotItem's own title row for it. The
contour map is cropped to the range its view is set to (``fit_map``): the
window's panel is usually taller than the surface's domain and would leave
empty bands above and below the map.

How an SVG is drawn
-------------------
A single plot: pyqtgraph's ``SVGExporter`` (it clips curves to the plot area;
Qt's own SVG generator has no clipping, so a path that leaves the view would
run across the axes). The whole window: the three plots' SVGs placed where
they sit in the window, plus the two titles as text; the "Show:" selectors
are left out. Curves, markers and text stay vectors; the colour map is an
embedded bitmap.

Files: written to a hidden temporary file in the target folder
(``.name.XXXXXXXX.tmp.png``), checked (the writer's result, a non-empty file),
then renamed onto the target. On any failure the temporary file is removed and
:class:`ExportError` raised, so a half-written file never appears under the
chosen name, and an existing file of that name stays as it was. Exports never
touch the race, and leave titles, layout, view ranges and backgrounds as they
were.

``render_headless(config, png=..., svg=..., gif=..., mp4=...)`` does the same
without a visible window (for the command line).
"""
from __future__ import annotations

import contextlib
import os
import re
import secrets
from xml.sax.saxutils import escape as xml_escape
from typing import Callable, Iterator

import pyqtgraph as pg
import pyqtgraph.exporters  # noqa: F401 - registers ImageExporter / SVGExporter
from PySide6 import QtCore, QtGui, QtWidgets

PANELS = ("contour", "loss", "learning_rate", "window")
IMAGE_FORMATS = (".png", ".svg")
BACKGROUNDS = ("white", "transparent")
MIN_WIDTH, MAX_WIDTH = 200, 8000
DEFAULT_WIDTH = 2400
HEADLESS_SIZE = (1480, 920)  # the window size `main.py gui --screenshot` uses


class ExportError(Exception):
    """An export was refused or failed; ``str(exc)`` is one line meant for the user."""


# ------------------------------------------------------------------ checks
def image_format(path: str) -> str:
    """'png' or 'svg' from the path's extension (case-insensitive); ExportError otherwise."""
    ext = os.path.splitext(os.fspath(path))[1].lower()
    if ext not in IMAGE_FORMATS:
        shown = f"'{ext}'" if ext else "(none)"
        raise ExportError(f"unknown image format {shown}; use .png or .svg")
    return ext[1:]


def check_width(width) -> None:
    if isinstance(width, bool) or not isinstance(width, int) or not MIN_WIDTH <= width <= MAX_WIDTH:
        raise ExportError(f"width must be a whole number of pixels from {MIN_WIDTH} to {MAX_WIDTH}, got {width!r}")


def check_target(path: str) -> str:
    """The absolute target path, after checking its folder exists and can be written."""
    path = os.fspath(path)
    if not path or os.path.basename(path) in ("", ".", ".."):
        raise ExportError(f"cannot write {path!r}: no file name given")
    target = os.path.abspath(path)
    folder = os.path.dirname(target)
    if os.path.isdir(target):
        raise ExportError(f"cannot write '{path}': it is a folder")
    if not os.path.isdir(folder):
        raise ExportError(f"cannot write '{path}': folder does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportError(f"cannot write '{path}': folder is not writable")
    if os.path.exists(target) and not os.access(target, os.W_OK):
        raise ExportError(f"cannot write '{path}': the existing file is read-only")
    return target


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror[0].lower() + exc.strerror[1:]
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def temp_sibling(target: str) -> str:
    """Create (empty, mode 0666 & ~umask like any new file) a hidden temporary file
    next to ``target`` with the same extension; return its path."""
    folder, name = os.path.split(target)
    stem, ext = os.path.splitext(name)
    for _ in range(20):
        tmp = os.path.join(folder, f".{stem}.{secrets.token_hex(4)}.tmp{ext}")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        os.close(fd)
        return tmp
    raise FileExistsError(f"no free temporary name in {folder}")


def write_atomically(target: str, shown: str, write: Callable[[str], None]) -> None:
    """Call ``write(tmp)`` on a temporary sibling of ``target``, check the result and
    rename it onto ``target``. ``write`` raises ExportError (or anything) on failure;
    the temporary file is removed on every failure path."""
    tmp = None
    try:
        try:
            tmp = temp_sibling(target)
        except OSError as exc:
            raise ExportError(f"cannot write '{shown}': {_reason(exc)}") from None
        write(tmp)
        try:
            size = os.path.getsize(tmp)
        except OSError as exc:
            raise ExportError(f"cannot write '{shown}': {_reason(exc)}") from None
        if size <= 0:
            raise ExportError(f"cannot write '{shown}': the written file is empty")
        try:
            os.replace(tmp, target)
        except OSError as exc:
            raise ExportError(f"cannot write '{shown}': {_reason(exc)}") from None
        tmp = None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.remove(tmp)


# --------------------------------------------------------- export painting
def _background(background: str) -> QtGui.QColor:
    if background not in BACKGROUNDS:
        raise ExportError(f"unknown background {background!r}; use 'white' or 'transparent'")
    return QtGui.QColor(255, 255, 255) if background == "white" else QtGui.QColor(0, 0, 0, 0)


@contextlib.contextmanager
def _wide_cosmetic_pens(scale: float) -> Iterator[None]:
    """While active, every cosmetic pen a Python ``paint()`` sets is ``scale`` times wider.

    pyqtgraph draws with cosmetic pens (a width in device pixels), which neither
    a painter scale nor a device-pixel ratio widens. Only used around one
    synchronous paint (no event loop runs), and always undone."""
    if abs(scale - 1.0) < 1e-6:
        yield
        return
    original = QtGui.QPainter.setPen

    def set_pen(painter, pen, *rest):
        if isinstance(pen, QtGui.QPen) and pen.isCosmetic() and pen.style() != QtCore.Qt.PenStyle.NoPen:
            pen = QtGui.QPen(pen)
            pen.setWidthF(max(pen.widthF(), 1.0) * scale)
        return original(painter, pen, *rest)

    QtGui.QPainter.setPen = set_pen
    try:
        yield
    finally:
        QtGui.QPainter.setPen = original


@contextlib.contextmanager
def _export_mode(scenes, background: QtGui.QColor, scale: float = 1.0) -> Iterator[None]:
    """pyqtgraph's export mode on every item of ``scenes`` (no hover buttons, markers
    drawn as shapes instead of cached pixmaps), cosmetic pens widened by ``scale``."""
    items = []
    for scene in scenes:
        items.extend(i for i in scene.items() if hasattr(i, "setExportMode"))
    opts = {"antialias": True, "background": background, "resolutionScale": 1.0}
    try:
        for item in items:
            item.setExportMode(True, dict(opts))
        _drop_pictures(items)  # drawn again with the export's pens...
        with _wide_cosmetic_pens(scale):
            yield
    finally:
        for item in items:
            with contextlib.suppress(RuntimeError):  # an item deleted meanwhile
                item.setExportMode(False)
        _drop_pictures(items)  # ...and not kept for the screen


def _drop_pictures(items) -> None:
    """Forget the QPictures some pyqtgraph items (axes, grids) record their drawing
    in: a picture recorded during an export would carry its wide pens to the screen."""
    for item in items:
        with contextlib.suppress(RuntimeError, AttributeError):
            if isinstance(getattr(item, "picture", None), QtGui.QPicture):
                item.picture = None
                item.update()


class _PlotLayout:
    """What a temporary layout change (a title, a new size) can alter in a PlotItem:
    its geometry, the widths its axes reserve for tick labels (pyqtgraph keeps
    those with hysteresis, so they do not come back by themselves) and the view
    range. ``restore()`` puts all of it back."""

    def __init__(self, plot: pg.PlotItem):
        self.plot = plot
        self.geometry = plot.geometry()
        self.axes = [(a["item"], a["item"].textWidth, a["item"].textHeight, a["item"].minimumSize(),
                      a["item"].maximumSize()) for a in plot.axes.values()]
        self.target_range = [list(r) for r in plot.vb.state["targetRange"]]

    def restore(self) -> None:
        plot, vb = self.plot, self.plot.vb
        plot.setGeometry(self.geometry)
        for axis, text_w, text_h, min_size, max_size in self.axes:
            axis.textWidth, axis.textHeight = text_w, text_h
            axis.setMinimumSize(min_size)
            axis.setMaximumSize(max_size)
            axis.picture = None
        plot.layout.activate()
        # the range asked for comes back; the range shown follows from it and the size
        vb.state["targetRange"] = [list(r) for r in self.target_range]
        vb.updateViewRange()


@contextlib.contextmanager
def _plot_title(plot: pg.PlotItem, text: str | None) -> Iterator[None]:
    """Show ``text`` as the PlotItem's own title (the panels draw theirs in a QLabel
    above the plot, which a plot export would miss); restore it afterwards."""
    if not text:
        yield
        return
    label = plot.titleLabel
    had_title = label.isVisible()
    old_text = label.text
    saved = _PlotLayout(plot)
    try:
        plot.setTitle(text)
        _settle(plot)
        yield
    finally:
        if had_title:
            plot.setTitle(old_text)
        else:
            plot.setTitle(None)
            label.setText(old_text)
        saved.restore()


def _settle(item: pg.GraphicsItem) -> None:
    """Lay the item out now: activate its layout and paint it once into a tiny image
    (axes measure their tick labels only while painting, and resize after)."""
    scene = item.scene()
    for _ in range(2):
        item.layout.activate()
        scratch = QtGui.QImage(8, 8, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
        painter = QtGui.QPainter(scratch)
        try:
            scene.render(painter, QtCore.QRectF(0, 0, 8, 8), item.sceneBoundingRect())
        finally:
            painter.end()
        item.layout.activate()


@contextlib.contextmanager
def _fit_map(plot: pg.PlotItem) -> Iterator[None]:
    """Shrink an aspect-locked plot so its view shows exactly the range it was set
    to (the surface's domain after Reset view, or the user's zoom) instead of the
    extra margin the panel's shape adds; undo it afterwards."""
    vb = plot.vb
    aspect = vb.state["aspectLocked"]
    target = vb.targetRect()
    if aspect is False or not aspect or target.width() <= 0 or target.height() <= 0:
        yield
        return
    saved = _PlotLayout(plot)
    full = saved.geometry
    try:
        for _ in range(4):
            g = plot.geometry()
            vb_w, vb_h = vb.width(), vb.height()
            if vb_w < 1 or vb_h < 1:
                break
            extra_w, extra_h = g.width() - vb_w, g.height() - vb_h
            want_h = vb_w * target.height() / (aspect * target.width())
            if extra_h + want_h <= full.height():
                size = QtCore.QSizeF(g.width(), extra_h + want_h)
            else:  # a tall map: narrower instead
                avail_h = full.height() - extra_h
                size = QtCore.QSizeF(extra_w + avail_h * aspect * target.width() / target.height(), full.height())
            if abs(size.width() - g.width()) < 0.5 and abs(size.height() - g.height()) < 0.5:
                break
            plot.setGeometry(QtCore.QRectF(full.topLeft(), size))
            _settle(plot)
        yield
    finally:
        saved.restore()


@contextlib.contextmanager
def _view_backgrounds(widget: QtWidgets.QWidget, brush: QtGui.QBrush | None) -> Iterator[None]:
    """Temporarily give every graphics view inside ``widget`` this background brush."""
    if brush is None:
        yield
        return
    views = widget.findChildren(QtWidgets.QGraphicsView)
    saved = [(v, v.backgroundBrush()) for v in views]
    try:
        for v in views:
            v.setBackgroundBrush(brush)
        yield
    finally:
        for v, b in saved:
            v.setBackgroundBrush(b)


def _new_image(width: int, height: int, scale: float, background: QtGui.QColor) -> QtGui.QImage:
    image = QtGui.QImage(width, height, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
    if image.isNull():
        raise ExportError(f"not enough memory for a {width} x {height} image")
    image.setDevicePixelRatio(scale)
    image.fill(background)
    return image


def _painter(device) -> QtGui.QPainter:
    painter = QtGui.QPainter(device)
    if not painter.isActive():
        raise ExportError("could not start painting the image")
    hints = QtGui.QPainter.RenderHint
    painter.setRenderHint(hints.Antialiasing, True)
    painter.setRenderHint(hints.TextAntialiasing, True)
    painter.setRenderHint(hints.SmoothPixmapTransform, True)
    return painter


def render_item_image(item: pg.GraphicsItem, width: int | None, background: QtGui.QColor) -> QtGui.QImage:
    """A QImage of one plot item, ``width`` pixels wide (None: its on-screen size)."""
    scene = item.scene()
    source = item.sceneBoundingRect()
    if source.width() < 1 or source.height() < 1:
        raise ExportError("the panel has no size yet (is the window shown?)")
    width = round(source.width()) if width is None else width
    scale = width / source.width()
    height = max(1, round(source.height() * scale))
    image = _new_image(width, height, scale, background)
    with _export_mode([scene], background, scale):
        painter = _painter(image)
        try:
            scene.render(painter, QtCore.QRectF(0, 0, width / scale, height / scale), source,
                         QtCore.Qt.AspectRatioMode.IgnoreAspectRatio)
        finally:
            painter.end()
    return image


def render_widget_image(widget: QtWidgets.QWidget, width: int | None, background: QtGui.QColor) -> QtGui.QImage:
    """A QImage of a widget and its children as they are laid out, ``width`` pixels wide.

    The window's own grey background is not painted: the image background is
    white or transparent; a transparent export also clears the plots' white."""
    size = widget.size()
    if size.width() < 1 or size.height() < 1:
        raise ExportError("the window has no size yet (is it shown?)")
    width = size.width() if width is None else width
    scale = width / size.width()
    height = max(1, round(size.height() * scale))
    image = _new_image(width, height, scale, background)
    scenes = [v.scene() for v in widget.findChildren(QtWidgets.QGraphicsView) if v.scene() is not None]
    clear = QtGui.QBrush(QtCore.Qt.BrushStyle.NoBrush) if background.alpha() == 0 else None
    with _view_backgrounds(widget, clear), _export_mode(scenes, background, scale):
        painter = _painter(image)
        try:
            widget.render(painter, QtCore.QPoint(0, 0), QtGui.QRegion(),
                          QtWidgets.QWidget.RenderFlag.DrawChildren)
        finally:
            painter.end()
    return image


def render_item_svg(item: pg.GraphicsItem, background: QtGui.QColor) -> bytes:
    """SVG of one plot item through pyqtgraph's SVGExporter (it clips curves to the plot)."""
    exporter = pg.exporters.SVGExporter(item)
    exporter.parameters()["background"] = background
    try:
        data = exporter.export(toBytes=True)
    except Exception as exc:  # noqa: BLE001 - pyqtgraph raises anything (see PLATFORM_NOTES)
        raise ExportError(f"the SVG exporter failed ({_reason(exc)})") from None
    if not data:
        raise ExportError(f"the SVG exporter failed (returned {data!r})")
    return data


def _svg_body(text: str, prefix: str) -> tuple[str, str]:
    """(viewBox, content) of a pyqtgraph SVG document, every id prefixed so several
    documents can sit in one file."""
    root = re.search(r"<svg\b[^>]*>", text)
    if root is None or "</svg>" not in text:
        raise ExportError("the SVG exporter wrote no <svg> document")
    view_box = re.search(r'viewBox\s*=\s*"([^"]+)"', root.group(0))
    body = text[root.end():text.rindex("</svg>")]
    body = re.sub(r"<title>.*?</title>|<desc>.*?</desc>", "", body, flags=re.S)
    body = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}{m.group(1)}"', body)
    body = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}{m.group(1)})", body)
    body = re.sub(r'((?:xlink:)?href)="#([^"]+)"', lambda m: f'{m.group(1)}="#{prefix}{m.group(2)}"', body)
    return (view_box.group(1) if view_box else None), body


def _svg_text(label: QtWidgets.QLabel, root: QtWidgets.QWidget) -> str:
    """A QLabel's text as an SVG <text> where the label sits in ``root``."""
    font = label.font()
    info = QtGui.QFontInfo(font)
    metrics = QtGui.QFontMetricsF(font)
    rect = label.contentsRect()
    origin = label.mapTo(root, QtCore.QPoint(0, 0))
    x = origin.x() + rect.x()
    y = origin.y() + rect.y() + (rect.height() - metrics.height()) / 2 + metrics.ascent()
    weight = "bold" if font.bold() else "normal"
    color = label.palette().color(QtGui.QPalette.ColorRole.WindowText).name()
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-family="{xml_escape(info.family())}" '
            f'font-size="{info.pixelSize()}" font-weight="{weight}" fill="{color}">'
            f"{xml_escape(label.text())}</text>")


def render_window_svg(window, background: QtGui.QColor, width: int | None = None) -> bytes:
    """SVG of the window's three panels laid out as on screen (``window.splitter``).

    Each plot is pyqtgraph's SVG of it (vector curves and text, clipped to the
    plot area; the colour map embedded as a bitmap), placed where it sits in the
    splitter; the loss and learning-rate titles are text where their labels are.
    The "Show:" selectors are left out. ``width`` sets the nominal size only."""
    root = window.splitter
    w, h = root.width(), root.height()
    if w < 1 or h < 1:
        raise ExportError("the window has no size yet (is it shown?)")
    parts = []
    panels = [(window.contour, None), (window.loss.plot_widget, window.loss.title),
              (window.lr.plot_widget, window.lr.title)]
    for i, (view, label) in enumerate(panels):
        if not view.isVisibleTo(root) or view.width() < 1 or view.height() < 1:
            continue
        item = view.plotItem
        view_box, body = _svg_body(render_item_svg(item, background).decode("utf-8"), f"p{i}_")
        box = view.mapFromScene(item.sceneBoundingRect()).boundingRect()
        origin = view.viewport().mapTo(root, box.topLeft())
        # a group, not a nested <svg>: SVG Tiny readers (Qt's own) skip nested documents
        sx = sy = 1.0
        if view_box:
            vx, vy, vw, vh = (float(v) for v in view_box.replace(",", " ").split())
            sx, sy = box.width() / max(vw, 1e-9), box.height() / max(vh, 1e-9)
        parts.append(f'<g transform="translate({origin.x()},{origin.y()}) scale({sx:.6g},{sy:.6g})">'
                     f"{body}</g>")
        if label is not None and label.isVisibleTo(root) and label.text():
            parts.append(_svg_text(label, root))
    nominal_w = w if width is None else width
    nominal_h = h if width is None else max(1, round(h * width / w))
    fill = (f'<rect width="100%" height="100%" fill="{background.name()}"/>\n' if background.alpha() else "")
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
           f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" '
           f'width="{nominal_w}" height="{nominal_h}" viewBox="0 0 {w} {h}">\n'
           "<title>Gradient Arena</title>\n" + fill + "\n".join(parts) + "\n</svg>\n")
    return doc.encode("utf-8")


# --------------------------------------------------------------- the panels
def _panel(window, which: str):
    """(plot item or widget, title to show on the plot) for ``which``."""
    if which == "contour":
        return window.contour.plotItem, None
    if which == "loss":
        return window.loss.plot, window.loss.title.text()
    if which == "learning_rate":
        return window.lr.plot, window.lr.title.text()
    return window.splitter, None


def write_png(image: QtGui.QImage, target: str, shown: str) -> None:
    def write(tmp: str) -> None:
        if not image.save(tmp, "PNG"):
            raise ExportError("the PNG exporter failed (returned False)")
    write_atomically(target, shown, write)


def write_bytes(data: bytes, target: str, shown: str) -> None:
    def write(tmp: str) -> None:
        try:
            with open(tmp, "wb") as fh:
                fh.write(data)
        except OSError as exc:
            raise ExportError(f"cannot write '{shown}': {_reason(exc)}") from None
    write_atomically(target, shown, write)


def export_panel(window, which: str, path: str | os.PathLike, *, width: int | None = None,
                 background: str = "white", fit_map: bool = True) -> str:
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
    color = _background(background)
    if width is not None and fmt == "png":
        check_width(width)
    target = check_target(shown)
    thing, title = _panel(window, which)
    try:
        if which == "window":
            if fmt == "png":
                write_png(render_widget_image(thing, width, color), target, shown)
            else:
                write_bytes(render_window_svg(window, color, width), target, shown)
        else:
            fit = _fit_map(thing) if which == "contour" and fit_map else contextlib.nullcontext()
            with _plot_title(thing, title), fit:
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
        raise ExportError(f"exporting to '{shown}' failed: {_reason(exc)}") from exc
    return target


# ---------------------------------------------------------------- headless
def render_headless(config, *, png: str | None = None, svg: str | None = None, gif: str | None = None,
                    mp4: str | None = None, width: int = DEFAULT_WIDTH, steps_per_frame: int | None = None,
                    fps: int = 30, animation_size: tuple[int, int] | None = None,
                    progress=None) -> dict[str, object]:
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
    from .animation import (_check_options, check_animation_path, default_steps_per_frame, render_animation,
                            suggested_size)
    from .app import make_app

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
    size = animation_size or suggested_size(config, with_loss=True)
    if gif is not None or mp4 is not None:
        _check_options(config, fps, spf, size)
    if QtWidgets.QApplication.instance() is None:
        # nothing is shown: no display needed (a server, CI); must precede the QApplication
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = make_app()
    out: dict[str, object] = {}
    if png is not None or svg is not None:
        from .main_window import MainWindow

        scratch = QtCore.QTemporaryDir()
        settings = QtCore.QSettings(scratch.filePath("settings.ini"), QtCore.QSettings.Format.IniFormat)
        window = MainWindow(settings=settings, config=config.copy())
        try:
            window.setAttribute(QtCore.Qt.WidgetAttribute.WA_DontShowOnScreen, True)
            window.resize(*HEADLESS_SIZE)
            window.show()
            window.controller.step(config.steps)
            for _ in range(3):  # let layouts and axes settle as on screen
                window.repaint()
                app.processEvents()
            if png is not None:
                written = export_panel(window, "window", png, width=width)
                size_px = QtGui.QImageReader(written).size()
                out[written] = f"{size_px.width()} x {size_px.height()} PNG"
            if svg is not None:
                out[export_panel(window, "window", svg)] = "SVG"
        finally:
            window.controller.pause()
            window.close()
            window.deleteLater()
            app.processEvents()
    for p in (gif, mp4):
        if p is not None:
            frames = render_animation(config, p, fps=fps, steps_per_frame=spf, with_loss=True, size=size,
                                      progress=progress)
            out[os.path.abspath(p)] = f"{frames} frames"
    return out

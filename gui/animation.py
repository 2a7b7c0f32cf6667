"""Animations of a race: GIF or MP4, rendered offscreen frame by frame.

``render_animation(config, path)`` builds its own view (a contour map, and
optionally the loss panel beside it) and its own :class:`arena.Race` on a copy
of ``config``; the live window and its race are never touched. Frame 0 shows
the start; then the race advances ``steps_per_frame`` steps per frame until
its step budget is used or every racer has stopped, so a full run makes
``1 + ceil(steps_run / steps_per_frame)`` frames. The map's title shows the
step, so no two frames are alike.

Frames go to the file as they are made (nothing holds the whole animation):

* GIF: a small streaming writer (:class:`GifStream`): each frame is quantised
  to its own 256-colour table by Pillow and only the rectangle that changed is
  stored. (imageio's pillow plugin keeps every frame in memory until the file
  is closed.) GIF delays are whole hundredths of a second and browsers slow
  delays under 20 ms down to 100 ms, so a GIF plays at most 50 frames/s.
* MP4: imageio's ffmpeg plugin (imageio-ffmpeg's bundled ffmpeg), H.264
  (libx264), yuv420p, CRF 15; odd frame sizes are padded with one white
  row/column (H.264 in yuv420p needs even sizes).

The file is written under a hidden temporary name in the target folder and
renamed at the end; a cancelled or failed render leaves nothing behind.
"""
from __future__ import annotations

import contextlib
import html
import io
import math
import os
import struct
from typing import Callable

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from .image_export import ExportError, _reason, check_target, temp_sibling

ANIMATION_FORMATS = (".gif", ".mp4")
MIN_FPS, MAX_FPS = 1, 60
MIN_SIDE, MAX_SIDE = 64, 3840
TARGET_FRAMES = 150
GIF_MIN_DELAY_MS = 20
TRANSPARENT = 255  # GIF palette index meaning "as in the previous frame"
MP4_QUALITY = 7  # imageio's 0..10 scale; for libx264 it becomes -crf 15 (thin lines stay sharp)

Progress = Callable[[int, int], bool]


class AnimationCancelled(Exception):
    """The progress callback asked to stop; no file was written."""


# ------------------------------------------------------------------ checks
def animation_format(path) -> str:
    """'gif' or 'mp4' from the extension (any case); ExportError otherwise."""
    ext = os.path.splitext(os.fspath(path))[1].lower()
    if ext not in ANIMATION_FORMATS:
        shown = f"'{ext}'" if ext else "(none)"
        raise ExportError(f"unknown animation format {shown}; use .gif or .mp4")
    return ext[1:]


def check_animation_path(path) -> str:
    """Check the extension and the folder; return the absolute target path."""
    animation_format(path)
    return check_target(os.fspath(path))


def default_steps_per_frame(steps: int, frames: int = TARGET_FRAMES) -> int:
    """Steps per frame so the whole budget makes about ``frames`` frames (>= 1)."""
    return max(1, math.ceil(max(0, int(steps)) / max(1, frames - 1)))


def frame_count(steps: int, steps_per_frame: int) -> int:
    """Frames for a race that runs ``steps`` steps: the start plus one per chunk."""
    return 1 + math.ceil(max(0, int(steps)) / max(1, int(steps_per_frame)))


def suggested_size(config, with_loss: bool = False, width: int | None = None) -> tuple[int, int]:
    """A frame size (even numbers) whose map part has the surface's shape, so the
    map fills its panel without empty bands."""
    width = width or (1280 if with_loss else 800)
    try:
        (x0, x1), (y0, y1) = config.build_surface().domain
        ratio = (y1 - y0) / (x1 - x0)
    except Exception:  # noqa: BLE001 - any surface trouble: a plain 4:3
        ratio = 0.75
    map_w = width * (0.6 if with_loss else 1.0) - 60  # minus the y axis
    height = map_w * ratio + 90  # plus title and x axis
    height = min(max(height, 360 if with_loss else 300), width * 1.25)
    return width, int(round(height / 2)) * 2


def _check_options(config, fps, steps_per_frame, size) -> tuple[int, int]:
    if isinstance(fps, bool) or not isinstance(fps, int) or not MIN_FPS <= fps <= MAX_FPS:
        raise ExportError(f"fps must be a whole number from {MIN_FPS} to {MAX_FPS}, got {fps!r}")
    if isinstance(steps_per_frame, bool) or not isinstance(steps_per_frame, int) or steps_per_frame < 1:
        raise ExportError(f"steps per frame must be a whole number >= 1, got {steps_per_frame!r}")
    try:
        w, h = (int(v) for v in size)
    except (TypeError, ValueError):
        raise ExportError(f"size must be (width, height) in pixels, got {size!r}") from None
    if not (MIN_SIDE <= w <= MAX_SIDE and MIN_SIDE <= h <= MAX_SIDE):
        raise ExportError(f"frame size must be from {MIN_SIDE} to {MAX_SIDE} pixels a side, got {w} x {h}")
    if not getattr(config, "racers", None):
        raise ExportError("the race has no racers: nothing to animate")
    try:
        config.copy().validate()
    except ValueError as exc:
        raise ExportError(f"the race cannot run: {exc}") from None
    return w, h


# ------------------------------------------------------------- GIF writer
def _gif_parts(image) -> tuple[int, bytes, bytes, int]:
    """(size bits, colour table, LZW data incl. code size and sub-blocks, interlace
    flag) of a P-mode PIL image, as Pillow's GIF writer encodes it."""
    buf = io.BytesIO()
    image.save(buf, format="GIF", interlace=False, optimize=False)  # keep our palette indices
    data = buf.getvalue()
    if data[:6] not in (b"GIF87a", b"GIF89a"):
        raise ExportError("the GIF encoder wrote something else than a GIF")
    packed = data[10]
    pos = 13
    table, bits = b"", 0
    if packed & 0x80:
        bits = packed & 0x07
        table = data[pos:pos + 3 * (2 << bits)]
        pos += len(table)
    while pos < len(data):
        block = data[pos]
        if block == 0x21:  # an extension: label, then sub-blocks
            pos += 2
            while data[pos]:
                pos += data[pos] + 1
            pos += 1
        elif block == 0x2C:  # the image
            flags = data[pos + 9]
            pos += 10
            if flags & 0x80:  # a local table instead of the global one
                bits = flags & 0x07
                table = data[pos:pos + 3 * (2 << bits)]
                pos += len(table)
            start = pos
            pos += 1  # LZW minimum code size
            while data[pos]:
                pos += data[pos] + 1
            pos += 1
            return bits, table, data[start:pos], flags & 0x40
        else:
            break
    raise ExportError("the GIF encoder wrote no image")


def gif_palette(first_frame: np.ndarray, keep_colors=()) -> np.ndarray:
    """A 256-colour palette for a whole animation: exact white, black and a grey
    ramp (axes, text), every ``keep_colors`` colour with its blends towards white
    (racers' lines and their antialiased edges), and the rest chosen by median
    cut from the first frame (the colour map, contour lines, markers)).
    Returns a (256, 3) int array."""
    from PIL import Image

    fixed: list[tuple[int, int, int]] = [(255, 255, 255), (0, 0, 0)]
    fixed += [(g, g, g) for g in range(16, 255, 16)]
    for color in keep_colors:
        c = np.array(color, dtype=float)
        for alpha in (1.0, 0.75, 0.5, 0.25):
            fixed.append(tuple(int(round(v)) for v in alpha * c + (1 - alpha) * 255.0))
    unique: list[tuple[int, int, int]] = []
    for c in fixed:
        if c not in unique:
            unique.append(c)
    unique = unique[:128]
    spare = TRANSPARENT - len(unique)
    median = Image.fromarray(np.ascontiguousarray(first_frame), "RGB").quantize(
        spare, method=Image.Quantize.MEDIANCUT).getpalette()[: 3 * spare]
    flat = [v for c in unique for v in c] + list(median)
    flat += [0] * (3 * TRANSPARENT - len(flat)) + [255, 0, 255]  # the last entry: "unchanged" (transparent)
    return np.array(flat, dtype=np.int32).reshape(256, 3)


class ColorMapper:
    """Each pixel's nearest palette entry, exactly (Pillow's own palette mapping
    rounds colours: white came out as 251 grey). Colours already seen are looked
    up in a table of all 2**24 RGB values (16 MB), so after the first frame only
    new colours cost anything."""

    def __init__(self, palette: np.ndarray):
        self.palette = palette[:TRANSPARENT].astype(np.int32)
        self.table = np.zeros(1 << 24, dtype=np.uint8)
        self.known = np.zeros(1 << 24, dtype=bool)

    def __call__(self, rgb: np.ndarray) -> np.ndarray:
        h, w = rgb.shape[:2]
        packed = ((rgb[..., 0].astype(np.uint32) << 16) | (rgb[..., 1].astype(np.uint32) << 8)
                  | rgb[..., 2]).ravel()
        new = np.unique(packed[~self.known[packed]])
        for lo in range(0, len(new), 4096):  # bounded memory: 4096 x 256 distances at a time
            chunk = new[lo:lo + 4096]
            wanted = np.stack([(chunk >> 16) & 255, (chunk >> 8) & 255, chunk & 255], axis=1).astype(np.int32)
            d = ((wanted[:, None, :] - self.palette[None, :, :]) ** 2).sum(axis=2)
            self.table[chunk] = d.argmin(axis=1)
            self.known[chunk] = True
        return self.table[packed].reshape(h, w)


class GifStream:
    """Write an animated GIF frame by frame, holding only the previous frame.

    Each frame stores only the rectangle that changed since the previous one.
    Colours: one palette for the whole animation (:func:`gif_palette`, built
    from the first frame and the racers' colours), no dithering, so unchanged
    areas never flicker and racer colours stay exact. Frames are never merged:
    the file has exactly as many frames as were added."""

    def __init__(self, fp, size: tuple[int, int], delay_ms: float, loop: int = 0, keep_colors=()):
        from PIL import Image  # noqa: F401 - fail early if Pillow is missing

        self.fp = fp
        self.width, self.height = size
        self.delay_cs = max(1, math.floor(delay_ms / 10 + 0.5))  # GIF delays: hundredths of a second
        self.keep_colors = [tuple(int(v) for v in c) for c in keep_colors]
        self.palette = None
        self.previous: np.ndarray | None = None
        self.count = 0
        fp.write(b"GIF89a" + struct.pack("<HHBBB", self.width, self.height, 0, 0, 0))
        fp.write(b"!\xff\x0bNETSCAPE2.0\x03\x01" + struct.pack("<H", loop) + b"\x00")

    def add(self, frame: np.ndarray) -> None:
        from PIL import Image

        if frame.shape != (self.height, self.width, 3):
            raise ExportError(f"frame of shape {frame.shape} in a {self.width} x {self.height} GIF")
        if self.palette is None:
            self.palette = gif_palette(frame, self.keep_colors)
            self.mapper = ColorMapper(self.palette)
        if self.previous is None:
            y0, y1, x0, x1 = 0, self.height, 0, self.width
        else:
            diff = frame != self.previous
            changed = diff[..., 0] | diff[..., 1] | diff[..., 2]  # 6x faster than any(axis=2)
            rows = np.flatnonzero(changed.any(axis=1))
            if rows.size:
                y0, y1 = int(rows[0]), int(rows[-1]) + 1
                cols = np.flatnonzero(changed[y0:y1].any(axis=0))
                x0, x1 = int(cols[0]), int(cols[-1]) + 1
            else:  # nothing changed: a 1-pixel frame keeps the frame count honest
                y0, y1, x0, x1 = 0, 1, 0, 1
        index = self.mapper(frame[y0:y1, x0:x1])
        flags = 1 << 2  # disposal 1: later frames draw over this one
        if self.previous is not None:
            # unchanged pixels inside the rectangle: the transparent index (long runs of
            # one index, which LZW packs into almost nothing)
            index[~changed[y0:y1, x0:x1]] = TRANSPARENT
            flags |= 1
        indexed = Image.fromarray(index, "P")
        indexed.putpalette(self.palette.astype(np.uint8).ravel().tolist())
        bits, table, lzw, interlace = _gif_parts(indexed)
        self.fp.write(b"!\xf9\x04" + bytes([flags]) + struct.pack("<H", self.delay_cs)
                      + bytes([TRANSPARENT]) + b"\x00")
        self.fp.write(b"," + struct.pack("<HHHH", x0, y0, x1 - x0, y1 - y0) + bytes([0x80 | interlace | bits]))
        self.fp.write(table)
        self.fp.write(lzw)
        self.previous = frame
        self.count += 1

    def close(self) -> None:
        self.fp.write(b";")


class _GifWriter:
    def __init__(self, path: str, size, fps: int, keep_colors=()):
        self.fh = open(path, "wb")
        self.stream = GifStream(self.fh, size, max(1000.0 / fps, GIF_MIN_DELAY_MS), keep_colors=keep_colors)

    def append(self, frame: np.ndarray) -> None:
        self.stream.add(frame)

    def close(self) -> None:
        try:
            self.stream.close()
        finally:
            self.fh.close()

    def abort(self) -> None:
        self.fh.close()


class _Mp4Writer:
    def __init__(self, path: str, size, fps: int):
        import imageio.v2 as iio

        self.writer = iio.get_writer(path, format="FFMPEG", mode="I", fps=fps, codec="libx264",
                                     pixelformat="yuv420p", quality=MP4_QUALITY, macro_block_size=2,
                                     ffmpeg_log_level="error", output_params=["-movflags", "+faststart"])

    def append(self, frame: np.ndarray) -> None:
        h, w = frame.shape[:2]
        if h % 2 or w % 2:  # yuv420p needs even sides: one white row / column
            padded = np.full((h + h % 2, w + w % 2, 3), 255, np.uint8)
            padded[:h, :w] = frame
            frame = padded
        self.writer.append_data(frame)

    def close(self) -> None:
        self.writer.close()

    def abort(self) -> None:
        with contextlib.suppress(Exception):
            self.writer.close()


# ------------------------------------------------------------------- view
def _hide_mode_row(panel) -> None:
    """The per-step panels' "Show:" selector means nothing in a picture."""
    panel.mode_box.hide()
    for label in panel.findChildren(QtWidgets.QLabel):
        if label.text().strip() == "Show:":
            label.hide()


class RaceView(QtWidgets.QWidget):
    """The offscreen picture of a race: contour map (and loss panel) side by side."""

    def __init__(self, config, size: tuple[int, int], with_loss: bool):
        from .contour_panel import ContourPanel
        from .loss_panel import LossPanel

        super().__init__()
        self.setAttribute(QtCore.Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QtGui.QPalette.ColorRole.Window, QtGui.QColor("white"))
        self.setPalette(palette)
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(6)
        self.config = config
        self.contour = ContourPanel()
        self.contour.setAttribute(QtCore.Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        layout.addWidget(self.contour, 3)
        self.loss = None
        if with_loss:
            self.loss = LossPanel()
            _hide_mode_row(self.loss)
            layout.addWidget(self.loss, 2)
        self.resize(*size)
        self.show()
        self._layout_now()
        self.title = ""

    def _layout_now(self) -> None:
        self.layout().activate()
        QtWidgets.QApplication.processEvents()

    def start(self, race, final_race=None) -> None:
        surface = race.surface
        self.contour.set_surface(surface)
        self.contour.set_start(*self.config.start)
        self.contour.set_racers(self.config.racers)
        self.title = html.escape(f"{surface.title}: {surface.formula}", quote=False)
        if self.loss is not None:
            self.loss.set_surface(surface)
            self.loss.set_racers(self.config.racers)
            if final_race is not None:
                # fix the axes to the whole race: curves grow into a still frame
                self.loss.update_curves(final_race.runners)
                self.loss.set_step(final_race.steps)
                vb = self.loss.plot.vb
                vb.autoRange(padding=0.04)
                vb.setXRange(0, max(1, final_race.steps), padding=0.02)
                vb.disableAutoRange()
                self.loss.set_racers(self.config.racers)  # the same racers: curves restart, items stay
        self.update_race(race)
        self._layout_now()
        # The view range never moves during an animation: the colour map, the
        # contour lines and the axes (with their grids) are drawn once and kept
        # as pixmaps (3x faster frames on a contour-rich surface).
        cache = QtWidgets.QGraphicsItem.CacheMode.DeviceCoordinateCache
        static = [self.contour.image, self.contour.lines]
        plots = [self.contour.plotItem] + ([self.loss.plot] if self.loss is not None else [])
        static += [p.getAxis(name) for p in plots for name in ("left", "bottom")]
        for item in static:
            item.setCacheMode(cache)
        # Hidden once laid out: render() still paints it, and the event loop no
        # longer paints it a second time for nothing.
        self.hide()
        QtWidgets.QApplication.processEvents()

    def update_race(self, race) -> None:
        self.contour.update_paths(race.runners)
        self.contour.plotItem.setTitle(f"{self.title} &nbsp;&nbsp;·&nbsp;&nbsp; step {race.steps}")
        if self.loss is not None:
            self.loss.update_curves(race.runners)
            self.loss.set_step(race.steps)

    def frame(self) -> np.ndarray:
        """The view as an (height, width, 3) uint8 RGB array, whatever the screen's pixel ratio."""
        w, h = self.width(), self.height()
        image = QtGui.QImage(w, h, QtGui.QImage.Format.Format_RGB32)
        image.fill(QtGui.QColor("white"))
        painter = QtGui.QPainter(image)
        try:
            self.render(painter, QtCore.QPoint(0, 0))
        finally:
            painter.end()
        return qimage_to_rgb(image)


def qimage_to_rgb(image: QtGui.QImage) -> np.ndarray:
    """Copy a QImage into an (h, w, 3) uint8 RGB array (row stride respected)."""
    image = image.convertToFormat(QtGui.QImage.Format.Format_RGB888)
    w, h, stride = image.width(), image.height(), image.bytesPerLine()
    buf = np.frombuffer(image.constBits(), dtype=np.uint8, count=stride * h)
    return buf.reshape(h, stride)[:, : w * 3].reshape(h, w, 3).copy()


# ----------------------------------------------------------------- render
def render_animation(config, path, *, fps: int = 30, steps_per_frame: int = 1, with_loss: bool = False,
                     size: tuple[int, int] = (800, 600), progress: Progress | None = None) -> int:
    """Render the race of ``config`` (an ``arena.RaceConfig``) from step 0 to its
    budget (or until every racer stopped) as a GIF or MP4 at ``path``; return
    the number of frames written.

    ``size`` is the frame size in pixels (an MP4 pads odd sides by one pixel);
    ``with_loss`` puts the loss panel beside the map; ``progress(done, total)``
    is called after every frame (``total`` shrinks if the racers stop early)
    and returning False cancels: :class:`AnimationCancelled` is raised and no
    file is left. Errors raise ``ExportError`` with a one-line message.
    """
    from arena import Race

    from .app import make_app

    fmt = animation_format(path)
    w, h = _check_options(config, fps, steps_per_frame, size)
    shown = os.fspath(path)
    target = check_target(shown)
    app = make_app()
    config = config.copy()
    race = Race(config.copy())
    final = Race(config.copy()) if with_loss else None
    if final is not None:
        final.advance(config.steps)
    view = RaceView(config, (w, h), with_loss)
    tmp = writer = None
    frames = 0
    try:
        view.start(race, final)
        try:
            tmp = temp_sibling(target)
            if fmt == "gif":
                colors = [QtGui.QColor(r.color).getRgb()[:3] for r in config.racers]
                writer = _GifWriter(tmp, (w, h), fps, colors)
            else:
                writer = _Mp4Writer(tmp, (w, h), fps)
        except OSError as exc:
            raise ExportError(f"cannot write '{shown}': {_reason(exc)}") from None
        while True:
            app.processEvents()  # layout changes land before the paint; the app stays responsive
            writer.append(view.frame())
            frames += 1
            remaining = 0 if race.done else math.ceil((config.steps - race.steps) / steps_per_frame)
            if progress is not None and progress(frames, frames + remaining) is False:
                raise AnimationCancelled(f"cancelled after {frames} frames")
            if race.done:
                break
            race.advance(steps_per_frame)
            view.update_race(race)
        done, writer = writer, None
        done.close()
        size_written = os.path.getsize(tmp)
        if size_written <= 0:
            raise ExportError(f"cannot write '{shown}': the written file is empty")
        os.replace(tmp, target)
        tmp = None
        return frames
    except (ExportError, AnimationCancelled):
        raise
    except OSError as exc:
        raise ExportError(f"cannot write '{shown}': {_reason(exc)}") from None
    except Exception as exc:  # noqa: BLE001 - the encoder's own errors, told in one line
        raise ExportError(f"the {fmt.upper()} encoder failed: {_reason(exc)}") from exc
    finally:
        if writer is not None:
            writer.abort()
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.remove(tmp)
        view.close()
        view.deleteLater()

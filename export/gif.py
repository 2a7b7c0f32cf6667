"""A streaming animated-GIF writer: one palette for the whole animation, only changed rectangles stored.

(imageio's pillow plugin keeps every frame in memory until the file is closed.)
GIF delays are whole hundredths of a second and browsers slow delays under 20 ms
down to 100 ms, so a GIF plays at most 50 frames/s. Frames are NumPy RGB arrays
``(height, width, 3)`` of ``uint8``; Pillow does the LZW coding. Qt-free.
"""

from __future__ import annotations

import io
import math
import struct

import numpy as np

from .files import ExportError

__all__ = ["GIF_MIN_DELAY_MS", "TRANSPARENT", "ColorMapper", "GifStream", "GifWriter", "gif_palette"]


GIF_MIN_DELAY_MS = 20


TRANSPARENT = 255  # GIF palette index meaning "as in the previous frame"


def gif_parts(image) -> tuple[int, bytes, bytes, int]:
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
        table = data[pos : pos + 3 * (2 << bits)]
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
                table = data[pos : pos + 3 * (2 << bits)]
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

    fixed: list[tuple[int, ...]] = [(255, 255, 255), (0, 0, 0)]
    fixed += [(g, g, g) for g in range(16, 255, 16)]
    for color in keep_colors:
        rgb = np.array(color, dtype=float)
        for alpha in (1.0, 0.75, 0.5, 0.25):
            fixed.append(tuple(int(round(v)) for v in alpha * rgb + (1 - alpha) * 255.0))
    unique: list[tuple[int, ...]] = []
    for c in fixed:
        if c not in unique:
            unique.append(c)
    unique = unique[:128]
    spare = TRANSPARENT - len(unique)
    median = (
        Image.fromarray(np.ascontiguousarray(first_frame), "RGB")
        .quantize(spare, method=Image.Quantize.MEDIANCUT)
        .getpalette()
        or []
    )[: 3 * spare]
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
        packed = ((rgb[..., 0].astype(np.uint32) << 16) | (rgb[..., 1].astype(np.uint32) << 8) | rgb[..., 2]).ravel()
        new = np.unique(packed[~self.known[packed]])
        for lo in range(0, len(new), 4096):  # bounded memory: 4096 x 256 distances at a time
            chunk = new[lo : lo + 4096]
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
        self.palette: np.ndarray | None = None
        self.mapper: ColorMapper | None = None
        self.previous: np.ndarray | None = None
        self.count = 0
        fp.write(b"GIF89a" + struct.pack("<HHBBB", self.width, self.height, 0, 0, 0))
        fp.write(b"!\xff\x0bNETSCAPE2.0\x03\x01" + struct.pack("<H", loop) + b"\x00")

    def add(self, frame: np.ndarray) -> None:
        from PIL import Image

        if frame.shape != (self.height, self.width, 3):
            raise ExportError(f"frame of shape {frame.shape} in a {self.width} x {self.height} GIF")
        if self.palette is None or self.mapper is None:
            self.palette = gif_palette(frame, self.keep_colors)
            self.mapper = ColorMapper(self.palette)
        palette, mapper = self.palette, self.mapper
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
        index = mapper(frame[y0:y1, x0:x1])
        flags = 1 << 2  # disposal 1: later frames draw over this one
        if self.previous is not None:
            # unchanged pixels inside the rectangle: the transparent index (long runs of
            # one index, which LZW packs into almost nothing)
            index[~changed[y0:y1, x0:x1]] = TRANSPARENT
            flags |= 1
        indexed = Image.fromarray(index, "P")
        indexed.putpalette(palette.astype(np.uint8).ravel().tolist())
        bits, table, lzw, interlace = gif_parts(indexed)
        self.fp.write(b"!\xf9\x04" + bytes([flags]) + struct.pack("<H", self.delay_cs) + bytes([TRANSPARENT]) + b"\x00")
        self.fp.write(b"," + struct.pack("<HHHH", x0, y0, x1 - x0, y1 - y0) + bytes([0x80 | interlace | bits]))
        self.fp.write(table)
        self.fp.write(lzw)
        self.previous = frame
        self.count += 1

    def close(self) -> None:
        self.fp.write(b";")


class GifWriter:
    def __init__(self, path: str, size, fps: int, keep_colors=()):
        self.fh = open(path, "wb")
        self.stream = GifStream(self.fh, size, max(1000.0 / fps, GIF_MIN_DELAY_MS), keep_colors=keep_colors)

    def append(self, frame: np.ndarray) -> None:
        self.stream.add(frame)

    def close(self) -> None:
        """Finish the file; OSError (``no space left on device``) if any byte could not be written."""
        try:
            self.stream.close()
            self.fh.flush()  # a full disk shows here (OSError), not as a short file
        finally:
            self.fh.close()

    def abort(self) -> None:
        """Close after a failure; a second error (a full disk again while flushing) is not raised."""
        try:
            self.fh.close()
        except OSError:
            pass

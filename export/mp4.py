"""MP4 (H.264, yuv420p) through imageio's ffmpeg plugin, with the ffmpeg that imageio-ffmpeg bundles.

CRF 15 keeps thin lines sharp; odd frame sizes are padded with one white row or
column (H.264 in yuv420p needs even sizes). Frames are NumPy RGB arrays. Qt-free.

imageio does not look at ffmpeg's exit status, so :meth:`Mp4Writer.close` does: a
failed ffmpeg, or a file whose boxes do not add up (ffmpeg stopped by a full disk),
raises instead of leaving a broken video that looks written.
"""

from __future__ import annotations

import contextlib
import errno
import os
import struct

import numpy as np

from .files import ExportError

__all__ = ["MP4_QUALITY", "Mp4Writer", "mp4_problem"]


MP4_QUALITY = 7  # imageio's 0..10 scale; for libx264 it becomes -crf 15 (thin lines stay sharp)
LOW_SPACE = 1 << 20  # bytes: a failed encoder with less than this free ran out of disk


def mp4_problem(path: str) -> str | None:
    """Why the file at ``path`` is not a complete MP4 (its top-level boxes must fill it exactly
    and hold ``ftyp``, ``moov`` and ``mdat``), or None when it is."""
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as fh:
            pos, seen = 0, set()
            while pos < size:
                fh.seek(pos)
                head = fh.read(16)
                if len(head) < 8:
                    return "the file ends inside a box header (truncated)"
                length, kind = struct.unpack(">I4s", head[:8])
                if length == 1 and len(head) == 16:
                    length = struct.unpack(">Q", head[8:16])[0]
                elif length == 0:
                    length = size - pos
                if length < 8 or pos + length > size:
                    return "the file is truncated"
                seen.add(kind)
                pos += length
    except OSError as exc:
        return exc.strerror or str(exc)
    missing = [k.decode() for k in (b"ftyp", b"moov", b"mdat") if k not in seen]
    return f"the file has no {', '.join(missing)} box" if missing else None


def _low_space(path: str) -> bool:
    try:
        st = os.statvfs(os.path.dirname(os.path.abspath(path)) or ".")
    except OSError:
        return False
    return st.f_bavail * st.f_frsize < LOW_SPACE


class Mp4Writer:
    def __init__(self, path: str, size, fps: int):
        import imageio.v2 as iio

        self.path = path
        self.writer = iio.get_writer(
            path,
            format="FFMPEG",
            mode="I",
            fps=fps,
            codec="libx264",
            pixelformat="yuv420p",
            quality=MP4_QUALITY,
            macro_block_size=2,
            ffmpeg_log_level="quiet",  # failures are told by close(), in one line
            output_params=["-movflags", "+faststart"],
        )

    def append(self, frame: np.ndarray) -> None:
        h, w = frame.shape[:2]
        if h % 2 or w % 2:  # yuv420p needs even sides: one white row / column
            padded = np.full((h + h % 2, w + w % 2, 3), 255, np.uint8)
            padded[:h, :w] = frame
            frame = padded
        try:
            self.writer.append_data(frame)
        except OSError as exc:  # ffmpeg's pipe broke: it stopped, most often on a full disk
            if _low_space(self.path):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)) from None
            raise ExportError(f"the MP4 encoder stopped: {str(exc).splitlines()[0]}") from None

    def close(self) -> None:
        """Finish the video and check it: OSError ENOSPC on a full disk, ExportError for another failure."""
        process = None
        with contextlib.suppress(Exception):  # imageio keeps ffmpeg's Popen in its generator
            process = self.writer._write_gen.gi_frame.f_locals.get("p")  # type: ignore[attr-defined]
        self.writer.close()
        code = getattr(process, "returncode", None)
        problem = f"ffmpeg exited with status {code}" if code not in (0, None) else mp4_problem(self.path)
        if problem is not None:
            if _low_space(self.path):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            raise ExportError(f"the MP4 encoder failed: {problem}")

    def abort(self) -> None:
        with contextlib.suppress(Exception):
            self.writer.close()

"""MP4 (H.264, yuv420p) through imageio's ffmpeg plugin, with the ffmpeg that imageio-ffmpeg bundles.

CRF 15 keeps thin lines sharp; odd frame sizes are padded with one white row or
column (H.264 in yuv420p needs even sizes). Frames are NumPy RGB arrays. Qt-free.
"""

from __future__ import annotations

import contextlib

import numpy as np

__all__ = ["MP4_QUALITY", "Mp4Writer"]


MP4_QUALITY = 7  # imageio's 0..10 scale; for libx264 it becomes -crf 15 (thin lines stay sharp)


class Mp4Writer:
    def __init__(self, path: str, size, fps: int):
        import imageio.v2 as iio

        self.writer = iio.get_writer(
            path,
            format="FFMPEG",
            mode="I",
            fps=fps,
            codec="libx264",
            pixelformat="yuv420p",
            quality=MP4_QUALITY,
            macro_block_size=2,
            ffmpeg_log_level="error",
            output_params=["-movflags", "+faststart"],
        )

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

"""The export formats and options users may ask for, checked before any work starts (Qt-free)."""

from __future__ import annotations

import math
import os

from .files import ExportError, check_target

__all__ = [
    "ANIMATION_FORMATS",
    "BACKGROUNDS",
    "DEFAULT_WIDTH",
    "IMAGE_FORMATS",
    "MAX_FPS",
    "MAX_SIDE",
    "MAX_WIDTH",
    "MIN_FPS",
    "MIN_SIDE",
    "MIN_WIDTH",
    "TARGET_FRAMES",
    "animation_format",
    "check_animation_options",
    "check_animation_path",
    "check_width",
    "default_steps_per_frame",
    "frame_count",
    "image_format",
    "suggested_size",
]


IMAGE_FORMATS = (".png", ".svg")


BACKGROUNDS = ("white", "transparent")


MIN_WIDTH, MAX_WIDTH = 200, 8000


DEFAULT_WIDTH = 2400


ANIMATION_FORMATS = (".gif", ".mp4")


MIN_FPS, MAX_FPS = 1, 60


MIN_SIDE, MAX_SIDE = 64, 3840


TARGET_FRAMES = 150


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


def check_animation_options(config, fps, steps_per_frame, size) -> tuple[int, int]:
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

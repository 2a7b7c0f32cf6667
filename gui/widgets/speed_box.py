"""SpeedBox: playback speed from slow motion (1 step per second) to 1000 steps per frame.

Its value is a level: ``1`` ... ``1000`` are steps per frame; ``0``, ``-1``, ``-2`` are slow
motion, one step per 0.25 s, 0.5 s and 1 s (see :data:`SLOW_MOTION`). The arrows move
between round levels (…, 0.25 s, 1, 2, 3, 5, 10, 20, …); any whole number of steps per
frame can be typed."""

from __future__ import annotations

import re

from PySide6 import QtGui, QtWidgets

from gui.i18n import retranslate_on_change, tr

SLOW_MOTION = {0: 0.25, -1: 0.5, -2: 1.0}  # level -> seconds per step
MAX_STEPS_PER_FRAME = 1000
LEVELS = (-2, -1, 0, 1, 2, 3, 5, 10, 20, 30, 50, 100, 200, 300, 500, 1000)


def speed_text(level: int) -> str:
    """'1 step / 0.5 s', '1 step/frame', '20 steps/frame' (plural only above one)."""
    if level in SLOW_MOTION:
        return tr("1 step / {seconds} s").format(seconds=f"{SLOW_MOTION[level]:g}")
    return tr("1 step/frame") if level == 1 else tr("{steps} steps/frame").format(steps=level)


def level_for_seconds(seconds: float) -> int:
    """The slow-motion level closest to ``seconds`` per step."""
    return min(SLOW_MOTION, key=lambda lv: abs(SLOW_MOTION[lv] - seconds))


class SpeedBox(QtWidgets.QSpinBox):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("speed")
        self.setRange(min(SLOW_MOTION), MAX_STEPS_PER_FRAME)
        self.setKeyboardTracking(False)
        self.retranslate()
        retranslate_on_change(self, self.retranslate)

    def retranslate(self) -> None:
        """Tooltip and shown speed in the window's language (the speed stays)."""
        self.setToolTip(
            tr(
                "Playback speed: slow motion (one step every 1 s, 0.5 s or 0.25 s, to watch and explain each step) "
                "up to {max} steps per frame (about 60 frames per second). "
                "Type a number of steps per frame, or '0.5 s' for slow motion."
            ).format(max=MAX_STEPS_PER_FRAME)
        )
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance(speed_text(MAX_STEPS_PER_FRAME)) + 40)
        self.setSuffix("")  # shows the value again through textFromValue

    def textFromValue(self, value: int) -> str:  # noqa: N802 - Qt API
        return speed_text(value)

    def _parse(self, text: str) -> int | None:
        text = text.strip().lower()
        m = re.fullmatch(r"(?:1\s*[^/\d]*/\s*)?([0-9.]+)\s*s", text)  # "1 step / 0.5 s" in any language
        if m:
            try:
                return level_for_seconds(float(m.group(1)))
            except ValueError:
                return None
        m = re.match(r"(\d+)", text)
        if m:
            n = int(m.group(1))
            return n if 1 <= n <= MAX_STEPS_PER_FRAME else None
        return None

    def valueFromText(self, text: str) -> int:  # noqa: N802
        level = self._parse(text)
        return self.value() if level is None else level

    def validate(self, text: str, pos: int):  # noqa: D401 - Qt API
        if self._parse(text) is not None:
            return QtGui.QValidator.State.Acceptable, text, pos
        return QtGui.QValidator.State.Intermediate, text, pos

    def fixup(self, text: str) -> str:
        return self.textFromValue(self.value())

    def stepBy(self, steps: int) -> None:  # noqa: N802
        v = self.value()
        if steps > 0:
            higher = [lv for lv in LEVELS if lv > v]
            target = higher[min(steps, len(higher)) - 1] if higher else v
        else:
            lower = [lv for lv in LEVELS if lv < v]
            target = lower[-min(-steps, len(lower))] if lower else v
        self.setValue(target)

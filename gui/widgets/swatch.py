"""A racer's colour as a small square icon (racer lists, the leaderboard)."""

from __future__ import annotations

from PySide6 import QtGui


def swatch(color: str) -> QtGui.QIcon:
    pix = QtGui.QPixmap(14, 14)
    pix.fill(QtGui.QColor(color))
    return QtGui.QIcon(pix)

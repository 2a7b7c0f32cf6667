"""A dock's body inside a scroll area: a dock smaller than its contents scrolls instead of clipping."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets


def scrolling(body: QtWidgets.QWidget, name: str = "") -> QtWidgets.QScrollArea:
    """``body`` in a frameless, resizable scroll area (scroll bars only when needed)."""
    area = QtWidgets.QScrollArea()
    if name:
        area.setObjectName(name)
    area.setWidgetResizable(True)
    area.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    area.setVerticalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    area.setWidget(body)
    return area

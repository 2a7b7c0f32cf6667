"""Run something once a widget has been painted: work split over frames (a surface switch)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtCore, QtWidgets


class _AfterPaint(QtCore.QObject):
    def __init__(self, target: QtWidgets.QWidget, callback: Callable[[], None], delay_ms: int):
        super().__init__(target)
        self.target, self.callback, self.delay_ms = target, callback, delay_ms
        target.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QtCore.QEvent.Type.Paint:
            obj.removeEventFilter(self)
            # the filter sees the paint before it happens: a zero timer fires once it is done, and the
            # delay then leaves the event loop a moment for input before the next piece of work
            QtCore.QTimer.singleShot(0, self, lambda: QtCore.QTimer.singleShot(self.delay_ms, self, self._run))
        return False

    def _run(self) -> None:
        callback, self.callback = self.callback, None
        self.deleteLater()
        if callback is not None:
            callback()


def after_paint(widget: QtWidgets.QWidget, callback: Callable[[], None], delay_ms: int = 8) -> None:
    """Call ``callback`` ``delay_ms`` after ``widget`` (a scroll area: its viewport) has next been painted."""
    target = widget.viewport() if isinstance(widget, QtWidgets.QAbstractScrollArea) else widget
    _AfterPaint(target, callback, delay_ms)

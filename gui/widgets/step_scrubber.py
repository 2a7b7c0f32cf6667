"""StepScrubber: a time scrubber strip (◀ slider ▶ and the step) under the panels.

It holds no step of its own: it shows the step it is given (:meth:`set_step`, :meth:`set_last`) and
asks for another with ``stepRequested(step)``; the Inspector's step is the one truth both follow.
"""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets


class StepScrubber(QtWidgets.QWidget):
    stepRequested = QtCore.Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("stepScrubber")
        row = QtWidgets.QHBoxLayout(self)
        row.setContentsMargins(4, 0, 4, 2)
        row.setSpacing(4)
        title = QtWidgets.QLabel("Inspect")
        title.setToolTip("The step the Inspector looks inside (View > Inspector)")
        row.addWidget(title)
        self.prev_button = QtWidgets.QToolButton(text="◀")
        self.prev_button.setObjectName("scrubPrev")
        self.prev_button.setToolTip("One step back ( , )")
        self.prev_button.setAutoRepeat(True)
        self.prev_button.clicked.connect(lambda: self.stepRequested.emit(max(0, self.slider.value() - 1)))
        row.addWidget(self.prev_button)
        self.slider = QtWidgets.QSlider(QtCore.Qt.Orientation.Horizontal)
        self.slider.setObjectName("scrubSlider")
        self.slider.setRange(0, 0)
        self.slider.setToolTip("Drag through the race's steps (Home / End: first / last; 0: the start)")
        self.slider.valueChanged.connect(self.stepRequested)
        row.addWidget(self.slider, 1)
        self.next_button = QtWidgets.QToolButton(text="▶")
        self.next_button.setObjectName("scrubNext")
        self.next_button.setToolTip("One step on ( . )")
        self.next_button.setAutoRepeat(True)
        self.next_button.clicked.connect(lambda: self.stepRequested.emit(min(self.last, self.slider.value() + 1)))
        row.addWidget(self.next_button)
        self.label = QtWidgets.QLabel()
        self.label.setObjectName("scrubStep")
        row.addWidget(self.label)
        self._show_label()

    @property
    def step(self) -> int:
        return self.slider.value()

    @property
    def last(self) -> int:
        return self.slider.maximum()

    def set_last(self, last: int) -> None:
        """The last step there is to inspect (the race's steps so far)."""
        self.slider.blockSignals(True)
        self.slider.setMaximum(max(0, int(last)))
        self.slider.blockSignals(False)
        self._show_label()

    def set_step(self, step: int) -> None:
        """Show ``step`` (0: the start) without asking for it."""
        self.slider.blockSignals(True)
        self.slider.setValue(int(step))
        self.slider.blockSignals(False)
        self._show_label()

    def _show_label(self) -> None:
        step, last = self.slider.value(), self.slider.maximum()
        width = len(str(max(last, 1)))
        self.label.setText(("start" if step == 0 else f"step {step:>{width}}") + f" of {last}")
        self.label.setMinimumWidth(self.label.fontMetrics().horizontalAdvance(f"step {'8' * width} of {last}") + 4)

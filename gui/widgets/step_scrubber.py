"""StepScrubber: a time scrubber strip (◀ slider ▶ and the step) under the panels.

It holds no step of its own: it shows the step it is given (:meth:`set_step`, :meth:`set_last`) and
asks for another with ``stepRequested(step)``; the Inspector's step is the one truth both follow.
"""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from gui.i18n import retranslate_on_change, tr


class StepScrubber(QtWidgets.QWidget):
    stepRequested = QtCore.Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("stepScrubber")
        row = QtWidgets.QHBoxLayout(self)
        row.setContentsMargins(4, 0, 4, 2)
        row.setSpacing(4)
        self.title = title = QtWidgets.QLabel()
        row.addWidget(title)
        self.prev_button = QtWidgets.QToolButton(text="◀")
        self.prev_button.setObjectName("scrubPrev")
        self.prev_button.setAutoRepeat(True)
        self.prev_button.clicked.connect(lambda: self.stepRequested.emit(max(0, self.slider.value() - 1)))
        row.addWidget(self.prev_button)
        self.slider = QtWidgets.QSlider(QtCore.Qt.Orientation.Horizontal)
        self.slider.setObjectName("scrubSlider")
        self.slider.setRange(0, 0)
        self.slider.valueChanged.connect(self.stepRequested)
        row.addWidget(self.slider, 1)
        self.next_button = QtWidgets.QToolButton(text="▶")
        self.next_button.setObjectName("scrubNext")
        self.next_button.setAutoRepeat(True)
        self.next_button.clicked.connect(lambda: self.stepRequested.emit(min(self.last, self.slider.value() + 1)))
        row.addWidget(self.next_button)
        self.label = QtWidgets.QLabel()
        self.label.setObjectName("scrubStep")
        row.addWidget(self.label)
        self.retranslate()
        retranslate_on_change(self, self.retranslate)

    def retranslate(self) -> None:
        """Set the strip's texts in the window's language (the step stays)."""
        self.title.setText(tr("Inspect"))
        self.title.setToolTip(tr("The step the Inspector looks inside (View > Inspector)"))
        self.prev_button.setToolTip(tr("One step back ( , )"))
        self.slider.setToolTip(tr("Drag through the race's steps (Home / End: first / last; 0: the start)"))
        self.next_button.setToolTip(tr("One step on ( . )"))
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
        if step == 0:
            text = tr("start of {last}").format(last=last)
        else:
            text = tr("step {step} of {last}").format(step=f"{step:>{width}}", last=last)
        self.label.setText(text)
        widest = tr("step {step} of {last}").format(step="8" * width, last=last)
        self.label.setMinimumWidth(self.label.fontMetrics().horizontalAdvance(widest) + 4)

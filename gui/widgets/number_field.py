"""NumberField: a spin box for one hyperparameter that refuses bad values with
the reason (signal ``invalid(reason)``) instead of silently clamping them."""

from __future__ import annotations

import math

from PySide6 import QtCore, QtGui, QtWidgets

from gui.i18n import tr_in
from gui.i18n_registry import tr_error
from specs import Param, ParamError

LOG_STEP = 10**0.1  # ten arrow presses per decade on log-scale fields


class NumberField(QtWidgets.QDoubleSpinBox):
    invalid = QtCore.Signal(str)  # the reason typed text is refused
    valid = QtCore.Signal()
    cleared = QtCore.Signal()  # the text was emptied: it reverts on Enter, a shown refusal no longer applies

    def __init__(self, param: Param, owner: str = "", parent=None):
        self._last_reason = ""
        self._was_empty = False
        self.param = param
        self.owner = owner
        super().__init__(parent)
        self.setObjectName(param.name)
        self.setDecimals(330)  # no rounding of typed values (shown via textFromValue)
        low = param.low if math.isfinite(param.low) else -1e300
        high = param.high if math.isfinite(param.high) else (param.gui_max * 1e3 if param.gui_max else 1e300)
        self.setRange(low, high)
        self.setKeyboardTracking(False)
        self.setCorrectionMode(QtWidgets.QAbstractSpinBox.CorrectionMode.CorrectToPreviousValue)
        self.setAccelerated(True)
        self.setMinimumWidth(110)

    # text <-> value: the shortest text that reads back to the same float
    def textFromValue(self, value: float) -> str:  # noqa: N802 - Qt API
        return repr(float(value))

    def valueFromText(self, text: str) -> float:  # noqa: N802
        try:
            return float(text.strip())
        except ValueError:
            return self.value()

    def reason_for(self, text: str) -> str | None:
        """Why ``text`` is not an allowed value, or None if it is."""
        try:
            value = float(text.strip())
        except ValueError:
            return tr_in("errors", "{key}: {text} is not a number").format(key=self.param.name, text=repr(text.strip()))
        try:
            self.param.check(value)
        except ParamError as exc:
            reason = tr_error(exc.reason)  # the validation message in the window's language
            if exc.reason.startswith("is "):  # "lr: 1e999 is not a finite number: must be > 0"
                return tr_in("errors", "{key}: {text} {reason}").format(
                    key=self.param.name, text=text.strip(), reason=reason
                )
            return tr_in("errors", "{key}: {reason} (got {text})").format(
                key=self.param.name, reason=reason, text=text.strip()
            )
        return None

    def validate(self, text: str, pos: int):  # noqa: D401 - Qt API
        stripped = text.strip()
        if not stripped and (self._last_reason or not self._was_empty):
            self._last_reason = ""
            self.cleared.emit()
        self._was_empty = not stripped
        if stripped in ("", "-", "+", ".", "-.", "+."):
            return QtGui.QValidator.State.Intermediate, text, pos
        if stripped[-1] in "eE" or stripped.endswith(("e-", "e+", "E-", "E+")):
            return QtGui.QValidator.State.Intermediate, text, pos
        reason = self.reason_for(text)
        if reason is not None:
            if reason != self._last_reason:
                self._last_reason = reason
                self.invalid.emit(reason)
            return QtGui.QValidator.State.Intermediate, text, pos
        if self._last_reason:
            self._last_reason = ""
            self.valid.emit()
        return QtGui.QValidator.State.Acceptable, text, pos

    def fixup(self, text: str) -> str:
        return self.textFromValue(self.value())

    def stepBy(self, steps: int) -> None:  # noqa: N802
        v = self.value()
        p = self.param
        if p.log and v > 0:
            new = v * LOG_STEP**steps
        else:
            span = (p.high - p.low) if math.isfinite(p.high) and math.isfinite(p.low) else 10.0
            unit = 0.01 if span <= 1 else 0.1
            new = v + unit * steps
        new = float(f"{new:.4g}")
        try:
            p.check(new)
        except ParamError:
            return
        self.setValue(new)
        self.editingFinished.emit()

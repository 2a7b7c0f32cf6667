"""HyperparamEditor: the selected racer's hyperparameters, generated from the
optimizer registry (spin boxes with the allowed ranges, a log-scale slider for
learning rates, check boxes for switches, tooltips with the rule and defaults).
Invalid values are refused with the reason shown inline."""

from __future__ import annotations

import math

from PySide6 import QtCore, QtWidgets

from engine import OPTIMIZERS
from engine.hyperparams import format_value
from gui.i18n import retranslate_on_change, tr, tr_in
from gui.widgets.number_field import NumberField

SLIDER_STEPS_PER_DECADE = 20
SLIDER_MIN_PX = 40  # a learning-rate slider is at least this wide (narrower, it was a bare handle like a check box)


class HyperparamEditor(QtWidgets.QWidget):
    """Emits ``changed(hyperparams)`` (non-default values only) after a valid edit."""

    changed = QtCore.Signal(dict)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("HyperparamEditor")
        outer = QtWidgets.QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.header = QtWidgets.QLabel()
        self.header.setWordWrap(True)
        self.header.setTextFormat(QtCore.Qt.TextFormat.RichText)
        outer.addWidget(self.header)
        self.form_host = QtWidgets.QWidget()
        self.form = QtWidgets.QFormLayout(self.form_host)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setFieldGrowthPolicy(QtWidgets.QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addWidget(self.form_host)
        self.error = QtWidgets.QLabel()
        self.error.setObjectName("hyperparamError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020; font-weight: bold;")
        self.error.hide()
        outer.addWidget(self.error)
        self.note = note = QtWidgets.QLabel()
        note.setWordWrap(True)  # (unwrapped, it made the editor scroll sideways in columns under 241 px)
        note.setStyleSheet("color: #666;")
        outer.addWidget(note)
        outer.addStretch(1)
        self.optimizer = None
        self.values: dict = {}
        self.fields: dict[str, QtWidgets.QWidget] = {}
        self.slider_syncs: dict = {}
        self.sliders: dict[str, QtWidgets.QSlider] = {}
        self._reason: str | None = None  # the refusal shown (see show_error)
        self._available = 1 << 20  # the width the editor is shown in (fit_width)
        self.retranslate()
        retranslate_on_change(self, self.retranslate)

    def retranslate(self) -> None:
        """Set the editor's texts in the window's language (the racer's values and the fields stay)."""
        self.note.setText(tr("Changes restart the race from the start."))
        if self.optimizer is None:
            self.header.setText(tr("<i>No racer selected.</i>"))
        else:
            opt = OPTIMIZERS[self.optimizer]
            self._set_header(opt)
            for p in opt.hyperparams:
                field = self.fields.get(p.name)
                if field is None:
                    continue
                tip = _param_tip(opt, p)
                field.setToolTip(tip)
                label = self.form.labelForField(field if p.name not in self.sliders else field.parentWidget())
                if label is not None:
                    label.setToolTip(tip)
                if p.name in self.sliders:
                    self.sliders[p.name].setToolTip(_slider_tip(p))
        if self._reason is not None:
            self.error.setText(tr("Not applied: {reason}").format(reason=self._reason))

    def set_racer(self, optimizer: str | None, hyperparams: dict | None = None) -> None:
        """Show the editor for this optimizer with these (non-default) values.

        The same optimizer again only updates the values: the fields stay (one of
        them may be the widget whose edit led here)."""
        if optimizer is not None and optimizer == self.optimizer and self.fields:
            self.values = dict(hyperparams or {})
            self._show_values()
            return
        while self.form.rowCount():
            self.form.removeRow(0)
        self.fields = {}
        self.slider_syncs = {}
        self.sliders = {}
        self.error.hide()
        self.optimizer = optimizer
        if optimizer is None:
            self.header.setText(tr("<i>No racer selected.</i>"))
            return
        opt = OPTIMIZERS[optimizer]
        self.values = dict(hyperparams or {})
        self._set_header(opt)
        for p in opt.hyperparams:
            value = self.values.get(p.name, p.default)
            tip = _param_tip(opt, p)
            if p.kind == "bool":
                box = QtWidgets.QCheckBox()
                box.setObjectName(p.name)
                box.setChecked(bool(value))
                box.setToolTip(tip)
                box.toggled.connect(lambda checked, name=p.name: self._commit(name, bool(checked)))
                self.form.addRow(p.name, box)
                self.fields[p.name] = box
                continue
            field = NumberField(p, opt.name)
            field.setValue(value)
            field.setToolTip(tip)
            field.invalid.connect(self.show_error)
            field.cleared.connect(self.error.hide)  # an emptied field reverts: no stale error
            field.editingFinished.connect(lambda f=field, name=p.name: self._field_done(f, name))
            self.fields[p.name] = field
            if p.log:
                row = QtWidgets.QWidget()
                lay = QtWidgets.QHBoxLayout(row)
                lay.setContentsMargins(0, 0, 0, 0)
                lay.addWidget(field)
                slider = self._log_slider(p, field)
                lay.addWidget(slider, 1)
                self.form.addRow(p.name, row)
            else:
                self.form.addRow(p.name, field)
            label = self.form.labelForField(
                self.form.itemAt(self.form.rowCount() - 1, QtWidgets.QFormLayout.ItemRole.FieldRole).widget()
            )
            if label is not None:
                label.setToolTip(tip)
        self.fit_width()

    def fit_width(self, available: int | None = None) -> None:
        """Every label beside its field when all rows fit in ``available`` pixels (the column's width),
        else every label above its field: one layout for all rows (in a narrow column, a 1024 px window's,
        the fields lost their spin arrows and the editor scrolled sideways)."""
        if available is not None:
            self._available = available
        form = self.form
        roles = QtWidgets.QFormLayout.ItemRole
        labels = fields = 0
        for row in range(form.rowCount()):
            label, field = form.itemAt(row, roles.LabelRole), form.itemAt(row, roles.FieldRole)
            if label is not None:
                labels = max(labels, label.sizeHint().width())
            if field is not None:
                fields = max(fields, field.minimumSize().width())
        side = labels + max(form.horizontalSpacing(), 6) + fields
        policy = QtWidgets.QFormLayout.RowWrapPolicy
        wanted = policy.WrapAllRows if self._available < side else policy.DontWrapRows
        if form.rowWrapPolicy() != wanted:
            form.setRowWrapPolicy(wanted)

    def _set_header(self, opt) -> None:
        """The optimizer's title and description (the registry's texts in the window's language)."""
        torch = f" &nbsp;<span style='color:#666'>({opt.torch_equivalent})</span>" if opt.torch_equivalent else ""
        self.header.setText(f"<b>{tr_in('optimizers', opt.title)}</b>{torch}<br>{tr_in('optimizers', opt.summary)}")
        self.header.setToolTip(_rule_tip(opt))

    def _log_slider(self, p, field: NumberField) -> QtWidgets.QSlider:
        lo_exp = -6 if p.low <= 0 else math.log10(p.low)
        hi_exp = math.log10(p.gui_max or 10.0)
        slider = QtWidgets.QSlider(QtCore.Qt.Orientation.Horizontal)
        slider.setObjectName(f"{p.name}_slider")
        slider.setMinimumWidth(SLIDER_MIN_PX)
        slider.setRange(int(lo_exp * SLIDER_STEPS_PER_DECADE), int(hi_exp * SLIDER_STEPS_PER_DECADE))
        slider.setToolTip(_slider_tip(p))
        self.sliders[p.name] = slider

        def sync_from_field():
            v = field.value()
            if v > 0:
                slider.blockSignals(True)
                slider.setValue(round(math.log10(v) * SLIDER_STEPS_PER_DECADE))
                slider.blockSignals(False)

        def moved(pos):
            value = float(f"{10 ** (pos / SLIDER_STEPS_PER_DECADE):.3g}")
            field.setValue(value)

        sync_from_field()
        self.slider_syncs[p.name] = sync_from_field
        slider.valueChanged.connect(moved)
        slider.sliderReleased.connect(lambda: self._field_done(field, p.name))
        slider.actionTriggered.connect(
            lambda action: (
                None if slider.isSliderDown() else QtCore.QTimer.singleShot(0, lambda: self._field_done(field, p.name))
            )
        )
        field.valueChanged.connect(lambda _v: sync_from_field())
        return slider

    def show_error(self, reason: str) -> None:
        self._reason = reason
        self.error.setText(tr("Not applied: {reason}").format(reason=reason))
        self.error.show()

    def _field_done(self, field: NumberField, name: str) -> None:
        reason = field.reason_for(field.lineEdit().text())
        if reason is not None:
            self.show_error(reason)
            field.lineEdit().setText(field.textFromValue(field.value()))
            return
        self._commit(name, float(field.value()))

    def _commit(self, name: str, value) -> None:
        opt = OPTIMIZERS[self.optimizer]
        default = opt.param(name).default
        current = self.values.get(name, default)
        if value == current:
            return
        new = dict(self.values)
        if value == default:
            new.pop(name, None)
        else:
            new[name] = value
        self.error.hide()
        # emitted from the event loop: the race restart rebuilds docks, and this call
        # may come from inside the edited widget's own key or focus handler
        QtCore.QTimer.singleShot(0, lambda: self.changed.emit(new))

    def accept_values(self, hyperparams: dict) -> None:
        """The controller accepted these values."""
        self.values = dict(hyperparams)

    def refuse(self, reason: str) -> None:
        """The controller refused the last edit (a rule across parameters): show why, restore."""
        self.show_error(reason)
        self._show_values()

    def _show_values(self) -> None:
        opt = OPTIMIZERS[self.optimizer]
        for name, widget in self.fields.items():
            value = self.values.get(name, opt.param(name).default)
            widget.blockSignals(True)
            if isinstance(widget, QtWidgets.QCheckBox):
                widget.setChecked(bool(value))
            else:
                widget.setValue(value)
            widget.blockSignals(False)
            if name in self.slider_syncs:
                self.slider_syncs[name]()


def _rule_tip(opt) -> str:
    """The header's tooltip: the optimizer's update rule and the effective learning rate it records."""
    return (
        tr("Update rule:")
        + f"\n{tr_in('optimizers', opt.rule)}\n\n"
        + tr("Effective learning rate recorded:")
        + f"\n{tr_in('optimizers', opt.effective_lr)}"
    )


def _param_tip(opt, p) -> str:
    """A hyperparameter's tooltip: its help, range, default and the optimizer's rule."""
    return (
        f"{p.name}: {tr_in('hyperparameters', p.doc)}\n"
        + tr("allowed: {range}").format(range=p.range_text())
        + "\n"
        + tr("default: {value}").format(value=format_value(p.default))
        + "\n\n"
        + tr("{optimizer} update rule:").format(optimizer=tr_in("optimizers", opt.title))
        + f"\n{tr_in('optimizers', opt.rule)}"
    )


def _slider_tip(p) -> str:
    lo_exp = -6 if p.low <= 0 else math.log10(p.low)
    hi_exp = math.log10(p.gui_max or 10.0)
    return tr("{name} on a log scale: 10^{low} to 10^{high}").format(name=p.name, low=f"{lo_exp:g}", high=f"{hi_exp:g}")

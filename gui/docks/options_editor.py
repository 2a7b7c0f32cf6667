"""RacerOptionsEditor: a racer's mini-batch size, gradient noise and learning-rate
schedule, with a small plot of the scheduled lr(t) over the step budget."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from engine.options import BATCH_SIZE, NOISE
from engine.schedules import SCHEDULES, schedule_lrs
from gui.i18n import retranslate_on_change, tr, tr_in
from gui.widgets.number_field import NumberField


class RacerOptionsEditor(QtWidgets.QWidget):
    """Emits ``changed(options)`` (flat, non-default values) after a valid edit."""

    changed = QtCore.Signal(dict)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("RacerOptionsEditor")
        outer = QtWidgets.QVBoxLayout(self)
        form = QtWidgets.QFormLayout()
        # a narrow column (1024 px windows) puts a field under its label rather than scrolling sideways
        form.setRowWrapPolicy(QtWidgets.QFormLayout.RowWrapPolicy.WrapLongRows)
        self.batch = QtWidgets.QSpinBox()
        self.batch.setObjectName("batch_size")
        self.batch.setKeyboardTracking(False)
        self.batch.valueChanged.connect(lambda _v: self._emit())
        form.addRow("batch_size", self.batch)
        self.noise = NumberField(NOISE)
        self.noise.editingFinished.connect(self._noise_done)
        form.addRow("noise", self.noise)
        self.schedule = QtWidgets.QComboBox()
        self.schedule.setObjectName("schedule")
        # as narrow as the column needs (the long schedule names are elided; the list shows them whole)
        self.schedule.setSizeAdjustPolicy(QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.schedule.setMinimumContentsLength(10)
        for name in SCHEDULES:
            self.schedule.addItem(name, name)  # the registry's title and summary: retranslate
        self.schedule.currentIndexChanged.connect(self._schedule_picked)
        form.addRow("schedule", self.schedule)
        outer.addLayout(form)
        self.params_host = QtWidgets.QWidget()
        self.params_form = QtWidgets.QFormLayout(self.params_host)
        self.params_form.setContentsMargins(0, 0, 0, 0)
        self.params_form.setRowWrapPolicy(QtWidgets.QFormLayout.RowWrapPolicy.WrapLongRows)
        outer.addWidget(self.params_host)
        self.plot = pg.PlotWidget(background="w", enableMenu=False)
        self.plot.setObjectName("schedulePlot")
        self.plot.setFixedHeight(90)
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.plotItem.hideAxis("left")
        self.plot.plotItem.getAxis("bottom").setHeight(18)
        self.curve = self.plot.plot(pen=pg.mkPen("#0072B2", width=2))
        outer.addWidget(self.plot)
        self.note = note = QtWidgets.QLabel()
        note.setWordWrap(True)
        note.setStyleSheet("color: #666;")
        outer.addWidget(note)
        outer.addStretch(1)
        self.param_fields: dict[str, NumberField] = {}
        self.values: dict = {}
        self.base_lr = 1e-3
        self.budget = 100
        self._quiet = False
        self.data_n: int | None = None
        self.retranslate()
        retranslate_on_change(self, self.retranslate)

    def retranslate(self) -> None:
        """Set the editor's texts in the window's language (the racer's options stay)."""
        self.batch.setSpecialValueText(tr("full data"))
        self.batch.setToolTip(self._batch_tip())
        self.noise.setToolTip(
            f"noise: {tr_in('hyperparameters', NOISE.doc)}\n"
            + tr("allowed: {range}, default {default}").format(range=NOISE.range_text(), default=0)
        )
        self.note.setText(tr("batch_size applies on data surfaces; noise on any surface. Changes restart the race."))
        for i in range(self.schedule.count()):  # the registry's titles and summaries
            sched = SCHEDULES[self.schedule.itemData(i)]
            self.schedule.setItemText(i, tr_in("hyperparameters", sched.title))
            tip = f"{tr_in('hyperparameters', sched.summary)}\n{sched.torch_equivalent}"
            self.schedule.setItemData(i, tip, QtCore.Qt.ItemDataRole.ToolTipRole)
        name = self.schedule.currentData()
        if name in SCHEDULES:
            for p in SCHEDULES[name].params:
                if p.name in self.param_fields:
                    self.param_fields[p.name].setToolTip(_param_tip(p))
        if self.plot.plotItem.titleLabel.text:  # a racer shown: its schedule's title again
            self._draw()

    def _batch_tip(self) -> str:
        data_n = self.data_n
        return f"batch_size: {tr_in('hyperparameters', BATCH_SIZE.doc)}\n" + (
            tr("1 = SGD, {n} = every point; 0 = full data (batch gradient descent)").format(n=data_n)
            if data_n
            else tr("only on data surfaces (linear_regression, logistic_regression)")
        )

    # ---------------------------------------------------------------- showing
    def set_racer(self, options: dict, base_lr: float, budget: int, data_n: int | None) -> None:
        """Show a racer's options; ``data_n`` is the data set size on data surfaces (else None)."""
        self._quiet = True
        try:
            self.values = dict(options)
            self.base_lr, self.budget = base_lr, max(1, budget)
            self.batch.setEnabled(data_n is not None)
            self.batch.setRange(0, data_n or 0)
            self.data_n = data_n
            self.batch.setToolTip(self._batch_tip())
            self.batch.setValue(int(self.values.get("batch_size", 0)))
            self.noise.setValue(float(self.values.get("noise", 0.0)))
            name = self.values.get("schedule", "constant")
            self.schedule.setCurrentIndex(self.schedule.findData(name))
            self._build_schedule_fields(name)
        finally:
            self._quiet = False
        self._draw()

    def _build_schedule_fields(self, name: str) -> None:
        while self.params_form.rowCount():
            self.params_form.removeRow(0)
        self.param_fields = {}
        sched = SCHEDULES[name]
        for p in sched.params:
            field = NumberField(p, name)
            field.setValue(self.values.get(p.name, p.default))
            field.setToolTip(_param_tip(p))
            field.editingFinished.connect(lambda f=field: self._param_done(f))
            field.invalid.connect(self._show_invalid)
            self.params_form.addRow(p.name, field)
            self.param_fields[p.name] = field
        self.params_host.setVisible(bool(sched.params))

    def _draw(self) -> None:
        name = self.values.get("schedule", "constant")
        params = {k: v for k, v in self.values.items() if k in SCHEDULES[name].defaults}
        key = (name, self.base_lr, self.budget, sorted(params.items()))
        if key == getattr(self, "_drawn", None):
            return  # the same schedule (a restart, a surface switch): a long budget costs ~0.1 s per 10^5 steps
        self._drawn = key
        try:
            lrs = schedule_lrs(name, self.base_lr, self.budget, params)
        except ValueError:
            return
        self.curve.setData(np.arange(1, len(lrs) + 1), lrs)
        self.plot.plotItem.setTitle(
            tr("lr(t): {first} at step 1 → {last} at step {steps} (max {max})").format(
                first=f"{lrs[0]:.3g}", last=f"{lrs[-1]:.3g}", steps=len(lrs), max=f"{lrs.max():.3g}"
            ),
            size="8pt",
        )

    # ---------------------------------------------------------------- editing
    def _show_invalid(self, reason: str) -> None:
        editor = self.parent()
        while editor is not None and not hasattr(editor, "show_error"):
            editor = editor.parent()
        if editor is not None:
            editor.show_error(reason)

    def _noise_done(self) -> None:
        reason = self.noise.reason_for(self.noise.lineEdit().text())
        if reason:
            self._show_invalid(reason)
            self.noise.lineEdit().setText(self.noise.textFromValue(self.noise.value()))
            return
        self._emit()

    def _param_done(self, field: NumberField) -> None:
        reason = field.reason_for(field.lineEdit().text())
        if reason:
            self._show_invalid(reason)
            field.lineEdit().setText(field.textFromValue(field.value()))
            return
        self._emit()

    def _schedule_picked(self, _index: int) -> None:
        if self._quiet:
            return
        name = self.schedule.currentData()
        self.values = {k: v for k, v in self.values.items() if k in ("batch_size", "noise")}
        if name != "constant":
            self.values["schedule"] = name
            if "T_max" in SCHEDULES[name].defaults:  # anneal over the race's budget
                warm = SCHEDULES[name].defaults.get("warmup_steps", 0)
                self.values["T_max"] = max(1, self.budget - warm)
        self._build_schedule_fields(name)
        self._emit(rebuild=False)

    def current(self) -> dict:
        out = {}
        if self.batch.value():
            out["batch_size"] = int(self.batch.value())
        if self.noise.value():
            out["noise"] = float(self.noise.value())
        name = self.schedule.currentData()
        if name != "constant":
            out["schedule"] = name
            for key, field in self.param_fields.items():
                p = SCHEDULES[name].param(key)
                value = int(field.value()) if p.kind == "int" else float(field.value())
                if value != p.default:
                    out[key] = value
        return out

    def _emit(self, rebuild: bool = True) -> None:
        if self._quiet:
            return
        new = self.current()
        if new == self.values and rebuild:
            return
        self.values = new
        self._draw()
        # from the event loop: the restart it causes must not run inside a field's handler
        QtCore.QTimer.singleShot(0, lambda: self.changed.emit(new))


def _param_tip(p) -> str:
    """A schedule parameter's tooltip: its help, range and default."""
    return f"{p.name}: {tr_in('hyperparameters', p.doc)}\n" + tr("allowed: {range}, default {default}").format(
        range=p.range_text(), default=f"{p.default:g}"
    )

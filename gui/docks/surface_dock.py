"""SurfaceDock: pick the surface, see its formula, edit its parameters, or type your own formula."""

from __future__ import annotations

import html
import threading

from PySide6 import QtCore, QtWidgets

from gui.i18n import retranslate_on_change, tr, tr_in
from gui.widgets.scrolling import scrolling
from surfaces import SURFACES
from surfaces.formula import (
    DEFAULT_RANGE,
    FUNCTIONS,
    PREFIX,
    FormulaError,
    build_formula_surface,
    check_expression,
    parse_formula_spec,
)

FORMULA = "formula"  # the picker's item for a typed formula
DEFAULT_FORMULA = "x**2/20 + y**2"


def _range_text(low: float, high: float) -> str:
    return f"{low:g}..{high:g}"


def _param_tip(p) -> str:
    """A surface parameter's tooltip: its help (the registry's text) and its range."""
    return (
        tr_in("surfaces", p.doc)
        + "\n"
        + tr("allowed: [{low}, {high}], default {default}").format(
            low=f"{p.low:g}", high=f"{p.high:g}", default=f"{p.default:g}"
        )
    )


NETWORK = "net:"  # the picker's items for network problems: NETWORK + data set


class SurfaceDock(QtWidgets.QDockWidget):
    surfacePicked = QtCore.Signal(str, dict)  # name, parameters
    formulaBuilt = QtCore.Signal(str, object)  # spec, the surface or the exception (from the building thread)
    problemPicked = QtCore.Signal(str, int)  # a network problem's spec, every racer's batch size (-1: theirs)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("SurfaceDock")
        body = QtWidgets.QWidget()
        layout = QtWidgets.QVBoxLayout(body)
        self.combo = QtWidgets.QComboBox()
        self.combo.setObjectName("surfaceCombo")
        for name in SURFACES:
            self.combo.addItem(name, name)  # the registry's title and description: retranslate
        self.combo.addItem("", FORMULA)
        self.combo.insertSeparator(self.combo.count())
        from gui.network_race import NETWORK_CHOICES

        for data, _title in NETWORK_CHOICES:
            self.combo.addItem(data, NETWORK + data)  # the title and tooltip: retranslate
        self.combo.currentIndexChanged.connect(self._picked)
        layout.addWidget(self.combo)
        layout.addWidget(self._formula_editor())
        layout.addWidget(self._network_editor())
        self.formula = QtWidgets.QLabel()
        self.formula.setObjectName("surfaceFormula")
        self.formula.setWordWrap(True)
        self.formula.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.formula)
        self.params_host = QtWidgets.QWidget()
        self.params_form = QtWidgets.QFormLayout(self.params_host)
        self.params_form.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.params_host)
        # (Reset view is the toolbar's and the View menu's, Ctrl+0: not repeated here)
        layout.addStretch(1)
        self.setWidget(scrolling(body, "surfaceScroll"))
        self.param_fields: dict[str, QtWidgets.QDoubleSpinBox] = {}
        self._name = None
        self._surface = None
        self._problem: str | None = None
        self._race_shown = None  # the network race shown (show_problem), for a language switch
        self.retranslate()
        retranslate_on_change(self, self.retranslate)

    def retranslate(self) -> None:
        """Set the dock's texts in the window's language (the surface, its parameters and the formula stay)."""
        self.setWindowTitle(tr("Surface"))
        for i in range(self.combo.count()):
            sdef = SURFACES.get(self.combo.itemData(i))
            if sdef is not None:
                self.combo.setItemText(i, tr_in("surfaces", sdef.title))
                tip = f"{sdef.formula}\n{tr_in('surfaces', sdef.description)}"
                self.combo.setItemData(i, tip, QtCore.Qt.ItemDataRole.ToolTipRole)
        from gui.network_race import NETWORK_CHOICES

        for data, title in NETWORK_CHOICES:
            i = self.combo.findData(NETWORK + data)
            self.combo.setItemText(i, tr_in("network", title))
            self.combo.setItemData(
                i,
                tr(
                    "The racers train a neural network (a multilayer perceptron) on this data set: "
                    "the panels show its losses, test accuracy, per-layer learning rates and loss landscape"
                ),
                QtCore.Qt.ItemDataRole.ToolTipRole,
            )
        i = self.combo.findData(FORMULA)
        self.combo.setItemText(i, tr("Your formula…"))
        self.combo.setItemData(
            i, tr("Type f(x, y): e.g. sin(x)*cos(y) + 0.1*(x**2 + y**2)"), QtCore.Qt.ItemDataRole.ToolTipRole
        )
        self.combo.setToolTip(tr("The loss surface; changing it restarts the race from its default start"))
        self.formula_edit.setPlaceholderText(tr("e.g. sin(x)*cos(y) + 0.1*(x**2 + y**2)"))
        self.formula_edit.setToolTip(
            tr("Python arithmetic in x, y and your parameters: + - * / ** ( ), pi, e and")
            + "\n"
            + " ".join(sorted(set(FUNCTIONS)))
            + "\n"
            + tr("Exact derivatives by SymPy; press Enter or Apply")
        )
        self.formula_params.setToolTip(tr("Parameters used in the formula, NAME=VALUE separated by commas"))
        self.formula_x.setToolTip(tr("The plotted range of x, LOW..HIGH"))
        self.formula_y.setToolTip(tr("The plotted range of y, LOW..HIGH"))
        for field, text in ((self.formula_params, tr("Parameters")), (self.formula_ranges, tr("Domain"))):
            label = self.formula_form.labelForField(field)
            if isinstance(label, QtWidgets.QLabel):
                label.setText(text)
        self.formula_apply.setText(tr("Apply"))
        self.formula_apply.setToolTip(tr("Race on this formula (the race restarts from its default start)"))
        self.formula_status.setText(tr("building…"))
        self.formula_status.setToolTip(
            tr("SymPy is deriving the gradient and the Hessian; the race switches when done")
        )
        self._retranslate_network()
        if self._problem is not None and self._race_shown is not None:
            self.show_problem(self._race_shown)
        elif self._surface is not None:
            self.formula.setText(self._describe(self._surface))
            self.formula.setToolTip(self._path_tip(self._surface))
            sdef = SURFACES.get(self._surface.name)
            for p in sdef.params if sdef is not None else ():
                if p.name in self.param_fields:
                    self.param_fields[p.name].setToolTip(_param_tip(p))

    # ------------------------------------------------------------ the formula editor
    def _formula_editor(self) -> QtWidgets.QWidget:
        self.formula_box = box = QtWidgets.QGroupBox("f(x, y) =")
        box.setObjectName("formulaEditor")
        form = QtWidgets.QFormLayout(box)
        form.setContentsMargins(6, 6, 6, 6)
        self.formula_form = form
        self.formula_edit = QtWidgets.QLineEdit(DEFAULT_FORMULA)
        self.formula_edit.setObjectName("formulaEdit")
        form.addRow(self.formula_edit)
        # right under the formula, where the eye is (the dock is often too short to show its lower rows)
        self.formula_status = QtWidgets.QLabel()  # texts: retranslate
        self.formula_status.setObjectName("formulaStatus")
        self.formula_status.hide()
        form.addRow(self.formula_status)
        self.formula_params = QtWidgets.QLineEdit()
        self.formula_params.setObjectName("formulaParams")
        self.formula_params.setPlaceholderText("a=1, b=10")
        form.addRow(tr("Parameters"), self.formula_params)
        self.formula_x = QtWidgets.QLineEdit(_range_text(*DEFAULT_RANGE))
        self.formula_x.setObjectName("formulaX")
        self.formula_y = QtWidgets.QLineEdit(_range_text(*DEFAULT_RANGE))
        self.formula_y.setObjectName("formulaY")
        self.formula_ranges = ranges = QtWidgets.QHBoxLayout()
        for label, edit in (("x", self.formula_x), ("y", self.formula_y)):
            ranges.addWidget(QtWidgets.QLabel(label))
            ranges.addWidget(edit, 1)
        form.addRow(tr("Domain"), ranges)
        self.formula_apply = QtWidgets.QPushButton()
        self.formula_apply.setObjectName("formulaApply")
        self.formula_apply.clicked.connect(self.apply_formula)
        form.addRow(self.formula_apply)
        self.formula_error = QtWidgets.QLabel()
        self.formula_error.setObjectName("formulaError")
        self.formula_error.setWordWrap(True)
        self.formula_error.setStyleSheet("color: #B00020")
        self.formula_error.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.formula_error.hide()
        form.addRow(self.formula_error)
        self._building: str | None = None  # the spec being built (the last one asked for)
        self.formulaBuilt.connect(self._formula_built)
        for edit in (self.formula_edit, self.formula_params, self.formula_x, self.formula_y):
            edit.returnPressed.connect(self.apply_formula)
            edit.textEdited.connect(lambda _t: self.formula_error.hide())
        box.hide()
        return box

    # ------------------------------------------------------------ the network's settings
    def _retranslate_network(self) -> None:
        self.network_box.setTitle(tr("Network"))
        self.net_layers.setToolTip(
            tr("Hidden layers' widths joined by x (100x100: two of 100 units); none: softmax regression")
        )
        self.net_activation.setToolTip(tr("The hidden layers' activation (He init for ReLU, Xavier otherwise)"))
        self.net_batch.setSpecialValueText(tr("whole set"))
        self.net_batch.setToolTip(tr("Every racer's mini-batch size (0: the whole training set each step)"))
        for field, text in ((self.net_layers, tr("Layers")), (self.net_activation, tr("Activation"))):
            label = self.network_form.labelForField(field)
            if isinstance(label, QtWidgets.QLabel):
                label.setText(text)
        label = self.network_form.labelForField(self.net_batch)
        if isinstance(label, QtWidgets.QLabel):
            label.setText(tr("Batch"))
        self.net_apply.setText(tr("Apply"))
        self.net_apply.setToolTip(tr("Train this network (the race restarts)"))

    def _network_editor(self) -> QtWidgets.QWidget:
        from problems import ACTIVATIONS

        self.network_box = box = QtWidgets.QGroupBox()  # its texts: _retranslate_network
        box.setObjectName("networkEditor")
        self.network_form = form = QtWidgets.QFormLayout(box)
        form.setContentsMargins(6, 6, 6, 6)
        self.net_layers = QtWidgets.QLineEdit("100x100")
        self.net_layers.setObjectName("networkLayers")
        form.addRow(tr("Layers"), self.net_layers)
        self.net_activation = QtWidgets.QComboBox()
        self.net_activation.setObjectName("networkActivation")
        self.net_activation.addItems(list(ACTIVATIONS))
        form.addRow(tr("Activation"), self.net_activation)
        self.net_batch = QtWidgets.QSpinBox()
        self.net_batch.setObjectName("networkBatch")
        self.net_batch.setRange(0, 1_000_000)
        self.net_batch.setValue(64)
        form.addRow(tr("Batch"), self.net_batch)
        self.net_apply = QtWidgets.QPushButton()
        self.net_apply.setObjectName("networkApply")
        self.net_apply.clicked.connect(self.apply_network)
        form.addRow(self.net_apply)
        self.net_layers.returnPressed.connect(self.apply_network)
        box.hide()
        return box

    def network_spec(self, data: str) -> str:
        """The problem spec the network's fields make (``mlp:digits,layers=100x100,activation=relu``)."""
        layers = self.net_layers.text().strip().replace(" ", "") or "none"
        spec = f"mlp:{data},layers={layers}"
        if self.net_activation.currentText() != "relu":
            spec += f",activation={self.net_activation.currentText()}"
        return spec

    def apply_network(self) -> None:
        name = self.combo.currentData()
        if isinstance(name, str) and name.startswith(NETWORK):
            self._emit_problem(name)

    def _emit_problem(self, name: str) -> None:
        from problems import parse_problem_spec

        data = name[len(NETWORK) :]
        try:
            spec = parse_problem_spec(self.network_spec(data))
        except ValueError as exc:
            self.formula.setText(html.escape(tr("Not applied: {reason}").format(reason=exc)))
            return
        if self._problem is not None and parse_problem_spec(self._problem).data == data:
            from dataclasses import replace

            old = parse_problem_spec(self._problem)  # the other settings (seed, n, eval_every...) stay
            spec = replace(old, layers=spec.layers, activation=spec.activation)
        batch = self.net_batch.value()
        QtCore.QTimer.singleShot(0, lambda: self.problemPicked.emit(spec.text, batch))

    def show_problem(self, race) -> None:
        """Reflect the controller's network race (no signals emitted)."""
        problem = race.problem
        spec = problem.spec
        self._race_shown = race
        self._name = NETWORK + spec.data
        self._problem = spec.text
        self.combo.blockSignals(True)
        index = self.combo.findData(self._name)
        if index < 0:  # a data set the list does not offer (MNIST from files): shown as an item of its own
            self.combo.addItem(problem.title, self._name)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(index)
        self.combo.blockSignals(False)
        self.formula_box.hide()
        self.params_host.hide()
        self.network_box.show()
        self.net_layers.setText("x".join(map(str, spec.layers)) or "none")
        self.net_activation.setCurrentText(spec.activation)
        sizes = {int(r.options.get("batch_size", 0)) for r in race.config.racers}
        if len(sizes) == 1:
            self.net_batch.setValue(sizes.pop())
        d = problem.data
        self.formula.setText(
            f"<b>{html.escape(problem.title)}</b><br><span style='color:#555'>"
            + html.escape(
                tr("{params} parameters; {train} training and {test} test points, {classes} classes").format(
                    params=f"{problem.n_params:,}", train=f"{d.n:,}", test=f"{len(d.y_test):,}", classes=d.n_classes
                )
            )
            + "</span>"
        )

    def formula_spec(self) -> str:
        """The spec the editor's fields make (``formula:EXPR; a=1; x=-5..5; y=-5..5``)."""
        parts = [self.formula_edit.text().strip()]
        if self.formula_params.text().strip():
            parts.append(self.formula_params.text().strip())
        for axis, edit in (("x", self.formula_x), ("y", self.formula_y)):
            text = edit.text().strip()
            if text and text != _range_text(*DEFAULT_RANGE):
                parts.append(f"{axis}={text}")
        return PREFIX + "; ".join(parts)

    def apply_formula(self) -> None:
        """Check the typed formula; race on it, or show the problem in place (and select the culprit).

        The text is checked here (quick: no SymPy); the derivatives and the minima are made in a thread
        ("building…" meanwhile) and the race switches when they are done."""
        spec = self.formula_spec()
        try:
            parsed = parse_formula_spec(spec)
            check_expression(parsed.expression, dict(parsed.params))
        except FormulaError as exc:
            self.show_formula_error(exc)
            return
        self.formula_error.hide()
        self._building = spec
        self.formula_status.show()
        threading.Thread(target=self._build, args=(spec,), name="gradient-arena-formula", daemon=True).start()

    def _build(self, spec: str) -> None:
        """In the building thread: SymPy's work, handed back to the window's thread by a queued signal."""
        try:
            result: object = build_formula_surface(spec)
        except Exception as exc:  # noqa: BLE001 - shown in the editor
            result = exc
        try:
            self.formulaBuilt.emit(spec, result)
        except RuntimeError:  # the dock is gone
            pass

    def _formula_built(self, spec: str, result: object) -> None:
        if spec != self._building:  # an older request: a newer one is on its way
            return
        self._building = None
        self.formula_status.hide()
        if isinstance(result, Exception):
            self.show_formula_error(result)
            return
        # the controller builds it again: a cache hit (the surfaces built last are kept)
        QtCore.QTimer.singleShot(0, lambda: self.surfacePicked.emit(result.spec, {}))  # type: ignore[attr-defined]

    def show_formula_error(self, exc: Exception) -> None:
        column, token = getattr(exc, "column", None), getattr(exc, "token", None)
        self.formula_error.setText(tr("Not applied: {reason}").format(reason=exc))
        self.formula_error.show()
        if column is not None:  # the column counts in the formula field
            self.formula_edit.setFocus()
            self.formula_edit.setSelection(column - 1, max(1, len(token or "")))

    def _show_formula(self, surface) -> None:
        spec = parse_formula_spec(surface.spec)
        self.formula_edit.setText(spec.expression)
        self.formula_params.setText(", ".join(f"{k}={v:g}" for k, v in spec.params))
        self.formula_x.setText(_range_text(*spec.xrange))
        self.formula_y.setText(_range_text(*spec.yrange))
        self.formula_error.hide()

    def show_surface(self, surface) -> None:
        """Reflect the controller's current surface (no signals emitted)."""
        self._name = surface.name
        self._surface = surface
        self._problem = self._race_shown = None
        self.network_box.hide()
        typed = surface.name == FORMULA
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(self.combo.findData(surface.name))
        self.combo.blockSignals(False)
        self.formula_box.setVisible(typed)
        if typed:
            self._show_formula(surface)
        self.formula.setText(self._describe(surface))
        self.formula.setToolTip(self._path_tip(surface))
        if typed:
            while self.params_form.rowCount():
                self.params_form.removeRow(0)
            self.param_fields = {}
            self.params_host.setVisible(False)
            return
        sdef = SURFACES[surface.name]
        source = getattr(getattr(surface, "data", None), "source", None)  # loaded data: no generator parameters
        self.params_host.setVisible(bool(sdef.params) and source is None)
        if self.param_fields and set(self.param_fields) == {p.name for p in sdef.params}:
            for p in sdef.params:  # same surface: update in place (a field may be mid-edit)
                box = self.param_fields[p.name]
                box.blockSignals(True)
                box.setValue(surface.params.get(p.name, p.default))
                box.blockSignals(False)
            self.params_host.setVisible(bool(sdef.params))  # hidden while a network was shown
            return
        while self.params_form.rowCount():
            self.params_form.removeRow(0)
        self.param_fields = {}
        for p in sdef.params:
            box = QtWidgets.QDoubleSpinBox()
            box.setObjectName(p.name)
            box.setDecimals(0 if p.kind == "int" else 3)
            box.setRange(p.low, p.high)
            box.setKeyboardTracking(False)
            box.setValue(surface.params.get(p.name, p.default))
            box.setToolTip(_param_tip(p))
            box.valueChanged.connect(self._params_changed)
            self.params_form.addRow(p.name, box)
            self.param_fields[p.name] = box
        self.params_host.setVisible(bool(sdef.params) and source is None)

    @staticmethod
    def _path_tip(surface) -> str:
        """Which of the engine's paths races on a typed formula (empty for the registry's surfaces)."""
        if surface.name != FORMULA:
            return ""
        reason = getattr(surface, "numpy_only", None)
        if reason:
            return tr("Steps on NumPy only: {reason}").format(reason=reason)
        return tr("Compiled (numba) once its kernels are built; same numbers as on NumPy, bit for bit")

    @staticmethod
    def _describe(surface) -> str:
        """The formula, the description and the minimum value of ``surface`` (rich text)."""
        typed = surface.name == FORMULA
        glob = [m for m in surface.minima if m.kind == "global"]
        minima = ", ".join(f"({m.point[0]:.4g}, {m.point[1]:.4g})" for m in glob[:2])
        if len(glob) > 2:
            minima += tr(" and {count} more").format(count=len(glob) - 2)
        fmin = (
            tr("f* = {fmin} at {minima}").format(fmin=f"{surface.f_min:.6g}", minima=minima)
            if surface.f_min is not None
            else tr("no minimum (unbounded below)")
        )
        if typed and surface.f_min is None:
            local = len(surface.minima)
            fmin = tr("no lowest point inside the domain") + (
                tr(" ({count} local minima)").format(count=local) if local else ""
            )
        elif typed and len(surface.minima) > len(glob):
            fmin += tr("; {count} local minima").format(count=len(surface.minima) - len(glob))
        description = html.escape(tr_in("surfaces", surface.description))
        text = f"<b>f(x, y) = {html.escape(surface.formula)}</b><br><span style='color:#555'>{description}<br>"
        text += f"{html.escape(fmin)}</span>"
        source = getattr(getattr(surface, "data", None), "source", None)
        if source is not None:  # loaded data (File > Load data…)
            loaded = tr("fitted to {n} rows loaded from {file}").format(n=surface.data.n, file=source or tr("a file"))
            text += f"<br><span style='color:#555'>{html.escape(loaded)}</span>"
        return text

    def _picked(self, index: int) -> None:
        name = self.combo.itemData(index)
        if isinstance(name, str) and name.startswith(NETWORK):
            if name != self._name:
                self.network_box.show()
                self._emit_problem(name)
        elif name == FORMULA and name != self._name:
            self.formula_box.show()  # race on what the editor holds (the last formula, or an example)
            self.apply_formula()
        elif name != self._name:
            self.surfacePicked.emit(name, {})

    def _params_changed(self) -> None:
        values = {}
        for name, box in self.param_fields.items():
            values[name] = int(box.value()) if box.decimals() == 0 else float(box.value())
        # from the event loop: the restart it causes must not run inside the spin box's handler
        QtCore.QTimer.singleShot(0, lambda: self.surfacePicked.emit(self._name, values))

"""SurfaceDock: pick the surface, see its formula, edit its parameters."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from gui.widgets.scrolling import scrolling
from surfaces import SURFACES


class SurfaceDock(QtWidgets.QDockWidget):
    surfacePicked = QtCore.Signal(str, dict)  # name, parameters

    def __init__(self, parent=None):
        super().__init__("Surface", parent)
        self.setObjectName("SurfaceDock")
        body = QtWidgets.QWidget()
        layout = QtWidgets.QVBoxLayout(body)
        self.combo = QtWidgets.QComboBox()
        self.combo.setObjectName("surfaceCombo")
        for name, sdef in SURFACES.items():
            self.combo.addItem(sdef.title, name)
            self.combo.setItemData(
                self.combo.count() - 1, f"{sdef.formula}\n{sdef.description}", QtCore.Qt.ItemDataRole.ToolTipRole
            )
        self.combo.setToolTip("The loss surface; changing it restarts the race from its default start")
        self.combo.currentIndexChanged.connect(self._picked)
        layout.addWidget(self.combo)
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

    def show_surface(self, surface) -> None:
        """Reflect the controller's current surface (no signals emitted)."""
        self._name = surface.name
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(self.combo.findData(surface.name))
        self.combo.blockSignals(False)
        glob = [m for m in surface.minima if m.kind == "global"]
        minima = ", ".join(f"({m.point[0]:.4g}, {m.point[1]:.4g})" for m in glob[:2])
        if len(glob) > 2:
            minima += f" and {len(glob) - 2} more"
        fmin = f"f* = {surface.f_min:.6g} at {minima}" if surface.f_min is not None else "no minimum (unbounded below)"
        self.formula.setText(
            f"<b>f(x, y) = {surface.formula}</b><br><span style='color:#555'>{surface.description}<br>{fmin}</span>"
        )
        sdef = SURFACES[surface.name]
        if self.param_fields and set(self.param_fields) == {p.name for p in sdef.params}:
            for p in sdef.params:  # same surface: update in place (a field may be mid-edit)
                box = self.param_fields[p.name]
                box.blockSignals(True)
                box.setValue(surface.params.get(p.name, p.default))
                box.blockSignals(False)
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
            box.setToolTip(f"{p.doc}\nallowed: [{p.low:g}, {p.high:g}], default {p.default:g}")
            box.valueChanged.connect(self._params_changed)
            self.params_form.addRow(p.name, box)
            self.param_fields[p.name] = box
        self.params_host.setVisible(bool(sdef.params))

    def _picked(self, index: int) -> None:
        name = self.combo.itemData(index)
        if name != self._name:
            self.surfacePicked.emit(name, {})

    def _params_changed(self) -> None:
        values = {}
        for name, box in self.param_fields.items():
            values[name] = int(box.value()) if box.decimals() == 0 else float(box.value())
        # from the event loop: the restart it causes must not run inside the spin box's handler
        QtCore.QTimer.singleShot(0, lambda: self.surfacePicked.emit(self._name, values))

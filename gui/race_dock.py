"""RaceControlsDock: step, play/pause, reset, speed, budget, tolerance and the leaderboard."""
from __future__ import annotations

import math
import time

from PySide6 import QtCore, QtGui, QtWidgets

from arena import standings

from .racers_dock import swatch

COLUMNS = ("Racer", "Loss", "Distance to min", "Step", "Status", "µs / step")
LEADERBOARD_INTERVAL = 0.1  # seconds between leaderboard refreshes while playing


class RaceControlsDock(QtWidgets.QDockWidget):
    def __init__(self, controller, actions, parent=None):
        super().__init__("Race", parent)
        self.setObjectName("RaceControlsDock")
        self.controller = controller
        body = QtWidgets.QWidget()
        layout = QtWidgets.QVBoxLayout(body)
        row = QtWidgets.QHBoxLayout()
        for key in ("play", "step", "reset"):
            button = QtWidgets.QToolButton()
            button.setObjectName(f"{key}Button")
            button.setDefaultAction(actions[key])
            button.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setMinimumWidth(84)
            row.addWidget(button)
            setattr(self, f"{key}_button", button)
        row.addSpacing(12)
        row.addWidget(QtWidgets.QLabel("Speed"))
        self.speed = QtWidgets.QSpinBox()
        self.speed.setObjectName("speed")
        self.speed.setRange(1, 1000)
        self.speed.setSuffix(" steps/frame")
        self.speed.setToolTip("Steps taken per frame while playing (about 60 frames per second)")
        self.speed.valueChanged.connect(controller.set_speed)
        row.addWidget(self.speed)
        row.addWidget(QtWidgets.QLabel("Budget"))
        self.budget = QtWidgets.QSpinBox()
        self.budget.setObjectName("steps")
        self.budget.setRange(1, 1_000_000)
        self.budget.setSuffix(" steps")
        self.budget.setKeyboardTracking(False)
        self.budget.setToolTip("Step budget: the race stops after this many steps (raising it lets it go on)")
        self.budget.valueChanged.connect(controller.set_budget)
        row.addWidget(self.budget)
        self.tol_on = QtWidgets.QCheckBox("Stop at |grad| ≤")
        self.tol_on.setObjectName("tolEnabled")
        self.tol_on.setToolTip("Stop a racer as converged once its gradient norm falls to the tolerance")
        self.tol = QtWidgets.QDoubleSpinBox()
        self.tol.setObjectName("tol")
        self.tol.setDecimals(12)
        self.tol.setRange(1e-12, 1e6)
        self.tol.setValue(1e-6)
        self.tol.setKeyboardTracking(False)
        self.tol.textFromValue = lambda v: f"{v:g}"  # type: ignore[method-assign]
        self.tol_on.toggled.connect(self._tol_changed)
        self.tol.valueChanged.connect(self._tol_changed)
        row.addWidget(self.tol_on)
        row.addWidget(self.tol)
        row.addStretch(1)
        layout.addLayout(row)
        self.table = QtWidgets.QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("leaderboard")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(70)
        rows = self.table.verticalHeader().defaultSectionSize()
        self.table.setMinimumHeight(self.table.horizontalHeader().sizeHint().height() + 4 * rows + 6)
        layout.addWidget(self.table, 1)
        self.setWidget(body)
        self._last_refresh = 0.0
        controller.raceReset.connect(self.show_config)
        controller.advanced.connect(self.maybe_refresh)
        controller.playingChanged.connect(lambda playing: None if playing else self.refresh())
        controller.racerRenamed.connect(lambda *_: self.refresh())
        self.show_config()

    def show_config(self) -> None:
        cfg = self.controller.config
        for box, value in ((self.budget, cfg.steps), (self.speed, self.controller.speed)):
            box.blockSignals(True)
            box.setValue(value)
            box.blockSignals(False)
        self.tol_on.blockSignals(True)
        self.tol.blockSignals(True)
        self.tol_on.setChecked(cfg.tol is not None)
        if cfg.tol is not None:
            self.tol.setValue(cfg.tol)
        self.tol.setEnabled(cfg.tol is not None)
        self.tol_on.blockSignals(False)
        self.tol.blockSignals(False)
        self.refresh()

    def _tol_changed(self, *_):
        self.tol.setEnabled(self.tol_on.isChecked())
        self.controller.set_tol(self.tol.value() if self.tol_on.isChecked() else None)

    def maybe_refresh(self) -> None:
        now = time.perf_counter()
        if not self.controller.playing or now - self._last_refresh >= LEADERBOARD_INTERVAL or self.controller.race.done:
            self.refresh()

    def refresh(self) -> None:
        self._last_refresh = time.perf_counter()
        rows = standings(self.controller.race)
        racers = self.controller.config.racers
        self.table.setRowCount(len(rows))
        for row, (racer, s) in enumerate(zip(racers, rows)):
            cells = (s.racer, f"{s.final_loss:.6g}", "—" if math.isnan(s.distance_to_min) else f"{s.distance_to_min:.4g}",
                     str(s.steps), s.status_text,
                     "—" if math.isnan(s.seconds_per_step) else f"{s.seconds_per_step * 1e6:.1f}")
            for col, text in enumerate(cells):
                item = self.table.item(row, col)
                if item is None:
                    item = QtWidgets.QTableWidgetItem()
                    if col:
                        item.setTextAlignment(QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter)
                    self.table.setItem(row, col, item)
                item.setText(text)
                if col == 0:
                    item.setIcon(swatch(racer.color))
                if col == 4:
                    color = {"diverged": "#b00020", "converged": "#00703c"}.get(s.status, "#000000")
                    item.setForeground(QtGui.QColor(color))

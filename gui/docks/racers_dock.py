"""RacersDock: the list of racers (colour, name, visibility), add / remove /
duplicate, and the selected racer's hyperparameter editor."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from engine import OPTIMIZERS
from gui.i18n import retranslate_on_change, tr
from gui.i18n_registry import label_optimizer_actions, tr_error
from gui.widgets.scrolling import scrolling
from gui.widgets.swatch import swatch

from .hyperparam_editor import HyperparamEditor
from .options_editor import RacerOptionsEditor


class RacersDock(QtWidgets.QDockWidget):
    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.setObjectName("RacersDock")
        self.controller = controller
        self._shown = None  # what the list shows (refresh skips the same racers)
        body = QtWidgets.QWidget()
        layout = QtWidgets.QVBoxLayout(body)
        self.list = QtWidgets.QListWidget()
        self.list.setObjectName("racerList")
        self.list.setSizePolicy(QtWidgets.QSizePolicy.Policy.Expanding, QtWidgets.QSizePolicy.Policy.Fixed)
        self.list.currentRowChanged.connect(self._selected)
        self.list.itemChanged.connect(self._item_changed)
        layout.addWidget(self.list)
        row = QtWidgets.QHBoxLayout()
        self.add_button = QtWidgets.QToolButton()
        self.add_button.setObjectName("addRacer")
        self.add_button.setPopupMode(QtWidgets.QToolButton.ToolButtonPopupMode.InstantPopup)
        self.add_menu = QtWidgets.QMenu(self.add_button)
        for name in OPTIMIZERS:
            act = self.add_menu.addAction(name)
            act.setData(name)
            act.triggered.connect(lambda checked=False, n=name: self.add(n))
        self.add_button.setMenu(self.add_menu)
        label_optimizer_actions(self.add_menu)  # titles and descriptions in the window's language
        self.remove_button = QtWidgets.QPushButton()
        self.remove_button.setObjectName("removeRacer")
        self.remove_button.clicked.connect(self.remove)
        self.duplicate_button = QtWidgets.QPushButton()
        self.duplicate_button.setObjectName("duplicateRacer")
        self.duplicate_button.clicked.connect(self.duplicate)
        self.color_button = QtWidgets.QPushButton()
        self.color_button.clicked.connect(self.pick_color)
        self.torch_button = QtWidgets.QPushButton()
        self.torch_button.setObjectName("copyTorch")
        self.torch_button.clicked.connect(lambda: self.copy_torch())
        # two rows of two (and the copy button): the dock stays narrow enough for a small screen
        grid = QtWidgets.QGridLayout()
        for i, w in enumerate(
            (self.add_button, self.duplicate_button, self.remove_button, self.color_button, self.torch_button)
        ):
            w.setSizePolicy(QtWidgets.QSizePolicy.Policy.Expanding, QtWidgets.QSizePolicy.Policy.Fixed)
            grid.addWidget(w, i // 2, i % 2, 1, 2 if i == 4 else 1)
        self.list.setContextMenuPolicy(QtCore.Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)
        row.addLayout(grid, 1)
        layout.addLayout(row)
        self.editor = HyperparamEditor()
        self.editor.changed.connect(self._hyperparams_edited)
        self.options_editor = RacerOptionsEditor()
        self.options_editor.changed.connect(self._options_edited)
        self.tabs = QtWidgets.QTabWidget()
        self.tabs.setObjectName("racerTabs")
        for widget in (self.editor, self.options_editor):
            scroll = QtWidgets.QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
            scroll.setWidget(widget)
            self.tabs.addTab(scroll, "")
            if widget is self.editor:  # its rows wrap to the column's width
                self._editor_view = scroll.viewport()
                self._editor_view.installEventFilter(self)
        layout.addWidget(self.tabs, 1)  # the editor gets the height the list does not need
        self.setWidget(scrolling(body, "racersScroll"))
        controller.raceReset.connect(self.refresh)
        controller.racerRemoved.connect(lambda _i: self.refresh())
        self.retranslate()
        retranslate_on_change(self, self.retranslate)
        self.refresh()

    def eventFilter(self, obj, event):  # noqa: N802 - Qt API
        if obj is self._editor_view and event.type() == QtCore.QEvent.Type.Resize:
            self.editor.fit_width(event.size().width())
        return super().eventFilter(obj, event)

    def retranslate(self) -> None:
        """Set the dock's texts in the window's language (the racers, their names and the selection stay)."""
        self.setWindowTitle(tr("Racers"))
        self.list.setToolTip(tr("Tick to show or hide a racer; double-click to rename"))
        self.add_button.setText(tr("Add ▾"))
        self.add_button.setToolTip(tr("Add a racer with any optimizer"))
        self.remove_button.setText(tr("Remove"))
        self.remove_button.setToolTip(tr("Remove the selected racer"))
        self.duplicate_button.setText(tr("Duplicate"))
        self.duplicate_button.setToolTip(tr("Copy the selected racer (e.g. to race it at another learning rate)"))
        self.color_button.setText(tr("Colour…"))
        self.color_button.setToolTip(tr("Change the selected racer's colour"))
        self.torch_button.setText(tr("Copy as torch"))
        self.torch_button.setToolTip(
            tr("Copy the selected racer as torch.optim code: a short runnable script that reproduces its path")
        )
        self.tabs.setTabText(0, tr("Optimizer"))
        self.tabs.setTabText(1, tr("Batches, noise, lr schedule"))

    @property
    def current(self) -> int:
        return self.list.currentRow()

    def refresh(self) -> None:
        """Rebuild the list from the controller's config, keeping the selection."""
        racers = self.controller.config.racers
        shown = (
            [(r.name, r.color, r.visible, r.optimizer, dict(r.hyperparams), dict(r.options)) for r in racers],
            self.controller.config.is_network,
        )
        if shown == self._shown and self.list.count() == len(racers):
            return  # the same racers (a restart, a surface switch): the list and the editor are right
        self._shown = shown
        keep = self.current
        self.list.blockSignals(True)
        self.list.clear()
        for racer in racers:
            item = QtWidgets.QListWidgetItem(swatch(racer.color), racer.name)
            item.setFlags(item.flags() | QtCore.Qt.ItemFlag.ItemIsUserCheckable | QtCore.Qt.ItemFlag.ItemIsEditable)
            item.setCheckState(QtCore.Qt.CheckState.Checked if racer.visible else QtCore.Qt.CheckState.Unchecked)
            item.setToolTip(
                f"{racer.name}: {racer.optimizer} " + ", ".join(f"{k}={v}" for k, v in racer.hyperparams.items())
            )
            self.list.addItem(item)
        self.list.blockSignals(False)
        if racers:
            row = min(max(keep, 0), len(racers) - 1)
            self.list.setCurrentRow(row)
            self._selected(row)
        else:
            self._selected(-1)
        for w in (self.remove_button, self.duplicate_button, self.color_button, self.torch_button):
            w.setEnabled(bool(racers))
        if self.controller.config.is_network:  # the torch script is of a 2-D surface race (gui/network_mode.py)
            self.torch_button.setEnabled(False)
        self.fit_list()

    def fit_list(self) -> None:
        """The list as tall as its racers (3 to 10 rows; more scroll)."""
        rows = min(max(self.list.count(), 3), 10)
        row = self.list.sizeHintForRow(0) if self.list.count() else self.list.fontMetrics().height() + 4
        self.list.setFixedHeight(rows * row + 2 * self.list.frameWidth() + 2)

    def select(self, index: int) -> None:
        self.list.setCurrentRow(index)

    def _selected(self, row: int) -> None:
        racers = self.controller.config.racers
        if 0 <= row < len(racers):
            racer = racers[row]
            self.editor.set_racer(racer.optimizer, racer.hyperparams)
            race = self.controller.race
            data = getattr(race.surface if race.problem is None else race.problem, "data", None)
            self.options_editor.setEnabled(True)
            self.options_editor.set_racer(
                racer.options,
                racer.resolved()["lr"],
                self.controller.config.steps,
                data.n if data is not None else None,
            )
        else:
            self.editor.set_racer(None)
            self.options_editor.setEnabled(False)

    def _item_changed(self, item: QtWidgets.QListWidgetItem) -> None:
        row = self.list.row(item)
        racer = self.controller.config.racers[row]
        visible = item.checkState() == QtCore.Qt.CheckState.Checked
        if visible != racer.visible:
            self.controller.set_racer_visible(row, visible)
        if item.text().strip() and item.text() != racer.name:
            self.controller.rename_racer(row, item.text())

    def _hyperparams_edited(self, hyperparams: dict) -> None:
        row = self.current
        try:
            self.controller.set_hyperparams(row, hyperparams)
        except ValueError as exc:
            self.editor.refuse(tr_error(str(exc)))
            return
        self.editor.accept_values(hyperparams)

    def _options_edited(self, options: dict) -> None:
        row = self.current
        try:
            self.controller.set_options(row, options)
        except ValueError as exc:
            self.editor.show_error(tr_error(str(exc)))
            self._selected(row)

    def _context_menu(self, pos: QtCore.QPoint) -> None:
        row = self.list.indexAt(pos).row()
        if row < 0:
            return
        self.select(row)
        menu = QtWidgets.QMenu(self)
        menu.addAction(tr("Copy as torch.optim code"), lambda: self.copy_torch(row))
        menu.addAction(tr("Duplicate"), self.duplicate)
        menu.addAction(tr("Remove"), self.remove)
        menu.exec(self.list.viewport().mapToGlobal(pos))

    def copy_torch(self, index: int | None = None) -> str | None:
        """Put racer `index`'s (default: the selected one's) torch.optim script on the clipboard.

        The script runs as many steps as the racer has taken (the budget before the race starts).
        Returns the text, or None when there is nothing to copy.
        """
        from arena.torch_script import torch_script

        row = self.current if index is None else index
        config = self.controller.config
        if not 0 <= row < len(config.racers):
            return None
        if config.is_network:
            self._status(tr("Not copied: the torch script reproduces a 2-D surface race, not a network's"))
            return None
        runner = self.controller.race.runners[row]
        steps = runner.steps if runner.steps > 0 else config.steps
        try:
            text = torch_script(config, row, steps=steps)
        except ValueError as exc:
            self._status(tr("Not copied: {reason}").format(reason=exc))
            return None
        QtWidgets.QApplication.clipboard().setText(text)
        self._status(
            tr("Copied {racer} as torch.optim code ({steps} steps): paste it into a .py file").format(
                racer=config.racers[row].name, steps=steps
            )
        )
        return text

    def _status(self, text: str) -> None:
        window = self.window()
        if isinstance(window, QtWidgets.QMainWindow):
            window.statusBar().showMessage(text, 8000)

    def add(self, optimizer: str) -> None:
        try:
            index = self.controller.add_racer(optimizer)
        except ValueError as exc:  # an optimizer a network race cannot take
            self._status(str(exc))
            return
        self.select(index)

    def remove(self) -> None:
        if self.current >= 0:
            self.controller.remove_racer(self.current)

    def duplicate(self) -> None:
        if self.current >= 0:
            self.select(self.controller.duplicate_racer(self.current))

    def pick_color(self) -> None:
        row = self.current
        if row < 0:
            return
        racer = self.controller.config.racers[row]
        color = QtWidgets.QColorDialog.getColor(
            QtGui.QColor(racer.color), self, tr("Colour of {racer}").format(racer=racer.name)
        )
        if color.isValid():
            racer.color = color.name().upper()
            self.controller.reset()

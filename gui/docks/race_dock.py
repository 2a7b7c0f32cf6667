"""RaceControlsDock: step, play/pause, reset, speed, budget, tolerance and the leaderboard."""

from __future__ import annotations

import math
import time

from PySide6 import QtCore, QtGui, QtWidgets

from arena import standings
from gui.i18n import QT_TRANSLATE_NOOP, retranslate_on_change, tr
from gui.widgets.scrolling import scrolling
from gui.widgets.speed_box import SLOW_MOTION, SpeedBox, level_for_seconds
from gui.widgets.swatch import swatch
from gui.widgets.wrap_row import WrapRow, group

# the English texts (shown through tr: the window's language)
COLUMNS = (
    "#",
    QT_TRANSLATE_NOOP("", "Racer"),
    "f − f*",
    QT_TRANSLATE_NOOP("", "Distance to min"),
    QT_TRANSLATE_NOOP("", "Steps"),
    QT_TRANSLATE_NOOP("", "Status"),
    QT_TRANSLATE_NOOP("", "Steps to tol"),
    QT_TRANSLATE_NOOP("", "Time"),
)
COLUMN_TIPS = (
    QT_TRANSLATE_NOOP(
        "",
        "Rank: with a tolerance set, racers that converged first (fewest steps to the tolerance first), then the "
        "others by final loss gap; without one, by final loss gap f − f*. Diverged racers come last.",
    ),
    QT_TRANSLATE_NOOP("", "The racer (its colour on the map and the plots)"),
    QT_TRANSLATE_NOOP(
        "",
        "Final loss gap f − f*: how far above the surface's minimum value the racer's loss is "
        "(the loss f itself where the minimum value is unknown)",
    ),
    QT_TRANSLATE_NOOP("", "Distance from the racer's position to the nearest known minimum"),
    QT_TRANSLATE_NOOP("", "Steps the racer has taken"),
    QT_TRANSLATE_NOOP(
        "",
        "ready (no step taken yet), running (budget left), budget used, "
        "converged (|grad| reached the tolerance) or diverged, with the step",
    ),
    QT_TRANSLATE_NOOP("", "Steps it took to reach |grad| ≤ tolerance (empty if it has not)"),
    QT_TRANSLATE_NOOP("", "Computing time spent on this racer's steps (total); the tooltip gives the time per step"),
)
STATUS_COLORS = {"diverged": "#b00020", "converged": "#00703c"}
LEADERBOARD_INTERVAL = 0.2  # seconds between leaderboard refreshes while playing (at most 5 a second)
LATE = 0.05  # ...put off this much longer at most, waiting for a frame the step panels leave light
COLOR_ROLE = QtCore.Qt.ItemDataRole.UserRole + 1  # the colour a name cell's swatch shows


# columns a narrow leaderboard leaves out first (the CSV and a wider dock still have them);
# "Steps to tol" goes first while no tolerance is set (it is empty then)
DROP_ORDER = (6, 7, 3, 4)
DROP_ORDER_WITH_TOL = (7, 3, 4)
ROW_PADDING = 4  # px between rows' text


class RaceControlsDock(QtWidgets.QDockWidget):
    """Speed, step budget and tolerance above a compact leaderboard with a row per racer.

    Play, Step and Reset are the toolbar's (and the keys'): not repeated here. The
    controls wrap onto two rows in a narrow dock; the leaderboard leaves out its
    least needed columns (time, distance, steps) rather than scroll sideways."""

    def __init__(self, controller, actions, parent=None):
        super().__init__(parent)
        self.setObjectName("RaceControlsDock")
        self.controller = controller
        self.actions_ = actions
        body = QtWidgets.QWidget()
        layout = QtWidgets.QVBoxLayout(body)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        self.speed = SpeedBox()
        self.speed.valueChanged.connect(self._speed_changed)
        self.budget = QtWidgets.QSpinBox()
        self.budget.setObjectName("steps")
        self.budget.setRange(1, 1_000_000)
        self.budget.setKeyboardTracking(False)
        self.budget.valueChanged.connect(controller.set_budget)
        self.tol_on = QtWidgets.QCheckBox()
        self.tol_on.setObjectName("tolEnabled")
        self.tol = QtWidgets.QDoubleSpinBox()
        self.tol.setObjectName("tol")
        self.tol.setDecimals(12)
        self.tol.setRange(1e-12, 1e6)
        self.tol.setValue(1e-6)
        self.tol.setKeyboardTracking(False)
        self.tol.textFromValue = lambda v: f"{v:g}"  # type: ignore[method-assign]
        self.tol.setMinimumWidth(self.fontMetrics().horizontalAdvance("1e-12") + 40)
        self.tol_on.toggled.connect(self._tol_changed)
        self.tol.valueChanged.connect(self._tol_changed)
        self.speed_label, self.budget_label = QtWidgets.QLabel(), QtWidgets.QLabel()
        self.controls = WrapRow(
            [
                group(self.speed_label, self.speed),
                group(self.budget_label, self.budget),
                group(self.tol_on, self.tol),
            ]
        )
        self.controls.setObjectName("raceControls")
        layout.addWidget(self.controls)
        self.table = QtWidgets.QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("leaderboard")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        self.table.setSortingEnabled(True)
        self.table.sortItems(0, QtCore.Qt.SortOrder.AscendingOrder)
        self.table.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setWordWrap(False)
        self.table.setIconSize(QtCore.QSize(12, 12))
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Fixed)
        rows.setMinimumSectionSize(1)
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + ROW_PADDING)
        header = self.table.horizontalHeader()
        # every column as wide as it needs: the numbers stay next to the names they belong to
        header.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(36)
        header.setSortIndicatorShown(True)
        self.table.setMinimumHeight(self.table_height(2))
        self.table.installEventFilter(self)
        layout.addWidget(self.table, 1)
        self.setWidget(scrolling(body, "raceScroll"))
        self._last_refresh = 0.0
        self._fitted_texts: tuple | None = None  # what the columns were last fitted to (refresh)
        self._held = False
        controller.raceReset.connect(self.show_config)
        # controller.advanced: the window calls maybe_refresh after its panels (on a frame they leave light)
        controller.playingChanged.connect(lambda playing: None if playing else self.refresh())
        controller.racerRenamed.connect(lambda *_: self.refresh())
        controller.racerRemoved.connect(lambda _i: self.refresh())
        self.retranslate()
        retranslate_on_change(self, self.retranslate)
        self.show_config()

    def retranslate(self) -> None:
        """Set the dock's texts in the window's language (the leaderboard's words too; values stay)."""
        self.setWindowTitle(tr("Race"))
        self.speed_label.setText(tr("Speed"))
        self.budget_label.setText(tr("Budget"))
        self.budget.setSuffix(tr(" steps"))
        self.budget.setToolTip(tr("Step budget: the race stops after this many steps (raising it lets it go on)"))
        self.tol_on.setText(tr("Stop at |grad| ≤"))
        self.tol_on.setToolTip(tr("Stop a racer as converged once its gradient norm falls to the tolerance"))
        for col, (title, tip) in enumerate(zip(COLUMNS, COLUMN_TIPS)):
            item = self.table.horizontalHeaderItem(col)
            item.setText(tr(title))
            item.setToolTip(tr(tip))
        if hasattr(self, "_last_refresh"):  # built: the status words and the gap column's title
            self.refresh()

    # ------------------------------------------------------------------ sizes
    def table_height(self, rows: int) -> int:
        """Pixels the leaderboard needs to show its header and ``rows`` rows."""
        t = self.table
        return (
            t.horizontalHeader().sizeHint().height()
            + rows * t.verticalHeader().defaultSectionSize()
            + 2 * t.frameWidth()
            + 2
        )

    def wanted_height(self) -> int:
        """Height of the dock's body that shows the controls and every racer's row."""
        margins = self.widget().widget().layout().contentsMargins()
        controls = self.controls.sizeHint().height()
        return margins.top() + margins.bottom() + 4 + controls + self.table_height(max(2, self.table.rowCount()))

    def column_widths(self) -> list[int]:
        """What each column needs for its header and contents."""
        t, header = self.table, self.table.horizontalHeader()
        metrics = t.fontMetrics()
        out = []
        for col in range(t.columnCount()):
            texts = [t.item(r, col).text() for r in range(t.rowCount()) if t.item(r, col) is not None]
            cell = max((metrics.horizontalAdvance(x) for x in texts), default=0) + 14 + (18 if col == 1 else 0)
            label = header.fontMetrics().horizontalAdvance(t.horizontalHeaderItem(col).text()) + 24
            out.append(max(cell, label, header.minimumSectionSize()))
        return out

    def fit_columns(self) -> None:
        """Show the columns that fit the table's width, leaving out the least needed first."""
        t = self.table
        width = t.viewport().width()
        if width <= 0:
            return
        needs = self.column_widths()
        hidden: set[int] = set()
        order = DROP_ORDER_WITH_TOL if self.controller.config.tol is not None else DROP_ORDER
        if self.controller.race.problem is not None:  # a network race: its test loss first, never its accuracy
            order = (6, 7, 4)
        for col in order:
            if sum(n for c, n in enumerate(needs) if c not in hidden) <= width:
                break
            hidden.add(col)
        for col in range(t.columnCount()):
            if t.isColumnHidden(col) != (col in hidden):
                t.setColumnHidden(col, col in hidden)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if obj is self.table and event.type() == QtCore.QEvent.Type.Resize:
            QtCore.QTimer.singleShot(0, self.fit_columns)
        return False

    def show_config(self) -> None:
        cfg = self.controller.config
        seconds = self.controller.seconds_per_step
        level = level_for_seconds(seconds) if seconds is not None else self.controller.speed
        for box, value in ((self.budget, cfg.steps), (self.speed, level)):
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

    def _speed_changed(self, level: int) -> None:
        if level in SLOW_MOTION:
            self.controller.set_slow_motion(SLOW_MOTION[level])
        else:
            self.controller.set_speed(level)

    def _tol_changed(self, *_):
        self.tol.setEnabled(self.tol_on.isChecked())
        self.controller.set_tol(self.tol.value() if self.tol_on.isChecked() else None)

    def hold(self) -> None:
        """Keep the table as it is until :meth:`release` (the window draws a surface switch first)."""
        self._held = True

    def release(self) -> None:
        if self._held:
            self._held = False
            self.refresh()

    def maybe_refresh(self, light: bool = True) -> None:
        """The race took steps: refresh the table unless playing (then every LEADERBOARD_INTERVAL,
        preferably on a ``light`` frame, one the step panels leave to the others; at the latest a
        frame later)."""
        now = time.perf_counter()
        since = now - self._last_refresh
        if (
            not self.controller.playing
            or self.controller.race.done
            or (since >= LEADERBOARD_INTERVAL and (light or since >= LEADERBOARD_INTERVAL + LATE))
        ):
            self.refresh()

    def refresh(self) -> None:
        """Fill the table from the race's standings: only cells whose text changed are written.

        The model's signals are held while writing and the view told once at the end: a column
        sized to its contents otherwise measures itself again at every cell (10 racers cost 30 ms)."""
        if self._held:  # filled on release
            return
        self._last_refresh = time.perf_counter()
        racers = self.controller.config.racers
        network = self.controller.race.problem is not None
        if network:  # a network race: train loss, test accuracy and test loss (gui/network_mode.py)
            from gui.network_race import network_leaderboard

            rows, titles = network_leaderboard(self.controller.race)
        else:
            rows = standings(self.controller.race, specs=False)
            unknown_min = self.controller.race.surface.f_min is None
            titles = {2: (tr("Loss f") if unknown_min else "f − f*", None)}
        for col, (title, tip) in titles.items():
            header_item = self.table.horizontalHeaderItem(col)
            if header_item.text() != title:
                header_item.setText(title)
                header_item.setToolTip(tip or tr(COLUMN_TIPS[col]))
        for col in (3, 6):  # the surface titles back after a network race
            if not network and self.table.horizontalHeaderItem(col).text() != tr(COLUMNS[col]):
                self.table.horizontalHeaderItem(col).setText(tr(COLUMNS[col]))
                self.table.horizontalHeaderItem(col).setToolTip(tr(COLUMN_TIPS[col]))
        table, model = self.table, self.table.model()
        sorting = table.isSortingEnabled()
        table.setSortingEnabled(False)  # fill first, sort once
        grown = len(rows) != table.rowCount()
        if grown:
            table.setRowCount(len(rows))
        right = QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter
        user = QtCore.Qt.ItemDataRole.UserRole
        changed = False
        lengths: list[int] = []  # the texts' lengths: the columns are measured again only when one changes
        model.blockSignals(True)
        try:
            for row, s in enumerate(rows):
                # before the first step nothing is running yet
                status_text = _status_text(s)
                if network:
                    acc = s.test_accuracy
                    cells = (
                        (str(s.rank), s.rank),
                        (s.racer, s.racer.lower()),
                        (_fmt(s.train_loss, ".4g"), _key(s.train_loss)),
                        ("—" if math.isnan(acc) else f"{acc:.1%}", _key(-acc)),
                        (str(s.steps), s.steps),
                        (status_text, STATUS_WORDS_ORDER.get(s.status, 9)),
                        (_fmt(s.test_loss, ".4g"), _key(s.test_loss)),
                        (_duration(s.seconds), s.seconds),
                    )
                else:
                    gap = s.final_loss if unknown_min else s.loss_gap
                    cells = (
                        (str(s.rank), s.rank),
                        (s.racer, s.racer.lower()),
                        (_fmt(gap, ".4g"), _key(gap)),
                        (_fmt(s.distance_to_min, ".4g"), _key(s.distance_to_min)),
                        (str(s.steps), s.steps),
                        (status_text, STATUS_WORDS_ORDER.get(s.status, 9)),
                        ("" if s.steps_to_tol is None else str(s.steps_to_tol), _key(s.steps_to_tol)),
                        (_duration(s.seconds), s.seconds),
                    )
                for col, (text, key) in enumerate(cells):
                    lengths.append(len(text))
                    item = table.item(row, col)
                    if item is None:
                        item = _SortItem()
                        if col != 1:
                            item.setTextAlignment(right)
                        table.setItem(row, col, item)
                    if item.text() != text:
                        item.setText(text)
                        changed = True
                    if item.data(user) != key:
                        item.setData(user, key)
                        changed = True
                name_item = table.item(row, 1)
                color = racers[s.index].color if 0 <= s.index < len(racers) else None
                if name_item.data(COLOR_ROLE) != color:
                    name_item.setData(COLOR_ROLE, color)
                    name_item.setIcon(swatch(color) if color is not None else QtGui.QIcon())
                    changed = True
                status_item = table.item(row, 5)
                status_color = STATUS_COLORS.get(s.status, "#000000")
                if status_item.foreground().color() != QtGui.QColor(status_color):
                    status_item.setForeground(QtGui.QColor(status_color))
                    changed = True
                time_item = table.item(row, 7)
                per_step = (
                    "—"
                    if math.isnan(s.seconds_per_step)
                    else tr("{us} µs per step").format(us=f"{s.seconds_per_step * 1e6:.1f}")
                )
                time_item.setToolTip(
                    tr("{time} for {steps} steps: {per_step}").format(
                        time=_duration(s.seconds), steps=s.steps, per_step=per_step
                    )
                )
        finally:
            model.blockSignals(False)
        if changed or grown:
            model.dataChanged.emit(model.index(0, 0), model.index(max(0, len(rows) - 1), table.columnCount() - 1))
        table.setSortingEnabled(sorting)
        headers = tuple(table.horizontalHeaderItem(c).text() for c in range(table.columnCount()))
        fit = (tuple(lengths), headers, self.controller.config.tol is not None, network)
        if fit != self._fitted_texts:  # (a resize of the table fits them on its own: eventFilter)
            self._fitted_texts = fit
            self.fit_columns()

    def racer_rows(self) -> dict[str, int]:
        """Row of each racer name as the table shows it now (after any sorting by the user)."""
        return {self.table.item(r, 1).text(): r for r in range(self.table.rowCount())}


STATUS_WORDS_ORDER = {"converged": 0, "budget used": 1, "running": 2, "ready": 2, "diverged": 3}


def _status_text(s) -> str:
    """A standing's status in the window's language: ``ready``, ``running``, ``budget used``,
    ``converged at 37``, ``diverged at 12``."""
    if s.status == "running":
        return tr("ready") if s.steps == 0 else tr("running")
    if s.status == "converged":
        return tr("converged at {step}").format(step=s.stop_step)
    if s.status == "diverged":
        return tr("diverged at {step}").format(step=s.stop_step)
    if s.status == "budget used":
        return tr("budget used")
    return s.status_text


class _SortItem(QtWidgets.QTableWidgetItem):
    """Sorts by the number kept under UserRole, not by the text ("10" after "9")."""

    def __lt__(self, other):
        a = self.data(QtCore.Qt.ItemDataRole.UserRole)
        b = other.data(QtCore.Qt.ItemDataRole.UserRole)
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)


def _key(value) -> float:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return math.inf
    return float(value)


def _fmt(value: float, spec: str) -> str:
    return "—" if value is None or math.isnan(value) else format(value, spec)


def _duration(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"

"""MainWindow: the three panels, the docks, menus, toolbar and shortcuts."""

from __future__ import annotations

import json
import os
from collections.abc import Callable

from PySide6 import QtCore, QtGui, QtWidgets

import arena
from arena import (
    RaceConfig,
    SessionError,
    list_presets,
    load_preset,
    load_session,
    parse_session,
    save_session,
    session_dict,
    write_summary_csv,
)
from engine import OPTIMIZERS, write_race_csv

from .controller import RaceController
from .docks.inspector_dock import InspectorDock
from .docks.maps_dock import MapsDock
from .docks.race_dock import RaceControlsDock
from .docks.racers_dock import RacersDock
from .docks.surface_dock import SurfaceDock
from .i18n import (
    LANGUAGES,
    QT_TR_NOOP,
    current_language,
    remember_language,
    retranslate_on_change,
    set_language,
    tr,
    tr_text,
)
from .i18n_registry import label_optimizer_actions, label_preset_actions, tr_error
from .network_mode import NetworkMode
from .panels.contour_panel import ContourPanel
from .panels.learning_rate_panel import MODE_TIPS as LR_MODE_TIPS
from .panels.learning_rate_panel import LearningRatePanel
from .panels.loss_panel import LossPanel
from .panels.map_view import MapsPanel
from .tune import Tuner
from .widgets.paint_hook import after_paint
from .widgets.step_scrubber import StepScrubber

DEFAULT_PRESET = "textbook"
PREFERRED_SIZE = QtCore.QSize(1480, 920)  # the first window on a large screen
SCREEN_FRACTION = 0.9  # of the available screen, on smaller ones
MINIMUM_SIZE = QtCore.QSize(900, 600)  # fits 1024x768 with a task bar and window frame
RIGHT_DOCKS_MIN_WINDOW = 1300  # narrower windows show the Inspector and the 3-D view floating
LEFT_COLUMN_MIN = 200  # px: the surface and racer docks stay readable when a right-hand dock shows
MAX_RECENT = 8
LR_MODES = (
    ("own", QT_TR_NOOP("Optimizer's own rate"), LR_MODE_TIPS["own"]),
    ("observed", QT_TR_NOOP("Observed |Δθ / g|"), LR_MODE_TIPS["observed"]),
)
# the race's state as the status bar shows it (race_state() gives the English key)
RACE_STATES = {
    "ready": QT_TR_NOOP("ready"),
    "running": QT_TR_NOOP("running"),
    "paused": QT_TR_NOOP("paused"),
    "finished": QT_TR_NOOP("finished"),
}


def session_filter() -> str:
    return tr("Gradient Arena session (*.json);;All files (*)")


def csv_filter() -> str:
    return tr("CSV (*.csv)")


SHORTCUT_KEYS = (
    QtCore.Qt.Key.Key_Space,
    QtCore.Qt.Key.Key_Right,
    QtCore.Qt.Key.Key_R,
    # the Inspector's step keys (active while it shows)
    QtCore.Qt.Key.Key_Comma,
    QtCore.Qt.Key.Key_Period,
    QtCore.Qt.Key.Key_Home,
    QtCore.Qt.Key.Key_End,
)
# what the Inspector's arrows on the map show, and their colours (the update takes the racer's)
ARROW_COLORS = {
    "gradient": (80, 80, 80),
    "momentum": (126, 47, 142),
    "preconditioned": (0, 128, 128),
    "low": (0, 110, 200),  # the Hessian's flattest direction (dashed)
    "high": (200, 60, 0),  # and its steepest
}
ENTER_KEYS = (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter)


def is_text_editing(widget) -> bool:
    """Whether ``widget`` takes typed text (a line edit, a spin box, an editable combo box,
    a text editor): there Space, → and R are text and cursor keys, not shortcuts."""
    while widget is not None:
        if isinstance(widget, QtWidgets.QLineEdit):
            return not widget.isReadOnly()
        if isinstance(widget, QtWidgets.QAbstractSpinBox):
            return not widget.isReadOnly()
        if isinstance(widget, (QtWidgets.QTextEdit, QtWidgets.QPlainTextEdit)):
            return not widget.isReadOnly()
        if isinstance(widget, QtWidgets.QComboBox):
            return widget.isEditable()
        if isinstance(widget, QtWidgets.QAbstractItemView) or widget.isWindow():
            return False
        widget = widget.parentWidget()
    return False


class KeyRouter(QtCore.QObject):
    """Application event filter that keeps the window's single-key shortcuts (Space, →, R)
    working whatever has the keyboard focus, except a text field being edited:

    - in a text field the keys are text (the field takes the shortcut override);
    - anywhere else in the window (check boxes, buttons, lists, combo boxes, sliders) the
      widget never claims them, so the window's action runs (Space never ticks a box);
    - Enter in a text field of the window commits it (the field's own handling) and then
      hands the focus back to the map, so the next Space plays.

    It also tells ``on_input`` of the user's keys, clicks, wheel turns and mouse moves (the idle
    garbage collection waits for quiet)."""

    INPUT = frozenset(
        {
            QtCore.QEvent.Type.KeyPress,
            QtCore.QEvent.Type.MouseButtonPress,
            QtCore.QEvent.Type.MouseMove,
            QtCore.QEvent.Type.Wheel,
        }
    )

    def __init__(self, window: QtWidgets.QMainWindow, home: QtWidgets.QWidget):
        super().__init__(window)
        self.window_ = window
        self.home = home
        self.on_input: Callable[[], None] = lambda: None

    def _mine(self, obj) -> QtWidgets.QWidget | None:
        if isinstance(obj, QtWidgets.QWidget) and obj.window() is self.window_:
            return obj
        return None

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind in self.INPUT:
            self.on_input()
        if kind == QtCore.QEvent.Type.ShortcutOverride:
            widget = self._mine(obj)
            if widget is None or event.modifiers() & ~QtCore.Qt.KeyboardModifier.KeypadModifier:
                return False
            if event.key() in SHORTCUT_KEYS:
                if is_text_editing(widget):
                    event.accept()  # typed into the field
                else:
                    event.ignore()  # the window's shortcut, not the widget's own use of the key
                return True
        elif kind == QtCore.QEvent.Type.KeyPress and event.key() in ENTER_KEYS:
            widget = self._mine(obj)
            if widget is not None and is_text_editing(widget) and QtWidgets.QApplication.activePopupWidget() is None:
                QtCore.QTimer.singleShot(0, self._focus_home)
        return False

    def _focus_home(self) -> None:
        focused = QtWidgets.QApplication.focusWidget()
        if focused is None or (self._mine(focused) is not None and is_text_editing(focused)):
            self.home.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)


PREPARE_MS = 1000  # idle this long after the window shows, it makes the Data panel a data-fit surface will need
STAGE_FALLBACK_MS = 250  # a surface switch draws its step panels at the latest this long after the map


class MainWindow(QtWidgets.QMainWindow):
    def __init__(self, settings: QtCore.QSettings | None = None, config: RaceConfig | None = None):
        super().__init__()
        self.setObjectName("MainWindow")
        self.settings = settings if settings is not None else QtCore.QSettings("GradientArena", "Gradient Arena")
        if config is None:
            config = self._last_config() or load_preset(DEFAULT_PRESET)
        self.controller = RaceController(config, self)
        self.session_path: str | None = None
        self.setAcceptDrops(True)
        self.contour = ContourPanel()
        self.loss = LossPanel()
        self.lr = LearningRatePanel()
        right = QtWidgets.QSplitter(QtCore.Qt.Orientation.Vertical)
        right.addWidget(self.loss)
        right.addWidget(self.lr)
        self.splitter = QtWidgets.QSplitter(QtCore.Qt.Orientation.Horizontal)
        self.splitter.setObjectName("panelSplitter")
        self.splitter.addWidget(self.contour)
        # under the step panels: the Inspector's time scrubber (shown with the Inspector)
        self.scrubber = StepScrubber()
        self.scrubber.hide()
        steps_column = QtWidgets.QWidget()
        column = QtWidgets.QVBoxLayout(steps_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(right, 1)
        column.addWidget(self.scrubber)
        self.splitter.addWidget(steps_column)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.contour.setMinimumWidth(300)
        # the right-hand panels keep room for their "Show:" selector; a long title wraps onto two lines
        for panel in (self.loss, self.lr):
            panel.title.setWordWrap(True)
            panel.header.setStretchFactor(panel.title, 10)  # wrapped only where the width runs out
            panel.header.invalidate()
        right.setMinimumWidth(max(300, self.loss.minimumSizeHint().width(), self.lr.minimumSizeHint().width()))
        steps_column.setMinimumWidth(right.minimumWidth())
        self.splitter.setSizes([600, 460])
        self.central_stack = QtWidgets.QStackedWidget()  # the surface panels, or a network race's (network_mode)
        self.central_stack.setObjectName("centralStack")
        self.central_stack.addWidget(self.splitter)
        self.setCentralWidget(self.central_stack)
        self.setDockOptions(
            QtWidgets.QMainWindow.DockOption.AnimatedDocks | QtWidgets.QMainWindow.DockOption.AllowTabbedDocks
        )
        self._build_actions()
        self.surface_dock = SurfaceDock(self)
        self.racers_dock = RacersDock(self.controller, self)
        self.race_dock = RaceControlsDock(self.controller, self.actions, self)
        self.addDockWidget(QtCore.Qt.DockWidgetArea.LeftDockWidgetArea, self.surface_dock)
        self.addDockWidget(QtCore.Qt.DockWidgetArea.LeftDockWidgetArea, self.racers_dock)
        self.addDockWidget(QtCore.Qt.DockWidgetArea.BottomDockWidgetArea, self.race_dock)
        self._stage_token: object | None = None
        self._stages: tuple = ()
        self._held: list = []
        self._stage_done = 0
        self._stage_run = lambda k: None
        self._refit_surface_dock = False
        self._frame_no = 0
        self._tick_frame: int | None = None  # the frame number while the race's steps are drawn, else None
        for panel in (self.loss, self.lr):
            panel.clock = lambda: self._tick_frame
        self._staged = False  # a surface switch is drawing its step panels a frame later (_stage_switch)
        self._data_panel = None  # made when a data surface or the user first shows the Data dock, or at idle
        self._prepare = QtCore.QTimer(self)
        self._prepare.setSingleShot(True)
        self._prepare.timeout.connect(self._prepare_at_idle)
        self.data_dock = QtWidgets.QDockWidget(self)
        self.data_dock.setObjectName("DataDock")
        self.addDockWidget(QtCore.Qt.DockWidgetArea.BottomDockWidgetArea, self.data_dock)
        self.splitDockWidget(self.race_dock, self.data_dock, QtCore.Qt.Orientation.Horizontal)
        self.data_dock.hide()
        self.data_dock.visibilityChanged.connect(lambda shown: shown and self._update_data_panel())
        # inside a step (View > Inspector) and the surface in 3-D (View > 3-D view): on the right, tabbed
        self.inspector_dock = InspectorDock(self)
        self.addDockWidget(QtCore.Qt.DockWidgetArea.RightDockWidgetArea, self.inspector_dock)
        self.inspector_dock.hide()
        self.view3d_dock = QtWidgets.QDockWidget(self)
        self.view3d_dock.setObjectName("View3DDock")
        self.addDockWidget(QtCore.Qt.DockWidgetArea.RightDockWidgetArea, self.view3d_dock)
        self.tabifyDockWidget(self.inspector_dock, self.view3d_dock)
        self.view3d_dock.hide()
        self._view3d = None  # made when first shown: pyqtgraph.opengl loads only then
        self.view3d_dock.visibilityChanged.connect(lambda shown: shown and self._update_view3d())
        # basin maps, sweeps and the trainability boundary (View > Maps), tabbed with them
        self.maps_dock = MapsDock(self)
        self.addDockWidget(QtCore.Qt.DockWidgetArea.RightDockWidgetArea, self.maps_dock)
        self.tabifyDockWidget(self.view3d_dock, self.maps_dock)
        self.maps_dock.hide()
        self.maps_dock.set_panel(MapsPanel())
        self.maps_dock.set_provider(self._maps_input)
        self.tuner = Tuner(self)  # Race > Tune all racers
        self.maps_dock.visibilityChanged.connect(lambda shown: shown and self._widen_right_docks())
        self.resizeDocks([self.surface_dock, self.racers_dock], [240, 520], QtCore.Qt.Orientation.Vertical)
        # the left column runs the full height; the Race (and Data) docks sit under the panels only
        self.setCorner(QtCore.Qt.Corner.BottomLeftCorner, QtCore.Qt.DockWidgetArea.LeftDockWidgetArea)
        self._build_menus()
        self.network = NetworkMode(self)  # (its panels are made by the first network race)
        self.contour.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)  # where Enter in a field sends the focus
        self.key_router = KeyRouter(self, self.contour)  # watches the application's keys while the window shows
        self.key_router.on_input = self.controller.collector.user_active  # no idle collection under the user's hand
        self.race_status = QtWidgets.QLabel()
        self.race_status.setObjectName("raceStatus")
        self.statusBar().addPermanentWidget(self.race_status)
        self.retranslate()
        retranslate_on_change(self, self.retranslate)
        self._hint_shown = self._hint()
        self.statusBar().showMessage(self._hint_shown)
        self._connect()
        self.default_state = self.saveState()
        self._on_surface_changed()
        self._on_reset()
        self._show_race_status()
        available = self._available_screen()
        self.setMinimumSize(MINIMUM_SIZE.boundedTo(available.size()))  # a screen smaller still: all of it
        self.setGeometry(first_geometry(available))
        self._sized_docks = False
        self._race_rows = len(self.controller.config.racers)
        self._restored_state = self._restore_layout()
        if self._restored_state:  # the saved layout says where the Data dock sits, not whether this race has data
            self.data_dock.setVisible(self._race_has_data())

    # ------------------------------------------------------------------ build
    def _action(self, key, text, shortcut, tip, slot, icon=None) -> QtGui.QAction:
        """An action of the window; ``text`` and ``tip`` are English sources (QT_TR_NOOP), shown translated."""
        act = QtGui.QAction(self)
        act.setObjectName(f"{key}Action")
        if shortcut:
            act.setShortcut(QtGui.QKeySequence(shortcut))
        self._action_texts[key] = (text, tip)
        self._translate_action(act, key)
        if icon is not None:
            act.setIcon(self.style().standardIcon(icon))
        act.triggered.connect(slot)
        self.actions[key] = act
        self.addAction(act)
        return act

    def _translate_action(self, act: QtGui.QAction, key: str) -> None:
        text, tip = self._action_texts[key]
        tip = tr_text(tip)
        if not act.shortcut().isEmpty():
            seq = act.shortcut().toString(QtGui.QKeySequence.SequenceFormat.NativeText)
            tip = tr("{tip} ({shortcut})").format(tip=tip, shortcut=seq)
        act.setText(tr_text(text))
        act.setToolTip(tip)
        act.setStatusTip(tip)

    def _build_actions(self) -> None:
        self.actions: dict[str, QtGui.QAction] = {}
        self._action_texts: dict[str, tuple] = {}  # key: (text, tip), each marked with QT_TR_NOOP
        sp = QtWidgets.QStyle.StandardPixmap
        self._action(
            "play",
            QT_TR_NOOP("Play"),
            "Space",
            QT_TR_NOOP("Play or pause the race"),
            self.controller.toggle_play,
            sp.SP_MediaPlay,
        )
        self._action(
            "step",
            QT_TR_NOOP("Step", "button"),
            "Right",
            QT_TR_NOOP("Take one step"),
            lambda: self.controller.step(1),
            sp.SP_MediaSeekForward,
        )
        self._action(
            "reset",
            QT_TR_NOOP("Reset"),
            "R",
            QT_TR_NOOP("Restart every racer from the start"),
            self.controller.reset,
            sp.SP_BrowserReload,
        )
        self._action(
            "resetView",
            QT_TR_NOOP("Reset view"),
            "Ctrl+0",
            QT_TR_NOOP("Show the whole surface again"),
            self.contour.reset_view,
        )
        self._action("quit", QT_TR_NOOP("Quit"), "Ctrl+Q", QT_TR_NOOP("Quit Gradient Arena"), self.close)
        grad = self._action(
            "gradientField",
            QT_TR_NOOP("Gradient field"),
            "Ctrl+G",
            QT_TR_NOOP("Draw the direction of steepest descent, −∇f, over the map (longer arrows: steeper)"),
            lambda: self.contour.set_gradient_field(self.actions["gradientField"].isChecked()),
        )
        grad.setCheckable(True)
        for key, text, shortcut, tip, delta in (
            ("inspectPrev", QT_TR_NOOP("Inspect previous step"), ",", QT_TR_NOOP("The Inspector's step one back"), -1),
            ("inspectNext", QT_TR_NOOP("Inspect next step"), ".", QT_TR_NOOP("The Inspector's step one on"), 1),
            (
                "inspectFirst",
                QT_TR_NOOP("Inspect the start"),
                "Home",
                QT_TR_NOOP("The Inspector at the start (the curvature there)"),
                None,
            ),
            (
                "inspectLast",
                QT_TR_NOOP("Inspect last step"),
                "End",
                QT_TR_NOOP("The Inspector at the last step taken"),
                None,
            ),
        ):
            self._action(key, text, shortcut, tip, lambda checked=False, k=key, d=delta: self._inspect_key(k, d))
            self.actions[key].setEnabled(False)
        self._action(
            "open",
            QT_TR_NOOP("Open session…"),
            "Ctrl+O",
            QT_TR_NOOP("Open a saved race (session file)"),
            self.open_session_dialog,
            sp.SP_DialogOpenButton,
        )
        self._action(
            "save",
            QT_TR_NOOP("Save session"),
            "Ctrl+S",
            QT_TR_NOOP("Save this race as a session file"),
            self.save_session,
            sp.SP_DialogSaveButton,
        )
        self._action(
            "saveAs",
            QT_TR_NOOP("Save session as…"),
            "Ctrl+Shift+S",
            QT_TR_NOOP("Save this race under a new name"),
            self.save_session_as,
        )
        self._action(
            "loadData",
            QT_TR_NOOP("Load data…"),
            None,
            QT_TR_NOOP(
                "Fit linear regression (x, y columns) or logistic regression (x1, x2, label) to your own CSV file"
            ),
            self.load_data_dialog,
        )
        self._action(
            "exportImage",
            QT_TR_NOOP("Export image…"),
            "Ctrl+E",
            QT_TR_NOOP("Save the map, a panel or the whole window as PNG or SVG"),
            lambda: self.export_image_dialog(),
        )
        self._action(
            "exportAnimation",
            QT_TR_NOOP("Export animation…"),
            "Ctrl+Shift+E",
            QT_TR_NOOP("Save the race as an animated GIF or MP4"),
            self.export_animation_dialog,
        )
        self._action(
            "exportView3d",
            QT_TR_NOOP("Export 3-D view…"),
            None,
            QT_TR_NOOP("Save the 3-D view (View > 3-D view) as a PNG image"),
            lambda: self.export_image_dialog("view3d"),
        )
        self._action(
            "exportCsv",
            QT_TR_NOOP("Export race CSV…"),
            None,
            QT_TR_NOOP("Every racer, every step, as CSV"),
            self.export_csv_dialog,
        )
        self._action(
            "exportSummary",
            QT_TR_NOOP("Export leaderboard CSV…"),
            None,
            QT_TR_NOOP("One row per racer"),
            self.export_summary_dialog,
        )
        self._action(
            "restoreLayout",
            QT_TR_NOOP("Restore default layout"),
            None,
            QT_TR_NOOP("Put the docks back where they started"),
            self.restore_default_layout,
        )

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = file_menu = bar.addMenu("")
        file_menu.setObjectName("fileMenu")
        file_menu.addAction(self.actions["open"])
        self.recent_menu = file_menu.addMenu("")
        self.recent_menu.setObjectName("recentMenu")
        self._fill_recent()
        file_menu.addAction(self.actions["save"])
        file_menu.addAction(self.actions["saveAs"])
        file_menu.addAction(self.actions["loadData"])
        file_menu.addSeparator()
        self.export_menu = file_menu.addMenu("")
        self.export_menu.setObjectName("exportMenu")
        self.export_menu.addAction(self.actions["exportImage"])
        self.export_menu.addAction(self.actions["exportView3d"])
        self.export_menu.addAction(self.actions["exportAnimation"])
        self.export_menu.addAction(self.actions["exportCsv"])
        self.export_menu.addAction(self.actions["exportSummary"])
        file_menu.addSeparator()
        file_menu.addAction(self.actions["quit"])
        self.edit_menu = bar.addMenu("")
        self.edit_menu.setObjectName("editMenu")
        self.copy_torch_action = copy_torch = self.edit_menu.addAction("")
        copy_torch.setObjectName("copyTorchAction")
        copy_torch.setShortcut(QtGui.QKeySequence("Ctrl+Shift+C"))
        copy_torch.triggered.connect(lambda: self.racers_dock.copy_torch())
        self.race_menu = race_menu = bar.addMenu("")
        race_menu.setObjectName("raceMenu")
        for key in ("play", "step", "reset"):
            race_menu.addAction(self.actions[key])
        race_menu.addSeparator()
        self.tune_action = tune = race_menu.addAction("")
        tune.setObjectName("tuneAll")
        tune.triggered.connect(self.tuner.ask_and_start)
        self.add_menu = add_menu = race_menu.addMenu("")
        add_menu.setObjectName("addRacerMenu")
        for name in OPTIMIZERS:
            act = add_menu.addAction("")
            act.setData(name)
            act.triggered.connect(lambda checked=False, n=name: self.racers_dock.add(n))
        label_optimizer_actions(add_menu)  # the registry's titles and descriptions, in the window's language
        self.presets_menu = bar.addMenu("")
        self.presets_menu.setObjectName("presetsMenu")
        for name, _title in list_presets():
            act = self.presets_menu.addAction("")
            act.setObjectName(f"preset_{name}")
            act.setData(name)
            act.triggered.connect(lambda checked=False, n=name: self.open_preset(n))
        label_preset_actions(self.presets_menu)  # titles, descriptions as tooltips
        self.view_menu = view = bar.addMenu("")
        view.setObjectName("viewMenu")
        view.addAction(self.actions["resetView"])
        view.addSeparator()
        view.addAction(self.actions["gradientField"])
        view.addSeparator()
        for dock in (self.surface_dock, self.racers_dock, self.race_dock, self.data_dock):
            view.addAction(dock.toggleViewAction())
        inspector = self.inspector_dock.toggleViewAction()
        inspector.setShortcut(QtGui.QKeySequence("Ctrl+I"))
        view.addAction(inspector)
        view3d = self.view3d_dock.toggleViewAction()
        view3d.setShortcut(QtGui.QKeySequence("Ctrl+3"))
        view.addAction(view3d)
        maps_action = self.maps_dock.toggleViewAction()
        maps_action.setShortcut(QtGui.QKeySequence("Ctrl+M"))
        view.addAction(maps_action)
        self.inspect_menu = inspect_menu = view.addMenu("")
        inspect_menu.setObjectName("inspectMenu")
        for key in ("inspectPrev", "inspectNext", "inspectFirst", "inspectLast"):
            inspect_menu.addAction(self.actions[key])
        view.addAction(self.actions["restoreLayout"])
        view.addSeparator()
        self.lr_mode_menu = view.addMenu("")
        self.lr_mode_menu.setObjectName("lrModeMenu")
        self.lr_mode_menu.setToolTipsVisible(True)
        group = QtGui.QActionGroup(self)
        for key, _text, _tip in LR_MODES:
            act = self.lr_mode_menu.addAction("")
            act.setObjectName(f"lrMode_{key}")
            act.setCheckable(True)
            act.setChecked(self.lr.mode == key)
            act.setData(key)
            group.addAction(act)
            act.triggered.connect(lambda checked=False, k=key: self.lr.set_mode(k))
        self.lr.modeChanged.connect(self._sync_lr_mode_menu)
        view.addSeparator()
        self._build_language_menu(view)
        self.help_menu = help_menu = bar.addMenu("")
        help_menu.setObjectName("helpMenu")
        self.about_action = about = help_menu.addAction("")
        about.setObjectName("aboutAction")
        about.triggered.connect(self.about)
        self.toolbar = tools = self.addToolBar("")
        tools.setObjectName("RaceToolBar")
        tools.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for key in ("play", "step", "reset", "resetView"):
            tools.addAction(self.actions[key])
        tools.addSeparator()
        tools.addAction(self.actions["exportImage"])

    def _build_language_menu(self, view: QtWidgets.QMenu) -> None:
        """View > Language: English / 简体中文, each named in itself; the checked one is the current language."""
        self.language_menu = view.addMenu("")
        self.language_menu.setObjectName("languageMenu")
        self.language_group = QtGui.QActionGroup(self)
        self.language_group.setExclusive(True)
        for code, name in LANGUAGES:
            act = self.language_menu.addAction(name)  # each language in its own words: never translated
            act.setObjectName(f"language_{code}")
            act.setCheckable(True)
            act.setData(code)
            self.language_group.addAction(act)
            act.triggered.connect(lambda checked=False, c=code: self.choose_language(c))
        self._sync_language_menu()

    def _sync_language_menu(self) -> None:
        for act in self.language_group.actions():
            act.setChecked(act.data() == current_language())

    def choose_language(self, code: str) -> None:
        """View > Language: the window in ``code`` from now on (live, the race untouched), remembered."""
        set_language(code)
        remember_language(self.settings, code)
        self._sync_language_menu()

    def _hint(self) -> str:
        return tr("Click the map to start every racer there.  Space: play/pause, →: step, R: reset")

    def retranslate(self) -> None:
        """Every text the window itself shows, in the current language (called again on a language change)."""
        self.setWindowTitle(self._window_title())
        for key, act in self.actions.items():
            self._translate_action(act, key)
        self.data_dock.setWindowTitle(tr("Data"))
        self.view3d_dock.setWindowTitle(tr("3-D view"))
        self.race_status.setToolTip(
            tr("ready: no step taken yet; running; paused; finished (budget used or every racer stopped)")
        )
        self._show_race_status()
        self._show_play_action(self.controller.playing)
        if getattr(self, "_hint_shown", None) is not None and self.statusBar().currentMessage() == self._hint_shown:
            self._hint_shown = self._hint()  # the opening hint, still shown: in the new language
            self.statusBar().showMessage(self._hint_shown)
        if not hasattr(self, "file_menu"):
            return  # the menus are made after the docks
        self.file_menu.setTitle(tr("&File"))
        self.recent_menu.setTitle(tr("Open recent"))
        self.export_menu.setTitle(tr("Export"))
        self.edit_menu.setTitle(tr("&Edit"))
        self.copy_torch_action.setText(tr("Copy racer as torch.optim code"))
        self.copy_torch_action.setToolTip(
            tr("A runnable torch script reproducing the selected racer's path, on the clipboard")
        )
        self.race_menu.setTitle(tr("&Race"))
        self.tune_action.setText(tr("Tune all racers (fair race)…"))
        self.tune_action.setToolTip(
            tr("Search every racer's hyperparameters on the race's own budget and race the winners")
        )
        self.add_menu.setTitle(tr("Add racer"))
        self.presets_menu.setTitle(tr("&Presets"))
        self.view_menu.setTitle(tr("&View"))
        self.inspector_dock.toggleViewAction().setToolTip(
            tr("Look inside one racer's step: its optimizer state, equations and the local curvature")
        )
        self.view3d_dock.toggleViewAction().setToolTip(tr("The surface in 3-D with every racer's path on it"))
        self.maps_dock.toggleViewAction().setToolTip(
            tr("Basins of attraction, hyperparameter sweeps and the trainability boundary")
        )
        self.inspect_menu.setTitle(tr("Inspect step"))
        self.lr_mode_menu.setTitle(tr("Learning rate shows"))
        modes = {key: (text, tip) for key, text, tip in LR_MODES}
        for act in self.lr_mode_menu.actions():
            text, tip = modes[act.data()]
            act.setText(tr(text))
            act.setToolTip(tr(tip))
            act.setStatusTip(tr(tip))
        self.language_menu.setTitle(tr("Language"))
        self.help_menu.setTitle(tr("&Help"))
        self.about_action.setText(tr("About Gradient Arena"))
        self.toolbar.setWindowTitle(tr("Race"))

    def _connect(self) -> None:
        c = self.controller
        c.surfaceChanged.connect(self._on_surface_changed)
        c.raceReset.connect(self._on_reset)
        c.advanced.connect(self._on_steps)
        c.playingChanged.connect(self._on_playing)
        for signal in (c.raceReset, c.advanced, c.playingChanged, c.racerRemoved):
            signal.connect(self._show_race_status)
        c.racerVisibilityChanged.connect(self._on_visibility)
        c.racerRenamed.connect(self._on_renamed)
        c.racerRemoved.connect(self._on_racer_removed)
        c.raceReset.connect(self._racers_changed)
        c.racerRemoved.connect(self._racers_changed)
        c.message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.contour.startPicked.connect(c.set_start)
        self.contour.hovered.connect(lambda text: self.statusBar().showMessage(text))
        self.surface_dock.surfacePicked.connect(self._pick_surface)
        self.surface_dock.problemPicked.connect(self._pick_problem)
        self.lr.modeChanged.connect(lambda _m: self.lr.redraw(c.race.runners))
        self.loss.modeChanged.connect(lambda _m: self.loss.redraw(c.race.runners))
        self.inspector_dock.stepPicked.connect(self._show_inspection)
        self.inspector_dock.useSettings.connect(self._use_settings)
        self.maps_dock.startPicked.connect(c.set_start)
        self.maps_dock.settingsPicked.connect(self._use_map_settings)
        self.inspector_dock.visibilityChanged.connect(self._inspector_shown)
        self.scrubber.stepRequested.connect(self.inspector_dock.go_to)
        self.inspector_dock.step.valueChanged.connect(self.scrubber.set_step)
        self.inspector_dock.rangeChanged.connect(self.scrubber.set_last)

    # --------------------------------------------------------------- reacting
    def _on_surface_changed(self) -> None:
        self.network.sync()
        if self.network.active:  # a network race: its own panels (gui/network_mode.py)
            self.surface_dock.show_problem(self.controller.race)
            return
        surface = self.controller.race.surface
        if self.isVisible():  # the new map is painted first; the step panels and the tables a frame later
            self._stage_switch()
        self.contour.set_surface(surface)
        self.surface_dock.show_surface(surface)
        if not self._staged:
            self._show_surface_panels()
        rows = len(getattr(surface, "params", {}) or {})
        if rows != getattr(self, "_param_rows", None):  # more or fewer parameter rows: the editor gets the rest back
            self._param_rows = rows
            if getattr(self, "_sized_docks", False):
                if self._staged:
                    self._refit_surface_dock = True  # in the switch's last frame (it lays the window out again)
                else:
                    QtCore.QTimer.singleShot(0, lambda: self._fit_surface_dock(panels=False))

    def _show_surface_panels(self, loss: bool = True, data: bool = True) -> None:
        """The loss panel (unless not ``loss``), the 3-D view and (unless not ``data``) the Data panel and
        its dock on the race's surface."""
        surface = self.controller.race.surface
        if loss:
            self.loss.set_surface(surface)
        if self._view3d is not None:
            self._view3d.set_surface(surface)
        if data:
            self._show_data_panel()

    def _race_has_data(self) -> bool:
        """The race's surface is fitted to data (the Data dock shows with such surfaces only)."""
        return getattr(self.controller.race.surface, "data", None) is not None

    def _show_data_panel(self) -> None:
        """The Data panel on the race's surface, and its dock shown with data surfaces only."""
        surface = self.controller.race.surface
        if self._data_panel is not None:
            self._data_panel.set_surface(surface)
        has_data = self._race_has_data()
        if has_data and self._data_panel is None:
            self.data_panel.update_fits(self.controller.race.runners)  # made now, for this surface
        if has_data != getattr(self, "_had_data", None):  # the Data dock comes with data surfaces
            self.data_dock.setVisible(has_data)
            self._had_data = has_data
            if getattr(self, "_sized_docks", False):
                self._fit_bottom_docks()

    def _stage_switch(self) -> None:
        """A surface switch over several frames, each after the one before has been painted:

        1. the new map (the race restarted on it);
        2. the loss panel, the leaderboard and the Surface dock's paint (its contents change in 1);
        3. the learning-rate panel, the 3-D view and the Inspector;
        4. the Data dock shown or hidden and the docks' sizes: the map laid out again if the panels
           get another size, and then, a frame each, the loss and learning-rate panels (5, 6);
        7. the Data panel's contents;
        8. its legend.

        A race at step 0 has next to nothing to show in the step panels, and each frame blocks the
        window a fraction as long as all at once (every plot lays out new axes and items); the
        window takes input in between."""
        if not self._staged:  # (another switch before the last one is drawn: its frames start again)
            self._refit_surface_dock = False
            self._held = []
        self._staged = True
        self.race_dock.hold()
        loss, lr = self.loss.plot_widget, self.lr.plot_widget
        held = self._held  # panels kept from painting until their frame (those of a switch before too)

        def hold(widget) -> None:
            if widget is not None and widget.updatesEnabled():
                widget.setUpdatesEnabled(False)
                held.append(widget)

        def show(widget):
            """Let ``widget`` paint again; it, if it was held (the next frame waits for its paint), else None."""
            if widget in held:
                held.remove(widget)
                widget.setUpdatesEnabled(True)  # ...which asks for its paint
                return widget
            return None

        # the Surface dock's contents change now (its fields hold the new surface's parameters), its paint
        # waits for the loss panel's frame (a new surface's rows laid out and painted: 5-10 ms)
        for widget in (loss, lr, self._data_panel, self.surface_dock):
            hold(widget)

        def loss_panel():
            race = self.controller.race
            show(self.surface_dock)
            self.loss.set_surface(race.surface)
            self.loss.set_racers(self.controller.config.racers)
            self.loss.update_curves(race.runners)
            self.loss.set_step(race.steps)
            self.race_dock.release()
            return show(loss)

        def lr_panel():
            self._show_surface_panels(loss=False, data=False)
            self._reset_step_panels(loss=False)
            self._advance_panels(self.controller.race.runners)
            return show(lr)

        def data_dock():
            had_dock = self.data_dock.isVisible()
            made = self._data_panel is None
            if not made:
                self._data_panel.hold_legend(True)
            self._show_data_panel()
            if self._data_panel is not None:
                if made:  # hidden until its frame, as one that was there
                    hold(self._data_panel)
                self._data_panel.update_fits(self.controller.race.runners)
            if self._refit_surface_dock:
                self._refit_surface_dock = False
                self._fit_surface_dock(panels=False)
            if self.data_dock.isVisible() != had_dock:  # the panels get another size: the map is painted
                hold(loss)  # again now, the step panels in the frames after
                hold(lr)
                return self.contour
            return None

        def data_panel():
            if self._data_panel is not None and self.data_dock.isVisible():
                return show(self._data_panel)
            return None

        def legend():
            self._staged = False
            for widget in list(held):  # (a network race took over meanwhile)
                show(widget)
            if self._data_panel is not None:
                self._data_panel.hold_legend(False)
            if self._refit_surface_dock:  # a switch after the Data dock's frame
                self._refit_surface_dock = False
                self._fit_surface_dock(panels=False)
            return None

        surface_stages = [loss_panel, lr_panel, data_dock, lambda: show(loss), lambda: show(lr), data_panel, legend]
        self._stages = tuple(surface_stages)

        def run(k: int) -> None:
            if self._stage_token is not token or self._stage_done != k:
                return  # done already (by the paint, the fallback or settle_switch), or another switch's
            self._stage_done = k + 1
            try:
                if self.network.active:  # a network race took over meanwhile: its own panels
                    after = None
                    if k == len(surface_stages) - 1:
                        self.race_dock.release()
                        legend()
                else:
                    after = surface_stages[k]()
            except RuntimeError:  # closed meanwhile
                return
            if k + 1 < len(surface_stages):
                schedule(k + 1, after if self.isVisible() else None)

        def schedule(k: int, after: QtWidgets.QWidget | None) -> None:
            if after is not None:
                after_paint(after, lambda: run(k))
            QtCore.QTimer.singleShot(STAGE_FALLBACK_MS if after is not None else 0, self, lambda: run(k))

        self._stage_token = token = object()
        self._stage_done = 0
        self._stage_run = run
        schedule(0, self.contour)

    @property
    def switching(self) -> bool:
        """A surface switch is still drawing its later frames (see :meth:`_stage_switch`)."""
        return self._staged

    def settle_switch(self) -> None:
        """Draw what a surface switch has left for its later frames now (before an export or a screenshot)."""
        while self._staged and self._stage_token is not None and self._stage_done < len(self._stages):
            self._stage_run(self._stage_done)

    def _on_reset(self) -> None:
        if self.network.active:
            self.network.on_reset()
            return
        racers = self.controller.config.racers
        self.contour.set_start(*self.controller.config.start)
        self.contour.set_racers(racers)
        if not self._staged:
            self._reset_step_panels()
        self._on_advanced()

    def _reset_step_panels(self, loss: bool = True) -> None:
        """The racers' curves (the loss panel's unless not ``loss``), fits and 3-D paths restart (and the
        Inspector follows the new race)."""
        racers = self.controller.config.racers
        if loss:
            self.loss.set_racers(racers)
        self.lr.set_racers(racers)
        if self._data_panel is not None:
            self._data_panel.set_racers(racers)
        if self._view3d is not None:
            self._view3d.set_start(*self.controller.config.start)
            self._view3d.set_racers(racers)
        self._refresh_inspector()

    def _on_racer_removed(self, index: int) -> None:
        """One racer left the race: the panels drop its items and redraw the others from
        their runners' records, where they are (no restart)."""
        if self.network.active:
            self.network.on_removed(index)
            return
        for panel in (self.contour, self.loss, self.lr):
            panel.remove_racer(index)
        if self._data_panel is not None:
            self._data_panel.set_racers(self.controller.config.racers)
        if self._view3d is not None:
            self._view3d.remove_racer(index)
        self._refresh_inspector()
        self._on_advanced()

    def _on_steps(self) -> None:
        """The race took steps: the panels, then the leaderboard (while playing, on the frame the
        learning-rate panel lays out its curves and the loss panel paints, the lighter of the two)."""
        self._frame_no += 1  # the step panels' shared clock: they take turns by it
        self._tick_frame = self._frame_no
        try:
            self._on_advanced()
        finally:
            self._tick_frame = None  # (updates out of the race's frames, a switch's, are drawn at once)
        # the leaderboard on the lighter frame: the learning-rate panel's layout and the loss panel's paint;
        # while playing, after the frame's paint (a posted call, queued behind the window's update request):
        # in the time left before the next frame, not between the frame's updates and the screen
        light = self.network.active or self.lr.holding
        if self.controller.playing:
            QtCore.QTimer.singleShot(0, self, lambda: self.race_dock.maybe_refresh(light=light))
        else:
            self.race_dock.maybe_refresh(light=light)

    def _on_advanced(self) -> None:
        if self.network.active:
            self.network.on_advanced()
            return
        runners = self.controller.race.runners
        self.contour.update_paths(runners)
        if not self._staged:  # (a surface switch draws the rest in the frames after: _stage_switch)
            self._advance_panels(runners)

    def _advance_panels(self, runners) -> None:
        """Every panel but the map to the runners' current step."""
        self.loss.update_curves(runners)
        self.lr.update_curves(runners)
        if self._data_panel is not None:
            self._data_panel.update_fits(runners)
        step = self.controller.race.steps
        self.loss.set_step(step)
        self.lr.set_step(step)
        if self._view3d is not None and self.view3d_dock.isVisible():
            self._view3d.update_paths(runners)
        if self.inspector_on:
            self.inspector_dock.set_steps([r.steps for r in runners])

    def race_state(self) -> str:
        """ready (no step yet), running, paused or finished."""
        c = self.controller
        if c.playing:
            return "running"
        if c.race.steps == 0:
            return "ready"
        return "finished" if c.race.done else "paused"

    def _show_race_status(self, *_args) -> None:
        race = self.controller.race
        total = self.controller.config.steps
        words = tr("{state} · step {step} of {total}")
        self._fit_race_status(words, total)
        self.race_status.setText(words.format(state=tr(RACE_STATES[self.race_state()]), step=race.steps, total=total))

    def _fit_race_status(self, words: str, total: int) -> None:
        """The status label as wide as its widest text for this budget and language, and fixed: a label
        whose size may change asks the window to lay out its docks again, and this one changes every
        frame while a race plays (the step count)."""
        key = (words, len(str(total)), self.race_status.font().key())
        if key == getattr(self, "_race_status_key", None):
            return
        self._race_status_key = key
        metrics = self.race_status.fontMetrics()
        widest = max(
            metrics.horizontalAdvance(words.format(state=tr(state), step=total, total=total))
            for state in RACE_STATES.values()
        )
        margins = self.race_status.contentsMargins()
        self.race_status.setFixedSize(
            widest + margins.left() + margins.right() + 4, self.race_status.sizeHint().height()
        )

    @property
    def data_panel(self):
        """The Data dock's panel, made the first time it is needed (most races have no data to show)."""
        if self._data_panel is None:
            from .panels.data_panel import DataPanel

            panel = DataPanel()
            panel.hold_legend(self._staged)  # a surface switch draws the legend a frame after the data
            panel.set_surface(self.controller.race.surface)
            panel.set_racers(self.controller.config.racers)
            for index, racer in enumerate(self.controller.config.racers):
                if not racer.visible:
                    panel.set_racer_visible(index, False)
            panel.update_fits(self.controller.race.runners)
            self._data_panel = panel
            self.data_dock.setWidget(panel)
        return self._data_panel

    def _prepare_at_idle(self) -> None:
        """Make the Data panel while the window is idle, hidden in its dock. A pyqtgraph plot takes
        ~30 ms to make: in the frames of the first switch to a data-fit surface, that frame would
        block the window for twice the budget. A playing race or a switch being drawn: later.
        (The network panels, four plots and ~130 ms, are made by the first network race, which
        builds its network and data meanwhile: made at idle, they froze a window in use.)"""
        if self._data_panel is not None:
            return
        if self.controller.playing or self._staged:
            self._prepare.start(PREPARE_MS)
            return
        self.data_panel  # noqa: B018 - made (the property makes it)

    def _update_data_panel(self) -> None:
        self.data_panel.update_fits(self.controller.race.runners)

    def _sync_lr_mode_menu(self, mode: str) -> None:
        for act in self.lr_mode_menu.actions():
            act.setChecked(act.data() == mode)

    def _on_playing(self, playing: bool) -> None:
        self._show_play_action(playing)
        for panel in (self.loss, self.lr):
            panel.set_playing(playing)
        self.network.on_playing(playing)

    def _show_play_action(self, playing: bool) -> None:
        act = self.actions["play"]
        sp = QtWidgets.QStyle.StandardPixmap
        act.setText(tr("Pause") if playing else tr("Play"))
        act.setIcon(self.style().standardIcon(sp.SP_MediaPause if playing else sp.SP_MediaPlay))

    def _on_visibility(self, index: int, visible: bool) -> None:
        if self.network.active:
            self.network.on_visibility(index, visible)
            return
        for panel in (self.contour, self.loss, self.lr, self._data_panel, self._view3d):
            if panel is not None:
                panel.set_racer_visible(index, visible)

    def _on_renamed(self, index: int, name: str) -> None:
        if self.network.active:
            self.network.on_renamed(index, name)
            return
        self.contour.rename_racer(index, name)
        self.loss.rename_racer(index, name)
        self.lr.rename_racer(index, name)
        if self._data_panel is not None:
            self._data_panel.rename_racer(index, name)

    # ------------------------------------------------------ inspector and 3-D
    def _update_view3d(self) -> None:
        """Show the 3-D view, making it the first time (pyqtgraph.opengl loads only now)."""
        if self._view3d is None:
            from .panels.surface_3d import Surface3DPanel

            panel = Surface3DPanel()
            panel.set_surface(self.controller.race.surface)
            panel.set_start(*self.controller.config.start)
            panel.set_racers(self.controller.config.racers)
            for index, racer in enumerate(self.controller.config.racers):
                if not racer.visible:
                    panel.set_racer_visible(index, False)
            self._view3d = panel
            self.view3d_dock.setWidget(panel)
            if self.inspector_on:  # what the Inspector shows, on the new view too
                seen = self.inspector_dock.seen
                self._show_inspection(max(0, self.inspector_dock.racer.currentIndex()), seen.step if seen else 0)
        self._widen_right_docks()
        self._view3d.update_paths(self.controller.race.runners)

    def _widen_right_docks(self) -> None:
        """The right-hand docks take about a third of the window when they first show (not every time:
        the user's own width stays). A window too narrow for a third column (the left docks and both
        panels need ~900 px) gets them floating beside its right edge instead of squeezing everything."""
        if getattr(self, "_right_docks_sized", False):
            return
        self._right_docks_sized = True
        if self.width() < RIGHT_DOCKS_MIN_WINDOW:
            frame = self.frameGeometry()
            screen = self._available_screen()
            width = min(520, max(360, screen.width() // 2))
            height = min(frame.height(), round(screen.height() * 0.85))
            x = max(screen.left(), min(frame.right() - width, screen.right() - width))
            for dock in (self.inspector_dock, self.view3d_dock, self.maps_dock):
                dock.setFloating(True)
                dock.setGeometry(x, frame.top() + 40, width, height - 40)
            # docked for a moment before it floats, the new dock squeezed the left column: give its width back
            self._keep_left_column()
            QtCore.QTimer.singleShot(0, self._keep_left_column)
            return
        width = max(320, round(self.width() * 0.3))
        docks = [self.inspector_dock, self.view3d_dock, self.maps_dock]
        # the left column keeps its width: asked for the right column alone, Qt takes the width from the left
        # docks down to their minimum (~60 px at 1600x1000: the surface and racer docks unreadable)
        left = [self.surface_dock, self.racers_dock]
        keep = max(LEFT_COLUMN_MIN, self.racers_dock.width(), getattr(self, "_left_width", 0))
        self.resizeDocks(left + docks, [keep] * len(left) + [width] * len(docks), QtCore.Qt.Orientation.Horizontal)

    def _keep_left_column(self) -> None:
        """The left column back at the width it had before a right-hand dock squeezed it."""
        left = [self.surface_dock, self.racers_dock]
        want = getattr(self, "_left_width", 0) or LEFT_COLUMN_MIN
        if self.racers_dock.width() < 0.8 * want:  # squeezed (to ~70 px), not a few pixels of layout rounding
            self.resizeDocks(left, [want] * len(left), QtCore.Qt.Orientation.Horizontal)

    def _remember_left_column(self) -> None:
        """The left column's width while no right-hand dock shares the window (what _keep_left_column gives
        back); only once laid out: before the window shows, the docks report their unlaid-out widths."""
        right = (self.inspector_dock, self.view3d_dock, self.maps_dock)
        if self.isVisible() and not any(d.isVisible() and not d.isFloating() for d in right):
            self._left_width = self.racers_dock.width()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._remember_left_column()

    @property
    def view3d(self):
        """The 3-D view's panel (made, and its dock shown, on first use)."""
        if self._view3d is None:
            self.view3d_dock.show()
            self._update_view3d()
        return self._view3d

    def _refresh_inspector(self) -> None:
        race = self.controller.race
        runners = race.runners
        self.inspector_dock.set_race(
            self.controller.config,
            race.surface,
            [r.steps for r in runners],
            lambda i: runners[i].positions[: runners[i].steps + 1, 0] if i < len(runners) else (),
        )

    @property
    def inspector_on(self) -> bool:
        """The Inspector is open (in front, floating, or a tab behind the 3-D view: its step stays shown)."""
        return not self.inspector_dock.isHidden()

    def _inspector_shown(self, _visible: bool) -> None:
        shown = self.inspector_on
        if shown == getattr(self, "_inspecting", False):
            return  # a tab switch in the dock area: the Inspector is still open
        self._inspecting = shown
        for key in ("inspectPrev", "inspectNext", "inspectFirst", "inspectLast"):
            self.actions[key].setEnabled(shown)
        self.scrubber.setVisible(shown)
        if shown:
            self.inspector_dock.raise_()  # the tab in front when it shares the area with the 3-D view
            self._widen_right_docks()
            self._refresh_inspector()
            if self.inspector_dock.step.value() == 0 and self.controller.race.steps:
                self.inspector_dock.go_to(1)
        else:
            self._show_inspection(0, 0)

    def _inspect_key(self, key: str, delta: int | None) -> None:
        dock = self.inspector_dock
        if delta is not None:
            dock.move(delta)
        else:
            dock.go_to(0 if key == "inspectFirst" else dock.step.maximum())

    def _show_inspection(self, index: int, step: int) -> None:
        """Mark the inspected step on the panels and draw its arrows on the map (step 0: clear)."""
        seen = self.inspector_dock.seen
        curvature = self.inspector_dock.curvature
        if step < 1 or seen is None or not self.inspector_on:
            for panel in (self.loss, self.lr):
                panel.set_inspected_step(None)
            shown = [self.contour] if self._view3d is None else [self.contour, self._view3d]
            for view in shown:
                if step < 1 and curvature is not None and self.inspector_on:  # at the start point
                    view.show_inspection(curvature.point, _eigen_axes(curvature))
                else:
                    view.clear_inspection()
            return
        for panel in (self.loss, self.lr):
            panel.set_inspected_step(step)
        racer = self.controller.config.racers[index]
        arrows = [(-seen.grad, ARROW_COLORS["gradient"], tr("−g: steepest descent"))]
        moment = seen.state_after.get("exp_avg", seen.state_after.get("buf"))
        if moment is not None:
            arrows.append((-moment, ARROW_COLORS["momentum"], tr("−m: momentum / first moment")))
        pre = -seen.effective_lr * seen.grad
        g = -seen.grad
        if abs(pre[0] * g[1] - pre[1] * g[0]) > 1e-9 * (abs(pre).max() * abs(g).max()):  # not along −g
            arrows.append((pre, ARROW_COLORS["preconditioned"], tr("−η⊙g: gradient scaled per parameter")))
        update = tr("Δθ: {racer}'s update at step {step}").format(racer=racer.name, step=step)
        arrows.append((seen.update, racer.color, update))
        if curvature is not None:  # the Hessian's eigen-directions, through the same point
            arrows.extend(_eigen_axes(curvature))
        self.contour.show_inspection(seen.theta, arrows)
        if self._view3d is not None:  # the same arrows on the 3-D surface
            self._view3d.show_inspection(seen.theta, arrows)

    def _maps_input(self):
        """What the Maps dock maps: the race's surface and racers, the selected racer, the map's visible view."""
        (x0, x1), (y0, y1) = self.contour.viewRange()
        return self.controller.race.surface, self.controller.config, self.racers_dock.current, ((x0, x1), (y0, y1))

    def _use_map_settings(self, index: int, hyperparams: dict) -> None:
        racer = self.controller.config.racers[index]
        before = racer.resolved()
        changed = {k: v for k, v in hyperparams.items() if before.get(k) != v}
        try:
            self.controller.set_hyperparams(index, hyperparams)
        except ValueError as exc:
            self.statusBar().showMessage(tr("Settings not used: {reason}").format(reason=tr_error(str(exc))), 8000)
            return
        shown = ", ".join(f"{k}={v:.4g}" for k, v in changed.items()) or tr("unchanged")
        self.statusBar().showMessage(
            tr("{racer}: {settings} (from the sweep)").format(racer=racer.name, settings=shown), 8000
        )

    def _use_settings(self, index: int, optimizer: str, hyperparams: dict) -> None:
        try:
            self.controller.set_optimizer(index, optimizer, hyperparams)
        except ValueError as exc:
            self.statusBar().showMessage(tr("Settings not used: {reason}").format(reason=tr_error(str(exc))), 8000)
            return
        shown = ", ".join(f"{k}={v:.4g}" for k, v in hyperparams.items())
        self.statusBar().showMessage(
            tr("{racer}: {optimizer} with {settings}").format(
                racer=self.controller.config.racers[index].name, optimizer=optimizer, settings=shown
            ),
            8000,
        )

    def _pick_surface(self, name: str, params: dict) -> None:
        keep = name == self.controller.config.surface  # a parameter edit keeps the start
        try:
            self.controller.set_surface(name, params, keep_start=keep)
        except ValueError as exc:
            self.statusBar().showMessage(tr("Surface not changed: {reason}").format(reason=tr_error(str(exc))), 8000)
            self.surface_dock.show_surface(self.controller.race.surface)

    def _pick_problem(self, spec: str, batch_size: int) -> None:
        """A network problem from the Surface dock: the racers train it (the panels swap to the network's)."""
        from .network_race import network_config

        try:
            config, dropped = network_config(self.controller.config, spec, batch_size)
            self.controller.load(config)
        except ValueError as exc:
            self.statusBar().showMessage(tr("Problem not changed: {reason}").format(reason=tr_error(str(exc))), 8000)
            self._on_surface_changed()
            return
        if dropped:
            self.statusBar().showMessage(
                tr("Left out (not available for networks): {names}").format(names=", ".join(dropped)), 8000
            )

    # ---------------------------------------------------------------- presets
    def open_preset(self, name: str) -> None:
        try:
            config = load_preset(name)
            self.controller.load(config)
        except SessionError as exc:
            self.warn(tr("Preset not opened"), tr_error(str(exc)))
            return
        self.set_session_path(None)
        self.statusBar().showMessage(tr("Preset '{name}' loaded: press Space to race").format(name=name), 5000)

    # --------------------------------------------------------------- sessions
    def warn(self, title: str, text: str) -> None:
        """A problem the user must read; nothing was changed."""
        QtWidgets.QMessageBox.warning(self, title, text)

    def set_session_path(self, path: str | None) -> None:
        self.session_path = os.path.abspath(path) if path else None
        self.setWindowTitle(self._window_title())
        if path:
            recent = [p for p in self.recent_sessions() if p != self.session_path]
            self.settings.setValue("recentSessions", [self.session_path] + recent[: MAX_RECENT - 1])
            self._fill_recent()

    def _window_title(self) -> str:
        if not self.session_path:
            return tr("Gradient Arena")
        return tr("{file} — Gradient Arena").format(file=os.path.basename(self.session_path))

    def recent_sessions(self) -> list[str]:
        value = self.settings.value("recentSessions") or []
        return [value] if isinstance(value, str) else list(value)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        paths = self.recent_sessions()
        for path in paths:
            act = self.recent_menu.addAction(os.path.basename(path))
            act.setToolTip(path)
            act.setData(path)
            act.triggered.connect(lambda checked=False, p=path: self.open_session(p))
        self.recent_menu.setEnabled(bool(paths))

    def open_session(self, path: str) -> bool:
        """Open a session file; a bad one is refused with what is wrong and where."""
        try:
            config = load_session(path)
        except SessionError as exc:
            self.warn(
                tr("Session not opened"),
                tr("{file} was not opened:\n{reason}\n\nThe current race is unchanged.").format(
                    file=os.path.basename(path), reason=tr_error(str(exc))
                ),
            )
            return False
        self.controller.load(config)
        self.maps_dock.apply_settings(config.maps)
        self.set_session_path(path)
        _remember_folder(self.settings, path)
        self.statusBar().showMessage(tr("Opened {path}").format(path=path), 5000)
        return True

    def open_session_dialog(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self, tr("Open session"), self._dialog_dir(), session_filter())
        if path:
            self.open_session(path)

    def save_session_to(self, path: str) -> bool:
        if not os.path.splitext(path)[1]:
            path += ".json"
        config = self.controller.config.copy()
        config.maps = self.maps_dock.settings()  # the Maps dock's settings go with the race
        try:
            save_session(path, config)
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.warn(tr("Session not saved"), tr("Could not save {path}:\n{reason}").format(path=path, reason=reason))
            return False
        self.set_session_path(path)
        _remember_folder(self.settings, path)
        self.statusBar().showMessage(tr("Saved {path}").format(path=path), 5000)
        return True

    def save_session(self) -> None:
        if self.session_path:
            self.save_session_to(self.session_path)
        else:
            self.save_session_as()

    def save_session_as(self) -> None:
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, tr("Save session"), self._dialog_dir("race.json"), session_filter()
        )
        if path:
            self.save_session_to(path)

    def load_data(self, path: str) -> bool:
        """Fit the race's surface to the CSV file ``path`` (x, y: linear regression; x1, x2, label: logistic);
        a bad file is refused with its line and column, and the race is unchanged."""
        from surfaces.datafile import DataError, read_data_csv

        try:
            data = read_data_csv(path)
            self.controller.set_data(data)
        except (DataError, ValueError) as exc:
            self.warn(tr("Data not loaded"), tr("{error}\n\nThe current race is unchanged.").format(error=exc))
            return False
        _remember_folder(self.settings, path)
        self.statusBar().showMessage(
            tr("Loaded {n} rows from {file}: {surface}").format(
                n=data.n, file=os.path.basename(path), surface=data.surface
            ),
            5000,
        )
        return True

    def load_data_dialog(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(
            self, tr("Load data"), self._dialog_dir(), tr("CSV data (*.csv *.txt);;All files (*)")
        )
        if path:
            self.load_data(path)

    def _dialog_dir(self, name: str = "") -> str:
        """Where a file dialog starts: the last folder any dialog used (one shared setting)."""
        from .export.dialogs import default_folder

        folder = default_folder(self.settings)
        return os.path.join(folder, name) if name else folder

    # ---------------------------------------------------------------- exports
    def export_image_dialog(self, which: str = "contour") -> None:
        if self.network.active:
            self.network.export_image_dialog()
            return
        from .export.dialogs import export_image_interactive  # loaded when first used: not needed to start

        export_image_interactive(self, which)

    def export_animation_dialog(self) -> None:
        if self.network.active:
            self.network.export_animation_dialog()
            return
        from .export.dialogs import export_animation_interactive

        export_animation_interactive(self)

    def export_csv(self, path: str) -> bool:
        """Every racer, every step so far, in the long format of ``race --csv``."""
        if self.network.active:  # the network race CSV of ``race --problem ... --csv``
            return self._write(tr("Race CSV"), path, self.network.write_csv)
        return self._write(
            tr("Race CSV"),
            path,  # streamed, one racer's record at a time
            lambda p: write_race_csv(
                p, (r.record() for r in self.controller.race.runners), self.controller.config.steps
            ),
        )

    def export_summary(self, path: str) -> bool:
        if self.network.active:
            return self._write(tr("Leaderboard CSV"), path, self.network.write_summary)
        return self._write(tr("Leaderboard CSV"), path, lambda p: write_summary_csv(p, self.controller.race))

    def _write(self, what: str, path: str, write) -> bool:
        from export.files import check_outputs

        try:  # refused up front: an empty name, a folder, a socket, the session this window has open
            check_outputs([(what, path)], [(tr("the session open in this window"), self.session_path)])
            write(path)
        except OSError as exc:
            self.warn(
                tr("{what} not written").format(what=what),
                tr("Could not write {path}:\n{reason}").format(path=path, reason=exc.strerror or exc),
            )
            return False
        _remember_folder(self.settings, path)
        self.statusBar().showMessage(tr("Wrote {path}").format(path=path), 5000)
        return True

    def export_csv_dialog(self) -> None:
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, tr("Export race CSV"), self._dialog_dir("race.csv"), csv_filter()
        )
        if path:
            self.export_csv(path)

    def export_summary_dialog(self) -> None:
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, tr("Export leaderboard CSV"), self._dialog_dir("leaderboard.csv"), csv_filter()
        )
        if path:
            self.export_summary(path)

    # ------------------------------------------------------------ drag & drop
    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt API
        urls = event.mimeData().urls()
        if len(urls) == 1 and urls[0].isLocalFile():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:  # noqa: N802
        urls = event.mimeData().urls()
        if len(urls) == 1 and urls[0].isLocalFile():
            event.acceptProposedAction()
            path = urls[0].toLocalFile()
            QtCore.QTimer.singleShot(0, lambda: self.open_session(path))

    def about_text(self) -> str:
        return (
            f"<b>Gradient Arena {arena.__version__}</b><br>"
            + tr(
                "Race gradient-descent optimizers on 2-D loss surfaces and watch their paths, losses and "
                "learning rates live."
            )
            + "<br><br>"
            + tr("Every optimizer follows torch.optim step for step.")
            + "<br>"
            + tr("Space: play/pause &nbsp; →: step &nbsp; R: reset &nbsp; Ctrl+Q: quit")
            + "<br>"
            + tr("Click the map (or drag the cross) to move the start.")
            + "<br><br>"
            + tr("Licence: MIT (free to use, copy, modify and distribute; no warranty).")
        )

    def about(self) -> None:
        QtWidgets.QMessageBox.about(self, tr("About Gradient Arena"), self.about_text())

    # -------------------------------------------------------------- settings
    def _last_config(self) -> RaceConfig | None:
        text = self.settings.value("lastSession")
        if not text:
            return None
        try:
            return parse_session(json.loads(text))
        except (ValueError, TypeError):
            return None

    def _available_screen(self) -> QtCore.QRect:
        screen = self.screen() or QtGui.QGuiApplication.primaryScreen()
        return screen.availableGeometry() if screen is not None else QtCore.QRect(0, 0, 1480, 920)

    def _restore_layout(self) -> bool:
        geometry = self.settings.value("geometry")
        state = self.settings.value("windowState")
        if geometry is not None and self.restoreGeometry(geometry):
            # saved on another (larger) screen: shrink it into this one
            fitted = fit_into(self.geometry(), self._available_screen())
            if fitted != self.geometry():
                self.setGeometry(fitted)
        return state is not None and bool(self.restoreState(state))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        # the single-key shortcuts' router sees every event of the application: only while the window shows
        QtWidgets.QApplication.instance().installEventFilter(self.key_router)
        QtCore.QTimer.singleShot(0, self._remember_left_column)  # once the docks are laid out
        if self._data_panel is None:
            self._prepare.start(PREPARE_MS)
        if not self._sized_docks:
            self._sized_docks = True
            if not self._restored_state:
                self.size_docks_to_window()
                self.default_state = self.saveState()

    def size_docks_to_window(self) -> None:
        """Dock sizes for this window size: the left column as wide as its contents need
        (with room for a vertical scroll bar; 20-30% of the width), the Race dock tall
        enough for every racer's row, the Data dock beside it on data surfaces."""
        width = self.width()
        bar = self.style().pixelMetric(QtWidgets.QStyle.PixelMetric.PM_ScrollBarExtent)
        need = max(d.widget().widget().minimumSizeHint().width() for d in (self.surface_dock, self.racers_dock))
        left = min(round(width * 0.3), max(need + bar + 4, round(width * 0.2)))
        self.resizeDocks([self.surface_dock, self.racers_dock], [left, left], QtCore.Qt.Orientation.Horizontal)
        self._fit_bottom_docks()
        QtCore.QTimer.singleShot(0, self._fit_surface_dock)  # once the docks have their new sizes

    def _fit_bottom_docks(self) -> None:
        """The Race dock shows the controls and every racer's row (at most 40% of the
        window's height); on data surfaces the Data dock shares the bottom with it."""
        title = self.race_dock.style().pixelMetric(QtWidgets.QStyle.PixelMetric.PM_TitleBarHeight)
        height = min(self.race_dock.wanted_height() + title + 6, round(self.height() * 0.4))
        if self.data_dock.isVisible():
            height = max(height, min(300, round(self.height() * 0.32)))
            bottom = self.race_dock.width() + self.data_dock.width()
            race = max(round(bottom * 0.55), min(bottom - 260, 520))
            self.resizeDocks([self.race_dock, self.data_dock], [race, bottom - race], QtCore.Qt.Orientation.Horizontal)
        self.resizeDocks([self.race_dock], [height], QtCore.Qt.Orientation.Vertical)

    def _racers_changed(self, *_args) -> None:
        """A racer more or fewer: the Race dock grows or shrinks to keep every row in view."""
        rows = len(self.controller.config.racers)
        if rows != self._race_rows and self._sized_docks:
            self._race_rows = rows
            QtCore.QTimer.singleShot(0, self._fit_bottom_docks)

    def _fit_surface_dock(self, panels: bool = True) -> None:
        """The Racers dock (list and hyperparameter editor) what it needs first, the Surface dock
        the rest of the column up to what its contents need (at least a third: it scrolls); and
        (unless not ``panels``: a surface with more or fewer parameters) the map about 55% of the
        panels' width."""
        column = self.surface_dock.height() + self.racers_dock.height()
        title = self.surface_dock.style().pixelMetric(QtWidgets.QStyle.PixelMetric.PM_TitleBarHeight) + 8
        need = self.surface_dock.widget().widget().sizeHint().height() + title
        racers = self.racers_dock.widget().widget().sizeHint().height() + title
        surface = max(min(need, column - racers), min(need, column // 3))
        self.resizeDocks(
            [self.surface_dock, self.racers_dock], [surface, max(1, column - surface)], QtCore.Qt.Orientation.Vertical
        )
        sizes = self.splitter.sizes()
        total = sum(sizes)
        if panels and len(sizes) == 2 and total > 0:
            right = max(self.splitter.widget(1).minimumWidth(), round(total * 0.45))
            self.splitter.setSizes([total - right, right])

    def restore_default_layout(self) -> None:
        self.restoreState(self.default_state)
        self.size_docks_to_window()
        for dock in (self.surface_dock, self.racers_dock, self.race_dock):
            dock.show()
        self.data_dock.setVisible(self._race_has_data())

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt API
        if not event.spontaneous():  # hidden or closed; a minimized window keeps it
            QtWidgets.QApplication.instance().removeEventFilter(self.key_router)
        super().hideEvent(event)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.controller.pause()
        self.controller.collector.release()  # the window's objects are collected as usual once it is gone
        self.network.shutdown()
        self.inspector_dock.worker.close()  # its thread answers no window that is gone
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("windowState", self.saveState())
        self.settings.setValue("lastSession", json.dumps(session_dict(self.controller.config)))
        self.settings.sync()
        super().closeEvent(event)


def _eigen_axes(curvature) -> list[tuple]:
    """The Hessian's eigen-directions as the map's dashed "axis" arrows (λmin, then λmax)."""
    axes = []
    for i, (name, color) in enumerate((("λmin", ARROW_COLORS["low"]), ("λmax", ARROW_COLORS["high"]))):
        lam = curvature.eigenvalues[i]
        label = tr("{name} = {value}: eigen-direction").format(name=name, value=f"{lam:.4g}")
        axes.append((curvature.eigenvectors[:, i], color, label, "axis"))
    return axes


def _remember_folder(settings: QtCore.QSettings, path: str) -> None:
    from .export.dialogs import remember_folder

    remember_folder(settings, path)


def first_geometry(available: QtCore.QRect) -> QtCore.QRect:
    """The first window: 90% of the available screen (all of a screen up to 1024x720),
    at most 1480x920 and at least the minimum size (clipped to the screen), centred on it."""
    # small screens (up to 1024x720 available) get all of it: 90% of them is too cramped
    w = min(PREFERRED_SIZE.width(), max(round(available.width() * SCREEN_FRACTION), min(available.width(), 1024)))
    h = min(PREFERRED_SIZE.height(), max(round(available.height() * SCREEN_FRACTION), min(available.height(), 720)))
    w = min(max(w, MINIMUM_SIZE.width()), available.width())
    h = min(max(h, MINIMUM_SIZE.height()), available.height())
    rect = QtCore.QRect(0, 0, w, h)
    rect.moveCenter(available.center())
    return rect


def fit_into(rect: QtCore.QRect, available: QtCore.QRect) -> QtCore.QRect:
    """``rect`` shrunk (not below the minimum size, unless the screen is smaller) and moved
    so that it lies inside ``available``; a rect that fits already is returned unchanged."""
    if available.contains(rect):
        return QtCore.QRect(rect)
    w = min(rect.width(), available.width())
    h = min(rect.height(), available.height())
    x = min(max(rect.x(), available.left()), available.right() + 1 - w)
    y = min(max(rect.y(), available.top()), available.bottom() + 1 - h)
    return QtCore.QRect(x, y, w, h)

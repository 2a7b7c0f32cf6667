"""Keyboard focus never fights the shortcuts: Space plays/pauses, → steps, R resets whenever
no text field is being edited, and typing in a field never triggers them."""

from PySide6 import QtCore, QtWidgets

Qt = QtCore.Qt


def focus(qtbot, widget):
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QtWidgets.QApplication.focusWidget() is widget or widget.hasFocus(), timeout=1000)


def test_enter_in_budget_commits_and_then_space_plays(qtbot, window):
    budget = window.race_dock.budget
    focus(qtbot, budget)
    budget.lineEdit().selectAll()
    qtbot.keyClicks(budget.lineEdit(), "500")
    qtbot.keyClick(budget.lineEdit(), Qt.Key.Key_Return)
    assert window.controller.config.steps == 500
    qtbot.waitUntil(lambda: not budget.hasFocus(), timeout=1000)
    qtbot.keyClick(QtWidgets.QApplication.focusWidget() or window, Qt.Key.Key_Space)
    assert window.controller.playing
    assert budget.value() == 500 and budget.lineEdit().text() == "500 steps"
    window.controller.pause()


def test_space_on_a_tabbed_to_check_box_plays_instead_of_ticking_it(qtbot, window):
    box = window.race_dock.tol_on
    focus(qtbot, box)
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert not box.isChecked()
    assert window.controller.playing
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert not window.controller.playing


def test_space_on_a_focused_button_plays_once(qtbot, window):
    button = window.racers_dock.duplicate_button
    focus(qtbot, button)
    n = len(window.controller.config.racers)
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert window.controller.playing and len(window.controller.config.racers) == n
    window.controller.pause()


def test_right_and_r_work_when_the_racer_list_has_focus(qtbot, window):
    focus(qtbot, window.racers_dock.list)
    qtbot.keyClick(window.racers_dock.list, Qt.Key.Key_Right)
    qtbot.keyClick(window.racers_dock.list, Qt.Key.Key_Right)
    assert window.controller.race.steps == 2
    qtbot.keyClick(window.racers_dock.list, Qt.Key.Key_R)
    assert window.controller.race.steps == 0


def test_typing_in_a_field_gets_space_and_r_as_text(qtbot, window):
    field = window.racers_dock.editor.fields["lr"]
    focus(qtbot, field)
    field.lineEdit().selectAll()
    qtbot.keyClicks(field.lineEdit(), "1 r")
    assert field.lineEdit().text() == "1 r"
    assert not window.controller.playing and window.controller.race.steps == 0
    qtbot.keyClick(field.lineEdit(), Qt.Key.Key_Right)  # moves the cursor, takes no step
    assert window.controller.race.steps == 0


def test_enter_in_a_hyperparameter_field_returns_focus_so_space_plays(qtbot, window):
    field = window.racers_dock.editor.fields["lr"]
    focus(qtbot, field)
    field.lineEdit().selectAll()
    qtbot.keyClicks(field.lineEdit(), "0.5")
    qtbot.keyClick(field.lineEdit(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.controller.config.racers[0].hyperparams.get("lr") == 0.5, timeout=1000)
    qtbot.waitUntil(lambda: not window.racers_dock.editor.fields["lr"].hasFocus(), timeout=1000)
    qtbot.keyClick(QtWidgets.QApplication.focusWidget() or window, Qt.Key.Key_Space)
    assert window.controller.playing
    window.controller.pause()


def test_shortcuts_with_the_surface_combo_focused(qtbot, window):
    combo = window.surface_dock.combo
    focus(qtbot, combo)
    name = window.controller.config.surface
    qtbot.keyClick(combo, Qt.Key.Key_R)  # not a jump to "Rosenbrock"
    assert window.controller.config.surface == name
    qtbot.keyClick(combo, Qt.Key.Key_Right)
    assert window.controller.race.steps == 1


def test_enter_tab_space_does_not_tick_stop_at_grad(qtbot, window):
    """The bug report exactly: type in Budget, Enter, Tab, Space."""
    budget = window.race_dock.budget
    focus(qtbot, budget)
    budget.lineEdit().selectAll()
    qtbot.keyClicks(budget.lineEdit(), "40")
    qtbot.keyClick(budget.lineEdit(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not budget.hasFocus(), timeout=1000)
    window.race_dock.tol_on.setFocus(Qt.FocusReason.TabFocusReason)  # where Tab from Budget lands
    qtbot.keyClick(QtWidgets.QApplication.focusWidget() or window, Qt.Key.Key_Tab)
    qtbot.keyClick(QtWidgets.QApplication.focusWidget() or window, Qt.Key.Key_Space)
    assert not window.race_dock.tol_on.isChecked() and window.controller.config.tol is None
    assert window.controller.playing
    window.controller.pause()

"""Typed hyperparameters: the reason a value is refused, and no stale error."""

import pytest
from PySide6 import QtCore

Qt = QtCore.Qt


def type_into(qtbot, field, text):
    field.setFocus()
    field.lineEdit().selectAll()
    if text:
        qtbot.keyClicks(field.lineEdit(), text)
    else:
        qtbot.keyClick(field.lineEdit(), Qt.Key.Key_Delete)
    qtbot.keyClick(field.lineEdit(), Qt.Key.Key_Return)


@pytest.mark.parametrize("text", ["1e999", "nan", "inf"])
def test_a_non_finite_learning_rate_is_refused_as_not_finite(qtbot, window, text):
    editor = window.racers_dock.editor
    before = dict(window.controller.config.racers[0].hyperparams)
    type_into(qtbot, editor.fields["lr"], text)
    assert editor.error.isVisible()
    assert editor.error.text() == f"Not applied: lr: {text} is not a finite number: must be > 0"
    assert window.controller.config.racers[0].hyperparams == before


def test_an_emptied_field_reverts_and_leaves_no_stale_error(qtbot, window):
    editor = window.racers_dock.editor
    field = editor.fields["lr"]
    before = field.value()
    hyperparams = dict(window.controller.config.racers[0].hyperparams)
    type_into(qtbot, field, "-1")
    assert editor.error.isVisible() and "got -1" in editor.error.text()
    type_into(qtbot, field, "")
    assert not editor.error.isVisible()
    assert field.value() == before and field.lineEdit().text() == repr(before)
    assert window.controller.config.racers[0].hyperparams == hyperparams


def test_a_valid_value_after_a_refusal_hides_the_error(qtbot, window):
    editor = window.racers_dock.editor
    type_into(qtbot, editor.fields["lr"], "-1")
    type_into(qtbot, window.racers_dock.editor.fields["lr"], "0.5")
    qtbot.waitUntil(lambda: window.controller.config.racers[0].hyperparams.get("lr") == 0.5, timeout=1000)
    assert not window.racers_dock.editor.error.isVisible()

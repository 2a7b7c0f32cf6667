"""The surface dock's formula editor: type a formula, apply it, see the map and the racers switch;
a wrong formula is refused in place, naming the column, and changes nothing."""

from __future__ import annotations

import numpy as np
from PySide6 import QtCore

Qt = QtCore.Qt


def _type(qtbot, edit, text):
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def test_typing_a_formula_races_on_it(qtbot, window):
    dock = window.surface_dock
    dock.combo.setCurrentIndex(dock.combo.findData("formula"))
    assert dock.formula_box.isVisible()
    _type(qtbot, dock.formula_edit, "a*x**2 + b*(y - 1)**2")
    _type(qtbot, dock.formula_params, "a=0.5, b=0.1")
    _type(qtbot, dock.formula_x, "-3..3")
    _type(qtbot, dock.formula_y, "-2..4")
    qtbot.keyClick(dock.formula_edit, Qt.Key.Key_Return)
    c = window.controller
    qtbot.waitUntil(lambda: c.race.surface.name == "formula", timeout=10_000)
    surface = c.race.surface
    assert c.config.surface == "formula:a*x**2 + b*(y - 1)**2; a=0.5, b=0.1; x=-3..3; y=-2..4"
    assert surface.domain == ((-3.0, 3.0), (-2.0, 4.0))
    assert [m.point for m in surface.global_minima] == [(0.0, 1.0)]
    assert c.config.start == surface.start
    # the map shows the new surface and its minimum; the racers run on it
    assert window.contour.surface is surface
    assert "a*x**2 + b*(y - 1)**2" in dock.formula.text() and "f* = 0" in dock.formula.text()
    c.step(5)
    x, y = c.race.runners[0].positions[5, 0]  # (steps + 1, batch, 2)
    sgd = c.config.racers[0]
    assert sgd.optimizer == "sgd"
    # plain gradient descent on 0.5 x² + 0.1 (y-1)²: x shrinks by (1 - lr) a step, y-1 by (1 - 0.2 lr)
    lr = sgd.resolved()["lr"]
    x0, y0 = surface.start
    assert np.isclose(x, x0 * (1 - lr) ** 5, rtol=1e-12) and np.isclose(
        y - 1, (y0 - 1) * (1 - 0.2 * lr) ** 5, rtol=1e-9
    )


def test_a_wrong_formula_is_refused_in_place_with_its_column(qtbot, window):
    dock = window.surface_dock
    c = window.controller
    dock.combo.setCurrentIndex(dock.combo.findData("formula"))
    qtbot.waitUntil(lambda: c.race.surface.name == "formula", timeout=10_000)
    before = c.config.surface
    _type(qtbot, dock.formula_edit, "x**2 + y.__class__")
    qtbot.mouseClick(dock.formula_apply, Qt.MouseButton.LeftButton)
    assert dock.formula_error.isVisible()
    assert "column 8" in dock.formula_error.text() and "attribute" in dock.formula_error.text()
    assert dock.formula_edit.selectedText() == "y.__class__"  # the culprit is selected in the field
    qtbot.wait(50)
    assert c.config.surface == before  # nothing changed
    # editing the text hides the message; a fixed formula applies
    qtbot.keyClicks(dock.formula_edit, " ")
    assert not dock.formula_error.isVisible()
    _type(qtbot, dock.formula_edit, "x**2 + y**2")
    qtbot.mouseClick(dock.formula_apply, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: c.config.surface == "formula:x**2 + y**2", timeout=10_000)


def test_a_formula_session_opens_in_the_editor_and_back_to_a_registry_surface(qtbot, window):
    c = window.controller
    c.set_surface("formula:sin(x) + y**2/k; k=3; x=-4..4")
    dock = window.surface_dock
    assert dock.combo.currentData() == "formula" and dock.formula_box.isVisible()
    assert dock.formula_edit.text() == "sin(x) + y**2/k" and dock.formula_params.text() == "k=3"
    assert dock.formula_x.text() == "-4..4" and dock.formula_y.text() == "-5..5"
    dock.combo.setCurrentIndex(dock.combo.findData("rosenbrock"))
    qtbot.waitUntil(lambda: c.race.surface.name == "rosenbrock", timeout=10_000)
    assert not dock.formula_box.isVisible()


def test_a_formula_is_built_off_the_window_thread_while_the_editor_says_building(qtbot, window, monkeypatch):
    """SymPy's work (seconds for a big formula) runs in a thread: the editor says "building…" at once,
    the window keeps handling events, and the race switches when the surface is ready."""
    import threading

    from gui.docks import surface_dock

    dock = window.surface_dock
    c = window.controller
    dock.combo.setCurrentIndex(dock.combo.findData("formula"))
    qtbot.waitUntil(lambda: c.race.surface.name == "formula" and not dock.formula_status.isVisible(), timeout=10_000)
    release = threading.Event()
    threads = []
    real = surface_dock.build_formula_surface

    def slow_build(spec):  # a formula SymPy takes long over
        threads.append(threading.current_thread())
        assert release.wait(10)
        return real(spec)

    monkeypatch.setattr(surface_dock, "build_formula_surface", slow_build)
    _type(qtbot, dock.formula_edit, "exp(-x**2 - y**2) + 0.1*x**2 + 0.1*y**2")
    qtbot.keyClick(dock.formula_edit, Qt.Key.Key_Return)
    assert dock.formula_status.isVisible() and dock.formula_status.text()
    qtbot.wait(100)  # the window's event loop runs meanwhile
    assert dock.formula_status.isVisible() and c.config.surface == "formula:x**2/20 + y**2"
    release.set()
    qtbot.waitUntil(lambda: c.config.surface == "formula:exp(-x**2 - y**2) + 0.1*x**2 + 0.1*y**2", timeout=10_000)
    assert not dock.formula_status.isVisible()
    assert threads and threads[0] is not threading.main_thread()


def test_a_problem_found_while_building_is_shown_in_the_editor(qtbot, window):
    dock = window.surface_dock
    c = window.controller
    dock.combo.setCurrentIndex(dock.combo.findData("formula"))
    qtbot.waitUntil(lambda: c.race.surface.name == "formula" and not dock.formula_status.isVisible(), timeout=10_000)
    before = c.config.surface
    _type(qtbot, dock.formula_edit, "x**2 + log(a) + y**2")
    _type(qtbot, dock.formula_params, "a=-1")
    qtbot.mouseClick(dock.formula_apply, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dock.formula_error.isVisible, timeout=10_000)
    assert "no finite real value" in dock.formula_error.text()
    assert not dock.formula_status.isVisible()
    qtbot.wait(50)
    assert c.config.surface == before


def test_the_formula_tooltip_says_which_path_races_it(qtbot, window):
    c = window.controller
    dock = window.surface_dock
    c.set_surface("formula:x**2 + y**2")
    assert "Compiled" in dock.formula.toolTip()
    c.set_surface("formula:(-1)**y + x**2")  # complex derivatives: NumPy only
    assert "NumPy only" in dock.formula.toolTip() and "complex" in dock.formula.toolTip()

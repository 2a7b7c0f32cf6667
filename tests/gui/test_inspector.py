"""The Inspector dock, driven like a person: pick a racer, step through with the buttons, read the state and
the equations, take the optimal settings of the local quadratic."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtCore

from arena import Race, RaceConfig, RacerConfig, inspect_racer, load_preset


@pytest.fixture
def dock(qtbot):
    from gui.docks.inspector_dock import InspectorDock

    d = InspectorDock()
    qtbot.addWidget(d)
    d.show()
    return d


def _race(preset="textbook", steps=30):
    cfg = load_preset(preset)
    race = Race(cfg)
    race.advance(steps)
    return cfg, race


def test_stepping_shows_the_racers_state_and_equations_at_that_step(dock, qtbot):
    cfg, race = _race()
    dock.set_race(cfg, race.surface, [r.steps for r in race.runners])
    adam = [r.name for r in cfg.racers].index("Adam")
    dock.racer.setCurrentIndex(adam)
    assert dock.step.maximum() == 30 and dock.scrubber.maximum() == 30
    dock.step.setValue(9)
    qtbot.waitUntil(lambda: dock.seen is not None and dock.seen.step == 9, timeout=3000)
    with qtbot.waitSignal(dock.stepPicked, timeout=3000) as picked:
        qtbot.mouseClick(dock.next_button, QtCore.Qt.MouseButton.LeftButton)
    assert picked.args == [adam, 10]
    want = inspect_racer(cfg, adam, 10)
    text = dock.equations.toPlainText()
    assert text.splitlines() == [str(eq) for eq in want.equations]
    assert "m = β1·m + (1 − β1)·g = 0.9·(" in text
    rows = {dock.table.item(r, 0).text(): dock.table.item(r, 2).text() for r in range(dock.table.rowCount())}
    assert rows["t"] == "10"
    m = want.state_after["exp_avg"]
    assert rows["exp_avg"] == f"({m[0]:.6g}, {m[1]:.6g})"
    # the race itself was not touched: still at step 30 with the same positions
    assert race.runners[adam].steps == 30
    np.testing.assert_array_equal(race.runners[adam].positions[10, 0], want.new_theta)


def test_the_scrubber_and_the_step_box_move_together_and_stop_at_the_last_step(dock, qtbot):
    cfg, race = _race()
    dock.set_race(cfg, race.surface, [r.steps for r in race.runners])
    dock.scrubber.setValue(30)
    assert dock.step.value() == 30
    qtbot.mouseClick(dock.next_button, QtCore.Qt.MouseButton.LeftButton)
    assert dock.step.value() == 30
    dock.go_to(1)
    qtbot.mouseClick(dock.prev_button, QtCore.Qt.MouseButton.LeftButton)
    assert dock.step.value() == 0 and dock.scrubber.value() == 0, "step 0: the start"
    qtbot.mouseClick(dock.prev_button, QtCore.Qt.MouseButton.LeftButton)
    assert dock.step.value() == 0 and dock.step.text() == "start"


def test_curvature_and_the_use_optimum_buttons(dock, qtbot):
    cfg = RaceConfig(
        surface="ill_conditioned", surface_params={"kappa": 50.0, "angle": 30.0}, steps=20, racers=[RacerConfig("adam")]
    )
    race = Race(cfg)
    race.advance(20)
    dock.set_race(cfg, race.surface, [r.steps for r in race.runners])
    dock.go_to(5)
    qtbot.waitUntil(lambda: dock.seen is not None, timeout=3000)
    text = dock.curvature_text.text()
    assert "bowl (positive definite): λ = 1, 50" in text and "κ = 50" in text
    with qtbot.waitSignal(dock.useSettings, timeout=1000) as used:
        qtbot.mouseClick(dock.use_momentum, QtCore.Qt.MouseButton.LeftButton)
    index, name, hp = used.args
    assert (index, name) == (0, "momentum")
    assert hp["lr"] == pytest.approx((2 / (1 + 50**0.5)) ** 2) and hp["momentum"] == pytest.approx(
        ((50**0.5 - 1) / (50**0.5 + 1)) ** 2
    )


def test_a_saddle_offers_no_optimum(dock, qtbot):
    cfg = RaceConfig(surface="saddle", steps=10, racers=[RacerConfig("sgd", {"lr": 0.01})])
    race = Race(cfg)
    race.advance(10)
    dock.set_race(cfg, race.surface, [r.steps for r in race.runners])
    dock.go_to(3)
    qtbot.waitUntil(lambda: dock.seen is not None, timeout=3000)
    assert "saddle" in dock.curvature_text.text() and "no optimal fixed settings" in dock.curvature_text.text()
    assert not dock.use_gd.isEnabled() and not dock.use_momentum.isEnabled()


# ------------------------------------------------------------------ in the window


def test_the_window_inspector_marks_the_step_and_draws_the_arrows(window, qtbot):
    window.controller.step(40)
    toggle = window.inspector_dock.toggleViewAction()
    toggle.trigger()  # View > Inspector
    qtbot.waitUntil(lambda: window.inspector_dock.isVisible(), timeout=3000)
    dock = window.inspector_dock
    adam = [r.name for r in window.controller.config.racers].index("Adam")
    dock.racer.setCurrentIndex(adam)
    qtbot.waitUntil(lambda: dock.seen is not None and dock.seen.step == 1, timeout=3000)
    # the . key (the window's shortcut) moves one step on, while no text field is being edited
    window.contour.setFocus()
    for _ in range(4):
        qtbot.keyClick(window.contour, QtCore.Qt.Key.Key_Period)
    qtbot.waitUntil(lambda: dock.seen is not None and dock.seen.step == 5, timeout=3000)
    assert window.loss.inspect_marker.isVisible() and window.loss.inspect_marker.value() == 5
    assert window.lr.inspect_marker.isVisible() and window.lr.inspect_marker.value() == 5
    tips = [item.toolTip() for item in window.contour.inspect_arrows]
    assert any(t.startswith("−g") for t in tips) and any(t.startswith("−m") for t in tips)
    assert any(t.startswith("Δθ") for t in tips) and any(t.startswith("−η⊙g") for t in tips)
    lam = dock.curvature.eigenvalues  # the Hessian's eigen-directions through the same point
    assert f"λmin = {lam[0]:.4g}: eigen-direction" in tips and f"λmax = {lam[1]:.4g}: eigen-direction" in tips
    px, py = window.contour.inspect_point.getData()
    np.testing.assert_array_equal([px[0], py[0]], dock.seen.theta)
    last = window.controller.race.steps  # the textbook budget: 30
    qtbot.keyClick(window.contour, QtCore.Qt.Key.Key_End)
    qtbot.waitUntil(lambda: dock.seen is not None and dock.seen.step == last, timeout=3000)
    qtbot.keyClick(window.contour, QtCore.Qt.Key.Key_Comma)
    qtbot.waitUntil(lambda: dock.seen is not None and dock.seen.step == last - 1, timeout=3000)
    assert window.controller.race.steps == last == 30, "inspecting never moves the race"
    toggle.trigger()  # hidden: the marks go
    qtbot.waitUntil(lambda: not window.loss.inspect_marker.isVisible(), timeout=3000)
    assert window.contour.inspect_arrows == [] and not window.actions["inspectNext"].isEnabled()


def test_use_momentum_optimum_makes_the_racer_converge_at_the_predicted_rate(make_window, qtbot):
    from engine.curvature import observed_rate

    cfg = RaceConfig(
        surface="ill_conditioned",
        surface_params={"kappa": 50.0, "angle": 30.0},
        steps=200,
        racers=[RacerConfig("sgd", {"lr": 0.02}, color="#0072B2"), RacerConfig("adam", {"lr": 0.1}, color="#D55E00")],
    )
    window = make_window(cfg)
    window.controller.step(5)
    window.inspector_dock.toggleViewAction().trigger()
    dock = window.inspector_dock
    qtbot.waitUntil(lambda: dock.seen is not None, timeout=3000)
    qtbot.mouseClick(dock.use_momentum, QtCore.Qt.MouseButton.LeftButton)
    racer = window.controller.config.racers[0]
    assert racer.optimizer == "momentum" and racer.name == "Momentum"
    predicted = dock.curvature.momentum_rate if dock.curvature is not None else None
    window.contour.setFocus()
    qtbot.keyClick(window.contour, QtCore.Qt.Key.Key_Space)  # play the race to its budget
    qtbot.waitUntil(lambda: window.controller.race.done and not window.controller.playing, timeout=20000)
    observed = observed_rate(window.controller.race.runners[0].positions[:, 0], (0.0, 0.0))
    assert predicted == pytest.approx((50**0.5 - 1) / (50**0.5 + 1))
    assert observed == pytest.approx(predicted, rel=0.10)
    # the dock's rate table shows the same, for each racer: the predicted rate at the start's quadratic
    # for its settings beside what it did (Adam adapts its rates: no prediction)
    cell = dock.rates.item
    # the figures of the finished race (not those of a frame before its end)
    qtbot.waitUntil(lambda: cell(0, 2) is not None and cell(0, 2).text() == f"{observed:.4g}", timeout=3000)
    shown = {cell(r, 0).text(): (cell(r, 1).text(), cell(r, 2).text()) for r in range(2)}
    assert float(shown["Momentum"][1]) == pytest.approx(float(shown["Momentum"][0]), rel=0.10)
    assert float(shown["Momentum"][0]) == pytest.approx(predicted, rel=1e-3)
    assert shown["Adam"][0] == "—" and shown["Adam"][1] != "—"


def test_the_gradient_field_toggle_draws_arrows_over_the_view(window, qtbot):
    assert not window.contour.quiver.isVisible()
    window.actions["gradientField"].trigger()  # View > Gradient field
    assert window.contour.quiver.isVisible()
    x, y = window.contour.quiver.getData()
    assert len(x) > 7 * 50 and np.isfinite(x).sum() > 100
    r = window.contour.plotItem.vb.viewRect()
    inside = (x >= r.left()) & (x <= r.right()) & (y >= r.top()) & (y <= r.bottom())
    assert inside[np.isfinite(x)].mean() > 0.95
    window.actions["gradientField"].trigger()
    assert not window.contour.quiver.isVisible()


def test_the_3d_view_dock_says_why_offscreen(window, qtbot):
    window.view3d_dock.toggleViewAction().trigger()  # View > 3-D view
    qtbot.waitUntil(lambda: window._view3d is not None, timeout=3000)
    assert not window.view3d.available and "OpenGL" in window.view3d.problem
    window.controller.step(5)  # the rest of the window goes on
    assert window.controller.race.steps == 5


def test_a_narrow_window_shows_the_inspector_floating_and_keeps_its_panels(window, qtbot):
    window.resize(1024, 700)
    qtbot.wait(50)
    map_width = window.contour.width()
    window.inspector_dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: window.inspector_dock.isVisible(), timeout=3000)
    qtbot.wait(50)
    assert window.inspector_dock.isFloating() and window.inspector_dock.width() >= 360
    assert window.contour.width() >= map_width, "the map is not squeezed by a third column"


def test_a_right_hand_dock_leaves_the_left_column_its_width(qtbot, tmp_path):
    """Sized before it shows (``gui --size``), the window once remembered the left column's unlaid-out width
    (~70 px): a right-hand dock, docked for a moment before it floats (1024x768) or docked for good
    (1600x1000), then left the surface and racer docks squeezed. They keep the width they had."""
    from PySide6 import QtCore

    from gui.main_window import MainWindow

    for size in ((1024, 768), (1600, 1000)):
        ini = str(tmp_path / f"settings-{size[0]}.ini")  # a fresh window each: no saved layout
        window = MainWindow(settings=QtCore.QSettings(ini, QtCore.QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.wait(50)
        left = window.racers_dock.width()
        assert left > 150
        window.maps_dock.toggleViewAction().trigger()
        qtbot.waitUntil(lambda w=window: w.maps_dock.isVisible(), timeout=3000)
        qtbot.wait(50)
        assert window.racers_dock.width() >= left - 10, size
        window.close()

"""The time scrubber under the panels, the start point's curvature, and scrubbing a long race, driven like a
person: drag and click the strip, press , . Home End, and take the start's optimal settings."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtCore, QtWidgets

from arena import RaceConfig, RacerConfig, inspect_racer


def _show_inspector(window, qtbot):
    window.inspector_dock.toggleViewAction().trigger()  # View > Inspector (Ctrl+I)
    qtbot.waitUntil(lambda: window.inspector_dock.isVisible(), timeout=3000)
    return window.inspector_dock


def test_the_strip_under_the_panels_and_the_dock_show_one_step(window, qtbot):
    strip = window.scrubber
    assert not strip.isVisible(), "no strip until the Inspector is on"
    window.controller.step(30)
    dock = _show_inspector(window, qtbot)
    assert strip.isVisible() and strip.last == 30
    # under the loss and learning-rate panels, as wide as their column
    panels = window.lr.mapTo(window, QtCore.QPoint(0, window.lr.height()))
    assert strip.mapTo(window, QtCore.QPoint(0, 0)).y() >= panels.y()
    assert abs(strip.mapTo(window, QtCore.QPoint(0, 0)).x() - window.lr.mapTo(window, QtCore.QPoint(0, 0)).x()) < 8
    qtbot.waitUntil(lambda: dock.seen is not None and dock.seen.step == 1, timeout=3000)

    # drag the strip's slider: the dock's step, its slider and the panels' marker follow
    strip.slider.setFocus()
    strip.slider.triggerAction(QtWidgets.QAbstractSlider.SliderAction.SliderPageStepAdd)  # a click on the groove
    qtbot.waitUntil(lambda: dock.seen is not None and dock.seen.step == strip.step, timeout=3000)
    assert dock.step.value() == dock.scrubber.value() == strip.step > 1
    assert window.loss.inspect_marker.isVisible() and window.loss.inspect_marker.value() == strip.step
    assert strip.label.text() == f"step {strip.step} of 30"

    qtbot.mouseClick(strip.next_button, QtCore.Qt.MouseButton.LeftButton)
    want = strip.step
    qtbot.waitUntil(lambda: dock.seen is not None and dock.seen.step == want, timeout=3000)
    assert dock.step.value() == want
    # the dock's own controls move the strip too
    qtbot.mouseClick(dock.prev_button, QtCore.Qt.MouseButton.LeftButton)
    assert strip.step == want - 1
    # and the keys, with the focus on the strip's slider (it does not take them for itself)
    qtbot.keyClick(strip.slider, QtCore.Qt.Key.Key_End)
    qtbot.waitUntil(lambda: dock.seen is not None and dock.seen.step == 30, timeout=3000)
    assert strip.step == 30 and strip.label.text() == "step 30 of 30"
    qtbot.keyClick(strip.slider, QtCore.Qt.Key.Key_Comma)
    qtbot.waitUntil(lambda: dock.seen is not None and dock.seen.step == 29, timeout=3000)
    assert strip.step == 29
    qtbot.keyClick(strip.slider, QtCore.Qt.Key.Key_Home)
    assert strip.step == 0 and dock.step.value() == 0 and strip.label.text() == "start of 30"
    qtbot.keyClick(strip.slider, QtCore.Qt.Key.Key_Period)
    qtbot.waitUntil(lambda: dock.seen is not None and dock.seen.step == 1, timeout=3000)
    # the race moves on: the strip reaches its new last step
    window.controller.step(0)
    window.controller.set_budget(50)
    window.controller.step(20)
    assert strip.last == 50 and window.controller.race.steps == 50
    window.inspector_dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: not strip.isVisible(), timeout=3000)


def test_at_the_start_the_map_shows_the_curvature_there_and_use_these_sets_the_racer(make_window, qtbot):
    cfg = RaceConfig(
        surface="ill_conditioned",
        surface_params={"kappa": 40.0, "angle": 20.0},
        steps=300,
        racers=[RacerConfig("adam", {"lr": 0.1}, color="#D55E00"), RacerConfig("sgd", {"lr": 0.01}, color="#0072B2")],
    )
    window = make_window(cfg)
    dock = _show_inspector(window, qtbot)  # no step taken: the start
    assert dock.step.value() == 0 and dock.step.text() == "start"
    qtbot.waitUntil(lambda: dock.curvature is not None, timeout=3000)
    assert dock.curvature_box.title().startswith("Local curvature at the start (")
    text = dock.curvature_text.text()
    assert "λ = 1, 40" in text and "κ = 40" in text and "2/λmax = 0.05" in text
    assert "GD optimum: lr* = 0.0487805" in text and "momentum optimum: lr* = " in text
    np.testing.assert_array_equal(dock.curvature.point, cfg.start)
    # the map: the Hessian's two eigen-directions, dashed, through the start point
    tips = [item.toolTip() for item in window.contour.inspect_arrows]
    assert tips == ["λmin = 1: eigen-direction", "λmax = 40: eigen-direction"]
    px, py = window.contour.inspect_point.getData()
    np.testing.assert_array_equal([px[0], py[0]], cfg.start)
    assert not window.loss.inspect_marker.isVisible(), "no step: no mark on the panels"

    dock.racer.setCurrentIndex(1)
    qtbot.mouseClick(dock.use_momentum, QtCore.Qt.MouseButton.LeftButton)
    racer = window.controller.config.racers[1]
    kappa = 40.0
    assert racer.optimizer == "momentum"
    assert racer.hyperparams["lr"] == pytest.approx((2 / (1 + kappa**0.5)) ** 2)
    assert racer.hyperparams["momentum"] == pytest.approx(((kappa**0.5 - 1) / (kappa**0.5 + 1)) ** 2)
    assert window.controller.config.racers[0].optimizer == "adam", "only the picked racer changes"
    # Home and the step keys go on working on the start
    window.controller.step(10)
    window.contour.setFocus()
    qtbot.keyClick(window.contour, QtCore.Qt.Key.Key_Period)
    qtbot.waitUntil(lambda: dock.seen is not None and dock.seen.step == 1, timeout=3000)
    assert dock.curvature_box.title() == "Local curvature at θ of step 1 (where it started)"
    qtbot.keyClick(window.contour, QtCore.Qt.Key.Key_Home)
    qtbot.waitUntil(lambda: len(window.contour.inspect_arrows) == 2, timeout=3000)
    assert dock.seen is None and not window.loss.inspect_marker.isVisible()


def test_scrubbing_a_long_race_leaves_the_window_free_and_the_race_where_it_is(make_window, qtbot):
    cfg = RaceConfig(surface="rosenbrock", steps=30000, racers=[RacerConfig("adam", {"lr": 0.001})])
    window = make_window(cfg)
    window.controller.step(30000)
    positions = window.controller.race.runners[0].positions.copy()
    dock = _show_inspector(window, qtbot)
    qtbot.waitUntil(lambda: dock.seen is not None and dock.seen.step == 1, timeout=5000)
    qtbot.keyClick(window.scrubber.slider, QtCore.Qt.Key.Key_End)  # the first look this far: replayed once
    # the key returned before the replay of 30000 steps did: it runs on the worker's thread
    assert dock.step.value() == 30000 and dock.busy and dock.seen.step == 1
    qtbot.waitUntil(lambda: dock.seen is not None and dock.seen.step == 30000, timeout=30000)
    # a drag back over many steps: each value asked of the worker, the latest one shown
    for step in range(29000, 100, -997):
        window.scrubber.slider.setValue(step)
    qtbot.waitUntil(lambda: dock.seen is not None and dock.seen.step == window.scrubber.step, timeout=5000)
    want = inspect_racer(cfg, 0, window.scrubber.step)
    assert np.array_equal(dock.seen.new_theta, want.new_theta)
    assert np.array_equal(dock.seen.state_after["exp_avg_sq"], want.state_after["exp_avg_sq"])
    assert window.controller.race.steps == 30000
    np.testing.assert_array_equal(window.controller.race.runners[0].positions, positions)


def test_the_gui_commands_view_options_open_what_they_say(window, qtbot):
    from gui.app import make_app
    from gui.launch import _open_views

    window.controller.step(30)
    _open_views(make_app(), window, 10, "Adam", False, True)  # --inspect 10 --inspect-racer Adam --gradient-field
    dock = window.inspector_dock
    assert dock.isVisible() and dock.racer.currentText() == "Adam"
    assert dock.seen is not None and dock.seen.step == 10 and not dock.busy
    assert window.contour.quiver.isVisible() and window.scrubber.isVisible()


def test_the_gui_command_takes_inspect_and_refuses_a_negative_step(tmp_path):
    from PySide6 import QtGui

    from tests.run_main import run_subprocess

    out = tmp_path / "inspect.png"
    res = run_subprocess(
        "gui", "--preset", "textbook", "--run-steps", "30", "--inspect", "10", "--inspect-racer", "Adam",
        "--size", "1600x1000", "--screenshot", str(out),
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    assert QtGui.QImage(str(out)).width() == 1600
    res = run_subprocess("gui", "--inspect", "-1", "--screenshot", str(tmp_path / "never.png"))
    assert res.returncode == 2 and "--inspect -1: must be >= 0" in res.stderr
    assert not (tmp_path / "never.png").exists()

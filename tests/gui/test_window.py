"""The window driven as a person drives it: clicks, keys, typed values; then
what the panels, lists and tables hold."""

from pathlib import Path

import numpy as np
import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from arena import RaceConfig, RacerConfig, load_preset
from engine import simulate
from surfaces import get_surface

from ..run_main import run_subprocess

ROOT = Path(__file__).resolve().parents[2]
Qt = QtCore.Qt


def click_map(qtbot, window, x, y):
    panel = window.contour
    scene_pos = panel.plotItem.vb.mapViewToScene(QtCore.QPointF(x, y))
    view_pos = panel.mapFromScene(scene_pos)
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=view_pos)


def test_first_launch_opens_the_textbook_preset(window):
    cfg = window.controller.config
    assert cfg.surface == "elongated_bowl" and cfg.start == (-7.0, 2.0) and cfg.steps == 30
    assert [r.name for r in cfg.racers] == ["SGD", "Momentum", "AdaGrad", "Adam"]
    assert window.racers_dock.list.count() == 4
    assert len(window.loss.legend.items) == 4
    assert window.contour.field is not None and len(window.contour.field.lines) > 100


def test_step_button_advances_every_racer_by_one(qtbot, window):
    toolbar = window.findChild(QtWidgets.QToolBar, "RaceToolBar")
    qtbot.mouseClick(toolbar.widgetForAction(window.actions["step"]), Qt.MouseButton.LeftButton)
    assert window.controller.race.steps == 1
    for runner, path in zip(window.controller.race.runners, window.contour.paths):
        assert runner.steps == 1
        x, y = path.data()
        assert len(x) == 2 and (x[0], y[0]) == (-7.0, 2.0)
    assert window.loss.marker.value() == 1
    assert window.race_dock.table.item(0, 4).text() == "1"


def test_right_arrow_steps_and_r_resets(qtbot, window):
    for _ in range(3):
        qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.controller.race.steps == 3
    qtbot.keyClick(window, Qt.Key.Key_R)
    assert window.controller.race.steps == 0
    assert all(len(p.data()[0]) == 1 for p in window.contour.paths)


def test_space_plays_and_pauses(qtbot, window):
    cfg = load_preset("rosenbrock")
    window.controller.load(cfg)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert window.controller.playing
    assert window.actions["play"].text() == "Pause"
    qtbot.waitUntil(lambda: window.controller.race.steps >= 5, timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert not window.controller.playing
    steps = window.controller.race.steps
    qtbot.wait(100)
    assert window.controller.race.steps == steps
    assert window.actions["play"].text() == "Play"


def test_play_stops_by_itself_at_the_budget(qtbot, window):
    window.race_dock.speed.setValue(5)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert window.controller.playing
    # timer-driven: on a loaded machine a frame can take a second; what is checked is where it stops
    qtbot.waitUntil(lambda: not window.controller.playing, timeout=30_000)
    assert window.controller.race.steps == 30
    assert window.race_dock.table.item(0, 5).text() == "budget used"


def test_clicking_the_map_moves_the_start_and_restarts(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_Right)
    click_map(qtbot, window, 4.0, -3.0)
    sx, sy = window.controller.config.start
    assert sx == pytest.approx(4.0, abs=0.1) and sy == pytest.approx(-3.0, abs=0.1)
    assert window.controller.race.steps == 0
    marker = window.contour.start_marker.pos()
    assert (marker.x(), marker.y()) == (sx, sy)
    qtbot.keyClick(window, Qt.Key.Key_Right)
    x, y = window.contour.paths[0].data()
    assert (x[0], y[0]) == (sx, sy)
    expected = simulate(get_surface("elongated_bowl"), "sgd:lr=0.95", start=(sx, sy), steps=1)
    np.testing.assert_array_equal(np.c_[x, y], expected.positions)


def test_hover_shows_coordinates_and_value(qtbot, shared_window):
    window = shared_window
    panel = window.contour
    scene_pos = panel.plotItem.vb.mapViewToScene(QtCore.QPointF(2.0, 1.0))
    panel.scene().sigMouseMoved.emit(scene_pos)
    text = window.statusBar().currentMessage()
    assert "x = 2" in text and "y = 1" in text and "f(x, y) = 1.2" in text


def test_add_remove_duplicate_racers(qtbot, window):
    dock = window.racers_dock
    nadam = next(a for a in dock.add_menu.actions() if a.data() == "nadam")
    nadam.trigger()
    assert [r.optimizer for r in window.controller.config.racers][-1] == "nadam"
    assert len(window.contour.paths) == 5 and len(window.loss.legend.items) == 5
    assert dock.list.currentRow() == 4 and dock.editor.optimizer == "nadam"
    qtbot.mouseClick(dock.duplicate_button, Qt.MouseButton.LeftButton)
    racers = window.controller.config.racers
    assert len(racers) == 6 and racers[5].optimizer == "nadam" and racers[5].name == "NAdam (2)"
    assert racers[5].color != racers[4].color
    assert [label.text for _, label in window.loss.legend.items][-1] == "NAdam (2)"
    dock.list.setCurrentRow(0)
    qtbot.mouseClick(dock.remove_button, Qt.MouseButton.LeftButton)
    assert [r.name for r in window.controller.config.racers] == ["Momentum", "AdaGrad", "Adam", "NAdam", "NAdam (2)"]
    assert len(window.contour.paths) == 5 and window.race_dock.table.rowCount() == 5
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert all(len(p.data()[0]) == 2 for p in window.contour.paths)


def choose(qtbot, combo, data):
    """Open a combo box's list and click the entry holding ``data``."""
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    view = combo.view()
    qtbot.waitUntil(view.isVisible, timeout=2000)
    index = combo.model().index(combo.findData(data), 0)
    view.scrollTo(index)
    qtbot.wait(QtWidgets.QApplication.doubleClickInterval() + 50)  # the popup ignores clicks right after opening
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    qtbot.waitUntil(lambda: not view.isVisible(), timeout=2000)


def type_into(qtbot, field, text):
    field.setFocus()
    field.lineEdit().selectAll()
    qtbot.keyClicks(field.lineEdit(), text)
    qtbot.keyClick(field.lineEdit(), Qt.Key.Key_Return)


def test_typing_an_invalid_learning_rate_is_refused_with_the_reason(qtbot, window):
    dock = window.racers_dock
    dock.list.setCurrentRow(0)
    qtbot.keyClick(window, Qt.Key.Key_Right)
    field = dock.editor.fields["lr"]
    type_into(qtbot, field, "-1")
    assert dock.editor.error.isVisible()
    assert "lr: must be > 0" in dock.editor.error.text()
    assert window.controller.config.racers[0].hyperparams == {"lr": 0.95}
    field.clearFocus()
    assert field.value() == 0.95
    assert window.controller.race.steps == 1  # nothing restarted


def test_typing_a_valid_learning_rate_restarts_that_racer(qtbot, window):
    dock = window.racers_dock
    dock.list.setCurrentRow(3)
    qtbot.keyClick(window, Qt.Key.Key_Right)
    type_into(qtbot, dock.editor.fields["lr"], "0.05")
    qtbot.waitUntil(lambda: window.controller.config.racers[3].hyperparams == {"lr": 0.05}, timeout=2000)
    assert window.controller.race.steps == 0
    assert not dock.editor.error.isVisible()


def test_cross_parameter_rule_refused_inline(qtbot, window):
    dock = window.racers_dock
    dock.list.setCurrentRow(0)  # SGD without momentum
    nesterov = dock.editor.fields["nesterov"]
    qtbot.mouseClick(nesterov, Qt.MouseButton.LeftButton, pos=QtCore.QPoint(5, nesterov.height() // 2))
    qtbot.waitUntil(lambda: "needs momentum > 0" in dock.editor.error.text(), timeout=2000)
    assert not nesterov.isChecked()
    assert window.controller.config.racers[0].hyperparams == {"lr": 0.95}


def test_hiding_a_racer_hides_its_curves(qtbot, window):
    item = window.racers_dock.list.item(1)
    item.setCheckState(Qt.CheckState.Unchecked)
    assert window.controller.config.racers[1].visible is False
    assert not window.contour.heads[1].isVisible()
    assert all(not item.isVisible() for item in window.contour.paths[1].items)
    assert all(not c.visible for c in window.lr.curves[1])


def test_switching_surface_recomputes_contours_and_resets(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_Right)
    before = window.contour.field
    choose(qtbot, window.surface_dock.combo, "rosenbrock")
    assert window.controller.config.surface == "rosenbrock"
    assert window.contour.field is not before
    assert window.contour.field.x[0] == -2 and window.contour.field.x[-1] == 2
    assert window.controller.race.steps == 0
    assert window.controller.config.start == tuple(get_surface("rosenbrock").start)
    assert "Rosenbrock" in window.contour.plotItem.titleLabel.text
    assert "100" in window.surface_dock.formula.text()


def test_surface_parameter_edit_recomputes_contours(qtbot, window):
    choose(qtbot, window.surface_dock.combo, "ill_conditioned")
    assert window.controller.config.surface == "ill_conditioned"
    before = window.contour.field.z.copy()
    kappa = window.surface_dock.param_fields["kappa"]
    type_into(qtbot, kappa, "10")
    qtbot.waitUntil(lambda: window.controller.config.surface_params.get("kappa") == 10, timeout=2000)
    assert window.controller.config.surface_params["kappa"] == 10
    assert not np.array_equal(window.contour.field.z, before)


def test_a_diverging_racer_is_marked_and_the_others_keep_running(qtbot, window):
    cfg = RaceConfig(
        "rosenbrock",
        {},
        (-1.5, 2.0),
        100,
        None,
        0,
        [RacerConfig("sgd", {"lr": 0.01}, "SGD", "#0072B2"), RacerConfig("adam", {"lr": 0.01}, "Adam", "#D55E00")],
    )
    window.controller.load(cfg)
    qtbot.waitUntil(lambda: not window.switching, timeout=5000)  # step panels and tables follow the map
    for _ in range(100):
        qtbot.keyClick(window, Qt.Key.Key_Right)
    sgd = window.controller.race.runners[0]
    k = int(sgd.stop_step[0])
    assert 0 < k < 100
    window.race_dock.refresh()
    table = window.race_dock.table
    assert [table.item(r, 1).text() for r in range(2)] == ["Adam", "SGD"]  # ranked: the diverged racer last
    assert table.item(1, 5).text() == f"diverged at {k}" and table.item(1, 0).text() == "2"
    assert table.item(0, 5).text() == "budget used"
    assert window.controller.race.runners[1].steps == 100
    x, y = window.contour.paths[1].data()
    assert len(x) == 101


def test_textbook_preset_after_30_steps_holds_the_engines_trajectories(qtbot, window):
    window.race_dock.speed.setValue(7)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.controller.race.done and not window.controller.playing, timeout=5000)
    surface = get_surface("elongated_bowl")
    specs = ["sgd:lr=0.95", "momentum:lr=0.1", "adagrad:lr=1.5", "adam:lr=0.3"]
    for i, spec in enumerate(specs):
        expected = simulate(surface, spec, start=(-7, 2), steps=30)
        x, y = window.contour.paths[i].data()
        np.testing.assert_array_equal(np.c_[x, y], expected.positions)
        steps, loss = window.loss.curves[i][0].data()
        np.testing.assert_allclose(loss, np.maximum(expected.losses, 1e-16), rtol=0, atol=0)
        _, eff_x = window.lr.curves[i][0].data()
        np.testing.assert_array_equal(eff_x[1:], expected.effective_lr[1:, 0])


def test_learning_rate_panel_switches_to_the_observed_ratio(qtbot, window):
    for _ in range(5):
        qtbot.keyClick(window, Qt.Key.Key_Right)
    choose(qtbot, window.lr.mode_box, "observed")
    assert window.lr.plot.getAxis("left").labelText == "|Δθ / g|"
    expected = simulate(get_surface("elongated_bowl"), "momentum:lr=0.1", start=(-7, 2), steps=5)
    _, obs_y = window.lr.curves[1][1].data()
    np.testing.assert_allclose(obs_y[1:], np.abs(expected.observed_lr[1:, 1]))


def test_layout_and_race_persist_between_launches(qtbot, make_window, settings):
    w = make_window()
    w.controller.set_start(1.0, 1.0)
    w.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, w.race_dock)
    w.surface_dock.close()
    w.close()
    assert settings.value("geometry") is not None
    w2 = make_window(settings_=settings)
    assert w2.controller.config.start == (1.0, 1.0)
    assert w2.dockWidgetArea(w2.race_dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert not w2.surface_dock.isVisible()
    w2.actions["restoreLayout"].trigger()
    assert w2.dockWidgetArea(w2.race_dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    assert w2.surface_dock.isVisible()


def test_docks_have_object_names_and_menus_have_the_actions(shared_window):
    window = shared_window
    names = {d.objectName() for d in window.findChildren(QtWidgets.QDockWidget)}
    docks = {"SurfaceDock", "RacersDock", "RaceControlsDock", "DataDock", "InspectorDock", "View3DDock", "MapsDock"}
    assert names == docks
    assert not window.data_dock.isVisible()  # only with data surfaces
    assert not window.inspector_dock.isVisible() and not window.view3d_dock.isVisible()  # until asked for
    assert window.actions["play"].shortcut() == QtGui.QKeySequence("Space")
    assert "(Space)" in window.actions["play"].toolTip()
    assert {a.data() for a in window.presets_menu.actions()} == {
        "textbook",
        "rosenbrock",
        "saddle",
        "himmelblau",
        "beale",
        "sgd-vs-batch",
        "schedules",
        "moons",  # network presets swap the panels (tests/gui/test_network_mode.py)
        "mnist-homework",
    }


@pytest.mark.parametrize(
    "preset", ["textbook", "rosenbrock", "saddle", "himmelblau", "beale", "sgd-vs-batch", "schedules"]
)
def test_every_preset_opens(qtbot, shared_window, preset):
    window = shared_window
    action = next(a for a in window.presets_menu.actions() if a.data() == preset)
    action.trigger()
    assert window.controller.config == load_preset(preset)
    window.controller.step(20)
    assert window.controller.race.steps == min(20, window.controller.config.steps)


def test_screenshot_command(tmp_path):
    out = tmp_path / "shot.png"
    res = run_subprocess("gui", "--preset", "textbook", "--run-steps", "30", "--screenshot", str(out))
    assert res.returncode == 0, res.stderr
    image = QtGui.QImage(str(out))
    assert image.width() >= 1000 and image.height() >= 600
    colors = {image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 37)}
    assert len(colors) > 50  # not blank


def test_unknown_preset_is_refused(gui_command):
    res = gui_command("--preset", "nope")
    assert res.returncode == 2
    assert res.stderr.startswith("error: --preset: unknown preset 'nope'; valid presets: textbook")


def test_racer_options_editor_sets_noise_and_schedule(qtbot, window):
    dock = window.racers_dock
    dock.list.setCurrentRow(0)
    dock.tabs.setCurrentIndex(1)
    opts = dock.options_editor
    assert not opts.batch.isEnabled()  # analytic surface: no mini-batches
    choose(qtbot, opts.schedule, "step")
    qtbot.waitUntil(lambda: window.controller.config.racers[0].options.get("schedule") == "step", timeout=2000)
    type_into(qtbot, dock.options_editor.noise, "0.5")
    qtbot.waitUntil(lambda: window.controller.config.racers[0].options.get("noise") == 0.5, timeout=2000)
    window.controller.step(30)
    lrs = window.controller.race.runners[0].lrs[1:,]
    np.testing.assert_array_equal(lrs, 0.95)  # step_size 30 by default: no decay within 30 steps
    type_into(qtbot, dock.options_editor.param_fields["step_size"], "10")
    qtbot.waitUntil(lambda: window.controller.config.racers[0].options.get("step_size") == 10, timeout=2000)
    window.controller.step(30)
    lrs = window.controller.race.runners[0].lrs[1:]
    np.testing.assert_allclose(lrs[[0, 10, 20]], [0.95, 0.095, 0.0095])
    _, y = opts.curve.getData()
    np.testing.assert_allclose(y[[0, 10, 20]], [0.95, 0.095, 0.0095])
    # noise makes SGD's path differ from the deterministic one
    expected = simulate(get_surface("elongated_bowl"), "sgd:lr=0.95", start=(-7, 2), steps=30)
    assert not np.allclose(window.controller.race.runners[0].positions[:, 0], expected.positions)


def test_data_panel_shows_one_line_per_visible_racer_with_its_parameters(qtbot, window):
    window.open_preset("sgd-vs-batch")
    qtbot.waitUntil(lambda: not window.switching, timeout=5000)  # step panels and tables follow the map
    assert window.data_dock.isVisible()
    data = window.controller.race.surface.data
    x, y = window.data_panel.points[0].getData()
    np.testing.assert_array_equal(x, data.x)
    for _ in range(25):
        qtbot.keyClick(window, Qt.Key.Key_Right)
    for line, runner in zip(window.data_panel.lines, window.controller.race.runners):
        lx, ly = line.getData()
        np.testing.assert_allclose(np.c_[lx, ly], data.boundary_points(runner.positions[-1, 0]))
    paths = [window.controller.race.runners[i].positions[:, 0] for i in range(3)]
    assert not np.array_equal(paths[1], paths[0]) and not np.array_equal(paths[2], paths[0])  # visible noise
    window.racers_dock.list.item(2).setCheckState(Qt.CheckState.Unchecked)
    assert [line.isVisible() for line in window.data_panel.lines] == [True, True, False]
    assert window.loss.show_batch.isVisible()
    batch_x, batch_y = window.loss.curves[1][1].data()
    assert len(batch_x) == 25 and np.isfinite(batch_y).any()
    window.open_preset("textbook")
    qtbot.waitUntil(lambda: not window.switching, timeout=5000)
    assert not window.data_dock.isVisible() and not window.loss.show_batch.isVisible()


def test_dragging_the_start_marker_restarts_from_where_it_is_dropped(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_Right)
    marker = window.contour.start_marker
    marker.setPos(3.0, -2.0)  # what a drag does, ending with sigPositionChangeFinished
    marker.sigPositionChangeFinished.emit(marker)
    assert window.controller.config.start == (3.0, -2.0)
    assert window.controller.race.steps == 0
    x, y = window.contour.paths[0].data()
    assert (x[0], y[0]) == (3.0, -2.0)


def test_leaderboard_is_ranked_sortable_and_explained(qtbot, window):
    cfg = RaceConfig(
        "sphere",
        {},
        (3.0, 4.0),
        200,
        1e-6,
        0,
        [
            RacerConfig("sgd", {"lr": 0.01}, "slow", "#0072B2"),
            RacerConfig("sgd", {"lr": 0.2}, "fast", "#D55E00"),
            RacerConfig("sgd", {"lr": 0.1}, "medium", "#009E73"),
            RacerConfig("sgd", {"lr": 1.5}, "wild", "#CC79A7"),
        ],
    )
    window.controller.load(cfg)
    qtbot.waitUntil(lambda: not window.switching, timeout=5000)  # step panels and tables follow the map
    window.controller.step(200)
    dock = window.race_dock
    dock.refresh()
    table = dock.table
    names = [table.item(r, 1).text() for r in range(table.rowCount())]
    assert names == ["fast", "medium", "slow", "wild"]  # converged by steps to tol, then the rest, diverged last
    assert [table.item(r, 0).text() for r in range(4)] == ["1", "2", "3", "4"]
    assert table.item(0, 6).text() and int(table.item(0, 6).text()) < int(table.item(1, 6).text())
    assert table.item(2, 5).text() == "budget used" and table.item(2, 6).text() == ""
    for col in range(table.columnCount()):
        assert table.horizontalHeaderItem(col).toolTip()
    assert "per step" in table.item(0, 7).toolTip()
    # a click on the "Steps" header sorts by it (numerically), and the sort stays on refresh
    header = table.horizontalHeader()
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QtCore.QPoint(header.sectionViewportPosition(4) + 5, header.height() // 2),
    )
    dock.refresh()
    steps = [int(table.item(r, 4).text()) for r in range(4)]
    assert steps == sorted(steps) or steps == sorted(steps, reverse=True)
    assert dock.racer_rows()["wild"] in range(4)


@pytest.mark.parametrize("size", ["1024x768", "1280x720"])
def test_screenshot_at_the_size_asked(tmp_path, gui_command, size):
    out = tmp_path / "shot.png"
    res = gui_command("--preset", "textbook", "--screenshot", str(out), "--size", size)
    assert res.returncode == 0, res.stderr
    image = QtGui.QImage(str(out))
    assert f"{image.width()}x{image.height()}" == size


@pytest.mark.parametrize("bad", ["1024", "axb", "10x10", "1024x99999", "-5x100"])
def test_a_bad_size_is_refused_naming_it(bad):
    import contextlib
    import io

    from cli.main import main

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["gui", f"--size={bad}", "--screenshot", "/tmp/never-written.png"])
    assert code == 2 and "--size" in err.getvalue() and "Traceback" not in err.getvalue()

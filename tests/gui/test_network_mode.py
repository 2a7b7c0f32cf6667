"""The network race as a mode of the main window: choosing a network problem in the Surface dock (or a
network preset or session) swaps the central panels for the network's (loss, accuracy, per-layer lr
bands, landscape computed in the background); the Racers and Race docks, the toolbar and the leaderboard
work as on surfaces; what applies to 2-D surfaces only is disabled with a tooltip saying why; exports
write the network's files; choosing a surface again brings the map back."""

import csv
import json

import numpy as np
import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from arena import RaceConfig, RacerConfig, load_preset, load_session

SPEC = "mlp:moons,layers=8x8,n=200,eval_every=5"


def _config(steps=40):
    racers = [
        RacerConfig("sgd", {"lr": 0.2}, name="SGD", options={"batch_size": 20}, color="#0072B2"),
        RacerConfig("adam", {"lr": 0.02}, name="Adam", options={"batch_size": 20}, color="#D55E00"),
    ]
    return RaceConfig(problem=SPEC, steps=steps, racers=racers)


def _ydata(item):
    return np.asarray(item.yData, dtype=float)  # the data given (getData() is log10 on a log axis)


def _click_tool(window, key):
    bar = window.findChild(QtWidgets.QToolBar, "RaceToolBar")
    QtTest_click(bar.widgetForAction(window.actions[key]))


def QtTest_click(widget):  # noqa: N802 - a user's click on a toolbar button
    from PySide6.QtTest import QTest

    QTest.mouseClick(widget, QtCore.Qt.MouseButton.LeftButton)


def _leaderboard(window):
    table = window.race_dock.table
    heads = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    rows = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]
    return heads, rows


def _pick(window, qtbot, data):
    combo = window.surface_dock.combo
    combo.setCurrentIndex(combo.findData(f"net:{data}"))
    qtbot.waitUntil(lambda: window.controller.config.is_network, timeout=30_000)


def test_choosing_a_network_problem_swaps_the_panels_plays_ranks_and_swaps_back(make_window, qtbot):
    w = make_window()
    assert w.central_stack.currentWidget() is w.splitter and w.contour.isVisible()
    racers_before = [r.name for r in w.controller.config.racers]
    _pick(w, qtbot, "moons")
    panels = w.network.panels
    assert w.central_stack.currentWidget() is panels and not w.contour.isVisible()
    assert panels.loss.isVisible() and panels.land.isVisible() and panels.lr.isVisible()
    assert w.controller.config.problem.startswith("mlp:moons,layers=100x100")
    assert [r.name for r in w.controller.config.racers] == racers_before  # the same racers train the network
    # the network's settings: layers, activation and batch, applied as a user would
    dock = w.surface_dock
    assert dock.network_box.isVisible() and not dock.formula_box.isVisible()
    dock.net_layers.setText("8x8")
    dock.net_activation.setCurrentText("tanh")
    dock.net_batch.setValue(25)
    qtbot.mouseClick(dock.net_apply, QtCore.Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "layers=8x8" in w.controller.config.problem, timeout=30_000)
    config = w.controller.config
    assert config.problem == "mlp:moons,layers=8x8,activation=tanh"
    assert all(r.options.get("batch_size") == 25 for r in config.racers)
    assert panels.lr.layer_box.itemText(0) == "layer 1 (2->8)"
    assert "114 parameters" in dock.formula.text()  # 2*8+8 + 8*8+8 + 8*2+2
    w.race_dock.budget.setValue(60)
    # Play advances every racer to the budget
    _click_tool(w, "play")
    assert w.controller.playing and w.actions["play"].text() == "Pause"
    qtbot.waitUntil(lambda: w.controller.race.done and not w.controller.playing, timeout=60_000)
    runners = w.controller.race.runners
    assert all(r.steps == 60 for r in runners)
    np.testing.assert_allclose(_ydata(panels.loss.batch_curves[0]), runners[0].batch_losses[1:])
    np.testing.assert_allclose(_ydata(panels.accuracy.curves[1]), 100 * runners[1].evals[:, 1])
    # the leaderboard: train loss, test accuracy, ranked by the last test loss
    heads, rows = _leaderboard(w)
    assert heads[2:4] == ["Train loss", "Test accuracy"] and heads[6] == "Test loss"
    test_loss = {r.label: r.evals[-1, 0] for r in runners}
    ranked = sorted(test_loss, key=test_loss.get)
    assert [row[1] for row in sorted(rows, key=lambda row: int(row[0]))] == ranked
    for row in rows:
        runner = next(r for r in runners if r.label == row[1])
        assert row[2] == f"{runner.batch_losses[-1]:.4g}" and row[3] == f"{runner.evals[-1, 1]:.1%}"
        assert row[4] == "60" and row[5] == "budget used"
    # back to a surface: the map and its leaderboard come back, the mini-batches go
    combo = dock.combo
    combo.setCurrentIndex(combo.findData("rosenbrock"))
    qtbot.waitUntil(lambda: not w.controller.config.is_network, timeout=10_000)
    qtbot.waitUntil(lambda: not w.switching, timeout=5000)  # the switch draws its step panels and tables a frame later
    assert w.central_stack.currentWidget() is w.splitter and w.contour.isVisible()
    assert w.controller.config.surface == "rosenbrock" and not dock.network_box.isVisible()
    assert all("batch_size" not in r.options for r in w.controller.config.racers)
    w.controller.step(5)
    heads, rows = _leaderboard(w)
    assert heads[2] == "f − f*" and heads[3] == "Distance to min" and rows[0][4] == "5"
    assert w.actions["gradientField"].isEnabled() and w.view3d_dock.toggleViewAction().isEnabled()


def test_what_applies_to_surfaces_only_is_disabled_with_the_reason(make_window, qtbot):
    w = make_window(_config())
    assert w.network.active and w.central_stack.currentWidget() is w.network.panels
    for action in (
        w.actions["gradientField"],
        w.actions["resetView"],
        w.view3d_dock.toggleViewAction(),
        w.maps_dock.toggleViewAction(),
        w.inspector_dock.toggleViewAction(),
    ):
        assert not action.isEnabled() and "network" in action.toolTip().lower(), action.text()
    assert not w.race_dock.tol_on.isEnabled() and "network" in w.race_dock.tol_on.toolTip()
    w.actions["gradientField"].trigger()  # a shortcut on a disabled action: nothing happens, nothing breaks
    # an optimizer that cannot train a network is refused with the reason, the race is unchanged
    w.racers_dock.add("newton")
    assert [r.optimizer for r in w.controller.config.racers] == ["sgd", "adam"]
    assert "Hessian" in w.statusBar().currentMessage()
    w.racers_dock.add("rmsprop")
    assert w.controller.config.racers[-1].optimizer == "rmsprop" and len(w.network.panels.loss.batch_curves) == 3
    w.controller.step(3)
    assert all(r.steps == 3 for r in w.controller.race.runners)


def test_step_draws_each_racers_losses_accuracy_and_layer_band(make_window, qtbot):
    w = make_window(_config())
    panels = w.network.panels
    assert panels.lr.layer_box.count() == 3 and panels.lr.layer_box.itemText(0) == "layer 1 (2->8)"
    for _ in range(6):
        _click_tool(w, "step")
    assert w.controller.race.steps == 6 and "step 6 of 40" in w.race_status.text()
    adam = w.controller.race.runners[1]
    np.testing.assert_allclose(_ydata(panels.loss.batch_curves[1]), adam.batch_losses[1:])
    np.testing.assert_allclose(panels.loss.test_curves[1].xData, [0, 5])
    np.testing.assert_allclose(_ydata(panels.accuracy.curves[0]), 100 * w.controller.race.runners[0].evals[:, 1])
    np.testing.assert_allclose(_ydata(panels.lr.medians[1]), adam.lr_quantiles[1:, 0, 1])
    panels.lr.layer_box.setCurrentIndex(2)  # the output layer: another band
    np.testing.assert_allclose(_ydata(panels.lr.medians[1]), adam.lr_quantiles[1:, 2, 1])
    np.testing.assert_allclose(_ydata(panels.lr._edges[1][1]), adam.lr_quantiles[1:, 2, 2])
    # hiding a racer in the Racers dock hides its curves and path
    item = w.racers_dock.list.item(0)
    item.setCheckState(QtCore.Qt.CheckState.Unchecked)
    assert not panels.loss.batch_curves[0].isVisible() and not panels.land.paths[0].isVisible()
    assert panels.loss.batch_curves[1].isVisible()


def test_the_landscape_fills_in_with_the_paths_and_reset_starts_from_the_same_weights(make_window, qtbot):
    w = make_window(_config(steps=40))
    panels = w.network.panels
    w.actions["play"].trigger()
    qtbot.waitUntil(lambda: w.controller.race.done, timeout=60_000)
    qtbot.waitUntil(lambda: panels.land.landscape is not None and not panels.computing, timeout=60_000)
    qtbot.waitUntil(lambda: "at step 40" in panels.land.status.text(), timeout=60_000)
    land = panels.land.landscape
    assert land.losses.shape == (60, 60) and land.explained is not None
    assert "PCA plane" in panels.land.title.text()
    for runner, item in zip(w.controller.race.runners, panels.land.paths):
        x, y = item.getData()
        np.testing.assert_allclose([x[-1], y[-1]], land.project(runner.theta)[0])
        assert len(x) == len(runner.snapshots()[0]) + 1
    w.racers_dock.list.item(1).setText("Adam, renamed")  # a new name: the legends follow, the landscape stays
    assert panels.land.landscape is land
    assert [label.text for _, label in panels.loss.legend.items] == ["SGD", "Adam, renamed"]
    panels.land.method_box.setCurrentIndex(1)  # random filter-normalized directions: computed anew
    qtbot.waitUntil(lambda: not panels.computing and panels.land.landscape.explained is None, timeout=60_000)
    assert "random plane" in panels.land.title.text()
    final = w.controller.race.runners[1].theta.copy()
    _click_tool(w, "reset")
    assert w.controller.race.steps == 0 and panels.loss.batch_curves[0].xData is None and panels.land.landscape is None
    w.controller.step(40)
    np.testing.assert_array_equal(w.controller.race.runners[1].theta, final)


def test_presets_and_sessions_open_in_network_mode_and_replay_exactly(make_window, qtbot, tmp_path):
    w = make_window()
    action = w.presets_menu.findChild(QtCore.QObject, "preset_moons")
    action.trigger()
    assert w.network.active and w.controller.config == load_preset("moons")
    assert w.surface_dock.combo.currentData() == "net:moons"
    w.controller.load(_config(steps=20))
    w.controller.step(20)
    path = tmp_path / "net.json"
    assert w.save_session_to(str(path))
    assert json.loads(path.read_text())["problem"] == SPEC and load_session(path).problem == SPEC
    theta = [r.theta.copy() for r in w.controller.race.runners]
    other = make_window(load_preset("textbook"))
    assert not other.network.active
    assert other.open_session(str(path))
    assert other.network.active and other.central_stack.currentWidget() is other.network.panels
    other.controller.step(20)
    for runner, before in zip(other.controller.race.runners, theta):
        np.testing.assert_array_equal(runner.theta, before)


def test_exports_write_the_network_panels_and_csvs(make_window, qtbot, tmp_path, monkeypatch):
    w = make_window(_config(steps=20))
    w.controller.step(20)
    assert w.network.panels.wait_for_landscape()
    # File > Export image… and File > Export race CSV…, the file chosen in the save dialog
    chosen = iter([str(tmp_path / "menu.png"), str(tmp_path / "menu.csv")])
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", lambda *a, **k: (next(chosen), ""))
    w.actions["exportImage"].trigger()
    assert "menu.png" in w.statusBar().currentMessage()
    assert QtGui.QImage(str(tmp_path / "menu.png")).size() == w.network.panels.size()
    w.actions["exportCsv"].trigger()
    assert (tmp_path / "menu.csv").read_text().startswith("optimizer,step,batch_loss,test_loss,test_accuracy")
    png = w.network.export_image(str(tmp_path / "net.png"), width=1200)
    image = QtGui.QImage(png)
    assert image.width() == 1200 and image.height() > 500
    colors = {image.pixel(x, y) for x in range(0, 1200, 7) for y in range(0, image.height(), 7)}
    assert len(colors) > 200  # curves, bands and the landscape's colour map, not a blank page
    svg = w.network.export_image(str(tmp_path / "net.svg"))
    assert "<svg" in open(svg, encoding="utf-8").read()
    assert w.export_csv(str(tmp_path / "race.csv"))
    with open(tmp_path / "race.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 2 * 21 and {r["optimizer"] for r in rows} == {"SGD", "Adam"}
    last = rows[-1]
    adam = w.controller.race.runners[1]
    assert last["step"] == "20" and float(last["batch_loss"]) == adam.batch_losses[20]
    assert float(last["test_accuracy"]) == adam.evals[-1, 1] and "eff_lr_l3_p90" in last
    assert w.export_summary(str(tmp_path / "board.csv"))
    with open(tmp_path / "board.csv", newline="") as fh:
        board = list(csv.DictReader(fh))
    assert [b["racer"] for b in board] == [row[1] for row in sorted(_leaderboard(w)[1], key=lambda r: int(r[0]))]
    frames = w.network.export_animation(str(tmp_path / "net.gif"), steps_per_frame=5)
    assert frames == 5 and QtGui.QImageReader(str(tmp_path / "net.gif")).imageCount() == 5
    assert w.controller.race.steps == 20  # the live race was not touched


def test_race_problem_writes_png_and_gif(cli, tmp_path):
    png, gif = tmp_path / "net.png", tmp_path / "net.gif"
    res = cli(
        "race", "--problem", "mlp:moons,layers=8x8,n=200", "--optimizer", "adam:lr=0.02,batch_size=20",
        "--optimizer", "sgd:lr=0.2", "--steps", "30", "--png", str(png), "--gif", str(gif),
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    image = QtGui.QImage(str(png))
    assert image.width() == 2400 and image.height() > 1000
    reader = QtGui.QImageReader(str(gif))
    assert reader.format() == b"gif" and reader.imageCount() == 31  # step 0 and one frame per step
    assert f"wrote {gif}" in res.stdout and "31 frames" in res.stdout


@pytest.mark.parametrize("size", ["1600x1000", "1024x768"])
def test_screenshot_of_the_homework_preset_shows_every_network_panel(tmp_path, size):
    from tests.run_main import run_subprocess

    out = tmp_path / "net.png"
    res = run_subprocess("gui", "--preset", "mnist-homework", "--run-steps", "30", "--screenshot", str(out),
                         "--size", size, timeout=300)  # fmt: skip
    assert res.returncode == 0, res.stderr
    image = QtGui.QImage(str(out))
    w, h = (int(v) for v in size.split("x"))
    assert (image.width(), image.height()) == (w, h)
    # the landscape (upper right quarter of the window) is a filled colour map: many distinct colours there
    colors = {image.pixel(x, y) for x in range(w * 2 // 3, w - 80, 5) for y in range(h // 8, h * 2 // 5, 5)}
    assert len(colors) > 100

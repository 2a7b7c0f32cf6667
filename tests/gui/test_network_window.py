"""The network race in the window: Step, Play, the four panels (loss, accuracy, per-layer lr bands,
landscape computed in the background) hold what the racers recorded; presets and sessions open it."""

import numpy as np
import pytest
from PySide6 import QtCore

from arena import RaceConfig, RacerConfig, load_preset
from arena.session import save_session

SPEC = "mlp:moons,layers=8x8,n=200,eval_every=5"


def _config(steps=40):
    racers = [
        RacerConfig("sgd", {"lr": 0.2}, options={"batch_size": 20}, color="#0072B2"),
        RacerConfig("adam", {"lr": 0.02}, options={"batch_size": 20}, color="#D55E00"),
    ]
    return RaceConfig(problem=SPEC, steps=steps, racers=racers)


@pytest.fixture
def net_window(qtbot):
    from gui.app import make_app
    from gui.network_window import NetworkWindow

    make_app()
    made = []

    def make(config):
        w = NetworkWindow(config)
        qtbot.addWidget(w)
        w.show()
        made.append(w)
        return w

    yield make
    for w in made:
        w.timer.stop()


def _ydata(item):
    return np.asarray(item.yData, dtype=float)  # the data given (getData() is log10 on a log axis)


def test_step_draws_each_racers_losses_accuracy_and_layer_band(net_window, qtbot):
    w = net_window(_config())
    assert w.lr.layer_box.count() == 3 and w.lr.layer_box.itemText(0) == "layer 1 (2->8)"
    for _ in range(6):
        qtbot.mouseClick(w.findChild(QtCore.QObject, "raceToolbar").widgetForAction(w.step_action),
                         QtCore.Qt.MouseButton.LeftButton)  # fmt: skip
    assert w.race.steps == 6 and "step 6 / 40" in w.progress.text()
    adam = w.race.runners[1]
    np.testing.assert_allclose(_ydata(w.loss.batch_curves[1]), adam.batch_losses[1:])
    np.testing.assert_allclose(w.loss.test_curves[1].xData, [0, 5])
    np.testing.assert_allclose(_ydata(w.accuracy.curves[0]), 100 * w.race.runners[0].evals[:, 1])
    np.testing.assert_allclose(_ydata(w.lr.medians[1]), adam.lr_quantiles[1:, 0, 1])
    w.lr.layer_box.setCurrentIndex(2)  # the output layer: another band
    np.testing.assert_allclose(_ydata(w.lr.medians[1]), adam.lr_quantiles[1:, 2, 1])
    np.testing.assert_allclose(_ydata(w.lr._edges[1][1]), adam.lr_quantiles[1:, 2, 2])


def test_play_runs_the_budget_then_the_landscape_fills_in_with_the_paths(net_window, qtbot):
    w = net_window(_config(steps=40))
    w.play_action.trigger()
    assert w.timer.isActive() and w.play_action.text() == "Pause"
    qtbot.waitUntil(lambda: w.race.done, timeout=60_000)
    assert not w.timer.isActive() and w.play_action.text() == "Play"
    qtbot.waitUntil(lambda: w.land.landscape is not None and w._future is None, timeout=60_000)
    land = w.land.landscape
    assert land.losses.shape == (60, 60) and land.explained is not None
    assert "PCA plane" in w.land.title.text() and "at step 40" in w.land.status.text()
    for runner, item, end in zip(w.race.runners, w.land.paths, w.land.ends):
        x, y = item.getData()
        np.testing.assert_allclose([x[-1], y[-1]], land.project(runner.theta)[0])
        assert len(x) == len(runner.snapshots()[0]) + 1
        ex, ey = end.getData()
        assert (ex[0], ey[0]) == (x[-1], y[-1])
    w.land.method_box.setCurrentIndex(1)  # random filter-normalized directions: computed anew
    qtbot.waitUntil(lambda: w._future is None and w.land.landscape.explained is None, timeout=60_000)
    assert "random plane" in w.land.title.text()


def test_reset_starts_again_from_the_same_weights(net_window, qtbot):
    w = net_window(_config())
    w.step(7)
    first = w.race.runners[1].theta.copy()
    w.reset_action.trigger()
    assert w.race.steps == 0 and w.loss.batch_curves[0].xData is None  # nothing drawn
    w.step(7)
    np.testing.assert_array_equal(w.race.runners[1].theta, first)


def test_presets_menu_and_sessions_open_network_races_in_their_window(make_window, qtbot, tmp_path):
    main = make_window()
    before = main.controller.config.copy()
    action = main.presets_menu.findChild(QtCore.QObject, "preset_moons")
    assert action is not None
    action.trigger()
    net = main.network_windows[-1]
    qtbot.addWidget(net)
    assert net.isVisible() and net.config.problem == load_preset("moons").problem
    assert main.controller.config == before  # the surface race is untouched
    path = tmp_path / "net.json"
    save_session(path, _config())
    assert main.open_session(str(path))
    qtbot.addWidget(main.network_windows[-1])
    assert main.network_windows[-1].config.problem == SPEC and main.controller.config == before


def test_screenshot_of_a_network_preset_shows_every_panel(tmp_path):
    from PySide6 import QtGui

    from tests.run_main import run_subprocess

    out = tmp_path / "net.png"
    res = run_subprocess(
        "gui", "--preset", "moons", "--run-steps", "60", "--screenshot", str(out), "--size", "1200x800"
    )
    assert res.returncode == 0, res.stderr
    image = QtGui.QImage(str(out))
    assert (image.width(), image.height()) == (1200, 800)
    # the landscape (top right) is a filled colour map: many distinct colours there
    colors = {image.pixel(x, y) for x in range(700, 1150, 9) for y in range(80, 380, 9)}
    assert len(colors) > 100

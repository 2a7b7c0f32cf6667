"""The Maps dock, driven like a person: open it, compute a basin map, a sweep and a boundary in the
background, click a cell to start the race there or take its settings, cancel a long map."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from arena import RaceConfig, RacerConfig
from engine import maps


@pytest.fixture(autouse=True)
def _fresh_cache():
    maps.clear_cache()


def _config():
    return RaceConfig(
        surface="himmelblau", start=(0.0, 0.0), steps=100,
        racers=[RacerConfig("sgd", {"lr": 0.01}, name="SGD", color="#0072B2"),
                RacerConfig("adam", {"lr": 0.05}, name="Adam", color="#E69F00")],
    )  # fmt: skip


def _compute(dock, qtbot, timeout=60_000):
    qtbot.mouseClick(dock.compute_button, QtCore.Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dock.busy(), timeout=timeout)
    dock.wait()
    QtCore.QCoreApplication.processEvents()


def test_a_basin_map_fills_in_and_a_click_starts_the_race_there(make_window, qtbot):
    w = make_window(_config())
    w.findChild(QtCore.QObject, "MapsDock").toggleViewAction().trigger()
    dock = w.maps_dock
    assert dock.isVisible()
    dock.grid.setValue(24)
    dock.steps.setValue(800)
    dock.who.setCurrentIndex(dock.who.findData("all"))
    QtCore.QCoreApplication.processEvents()
    view = w.contour.viewRange()
    _compute(dock, qtbot)
    assert len(dock._jobs) == 2 and set(dock._results) == set(dock._jobs)
    assert dock.progress.value() == dock.progress.maximum()
    job = dock._jobs[0]
    assert job.x.lo == pytest.approx(view[0][0]) and job.y.hi == pytest.approx(view[1][1])  # the visible view
    shown = dock.panel.shown_image(job)
    assert shown.shape == (24, 24, 3) and not (shown == 244).all()
    assert "(3, 2)" in dock.panel.key_text(job) and "%" in dock.panel.key_text(job)
    basin = dock._results[job].arrays["basin"]
    assert (basin >= 0).mean() > 0.5
    # a click on a cell starts every racer there
    dock.click_cell(job, 20, 3)
    assert w.controller.config.start == pytest.approx((job.x.values()[3], job.y.values()[20]))
    assert w.controller.race.steps == 0


def test_a_sweep_click_gives_the_racer_that_cells_settings(make_window, qtbot):
    w = make_window(_config())
    w.maps_dock.show()
    dock = w.maps_dock
    w.racers_dock.select(1)  # Adam
    dock.kind.setCurrentIndex(dock.kind.findData("sweep"))
    assert dock.x_key.currentText() == "lr" and dock.y_key.currentText() == "beta1"
    dock.grid.setValue(8)
    dock.steps.setValue(50)
    dock.x_lo.setText("0.001")
    dock.x_hi.setText("1")
    dock.y_lo.setText("0.5")
    dock.y_hi.setText("0.95")
    _compute(dock, qtbot)
    job = dock._jobs[0]
    assert job.kind == "sweep" and job.x.log and not job.y.log
    dock.click_cell(job, 7, 0)
    adam = w.controller.config.racers[1].resolved()
    assert adam["lr"] == pytest.approx(0.001) and adam["beta1"] == pytest.approx(0.95)
    assert "from the sweep" in w.statusBar().currentMessage()


def test_bad_settings_are_explained_in_the_dock(make_window, qtbot):
    w = make_window(_config())
    dock = w.maps_dock
    dock.show()
    dock.kind.setCurrentIndex(dock.kind.findData("boundary"))
    dock.x_lo.setText("-1")
    qtbot.mouseClick(dock.compute_button, QtCore.Qt.MouseButton.LeftButton)
    assert "log axis needs a range above 0" in dock.message.text()
    assert not dock.busy() and dock.compute_button.isEnabled()
    dock.x_lo.setText("abc")
    qtbot.mouseClick(dock.compute_button, QtCore.Qt.MouseButton.LeftButton)
    assert "'abc' is not a number" in dock.message.text()


def test_cancel_stops_a_long_map_and_the_dock_can_compute_again(make_window, qtbot):
    w = make_window(_config())
    dock = w.maps_dock
    dock.show()
    dock.grid.setValue(1024)
    dock.steps.setValue(5000)
    qtbot.mouseClick(dock.compute_button, QtCore.Qt.MouseButton.LeftButton)
    assert dock.busy() and dock.cancel_button.isEnabled()
    qtbot.mouseClick(dock.cancel_button, QtCore.Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dock.busy(), timeout=60_000)
    assert dock.message.text() == "cancelled" and dock.compute_button.isEnabled()
    assert dock.progress.value() < dock.progress.maximum()
    dock.grid.setValue(16)
    dock.steps.setValue(50)
    _compute(dock, qtbot)
    assert np.isin(dock._results[dock._jobs[0]].arrays["basin"], [-3, -2, -1, 0, 1, 2, 3]).all()


def test_zooming_the_boundary_computes_it_again_at_the_new_scale(make_window, qtbot):
    w = make_window(RaceConfig(surface="elongated_bowl", start=(3.0, 2.0), steps=100,
                               racers=[RacerConfig("sgd", {"lr": 0.1}, name="GD")]))  # fmt: skip
    dock = w.maps_dock
    dock.show()
    dock.kind.setCurrentIndex(dock.kind.findData("boundary"))
    dock.grid.setValue(16)
    dock.steps.setValue(200)
    _compute(dock, qtbot)
    first = dock._jobs[0]
    assert first.x.lo == pytest.approx(1e-3) and first.x.hi == pytest.approx(10)
    vb = dock.panel.plot_of(first).getViewBox()
    vb.setRange(xRange=(0.0, 0.5), yRange=(-0.5, 0.0), padding=0)  # lr_x in [1, 3.16], lr_y in [0.32, 1]
    vb.sigRangeChangedManually.emit(vb.state["mouseEnabled"])
    qtbot.waitUntil(lambda: dock._jobs and dock._jobs[0] is not first, timeout=5000)
    qtbot.waitUntil(lambda: not dock.busy(), timeout=60_000)
    zoomed = dock._jobs[0]
    assert zoomed.x.lo == pytest.approx(1.0, rel=1e-5) and zoomed.x.hi == pytest.approx(10**0.5, rel=1e-5)
    assert zoomed.y.hi == pytest.approx(1.0, rel=1e-5) and zoomed.x.n == 16
    assert float(dock.x_lo.text()) == pytest.approx(1.0, rel=1e-5)


def test_tune_all_races_the_winners_and_says_what_was_searched(make_window, qtbot):
    config = RaceConfig(surface="rosenbrock", start=(-1.5, 2.0), steps=300,
                        racers=[RacerConfig("sgd", {"lr": 1e-4}, name="SGD"),
                                RacerConfig("adam", {"lr": 1e-3}, name="Adam")])  # fmt: skip
    w = make_window(config)
    action = w.findChild(QtGui.QAction, "tuneAll")
    assert action is not None and "Tune all racers" in action.text()
    w.tuner.start(24)  # what the dialog's OK does with 24 trials
    qtbot.waitUntil(lambda: not w.tuner.busy(), timeout=60_000)
    racers = w.controller.config.racers
    assert [r.name for r in racers] == ["SGD (tuned)", "Adam (tuned)"]
    best = w.tuner.results[1].best
    assert racers[1].resolved()["lr"] == pytest.approx(best["lr"]) and best["lr"] != 1e-3
    assert w.controller.race.steps == 0  # the race restarts with the winners
    assert "searched: lr log-uniform" in w.tuner.summary and "beta1 = 1 - 10^U(-4, 0)" in w.tuner.summary
    assert "every racer tuned" in w.statusBar().currentMessage()
    w.tuner.summary_box.close()


def test_cancelled_tuning_leaves_the_race_as_it_was(make_window, qtbot):
    config = RaceConfig(surface="rosenbrock", start=(-1.5, 2.0), steps=2000,
                        racers=[RacerConfig("sgd", {"lr": 1e-4}, name="SGD") for _ in range(6)])  # fmt: skip
    w = make_window(config)
    w.tuner.start(512)
    button = w.tuner.dialog.findChild(QtWidgets.QPushButton)
    assert button.text() == "Cancel" and button.isVisible()
    qtbot.mouseClick(button, QtCore.Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not w.tuner.busy(), timeout=60_000)
    assert [r.name for r in w.controller.config.racers] == ["SGD"] * 6
    assert w.controller.config.racers[0].hyperparams == {"lr": 1e-4}

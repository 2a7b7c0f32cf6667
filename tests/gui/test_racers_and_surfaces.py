"""Removing one racer keeps the others' progress; switching surface keeps playing; "ready" before step 1."""

import numpy as np
from PySide6 import QtCore

Qt = QtCore.Qt


def test_removing_a_racer_keeps_the_others_progress(qtbot, window):
    c = window.controller
    c.step(10)
    kept = [r for i, r in enumerate(c.race.runners) if i != 1]
    positions = [r.positions[: r.steps + 1].copy() for r in kept]
    removed = []
    c.racerRemoved.connect(removed.append)
    resets = []
    c.raceReset.connect(lambda: resets.append(1))
    window.racers_dock.select(1)
    qtbot.mouseClick(window.racers_dock.remove_button, Qt.MouseButton.LeftButton)
    assert removed == [1] and not resets
    assert [r.name for r in c.config.racers] == ["SGD", "AdaGrad", "Adam"]
    assert c.race.steps == 10 and [r.steps for r in c.race.runners] == [10, 10, 10]
    for runner, before in zip(c.race.runners, positions):
        np.testing.assert_array_equal(runner.positions[:11], before)
    # the drawn paths are the remaining racers' (11 points each) and the lists follow
    assert len(window.contour.paths) == 3
    assert all(len(p.data()[0]) == 11 for p in window.contour.paths)
    assert len(window.loss.legend.items) == 3
    assert window.racers_dock.list.count() == 3 and window.race_dock.table.rowCount() == 3
    c.step(1)
    assert c.race.steps == 11 and all(len(p.data()[0]) == 12 for p in window.contour.paths)


def test_removing_a_racer_while_playing_keeps_playing(qtbot, window):
    c = window.controller
    window.race_dock.budget.setValue(100000)
    c.set_speed(1)
    c.play()
    # timer-driven: generous timeouts for a loaded machine; what is checked is that play goes on
    qtbot.waitUntil(lambda: c.race.steps >= 3, timeout=20_000)
    c.remove_racer(0)
    assert c.playing and len(c.race.runners) == 3
    steps = c.race.steps
    qtbot.waitUntil(lambda: c.race.steps >= steps + 3, timeout=20_000)
    assert c.playing and all(r.steps == c.race.steps for r in c.race.runners)
    assert all(len(p.data()[0]) == c.race.steps + 1 for p in window.contour.paths)
    c.pause()


def test_removing_the_last_racer_pauses(qtbot, window):
    c = window.controller
    c.play()
    for _ in range(4):
        c.remove_racer(0)
    assert not c.playing and not c.race.runners


def test_switching_surface_while_playing_restarts_there_and_keeps_playing(qtbot, window):
    c = window.controller
    window.race_dock.budget.setValue(100000)
    c.play()
    qtbot.waitUntil(lambda: c.race.steps >= 3, timeout=3000)
    window.surface_dock.combo.setCurrentIndex(window.surface_dock.combo.findData("rosenbrock"))
    assert c.config.surface == "rosenbrock" and c.playing
    c.pause()


def test_ready_before_the_first_step(qtbot, window):
    assert window.race_status.text().startswith("ready")
    assert {window.race_dock.table.item(r, 5).text() for r in range(4)} == {"ready"}
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.race_status.text().startswith("paused · step 1")
    assert {window.race_dock.table.item(r, 5).text() for r in range(4)} == {"running"}
    qtbot.keyClick(window, Qt.Key.Key_R)
    assert window.race_status.text().startswith("ready")


def test_renaming_a_racer_in_the_list_renames_it_in_every_legend(qtbot, window):
    item = window.racers_dock.list.item(1)
    item.setText("Fast one")  # what the list's inline editor commits after a double-click
    assert window.controller.config.racers[1].name == "Fast one"
    for legend in (window.contour.legend, window.loss.legend):  # the map's and the loss panel's racer legends
        assert "Fast one" in legend.names()


def test_removing_a_racer_then_reset_keeps_the_others_noisy_paths(qtbot, make_window):
    import numpy as np

    from arena.config import RaceConfig, RacerConfig

    noisy = {"noise": 0.5}
    racers = [
        RacerConfig("sgd", {"lr": 1e-3}, "A", options=noisy),
        RacerConfig("adam", {"lr": 0.02}, "B", options=noisy),
    ]
    config = RaceConfig(surface="rosenbrock", start=(-1.5, 2.0), steps=30, seed=3, racers=racers)
    w = make_window(config)
    c = w.controller
    c.step(30)
    before = c.race.runners[1].record().positions.copy()
    c.remove_racer(0)
    c.reset()
    c.step(30)
    np.testing.assert_array_equal(c.race.runners[0].record().positions, before)

"""Playback speed: slow motion (one step per 1 s, 0.5 s, 0.25 s) up to 1000 steps per frame."""

from PySide6 import QtCore

from gui.controller import FRAME_MS
from gui.widgets.speed_box import speed_text

Qt = QtCore.Qt


def test_speed_labels_are_singular_for_one():
    assert speed_text(1) == "1 step/frame"
    assert speed_text(2) == "2 steps/frame"
    assert speed_text(1000) == "1000 steps/frame"
    assert speed_text(-1) == "1 step / 0.5 s"
    assert speed_text(0) == "1 step / 0.25 s"


def test_slow_motion_sets_the_timer_interval(qtbot, window):
    box, c = window.race_dock.speed, window.controller
    box.setValue(-1)
    assert c.timer.interval() == 500 and c.speed == 1 and box.text() == "1 step / 0.5 s"
    box.setValue(0)
    assert c.timer.interval() == 250
    box.setValue(-2)
    assert c.timer.interval() == 1000
    box.setValue(20)
    assert c.timer.interval() == FRAME_MS and c.speed == 20 and box.text() == "20 steps/frame"
    box.setValue(1)
    assert box.text() == "1 step/frame"


def test_arrows_go_from_slow_motion_to_1000_steps_per_frame(qtbot, window):
    box = window.race_dock.speed
    box.setValue(-2)
    seen = [box.value()]
    for _ in range(30):
        box.stepBy(1)
        seen.append(box.value())
    assert seen[:5] == [-2, -1, 0, 1, 2] and seen[-1] == 1000
    box.stepBy(-1)
    assert box.value() == 500


def test_typed_speeds(qtbot, window):
    box = window.race_dock.speed
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), "0.5 s")
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)
    assert window.controller.timer.interval() == 500
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), "37")
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)
    assert window.controller.speed == 37 and window.controller.seconds_per_step is None


def test_the_30_step_textbook_race_starts_in_slow_motion_and_plays_one_step_per_tick(qtbot, window):
    c = window.controller
    assert c.config.steps == 30 and c.seconds_per_step == 0.25
    assert window.race_dock.speed.text() == "1 step / 0.25 s"
    c.play()
    qtbot.waitUntil(lambda: c.race.steps >= 1, timeout=2000)
    assert c.race.steps <= 2
    c.pause()
    c.load(c.config.copy())
    assert c.seconds_per_step == 0.25


def test_a_long_race_plays_in_about_five_seconds(window):
    from arena import load_preset

    window.controller.load(load_preset("rosenbrock"))
    c = window.controller
    assert c.seconds_per_step is None and c.speed == max(1, round(c.config.steps / 300))
    assert c.timer.interval() == FRAME_MS

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
    assert dock.step.value() == 1 and dock.scrubber.value() == 1


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

"""A surface switch spread over frames, the step panels taking turns, and the collector kept out
of a playing race (issue 15). Frame times themselves are measured by benchmarks/gui.py."""

import gc

from PySide6 import QtCore

from arena import PALETTE, RaceConfig, RacerConfig
from gui.quiet_gc import QuietCollector


def three_racers(steps=2000):
    racers = [RacerConfig(o, {"lr": 1e-3}, o, PALETTE[i]) for i, o in enumerate(("sgd", "adam", "rmsprop"))]
    return RaceConfig("rosenbrock", {}, (-1.5, 2.0), steps, None, 0, racers)


def test_a_switch_draws_the_map_at_once_and_the_panels_in_the_frames_after(qtbot, make_window):
    w = make_window(three_racers())
    qtbot.waitExposed(w)
    c = w.controller
    c.step(200)
    qtbot.waitUntil(lambda: not w.switching, timeout=5000)
    c.set_surface("logistic_regression", {"n": 200})
    # this frame: the race restarted on the new surface and its map
    assert w.switching and w.contour.surface is c.race.surface and c.race.steps == 0
    assert not w.data_dock.isVisible()  # ...the Data dock comes a frame or more later
    qtbot.waitUntil(lambda: not w.switching, timeout=5000)
    # then every panel shows the new race: the curves restarted, the Data dock with its legend
    assert [len(group[0].data()[0]) for group in w.loss.curves] == [1, 1, 1]  # each racer's loss at step 0
    assert w.data_dock.isVisible() and w.data_panel.data is c.race.surface.data
    assert w.data_panel.legend.names()[:3] == ["sgd", "adam", "rmsprop"]
    heads = [w.race_dock.table.horizontalHeaderItem(i).text() for i in range(3)]
    assert heads[1] == "Racer" and w.race_dock.table.rowCount() == 3


def test_a_switch_while_the_last_one_is_drawn_starts_its_frames_again(qtbot, make_window):
    """Every panel ends on the last surface picked, however quickly they were picked."""
    w = make_window(three_racers())
    qtbot.waitExposed(w)
    c = w.controller
    c.set_surface("logistic_regression", {"n": 200})
    qtbot.waitUntil(lambda: w.data_dock.isVisible(), timeout=5000)  # the first switch is at its Data dock
    assert w.switching
    c.set_surface("himmelblau")
    qtbot.waitUntil(lambda: not w.switching, timeout=5000)
    c.step(3)
    assert not w.data_dock.isVisible() and w.loss.f_min == c.race.surface.f_min == 0.0
    for group, runner in zip(w.loss.curves, c.race.runners):
        x, y = group[0].data()  # the new race's losses (f - f*, f* = 0 on Himmelblau)
        assert len(x) == 4 and y[0] == runner.losses[0, 0]
    assert all(w.updatesEnabled() for w in (w.loss.plot_widget, w.lr.plot_widget, w.data_panel))


def test_settle_switch_draws_what_is_left_at_once(qtbot, make_window):
    """Before a screenshot or an export: every panel as it is in the end."""
    w = make_window(three_racers())
    qtbot.waitExposed(w)
    w.controller.set_surface("linear_regression")
    assert w.switching
    w.settle_switch()
    assert not w.switching and w.data_dock.isVisible()
    assert w.data_panel.legend.names()[:3] == ["sgd", "adam", "rmsprop"]


def test_the_step_panels_keep_taking_turns_after_a_switch(qtbot, make_window):
    """The loss and learning-rate panels are drawn on alternate frames while playing; a switch (each
    panel restarted in a frame of its own) used to leave both drawn on the same frames."""
    w = make_window(three_racers(100_000))
    qtbot.waitExposed(w)
    c = w.controller
    c.set_speed(10)
    for surface in ("beale", "rosenbrock"):
        c.play()
        qtbot.wait(100)
        c.set_surface(surface)  # while playing: the race restarts there and plays on
        qtbot.waitUntil(lambda: not w.switching, timeout=5000)
        drawn = []
        for _ in range(12):
            c.tick()
            drawn.append((w.loss.deferring, w.lr.deferring))
        c.pause()
        assert all(loss != lr for loss, lr in drawn), drawn


def test_the_collector_leaves_a_playing_race_alone_and_collects_when_idle(qtbot):
    collector = QuietCollector()
    try:
        collector._idle.setInterval(20)
        collector.playing(True)
        assert gc.get_freeze_count() > 0  # what lived when play started: no full collection walks it
        cycle = []
        cycle.append(cycle)  # garbage made while playing is collected as usual
        assert not collector._idle.isActive()
        done = collector.full_collections
        collector.playing(False)
        qtbot.waitUntil(lambda: collector.full_collections > done, timeout=2000)
        assert gc.get_freeze_count() > 0  # the survivors, frozen again
    finally:
        collector.release()
    assert gc.get_freeze_count() == 0


def test_the_idle_collection_leaves_a_collector_managed_elsewhere_alone(qtbot):
    collector = QuietCollector()
    gc.disable()
    try:
        collector.collect()
        collector.playing(True)
        assert collector.full_collections == 0 and gc.get_freeze_count() == 0
    finally:
        gc.enable()
        collector.release()
        QtCore.QCoreApplication.processEvents()


def test_the_data_panel_is_made_while_the_window_is_idle_not_in_a_switch(qtbot, make_window, monkeypatch):
    """Making the Data panel (a pyqtgraph plot, ~30 ms) waits for a playing race to pause, then
    happens at idle; the first switch to a data-fit surface shows that very panel."""
    import gui.main_window as mw

    monkeypatch.setattr(mw, "PREPARE_MS", 30)
    w = make_window(three_racers())
    qtbot.waitExposed(w)
    c = w.controller
    c.set_speed(1)  # 2,000 steps: it plays on through the test
    c.play()
    qtbot.wait(150)  # several tries while it plays: none makes the panel
    assert w._data_panel is None and c.playing
    c.pause()
    qtbot.waitUntil(lambda: w._data_panel is not None, timeout=3000)
    made = w._data_panel
    assert not w.data_dock.isVisible()  # made, not shown: Rosenbrock has no data
    c.set_surface("logistic_regression", {"n": 200})
    qtbot.waitUntil(lambda: not w.switching, timeout=5000)
    assert w.data_panel is made and w.data_dock.isVisible() and made.data is c.race.surface.data
    x, y = made.points[0].getData()
    labels = c.race.surface.data.y
    assert len(x) == int((labels == 0).sum()) and len(made.points[1].getData()[0]) == int((labels == 1).sum())


def test_the_network_panels_are_made_by_the_first_network_race_not_at_launch_or_idle(qtbot, make_window, monkeypatch):
    """The four network plots (~0.1 s to make) are not made while the window opens nor while it idles (made
    at idle, they froze a window in use for ~130 ms): the first network race makes them and shows them."""
    import gui.main_window as mw

    monkeypatch.setattr(mw, "PREPARE_MS", 30)
    w = make_window(three_racers())
    assert not w.network.made and w.central_stack.count() == 1
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w._data_panel is not None, timeout=3000)  # the idle work done...
    qtbot.wait(100)
    assert not w.network.made  # ...without them
    w._pick_problem("mlp:moons,layers=8x8,n=200,eval_every=5", 20)  # as the Surface dock asks
    qtbot.waitUntil(lambda: w.network.active, timeout=30_000)
    made = w.network.panels
    assert w.network.made and w.central_stack.currentWidget() is made and made.loss.isVisible()


def test_a_switch_puts_off_loading_compiled_code_until_its_frames_are_drawn(qtbot, make_window):
    """Loading a surface's compiled code holds the GIL in stretches of tens of ms: a switch holds the
    loaders back for SWITCH_LOAD_HOLD_S (the racers step on NumPy meanwhile, with the same bits), and
    the race is on the compiled path after it."""
    import time

    from engine import fast
    from gui.controller import SWITCH_LOAD_HOLD_S

    w = make_window(three_racers())
    qtbot.waitExposed(w)
    c = w.controller
    before = time.monotonic()
    c.set_surface("beale")
    assert fast._quiet_until >= before + SWITCH_LOAD_HOLD_S - 0.01
    kernels = c.race.runners[0]._fast_run.kernels
    qtbot.waitUntil(lambda: fast.ready_for(kernels), timeout=30_000)  # nobody waits: loaded after the hold
    c.step(5)
    assert all(r._fast_active for r in c.race.runners)


def test_the_idle_collection_waits_while_the_user_works_the_window(qtbot, make_window):
    """The full collection after a pause takes 60-130 ms: it waits until the user has left the window
    alone for a moment (mouse moves and keys put it off), so it never freezes the window under the hand."""
    from PySide6.QtTest import QTest

    w = make_window(three_racers())
    qtbot.waitExposed(w)
    collector = w.controller.collector
    if not gc.isenabled():  # (another collector manages it: nothing to check)
        return
    collector._idle.setInterval(120)
    collector.playing(True)
    done = collector.full_collections
    collector.playing(False)  # a pause: the collection is due 120 ms after the last input
    view = w.contour.viewport()
    for i in range(12):  # ~0.4 s of a user moving the mouse over the map
        QTest.mouseMove(view, QtCore.QPoint(50 + 5 * i, 60 + 3 * i))
        qtbot.wait(30)
        assert collector.full_collections == done, i
    qtbot.waitUntil(lambda: collector.full_collections > done, timeout=3000)  # then, once left alone

"""The live window's budget on long races (issue 15): memory per recorded step and the items a frame
makes stay bounded. (Frame times are measured by benchmarks/gui.py and gui_frames.py, not here.)"""

import collections
import tracemalloc

import numpy as np
from PySide6 import QtCore, QtWidgets

from arena import PALETTE, RaceConfig, RacerConfig


def ten_racers(steps):
    racers = [RacerConfig("adam", {"lr": 1e-3 * (i + 1)}, f"adam {i}", PALETTE[i]) for i in range(10)]
    return RaceConfig("rosenbrock", {}, (-1.5, 2.0), steps, None, 0, racers)


def scene_items(w):
    return sum(len(view.scene().items()) for view in (w.contour, w.loss.plot_widget, w.lr.plot_widget))


def test_playing_on_makes_no_new_plot_items(qtbot, make_window):
    """Curves fold their oldest points into a decimated history every few hundred steps: a frame
    that does so reuses the curve's items (a chunk start used to add ~40 items at once)."""
    w = make_window(ten_racers(60_000))
    c = w.controller
    w._on_playing(True)  # what play tells the window: panels take turns
    c.step(100)
    before = scene_items(w)
    grown = []
    for _ in range(150):  # 15,000 steps: every curve folds dozens of times
        n = scene_items(w)
        c.step(100)
        grown.append(scene_items(w) - n)
    w._on_playing(False)
    assert max(grown) <= 0 and scene_items(w) == before


def test_the_window_holds_little_memory_per_recorded_step_beyond_the_engine(qtbot, make_window):
    """What the panels keep grows by far less than 100 bytes per step per racer (measured:
    ~20 B, mostly the learning-rate panel's observed rates); the engine's own record is not counted
    (its history was reserved before the measurement and is not traced)."""
    from engine import fast
    from surfaces import get_surface

    # the compiled path loads (numba's modules, the kernels: tens of MB) before the measurement, not during it
    fast.wait_for(get_surface("rosenbrock").scalar_kernels, 300)
    w = make_window(ten_racers(60_000))
    c = w.controller
    w._on_playing(True)
    c.step(2_000)
    w.lr.set_mode("observed")  # the mode that keeps a buffer of its own
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        for _ in range(100):  # 20,000 steps at 200 a frame
            c.step(200)
        w._on_playing(False)
        grown = tracemalloc.get_traced_memory()[0] - start
    finally:
        tracemalloc.stop()
    per_step = grown / (20_000 * 10)
    assert per_step < 100, per_step


def test_a_surface_switch_paints_the_map_at_once_and_the_blank_step_panels_a_frame_later(qtbot, make_window):
    """A switch restarts the race at step 0: its own turn of the event loop paints the new map; the loss
    and learning-rate panels, with nothing drawn yet, and the Surface dock (its new parameter rows) are
    painted in a later turn, so the window is blocked for about half as long at a time."""
    w = make_window(ten_racers(20_000))
    w.controller.step(2_000)
    qtbot.wait(50)
    painted: collections.Counter = collections.Counter()
    for name, view in (("map", w.contour), ("loss", w.loss.plot_widget), ("lr", w.lr.plot_widget)):
        view.scene().sigPrepareForPaint.connect(lambda name=name: painted.update([name]))
    dock = w.surface_dock

    class Watch(QtCore.QObject):
        def eventFilter(self, obj, event):  # noqa: N802 - Qt API
            if event.type() == QtCore.QEvent.Type.Paint:
                painted.update(["dock"])
            return False

    watch = Watch()
    dock.combo.installEventFilter(watch)
    w.controller.set_surface("beale")
    assert dock.combo.currentData() == "beale" and dock.param_fields == {}  # its contents at once...
    QtWidgets.QApplication.processEvents()
    assert painted["map"] >= 1
    assert painted["loss"] == 0 and painted["lr"] == 0 and painted["dock"] == 0  # ...painted a frame later
    qtbot.waitUntil(lambda: painted["loss"] >= 1 and painted["lr"] >= 1 and painted["dock"] >= 1, timeout=3000)
    assert w.loss.plot_widget.updatesEnabled() and w.lr.plot_widget.updatesEnabled() and dock.updatesEnabled()
    dock.combo.removeEventFilter(watch)
    assert w.loss.plot.vb.viewRange()[0] == [0, 10]  # the restarted race's step axis


def test_a_surface_switch_leaves_the_schedule_preview_alone(qtbot, make_window, monkeypatch):
    """The racer options editor draws each racer's lr schedule over the whole budget (a Python walk of
    every step): a switch, which changes neither, does not walk it again; a new schedule does, once."""
    import gui.docks.options_editor as options_editor

    walks = []
    real = options_editor.schedule_lrs
    monkeypatch.setattr(options_editor, "schedule_lrs", lambda *a, **k: walks.append(a) or real(*a, **k))
    w = make_window(ten_racers(200_000))
    walks.clear()
    for name in ("beale", "rosenbrock", "himmelblau"):
        w.controller.set_surface(name)
    assert walks == []
    editor = w.racers_dock.options_editor
    for _ in range(2):
        editor.set_racer({"schedule": "step"}, 1e-3, 1_000, None)
    assert len(walks) == 1
    assert "at step 1000" in editor.plot.plotItem.titleLabel.text


def test_switching_between_data_surfaces_keeps_the_data_panels_racer_lines(qtbot, make_window, monkeypatch):
    """The same racers on another data set: the Data panel moves their lines (it does not make them
    again), and a legend whose entries are the same is not laid out again."""
    from arena import load_preset

    w = make_window(load_preset("textbook"))
    c = w.controller
    c.set_surface("logistic_regression", {"n": 200})
    qtbot.waitUntil(lambda: not w.switching, timeout=5000)  # the switch draws its step panels and tables a frame later
    panel = w.data_panel
    lines = list(panel.lines)
    c.set_surface("linear_regression")
    qtbot.waitUntil(lambda: not w.switching, timeout=5000)
    c.step(5)
    assert panel.lines == lines and all(line.scene() is panel.plot.scene() for line in lines)
    assert len(panel.lines[0].getData()[0]) == 2  # ...drawn for the new data
    rebuilt = []
    real = panel.legend.set_entries
    monkeypatch.setattr(panel.legend, "set_entries", lambda entries: rebuilt.append(entries) or real(entries))
    c.set_surface("linear_regression", {"n": 50})
    assert rebuilt == []
    names = panel.legend.names()
    assert [r.name for r in c.config.racers] == names[: len(c.config.racers)]
    assert "true model" in names


def test_a_panels_curves_fold_on_different_frames(qtbot, make_window, monkeypatch):
    """Each curve folds its oldest points into its history every FOLD steps; the curves of a race
    do so at different phases, so at 100 steps a frame no frame folds them all (each fold re-sets
    an item: a frame that folded all 40 curves of 10 racers took twice as long as its neighbours)."""
    from gui.panels import growing_curve
    from gui.panels.growing_curve import FOLD, GrowingCurve

    w = make_window(ten_racers(100))
    folds: list[int] = []
    real = GrowingCurve._fold
    monkeypatch.setattr(GrowingCurve, "_fold", lambda self, count: folds.append(id(self)) or real(self, count))
    x = np.arange(20_000, dtype=float)
    y = np.cos(x / 300.0)
    curves = [GrowingCurve(w.loss.plot, None) for _ in range(40)]
    per_frame = []
    for n in range(100, 20_000, 100):
        folds.clear()
        for curve in curves:
            curve.update(x, y, n)
        per_frame.append(len(folds))
    assert sum(per_frame) >= 40 * (19_000 // FOLD - growing_curve.STAGGER)  # every curve folds every FOLD steps...
    assert max(per_frame) <= 40 // growing_curve.STAGGER + 10  # ...but only some of them in any one frame
    for curve in curves:
        curve.release()


def test_a_step_does_not_lay_out_the_windows_docks_again(qtbot, make_window, monkeypatch):
    """The status bar's "running · step N of M" changes every frame: its label keeps one size (as wide
    as its widest text for the budget), so the main window does not lay out its toolbar and docks again
    each frame (it did: a geometry animation for each of six docks and bars, every frame)."""
    from PySide6 import QtCore, QtWidgets

    import gui.main_window as mw

    monkeypatch.setattr(mw, "PREPARE_MS", 60_000)  # the Data panel made at idle: not during this test
    w = make_window(ten_racers(20_000))
    qtbot.waitExposed(w)
    c = w.controller
    label = w.race_status
    size = label.size()
    moves = []

    class Watch(QtCore.QObject):
        def eventFilter(self, obj, event):  # noqa: N802 - Qt API
            if isinstance(obj, QtCore.QPropertyAnimation) and event.type() == QtCore.QEvent.Type.DeferredDelete:
                moves.append(obj)  # a dock or bar moved: one animation each, deleted once done
            return False

    watch = Watch()
    app = QtWidgets.QApplication.instance()
    app.installEventFilter(watch)
    w._on_playing(True)  # what play tells the window
    try:
        settled = -1
        for n in [1, 8, 90, 900] + [1000] * 16:  # 20 frames; the step count grows from one digit to five
            c.step(n)
            w._show_race_status()
            qtbot.wait(5)
            if c.race.steps == 99:  # the race's first frames lay the window out (its bars and table fill)
                settled = len(moves)
            text = label.text()
            assert label.fontMetrics().horizontalAdvance(text) <= label.contentsRect().width(), text
    finally:
        w._on_playing(False)
        app.removeEventFilter(watch)
    assert label.size() == size
    assert len(moves) == settled  # 17 frames, from 3 digits to 5: not one move
    assert "step 16999 of 20000" in label.text()


def _panel_frames(qtbot, w, frames: int, steps: int = 100):
    """Play ``frames`` frames of ``steps`` steps (as the play timer would, each followed by the window's
    paints): for each, the step panels that laid out new points and those whose view painted."""
    from PySide6 import QtCore

    painted: set[str] = set()
    panels = {"loss": w.loss, "lr": w.lr}

    class Watch(QtCore.QObject):
        def eventFilter(self, obj, event):  # noqa: N802 - Qt API
            if event.type() == QtCore.QEvent.Type.Paint:
                painted.add(obj.objectName())
            return False

    watch = Watch()
    for name, panel in panels.items():
        panel.plot_widget.viewport().setObjectName(name)
        panel.plot_widget.viewport().installEventFilter(watch)
    shown = lambda panel: [curve.tail.xData[-1] for curve, _batch in panel.curves[:1]]  # noqa: E731
    rows = []
    for k in range(frames):
        before = {name: (shown(p), p.marker.value()) for name, p in panels.items()}
        painted.clear()
        w.controller.step(steps)
        if k:  # the window paints what the frame asked for (from the second frame on, one panel each time)
            qtbot.waitUntil(lambda: bool(painted), timeout=5000)
        qtbot.wait(10)
        laid = {name for name, p in panels.items() if (shown(p), p.marker.value()) != before[name]}
        rows.append((laid, set(painted)))
    for panel in panels.values():
        panel.plot_widget.viewport().removeEventFilter(watch)
    return rows


def test_the_step_panels_lay_out_and_paint_on_different_frames(qtbot, make_window, monkeypatch):
    """While playing, a frame lays out one step panel's curves (its view held from painting) and paints
    the other's, laid out the frame before: each frame carries one panel's layout and one paint, not
    both of the same panel (frames alternated between the learning-rate panel's layout and paint, the
    heavier, and the loss panel's, and the slowest frames took twice the median)."""
    import gui.main_window as mw

    monkeypatch.setattr(mw, "PREPARE_MS", 60_000)  # the Data panel made at idle: not during this test
    w = make_window(ten_racers(20_000))
    qtbot.waitExposed(w)
    w.controller.step(1)
    qtbot.wait(30)
    w._on_playing(True)  # what play tells the window
    try:
        rows = _panel_frames(qtbot, w, 12)
    finally:
        w._on_playing(False)
    for k, (laid, painted) in enumerate(rows[1:], 1):
        assert len(laid) == 1 and not laid & painted, rows  # one layout a frame, painted the frame after
        assert painted == rows[k - 1][0], rows
    assert {name for laid, _ in rows for name in laid} == {"loss", "lr"}


def test_a_paused_race_shows_its_last_step_in_both_step_panels(qtbot, make_window):
    """Pause: what a panel kept while taking turns is laid out and both views paint again."""
    w = make_window(ten_racers(20_000))
    qtbot.waitExposed(w)
    c = w.controller
    c.set_speed(50)
    c.play()
    qtbot.waitUntil(lambda: c.race.steps >= 500, timeout=10_000)
    c.pause()
    last = c.race.steps
    for panel in (w.loss, w.lr):
        assert panel.plot_widget.viewport().updatesEnabled()
        assert not panel.deferring and not panel.holding
        assert panel.marker.value() == last
        for group in panel.curves:
            assert group[0].shown == last + 1


def test_an_export_while_playing_draws_the_last_step(qtbot, make_window, tmp_path):
    """A panel exported on a frame it only paints shows the race's last step (the render lays out
    what the panel kept), not the frame before's."""
    from gui.export.panels import export_panel

    w = make_window(ten_racers(20_000))
    qtbot.waitExposed(w)
    c = w.controller
    c.step(1)
    w._on_playing(True)
    try:
        for _ in range(4):
            c.step(100)
            if w.loss.deferring:
                break
        assert w.loss.deferring and w.loss.curves[0][0].shown < c.race.steps + 1
        export_panel(w, "loss", tmp_path / "loss.svg")
        assert w.loss.curves[0][0].shown == c.race.steps + 1
        assert w.loss.marker.value() == c.race.steps
    finally:
        w._on_playing(False)


def _pixels(widget):
    """The widget as painted now: an (h, w, 3) array of its RGB values."""
    from PySide6 import QtGui

    image = widget.grab().toImage().convertToFormat(QtGui.QImage.Format.Format_RGB32)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    return rows[:, : 4 * image.width()].reshape(image.height(), image.width(), 4)[..., :3].astype(int)


def _mixed_racers(steps):
    """Ten optimizers (flat, smooth and spiky curves; dashed racers and dotted parameters)."""
    names = ["adam", "sgd", "momentum", "rmsprop", "adagrad", "nadam", "radam", "adamax", "amsgrad", "adadelta"]
    racers = [RacerConfig(name, {}, name, PALETTE[i]) for i, name in enumerate(names)]
    return RaceConfig("rosenbrock", {}, (-1.5, 2.0), steps, None, 0, racers)


def test_a_playing_step_panel_strokes_only_what_its_curves_grew(qtbot, make_window):
    """A step panel draws its curves from an image: while playing each paint extends it by the pixel
    columns the curves grew into (it stroked every curve in full each paint: 6-13 ms for 10 racers), and
    the picture is the one a full paint draws. Paused, the panel is drawn in full at its final range, and
    the Inspector's marker moving over it strokes nothing."""
    w = make_window(_mixed_racers(5_000))
    qtbot.waitExposed(w)
    c = w.controller
    c.step(200)
    w._on_playing(True)
    try:
        for panel in (w.loss, w.lr):
            panel.paint_every = 1  # every frame lays out and paints (no turns: each paint is checked)
        drawn = {panel: [] for panel in (w.loss, w.lr)}
        start = {panel: panel.cache.full_draws for panel in drawn}
        for _ in range(30):
            c.step(1)
            for panel, segments in drawn.items():
                before = panel.cache.segments
                panel.plot_widget.grab()  # a paint of the view (as the window's would)
                segments.append(panel.cache.segments - before)
        for panel, segments in drawn.items():
            cache = panel.cache
            # the first paint at the axis's new range, then bands
            assert cache.full_draws - start[panel] == 1 and cache.band_draws >= 29, type(panel).__name__
            # a band paint strokes the segments (dashes) of a few pixel columns, not the 200+ steps of each curve
            assert max(segments[1:]) < segments[0] / 5, (type(panel).__name__, segments)
            banded = _pixels(panel.plot_widget)
            cache.invalidate()  # the same view drawn in full
            full = _pixels(panel.plot_widget)
            off = np.abs(banded - full).max(axis=2) > 64
            assert off.sum() <= 0.0005 * off.size, (type(panel).__name__, off.sum())  # antialiasing at a seam
            assert (np.abs(full - 255).max(axis=2) > 64).sum() > 2000  # ...and there are curves to compare
    finally:
        w._on_playing(False)
    for panel in (w.loss, w.lr):
        full = panel.cache.full_draws
        ink = _pixels(panel.plot_widget)  # the step axis ends at the last step: drawn in full
        assert panel.cache.full_draws == full + 1
        assert (np.abs(ink - 255).max(axis=2) > 64).sum() > 2000
        panel.cache.set_active(False)  # what the curves paint themselves
        own = _pixels(panel.plot_widget)
        panel.cache.set_active(True)
        off = np.abs(ink - own).max(axis=2) > 64
        assert off.sum() <= 0.0005 * off.size, (type(panel).__name__, off.sum())
        _pixels(panel.plot_widget)  # (drawn in full again: the cache was turned off and on)
        strokes, draws = panel.cache.segments, panel.cache.full_draws + panel.cache.band_draws
        for step in (20, 90, 150):  # the Inspector looks at earlier steps
            panel.set_inspected_step(step)
            marked = _pixels(panel.plot_widget)
        assert panel.cache.segments == strokes and panel.cache.full_draws + panel.cache.band_draws == draws
        assert np.abs(marked - ink).max() > 64  # (the marker is drawn)


def test_a_playing_step_panel_draws_everything_again_when_its_curves_change(qtbot, make_window):
    """A mode change or a hidden racer while playing: the cached picture is drawn again in full, with
    nothing left of the curves as they were."""
    w = make_window(_mixed_racers(5_000))
    qtbot.waitExposed(w)
    c = w.controller
    c.step(300)
    w._on_playing(True)
    try:
        w.lr.paint_every = 1
        c.step(1)
        w.lr.plot_widget.grab()
        full = w.lr.cache.full_draws
        w.lr.set_mode("observed")
        w.lr.redraw(c.race.runners)
        c.step(1)
        w.lr.plot_widget.grab()
        assert w.lr.cache.full_draws == full + 1
        shown = _pixels(w.lr.plot_widget)
        w.lr.cache.set_active(False)  # what the curves paint themselves
        assert np.abs(shown - _pixels(w.lr.plot_widget)).max() <= 8
        w.lr.cache.set_active(True)
        c.set_racer_visible(0, False)
        c.step(1)
        w.lr.plot_widget.grab()
        assert w.lr.cache.full_draws == full + 2
    finally:
        w._on_playing(False)


def test_the_maps_racer_heads_and_minima_cost_little_to_paint(qtbot, make_window, monkeypatch):
    """Each frame moves the ten racer heads over the map: the scene asks each for its bounding rectangle
    a few times, which pyqtgraph computes anew each time (~50 us); a head keeps it while its spot and the
    view's scale stay (and gives pyqtgraph's own after a zoom). The minima stars are kept as pixmaps."""
    import pyqtgraph as pg
    from PySide6 import QtWidgets

    w = make_window(ten_racers(20_000))
    qtbot.waitExposed(w)
    c = w.controller
    c.step(10)
    w.contour.grab()
    asked = []
    padding = pg.ScatterPlotItem.pixelPadding  # what each computation of the rectangle asks for first

    def counted(self):
        asked.append(self)
        return padding(self)

    monkeypatch.setattr(pg.ScatterPlotItem, "pixelPadding", counted)
    for _ in range(3):
        c.step(5)
        qtbot.wait(30)  # the window's paint
    heads = [item for item in asked if item in w.contour.heads]
    assert len(heads) <= len(w.contour.heads), len(heads)  # (was ~25 a frame)
    w.contour.plotItem.vb.scaleBy((0.5, 0.5))  # zoomed in: each head's own rectangle again
    c.step(1)
    w.contour.grab()
    for head in w.contour.heads:
        assert head.boundingRect() == pg.ScatterPlotItem.boundingRect(head)
    cache = QtWidgets.QGraphicsItem.CacheMode.DeviceCoordinateCache
    assert w.contour.minima_global.cacheMode() == cache and w.contour.minima_local.cacheMode() == cache


def test_while_playing_the_leaderboard_refreshes_after_its_frames_paint(qtbot, make_window, monkeypatch):
    """A leaderboard refresh (~3 ms) waits until the frame's map and panels are painted: it uses the time
    left before the next frame instead of delaying this one's (it ran inside the frame's tick)."""
    from PySide6 import QtCore

    w = make_window(ten_racers(50_000))
    qtbot.waitExposed(w)
    c = w.controller
    events: list[str] = []

    class Watch(QtCore.QObject):
        def eventFilter(self, obj, event):  # noqa: N802 - Qt API
            if event.type() == QtCore.QEvent.Type.Paint:
                events.append("paint")
            return False

    watch = Watch()
    w.contour.viewport().installEventFilter(watch)
    real_tick, real_refresh = c.tick, w.race_dock.refresh
    monkeypatch.setattr(c, "tick", lambda: events.append("tick") or real_tick())
    monkeypatch.setattr(w.race_dock, "refresh", lambda: events.append("refresh") or real_refresh())
    c.timer.timeout.disconnect()
    c.timer.timeout.connect(c.tick)
    c.set_speed(20)
    c.play()
    try:
        qtbot.waitUntil(lambda: events.count("refresh") >= 3, timeout=10_000)
    finally:
        c.pause()
        w.contour.viewport().removeEventFilter(watch)
    playing = events[: len(events) - 1]  # (the pause refreshes at once)
    refreshes = [i for i, e in enumerate(playing) if e == "refresh" and "tick" in playing[:i]]
    assert len(refreshes) >= 2
    for i in refreshes:
        since_tick = playing[max(j for j in range(i) if playing[j] == "tick") : i]
        assert "paint" in since_tick, playing  # the frame was painted first

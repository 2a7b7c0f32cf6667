"""The panels a newcomer meets: legends beside the curves, step axes from 0, one log label
format, a map that fills its view, parameter names on data-fit maps, bounded frame cost."""

import math

import numpy as np
import pytest
from PySide6 import QtCore

from arena import PALETTE, RaceConfig, RacerConfig, load_preset
from gui.panels.growing_curve import ITEMS_MAX, POINTS_MAX, GrowingCurve, dash_pieces, is_scribble, thin
from gui.panels.log_axis import format_log_ticks


def ten_racers(steps=30_000, surface="rosenbrock", start=(-1.5, 2.0)):
    racers = [RacerConfig("sgd", {"lr": 1e-4 * (i + 1)}, f"sgd {i}", PALETTE[i]) for i in range(10)]
    return RaceConfig(surface, {}, start, steps, None, 0, racers)


def settle(qtbot, w):
    w.resize(1400, 900)
    qtbot.wait(50)


def legends(w):
    return [w.contour.legend, w.loss.legend]


def test_legends_sit_outside_the_plot_areas(qtbot, make_window):
    w = make_window(ten_racers())
    settle(qtbot, w)
    w.controller.step(200)
    qtbot.wait(20)
    for legend, plot in (
        (w.contour.legend, w.contour.plotItem),
        (w.loss.legend, w.loss.plot),
        (w.lr.legend, w.lr.plot),
    ):
        view = plot.vb.sceneBoundingRect()
        assert legend.items
        for sample, label in legend.items:
            for item in (sample, label):
                assert not item.sceneBoundingRect().intersects(view), (legend, label.text)
    assert len(w.contour.legend.items) == 10 and len(w.loss.legend.items) == 10


def test_a_hidden_racer_leaves_every_legend(qtbot, make_window):
    w = make_window(load_preset("textbook"))
    name = w.controller.config.racers[1].name
    assert all(name in lg.names() for lg in legends(w))
    w.controller.set_racer_visible(1, False)
    assert all(name not in lg.names() for lg in legends(w))
    w.controller.reset()
    assert all(name not in lg.names() for lg in legends(w))
    w.controller.set_racer_visible(1, True)
    assert all(lg.names()[1] == name for lg in legends(w))


def test_racer_lines_are_dashed_from_the_seventh_colour(qtbot, make_window):
    w = make_window(ten_racers())
    w.controller.step(5)
    styles = [p.pen.style() for p in w.contour.paths]
    assert styles[:6] == [QtCore.Qt.PenStyle.SolidLine] * 6
    assert styles[6:] == [QtCore.Qt.PenStyle.DashLine] * 4


def test_step_axes_start_at_zero_at_launch_and_after_reset(qtbot, window):
    for plot in (window.loss.plot, window.lr.plot):
        lo, hi = plot.vb.viewRange()[0]
        assert lo == 0 and hi > 0
        assert not plot.getAxis("bottom").autoSIPrefix
    window.controller.step(400)
    steps = window.controller.race.steps
    assert steps >= 20 and window.loss.plot.vb.viewRange()[0] == [0, steps]
    window.controller.reset()
    for plot in (window.loss.plot, window.lr.plot):
        lo, hi = plot.vb.viewRange()[0]
        assert lo == 0 and 0 < hi <= 10


def test_log_axis_labels_once_in_one_format(qtbot, window):
    assert format_log_ticks([math.log10(v) for v in (1e-5, 1e-4, 0.1)]) == ["10⁻⁵", "10⁻⁴", "10⁻¹"]
    assert format_log_ticks([math.log10(v) for v in (0.01, 0.02, 0.1, 1, 10)]) == ["0.01", "0.02", "0.1", "1", "10"]
    window.controller.step(30)
    axis = window.loss.plot.getAxis("left")
    lo, hi = axis.range
    levels = axis.tickValues(lo, hi, 300)
    values = [round(float(v), 6) for _, vs in levels for v in vs]
    assert len(values) == len(set(values))  # no tick drawn twice
    labels = [s for _, vs in levels for s in axis.tickStrings(list(vs), 1.0, 1.0) if s]
    powers = [("10" in s and any(c in s for c in "⁰¹²³⁴⁵⁶⁷⁸⁹")) for s in labels]
    assert labels and (all(powers) or not any(powers))


def _covers(field, rect):
    x0, x1, y0, y1 = field.extent
    return x0 <= rect.left() and x1 >= rect.right() and y0 <= rect.top() and y1 >= rect.bottom()


def test_the_map_is_sampled_over_its_whole_view(qtbot, make_window):
    w = make_window(load_preset("textbook"))
    settle(qtbot, w)
    vb = w.contour.plotItem.vb
    qtbot.waitUntil(lambda: _covers(w.contour.view_field, vb.viewRect()), timeout=3000)
    vb.scaleBy((3, 3))  # zoom out
    qtbot.waitUntil(lambda: _covers(w.contour.view_field, vb.viewRect()), timeout=3000)
    vb.translateBy(x=7, y=-4)  # pan
    qtbot.waitUntil(lambda: _covers(w.contour.view_field, vb.viewRect()), timeout=3000)
    assert np.isfinite(w.contour.view_field.shade).all()
    vb.scaleBy((100, 100))  # zoom-out is limited
    qtbot.wait(20)
    (x0, x1), _ = w.contour.surface.domain
    assert vb.viewRect().width() <= 10 * max(x1 - x0, 10) + 1e-6


def test_data_fit_maps_name_their_parameters(qtbot, window):
    window.controller.set_surface("linear_regression")
    assert "b₀" in window.contour.plotItem.getAxis("bottom").labelText
    assert "b₁" in window.contour.plotItem.getAxis("left").labelText
    window.controller.set_surface("logistic_regression")
    assert "w₁" in window.contour.plotItem.getAxis("bottom").labelText
    window.controller.set_surface("rosenbrock")
    assert window.contour.plotItem.getAxis("bottom").labelText == "x"


def test_curve_display_cost_is_bounded_and_data_exact(qtbot, make_window):
    w = make_window(ten_racers(60_000))
    c = w.controller
    c.step(7_919)
    items = {id(i) for p in w.contour.paths for i in p.all_items()}
    for _ in range(5):
        c.step(7_919)
    for _ in range(40):  # frames after the catch-ups: no new items, a bounded number of points
        c.step(50)
    runner = c.race.runners[0]
    n = runner.steps + 1
    for curve in [*w.contour.paths, *(g[0] for g in w.loss.curves), *(k for g in w.lr.curves for k in g)]:
        assert len(curve.all_items()) <= ITEMS_MAX
        assert curve.points_drawn() <= POINTS_MAX
    assert {id(i) for p in w.contour.paths for i in p.all_items()} == items  # the same items, reused
    x, y = w.contour.paths[0].data()
    assert len(x) == n and np.array_equal(x, runner.positions[:n, 0, 0])
    steps, loss = w.loss.curves[0][0].data()
    assert np.array_equal(steps, np.arange(n)) and np.array_equal(loss, w.loss.transform(runner.losses[:n, 0]))


def test_decimated_history_keeps_the_envelope(qtbot, make_window):
    w = make_window(load_preset("textbook"))
    plot = w.loss.plot
    x = np.arange(20_000, dtype=float)
    y = np.sin(x / 50.0) * np.exp(-x / 8000)
    curve = GrowingCurve(plot, None)
    for n in range(1, len(x) + 1, 777):
        curve.update(x, y, n)
    curve.update(x, y, len(x))
    xs = np.concatenate([i.xData for i in curve.all_items()])
    ys = np.concatenate([i.yData for i in curve.all_items()])
    assert curve.points_drawn() < 4000
    assert xs.min() == 0 and xs.max() == x[-1]
    assert abs(ys.max() - y.max()) < 1e-12 and abs(ys.min() - y.min()) < 1e-12
    curve.release()


def test_a_tail_is_decimated_only_where_a_bucket_would_drop_points(qtbot, make_window):
    """A step panel's tail (x increasing) at up to 4 points per pixel keeps every point (a bucket of
    4 keeps its first, last, lowest and highest: all of them); from 5 it keeps each bucket's
    envelope, the same points as a full sort of the picks would."""
    from gui.panels.growing_curve import TAIL_BUCKET_MIN, decimate

    w = make_window(load_preset("textbook"))
    x = np.arange(600, dtype=float)
    y = np.cos(x / 7.0) + 0.1 * np.sin(x * 3.1)
    y[[50, 51, 300]] = np.nan
    curve = GrowingCurve(w.loss.plot, None)
    curve.update(x, y, 600, stride=TAIL_BUCKET_MIN)
    assert np.array_equal(curve.tail.yData, y, equal_nan=True)
    curve.update(x, y, 300)  # shrinks: drawn again
    curve.update(x, y, 600, stride=8)
    tx, ty = curve.tail.xData, curve.tail.yData
    assert len(tx) < 600 and np.array_equal(ty, y[tx.astype(int)], equal_nan=True)
    assert np.isnan(ty).sum() == 2  # a gap stays a gap: one NaN per bucket that has any (50 and 51 share one)
    for lo in range(0, 600, 8):  # every bucket's extremes are kept
        bucket = y[lo : lo + 8]
        kept = ty[(tx >= lo) & (tx < lo + 8)]
        assert np.nanmax(kept) == np.nanmax(bucket) and np.nanmin(kept) == np.nanmin(bucket)
    dx, dy = decimate(x, y, 8)
    assert np.array_equal(dx, tx) and np.array_equal(dy, ty, equal_nan=True)
    curve.release()


def test_runs_of_equal_values_are_drawn_as_one_segment_and_nothing_else_is_dropped(qtbot, make_window):
    """A constant learning rate (SGD's) is drawn as its ends, not a segment per step; a point off
    the segment between its neighbours (a path doubling back at the same height) stays."""
    from gui.panels.growing_curve import drop_flat

    w = make_window(load_preset("textbook"))
    x = np.arange(300, dtype=float)
    y = np.full(300, 0.01)
    y[100:150] = np.linspace(0.01, 0.5, 50)
    curve = GrowingCurve(w.loss.plot, None)
    curve.update(x, y, 300)
    tx, ty = curve.tail.xData, curve.tail.yData
    assert len(tx) == 2 + 50 + 1  # the flat start's two ends, the ramp, the flat end's last point
    assert tx[0] == 0 and tx[-1] == 299 and np.all(np.diff(tx) > 0)
    assert np.interp(x, tx, ty).tolist() == pytest.approx(y.tolist())  # the same line
    dx, dy = curve.data()
    assert np.array_equal(dx, x) and np.array_equal(dy, y)  # what exports read: every point
    curve.release()
    # a path at one height that turns back: its turns stay (only a repeated point on the way goes)
    px, py = np.array([0.0, 2.0, 1.0, 3.0, 3.0, 3.0]), np.array([0.0, 0.0, 0.0, 0.0, 0.0, np.nan])
    kx, ky = drop_flat(px, py)
    assert kx.tolist() == [0.0, 2.0, 1.0, 3.0, 3.0] and np.isnan(ky[-1])
    kx, ky = drop_flat(np.array([0.0, 1.0, 2.0, 3.0]), np.array([5.0, 5.0, 5.0, 5.0]))
    assert kx.tolist() == [0.0, 3.0] and ky.tolist() == [5.0, 5.0]


def test_playing_frames_make_no_new_plot_items(qtbot, make_window):
    w = make_window(ten_racers(60_000))
    c = w.controller
    c.step(5_000)  # every curve has folded into its history at least once
    scenes = [w.contour.plotItem.scene(), w.loss.plot.scene(), w.lr.plot.scene()]
    before = [len(scene.items()) for scene in scenes]
    w._on_playing(True)
    for _ in range(60):  # 3,000 steps at 50 per frame: a dozen folds per curve
        c.step(50)
    w._on_playing(False)
    assert [len(scene.items()) for scene in scenes] == before


def test_removing_a_racer_keeps_the_others_drawn_items(qtbot, make_window):
    w = make_window(ten_racers(60_000))
    c = w.controller
    c.step(3_000)

    def items(panel_curves):
        return [[id(i) for i in curve.all_items()] for curve in panel_curves]

    kept = [i for i in range(10) if i != 3]
    paths = items(w.contour.paths)
    loss = items(g[0] for g in w.loss.curves)
    lr = items(k for g in w.lr.curves for k in g)
    map_items = len(w.contour.plotItem.scene().items())
    c.remove_racer(3)
    assert items(w.contour.paths) == [paths[i] for i in kept]
    assert items(g[0] for g in w.loss.curves) == [loss[i] for i in kept]
    assert items(k for g in w.lr.curves for k in g) == [lr[2 * i + j] for i in kept for j in (0, 1)]
    assert len(w.contour.plotItem.scene().items()) < map_items  # its path and head left the map
    assert w.contour.legend.names() == [r.name for r in c.config.racers]
    assert w.loss.legend.names() == [r.name for r in c.config.racers]
    c.step(10)
    assert all(len(p.data()[0]) == 3_011 for p in w.contour.paths)


def test_map_paths_are_thinned_along_their_length_within_half_a_pixel():
    rng = np.random.default_rng(1)
    x, y = np.cumsum(rng.normal(size=(2, 5_000)) * [[0.002], [0.005]], axis=1)  # ~0.2 px a step
    x[2_000] = np.nan  # a gap
    px, py = 0.01, 0.03  # data units per pixel
    tx, ty = thin(x, y, px, py, 0.5)
    assert len(tx) < len(x) / 2
    assert (tx[0], ty[0], tx[-1], ty[-1]) == (x[0], y[0], x[-1], y[-1])
    assert np.isnan(tx).sum() == 1  # the gap stays a gap
    # every full-resolution point lies within half a pixel of the thinned line
    kx, ky = tx / px, ty / py
    ax, ay, bx, by = kx[:-1], ky[:-1], kx[1:], ky[1:]
    ok = np.isfinite(ax + ay + bx + by)
    ax, ay, bx, by = ax[ok], ay[ok], bx[ok], by[ok]
    for qx, qy in zip(x[::7] / px, y[::7] / py):
        if not np.isfinite(qx):
            continue
        dx, dy = bx - ax, by - ay
        t = np.clip(((qx - ax) * dx + (qy - ay) * dy) / np.maximum(dx * dx + dy * dy, 1e-12), 0, 1)
        assert np.hypot(ax + t * dx - qx, ay + t * dy - qy).min() <= 0.5 + 1e-9


def test_dashes_are_laid_along_the_curve_in_pixels():
    x = np.linspace(0, 100, 1_001)
    y = np.where(x < 50, 0.0, x - 50)  # flat, then rising at 45 degrees
    y[600] = np.nan
    px, py = dash_pieces(x, y, 2.0, 2.0, [8.0, 4.0])  # 2 px per unit, 8 px on, 4 px off
    assert len(px) % 2 == 0 and np.isfinite(px).all() and np.isfinite(py).all()
    on = np.hypot(np.diff(px)[::2], np.diff(py)[::2]) * 2.0
    total = 100 * 2.0 + 50 * 2.0 * (np.sqrt(2) - 1) - 2 * 2.0 * np.sqrt(2)  # minus the gap's two steps
    assert abs(on.sum() / total - 8 / 12) < 0.02
    assert on.max() <= 8.0 + 1e-9  # no piece longer than a dash
    # every piece lies on the curve, none inside the gap
    mid_x, mid_y = (px[::2] + px[1::2]) / 2, (py[::2] + py[1::2]) / 2
    assert np.allclose(mid_y, np.where(mid_x < 50, 0.0, mid_x - 50))
    assert not ((mid_x > x[599]) & (mid_x < x[601])).any()


def test_a_dash_layout_extended_where_a_curve_grew_is_the_layout_of_the_whole_curve():
    """A tail grows at its end every frame: its dashes are laid out for the new part only, the
    pattern carried on, and come out as laying out the whole curve would (gaps and changed ends too)."""
    from gui.panels.growing_curve import dash_layout, extend_dash_layout

    rng = np.random.default_rng(7)
    extended = 0
    for trial in range(200):
        n = int(rng.integers(3, 600))
        m = int(rng.integers(2, n + 1))
        x, y = np.cumsum(rng.random(n)), np.cumsum(rng.normal(size=n))
        if trial % 3 == 0:
            y[rng.integers(0, n, 3)] = np.nan
        ox, oy = x[:m].copy(), y[:m].copy()
        if trial % 5 == 0:
            oy[-1] += 1.0  # the old last point was not final (a bucket still filling)
        pattern = [float(rng.integers(1, 8)), float(rng.integers(1, 8))]
        sx, sy = float(rng.uniform(0.5, 20)), float(rng.uniform(0.5, 20))
        full = dash_layout(x, y, sx, sy, pattern)
        grown = extend_dash_layout(dash_layout(ox, oy, sx, sy, pattern), ox, oy, x, y, sx, sy, pattern)
        if grown is None:
            continue
        extended += 1
        assert len(grown.px) == len(full.px)
        assert np.allclose(grown.px, full.px, atol=1e-9) and np.allclose(grown.py, full.py, atol=1e-9)
    assert extended > 150
    a = dash_layout(np.arange(5.0), np.zeros(5), 1.0, 1.0, [2.0, 1.0])
    moved = np.arange(1.0, 6.0)  # not the same first points: laid out anew
    assert extend_dash_layout(a, np.arange(5.0), np.zeros(5), moved, np.zeros(5), 1.0, 1.0, [2.0, 1.0]) is None


def test_a_growing_dotted_curve_draws_the_dashes_of_the_whole_curve(qtbot, make_window, monkeypatch):
    """On screen: an item whose data grew between paints draws what a new item with all of it draws."""
    from gui.panels import growing_curve
    from gui.panels.growing_curve import FastCurve
    from gui.panels.racer_legend import racer_pen

    extended = []
    real = growing_curve.extend_dash_layout
    monkeypatch.setattr(growing_curve, "extend_dash_layout", lambda *a: extended.append(real(*a)) or extended[-1])

    w = make_window(load_preset("textbook"))
    plot = w.lr.plot
    pen = racer_pen(PALETTE[0], 2)
    pen.setStyle(QtCore.Qt.PenStyle.DotLine)
    x = np.arange(400, dtype=float)
    y = 0.5 + 0.3 * np.sin(x / 17.0)
    grown, fresh = FastCurve(pen), FastCurve(pen)
    for item in (grown, fresh):
        plot.addItem(item)
    plot.vb.setRange(xRange=(0, 400), yRange=(0, 1), padding=0)
    grown.setData(x[:250], y[:250])
    w.lr.plot_widget.grab()  # painted: laid out for 250 points
    first = grown._dash
    grown.setData(x, y)
    fresh.setData(x, y)
    w.lr.plot_widget.grab()
    assert first is not None and len(extended) == 1 and grown._dash is extended[0]  # only the new part laid out
    assert len(grown._dash.px) == len(fresh._dash.px) > len(first.px)
    assert np.allclose(grown._dash.px, fresh._dash.px) and np.allclose(grown._dash.py, fresh._dash.py)
    for item in (grown, fresh):
        plot.removeItem(item)


def test_step_axes_jump_ahead_while_playing_and_end_at_the_last_step(qtbot, make_window):
    w = make_window(ten_racers(60_000))
    c = w.controller
    w._on_playing(True)  # what the controller's play tells the window
    ranges = set()
    for _ in range(40):
        c.step(50)
        w.loss.flush()  # what painting the panel does (while playing it skips every other frame)
        hi = w.loss.plot.vb.viewRange()[0][1]
        assert c.race.steps <= hi <= 2.5 * c.race.steps + 10  # ahead, to a round number (1, 2, 5 x 10^k)
        ranges.add(hi)
    assert len(ranges) <= 6  # steps 50 to 2,000: a few jumps (100, 200, 500, ...), not every frame
    steps, lr = w.lr.curves[0][0].data()  # kept frames are drawn before anyone reads them
    assert len(steps) == c.race.steps + 1
    w._on_playing(False)
    for plot in (w.loss.plot, w.lr.plot):
        assert plot.vb.viewRange()[0] == [0, c.race.steps]
    assert w.lr.marker.value() == c.race.steps


def test_only_curves_folded_over_themselves_are_drawn_as_scribbles():
    x = np.arange(1_000, dtype=float)
    noisy = np.random.default_rng(0).uniform(-1, 1, 1_000)
    assert is_scribble(x, noisy, 0.5, 100.0)  # 500 px wide, 200 px tall, crossing it 1,000 times
    assert not is_scribble(x, np.exp(-x / 100), 0.5, 100.0)  # a smooth decay
    assert not is_scribble(x, np.sin(x / 40), 0.5, 100.0)  # a few waves


def test_the_y_axes_hold_still_while_playing_and_fit_the_curves_when_paused(qtbot, make_window):
    w = make_window(ten_racers(60_000))
    c = w.controller
    w._on_playing(True)
    ranges = []
    for _ in range(60):
        c.step(50)
        for panel in (w.loss, w.lr):
            panel.flush()
            lo, hi = panel._y_bounds()
            y0, y1 = panel.plot.vb.viewRange()[1]
            assert y0 <= lo and hi <= y1  # every curve drawn stays in view
        ranges.append(tuple(w.loss.plot.vb.viewRange()[1]))
    assert len(set(ranges)) <= 20  # 60 frames: the range moved in jumps, not every frame
    w._on_playing(False)
    qtbot.wait(50)
    for panel in (w.loss, w.lr):
        lo, hi = panel._y_bounds()
        y0, y1 = panel.plot.vb.viewRange()[1]
        assert y0 <= lo and hi <= y1 and (y1 - y0) < 1.5 * (hi - lo)  # fitted again, with pyqtgraph's padding


def test_a_long_races_curves_keep_a_few_points_per_pixel_column(qtbot, make_window):
    """At a million steps a pixel column of a step panel holds thousands of steps: the tail (1,000
    steps, under a column) and every fold into the history keep each column's envelope, not all their
    points (a bucket's remainder and a tail under two columns were kept whole: ~1,000 points a curve
    stroked on every paint)."""
    from gui.panels.growing_curve import FOLD, decimate

    x = np.arange(19_969, dtype=float)
    y = np.random.default_rng(1).normal(size=len(x))
    y[5:19_969:997] = np.nan
    dx, dy = decimate(x, y, 1_967)  # 10 whole buckets and a partial one of 299 points
    assert len(dx) <= 6 * 11
    assert np.nanmax(dy) == np.nanmax(y) and np.nanmin(dy) == np.nanmin(y)
    assert np.nanmax(dy[dx >= 19_670]) == np.nanmax(y[19_670:])  # the partial bucket's extremes too
    assert np.isnan(dy).sum() == 11  # and its gap

    w = make_window(load_preset("textbook"))
    x = np.arange(1_000_000, dtype=float)
    y = np.cos(x / 3.7) * np.exp(-x / 4e5)
    curve = GrowingCurve(w.loss.plot, None)
    curve.update(x, y, 990_000, stride=2_000)
    for n in range(990_001, 990_000 + 3 * FOLD):  # one step a frame: folds of FOLD steps
        curve.update(x, y, n, stride=2_000)
    hx = curve.history.xData
    assert (hx > 990_000).sum() <= 3 * 6 * 4  # each fold: four buckets of its 512 steps (under a column)
    tx, ty = curve.tail.xData, curve.tail.yData
    lo = curve.tail_start
    assert len(tx) <= 6 * 5 < curve.shown - lo
    assert ty.max() == y[lo : curve.shown].max() and ty.min() == y[lo : curve.shown].min()
    ex, ey = curve.data()
    assert len(ex) == curve.shown and np.array_equal(ey, y[: curve.shown])  # the data stay exact
    curve.release()

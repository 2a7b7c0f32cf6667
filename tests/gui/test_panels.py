"""The panels a newcomer meets: legends beside the curves, step axes from 0, one log label
format, a map that fills its view, parameter names on data-fit maps, bounded frame cost."""

import math

import numpy as np
from PySide6 import QtCore

from arena import PALETTE, RaceConfig, RacerConfig, load_preset
from gui.panels.growing_curve import ITEMS_MAX, POINTS_MAX, GrowingCurve
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

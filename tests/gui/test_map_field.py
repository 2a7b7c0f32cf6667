"""The map is shaded and contoured over everything its view shows, also beyond the surface's
domain (zoomed out, or the wide margins of an elongated domain), and zoom-out is limited."""

import numpy as np
import pytest

from arena import load_preset
from gui.panels.contour_panel import ZOOM_OUT
from gui.panels.surface_field import MAX_LEVELS, compute_field, grid_size
from surfaces import get_surface

SURFACES = ["elongated_bowl", "linear_regression", "logistic_regression", "saddle", "rosenbrock"]


def outside(field, domain):
    """Mask of the field's samples (rows along y) that lie outside ``domain``."""
    (x0, x1), (y0, y1) = domain
    xs, ys = np.meshgrid(field.x, field.y)
    return (xs < x0) | (xs > x1) | (ys < y0) | (ys > y1)


@pytest.mark.parametrize("name", SURFACES)
def test_a_view_three_times_the_domain_is_shaded_and_contoured_everywhere(name):
    surface = get_surface(name)
    grid = min(grid_size(surface), 160)
    domain_field = compute_field(surface, grid)
    (x0, x1), (y0, y1) = surface.domain
    cx, cy, half = (x0 + x1) / 2, (y0 + y1) / 2, 1.5 * max(x1 - x0, y1 - y0)
    view = compute_field(surface, grid, (cx - half, cx + half, cy - half, cy + half), domain_field)
    assert np.isfinite(view.shade).all() and np.isfinite(view.levels).all()
    out = outside(view, surface.domain)
    # outside the domain the colours still vary (not one flat colour at the top of the scale)...
    assert out.mean() > 0.5
    shade_out = view.shade[out]
    assert np.mean(shade_out >= 0.999) < 0.1, np.mean(shade_out >= 0.999)
    assert len(np.unique(np.round(shade_out, 3))) > 50
    # ...and contour lines run there
    lines = view.lines[np.isfinite(view.lines).all(axis=1)]
    beyond = (lines[:, 0] < x0) | (lines[:, 0] > x1) | (lines[:, 1] < y0) | (lines[:, 1] > y1)
    assert beyond.sum() > 100
    # the levels cover the view's values; the domain's own levels are all still there
    zs = view.z[np.isfinite(view.z)]
    assert view.levels.max() > domain_field.levels.max()
    top, last_step = view.levels[-1], view.levels[-1] - view.levels[-2]
    if surface.contour == "log":  # a geometric ladder up to the view's largest value
        zmin = domain_field.scale[0]
        assert np.log10(zs.max() - zmin) - np.log10(top - zmin) <= np.log10((top - zmin) / (view.levels[-2] - zmin))
    else:  # evenly spaced up to the view's 98th percentile (like the domain's)
        assert np.percentile(zs, 98) - top <= last_step
    assert np.isin(domain_field.levels, view.levels).all()
    assert len(view.levels) <= MAX_LEVELS + 1
    assert (np.diff(view.levels) > 0).all()


@pytest.mark.parametrize("name", SURFACES)
def test_inside_the_domain_a_view_keeps_the_domains_colours_and_levels(name):
    surface = get_surface(name)
    grid = min(grid_size(surface), 160)
    domain_field = compute_field(surface, grid)
    (x0, x1), (y0, y1) = surface.domain
    w, h = (x1 - x0) / 4, (y1 - y0) / 4
    view = compute_field(surface, grid, (x0 + w, x1 - w, y0 + h, y1 - h), domain_field)
    assert np.array_equal(view.levels, domain_field.levels)
    assert view.scale is domain_field.scale  # no jump of colours while panning inside the domain


def settle(qtbot, w):
    qtbot.waitExposed(w)
    qtbot.wait(50)


@pytest.mark.parametrize("surface", ["elongated_bowl", "linear_regression", "logistic_regression"])
def test_the_window_map_fills_its_whole_view(qtbot, make_window, surface):
    w = make_window(load_preset("textbook"))
    w.resize(1024, 768)
    w.controller.set_surface(surface)
    settle(qtbot, w)
    panel, vb = w.contour, w.contour.plotItem.vb
    vb.scaleBy((2, 2))  # zoom out: most of the view is outside the domain
    panel.update_field_now()
    field, rect = panel.view_field, vb.viewRect()
    x0, x1, y0, y1 = field.extent
    assert x0 <= rect.left() and x1 >= rect.right() and y0 <= rect.top() and y1 >= rect.bottom()
    out = outside(field, panel.surface.domain)
    assert out.mean() > 0.5
    assert np.isfinite(field.shade).all() and np.mean(field.shade[out] >= 0.999) < 0.1
    # what is drawn is that field: the image over the extent and its contour lines
    assert np.array_equal(panel.image.image, field.shade)
    assert len(panel.lines.getData()[0]) == len(field.lines)


def test_logistic_regressions_view_field_is_computed_off_the_gui_thread(qtbot, make_window, monkeypatch):
    """Logistic regression's f costs O(n) per point: after a zoom the map is sampled in a
    worker thread and arrives by a signal (the GUI thread only draws it)."""
    import threading

    import gui.panels.contour_panel as contour_panel

    w = make_window(load_preset("textbook"))
    w.controller.set_surface("logistic_regression")
    settle(qtbot, w)
    panel = w.contour
    threads = []

    def sampled(*args, **kwargs):
        threads.append(threading.current_thread())
        return compute_field(*args, **kwargs)

    monkeypatch.setattr(contour_panel, "compute_field", sampled)
    before = panel.view_field
    vb = panel.plotItem.vb
    vb.scaleBy((2.5, 2.5))
    vb.sigRangeChangedManually.emit(vb.state["mouseEnabled"])  # as a turn of the mouse wheel does
    assert panel.view_field is before  # nothing computed while zooming

    def covered():
        rect = panel.plotItem.vb.viewRect()
        x0, x1, y0, y1 = panel.view_field.extent
        return x0 <= rect.left() and x1 >= rect.right() and y0 <= rect.top() and y1 >= rect.bottom()

    qtbot.waitUntil(covered, timeout=5000)
    assert threads and all(t is not threading.main_thread() for t in threads)


def test_zoom_out_stops_at_a_few_times_the_domain(qtbot, make_window):
    w = make_window(load_preset("textbook"))
    settle(qtbot, w)
    vb = w.contour.plotItem.vb
    vb.scaleBy((100, 100))
    qtbot.wait(20)
    (x0, x1), (y0, y1) = w.contour.surface.domain
    side = max(x1 - x0, y1 - y0)
    rect = vb.viewRect()
    assert max(rect.width(), rect.height()) <= ZOOM_OUT * side + 1e-6
    assert ZOOM_OUT <= 5


@pytest.mark.parametrize("size", [(1280, 720), (1024, 768), (1600, 1000)])
def test_the_whole_domain_stays_in_view_as_the_pane_changes_shape(qtbot, settings, size):
    """Opened as ``gui --size`` opens it (resized, then shown, then the docks sized): the
    panes pass through other shapes on the way, and the map still shows the whole domain."""
    from gui.app import make_app
    from gui.main_window import MainWindow

    make_app()
    from .test_window_layout import ten_racer_rosenbrock

    w = MainWindow(settings=settings, config=ten_racer_rosenbrock())  # a tall leaderboard squeezes the map
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    w.controller.step(100)
    qtbot.wait(100)
    rect = w.contour.plotItem.vb.viewRect()
    (x0, x1), (y0, y1) = w.contour.surface.domain
    eps = 1e-6 * max(x1 - x0, y1 - y0)
    assert rect.left() <= x0 + eps and rect.right() >= x1 - eps, rect
    assert rect.top() <= y0 + eps and rect.bottom() >= y1 - eps, rect


def test_a_view_the_user_zoomed_survives_a_resize_and_reset_view_fits_the_domain_again(qtbot, make_window):
    w = make_window(load_preset("rosenbrock"))
    w.resize(1280, 800)
    qtbot.wait(50)
    vb = w.contour.plotItem.vb
    vb.scaleBy((0.25, 0.25))  # zoom in...
    vb.sigRangeChangedManually.emit(vb.state["mouseEnabled"])  # ...as the mouse wheel does
    (x0, x1), (y0, y1) = w.contour.surface.domain
    assert vb.viewRect().width() < 0.5 * (x1 - x0)
    w.resize(1100, 760)
    qtbot.wait(100)
    assert vb.viewRect().width() < 0.5 * (x1 - x0)  # still zoomed in, not back to the whole domain
    w.actions["resetView"].trigger()
    qtbot.wait(50)
    rect = vb.viewRect()
    assert rect.left() <= x0 + 1e-6 and rect.right() >= x1 - 1e-6 and rect.top() <= y0 + 1e-6


def test_a_slow_surface_shows_a_coarse_map_at_once_and_its_full_resolution_from_a_worker(qtbot, make_window):
    """Logistic regression's f costs O(n) per point: switching to it samples a coarse grid on the
    GUI thread (a frame's worth of work) and the full GRID x GRID map in a worker thread, with
    the same values as sampling it at once."""
    from gui.panels.surface_field import GRID

    w = make_window(load_preset("textbook"))
    w.controller.set_surface("logistic_regression", {"n": 400})
    panel = w.contour
    assert panel.view_field.z.shape[0] < GRID  # drawn at once, coarser
    qtbot.waitUntil(lambda: panel.view_field.z.shape == (GRID, GRID), timeout=30_000)
    field = panel.view_field
    again = compute_field(panel.surface, GRID, field.extent, panel.field)
    assert np.array_equal(field.z, again.z, equal_nan=True) and np.array_equal(field.levels, again.levels)


def test_a_surface_is_timed_once_per_object_for_its_map_grid():
    """The probe that sizes the map's grid (f over 256 points: ~4 ms for logistic regression at
    n=2000) runs once per surface object; another object, even an equal one, is probed itself."""
    from gui.panels import surface_field

    calls = []

    class Counted:
        domain = ((-1.0, 1.0), (-1.0, 1.0))

        def f(self, p):
            calls.append(p.shape)
            return (p**2).sum(-1)

    one, other = Counted(), Counted()
    first = surface_field.per_point_seconds(one)
    probes = len(calls)
    assert probes >= 1 and first > 0
    assert surface_field.per_point_seconds(one) == first and len(calls) == probes  # kept
    surface_field.per_point_seconds(other)
    assert len(calls) > probes
    for _ in range(surface_field.PER_POINT_KEPT):  # only the latest few are kept
        surface_field.per_point_seconds(Counted())
    before = len(calls)
    surface_field.per_point_seconds(one)
    assert len(calls) > before

"""The window fits the screen it opens on: first size, restored geometry, docks that scroll."""

import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from gui.main_window import MINIMUM_SIZE, PREFERRED_SIZE, first_geometry, fit_into

QRect = QtCore.QRect


@pytest.mark.parametrize(
    "screen",
    [
        QRect(0, 0, 1600, 1000),
        QRect(0, 0, 1280, 720),
        QRect(0, 0, 1024, 768),
        QRect(0, 28, 1024, 740),
        QRect(1920, 0, 1366, 768),
    ],
)
def test_first_window_lies_inside_the_available_screen(screen):
    rect = first_geometry(screen)
    assert screen.contains(rect)
    assert rect.width() <= PREFERRED_SIZE.width() and rect.height() <= PREFERRED_SIZE.height()
    assert rect.width() >= MINIMUM_SIZE.width() and rect.height() >= MINIMUM_SIZE.height()
    assert abs(rect.center().x() - screen.center().x()) <= 1 and abs(rect.center().y() - screen.center().y()) <= 1


def test_a_large_screen_gets_the_preferred_size():
    assert first_geometry(QRect(0, 0, 2560, 1440)).size() == PREFERRED_SIZE


def test_the_minimum_size_fits_1024x768_with_a_task_bar():
    assert MINIMUM_SIZE.width() <= 1024 - 20 and MINIMUM_SIZE.height() <= 768 - 80


def test_a_restored_geometry_from_a_bigger_screen_is_shrunk_into_this_one():
    small = QRect(0, 0, 1024, 768)
    fitted = fit_into(QRect(300, 200, 1480, 920), small)
    assert small.contains(fitted) and fitted.size() == QtCore.QSize(1024, 768)
    inside = QRect(10, 10, 900, 600)
    assert fit_into(inside, small) == inside
    moved = fit_into(QRect(600, 500, 900, 600), small)
    assert small.contains(moved) and moved.size() == QtCore.QSize(900, 600)


def test_the_window_minimum_fits_a_small_screen(window):
    hint = window.minimumSizeHint().expandedTo(window.minimumSize())
    assert hint.width() <= 1024 and hint.height() <= 720


def test_every_dock_scrolls_rather_than_clips(window):
    for dock in (window.surface_dock, window.racers_dock, window.race_dock):
        assert isinstance(dock.widget(), QtWidgets.QScrollArea), dock.objectName()
        assert dock.widget().widgetResizable()


def test_a_restored_oversized_geometry_is_fitted_to_the_screen(make_window, settings):
    w = make_window()
    w.setGeometry(QRect(0, 0, 5000, 4000))
    w.close()
    w2 = make_window(settings_=settings)
    assert w2.screen().availableGeometry().contains(w2.geometry())


def test_docks_get_their_rows_back_after_logistic_regression(qtbot, window):
    window.resize(1024, 720)
    qtbot.wait(50)
    before = window.racers_dock.height()
    window.controller.set_surface("logistic_regression")
    qtbot.wait(50)
    window.controller.set_surface("rosenbrock")  # (maybe while the first switch is still being drawn)
    qtbot.waitUntil(lambda: not window.switching, timeout=5000)
    qtbot.wait(50)
    assert window.racers_dock.height() >= before - 10
    assert (
        window.surface_dock.widget().widget().height()
        >= window.surface_dock.widget().widget().minimumSizeHint().height()
    )


def test_at_1024x768_the_map_fits_its_pane_with_its_legend_underneath(qtbot, make_window):
    from arena import load_preset

    w = make_window(load_preset("rosenbrock"))
    w.resize(1024, 768)
    qtbot.waitUntil(lambda: w.contour.width() < 640, timeout=3000)
    qtbot.wait(50)
    panel = w.contour
    assert panel.legend.side == "bottom" and panel.legend.isVisible()
    scene_width = panel.plotItem.sceneBoundingRect().right()
    assert scene_width <= panel.viewport().width() + 1, (scene_width, panel.viewport().width())
    # the surface and its formula where they fit the map's width, the name alone where not
    title = panel.plotItem.titleLabel.text
    font = QtGui.QFont(panel.font())
    font.setPointSizeF(11)
    if QtGui.QFontMetricsF(font).horizontalAdvance("Rosenbrock: (1 − x)² + 100 (y − x²)²") + 40 <= panel.width():
        assert title == "Rosenbrock: (1 − x)² + 100 (y − x²)²"
    else:
        assert title == "Rosenbrock"
    w.resize(1600, 1000)
    qtbot.waitUntil(lambda: panel.width() >= 640, timeout=3000)
    qtbot.waitUntil(lambda: panel.legend.side == "right", timeout=3000)
    assert "100 (y − x²)²" in panel.plotItem.titleLabel.text


# ------------------------------------------------------- the layout at three screen sizes
SIZES = [(1600, 1000), (1280, 720), (1024, 768)]


def ten_racer_rosenbrock():
    from arena import PALETTE, RacerConfig, load_preset

    config = load_preset("rosenbrock")
    extra = [("adagrad", 0.5), ("adadelta", 1.0), ("amsgrad", 0.02), ("nadam", 0.02), ("adam", 0.05)]
    racers = list(config.racers) + [
        RacerConfig(opt, {"lr": lr}, f"{opt} {i}", PALETTE[5 + i]) for i, (opt, lr) in enumerate(extra)
    ]
    return config.__class__(**{**config.__dict__, "racers": racers})


def opened_at(qtbot, settings, size, config):
    """A window opened at ``size`` (as ``gui --size`` does: resized before it is shown)."""
    from gui.app import make_app
    from gui.main_window import MainWindow

    make_app()
    w = MainWindow(settings=settings, config=config)
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.race_dock.table.rowCount() == len(config.racers), timeout=2000)
    qtbot.wait(60)  # the docks are sized from the event loop after the first show
    return w


def fully_visible_rows(table) -> int:
    bottom = table.viewport().height()
    return sum(1 for r in range(table.rowCount()) if table.visualRect(table.model().index(r, 1)).bottom() < bottom)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_leaderboard_row_is_visible_and_no_left_dock_scrolls_sideways(qtbot, settings, size):
    config = ten_racer_rosenbrock()
    w = opened_at(qtbot, settings, size, config)
    w.controller.step(50)
    w.race_dock.refresh()
    qtbot.wait(20)
    table = w.race_dock.table
    assert table.rowCount() == 10
    assert fully_visible_rows(table) == 10
    assert not table.verticalScrollBar().isVisible() and not table.horizontalScrollBar().isVisible()
    # the columns shown fit the table (a narrow one leaves some out rather than scroll)
    header = table.horizontalHeader()
    shown = [c for c in range(table.columnCount()) if not table.isColumnHidden(c)]
    assert {0, 1, 2, 5} <= set(shown)
    assert sum(header.sectionSize(c) for c in shown) <= table.viewport().width() + 1
    for dock in (w.surface_dock, w.racers_dock, w.race_dock):
        assert not dock.widget().horizontalScrollBar().isVisible(), dock.objectName()
    # the hyperparameter editor shows every field whole, spin arrows included, without scrolling sideways
    # (a narrow column puts every label above its field)
    editor = w.racers_dock.editor
    view = editor.parentWidget().parentWidget()  # the tab's scroll area
    assert not view.horizontalScrollBar().isVisible()
    assert editor.fields
    for name, field in editor.fields.items():  # (those below may be scrolled out of view vertically)
        seen = field.visibleRegion().boundingRect()
        assert seen.isEmpty() or seen.width() == field.width(), (name, seen, field.size())
        assert field.width() >= field.minimumSizeHint().width(), name
    lr = editor.fields["lr"]
    assert lr.visibleRegion().boundingRect().size() == lr.size()
    slider = editor.sliders["lr"]  # a slider, not a bare handle (at 1280 px it looked like a check box)
    assert slider.isVisible() and slider.width() >= 40
    wrap = QtWidgets.QFormLayout.RowWrapPolicy
    assert editor.form.rowWrapPolicy() == (wrap.DontWrapRows if size[0] >= 1600 else wrap.WrapAllRows)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_race_controls_are_not_repeated_and_fit_the_dock(qtbot, settings, size):
    from arena import load_preset

    w = opened_at(qtbot, settings, size, load_preset("textbook"))
    dock = w.race_dock
    repeated = [
        b
        for b in dock.findChildren(QtWidgets.QAbstractButton)
        if isinstance(b, QtWidgets.QToolButton) and b.defaultAction() in (w.actions["play"], w.actions["step"])
    ]
    assert repeated == []  # Play / Step / Reset are the toolbar's
    for box in (dock.speed, dock.budget, dock.tol_on, dock.tol):
        assert box.isVisible()
        assert box.visibleRegion().boundingRect().size() == box.size(), box.objectName()


def test_the_leaderboard_grows_with_the_racers(qtbot, settings):
    from arena import load_preset

    w = opened_at(qtbot, settings, (1024, 768), load_preset("textbook"))
    for name in ("adam", "rmsprop", "nadam", "amsgrad", "adagrad", "sgd"):
        w.racers_dock.add(name)
    qtbot.waitUntil(lambda: w.race_dock.table.rowCount() == 10, timeout=2000)
    qtbot.waitUntil(lambda: fully_visible_rows(w.race_dock.table) == 10, timeout=2000)


def test_a_narrow_leaderboard_leaves_out_columns_instead_of_scrolling(qtbot, settings):
    from arena import load_preset

    w = opened_at(qtbot, settings, (1024, 768), load_preset("sgd-vs-batch"))  # Data dock beside it
    assert w.data_dock.isVisible()
    table = w.race_dock.table
    qtbot.waitUntil(lambda: any(table.isColumnHidden(c) for c in range(table.columnCount())), timeout=2000)
    assert table.isColumnHidden(6)  # no tolerance set: "Steps to tol" is the first to go
    w.data_dock.hide()
    w.resizeDocks([w.race_dock], [1000], QtCore.Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: not any(table.isColumnHidden(c) for c in range(table.columnCount())), timeout=2000)


@pytest.mark.parametrize("preset, surface", [("sgd-vs-batch", "linear_regression"), (None, "logistic_regression")])
def test_the_data_panel_has_a_legend_of_every_racer_and_fits_its_data(qtbot, settings, preset, surface):
    from arena import load_preset

    w = opened_at(qtbot, settings, (1280, 720), load_preset(preset or "textbook"))
    if preset is None:
        w.controller.set_surface(surface)
        qtbot.waitUntil(lambda: not w.switching, timeout=5000)
    panel = w.data_panel
    names = [r.name for r in w.controller.config.racers]
    assert w.data_dock.isVisible() and panel.legend.isVisible()
    assert panel.legend.names()[: len(names)] == names
    assert {"true model", "best fit (f*)"} <= set(panel.legend.names())
    w.controller.set_racer_visible(1, False)
    assert names[1] not in panel.legend.names()
    w.controller.set_racer_visible(1, True)
    w.controller.rename_racer(0, "renamed")
    assert panel.legend.names()[0] == "renamed"
    # the view is the box around the data: every point inside, not much room to spare
    data = panel.data
    (xr, yr) = panel.plot.vb.viewRange()
    xs, ys = (data.x, data.y) if data.kind == "linear" else (data.x[:, 0], data.x[:, 1])
    assert xr[0] <= xs.min() and xr[1] >= xs.max() and yr[0] <= ys.min() and yr[1] >= ys.max()
    (x0, x1), (y0, y1) = data.extent
    assert xr[1] - xr[0] <= 1.1 * (x1 - x0) and yr[1] - yr[0] <= 1.1 * (y1 - y0)
    # the legend sits beside or under the plot, not over the points
    view = panel.plot.vb.sceneBoundingRect().adjusted(1, 1, -1, -1)
    for _sample, label in panel.legend.items:
        assert not label.sceneBoundingRect().intersects(view)


def test_a_legend_without_room_steps_aside_on_screen_but_not_in_exports(qtbot, settings, tmp_path):
    """Ten racers under a short loss panel at 1024x768: the legend would take most of the plot,
    so it steps aside (the map's legend names the same racers); the loss panel's export has it."""
    import xml.etree.ElementTree as ET

    from gui.export.panels import export_panel

    w = opened_at(qtbot, settings, (1024, 768), ten_racer_rosenbrock())
    w.controller.step(50)
    legend, plot = w.loss.legend, w.loss.plot
    assert legend.squeezed and not legend.isVisible()
    assert plot.vb.height() > 0.5 * plot.height()
    assert w.contour.legend.isVisible() and len(w.contour.legend.items) == 10
    path = export_panel(w, "loss", tmp_path / "loss.svg")
    text = " ".join(t for t in ET.parse(path).getroot().itertext())
    for racer in w.controller.config.racers:
        assert racer.name in text
    assert legend.squeezed and not legend.isVisible()  # back as it was
    w.resize(1600, 1000)
    qtbot.waitUntil(lambda: legend.isVisible(), timeout=2000)  # room again: back under the plot


@pytest.mark.parametrize(
    ("before", "after", "shown"), [("moons", "sgd-vs-batch", True), ("sgd-vs-batch", "textbook", False)]
)
def test_a_restored_layout_shows_the_data_dock_only_with_data(qtbot, make_window, before, after, shown):
    """The layout saved by the last window says where the Data dock sits; whether it shows is this race's
    (a network race closed last used to hide it from the next data-fit race, and the other way round)."""
    from arena import load_preset

    first = make_window(load_preset(before))
    qtbot.waitExposed(first)
    first.close()  # saves its layout
    w = make_window(load_preset(after))
    qtbot.waitExposed(w)
    assert w.data_dock.isVisible() is shown
    if shown:
        assert w.data_panel.data is w.controller.race.surface.data


def test_the_leaderboard_measures_its_columns_again_only_when_a_text_grows_or_shrinks(qtbot, settings, monkeypatch):
    """Refreshed five times a second while a race plays, the table fits its columns to their texts only
    when one of them changed length (measuring every cell cost a fifth of each refresh); a racer renamed
    longer gets its column's room at once."""
    from arena import load_preset

    w = opened_at(qtbot, settings, (1024, 768), load_preset("textbook"))
    dock, table = w.race_dock, w.race_dock.table
    fits = []
    real = dock.fit_columns
    monkeypatch.setattr(dock, "fit_columns", lambda: fits.append(1) or real())
    dock.refresh()
    dock.refresh()  # the same texts: not measured again
    assert len(fits) <= 1
    fits.clear()
    w.controller.rename_racer(0, "a much longer racer name than before, " * 2)
    dock.refresh()
    assert fits
    qtbot.wait(20)  # (the header sizes its sections to their contents)
    shown = [c for c in range(table.columnCount()) if not table.isColumnHidden(c)]
    assert len(shown) < table.columnCount()  # the long name took a less needed column's room
    assert sum(table.horizontalHeader().sectionSize(c) for c in shown) <= table.viewport().width() + 1

"""The window fits the screen it opens on: first size, restored geometry, docks that scroll."""

import pytest
from PySide6 import QtCore, QtWidgets

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
    window.controller.set_surface("rosenbrock")
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
    assert panel.plotItem.titleLabel.text == "Rosenbrock"  # the formula would not fit: the name alone
    w.resize(1600, 1000)
    qtbot.waitUntil(lambda: panel.width() >= 640, timeout=3000)
    qtbot.waitUntil(lambda: panel.legend.side == "right", timeout=3000)
    assert "100 (y − x²)²" in panel.plotItem.titleLabel.text

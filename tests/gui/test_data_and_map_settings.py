"""In the window: File > Load data... fits the race to the user's CSV (the Data panel and the map follow, the
racers restart from the data surface's start; a bad file is refused saying where and the race stays), and a
saved session brings the Maps dock's settings and the loaded data back in a fresh window."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtCore, QtWidgets

from arena import RaceConfig, RacerConfig
from engine import maps

POINTS = "x,y\n-1,0.2\n0,1.1\n1,2.9\n2,5.2\n3,7.1\n4,8.8\n"


@pytest.fixture
def warnings_shown(monkeypatch):
    shown = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "warning", lambda parent, title, text, *a: shown.append((title, text)))
    return shown


def _pick_file(monkeypatch, path):
    """The Load data dialog answers ``path`` as a person picking it would."""
    asked = []

    def dialog(parent, caption, folder, filters, *a, **k):
        asked.append((caption, filters))
        return str(path), filters.split(";;")[0]

    monkeypatch.setattr(QtWidgets.QFileDialog, "getOpenFileName", dialog)
    return asked


def _menu_action(window, text):
    (file_menu,) = [m for m in window.menuBar().findChildren(QtWidgets.QMenu) if m.title() == "&File"]
    return next(a for a in file_menu.actions() if a.text() == text)


def _config():
    return RaceConfig(surface="himmelblau", start=(0.0, 0.0), steps=200,
                      racers=[RacerConfig("adam", {"lr": 0.1}, name="Adam"),
                              RacerConfig("sgd", {"lr": 0.01}, name="SGD", color="#E69F00")])  # fmt: skip


def test_load_data_from_the_file_menu_races_on_the_users_points(
    make_window, qtbot, tmp_path, monkeypatch, warnings_shown
):
    path = tmp_path / "points.csv"
    path.write_text(POINTS)
    w = make_window(_config())
    w.controller.step(20)
    asked = _pick_file(monkeypatch, path)
    _menu_action(w, "Load data…").trigger()
    assert asked and "CSV" in asked[0][1] and not warnings_shown
    qtbot.waitUntil(lambda: not w.switching, timeout=5000)  # the switch draws its step panels and tables a frame later
    config, race = w.controller.config, w.controller.race
    assert config.surface == "linear_regression" and config.data.n == 6
    surface = race.surface
    x = np.array([-1, 0, 1, 2, 3, 4.0])
    slope, intercept = np.polyfit(x, [0.2, 1.1, 2.9, 5.2, 7.1, 8.8], 1)
    assert surface.minima[0].point == pytest.approx((intercept, slope), abs=1e-12)
    assert race.steps == 0 and config.start == tuple(surface.start)  # the racers restart from the data's start
    for runner in race.runners:
        assert tuple(runner.positions[0, 0]) == config.start
    assert w.data_dock.isVisible()  # the Data panel shows the loaded points
    np.testing.assert_array_equal(w.data_panel.data.x, x)
    dock = w.surface_dock
    assert dock.combo.currentData() == "linear_regression"
    assert "fitted to 6 rows loaded from points.csv" in dock.formula.text()
    assert not dock.params_host.isVisible()  # the generator's noise, slope... do not apply to the user's points
    assert not any(name == "true model" for _, name, _ in w.data_panel.references)  # only the best fit is known
    w.controller.step(200)
    assert w.controller.race.steps == 200
    first = w.controller.race.runners[0]
    best = np.array(surface.minima[0].point)
    assert np.linalg.norm(first.positions[-1, 0] - best) < 0.5 * np.linalg.norm(first.positions[0, 0] - best)
    # another surface and back: generated data again, with their parameters
    w.controller.set_surface("himmelblau")
    w.controller.set_surface("linear_regression")
    assert w.controller.config.data is None and w.controller.race.surface.data.source is None
    assert dock.params_host.isVisible() and "loaded" not in dock.formula.text()


def test_a_bad_data_file_is_refused_saying_where_and_the_race_stays(make_window, tmp_path, monkeypatch, warnings_shown):
    path = tmp_path / "labels.csv"
    path.write_text("x1,x2,label\n1,2,0\n-1,0.5,1\n0.3,-2,yes\n")
    w = make_window(_config())
    w.controller.step(5)
    before = w.controller.config.copy()
    _pick_file(monkeypatch, path)
    _menu_action(w, "Load data…").trigger()
    title, text = warnings_shown[-1]
    assert title == "Data not loaded" and "labels.csv, line 4, column 3: 'yes' is not a number" in text
    assert w.controller.config == before and w.controller.race.steps == 5


def test_map_settings_and_data_come_back_in_a_fresh_window(make_window, qtbot, tmp_path, monkeypatch):
    maps.clear_cache()
    data = tmp_path / "points.csv"
    data.write_text(POINTS)
    w = make_window(_config())
    _pick_file(monkeypatch, data)
    _menu_action(w, "Load data…").trigger()
    dock = w.maps_dock
    dock.kind.setCurrentIndex(dock.kind.findData("sweep"))
    dock.grid.setValue(16)
    dock.steps.setValue(120)
    dock.tol.setText("1e-7")
    dock.y_key.setCurrentIndex(dock.y_key.findText("beta1"))
    for edit, text in ((dock.x_lo, "0.001"), (dock.x_hi, "0.5"), (dock.y_lo, "0.5"), (dock.y_hi, "0.95")):
        edit.setText(text)
    path = str(tmp_path / "with-maps.json")
    assert w.save_session_to(path)
    data.unlink()  # the session holds the points

    fresh = make_window()
    assert fresh.maps_dock.kind.currentData() == "basins"
    assert fresh.open_session(path)
    d = fresh.maps_dock
    assert fresh.controller.config.data.n == 6 and fresh.controller.config.surface == "linear_regression"
    assert d.kind.currentData() == "sweep" and d.grid.value() == 16 and d.steps.value() == 120
    assert float(d.tol.text()) == 1e-7
    assert (d.x_key.currentText(), d.y_key.currentText()) == ("lr", "beta1")
    assert [float(e.text()) for e in (d.x_lo, d.x_hi, d.y_lo, d.y_hi)] == [0.001, 0.5, 0.5, 0.95]
    assert d.settings() == dock.settings()
    # Compute maps exactly what the first window would have
    d.panel.show()
    qtbot.mouseClick(d.compute_button, QtCore.Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not d.busy(), timeout=60_000)
    d.wait()
    (job,) = d._jobs
    assert (job.x.key, job.y.key, job.x.n, job.steps, job.tol) == ("lr", "beta1", 16, 120, 1e-7)
    assert job.x.log and job.x.lo == 0.001 and job.y.hi == 0.95
    assert job.objective.data.n == 6


def test_a_session_with_a_bad_maps_section_is_refused_naming_the_field(make_window, tmp_path, warnings_shown):
    import json

    w = make_window(_config())
    path = tmp_path / "s.json"
    assert w.save_session_to(str(path))
    saved = json.loads(path.read_text())
    assert saved["maps"]["kind"] == "basins"  # the dock's settings are in every session the window saves
    saved["maps"]["grid"] = 5000
    path.write_text(json.dumps(saved))
    w.maps_dock.grid.setValue(40)
    assert not w.open_session(str(path))
    title, text = warnings_shown[-1]
    assert title == "Session not opened" and "maps.grid: must be a whole number from 8 to 1,024, got 5000" in text
    assert w.maps_dock.grid.value() == 40  # nothing changed

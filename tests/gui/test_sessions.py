"""Sessions and CSV from the window: save, open, open recent, drag and drop,
refusals that leave the race as it was."""

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from arena import PRESETS_DIR, load_preset

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def warnings_shown(monkeypatch):
    shown = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "warning", lambda parent, title, text, *a: shown.append((title, text)))
    return shown


def test_save_then_open_replays_the_same_numbers(qtbot, window, tmp_path, warnings_shown):
    window.controller.load(load_preset("beale"))
    window.controller.set_start(0.5, 0.75)
    window.controller.step(50)
    saved = {i: r.positions[:, 0].copy() for i, r in enumerate(window.controller.race.runners)}
    path = str(tmp_path / "mine")
    assert window.save_session_to(path)
    assert window.session_path.endswith("mine.json") and "mine.json" in window.windowTitle()
    window.open_preset("textbook")
    assert window.controller.config.surface == "elongated_bowl"
    assert window.open_session(str(tmp_path / "mine.json"))
    window.controller.step(50)
    for i, runner in enumerate(window.controller.race.runners):
        np.testing.assert_array_equal(runner.positions[:, 0], saved[i])
    assert not warnings_shown


def test_a_bad_session_is_refused_and_the_race_stays(qtbot, window, tmp_path, warnings_shown):
    window.controller.step(3)
    before = window.controller.config.copy()
    data = json.loads((PRESETS_DIR / "saddle.json").read_text())
    data["racers"][2]["hyperparams"]["lr"] = 0
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    assert not window.open_session(str(bad))
    title, text = warnings_shown[-1]
    assert title == "Session not opened" and 'racer 3 ("RMSProp").lr: must be > 0' in text
    assert window.controller.config == before and window.controller.race.steps == 3


def test_open_recent_lists_saved_sessions(qtbot, window, tmp_path):
    for name in ("a.json", "b.json"):
        window.save_session_to(str(tmp_path / name))
    actions = window.recent_menu.actions()
    assert [a.text() for a in actions] == ["b.json", "a.json"]
    window.open_preset("himmelblau")
    actions[1].trigger()
    assert window.controller.config.surface == "elongated_bowl"
    assert window.session_path.endswith("a.json")


def test_dropping_a_session_file_opens_it(qtbot, window, tmp_path):
    path = tmp_path / "dropped.json"
    path.write_text((PRESETS_DIR / "rosenbrock.json").read_text())
    mime = QtCore.QMimeData()
    mime.setUrls([QtCore.QUrl.fromLocalFile(str(path))])
    pos = QtCore.QPointF(200, 200)
    enter = QtGui.QDragEnterEvent(
        pos.toPoint(),
        QtCore.Qt.DropAction.CopyAction,
        mime,
        QtCore.Qt.MouseButton.LeftButton,
        QtCore.Qt.KeyboardModifier.NoModifier,
    )
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QtGui.QDropEvent(
        pos,
        QtCore.Qt.DropAction.CopyAction,
        mime,
        QtCore.Qt.MouseButton.LeftButton,
        QtCore.Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(drop)
    qtbot.waitUntil(lambda: window.controller.config.surface == "rosenbrock", timeout=2000)
    assert window.session_path == str(path)


def test_window_csv_equals_cli_csv_for_the_same_session(qtbot, window, tmp_path, cli):
    session = tmp_path / "s.json"
    session.write_text((PRESETS_DIR / "textbook.json").read_text())
    window.open_session(str(session))
    window.controller.step(30)
    assert window.export_csv(str(tmp_path / "window.csv"))
    res = cli("race", "--session", str(session), "--csv", str(tmp_path / "cli.csv"))
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "window.csv").read_text() == (tmp_path / "cli.csv").read_text()
    rows = list(csv.DictReader(open(tmp_path / "window.csv")))
    assert len(rows) == 4 * 31 and rows[0]["optimizer"] == "SGD"


def test_leaderboard_csv_from_the_window(qtbot, window, tmp_path):
    window.controller.step(30)
    assert window.export_summary(str(tmp_path / "board.csv"))
    rows = list(csv.DictReader(open(tmp_path / "board.csv")))
    assert sorted(r["racer"] for r in rows) == ["AdaGrad", "Adam", "Momentum", "SGD"]
    assert [r["rank"] for r in rows] == ["1", "2", "3", "4"]  # rows in rank order: smallest loss gap first
    losses = [float(r["final_loss"]) for r in rows]
    assert losses == sorted(losses)
    assert all(r["steps"] == "30" and r["status"] == "budget used" for r in rows)  # the preset's budget is 30
    assert rows[0]["racer"] == "AdaGrad" and float(rows[0]["final_loss"]) == pytest.approx(0.000721948, rel=1e-5)
    assert rows[0]["spec"].startswith("adagrad:lr=1.5,")


def test_failed_csv_export_says_so_and_keeps_everything(qtbot, window, warnings_shown):
    window.controller.step(5)
    assert not window.export_csv("/proc/gradient-arena-test.csv")
    assert warnings_shown and "Could not write /proc/gradient-arena-test.csv" in warnings_shown[-1][1]
    assert window.controller.race.steps == 5
    assert not window.save_session_to("/nonexistent-folder/x.json")
    assert "Could not save" in warnings_shown[-1][1] and window.session_path is None


def test_gui_session_flag_opens_it(tmp_path, gui_command):
    session = tmp_path / "s.json"
    session.write_text((PRESETS_DIR / "saddle.json").read_text())
    out = tmp_path / "shot.png"
    res = gui_command("--session", str(session), "--run-steps", "10", "--screenshot", str(out))
    assert res.returncode == 0, res.stderr
    assert out.stat().st_size > 10_000
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    res = gui_command("--session", str(bad))
    assert res.returncode == 2 and "not valid JSON" in res.stderr


def test_file_menu_offers_every_export(shared_window):
    window = shared_window
    texts = [a.text() for a in window.export_menu.actions()]
    assert texts == [
        "Export image…",
        "Export 3-D view…",
        "Export animation…",
        "Export race CSV…",
        "Export leaderboard CSV…",
    ]
    assert window.actions["exportImage"].shortcut() == QtGui.QKeySequence("Ctrl+E")
    assert "(Ctrl+E)" in window.actions["exportImage"].toolTip()

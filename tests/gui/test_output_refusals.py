"""The window refuses, with the reason, an export that would lose a file: over the session
it has open, onto a folder or an empty name; nothing is written and the race stays."""

from pathlib import Path

import pytest
from PySide6 import QtWidgets

from arena import PRESETS_DIR

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def warnings_shown(monkeypatch):
    shown = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "warning", lambda parent, title, text, *a: shown.append((title, text)))
    return shown


def test_csv_exports_never_replace_the_open_session(qtbot, window, tmp_path, warnings_shown):
    session = tmp_path / "race.json"
    text = (PRESETS_DIR / "textbook.json").read_text(encoding="utf-8")
    session.write_text(text, encoding="utf-8")
    assert window.open_session(str(session))
    window.controller.step(5)
    for export in (window.export_csv, window.export_summary):
        assert not export(str(session))
        title, message = warnings_shown[-1]
        assert "not written" in title and "session open in this window" in message
    assert session.read_text(encoding="utf-8") == text
    for bad, why in ((str(tmp_path), "folder"), ("", "empty file name")):
        assert not window.export_csv(bad)
        assert why in warnings_shown[-1][1]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["race.json"]
    assert window.controller.race.steps == 5
    assert window.export_csv(str(tmp_path / "race.csv"))  # any other file is fine
    assert len((tmp_path / "race.csv").read_text().splitlines()) == 1 + 4 * 6


def test_image_dialog_refuses_the_open_session(qtbot, window, tmp_path):
    from gui.export.dialogs import ImageExportDialog

    session = tmp_path / "odd-name.svg"  # a session file may have any name
    text = (PRESETS_DIR / "saddle.json").read_text(encoding="utf-8")
    session.write_text(text, encoding="utf-8")
    assert window.open_session(str(session))
    dialog = ImageExportDialog(window, path=str(session))
    qtbot.addWidget(dialog)
    dialog.accept()
    assert "session open in this window" in dialog.error.text() and dialog.result() == 0
    assert session.read_text(encoding="utf-8") == text

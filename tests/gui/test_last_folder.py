"""Every export and session dialog starts in the last folder any of them used (one setting)."""

import os

from PySide6 import QtWidgets

from gui.export.dialogs import LAST_FOLDER_KEY, AnimationExportDialog, ImageExportDialog


def test_a_csv_export_folder_is_where_the_image_dialog_starts(qtbot, window, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    assert window.export_csv(str(folder / "race.csv"))
    assert window.settings.value(LAST_FOLDER_KEY) == str(folder)
    image = ImageExportDialog(window)
    qtbot.addWidget(image)
    assert os.path.dirname(image.path_edit.text()) == str(folder)
    animation = AnimationExportDialog(window.controller.config, window)
    qtbot.addWidget(animation)
    assert os.path.dirname(animation.path_edit.text()) == str(folder)


def test_an_image_export_folder_is_where_csv_and_session_dialogs_start(qtbot, window, tmp_path, monkeypatch):
    folder = tmp_path / "pictures"
    folder.mkdir()
    image = ImageExportDialog(window, path=str(folder / "map.png"))
    qtbot.addWidget(image)
    image.accept()
    assert image.written_path and window.settings.value(LAST_FOLDER_KEY) == str(folder)
    starts = []

    def fake_save(parent, title, start, *args, **kwargs):
        starts.append(start)
        return "", ""

    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", fake_save)
    monkeypatch.setattr(QtWidgets.QFileDialog, "getOpenFileName", fake_save)
    window.export_csv_dialog()
    window.export_summary_dialog()
    window.save_session_as()
    window.open_session_dialog()
    assert [os.path.dirname(s) if s.endswith((".csv", ".json")) else s for s in starts] == [str(folder)] * 4


def test_the_folder_is_remembered_across_launches(qtbot, make_window, settings, tmp_path):
    w = make_window()
    assert w.save_session_to(str(tmp_path / "race.json"))
    w.close()
    w2 = make_window(settings_=settings)
    assert w2._dialog_dir() == str(tmp_path)

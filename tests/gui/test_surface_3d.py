"""The 3-D view: says in place why it cannot draw without OpenGL (offscreen), and under a real X
server with Mesa (Xvfb) draws the surface with every racer's path and exports it as PNG."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from arena import Race, load_preset

ROOT = Path(__file__).resolve().parents[2]


def test_without_opengl_the_view_says_why_and_the_rest_works(qtbot):
    from gui.panels.surface_3d import Surface3DPanel

    panel = Surface3DPanel()
    qtbot.addWidget(panel)
    panel.show()
    assert not panel.available
    label = panel.findChild(type(panel.title), "glProblem")
    assert label is not None and "OpenGL" in label.text() and "offscreen" in label.text()
    assert not panel.log_box.isEnabled()
    cfg = load_preset("textbook")
    race = Race(cfg)
    race.advance(30)
    panel.set_surface(race.surface)  # the model side still runs: heights are computed, nothing is drawn
    panel.set_racers(cfg.racers)
    panel.update_paths(race.runners)
    assert panel.mesh_heights.shape == (90, 90) and np.isfinite(panel.mesh_heights).all()
    with pytest.raises(RuntimeError, match="OpenGL"):
        panel.export_png("never.png")


def test_log_height_spreads_the_decades_of_a_log_surface():
    from gui.panels.surface_3d import HEIGHT, heights
    from surfaces import get_surface

    s = get_surface("rosenbrock")
    pts = np.stack(np.meshgrid(np.linspace(-2, 2, 60), np.linspace(-1, 3, 60), indexing="ij"), axis=-1)
    z = s.f(pts)
    lin, _ = heights(z, log=False)
    log, _ = heights(z, log=True)
    assert lin.min() == 0.0 and lin.max() == HEIGHT and log.min() == 0.0 and log.max() == HEIGHT
    # on a linear scale most of Rosenbrock is a flat floor; on the log scale the floor has relief
    assert np.median(log) > 3 * np.median(lin)


GL_SCRIPT = r"""
import json, sys
import numpy as np
from PySide6 import QtWidgets
app = QtWidgets.QApplication([])
from arena import Race, load_preset
from gui.panels.surface_3d import Surface3DPanel
cfg = load_preset("textbook")
race = Race(cfg)
race.advance(30)
panel = Surface3DPanel()
panel.resize(800, 600)
panel.show()
out = {"problem": panel.problem}
if panel.available:
    panel.set_surface(race.surface)
    panel.set_racers(cfg.racers)
    panel.set_start(*cfg.start)
    panel.update_paths(race.runners)
    for _ in range(5):
        app.processEvents()
    path = sys.argv[1]
    # the Save PNG button, as a person clicks it (the file dialog answers with the path)
    QtWidgets.QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: (path, "PNG image (*.png)"))
    panel.save_button.click()
    from PySide6 import QtGui
    out["saved_width"] = QtGui.QImage(path).width()
    img = panel.image(900)
    out["size"] = [img.width(), img.height()]
    arr = np.frombuffer(img.constBits(), np.uint8).reshape(img.height(), img.bytesPerLine() // 4, 4)
    arr = arr[:, : img.width(), :3]
    rgb = arr[..., ::-1].astype(int)  # BGRA -> RGB
    out["mesh_share"] = float((np.abs(rgb - 255).sum(axis=-1) > 30).mean())
    out["colors"] = {}
    for r in cfg.racers:
        c = np.array([int(r.color[i : i + 2], 16) for i in (1, 3, 5)])
        out["colors"][r.name] = int((np.abs(rgb - c).sum(axis=-1) < 60).sum())
    before = panel.mesh_heights.copy()
    panel.log_box.setChecked(True)
    out["log_changed"] = bool(np.abs(panel.mesh_heights - before).max() > 1e-3)
print(json.dumps(out))
"""


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="no xvfb-run: the OpenGL view needs an X server (Mesa)")
def test_under_xvfb_the_view_draws_the_mesh_and_every_path_and_exports_png(tmp_path):
    png = tmp_path / "view3d.png"
    res = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", sys.executable, "-c", GL_SCRIPT, str(png)],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "xcb", "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert res.returncode == 0, res.stderr[-2000:]
    out = json.loads(res.stdout.strip().splitlines()[-1])
    if out["problem"]:
        pytest.skip(f"no OpenGL context under Xvfb here: {out['problem']}")
    assert png.stat().st_size > 10_000
    assert out["size"][0] == 900 and out["saved_width"] >= 1600
    assert out["mesh_share"] > 0.15, "the surface fills a good part of the view"
    for name, pixels in out["colors"].items():
        assert pixels > 20, f"{name}'s path is drawn in its colour"
    assert out["log_changed"]


def test_file_export_3d_view_offscreen_refuses_with_the_views_reason_and_writes_nothing(window, qtbot, tmp_path):
    from PySide6 import QtWidgets

    from gui.export.dialogs import ImageExportDialog

    opened = []

    def run(dialog):  # what the person sees in the dialog File > Export > Export 3-D view… opens
        opened.append(dialog)
        assert dialog.findChild(QtWidgets.QComboBox, "whatCombo").currentData() == "view3d"
        assert dialog.findChild(QtWidgets.QComboBox, "formatCombo").currentData() == "png"
        edit = dialog.findChild(QtWidgets.QLineEdit, "pathEdit")
        edit.setText(str(tmp_path / "view.png"))
        dialog.accept()
        error = dialog.findChild(QtWidgets.QLabel, "errorLabel")
        opened.append(error.text())
        return QtWidgets.QDialog.DialogCode.Rejected

    export = window.actions["exportView3d"]
    assert export in window.export_menu.actions()
    orig = ImageExportDialog.exec
    ImageExportDialog.exec = run
    try:
        export.trigger()
    finally:
        ImageExportDialog.exec = orig
    error = opened[1]
    assert error.startswith("the 3-D view cannot be exported: ") and window.view3d.problem in error
    assert "OpenGL" in error and os.listdir(tmp_path) == [], "no blank file"
    assert window.view3d_dock.isVisible(), "the view shows, saying the same in place"


def test_the_3d_view_exports_as_png_only(window, tmp_path):
    from export.files import ExportError
    from gui.export.view3d import export_view3d

    with pytest.raises(ExportError, match="PNG only"):
        export_view3d(window, tmp_path / "v.svg")
    assert os.listdir(tmp_path) == []


GL_WINDOW_SCRIPT = r"""
import json, sys
import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets
from gui.app import make_app
app = make_app()
from gui.main_window import MainWindow
from gui.export.dialogs import ImageExportDialog
settings = QtCore.QSettings(sys.argv[2], QtCore.QSettings.Format.IniFormat)
w = MainWindow(settings=settings)
w.resize(1400, 900)
w.show()
w.controller.step(30)
for _ in range(5):
    app.processEvents()
path = sys.argv[1]
def run(dialog):  # File > Export > Export 3-D view…: the person types a name and presses Export
    dialog.findChild(QtWidgets.QSpinBox, "widthSpin").setValue(1200)
    dialog.findChild(QtWidgets.QLineEdit, "pathEdit").setText(path)
    dialog.accept()
    return dialog.result()
ImageExportDialog.exec = run
w.actions["exportView3d"].trigger()
for _ in range(5):
    app.processEvents()
img = QtGui.QImage(path)
out = {"problem": w.view3d.problem, "width": img.width()}
if not img.isNull():
    img = img.convertToFormat(QtGui.QImage.Format.Format_RGB888)
    arr = np.frombuffer(img.constBits(), np.uint8).reshape(img.height(), img.bytesPerLine())[:, : 3 * img.width()]
    arr = arr.reshape(img.height(), img.width(), 3).astype(int)
    out["not_white"] = float((np.abs(arr - 255).sum(axis=-1) > 30).mean())
w.close()
print(json.dumps(out))
"""


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="no xvfb-run: the OpenGL view needs an X server (Mesa)")
def test_under_xvfb_file_export_writes_the_3d_view(tmp_path):
    png = tmp_path / "view3d.png"
    res = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", sys.executable, "-c", GL_WINDOW_SCRIPT, str(png),
         str(tmp_path / "settings.ini")],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "xcb", "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert res.returncode == 0, res.stderr[-2000:]
    out = json.loads(res.stdout.strip().splitlines()[-1])
    if out["problem"]:
        pytest.skip(f"no OpenGL context under Xvfb here: {out['problem']}")
    assert out["width"] == 1200 and out["not_white"] > 0.05, "the surface, not a blank image"

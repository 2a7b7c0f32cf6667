""" "Copy as torch.optim code" from the Racers dock, the racer's context menu and the Edit menu."""

from __future__ import annotations

import os
import subprocess

import numpy as np
import pytest
from PySide6 import QtCore, QtGui, QtWidgets

Qt = QtCore.Qt
TORCH_PYTHON = os.environ.get("GRADIENT_ARENA_TORCH_PYTHON", "/work/torchvenv/bin/python")


def test_the_copy_button_puts_the_selected_racers_script_on_the_clipboard(qtbot, window):
    c = window.controller
    c.step(12)
    window.racers_dock.select(3)
    racer = c.config.racers[3]
    qtbot.mouseClick(window.racers_dock.torch_button, Qt.MouseButton.LeftButton)
    text = QtWidgets.QApplication.clipboard().text()
    compile(text, "clipboard.py", "exec")
    assert f'racer "{racer.name}"' in text and "range(12)" in text
    assert "Copied" in window.statusBar().currentMessage()
    # the Edit menu does the same for the selected racer
    window.racers_dock.select(0)
    QtWidgets.QApplication.clipboard().clear()
    action = window.findChild(QtGui.QAction, "copyTorchAction")
    assert action in window.edit_menu.actions()
    action.trigger()
    assert f'racer "{c.config.racers[0].name}"' in QtWidgets.QApplication.clipboard().text()


def test_the_copied_script_reproduces_the_drawn_path_with_torch(qtbot, window):
    if not os.path.exists(TORCH_PYTHON):
        pytest.skip(f"torch's Python {TORCH_PYTHON} is not installed (set GRADIENT_ARENA_TORCH_PYTHON)")
    c = window.controller
    c.set_surface("formula:sin(x)*cos(y) + 0.1*(x**2 + y**2)")
    c.step(40)
    window.racers_dock.select(3)
    text = window.racers_dock.copy_torch()
    ran = subprocess.run([TORCH_PYTHON, "-c", text], capture_output=True, text=True, timeout=120)
    assert ran.returncode == 0, ran.stderr[-1500:]
    got = np.array([[float(v) for v in line.split(",")[1:]] for line in ran.stdout.strip().splitlines()[1:]])
    runner = c.race.runners[3]
    np.testing.assert_allclose(got, runner.positions[: runner.steps + 1, 0], rtol=0, atol=1e-9)


def test_the_racers_context_menu_copies_that_racer(qtbot, window):
    dock = window.racers_dock
    QtWidgets.QApplication.clipboard().clear()
    picked = []

    def pick():
        menu = QtWidgets.QApplication.activePopupWidget()
        if menu is not None:
            picked.append([a.text() for a in menu.actions()])
            menu.actions()[0].trigger()
            menu.close()

    QtCore.QTimer.singleShot(200, pick)
    rect = dock.list.visualItemRect(dock.list.item(2))
    dock.list.customContextMenuRequested.emit(rect.center())
    assert picked and picked[0][0] == "Copy as torch.optim code"
    assert dock.current == 2
    assert f'racer "{window.controller.config.racers[2].name}"' in QtWidgets.QApplication.clipboard().text()

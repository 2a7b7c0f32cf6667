"""``main.py gui`` without a screen: a clear message and exit status 2, never Qt's core dump."""

import os
import subprocess
import sys

from cli.gui_command import display_problem

from .conftest import ROOT


def test_display_problem_reads_the_environment(tmp_path):
    assert display_problem({}, "linux") == "DISPLAY and WAYLAND_DISPLAY are not set"
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert display_problem({"DISPLAY": ":987"}, "linux") == "no X server is listening on DISPLAY=:987"
    assert display_problem({"DISPLAY": "remote-host:0"}, "linux") is None  # cannot tell: let Qt try
    assert display_problem({}, "darwin") is None and display_problem({}, "win32") is None


def test_no_display_exits_2_with_how_to_run():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    res = subprocess.run([sys.executable, str(ROOT / "main.py")], capture_output=True, text=True, env=env, timeout=60)
    assert res.returncode == 2
    assert res.stderr.startswith("error: no display to open the window on (DISPLAY and WAYLAND_DISPLAY are not set)")
    assert "xvfb-run python main.py" in res.stderr and "QT_QPA_PLATFORM=offscreen" in res.stderr

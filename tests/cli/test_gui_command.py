"""``main.py gui`` without a screen: a clear message and exit status 2, never Qt's core dump."""

import os
import subprocess
import sys

from cli.gui_command import display_help, display_problem

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


def test_missing_xcb_libraries_are_named_with_their_packages():
    env = {"DISPLAY": "remote-host:0"}
    assert display_problem(env, "linux", can_load=lambda soname: True) is None
    why = display_problem(
        env, "linux", can_load=lambda soname: soname not in ("libxcb-cursor.so.0", "libxcb-shape.so.0")
    )
    assert why == "Qt's X11 window plugin (xcb) cannot load libxcb-cursor.so.0, libxcb-shape.so.0"
    assert "sudo apt-get install libxcb-cursor0 libxcb-shape0;" in display_help(why)
    assert "QT_QPA_PLATFORM=offscreen" in display_help(why)
    # Qt told to use another platform, or no X display at all: the libraries do not matter (or not yet)
    assert display_problem({**env, "QT_QPA_PLATFORM": "offscreen"}, "linux", can_load=lambda soname: False) is None
    assert display_problem({}, "linux", can_load=lambda soname: False) == "DISPLAY and WAYLAND_DISPLAY are not set"
    assert display_problem({**env, "QT_QPA_PLATFORM": "xcb"}, "linux", can_load=lambda soname: False) is not None


def test_a_missing_xcb_library_exits_2_naming_the_package_instead_of_qts_abort():
    # a display Qt would try (and abort on) if the check let it through; libxcb-cursor0 "not installed"
    env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["DISPLAY"] = "remote-host:0"
    code = (
        "import sys; import cli.gui_command as g; "
        "g.loadable = lambda soname: soname != 'libxcb-cursor.so.0'; "
        "from cli.main import main; sys.exit(main(['gui']))"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    assert res.returncode == 2, res.stderr
    assert res.stderr.startswith("error: Qt's X11 window plugin (xcb) cannot load libxcb-cursor.so.0")
    assert "sudo apt-get install libxcb-cursor0;" in res.stderr

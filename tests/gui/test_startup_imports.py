"""Start-up loads what a window needs, nothing that only an export or a library lookup needs."""

import os
import subprocess
import sys
from pathlib import Path

from engine.fast import ENV_NO_JIT

ROOT = Path(__file__).resolve().parents[2]
LATER = (
    "ctypes.util",  # find_library forks ldconfig
    "xml.sax",
    "urllib.request",
    "gui.export",
    "export.gif",
    "export.mp4",
    "imageio",
    "PIL",
)


def test_the_window_starts_without_export_modules_or_library_lookups():
    code = (
        "import sys\n"
        "from gui.app import make_app\n"
        "from gui.main_window import MainWindow\n"
        "app = make_app()\n"
        "w = MainWindow()\n"
        f"print(' '.join(m for m in {LATER!r} if m in sys.modules))\n"
        "w.close()\n"
    )
    env = {**os.environ, ENV_NO_JIT: "1"}  # numba, loading in a background thread, imports what it needs
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True
    ).stdout
    assert out.split() == []

"""``python main.py ARGS`` in a fresh interpreter, as a person runs it (Qt offscreen: tests/conftest.py
sets ``QT_QPA_PLATFORM`` for the test process, and the child inherits it)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_subprocess(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """``python main.py ARGS`` from the project folder; its exit status and output."""
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT
    )

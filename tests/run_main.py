"""``python main.py ARGS`` in a fresh interpreter, as a person runs it (Qt offscreen: tests/conftest.py
sets ``QT_QPA_PLATFORM`` for the test process, and the child inherits it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from engine.fast import ENV_NO_JIT

ROOT = Path(__file__).resolve().parents[1]


def run_subprocess(*args: str, timeout: float = 120, jit: bool = False) -> subprocess.CompletedProcess:
    """``python main.py ARGS`` from the project folder; its exit status and output.

    The child runs on the NumPy path (``GRADIENT_ARENA_NO_JIT=1``) unless ``jit``: the compiled
    path gives the same bits (tests/engine/test_fast.py), and in a child that lives a second or
    two its background load (numba's import, ~1.5 s of CPU) only competes with what is tested."""
    env = dict(os.environ)
    if jit:
        env.pop(ENV_NO_JIT, None)
    else:
        env[ENV_NO_JIT] = "1"
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env=env,
    )

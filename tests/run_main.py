"""``python main.py ARGS`` in a fresh interpreter, as a person runs it (Qt offscreen: tests/conftest.py
sets ``QT_QPA_PLATFORM`` for the test process, and the child inherits it), or in this process
(``call_main``, what the ``cli`` fixture uses)."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from dataclasses import dataclass
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


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


class _Stream(io.TextIOWrapper):
    """A UTF-8 text stream over memory, written through (what a terminal would show)."""

    def __init__(self) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8", newline="", write_through=True)

    def text(self) -> str:
        self.flush()
        return self.buffer.getvalue().decode("utf-8")  # type: ignore[attr-defined]


def call_main(args) -> Result:
    """``main.py ARGS`` in this process: its exit status and what it printed on stdout and stderr.

    The output goes to streams of its own for the length of the call, not through pytest's
    capsys, whose state other plugins and earlier tests share (a CI run once saw capsys read
    nothing of an error this call had just written). A traceback propagates."""
    from cli.main import main

    out, err = _Stream(), _Stream()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse's usage errors
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    return Result(code, out.text(), err.text())

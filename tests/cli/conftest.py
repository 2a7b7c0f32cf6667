"""The command line runs in-process (the ``cli`` fixture of tests/conftest.py, fast) or as a
subprocess (``run_subprocess``, as a person runs it)."""

from __future__ import annotations

from pathlib import Path

from ..run_main import run_subprocess  # noqa: F401 - the CLI tests import it from here

ROOT = Path(__file__).resolve().parents[2]

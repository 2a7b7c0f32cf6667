"""Run the command line in-process (fast) or as a subprocess (as a person runs it)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from ..run_main import run_subprocess  # noqa: F401 - the CLI tests import it from here

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(capsys, monkeypatch):
    """``cli("race", "--surface", ...)``: ``main.py``'s entry point called in this process,
    from the project folder, with its exit status and printed output."""
    from cli.main import main

    monkeypatch.chdir(ROOT)

    def run(*args: str) -> Result:
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse's usage errors
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        out = capsys.readouterr()
        return Result(code, out.out, out.err)

    return run

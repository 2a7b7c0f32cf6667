"""Test-wide setup.

Qt runs offscreen (set before anything imports Qt). pytest-qt is loaded only when
GUI tests are collected (``-p no:pytest-qt`` in the pytest options, registered
here when the selection includes ``tests/gui``), so the engine, surface, arena
and CLI tests run without importing Qt at all: they pass on a machine where
PySide6 cannot load.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTEST_QT_API", "pyside6")

ROOT = Path(__file__).resolve().parents[1]
GUI_TESTS = Path(__file__).resolve().parent / "gui"


def _selects_gui_tests(config) -> bool:
    root = Path(str(config.rootpath))
    args = config.args or [str(root)]
    for arg in args:
        path = Path(arg.split("::")[0])
        path = (Path(config.invocation_params.dir) / path).resolve()
        if path == GUI_TESTS or GUI_TESTS in path.parents or path in GUI_TESTS.parents:
            return True
    return False


def pytest_configure(config) -> None:
    if _selects_gui_tests(config) and not config.pluginmanager.has_plugin("pytestqt.plugin"):
        config.pluginmanager.import_plugin("pytestqt.plugin")


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(capsys, monkeypatch):
    """``cli("race", "--surface", ...)``: ``main.py``'s entry point called in this process,
    from the project folder, with its exit status and printed output (no interpreter to
    start: use it where a fresh process adds nothing to what the test checks)."""
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

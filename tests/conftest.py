"""Test-wide setup.

Qt runs offscreen (set before anything imports Qt). pytest-qt is loaded only when
GUI tests are collected (``-p no:pytest-qt`` in the pytest options, registered
here when the selection includes ``tests/gui``), so the engine, surface, arena
and CLI tests run without importing Qt at all: they pass on a machine where
PySide6 cannot load.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.run_main import Result, call_main

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


@pytest.fixture
def cli(monkeypatch):
    """``cli("race", "--surface", ...)``: ``main.py``'s entry point called in this process,
    from the project folder, with its exit status and printed output (no interpreter to
    start: use it where a fresh process adds nothing to what the test checks)."""
    monkeypatch.chdir(ROOT)

    def run(*args: str) -> Result:
        return call_main(args)

    return run

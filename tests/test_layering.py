"""engine/, surfaces/ and the headless CLI never import Qt or pyqtgraph."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_headless_modules_load_without_qt():
    code = ("import sys, engine, surfaces, cli, cli.race, cli.listing, main; "
            "from cli.main import main as m; "
            "import io, contextlib; buf = io.StringIO()\n"
            "with contextlib.redirect_stdout(buf): m(['list'])\n"
            "bad = sorted(k for k in sys.modules if k.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6'));"
            "print(bad); sys.exit(1 if bad else 0)")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0, res.stdout + res.stderr


def test_engine_and_surfaces_source_never_mention_qt():
    for pkg in ("engine", "surfaces", "cli"):
        for path in (ROOT / pkg).rglob("*.py"):
            text = path.read_text()
            if pkg == "cli" and path.name == "gui_command.py":
                continue
            for banned in ("PySide6", "pyqtgraph", "from gui", "import gui"):
                assert banned not in text, f"{path} mentions {banned}"

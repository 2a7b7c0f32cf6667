"""engine/, surfaces/, arena/ and the headless CLI never import Qt or pyqtgraph;
engine/ does not import surfaces/ either."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_headless_modules_load_and_run_without_qt(tmp_path):
    csv = tmp_path / "r.csv"
    code = (
        "import sys, io, contextlib, engine, surfaces, arena, cli, cli.race, cli.listing, main\n"
        "from cli.main import main as m\n"
        "buf = io.StringIO()\n"
        "with contextlib.redirect_stdout(buf):\n"
        "    m(['list'])\n"
        f"    m(['race', '--surface', 'rosenbrock', '--optimizer', 'adam', '--steps', '5', '--csv', {str(csv)!r},"
        f" '--summary-csv', {str(tmp_path / 's.csv')!r}, '--save-session', {str(tmp_path / 's.json')!r}])\n"
        # a copy of sys.modules: the compiled path's loader thread may import while we look
        "names = list(sys.modules)\n"
        "bad = sorted(k for k in names if k.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6', 'gui'))\n"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0, res.stdout + res.stderr
    assert csv.exists()


def test_engine_does_not_import_surfaces():
    code = "import sys, engine; sys.exit(1 if 'surfaces' in sys.modules else 0)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


def test_qt_free_packages_never_mention_qt():
    for pkg in ("engine", "surfaces", "problems", "arena"):
        for path in (ROOT / pkg).rglob("*.py"):
            text = path.read_text()
            for banned in ("PySide6", "pyqtgraph", "from gui", "import gui"):
                assert banned not in text, f"{path} mentions {banned}"
    imports_surfaces = re.compile(r"^\s*(from surfaces|import surfaces)", re.MULTILINE)
    for path in (ROOT / "engine").rglob("*.py"):
        assert not imports_surfaces.search(path.read_text()), f"{path} imports surfaces"

"""The README's Python code and the scripts in examples/ run as written."""

from __future__ import annotations

import re
import runpy
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.py"))


def readme_python_blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"^```python\n(.*?)^```", text, flags=re.S | re.M)


def test_the_readme_has_python_examples():
    assert len(readme_python_blocks()) >= 1
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize("index", range(len(readme_python_blocks())))
def test_readme_python_block_runs(index):
    code = readme_python_blocks()[index]
    namespace: dict = {"__name__": "__readme__"}
    exec(compile(code, f"README.md python block {index + 1}", "exec"), namespace)
    if "run" in namespace:  # the API block's single run and batch: shapes as the README says
        assert namespace["run"].positions.shape == (501, 2)
        assert namespace["many"].final_positions.shape == (10_000, 2)


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: p.name)
def test_example_runs(script, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", [str(script), str(tmp_path)])
    monkeypatch.chdir(tmp_path)
    runpy.run_path(str(script), run_name="__main__")
    out = capsys.readouterr().out
    assert out.strip(), f"{script.name} printed nothing"
    if script.name == "session.py":
        assert (tmp_path / "race.json").exists() and (tmp_path / "race.csv").exists()
        assert out.count("replayed identically") == 3
    if script.name == "basin_map.py":
        shares = [float(s) for s in re.findall(r"([\d.]+)% of the starts", out)]
        assert len(shares) == 4 and abs(sum(shares) - 100) < 1.0
    if script.name == "race.py":
        assert "newton" in out and "converged" in out


def test_no_benchmark_script_shadows_a_standard_module():
    """`python benchmarks/NAME.py` puts benchmarks/ first on sys.path: a benchmarks/inspect.py broke every
    other benchmark (numpy imports the standard inspect)."""
    import sys
    from pathlib import Path

    names = {p.stem for p in (Path(__file__).resolve().parents[1] / "benchmarks").glob("*.py")}
    assert not names & set(sys.stdlib_module_names)

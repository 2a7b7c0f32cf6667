"""Output in an ASCII locale, and numbers at the edges of a float.

With ``LC_ALL=C`` and UTF-8 mode off (``PYTHONUTF8=0``, PYTHONIOENCODING unset) stdout is
ASCII: ``list`` and ``race`` must transliterate (``x²`` -> ``x^2``, ``é`` -> ``e``) or
backslash-escape, never die with UnicodeEncodeError.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from engine import simulate
from surfaces import get_surface

ROOT = Path(__file__).resolve().parents[2]


def run_ascii(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "LANG", "LC_CTYPE")}
    env.update(LC_ALL="C", PYTHONUTF8="0", GRADIENT_ARENA_NO_JIT="1")
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], capture_output=True, cwd=ROOT, env=env, timeout=120
    )


def test_list_in_an_ascii_locale_transliterates():
    res = run_ascii("list")
    assert res.returncode == 0, res.stderr.decode("ascii", "replace")
    out = res.stdout.decode("ascii")  # every byte is ASCII
    assert "Sphere: x^2 + y^2" in out and "Traceback" not in res.stderr.decode("ascii", "replace")


def test_race_with_accented_and_odd_names_in_an_ascii_locale(tmp_path):
    session = json.loads((ROOT / "arena/data/presets/textbook.json").read_text(encoding="utf-8"))
    session["racers"][0]["name"] = "Café ² ☃"
    session["steps"] = 3
    path = tmp_path / "s.json"
    path.write_text(json.dumps(session), encoding="utf-8")
    res = run_ascii("race", "--session", str(path))
    assert res.returncode == 0, res.stderr.decode("ascii", "replace")
    assert "Cafe ^2 \\u2603" in res.stdout.decode("ascii")


def test_errors_in_an_ascii_locale_are_one_ascii_line():
    res = run_ascii("race", "--surface", "sphère\n", "--optimizer", "adam")
    assert res.returncode == 2
    err = res.stderr.decode("ascii")
    assert err.startswith("error: ") and err.count("\n") == 1


def test_tol_zero_means_a_zero_gradient_not_a_denormal_one():
    sphere = get_surface("sphere")
    for start in [(1e-320, 0.0), (5e-310, 5e-310), (2.5e-162, 0.0)]:  # gradients whose square underflows to 0
        run = simulate(sphere, "sgd:lr=0.1", start=start, steps=2, tol=0.0)
        assert run.status == "running", start
    assert simulate(sphere, "sgd:lr=0.1", start=(0.0, 0.0), steps=2, tol=0.0).status == "converged"


def test_tol_near_the_largest_float_compares_the_norm_exactly():
    sphere = get_surface("sphere")
    assert simulate(sphere, "sgd", start=(3.0, 4.0), steps=2, tol=1.79e308).status == "converged"
    # tol 1e-170: tol^2 and grad^2 both underflow to 0, so a squared test says "converged" at any such gradient
    assert (
        simulate(sphere, "sgd", start=(0.4e-170, 0.4e-170), steps=1, tol=1e-170).status != "converged"
    )  # |g| 1.13e-170
    assert (
        simulate(sphere, "sgd", start=(0.3e-170, 0.3e-170), steps=1, tol=1e-170).status == "converged"
    )  # |g| 0.85e-170

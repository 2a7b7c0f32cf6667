"""``race --surface "formula:..."`` and ``list``'s formula syntax, from the command line."""

from __future__ import annotations

import csv

from .conftest import run_subprocess


def _rows(path):
    with open(path, newline="") as fh:
        return list(csv.DictReader(fh))


def test_race_on_a_typed_formula_writes_its_csv_and_session(tmp_path):
    out, session = tmp_path / "race.csv", tmp_path / "race.json"
    spec = "formula:x**2/20 + y**2; x=-6..6; y=-3..3"
    done = run_subprocess(
        "race",
        "--surface",
        spec,
        "--start",
        "-5,2",
        "--optimizer",
        "sgd:lr=0.4",
        "--steps",
        "30",
        "--csv",
        str(out),
        "--save-session",
        str(session),
    )
    assert done.returncode == 0, done.stderr
    rows = _rows(out)
    assert (float(rows[0]["x"]), float(rows[0]["y"])) == (-5.0, 2.0)
    # plain gradient descent on x²/20 + y²: x shrinks by (1 - 0.4/10) a step, y by (1 - 0.8)
    assert float(rows[-1]["x"]) == -5.0 * 0.96**30 or abs(float(rows[-1]["x"]) + 5.0 * 0.96**30) < 1e-12
    assert abs(float(rows[-1]["y"])) < 1e-15
    again = run_subprocess("race", "--session", str(session), "--csv", str(tmp_path / "again.csv"), "-q")
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "again.csv").read_text() == out.read_text()


def test_a_bad_formula_is_refused_with_the_column(cli):
    done = cli("race", "--surface", "formula:x**2 + y.__class__", "--optimizer", "adam")
    assert done.returncode != 0
    assert "--surface" in done.stderr and "column 8" in done.stderr and "attribute" in done.stderr


def test_list_explains_the_formula_syntax(cli):
    done = cli("list")
    assert done.returncode == 0
    assert "formula:EXPR" in done.stdout and "x=XMIN..XMAX" in done.stdout and "sin" in done.stdout

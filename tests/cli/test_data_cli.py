"""``race --surface linear_regression --data FILE.csv``: a race fitted to the user's own points; the saved
session embeds them and replays without the file; a folder, a file for a network problem, a surface without
data and a bad file are refused with exit status 2 and a message naming what is wrong."""

import csv
import json

import numpy as np

from surfaces.datafile import parse_data_csv

from .conftest import run_subprocess

POINTS = "x,y\n0,1.1\n1,2.9\n2,5.2\n3,7.1\n4,8.8\n"


def test_a_race_on_a_csv_file_fits_its_points_and_its_session_replays_without_it(tmp_path, cli):
    data, a, b, s = tmp_path / "pts.csv", tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "s.json"
    data.write_text(POINTS)
    res = cli("race", "--surface", "linear_regression", "--data", str(data), "--optimizer", "adam:lr=0.1",
              "--steps", "3000", "--csv", str(a), "--save-session", str(s))  # fmt: skip
    assert res.returncode == 0, res.stderr
    rows = list(csv.DictReader(open(a, newline="")))
    last = rows[-1]
    x = np.array([0, 1, 2, 3, 4.0])
    slope, intercept = np.polyfit(x, [1.1, 2.9, 5.2, 7.1, 8.8], 1)
    assert abs(float(last["x"]) - intercept) < 1e-3 and abs(float(last["y"]) - slope) < 1e-3  # the fit, reached
    assert (float(rows[0]["x"]), float(rows[0]["y"])) == (0.0, 0.0)  # from the data surface's start
    saved = json.loads(s.read_text())
    assert saved["surface"]["data"]["rows"][2] == [2.0, 5.2] and saved["surface"]["data"]["source"] == "pts.csv"
    data.unlink()  # the session holds the data: it replays without the file
    res = cli("race", "--session", str(s), "--csv", str(b))
    assert res.returncode == 0, res.stderr
    assert a.read_text() == b.read_text()


def test_a_logistic_file_in_a_fresh_process(tmp_path):
    data = tmp_path / "cls.csv"
    data.write_text("1,2,0\n-1,0.5,1\n0.3,-2,1\n2,1,0\n-0.5,-1,1\n1,-1,0\n-2,1,0\n0.5,0.5,1\n")
    res = run_subprocess("race", "--surface", "logistic_regression", "--data", str(data), "--optimizer", "sgd:lr=0.5",
                         "--steps", "400")  # fmt: skip
    assert res.returncode == 0, res.stderr
    assert "Logistic regression" in res.stdout and "ran 400 steps" in res.stdout
    assert parse_data_csv(data.read_text(), "logistic").n == 8


def test_wrong_kinds_and_bad_files_are_clear_errors(tmp_path, cli):
    good = tmp_path / "pts.csv"
    good.write_text(POINTS)
    bad = tmp_path / "bad.csv"
    bad.write_text("x,y\n1,2\n3,oops\n")
    for args, message in [
        (["--surface", "himmelblau", "--data", str(good)], "'himmelblau' has no data"),
        (["--surface", "linear_regression", "--data", str(tmp_path)], "is a folder: a data-fit surface takes a CSV"),
        (["--problem", "mlp:digits", "--data", str(good)], "is a file: a CSV file goes with --surface"),
        (["--surface", "linear_regression", "--data", str(bad)], "bad.csv, line 3, column 2: 'oops' is not a number"),
        (["--surface", "logistic_regression", "--data", str(good)], "pts.csv, line 1: the header has 2 columns"),
        (["--surface", "linear_regression:n=5", "--data", str(good)], "give no parameters"),
        (["--surface", "linear_regression", "--data", str(tmp_path / "none.csv")], "none.csv: cannot be read"),
    ]:
        res = cli("race", *args, "--optimizer", "adam", "--steps", "5")
        assert res.returncode == 2, (args, res.stderr)
        assert message in res.stderr, (args, res.stderr)

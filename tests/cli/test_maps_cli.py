"""``main.py basins | sweep | boundary``: the files they write and the errors they give."""

from __future__ import annotations

import csv

import numpy as np
import pytest

from engine import maps


@pytest.fixture(autouse=True)
def _no_cache():
    maps.clear_cache()


def _rows(path):
    with open(path, newline="") as fh:
        return list(csv.DictReader(fh))


def test_basins_writes_a_csv_npz_and_png_of_every_cell(cli, tmp_path):
    out = tmp_path / "b"
    r = cli("basins", "--surface", "himmelblau", "--optimizer", "sgd:lr=0.005", "--grid", "24x16", "--steps", "800",
            "--csv", f"{out}.csv", "--npz", f"{out}.npz", "--png", f"{out}.png", "--width", "600")  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert "basins: sgd:lr=0.005 on himmelblau, 24x16 cells x 800 steps" in r.stdout
    rows = _rows(f"{out}.csv")
    assert len(rows) == 24 * 16
    assert list(rows[0]) == ["x", "y", "basin", "steps", "final_x", "final_y", "final_loss"]
    assert float(rows[0]["x"]) == -5.0 and float(rows[-1]["y"]) == 5.0
    data = np.load(f"{out}.npz")
    assert data["basin"].shape == (16, 24) and str(data["spec"]) == "sgd:lr=0.005"
    np.testing.assert_array_equal(data["x"], np.linspace(-5, 5, 24))
    # the CSV and the NPZ say the same, cell by cell
    assert [int(r["basin"]) for r in rows] == data["basin"].ravel().tolist()
    # each printed share is the share of cells in that basin (minimum 0 of Himmelblau is (3, 2))
    share = 100 * np.mean(data["basin"] == 0)
    assert f"{share:5.1f}%  (3, 2)" in r.stdout
    from PySide6 import QtGui

    img = QtGui.QImage(f"{out}.png")
    assert img.width() == 600 and img.height() > 300
    colours = {img.pixelColor(x, y).name() for x in range(0, 600, 3) for y in range(0, img.height(), 3)}
    assert "#0072b2" in colours and "#e69f00" in colours  # the key's swatches (and the map) in the basins' colours


def test_several_optimizers_make_maps_side_by_side_and_numbered_files(cli, tmp_path):
    r = cli("basins", "--surface", "himmelblau", "--optimizer", "sgd:lr=0.01", "--optimizer", "adam:lr=0.05",
            "--grid", "12", "--steps", "100", "--csv", str(tmp_path / "m.csv"), "-q")  # fmt: skip
    assert r.returncode == 0 and r.stdout == ""
    assert len(_rows(tmp_path / "m-1.csv")) == 144 and len(_rows(tmp_path / "m-2.csv")) == 144


def test_sweep_csv_has_the_hyperparameters_and_a_status_word_per_cell(cli, tmp_path):
    r = cli("sweep", "--surface", "elongated_bowl", "--optimizer", "sgd", "--x", "lr=0.1..3", "--y",
            "momentum=0..0.9", "--grid", "10x4", "--steps", "300", "--csv", str(tmp_path / "s.csv"))  # fmt: skip
    assert r.returncode == 0, r.stderr
    rows = _rows(tmp_path / "s.csv")
    assert len(rows) == 40 and list(rows[0])[:3] == ["lr", "momentum", "status"]
    lrs = sorted({float(r["lr"]) for r in rows})
    np.testing.assert_allclose(lrs, np.geomspace(0.1, 3, 10))  # lr is a log hyperparameter in the registry
    assert {r["status"] for r in rows} <= {"converged", "budget used", "diverged"}
    for row in rows:  # heavy ball on x²/20 + y² diverges past lr = 2 (1 + β) / 2
        edge = 1 + float(row["momentum"])
        if float(row["lr"]) > edge * 1.05:
            assert row["status"] == "diverged", row


def test_boundary_marks_the_stable_quadrant(cli, tmp_path):
    r = cli("boundary", "--surface", "elongated_bowl", "--x", "1..100", "--y", "0.05..5", "--grid", "9",
            "--steps", "400", "--npz", str(tmp_path / "t.npz"))  # fmt: skip
    assert r.returncode == 0, r.stderr
    d = np.load(tmp_path / "t.npz")
    lx, ly = np.meshgrid(d["x"], d["y"])
    escaped = d["escape"] >= 0
    assert not escaped[(lx < 19) & (ly < 0.95)].any() and escaped[(lx > 21) | (ly > 1.05)].all()


@pytest.mark.parametrize(
    "args, message",
    [
        (("basins", "--grid", "1"), "--grid '1': each side must be from 2 to 4096"),
        (("basins", "--grid", "abc"), "expected N or WxH"),
        (("basins", "--view", "1,2,3"), "--view '1,2,3': expected four numbers"),
        (("basins", "--view", "1,0,0,1"), "x: the range must go from low to high"),
        (("basins", "--optimizer", "adamm"), "adamm"),
        (("basins", "--steps", "0"), "steps must be a whole number from 1"),
        (("sweep", "--optimizer", "sgd", "--x", "lr", "--y", "momentum=0..1"), "expected KEY=LO..HI"),
        (("sweep", "--optimizer", "sgd", "--x", "lr=1..", "--y", "momentum=0..1"), "expected LO..HI"),
        (("sweep", "--optimizer", "sgd", "--x", "beta9=0..1", "--y", "lr=0.1..1"), "sgd has no hyperparameter 'beta9'"),
        (("sweep", "--optimizer", "sgd", "--x", "lr=0..1", "--y", "momentum=0..0.9"), "log axis needs a range above 0"),
        (("sweep", "--optimizer", "sgd", "--x", "lr=0.1..1", "--y", "momentum=0..2"), "momentum"),
        (("boundary", "--x", "-1..1"), "log axis needs a range above 0"),
        (("basins", "--csv", "/no/such/folder/a.csv"), "folder does not exist"),
        (("basins", "--csv", "same.out", "--npz", "same.out"), "both name 'same.out'"),
        (("basins", "--workers", "0"), "--workers 0: expected 1 to 256"),
        (("basins", "--width", "10"), "--width 10"),
    ],
)
def test_bad_map_arguments_are_one_line_errors(cli, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    r = cli(*args, "--grid", "4", "--steps", "5") if "--grid" not in args and "--steps" not in args else cli(*args)
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    assert r.stderr.startswith("error: ") and r.stderr.count("\n") == 1 and message in r.stderr, r.stderr
    assert list(tmp_path.iterdir()) == []  # nothing written

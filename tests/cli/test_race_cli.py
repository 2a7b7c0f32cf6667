"""The headless command: exit codes, messages, CSV contents. Most cases call the
entry point in-process (the ``cli`` fixture); a few run ``python main.py`` as a
subprocess, as a person does."""

import csv
import os
from pathlib import Path

import numpy as np
import pytest

from engine import OPTIMIZERS, simulate
from surfaces import get_surface

from .conftest import run_subprocess

ROOT = Path(__file__).resolve().parents[2]


def read_csv(path):
    with open(path, newline="") as fh:
        return list(csv.DictReader(fh))


def test_list_prints_every_surface_and_optimizer():
    res = run_subprocess("list")  # the real command (its start-up time is in benchmarks/cli.py)
    assert res.returncode == 0, res.stderr
    for name in ["sphere", "ill_conditioned", "rosenbrock", "styblinski_tang", *OPTIMIZERS]:
        assert f"  {name} " in res.stdout
    assert "kappa=50.0" in res.stdout and "momentum_decay" in res.stdout
    assert "in [0, 1)" in res.stdout and "> 0" in res.stdout
    assert "(3, 0.5) -> 0" in res.stdout


def test_race_with_all_optimizers_writes_the_long_csv(tmp_path):  # end to end, in a fresh interpreter
    out = tmp_path / "race.csv"
    specs = list(OPTIMIZERS)
    args = ["race", "--surface", "rosenbrock", "--start", "-1.5,2", "--steps", "60", "--csv", str(out)]
    for s in specs:
        args += ["--optimizer", s]
    res = run_subprocess(*args, jit=True)  # as a person runs it: the compiled kernels load meanwhile
    assert res.returncode == 0, res.stderr
    rows = read_csv(out)
    with open(out) as fh:
        header = fh.readline().strip().split(",")
    assert header[:10] == ["optimizer", "step", "x", "y", "loss", "grad_x", "grad_y", "eff_lr_x", "eff_lr_y", "status"]
    assert [r["optimizer"] for r in rows if r["step"] == "0"] == specs
    surface = get_surface("rosenbrock")
    for spec in specs:
        mine = [r for r in rows if r["optimizer"] == spec]
        expected = simulate(surface, spec, start=(-1.5, 2), steps=60)
        assert len(mine) == len(expected.positions)
        xy = np.array([[float(r["x"]), float(r["y"])] for r in mine])
        np.testing.assert_array_equal(xy, expected.positions)  # written exactly
        g = np.array([[float(r["grad_x"]), float(r["grad_y"])] for r in mine])
        np.testing.assert_array_equal(g, expected.gradients)
        assert mine[0]["eff_lr_x"] == "" and mine[0]["eff_lr_y"] == ""
        np.testing.assert_array_equal([float(r["eff_lr_x"]) for r in mine[1:]], expected.effective_lr[1:, 0])
        assert mine[-1]["status"] == ("budget used" if expected.status == "running" else expected.status)
    assert "ran 60 steps" in res.stdout


def test_repeated_spec_gets_numbered_label_and_spec_kept_as_typed(tmp_path, cli):
    out = tmp_path / "r.csv"
    res = cli(
        "race",
        "--surface",
        "sphere",
        "--start=-1.5,2",
        "--optimizer",
        "sgd:lr=0.1",
        "--optimizer",
        "sgd:lr=0.1",
        "--optimizer",
        "sgd:lr=1e-1,momentum=0.5",
        "--steps",
        "5",
        "--csv",
        str(out),
    )
    assert res.returncode == 0, res.stderr
    labels = [r["optimizer"] for r in read_csv(out) if r["step"] == "0"]
    assert labels == ["sgd:lr=0.1", "sgd:lr=0.1 #2", "sgd:lr=1e-1,momentum=0.5"]
    first = [r for r in read_csv(out) if r["optimizer"] == "sgd:lr=0.1"][0]
    assert (float(first["x"]), float(first["y"])) == (-1.5, 2.0)


def test_diverged_racer_stops_with_its_status_while_others_go_on(tmp_path, cli):
    out = tmp_path / "d.csv"
    res = cli(
        "race",
        "--surface",
        "rosenbrock",
        "--start",
        "-1.5,2",
        "--optimizer",
        "sgd:lr=0.01",
        "--optimizer",
        "adam:lr=0.01",
        "--steps",
        "100",
        "--tol",
        "1e-12",
        "--csv",
        str(out),
    )
    assert res.returncode == 0, res.stderr
    rows = read_csv(out)
    sgd = [r for r in rows if r["optimizer"] == "sgd:lr=0.01"]
    adam = [r for r in rows if r["optimizer"] == "adam:lr=0.01"]
    assert sgd[-1]["status"] == "diverged" and len(sgd) < 101
    assert all(r["status"] == "running" for r in sgd[:-1])
    assert len(adam) == 101 and adam[-1]["status"] == "budget used" and all(r["status"] == "running" for r in adam[:-1])
    assert f"diverged at {len(sgd) - 1}" in res.stdout


def test_converged_racer_has_its_status_on_its_last_row(tmp_path, cli):
    out = tmp_path / "c.csv"
    res = cli(
        "race",
        "--surface",
        "sphere",
        "--start",
        "3,4",
        "--optimizer",
        "sgd:lr=0.25",
        "--steps",
        "500",
        "--tol",
        "1e-8",
        "--csv",
        str(out),
    )
    assert res.returncode == 0, res.stderr
    rows = read_csv(out)
    assert rows[-1]["status"] == "converged" and len(rows) < 100


def test_surface_parameters_and_csv_to_stdout(cli):
    res = cli(
        "race",
        "--surface",
        "ill_conditioned:kappa=100,angle=45",
        "--start",
        "1,1",
        "--optimizer",
        "newton",
        "--steps",
        "1",
        "--csv",
        "-",
    )
    assert res.returncode == 0, res.stderr
    last = res.stdout.strip().splitlines()[-1].split(",")
    assert last[0] == "newton" and abs(float(last[2])) < 1e-12 and abs(float(last[3])) < 1e-12


@pytest.mark.parametrize(
    "args,needle",
    [
        (["--surface", "banana", "--optimizer", "adam"], "unknown surface 'banana'"),
        (["--surface", "ill_conditioned:kappa=0", "--optimizer", "adam"], "kappa"),
        (["--surface", "rosenbrock", "--optimizer", "adamm"], "unknown optimizer 'adamm'"),
        (["--surface", "rosenbrock", "--optimizer", "adam:lrr=0.1"], "unknown hyperparameter 'lrr'"),
        (["--surface", "rosenbrock", "--optimizer", "adam:lr=-1"], "lr=-1.0: must be > 0"),
        (["--surface", "rosenbrock", "--optimizer", "adam:lr=fast"], "lr='fast': must be a number"),
        (["--surface", "rosenbrock", "--optimizer", "adam:beta1=1"], "beta1=1.0: must be in [0, 1)"),
        (["--surface", "rosenbrock", "--optimizer", "sgd:nesterov=true"], "nesterov=true needs momentum > 0"),
        (["--surface", "rosenbrock", "--optimizer", "adam", "--start", "1"], "--start '1'"),
        (["--surface", "rosenbrock", "--optimizer", "adam", "--start", "a,b"], "--start 'a,b'"),
        (["--surface", "rosenbrock", "--optimizer", "adam", "--steps", "-5"], "--steps -5: must be >= 0"),
        (["--surface", "rosenbrock", "--optimizer", "adam", "--steps", "ten"], "invalid int value: 'ten'"),
        (["--surface", "rosenbrock", "--optimizer", "adam", "--tol", "-1"], "--tol"),
        (["--surface", "rosenbrock", "--optimizer", "adam", "--csv", "/nonexistent-dir/x.csv"], "does not exist"),
        (["--surface", "rosenbrock"], "--optimizer"),
    ],
)
def test_bad_input_is_one_line_error_with_status_2(args, needle, cli):
    res = cli("race", *args)
    assert res.returncode == 2
    err = res.stderr.strip()
    assert err.startswith("error: ") and "\n" not in err and "Traceback" not in err
    assert needle in err, err


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_csv_path(tmp_path, cli):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    res = cli("race", "--surface", "sphere", "--optimizer", "sgd", "--csv", str(ro / "x.csv"))
    assert res.returncode == 2 and "not writable" in res.stderr


def test_csv_write_failure_is_reported_and_leaves_nothing(tmp_path, cli):
    # /proc accepts no new files, even for root: the write itself fails
    res = cli("race", "--surface", "sphere", "--optimizer", "sgd", "--csv", "/proc/gradient-arena-test.csv")
    assert res.returncode == 2 and res.stderr.startswith("error: --csv '/proc/gradient-arena-test.csv'")
    assert "Traceback" not in res.stderr and not os.path.exists("/proc/gradient-arena-test.csv")


def test_csv_path_that_is_a_folder(tmp_path, cli):
    res = cli("race", "--surface", "sphere", "--optimizer", "sgd", "--csv", str(tmp_path))
    assert res.returncode == 2 and "is a folder" in res.stderr

"""A network race through the race model, sessions, presets, CSV export and the command line."""

import csv
import gzip
import io
import struct

import numpy as np
import pytest

from arena import Race, RaceConfig, RacerConfig, SessionError, list_presets, load_preset, parse_session, session_dict
from arena.session import dump_session, load_session
from problems.csvio import network_csv_columns, write_network_csv
from problems.datasets import IDX_FILES

from ..cli.conftest import run_subprocess

MOONS = "mlp:moons,layers=8,n=200,eval_every=4"


def _config(**kw):
    racers = [RacerConfig("sgd", {"lr": 0.1}, options={"batch_size": 20}), RacerConfig("adam", {"lr": 0.01})]
    return RaceConfig(problem=MOONS, steps=10, racers=racers, **kw)


def test_race_trains_each_racer_on_its_own_stream():
    race = Race(_config(seed=2))
    assert race.surface is None and race.problem.model.sizes == (2, 8, 2)
    race.advance(10)
    assert race.done
    sgd, adam = race.records()
    assert sgd.steps == adam.steps == 10 and sgd.label == "SGD" and adam.label == "Adam"
    again = Race(_config(seed=2))
    again.advance(10)
    np.testing.assert_array_equal(again.records()[0].final_params, sgd.final_params)
    other = Race(_config(seed=3))
    other.advance(10)
    assert not np.array_equal(other.records()[0].final_params, sgd.final_params)
    np.testing.assert_array_equal(other.records()[1].final_params, adam.final_params)  # full batch: no randomness


def test_session_round_trip_keeps_the_problem_and_no_surface():
    config = _config(seed=5)
    data = session_dict(config)
    assert data["problem"] == MOONS and "surface" not in data and "start" not in data
    back = parse_session(data)
    assert back.problem == MOONS and back.seed == 5 and back.racers[0].options == {"batch_size": 20}
    assert dump_session(back) == dump_session(config)


def test_bad_network_sessions_say_where():
    data = session_dict(_config())
    data["problem"] = "mlp:moons,layers=8xx"
    with pytest.raises(SessionError, match=r"problem: layers=8xx: expected hidden widths"):
        parse_session(data)
    data = session_dict(_config())
    data["racers"][0]["optimizer"] = "newton"
    data["racers"][1]["options"] = {"batch_size": 1000}
    with pytest.raises(SessionError) as err:
        parse_session(data)
    text = str(err.value)
    assert 'racer 1 ("SGD").optimizer: newton needs the Hessian' in text
    assert 'racer 2 ("Adam").batch_size: must be <= n = 160' in text


def test_network_presets_load_and_are_listed():
    names = [name for name, _ in list_presets()]
    assert "mnist-homework" in names and "moons" in names
    homework = load_preset("mnist-homework")
    assert homework.problem == "mlp:digits,layers=100x100x100x100"
    assert [r.optimizer for r in homework.racers] == ["sgd", "momentum", "adagrad", "adam"]
    assert homework.build_problem().model.sizes == (64, 100, 100, 100, 100, 10)
    moons = load_preset("moons")
    race = Race(moons)
    race.advance(moons.steps)
    acc = {r.label: r.test_accuracies[-1] for r in race.records()}
    assert min(acc["Momentum"], acc["AdaGrad"], acc["Adam"]) > 0.95 and acc["SGD"] < acc["Adam"]


def test_csv_has_a_row_per_step_per_racer_with_evaluations_and_layer_bands():
    race = Race(_config())
    race.advance(10)
    buf = io.StringIO()
    write_network_csv(buf, race.records(), 10)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert list(rows[0]) == list(network_csv_columns(2))
    assert len(rows) == 2 * 11
    sgd = [r for r in rows if r["optimizer"] == "SGD"]
    assert [r["step"] for r in sgd] == [str(t) for t in range(11)]
    assert [r["step"] for r in sgd if r["test_loss"]] == ["0", "4", "8", "10"]
    assert sgd[0]["batch_loss"] == "" and float(sgd[1]["batch_loss"]) > 0
    assert sgd[-1]["status"] == "budget used" and sgd[-2]["status"] == "running"
    rec = race.records()[1]
    adam = [r for r in rows if r["optimizer"] == "Adam"]
    assert float(adam[3]["eff_lr_l2_p50"]) == rec.lr_quantiles[3, 1, 1]
    assert float(adam[8]["test_accuracy"]) == rec.test_accuracies[2]


# ------------------------------------------------------------------------------ the command line
def test_cli_race_problem_prints_a_leaderboard_and_writes_csvs(tmp_path, cli):
    out, summary, session = tmp_path / "n.csv", tmp_path / "s.csv", tmp_path / "n.json"
    res = cli(
        "race", "--problem", "mlp:moons,layers=8,n=200", "--optimizer", "adam:lr=0.02,batch_size=20",
        "--optimizer", "sgd:lr=0.1", "--steps", "30", "--seed", "1",
        "--csv", str(out), "--summary-csv", str(summary), "--save-session", str(session),
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    assert "MLP 2-8-2 (relu) on moons: 42 parameters, 160 training points, 30 steps" in res.stdout
    assert "ran 30 steps" in res.stdout and "test acc" in res.stdout
    rows = list(csv.DictReader(open(out)))
    assert len(rows) == 2 * 31
    ranks = list(csv.DictReader(open(summary)))
    assert [r["rank"] for r in ranks] == ["1", "2"] and {r["racer"] for r in ranks} == {
        "adam:lr=0.02,batch_size=20",
        "sgd:lr=0.1",
    }
    config = load_session(session)
    assert config.problem == "mlp:moons,layers=8,n=200" and config.seed == 1
    again = cli("race", "--session", str(session), "--csv", "-")
    assert again.returncode == 0 and again.stdout == open(out).read()


@pytest.mark.parametrize(
    "args,message",
    [
        (["--problem", "mlp:moons", "--optimizer", "newton"], "--optimizer 'newton': newton needs the Hessian"),
        (["--problem", "mlp:cifar", "--optimizer", "adam"], "--problem 'mlp:cifar': data=cifar: must be one of"),
        (["--problem", "mlp:mnist", "--optimizer", "adam"], "give the folder that holds them (--data DIR)"),
        (["--problem", "mlp:moons", "--surface", "rosenbrock", "--optimizer", "adam"], "leave out --surface"),
        (["--problem", "mlp:moons", "--optimizer", "adam:batch_size=5000"], "larger than the data set (n=800)"),
        (["--surface", "rosenbrock", "--optimizer", "adam", "--data", "."], "--data DIR goes with --problem"),
        (["--problem", "mlp:moons", "--optimizer", "adam", "--png", "x.gif"], "the file name must end in .png"),
    ],
)
def test_cli_refuses_what_a_network_race_cannot_do(cli, args, message, tmp_path):
    res = cli("race", *args)
    assert res.returncode != 0 and message in res.stderr, res.stderr


def _idx(arr):
    return bytes([0, 0, 8, arr.ndim]) + struct.pack(f">{arr.ndim}I", *arr.shape) + arr.tobytes()


def test_cli_trains_on_mnist_idx_files_in_a_folder(tmp_path):
    rng = np.random.default_rng(0)
    labels = rng.integers(0, 10, 60, dtype=np.uint8)
    images = (labels[:, None, None] * 25 + rng.integers(0, 5, (60, 28, 28))).astype(np.uint8)  # learnable
    files = {
        "train_images": images[:50],
        "train_labels": labels[:50],
        "test_images": images[50:],
        "test_labels": labels[50:],
    }
    for key, arr in files.items():
        (tmp_path / (IDX_FILES[key] + ".gz")).write_bytes(gzip.compress(_idx(arr)))
    out = tmp_path / "m.csv"
    res = run_subprocess(
        "race", "--problem", "mlp:mnist,layers=16", "--data", str(tmp_path), "--optimizer", "adam:lr=0.01",
        "--steps", "20", "--csv", str(out),
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    assert "MLP 784-16-10 (relu) on mnist: 12,730 parameters, 50 training points" in res.stdout
    (tmp_path / (IDX_FILES["test_labels"] + ".gz")).write_bytes(b"\x1f\x8b broken")
    res = run_subprocess("race", "--problem", "mlp:mnist", "--data", str(tmp_path), "--optimizer", "adam")
    assert res.returncode != 0 and f"{tmp_path / IDX_FILES['test_labels']}.gz: damaged gzip file" in res.stderr


def test_list_shows_problems_without_loading_scikit_learn_or_qt():
    code = (
        "import io, sys, contextlib\n"
        "from cli.main import main\n"
        "buf = io.StringIO()\n"
        "with contextlib.redirect_stdout(buf):\n"
        "    main(['list'])\n"
        "assert 'mlp:DATA,layers=100x100' in buf.getvalue() and 'mnist-homework' in buf.getvalue()\n"
        "bad = sorted(k for k in sys.modules if k.split('.')[0] in ('sklearn', 'PySide6', 'pyqtgraph', 'scipy'))\n"
        "sys.exit(1 if bad else 0)"
    )
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root)
    assert res.returncode == 0, res.stdout + res.stderr


def test_presets_can_be_listed_by_kind():
    assert "moons" not in [n for n, _ in list_presets(network=False)]
    assert [n for n, _ in list_presets(network=True)] == ["moons", "mnist-homework"]

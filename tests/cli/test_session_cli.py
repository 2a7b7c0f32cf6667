"""``race --session`` and ``--save-session``: a flag-built race saved and run
again gives the same CSV."""

from pathlib import Path

from arena import PRESETS_DIR, load_session

ROOT = Path(__file__).resolve().parents[2]


def test_save_session_then_run_it_gives_the_same_csv(tmp_path, cli):
    a, b, s = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "s.json"
    res = cli(
        "race",
        "--surface",
        "rosenbrock",
        "--start",
        "-1.5,2",
        "--optimizer",
        "adam:lr=0.01",
        "--optimizer",
        "adam:lr=0.01",
        "--optimizer",
        "sgd:lr=1e-3,momentum=0.9",
        "--steps",
        "80",
        "--tol",
        "1e-9",
        "--csv",
        str(a),
        "--save-session",
        str(s),
    )
    assert res.returncode == 0, res.stderr
    config = load_session(s)
    assert [r.name for r in config.racers] == ["adam:lr=0.01", "adam:lr=0.01 #2", "sgd:lr=1e-3,momentum=0.9"]
    assert config.racers[2].hyperparams == {"momentum": 0.9} and config.tol == 1e-9  # lr=1e-3 is the default
    res = cli("race", "--session", str(s), "--csv", str(b))
    assert res.returncode == 0, res.stderr
    assert a.read_text() == b.read_text()


def test_session_with_summary_csv(tmp_path, cli):
    out = tmp_path / "board.csv"
    res = cli("race", "--session", str(PRESETS_DIR / "himmelblau.json"), "--summary-csv", str(out))
    assert res.returncode == 0, res.stderr
    lines = out.read_text().splitlines()
    assert len(lines) == 7 and all(",converged," in line for line in lines[1:])


def test_session_errors(tmp_path, cli):
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"format": 1, "surface": {"name": "sphere"}, "start": [0, 0], "steps": 10, '
        '"racers": [{"optimizer": "adam", "hyperparams": {"lr": -1}}]}'
    )
    res = cli("race", "--session", str(bad))
    expected = f'error: --session {str(bad)!r}: racer 1 ("Adam").lr: must be > 0'
    assert res.returncode == 2 and res.stderr.strip() == expected
    res = cli("race", "--session", str(bad), "--surface", "sphere")
    assert res.returncode == 2 and "leave out --surface" in res.stderr
    res = cli("race", "--session", str(tmp_path / "none.json"))
    assert res.returncode == 2 and "cannot read" in res.stderr
    res = cli("race", "--surface", "sphere", "--optimizer", "sgd", "--png", str(tmp_path / "x.jpg"))
    assert res.returncode == 2 and "must end in .png" in res.stderr


def test_seed_reproduces_and_changes_stochastic_races(tmp_path, cli):
    args = [
        "race",
        "--surface",
        "linear_regression:n=200,noise=0.5",
        "--optimizer",
        "sgd:lr=0.02,batch_size=1",
        "--optimizer",
        "sgd:lr=0.02,schedule=step,step_size=20,gamma=0.5,batch_size=8",
        "--steps",
        "60",
    ]
    outs = []
    for seed, name in ((3, "a"), (3, "b"), (4, "c")):
        path = tmp_path / f"{name}.csv"
        res = cli(*args, "--seed", str(seed), "--csv", str(path))
        assert res.returncode == 0, res.stderr
        outs.append(path.read_text())
    assert outs[0] == outs[1] and outs[0] != outs[2]
    import csv
    import io

    table = list(csv.reader(io.StringIO(outs[0])))
    header, rows = table[0], table[1:]
    assert header[-2:] == ["batch_loss", "lr"]
    second = [r for r in rows if r[0].startswith("sgd:lr=0.02,schedule")]
    assert second[0][-1] == "" and float(second[1][-1]) == 0.02 and float(second[21][-1]) == 0.01
    assert second[0][-2] != "" and second[-1][-2] == ""  # batch loss seen at each position but the last


def test_bad_stochastic_options_exit_2(tmp_path, cli):
    res = cli("race", "--surface", "rosenbrock", "--optimizer", "sgd:batch_size=4")
    assert res.returncode == 2 and "batch_size needs a data surface" in res.stderr
    res = cli("race", "--surface", "linear_regression:n=50", "--optimizer", "sgd:batch_size=60")
    assert res.returncode == 2 and "batch_size=60 is larger than the data set (n=50)" in res.stderr
    res = cli("race", "--surface", "sphere", "--optimizer", "sgd:schedule=cosine,T_max=0")
    assert res.returncode == 2 and "T_max=0: must be >= 1" in res.stderr


def test_race_runs_a_preset_by_name(tmp_path, cli):
    out = tmp_path / "s.csv"
    res = cli("race", "--preset", "textbook", "-q", "--summary-csv", str(out))
    assert res.returncode == 0, res.stderr
    rows = out.read_text().splitlines()
    assert rows[0].startswith("rank,racer,") and rows[1].startswith("1,") and len(rows) >= 3
    res = cli("race", "--preset", "nope")
    assert res.returncode == 2 and "unknown preset 'nope'; valid presets: textbook" in res.stderr
    res = cli("race", "--preset", "textbook", "--session", str(out))
    assert res.returncode == 2 and "not both" in res.stderr
    assert "Presets (race --preset NAME" in cli("list").stdout

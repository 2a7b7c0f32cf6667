"""Session files: human-readable JSON that replays bit for bit, and refuses
damaged or bad files with what is wrong and where."""

import json

import numpy as np
import pytest

from arena import (
    Race,
    RaceConfig,
    RacerConfig,
    SessionError,
    dump_session,
    list_presets,
    load_preset,
    load_session,
    parse_session,
    save_session,
    standings,
    summary_csv_text,
)


def sample_config():
    return RaceConfig(
        "ill_conditioned",
        {"kappa": 100.0, "angle": 45.0},
        (-3.25, 4.125),
        120,
        1e-9,
        7,
        [
            RacerConfig("adam", {"lr": 0.05, "amsgrad": True}, "Adam fast", "#0072B2"),
            RacerConfig("sgd", {"lr": 0.0123456789, "momentum": 0.9, "nesterov": True}, "NAG", "#D55E00", False),
            RacerConfig("newton", {"damping": 0.5}, "Newton", "#009E73"),
        ],
    )


def test_round_trip_replays_bit_for_bit(tmp_path):
    config = sample_config()
    path = tmp_path / "race.json"
    save_session(path, config)
    loaded = load_session(path)
    assert loaded == config
    a, b = Race(config), Race(loaded)
    a.advance(120)
    b.advance(120)
    for ra, rb in zip(a.records(), b.records()):
        np.testing.assert_array_equal(ra.positions, rb.positions)
        np.testing.assert_array_equal(ra.losses, rb.losses)
        assert ra.label == rb.label


def test_file_is_human_readable_json_with_a_format_version(tmp_path):
    text = dump_session(sample_config())
    data = json.loads(text)
    assert data["format"] == 1 and data["surface"] == {
        "name": "ill_conditioned",
        "params": {"kappa": 100.0, "angle": 45.0},
    }
    assert data["racers"][1] == {
        "name": "NAG",
        "optimizer": "sgd",
        "visible": False,
        "color": "#D55E00",
        "hyperparams": {"lr": 0.0123456789, "momentum": 0.9, "nesterov": True},
    }
    assert "\n  " in text  # indented


@pytest.mark.parametrize(
    "mutate,where",
    [
        (lambda d: d["racers"][2]["hyperparams"].update(lr=-1), 'racer 3 ("Newton").lr: must be > 0'),
        (lambda d: d["racers"][0]["hyperparams"].update(beta2=1.5), 'racer 1 ("Adam fast").beta2: must be in [0, 1)'),
        (lambda d: d["racers"][0]["hyperparams"].update(bogus=1), 'racer 1 ("Adam fast").bogus: is not a'),
        (lambda d: d["racers"][1].update(optimizer="sgdd"), "racer 2 (\"NAG\").optimizer: unknown optimizer 'sgdd'"),
        (lambda d: d["racers"][1].update(color="blue"), 'racer 2 ("NAG").color: must be a colour'),
        (lambda d: d["racers"][1].update(visible="yes"), 'racer 2 ("NAG").visible: must be true or false'),
        (lambda d: d["racers"][1]["hyperparams"].update(momentum=0), 'racer 2 ("NAG").nesterov: needs momentum > 0'),
        (lambda d: d.update(format=2), "format: version 2 is newer"),
        (lambda d: d.pop("format"), "format: missing"),
        (lambda d: d.update(steps=-5), "steps: must be a whole number"),
        (lambda d: d.update(steps=2.5), "steps: must be a whole number"),
        (lambda d: d.update(start=[1]), "start: must be [x, y]"),
        (lambda d: d.update(start=[1, "a"]), "start: must be two finite numbers"),
        (lambda d: d.update(tol=-1), "tol: must be null or a number >= 0"),
        (lambda d: d["surface"].update(name="banana"), "surface.name: unknown surface 'banana'"),
        (lambda d: d["surface"]["params"].update(kappa=0), "surface.params: "),
        (lambda d: d.update(racers={}), "racers: must be a list"),
        (lambda d: d.update(extra=1), "extra: unknown key"),
    ],
)
def test_bad_values_are_refused_saying_where(tmp_path, mutate, where):
    data = json.loads(dump_session(sample_config()))
    mutate(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    with pytest.raises(SessionError) as info:
        load_session(path)
    assert str(info.value).startswith(where), str(info.value)


def test_truncated_and_damaged_files_are_refused(tmp_path):
    text = dump_session(sample_config())
    path = tmp_path / "cut.json"
    path.write_text(text[: len(text) // 2])
    with pytest.raises(SessionError, match=r"not valid JSON \(line \d+, column \d+.*damaged or truncated"):
        load_session(path)
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(SessionError):
        load_session(path)
    with pytest.raises(SessionError, match="cannot read"):
        load_session(tmp_path / "missing.json")
    with pytest.raises(SessionError, match="must be a JSON object"):
        parse_session([1, 2])


def test_every_preset_is_a_valid_session():
    names = [n for n, _ in list_presets()]
    assert names[:5] == ["textbook", "rosenbrock", "saddle", "himmelblau", "beale"]
    for name in names:
        assert load_preset(name).racers


def test_unknown_preset():
    with pytest.raises(SessionError, match="unknown preset 'x'; valid presets: textbook"):
        load_preset("x")


def test_leaderboard_rows():
    config = RaceConfig(
        "rosenbrock",
        {},
        (-1.5, 2.0),
        100,
        1e-3,
        0,
        [
            RacerConfig("sgd", {"lr": 0.01}, "SGD", "#0072B2"),
            RacerConfig("newton", {}, "Newton", "#D55E00"),
            RacerConfig("adam", {"lr": 0.01}, "Adam", "#009E73"),
        ],
    )
    race = Race(config)
    race.advance(100)
    newton, adam, sgd = standings(race)  # rank order: converged, then by loss gap, diverged last
    assert [s.rank for s in (newton, adam, sgd)] == [1, 2, 3]
    assert sgd.status == "diverged" and sgd.status_text == f"diverged at {sgd.stop_step}"
    assert newton.status == "converged" and newton.steps_to_tol == newton.stop_step < 100
    assert adam.status == adam.status_text == "budget used" and adam.steps == 100
    assert adam.spec.startswith("adam:lr=0.01,beta1=0.9,beta2=0.999,eps=1e-08")
    lines = summary_csv_text(race).splitlines()
    assert lines[0] == (
        "rank,racer,optimizer,spec,final_loss,loss_gap,distance_to_min,steps,status,steps_to_tol,"
        "final_x,final_y,us_per_step,seconds"
    )
    assert lines[1].startswith("1,Newton,newton,") and f",converged,{newton.stop_step}," in lines[1]
    assert lines[2].startswith("2,Adam,adam,") and ",budget used,," in lines[2]
    assert lines[3].startswith("3,SGD,sgd,") and ",diverged,," in lines[3]


def _race(tol, racers, steps=200):
    config = RaceConfig("sphere", {}, (3.0, 4.0), steps, tol, 0, racers)
    race = Race(config)
    race.advance(steps)
    return standings(race)


def test_leaderboard_ranks_by_steps_to_tolerance_when_a_tolerance_is_set():
    racers = [
        RacerConfig("sgd", {"lr": 0.01}, "slow", "#0072B2"),  # does not reach 1e-6 in 200 steps
        RacerConfig("sgd", {"lr": 0.2}, "fast", "#D55E00"),
        RacerConfig("sgd", {"lr": 0.1}, "medium", "#009E73"),
        RacerConfig("sgd", {"lr": 1.5}, "wild", "#CC79A7"),  # |1 - 2 lr| > 1: diverges
    ]
    rows = _race(1e-6, racers)
    assert [s.racer for s in rows] == ["fast", "medium", "slow", "wild"]
    assert [s.status for s in rows] == ["converged", "converged", "budget used", "diverged"]
    assert rows[0].steps_to_tol < rows[1].steps_to_tol


def test_leaderboard_ranks_by_final_loss_gap_without_a_tolerance():
    racers = [
        RacerConfig("sgd", {"lr": 0.01}, "slow", "#0072B2"),
        RacerConfig("sgd", {"lr": 1.5}, "wild", "#CC79A7"),
        RacerConfig("sgd", {"lr": 0.1}, "medium", "#009E73"),
    ]
    rows = _race(None, racers, steps=20)
    assert [s.racer for s in rows] == ["medium", "slow", "wild"]
    assert rows[0].loss_gap < rows[1].loss_gap and rows[2].status == "diverged"
    assert [s.rank for s in rows] == [1, 2, 3]


def test_every_problem_in_a_session_is_reported_at_once(tmp_path):
    data = json.loads(dump_session(sample_config()))
    data["steps"] = -5
    data["racers"][0]["hyperparams"]["lr"] = -1
    data["racers"][1] = "not a racer"
    data["racers"][2]["color"] = "#00000\n"  # a newline after a colour-like text is not a colour
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    with pytest.raises(SessionError) as info:
        load_session(path)
    assert info.value.lines == [
        "steps: must be a whole number in [0, 1000000], got -5",
        'racer 1 ("Adam fast").lr: must be > 0',
        "racer 2: must be an object",
        "racer 3 (\"Newton\").color: must be a colour like '#0072B2', got '#00000\\n'",
    ]
    assert str(info.value) == "; ".join(info.value.lines)

"""A fair race (arena.tune): what is searched, that the winner is what the race then runs, determinism."""

import csv

import numpy as np
import pytest

from arena.config import RaceConfig, RacerConfig
from arena.presets import load_preset
from arena.race import Race
from arena.tune import space_of, tune_race, tune_racer


def keys(optimizer, **current):
    return [d.key for d in space_of(optimizer, current or None)]


def test_the_search_space_keeps_each_racer_the_method_it_is():
    assert keys("sgd") == ["lr"]  # momentum 0 stays 0: SGD is not tuned into Momentum
    assert keys("momentum") == ["lr", "momentum"]
    assert keys("nesterov") == ["lr", "momentum"]  # nesterov=true and dampening=0 kept
    assert keys("adam") == ["lr", "beta1", "beta2", "eps"]  # amsgrad, decoupled and weight decay kept
    assert keys("adagrad") == ["lr", "eps"]  # lr_decay and initial_accumulator_value are off
    assert keys("adagrad", lr_decay=0.1) == ["lr", "lr_decay", "eps"]
    for dim in space_of("adam"):
        draws = [dim.draw(np.random.default_rng(i)) for i in range(200)]
        assert all(0 < v < 1 for v in draws) if dim.key.startswith("beta") else all(v > 0 for v in draws)


def _config(tol=None):
    return RaceConfig(
        surface="rosenbrock", start=(-1.5, 2.0), steps=400, tol=tol,
        racers=[RacerConfig("sgd", {"lr": 1e-4}, name="SGD"), RacerConfig("adam", {"lr": 0.001}, name="Adam")],
    )  # fmt: skip


def test_the_winner_beats_the_racers_own_setting_and_is_what_the_race_runs():
    config = _config()
    before = Race(config)
    before.advance(config.steps)
    own = [float(r.final_losses[0]) for r in before.records()]
    tuned, results = tune_race(config, trials=48)
    assert [r.name for r in tuned.racers] == ["SGD (tuned)", "Adam (tuned)"]
    race = Race(tuned)
    race.advance(tuned.steps)
    for res, rec, mine in zip(results, race.records(), own):
        final = float(rec.final_losses[0])
        assert final == pytest.approx(res.score[1], rel=1e-12, abs=1e-300)  # the race replays the winning trial
        assert final <= mine
        assert res.trials == 48 and res.steps == 400
    assert results[1].score[1] < own[1] / 100  # Adam at lr=0.001 is far from its best in 400 steps
    # the same seed, the same winners; another seed, other draws
    again = tune_racer(config, 1, trials=48)
    assert again.best == results[1].best
    assert tune_racer(config, 1, trials=48, seed=1).best != results[1].best


def test_with_a_tolerance_the_fewest_steps_to_it_win():
    config = _config(tol=0.1)
    res = tune_racer(config, 1, trials=64)
    assert res.score[0] < 400  # reached the tolerance
    race = Race(tune_race(config, trials=64)[0])
    race.advance(400)
    rec = race.records()[1]
    assert str(rec.status_all[0]) == "converged" and int(rec.steps_taken_all[0]) == res.score[0]


def test_one_trial_is_the_racers_own_setting_and_bad_counts_are_refused():
    config = _config()
    assert tune_racer(config, 0, trials=1).best == config.racers[0].resolved()
    for bad in (0, -1, 10**6, 2.5, True):
        with pytest.raises(ValueError, match="trials must be a whole number"):
            tune_racer(config, 0, trials=bad)


def test_race_tune_from_the_command_line(cli, tmp_path):
    out = tmp_path / "lb.csv"
    r = cli("race", "--preset", "textbook", "--tune", "16", "--summary-csv", str(out))
    assert r.returncode == 0, r.stderr
    assert "tuned: random search, the racer's own setting + 15 draws, 30 steps each" in r.stdout
    assert "searched: lr log-uniform in [1e-05, 1000]; momentum = 1 - 10^U(-4, 0)" in r.stdout
    with open(out, newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {row["racer"] for row in rows} == {f"{n} (tuned)" for n in ("SGD", "Momentum", "AdaGrad", "Adam")}
    assert cli("race", "--preset", "textbook", "--tune", "0").stderr.startswith("error: --tune 0: trials must be")
    preset = load_preset("textbook")
    assert len(preset.racers) == 4

"""Random streams follow the racer, not its position: removing a racer leaves the others' noise as it was,
after a reset and in a saved session."""

from __future__ import annotations

import json

import numpy as np
import pytest

from arena.config import RaceConfig, RacerConfig
from arena.race import Race
from arena.session import SessionError, dump_session, parse_session


def _config():
    noisy = {"noise": 0.5}
    return RaceConfig(
        surface="rosenbrock",
        start=(-1.5, 2.0),
        steps=40,
        seed=7,
        racers=[
            RacerConfig("sgd", {"lr": 1e-3}, "A", options=noisy),
            RacerConfig("adam", {"lr": 0.02}, "B", options=noisy),
            RacerConfig("momentum", {"lr": 1e-3}, "C", options=noisy),
        ],
    )


def _paths(config):
    race = Race(config)
    while not race.done:
        race.advance(10)
    return {r.label: r.record().positions for r in race.runners}


def test_removing_a_racer_keeps_the_others_noise_after_reset_and_in_a_session():
    config = _config()
    before = _paths(config)
    config.remove_racer(0)
    after = _paths(config)  # a fresh race: what Reset does
    assert set(after) == {"B", "C"}
    for label in after:
        np.testing.assert_array_equal(after[label], before[label])
    replayed = _paths(parse_session(json.loads(dump_session(config))))
    for label in after:
        np.testing.assert_array_equal(replayed[label], before[label])


def test_a_new_racer_after_a_removal_gets_a_stream_of_its_own():
    config = _config()
    config.remove_racer(0)  # B keeps 1, C keeps 2
    config.racers.append(RacerConfig("sgd", {"lr": 1e-3}, "D", options={"noise": 0.5}))
    config.racers.insert(0, RacerConfig("sgd", {"lr": 1e-3}, "E", options={"noise": 0.5}))
    streams = config.streams()
    assert streams[1:3] == [1, 2] and len(set(streams)) == 4


@pytest.mark.parametrize("bad", [-1, 1.5, "2", True, 2**40])
def test_a_bad_stream_in_a_session_is_refused_naming_the_racer(bad):
    data = json.loads(dump_session(_config()))
    data["racers"][1]["stream"] = bad
    with pytest.raises(SessionError) as info:
        parse_session(data)
    assert 'racer 2 ("B").stream' in str(info.value)

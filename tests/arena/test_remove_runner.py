"""A racer taken out of a race takes no more steps, on the compiled path and on NumPy's."""

import pytest

from arena import PALETTE, RaceConfig, RacerConfig
from arena.race import Race
from engine import fast


def three_racers(steps=500):
    racers = [RacerConfig(o, {"lr": 1e-3}, o, PALETTE[i]) for i, o in enumerate(("sgd", "adam", "rmsprop"))]
    return RaceConfig("rosenbrock", {}, (-1.5, 2.0), steps, None, 0, racers).validate()


@pytest.mark.parametrize("compiled", [True, False])
def test_a_removed_runner_stops_where_it_was_and_the_others_go_on(compiled):
    race = Race(three_racers())
    if compiled:
        assert fast.wait(600), fast.load_error()
        for runner in race.runners:
            assert fast.wait_for(runner._fast_run.kernels, 600)
    else:
        race._fast_batch = lambda: None  # the NumPy path: every racer steps on its own
    race.advance(40)
    assert (race._batch is not None) == compiled
    removed = race.remove_runner(1)
    kept_memory = removed.positions.shape[0]
    spent = removed.elapsed
    race.advance(60)
    assert [r.steps for r in race.runners] == [100, 100] and removed.steps == 40
    assert removed.elapsed == spent  # the batch's time goes to the racers still in it
    assert removed.positions.shape[0] == kept_memory  # its record does not grow
    assert not race.done
    race.advance(1000)
    assert race.done and removed.steps == 40

"""Inspections of a race's racers from kept replays, and the worker thread that answers the latest request."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from arena import InspectWorker, Race, RaceConfig, RacerConfig, RaceReplays, inspect_racer, load_preset


def test_kept_replays_answer_like_a_replay_from_the_start_and_follow_changed_settings():
    cfg = load_preset("textbook")
    replays = RaceReplays(every=8)
    for index in range(len(cfg.racers)):
        for step in (20, 3, 17):
            got = replays.inspect(cfg, index, step)
            want = inspect_racer(cfg, index, step)
            assert got is not None and np.array_equal(got.new_theta, want.new_theta)
            assert [str(e) for e in got.equations] == [str(e) for e in want.equations]
    first = replays.replay(cfg, 0)
    assert replays.replay(cfg, 0) is first, "the same settings: the same replay"
    cfg.racers[0].hyperparams["lr"] = 0.5 * cfg.racers[0].resolved()["lr"]
    assert replays.replay(cfg, 0) is not first, "changed settings: a new replay"
    got = replays.inspect(cfg, 0, 9)
    assert np.array_equal(got.new_theta, inspect_racer(cfg, 0, 9).new_theta)


def test_the_worker_answers_the_latest_request_and_skips_those_it_replaced():
    cfg = RaceConfig(surface="rosenbrock", steps=5000, racers=[RacerConfig("adam", {"lr": 0.01})])
    delivered: list[tuple[int, int | None, str | None]] = []
    arrived = threading.Condition()

    def deliver(number, seen, error):
        with arrived:
            delivered.append((number, None if seen is None else seen.step, error))
            arrived.notify_all()

    worker = InspectWorker(deliver, RaceReplays(every=64))
    try:
        for step in range(1, 3000, 7):  # a drag along the scrubber
            worker.request(cfg, 0, step)
        last = worker.request(cfg, 0, 2500)
        with arrived:
            assert arrived.wait_for(lambda: delivered and delivered[-1][0] == last, timeout=30)
        numbers = [n for n, _, _ in delivered]
        assert numbers == sorted(numbers) and numbers[-1] == last and delivered[-1][1] == 2500
        assert len(delivered) < last, "replaced requests were not computed"
        want = inspect_racer(cfg, 0, 2500)
        # the last answer is the exact state (the worker's replay, not the race)
        race = Race(cfg)
        race.advance(2500)
        assert np.array_equal(race.runners[0].positions[2500, 0], want.new_theta)
        assert worker.idle
    finally:
        worker.close()


def test_the_worker_passes_on_refusals_and_does_not_stop():
    cfg = RaceConfig(surface="sphere", start=(1.0, 1.0), tol=1e-8, racers=[RacerConfig("sgd", {"lr": 0.5})])
    got = []
    ready = threading.Event()
    worker = InspectWorker(lambda n, seen, error: (got.append((seen, error)), ready.set()))
    try:
        worker.request(cfg, 0, 50)
        assert ready.wait(10)
        assert got[0][0] is None and "it took no step 50" in got[0][1]
        ready.clear()
        worker.request(cfg, 0, 1)
        assert ready.wait(10)
        assert got[1][0] is not None and got[1][0].step == 1 and got[1][1] is None
    finally:
        worker.close()
    assert worker._thread is not None and not worker._thread.is_alive()


def test_a_request_is_a_copy_of_the_config():
    cfg = RaceConfig(surface="sphere", start=(1.0, 1.0), racers=[RacerConfig("sgd", {"lr": 0.1})])
    out = []
    ready = threading.Event()
    worker = InspectWorker(lambda n, seen, error: (out.append(seen), ready.set()))
    try:
        worker.request(cfg, 0, 3)
        cfg.racers[0].hyperparams["lr"] = 0.3  # edited after asking: the answer is for what was asked
        assert ready.wait(10)
        assert out[0].lr == pytest.approx(0.1)
    finally:
        worker.close()

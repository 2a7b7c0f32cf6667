"""The documented limits on a race's size (arena.config): MAX_RACERS racers, and racers x
steps within MAX_RECORD_BYTES of records. Sessions, presets, save_session and the command
line are held to them, with the reason; a saved session always loads again."""

import pytest

from arena import PRESETS_DIR, RaceConfig, RacerConfig, SessionError, load_session, save_session
from arena.config import BYTES_PER_RACER_STEP, MAX_RACERS, MAX_RECORD_BYTES, record_bytes


def config(racers: int, steps: int) -> RaceConfig:
    return RaceConfig(surface="sphere", start=(1.0, 1.0), steps=steps, racers=[RacerConfig("sgd")] * racers)


def test_limits_refuse_with_the_reason(tmp_path):
    with pytest.raises(SessionError) as exc:
        config(MAX_RACERS + 1, 10).check_limits()
    assert exc.value.where == "racers" and f"at most {MAX_RACERS}" in exc.value.reason
    steps = MAX_RECORD_BYTES // (15 * BYTES_PER_RACER_STEP)
    assert record_bytes(15, steps) > MAX_RECORD_BYTES - 15 * BYTES_PER_RACER_STEP
    with pytest.raises(SessionError) as exc:
        config(15, steps).check_limits()
    assert exc.value.where == "steps" and "GiB" in exc.value.reason
    with pytest.raises(SessionError):
        save_session(tmp_path / "big.json", config(15, steps))  # a file that would not load again
    assert not list(tmp_path.iterdir())
    config(14, 1_000_000).check_limits()  # 14 racers of a million steps fit in 2 GiB
    config(MAX_RACERS, 1000).check_limits()


def test_name_and_description_round_trip(tmp_path):
    loaded = load_session(PRESETS_DIR / "textbook.json")
    assert loaded.name.startswith("Textbook") and "x²" in loaded.description
    save_session(tmp_path / "t.json", loaded)
    again = load_session(tmp_path / "t.json")
    assert again == loaded and again.description == loaded.description

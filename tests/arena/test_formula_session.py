"""A race on a typed formula is saved in a session and replays to the same numbers."""

from __future__ import annotations

import json

import numpy as np

from arena import Race, RaceConfig, RacerConfig, SessionError, load_session, save_session

SPEC = "formula:a*x**2 + b*sin(y)**2; a=0.5, b=3; x=-3..4; y=-2..2; start=(3, 1.5)"


def _positions(config):
    race = Race(config)
    race.advance(config.steps)
    return [r.positions.copy() for r in race.records()]


def test_a_formula_session_saves_the_formula_and_replays_exactly(tmp_path):
    config = RaceConfig(
        SPEC,
        {},
        (2.5, -1.25),
        60,
        None,
        3,
        [RacerConfig("adam", {"lr": 0.05}, "Adam"), RacerConfig("newton", {"damping": 0.1}, "Newton")],
    )
    path = tmp_path / "formula.json"
    save_session(path, config)
    saved = json.loads(path.read_text())
    assert saved["surface"]["name"] == SPEC  # the formula, its parameters, domain and start, as typed
    loaded = load_session(path)
    assert loaded.surface == SPEC and loaded.start == (2.5, -1.25)
    surface = loaded.build_surface()
    assert surface.domain == ((-3.0, 4.0), (-2.0, 2.0)) and surface.start == (3.0, 1.5)
    for a, b in zip(_positions(config), _positions(loaded)):
        np.testing.assert_array_equal(a, b)
        assert len(a) == 61


def test_a_bad_formula_in_a_session_is_refused_with_its_place(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps(
            {
                "format": 1,
                "surface": {"name": "formula:x**2 + __import__('os')", "params": {}},
                "start": [0, 0],
                "steps": 5,
                "racers": [],
            }
        )
    )
    try:
        load_session(path)
    except SessionError as exc:
        assert exc.where == "surface.formula" and "column 8" in exc.reason
    else:
        raise AssertionError("a malicious formula was loaded")

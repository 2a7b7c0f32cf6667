"""Sessions keep the Maps dock's settings (``maps``) and loaded data (``surface.data``): saved, read back equal,
a bad section refused naming its field, and sessions written before either existed still load."""

import json

import pytest

from arena import PRESETS_DIR, RaceConfig, RacerConfig, SessionError, load_session, save_session
from arena.maps import MapSettings
from arena.session import decode, dump_session, parse_session
from surfaces.datafile import parse_data_csv

SETTINGS = MapSettings(kind="sweep", racers="all", grid=48, steps=250, tol=1e-8, x_key="lr", x_lo=1e-5, x_hi=0.3,
                       y_key="beta1", y_lo=0.5, y_hi=0.999)  # fmt: skip


def _config(**kw) -> RaceConfig:
    return RaceConfig(surface="himmelblau", start=(0.5, -1.0), steps=30, racers=[RacerConfig("adam")], **kw)


def test_map_settings_are_saved_and_read_back_equal(tmp_path):
    path = tmp_path / "s.json"
    save_session(path, _config(maps=SETTINGS))
    saved = json.loads(path.read_text())
    assert saved["maps"] == {"kind": "sweep", "racers": "all", "grid": 48, "steps": 250, "tol": 1e-8,
                             "x": {"key": "lr", "lo": 1e-5, "hi": 0.3},
                             "y": {"key": "beta1", "lo": 0.5, "hi": 0.999}}  # fmt: skip
    assert load_session(path).maps == SETTINGS


def test_sessions_without_maps_or_data_still_load():
    for preset in sorted(PRESETS_DIR.glob("*.json")):
        config = load_session(preset)
        assert config.maps is None and config.data is None
    assert "maps" not in dump_session(_config())  # and a race without them writes neither


@pytest.mark.parametrize(
    "change, where, reason",
    [
        ({"kind": "heatmap"}, "maps.kind", "must be one of basins, sweep, boundary"),
        ({"racers": "some"}, "maps.racers", "must be one of selected, all"),
        ({"grid": 4}, "maps.grid", "from 8 to 1,024"),
        ({"grid": 64.0}, "maps.grid", "whole number"),
        ({"steps": 0}, "maps.steps", "from 1 to 100,000"),
        ({"tol": -1}, "maps.tol", "must be a number >= 0"),
        ({"colour": "red"}, "maps.colour", "unknown key"),
        ({"x": {"key": "lr", "lo": 1, "hi": 0.5}}, "maps.x.hi", "must be above lo"),
        ({"y": {"key": "beta1", "lo": 0.5}}, "maps.y.hi", "missing"),
        ({"y": {"key": "beta1", "lo": "a", "hi": 1}}, "maps.y.lo", "must be a finite number"),
        ({"x": [1, 2]}, "maps.x", "must be an object"),
    ],
)
def test_a_bad_maps_section_is_refused_naming_the_field(change, where, reason):
    data = json.loads(dump_session(_config(maps=SETTINGS)))
    data["maps"].update(change)
    with pytest.raises(SessionError) as err:
        parse_session(decode(json.dumps(data)))
    assert any(w == where and reason in r for w, r in err.value.problems), err.value.problems


def test_a_maps_key_given_twice_is_refused():
    text = dump_session(_config(maps=SETTINGS)).replace('"grid": 48,', '"grid": 48, "grid": 4096,')
    with pytest.raises(SessionError, match=r"maps\.grid: given twice"):
        parse_session(decode(text))


def test_loaded_data_are_embedded_and_replay_without_the_file(tmp_path):
    data = parse_data_csv("x,y\n0,1.1\n1,2.9\n2,5.2\n", None, "pts.csv")
    config = RaceConfig(surface="linear_regression", data=data, start=(0.0, 0.0), steps=40,
                        racers=[RacerConfig("sgd", {"lr": 0.05})])  # fmt: skip
    path = tmp_path / "d.json"
    save_session(path, config)
    back = load_session(path)
    assert back.data.rows.tolist() == data.rows.tolist() and back.data.source == "pts.csv"
    assert back.build_surface().minima == config.build_surface().minima


@pytest.mark.parametrize(
    "change, where",
    [
        (lambda s: s["surface"]["data"]["rows"][1].append(3), "surface.data.rows[1]"),
        (lambda s: s["surface"]["data"].update(kind="logistic"), "surface.data.kind"),
        (lambda s: s["surface"]["params"].update(n=3), "surface.params"),
        (lambda s: s["surface"]["data"]["rows"].__setitem__(0, [0, 1e400]), "surface.data.rows[0][1]"),
    ],
)
def test_bad_session_data_are_refused_naming_the_field(change, where):
    data = parse_data_csv("x,y\n0,1.1\n1,2.9\n2,5.2\n", None, "pts.csv")
    config = RaceConfig(surface="linear_regression", data=data, start=(0.0, 0.0), racers=[RacerConfig("sgd")])
    session = json.loads(dump_session(config))
    change(session)
    text = json.dumps(session).replace("Infinity", "1e400")
    with pytest.raises(SessionError) as err:
        parse_session(decode(text))
    assert err.value.where == where

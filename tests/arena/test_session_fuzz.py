"""Damaged sessions: valid presets mutated at random (values replaced by odd JSON, keys
removed, added or repeated, text cut or spliced). Loading one gives a valid race or a
SessionError naming what is wrong, in one line; never another exception. A session that
loads saves and loads again to the same race, every field kept."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arena import PRESETS_DIR, SessionError, dump_session
from arena.session import decode, parse_session

PRESETS = sorted(PRESETS_DIR.glob("*.json"))
TEXTS = [p.read_text(encoding="utf-8") for p in PRESETS]

odd_numbers = st.sampled_from(
    [0, -1, 1e155, 1e308, 5e-324, -0.0, 2**63, 10**400, 2**31, 1.5, -7, 1e-320, float("nan"), float("inf")]
)
odd_text = st.one_of(
    st.sampled_from(["", " ", "\n", "#0072B2\n", "\ud800", "adam", "sgd", "rosenbrock", "\x1b[31m", "é²"]),
    st.text(max_size=8),
)
leaf = st.one_of(st.none(), st.booleans(), odd_numbers, st.integers(), st.floats(), odd_text)
json_values = st.recursive(
    leaf,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(odd_text, inner, max_size=3)),
    max_leaves=6,
)


def _paths(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _paths(value, (*prefix, i))


def _set(data, path, value):
    if not path:
        return value
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return data


@st.composite
def damaged(draw) -> str:
    text = draw(st.sampled_from(TEXTS))
    data = json.loads(text)
    how = draw(st.sampled_from(["replace", "delete", "add", "duplicate", "cut", "splice"]))
    paths = list(_paths(data))
    path = draw(st.sampled_from(paths))
    if how == "replace":
        return json.dumps(_set(data, path, draw(json_values)))
    if how == "delete" and path:
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        del parent[path[-1]]
        return json.dumps(data)
    if how == "add":
        dicts = [p for p in paths if isinstance(_get(data, p), dict)]
        target = _get(data, draw(st.sampled_from(dicts)))
        target[draw(odd_text)] = draw(json_values)
        return json.dumps(data)
    if how == "duplicate":  # a key written twice, the second time with another value
        keys = [k for k in ("steps", "lr", "name", "seed", "color", "optimizer", "params") if f'"{k}":' in text]
        key = draw(st.sampled_from(keys))
        return text.replace(f'"{key}":', f'"{key}": {json.dumps(draw(json_values))}, "{key}":', 1)
    if how == "cut":
        return text[: draw(st.integers(0, len(text)))]
    at = draw(st.integers(0, len(text)))
    return text[:at] + draw(st.text(max_size=6)) + text[at:]


def _get(data, path):
    for key in path:
        data = data[key]
    return data


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_damaged_sessions_give_a_race_or_a_session_error(text):
    try:
        config = parse_session(decode(text))
    except SessionError as exc:
        assert str(exc) and "\n" not in str(exc), str(exc)
        assert all(isinstance(where, str) and isinstance(reason, str) for where, reason in exc.problems)
        return
    again = parse_session(decode(dump_session(config)))  # what loads saves whole
    assert again == config

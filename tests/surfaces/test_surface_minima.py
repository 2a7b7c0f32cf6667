"""Every registered surface against the reference table (shared/reference/test_functions.md):
plot domains, global minima (to the digits the table gives), listed minima being true minima,
and default start points.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from surfaces import SURFACES, Minimum, get_surface

NAMES = list(SURFACES)
# Surfaces fitted to data: their domains and minima come from the data (tests/surfaces/test_datafit.py).
DATA_FIT = {"linear_regression", "logistic_regression"}
TABLE_NAMES = [name for name in NAMES if name not in DATA_FIT]

# name -> (plot domain, global minima as written in the table, global minimum value as written).
# Numbers are strings so that each is checked to the digits the table gives (half a unit in the
# last place).  None: no minimum.
REFERENCE = {
    "sphere": (((-5, 5), (-5, 5)), [("0", "0")], "0"),
    "elongated_bowl": (((-10, 10), (-5, 5)), [("0", "0")], "0"),
    "ill_conditioned": (((-5, 5), (-5, 5)), [("0", "0")], "0"),
    "saddle": (((-2, 2), (-2, 2)), [], None),
    "monkey_saddle": (((-2, 2), (-2, 2)), [], None),
    "rosenbrock": (((-2, 2), (-1, 3)), [("1", "1")], "0"),
    "beale": (((-4.5, 4.5), (-4.5, 4.5)), [("3", "0.5")], "0"),
    "booth": (((-10, 10), (-10, 10)), [("1", "3")], "0"),
    "matyas": (((-10, 10), (-10, 10)), [("0", "0")], "0"),
    "himmelblau": (
        ((-5, 5), (-5, 5)),
        [("3", "2"), ("-2.805118", "3.131312"), ("-3.779310", "-3.283186"), ("3.584428", "-1.848126")],
        "0",
    ),
    "three_hump_camel": (((-2, 2), (-2, 2)), [("0", "0")], "0"),
    "six_hump_camel": (((-3, 3), (-2, 2)), [("0.0898", "-0.7126"), ("-0.0898", "0.7126")], "-1.031628"),
    "goldstein_price": (((-2, 2), (-2, 2)), [("0", "-1")], "3"),
    "mccormick": (((-1.5, 4), (-3, 4)), [("-0.54719", "-1.54719")], "-1.913223"),
    "rastrigin": (((-5.12, 5.12), (-5.12, 5.12)), [("0", "0")], "0"),
    "ackley": (((-5, 5), (-5, 5)), [("0", "0")], "0"),
    "levi13": (((-4, 6), (-4, 6)), [("1", "1")], "0"),
    "styblinski_tang": (((-5, 5), (-5, 5)), [("-2.903534", "-2.903534")], "-78.33233"),
    "easom": (((0, 6), (0, 6)), [("3.141593", "3.141593")], "-1"),  # the table's "(pi, pi) -> -1"
}

REQUIRED = [
    "sphere", "elongated_bowl", "ill_conditioned", "saddle", "monkey_saddle", "rosenbrock", "beale",
    "booth", "matyas", "himmelblau", "three_hump_camel", "six_hump_camel", "goldstein_price",
    "mccormick", "rastrigin", "ackley", "levi13", "styblinski_tang",
]  # fmt: skip


def _tolerance(text: str) -> float:
    """How far the true number may be from a number written in the table.

    Integers ("3", "0") are exact values: only floating-point rounding is allowed.  Decimals get
    one unit in the last written digit, because the table sometimes truncates instead of
    rounding (Himmelblau's 3.1313125… is written 3.131312, McCormick's −0.5471976 as −0.54719).
    """
    if "." not in text:
        return 1e-12
    return 10.0 ** Decimal(text).as_tuple().exponent + 1e-12


@pytest.fixture(params=NAMES)
def surface(request):
    return get_surface(request.param)


@pytest.fixture(params=TABLE_NAMES)
def table_surface(request):
    return get_surface(request.param)


def test_every_required_surface_is_registered_in_table_order():
    assert NAMES[: len(REQUIRED)] == REQUIRED
    assert set(TABLE_NAMES) <= set(REFERENCE)
    assert NAMES[len(TABLE_NAMES) :] == ["linear_regression", "logistic_regression"]


def test_domain_is_the_tables_plot_box(table_surface):
    surface = table_surface
    assert surface.domain == tuple(tuple(float(v) for v in pair) for pair in REFERENCE[surface.name][0])


def test_global_minima_match_the_table(table_surface):
    surface = table_surface
    _, points, value = REFERENCE[surface.name]
    found = surface.global_minima
    assert len(found) == len(points)
    if value is None:
        assert surface.f_min is None
        return
    assert surface.f_min == pytest.approx(float(value), abs=_tolerance(value))
    for px, py in points:
        tol = max(_tolerance(px), _tolerance(py))
        if surface.name == "easom":
            tol = 5e-7
        matches = [m for m in found if abs(m.point[0] - float(px)) <= tol and abs(m.point[1] - float(py)) <= tol]
        assert len(matches) == 1, f"{surface.name}: no listed global minimum at ({px}, {py})"
        assert matches[0].value == pytest.approx(float(value), abs=_tolerance(value))
        # The table's rounded location is that close to the minimum, so f there is too.
        at_table_point = surface.f(np.array([float(px), float(py)]))
        assert at_table_point == pytest.approx(float(value), abs=max(_tolerance(value), 1e-6))


# Every surface's number of listed local minima, written out (the table names two for
# three_hump_camel; the others were computed).  Rastrigin, Ackley and Lévi have too many to list.
LOCAL_MINIMA = {
    "three_hump_camel": 2, "six_hump_camel": 4, "goldstein_price": 3, "mccormick": 1, "styblinski_tang": 3,
}  # fmt: skip
NO_MINIMA = ["saddle", "monkey_saddle"]
# (surface, index of a listed minimum) for every listed minimum of every registered surface.
MINIMA = [(name, i) for name in NAMES for i in range(len(get_surface(name).minima))]


@pytest.mark.parametrize("name", NAMES)
def test_local_minima_counts(name):
    surface = get_surface(name)
    local = [m for m in surface.minima if m.kind == "local"]
    assert len(local) == LOCAL_MINIMA.get(name, 0)


@pytest.mark.parametrize("name", sorted(LOCAL_MINIMA))
def test_local_minima_lie_above_the_global_minimum(name):
    surface = get_surface(name)
    local = [m for m in surface.minima if m.kind == "local"]
    assert len(local) == LOCAL_MINIMA[name] > 0
    assert all(m.value > surface.f_min for m in local)


def test_which_surfaces_list_no_minimum():
    assert [name for name in NAMES if not get_surface(name).minima] == NO_MINIMA
    assert len(MINIMA) == sum(len(get_surface(name).minima) for name in NAMES) >= 30


@pytest.mark.parametrize(("name", "index"), MINIMA, ids=[f"{name}-{i}" for name, i in MINIMA])
def test_listed_minimum_is_a_minimum(name, index):
    surface = get_surface(name)
    minimum = surface.minima[index]
    point = np.array(minimum.point)
    hess = surface.hessian(point)
    scale = max(1.0, float(np.abs(hess).max()))
    # Locations are stored to full float64 precision, so the gradient is zero up to rounding.
    assert np.linalg.norm(surface.grad(point)) <= 1e-9 * scale, minimum
    assert surface.f(point) == pytest.approx(minimum.value, rel=1e-13, abs=1e-13)
    assert np.linalg.eigvalsh(hess).min() >= -1e-9 * scale, minimum
    # and nothing lower on a small circle around it
    angles = np.linspace(0, 2 * np.pi, 16, endpoint=False)
    ring = point + 1e-3 * np.column_stack([np.cos(angles), np.sin(angles)])
    assert np.all(surface.f(ring) > minimum.value)


@pytest.mark.parametrize(("name", "index"), MINIMA, ids=[f"{name}-{i}" for name, i in MINIMA])
def test_listed_minimum_lies_inside_the_domain(name, index):
    surface = get_surface(name)
    assert surface.contains(surface.minima[index].point)


def test_nothing_on_the_domain_lies_below_the_global_minimum(surface):
    (xmin, xmax), (ymin, ymax) = surface.domain
    grid = np.stack(np.meshgrid(np.linspace(xmin, xmax, 301), np.linspace(ymin, ymax, 301)), axis=-1)
    values = surface.f(grid)
    if surface.f_min is None:
        assert values.min() < surface.f(np.zeros(2)) < values.max()  # a saddle: no minimum on the box
    else:
        assert values.min() >= surface.f_min - 1e-12


def test_start_is_inside_the_domain_with_a_nonzero_gradient(surface):
    start = np.array(surface.start)
    assert surface.contains(start)
    assert np.linalg.norm(surface.grad(start)) > 1e-4
    if surface.minima:
        assert surface.distance_to_nearest_minimum(start) > 0.1


def test_log_contours_only_with_a_known_minimum(surface):
    assert surface.contour in ("linear", "log")
    if surface.contour == "log":
        assert surface.f_min is not None


def test_distance_to_nearest_minimum():
    himmelblau = get_surface("himmelblau")
    points = np.array([[3.0, 2.0], [3.0, 5.0], [0.0, 0.0]])
    distances = himmelblau.distance_to_nearest_minimum(points)
    assert distances[0] == 0.0
    assert distances[1] == pytest.approx(min(np.hypot(*(points[1] - m.point)) for m in himmelblau.minima))
    assert distances.shape == (3,)
    camel = get_surface("three_hump_camel")
    local = camel.minima[1].point
    assert camel.distance_to_nearest_minimum(local) == 0.0
    assert camel.distance_to_nearest_minimum(local, kind="global") == pytest.approx(np.hypot(*local))
    assert np.isnan(get_surface("saddle").distance_to_nearest_minimum(np.zeros((4, 2)))).all()
    assert np.isnan(get_surface("sphere").distance_to_nearest_minimum([1.0, 1.0], kind="local"))
    with pytest.raises(ValueError, match="minimum kind"):
        camel.distance_to_nearest_minimum(local, kind="best")


def test_minimum_is_a_frozen_record():
    minimum = Minimum.of((1, np.float32(2)), 3)
    assert minimum.point == (1.0, 2.0) and minimum.value == 3.0 and minimum.kind == "global"
    assert all(type(v) is float for v in (*minimum.point, minimum.value))
    assert minimum == Minimum((1.0, 2.0), 3.0) and not hasattr(minimum, "__dict__")
    with pytest.raises(TypeError, match="Minimum.of"):
        Minimum((1, 2), 3)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="finite"):
        Minimum.of((np.nan, 0), 0)
    with pytest.raises(AttributeError):
        minimum.value = 0.0  # type: ignore[misc]
    with pytest.raises(ValueError, match="'global' or 'local'"):
        Minimum((0, 0), 0, "best")

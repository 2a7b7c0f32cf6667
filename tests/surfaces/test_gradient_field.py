"""The negative-gradient field drawn over the map: directions exact, lengths readable over many decades."""

from __future__ import annotations

import numpy as np
import pytest

from surfaces import SURFACES, get_surface
from surfaces.gradient_field import LONGEST, SHORTEST, gradient_field


def test_arrows_point_down_the_gradient():
    s = get_surface("rosenbrock")
    field = gradient_field(s, (-2, 2, -1, 3), n=16)
    g = s.grad(field.centers)
    cos = -(field.vectors * g).sum(axis=1) / (np.hypot(*field.vectors.T) * np.hypot(*g.T))
    np.testing.assert_allclose(cos, 1.0, atol=1e-12)  # exactly along -grad f in the data's units


def test_lengths_stay_readable_when_the_gradient_spans_decades():
    s = get_surface("rosenbrock")  # |grad f| from ~4 near the valley floor to ~4e3 on the walls, on this grid
    field = gradient_field(s, (-2, 2, -1, 3), n=24)
    assert np.log10(field.magnitude.max() / field.magnitude.min()) > 2.5
    cells = np.hypot(*(field.vectors / np.array(field.cell)).T)  # length in cell units
    assert cells.min() >= SHORTEST - 1e-12 and cells.max() <= LONGEST + 1e-12
    order = np.argsort(field.magnitude)
    assert np.all(np.diff(cells[order]) >= -1e-12), "a steeper point never gets a shorter arrow"


def test_a_wide_view_keeps_arrow_lengths_in_cell_units():
    s = get_surface("elongated_bowl")
    wide = gradient_field(s, (-100, 100, -5, 5), n=10)  # x cells 20 wide, y cells 1 tall
    cells = np.hypot(*(wide.vectors / np.array(wide.cell)).T)
    assert np.all(cells <= LONGEST + 1e-12) and np.all(cells >= SHORTEST - 1e-12)


def test_no_arrow_where_the_gradient_is_zero_or_not_finite():
    s = get_surface("sphere")
    field = gradient_field(s, (-1, 1, -1, 1), n=2)  # centres at +-0.5: four arrows
    assert len(field.centers) == 4
    centered = gradient_field(s, (-1.5, 1.5, -1.5, 1.5), n=3)  # the middle cell's centre is the minimum
    assert len(centered.centers) == 8 and not np.any(np.all(centered.centers == 0, axis=1))
    seg = field.segments()
    assert seg.shape == (4 * 7, 2) and np.isnan(seg).any()


@pytest.mark.parametrize("name", list(SURFACES))
def test_every_surface_gives_finite_arrows_over_its_domain(name):
    s = get_surface(name)
    (x0, x1), (y0, y1) = s.domain
    field = gradient_field(s, (x0, x1, y0, y1), n=12)
    assert len(field.centers) > 100
    assert np.all(np.isfinite(field.vectors)) and np.all(np.isfinite(field.segments()[~np.isnan(field.segments())]))


@pytest.mark.parametrize(
    ("extent", "n", "message"),
    [
        ((1, 0, 0, 1), 10, "x0 < x1"),
        ((0, 1, 0, float("nan")), 10, "must be finite"),
        ((0, 1, 0, 1), 1, "n must be a whole number from 2 to 200"),
        ((0, 1, 0, 1), 2.5, "n must be a whole number"),
    ],
)
def test_bad_requests_are_refused_with_the_reason(extent, n, message):
    with pytest.raises(ValueError, match=message):
        gradient_field(get_surface("sphere"), extent, n=n)

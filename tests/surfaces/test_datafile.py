"""Your own data (issue 14.3): CSV files read into the data-fit surfaces, every refusal naming the line and
column, and the fitted surface's minimum equal to the textbook solution of the data."""

import numpy as np
import pytest

from surfaces import get_surface
from surfaces.datafile import MAX_ROWS, DataError, data_from_json, data_surface, parse_data_csv, read_data_csv

LINEAR = "x,y\n0,1.1\n1,2.9\n2,5.2\n3,7.1\n4,8.8\n"
LOGISTIC = "x1,x2,label\n1,2,0\n-1,0.5,1\n0.3,-2,1\n2,1,0\n-0.5,-1,1\n1,-1,0\n-2,1,0\n0.5,0.5,1\n"


def test_a_linear_file_gives_the_least_squares_fit_of_its_points():
    data = parse_data_csv(LINEAR, None, "pts.csv")
    assert data.kind == "linear" and data.n == 5 and data.surface == "linear_regression"
    s = data_surface(data)
    x, y = data.rows[:, 0], data.rows[:, 1]
    slope, intercept = np.polyfit(x, y, 1)
    (b0, b1), f_min = s.minima[0].point, s.f_min
    assert b0 == pytest.approx(intercept, abs=1e-12) and b1 == pytest.approx(slope, abs=1e-12)
    assert f_min == pytest.approx(np.mean((intercept + slope * x - y) ** 2), rel=1e-12)
    p = np.array([[0.3, -1.2], [2.0, 0.5]])  # the surface is the mean squared error of these very points
    want = np.mean((p[:, :1] + p[:, 1:] * x - y) ** 2, axis=1)
    np.testing.assert_allclose(s.f(p), want, rtol=1e-12)
    np.testing.assert_array_equal(s.data.x, x)


def test_a_logistic_file_gives_the_cross_entropy_of_its_labels():
    data = parse_data_csv(LOGISTIC, None, "cls.csv")
    assert data.kind == "logistic" and data.n == 8
    s = data_surface(data)
    w = np.array([0.4, -0.7])
    z = data.rows[:, :2] @ w
    labels = data.rows[:, 2]
    want = np.mean(np.log1p(np.exp(z)) - labels * z)
    assert float(s.f(w)) == pytest.approx(want, rel=1e-12)
    assert len(s.minima) == 1  # not separable: a single minimum, where the gradient vanishes
    assert np.linalg.norm(s.grad(np.array(s.minima[0].point))) < 1e-9


def test_a_header_is_optional_and_blank_lines_and_spaces_are_ignored():
    plain = parse_data_csv("0, 1.1\n\n1 ,2.9\n2,5.2\n", "linear")
    headed = parse_data_csv("input,target\n0,1.1\n1,2.9\n2,5.2\n\n", "linear")
    np.testing.assert_array_equal(plain.rows, headed.rows)
    assert plain.rows.tolist() == [[0.0, 1.1], [1.0, 2.9], [2.0, 5.2]]
    assert parse_data_csv("\ufeffx,y\n1,2\n3,4\n", "linear").n == 2  # a byte-order mark from a spreadsheet


@pytest.mark.parametrize(
    "text, kind, message",
    [
        ("", None, "f.csv: the file is empty"),
        ("\n  \n", None, "f.csv: the file is empty"),
        ("x,y\n", None, "f.csv: line 1 is a header and no data rows follow"),
        ("x,y\n1,2\n3,abc\n", None, "f.csv, line 3, column 2: 'abc' is not a number"),
        ("1,2\n3,\n", None, "f.csv, line 2, column 2: empty field"),
        ("1,2\n1_0,3\n", None, "f.csv, line 2, column 1: '1_0' is not a number"),
        ("1,2\n3,nan\n", None, "f.csv, line 2, column 2: 'nan' is not a finite number"),
        ("1,2\n-inf,3\n4,5\n", None, "f.csv, line 2, column 1: '-inf' is not a finite number"),
        ("1,2\n1e999,3\n", None, "f.csv, line 2, column 1: '1e999' is too large"),
        ("1,2\n3,4,5\n", None, "f.csv, line 2: 3 columns, expected 2 (x, y)"),
        ("1,2\n3,4\n", "logistic", "f.csv, line 1: 2 columns, expected 3 (x1, x2, label)"),
        ("a,b,c,d\n1,2,3,4\n", None, "f.csv, line 2: 4 columns: expected 2 (x, y: linear regression) or 3"),
        ("1,1,0\n2,0,2\n0,1,1\n", None, "f.csv, line 2, column 3: label 2 is not 0 or 1"),
        ("1,1,0\n2,0,0.5\n", None, "f.csv, line 2, column 3: label 0.5 is not 0 or 1"),
        ("x,y\n1,2\n", None, "f.csv: 1 data row: linear_regression needs at least 2"),
        ("3,1\n3,2\n3,5\n", None, "f.csv, column 1 (x): every x is 3"),
        ("1,2,0\n2,4,1\n-1,-2,1\n", None, "the features (x1, x2) all lie on one line through the origin"),
        ("0,0,0\n0,0,1\n", None, "the problem is singular"),
    ],
)
def test_bad_files_are_refused_saying_where(text, kind, message):
    with pytest.raises(DataError) as err:
        parse_data_csv(text, kind, "f.csv")
    assert message in str(err.value)


def test_too_many_rows_are_refused():
    limit = MAX_ROWS["logistic"]
    rows = "".join(f"{i % 7},{i % 5 - 2},{i % 2}\n" for i in range(limit + 1))
    with pytest.raises(DataError, match=f"more than {limit:,} data rows"):
        parse_data_csv(rows, None, "big.csv")
    assert parse_data_csv(rows.split("\n", 1)[1], None, "ok.csv").n == limit


def test_files_that_cannot_be_read(tmp_path):
    with pytest.raises(DataError, match="missing.csv: cannot be read"):
        read_data_csv(str(tmp_path / "missing.csv"))
    with pytest.raises(DataError, match="is a folder"):
        read_data_csv(str(tmp_path))
    binary = tmp_path / "pic.csv"
    binary.write_bytes(b"1,2\n3,4\n\xff\xfe\x00")
    with pytest.raises(DataError, match="pic.csv, line 3: not UTF-8 text"):
        read_data_csv(str(binary))
    good = tmp_path / "good.csv"
    good.write_text(LINEAR)
    assert read_data_csv(str(good)).source == "good.csv"


def test_session_data_round_trip_and_refusals_name_the_field():
    data = parse_data_csv(LINEAR, None, "pts.csv")
    back = data_from_json(data.as_json(), "linear_regression")
    np.testing.assert_array_equal(back.rows, data.rows)
    assert back.source == "pts.csv" and back.digest() == data.digest()
    for value, surface, where in [
        ({"kind": "linear", "rows": [[1, 2], [3, "4"]]}, "linear_regression", "surface.data.rows[1][1]"),
        ({"kind": "linear", "rows": [[1, 2], [3]]}, "linear_regression", "surface.data.rows[1]"),
        ({"kind": "logistic", "rows": [[1, 2, 0], [3, 4, 1]]}, "linear_regression", "surface.data.kind"),
        ({"kind": "linear", "rows": [[1, 2], [3, 4]], "url": "x"}, "linear_regression", "surface.data.url"),
        ({"kind": "linear", "rows": [[1, 2], [1, 4]]}, "linear_regression", "surface.data.rows"),
        ({"kind": "logistic", "rows": [[1, 2, 0], [3, 4, 3]]}, "logistic_regression", "surface.data.rows[1][2]"),
    ]:
        with pytest.raises(DataError) as err:
            data_from_json(value, surface)
        assert err.value.where == where


def test_generated_data_surfaces_are_unchanged_by_the_refactoring():
    # the generated surfaces build through the same code as loaded data: their numbers stay the ones the
    # loaded-data path gives for the very same points
    s = get_surface("linear_regression", n=50, noise=0.3, data_seed=4)
    rows = np.column_stack([s.data.x, s.data.y])
    loaded = data_surface(parse_data_csv("\n".join(f"{float(a)!r},{float(b)!r}" for a, b in rows), "linear"))
    p = np.array([[0.5, 1.5], [-3.0, 2.0]])
    np.testing.assert_array_equal(loaded.f(p), s.f(p))
    np.testing.assert_array_equal(loaded.grad(p), s.grad(p))
    assert loaded.minima[0].point == s.minima[0].point

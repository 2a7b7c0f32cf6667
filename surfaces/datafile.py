"""Your own data for the data-fit surfaces: a CSV of ``x, y`` rows (linear regression) or ``x1, x2, label``
rows (logistic regression, labels 0 or 1), read into a :class:`DataSet` that replaces the generated data.

    data = read_data_csv("points.csv", "linear")      # or "logistic", or None: 2 columns linear, 3 logistic
    surface = data_surface(data)                      # a linear_regression surface fitted to these points

A header row is optional (a first line none of whose fields is a number).  Every refusal is a
:class:`DataError` that says where (``points.csv, line 7, column 2: 'abc' is not a number``): an empty file, a
header with no rows, a field that is not a number, NaN or infinity, a row with the wrong number of columns, a
label other than 0 or 1, fewer than :data:`MIN_ROWS` or more than :data:`MAX_ROWS` rows, a file larger than
:data:`MAX_FILE_BYTES`, and data whose least-squares fit has no single answer (every x the same; for logistic
regression every feature row on one line through the origin, or all zero).

A data set is saved inside a session (:meth:`DataSet.as_json`, :func:`data_from_json`): the session then
replays exactly without the file.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = [
    "KINDS",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "MIN_ROWS",
    "DataError",
    "DataSet",
    "data_from_json",
    "data_surface",
    "parse_data_csv",
    "read_data_csv",
    "surface_for_kind",
]

#: the kinds of data, the surface each goes with and its columns
KINDS = {
    "linear": ("linear_regression", ("x", "y")),
    "logistic": ("logistic_regression", ("x1", "x2", "label")),
}
MIN_ROWS = 2
#: at most this many rows (the generated data's own limits: the logistic contour map costs O(n))
MAX_ROWS = {"linear": 100_000, "logistic": 2_000}
MAX_FILE_BYTES = 8 << 20
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_NOT_FINITE = re.compile(r"[-+]?(?:nan|inf|infinity)", re.IGNORECASE)


class DataError(ValueError):
    """A data file (or a session's data) was refused; ``where`` names the file, line and column."""

    def __init__(self, where: str, reason: str):
        self.where, self.reason = where, reason
        super().__init__(f"{where}: {reason}" if where else reason)


@dataclass(frozen=True, eq=False)
class DataSet:
    """Loaded data: ``kind`` ``"linear"`` (rows x, y) or ``"logistic"`` (rows x1, x2, label); ``rows`` (n, 2 or 3)
    float64, read-only; ``source`` the file it came from (shown, not needed to replay)."""

    kind: str
    rows: np.ndarray
    source: str = ""

    @property
    def n(self) -> int:
        return int(self.rows.shape[0])

    @property
    def surface(self) -> str:
        return KINDS[self.kind][0]

    def digest(self) -> str:
        """A fingerprint of the kind and every number (equal digests: the same data)."""
        import hashlib

        return hashlib.sha256(self.kind.encode() + self.rows.tobytes()).hexdigest()

    def __deepcopy__(self, memo: dict) -> DataSet:
        return self  # immutable: a copied race shares it (and its fitted surface)

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            **({"source": self.source} if self.source else {}),
            "rows": [[float(v) for v in row] for row in self.rows],
        }


def surface_for_kind(kind: str) -> str:
    return KINDS[kind][0]


def _kind_of_surface(surface: str) -> str | None:
    return next((kind for kind, (name, _) in KINDS.items() if name == surface), None)


def check_rows(kind: str, rows: np.ndarray, place) -> DataSet:
    """Checks shared by files and sessions on already numeric, finite ``rows``; ``place(i, j)`` names row i
    (0-based), column j (None: the whole row) for a message."""
    n = rows.shape[0]
    name, columns = KINDS[kind]
    if n < MIN_ROWS:
        raise DataError(place(None, None), f"{n} data row{'s' if n != 1 else ''}: {name} needs at least {MIN_ROWS}")
    if n > MAX_ROWS[kind]:
        raise DataError(place(None, None), f"{n} data rows: {name} takes at most {MAX_ROWS[kind]:,}")
    if kind == "linear":
        x = rows[:, 0]
        if float(x.min()) == float(x.max()):
            raise DataError(
                place(None, 0),
                f"every x is {float(x[0]):g}: a line through points with one x has no single best slope "
                "(the problem is singular); the x values must differ",
            )
        width, reach = float(x.max() - x.min()), float(np.abs(x).max())
        if width < 1e-6 * max(1.0, reach):
            raise DataError(
                place(None, 0),
                f"the x values span only {width:g}: too narrow for a fit (at least 1e-6 times max(1, |x|))",
            )
    else:
        labels = rows[:, 2]
        bad = np.nonzero((labels != 0.0) & (labels != 1.0))[0]
        if bad.size:
            i = int(bad[0])
            raise DataError(place(i, 2), f"label {labels[i]:g} is not 0 or 1")
        x = rows[:, :2]
        # rank < 2: every feature row on one line through the origin (or all zero): no single minimum
        if np.linalg.matrix_rank(x) < 2:
            raise DataError(
                place(None, None),
                f"the features ({columns[0]}, {columns[1]}) all lie on one line through the origin: the weights "
                "along that line have no single best value (the problem is singular)",
            )
    array = np.ascontiguousarray(rows, dtype=np.float64)
    array.flags.writeable = False
    return DataSet(kind, array)


def _number(text: str, place: str) -> float:
    field = text.strip()
    if _NOT_FINITE.fullmatch(field):
        raise DataError(place, f"{field!r} is not a finite number (NaN and infinity are refused)")
    if not _NUMBER.fullmatch(field):
        shown = field if len(field) <= 40 else field[:37] + "..."
        raise DataError(place, f"{shown!r} is not a number" if field else "empty field: expected a number")
    value = float(field)
    if not math.isfinite(value):
        raise DataError(place, f"{field!r} is too large for a number (not finite)")
    return value


def parse_data_csv(text: str, kind: str | None = None, name: str = "") -> DataSet:
    """The data in CSV ``text`` (``name`` for messages); ``kind`` None: two columns linear, three logistic."""
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown kind of data {kind!r}; valid: {', '.join(KINDS)}")
    label = name or "the data"

    def at(line: int, column: int | None = None) -> str:
        return f"{label}, line {line}" + (f", column {column}" if column is not None else "")

    if text.startswith("\ufeff"):
        text = text[1:]
    lines = [(i + 1, line) for i, line in enumerate(text.splitlines()) if line.strip()]
    if not lines:
        raise DataError(label, "the file is empty: expected rows of x, y (or x1, x2, label)")
    first_no, first = lines[0]
    fields = [f.strip() for f in first.split(",")]
    if not any(_NUMBER.fullmatch(f) or _NOT_FINITE.fullmatch(f) for f in fields):
        header = True  # no number on the first line: a header (its names are not checked)
        lines = lines[1:]
        if not lines:
            raise DataError(label, f"line {first_no} is a header and no data rows follow")
    else:
        header = False
    width = len(lines[0][1].split(","))
    if kind is None:
        kind = {2: "linear", 3: "logistic"}.get(width)
        if kind is None:
            raise DataError(
                at(lines[0][0]),
                f"{width} columns: expected 2 (x, y: linear regression) or 3 (x1, x2, label: logistic regression)",
            )
    columns = KINDS[kind][1]
    want = len(columns)
    if header and len(fields) != want:
        raise DataError(at(first_no), f"the header has {len(fields)} columns, expected {want} ({', '.join(columns)})")
    line_of: list[int] = []
    values: list[list[float]] = []
    for no, line in lines:
        parts = line.split(",")
        if len(parts) != want:
            raise DataError(
                at(no),
                f"{len(parts)} column{'s' if len(parts) != 1 else ''}, expected {want} ({', '.join(columns)}) "
                f"for {KINDS[kind][0]}",
            )
        if len(values) >= MAX_ROWS[kind]:
            raise DataError(label, f"more than {MAX_ROWS[kind]:,} data rows: {KINDS[kind][0]} takes at most that many")
        values.append([_number(part, at(no, j + 1)) for j, part in enumerate(parts)])
        line_of.append(no)

    def place(i: int | None, j: int | None) -> str:
        if i is None:
            return label if j is None else f"{label}, column {j + 1} ({columns[j]})"
        return at(line_of[i], None if j is None else j + 1)

    data = check_rows(kind, np.array(values, dtype=np.float64).reshape(-1, want), place)
    return DataSet(data.kind, data.rows, name)


def read_data_csv(path: str, kind: str | None = None) -> DataSet:
    """Read a data file (see :func:`parse_data_csv`); an unreadable file is a DataError too."""
    import os

    name = os.path.basename(os.fspath(path)) or os.fspath(path)
    if os.path.isdir(path):
        raise DataError(name, "is a folder, not a CSV file")
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise DataError(name, f"cannot be read: {exc.strerror or exc}") from None
    except ValueError:
        raise DataError(name, "not a valid file name") from None
    if len(raw) > MAX_FILE_BYTES:
        raise DataError(name, f"larger than {MAX_FILE_BYTES >> 20} MB: not a data file for a 2-parameter fit")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(f"{name}, line {line}", "not UTF-8 text (a CSV file of numbers is expected)") from None
    if "\x00" in text:
        raise DataError(name, "holds NUL bytes: not a text (CSV) file")
    return parse_data_csv(text, kind, name)


def data_from_json(value: Any, surface: str, where: str = "surface.data") -> DataSet:
    """A session's ``surface.data`` back to a DataSet; DataError naming the field."""
    if not isinstance(value, dict):
        raise DataError(where, 'must be an object like {"kind": "linear", "rows": [[x, y], ...]}')
    unknown = sorted(set(value) - {"kind", "rows", "source"})
    if unknown:
        raise DataError(f"{where}.{unknown[0][:40]}", "unknown key (valid: kind, rows, source)")
    kind = value.get("kind")
    if kind not in KINDS:
        raise DataError(f"{where}.kind", f"must be one of {', '.join(KINDS)}, got {str(kind)[:40]!r}")
    if _kind_of_surface(surface) != kind:
        raise DataError(f"{where}.kind", f"{kind} data go with surface {KINDS[kind][0]}, not {surface[:40]}")
    source = value.get("source", "")
    if not isinstance(source, str):
        raise DataError(f"{where}.source", "must be text (the file the data came from)")
    rows = value.get("rows")
    if not isinstance(rows, list):
        raise DataError(f"{where}.rows", "missing or not a list of rows")
    want = len(KINDS[kind][1])
    if len(rows) > MAX_ROWS[kind]:
        raise DataError(f"{where}.rows", f"{len(rows)} rows: {KINDS[kind][0]} takes at most {MAX_ROWS[kind]:,}")
    out = np.empty((len(rows), want))
    for i, row in enumerate(rows):
        if not isinstance(row, list) or len(row) != want:
            raise DataError(f"{where}.rows[{i}]", f"must be a list of {want} numbers ({', '.join(KINDS[kind][1])})")
        for j, v in enumerate(row):
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                raise DataError(f"{where}.rows[{i}][{j}]", "must be a number")
            try:
                f = float(v)
            except OverflowError:
                f = math.inf
            if not math.isfinite(f):
                raise DataError(f"{where}.rows[{i}][{j}]", "must be a finite number")
            out[i, j] = f

    def place(i: int | None, j: int | None) -> str:
        text = f"{where}.rows" + (f"[{i}]" if i is not None else "")
        return text + (f"[{j}]" if i is not None and j is not None else "")

    data = check_rows(kind, out, place)
    return DataSet(kind, data.rows, source)


def data_surface(data: DataSet):
    """The data-fit surface of ``data`` (cached per data set)."""
    from .datafit import surface_from_data

    return surface_from_data(data)

"""What a map shows (Qt-free): colours of basin maps, sweeps and trainability boundaries with their keys,
and the CSV / NPZ of every cell (:mod:`engine.maps` computes them)."""

from __future__ import annotations

import csv
import io
import math
import os
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from engine.maps import DIVERGED_CODE, NOT_CONVERGED, OTHER, BasinJob, BoundaryJob, MapResult, SweepJob
from export.files import ExportError, check_target, reason, write_atomically, write_bytes

__all__ = [
    "MapSettings",
    "map_settings_from_json",
    "KeyEntry",
    "MapImage",
    "map_image",
    "map_csv_text",
    "write_map_csv",
    "write_map_npz",
    "MINIMUM_COLOURS",
]

# ------------------------------------------------------------------ settings
MAP_KINDS = ("basins", "sweep", "boundary")
MAP_RACERS = ("selected", "all")
GRID_RANGE = (8, 1024)  # cells per side the Maps dock offers
STEPS_RANGE = (1, 100_000)
_SETTINGS_KEYS = ("kind", "racers", "grid", "steps", "tol", "x", "y")
_AXIS_KEYS = ("key", "lo", "hi")


@dataclass(frozen=True)
class MapSettings:
    """What the Maps dock is set to (saved in sessions as ``"maps"``): the kind of map, whose basins (the
    selected racer or all visible ones), cells per side, step budget, tolerance, and the two axes of a sweep or
    a boundary map (``x_key``/``y_key``: the swept hyperparameters; a boundary map's are ``lr_x``/``lr_y``).
    A sweep's log axes follow the registry and a boundary map's are always log: they are not settings."""

    kind: str = "basins"
    racers: str = "selected"
    grid: int = 128
    steps: int = 500
    tol: float = 1e-6
    x_key: str = "lr"
    x_lo: float = 1e-4
    x_hi: float = 1.0
    y_key: str = "momentum"
    y_lo: float = 0.0
    y_hi: float = 0.99

    def as_json(self) -> dict[str, Any]:
        d = asdict(self)
        return {
            "kind": d["kind"],
            "racers": d["racers"],
            "grid": d["grid"],
            "steps": d["steps"],
            "tol": d["tol"],
            "x": {"key": d["x_key"], "lo": d["x_lo"], "hi": d["x_hi"]},
            "y": {"key": d["y_key"], "lo": d["y_lo"], "hi": d["y_hi"]},
        }


def _is_number(v: Any) -> bool:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return False
    try:
        return math.isfinite(v)
    except OverflowError:
        return False


def map_settings_from_json(value: Any, where: str = "maps") -> tuple[MapSettings | None, list[tuple[str, str]]]:
    """A session's ``maps`` object back to MapSettings, or None and every problem as ``(field, reason)``."""
    if not isinstance(value, dict):
        return None, [(where, 'must be an object like {"kind": "sweep", "grid": 128, ...}')]
    problems: list[tuple[str, str]] = []
    problems += [(f"{where}.{str(k)[:40]}", "unknown key (valid: " + ", ".join(_SETTINGS_KEYS) + ")")
                 for k in sorted(set(value) - set(_SETTINGS_KEYS))]  # fmt: skip
    defaults = MapSettings()
    out: dict[str, Any] = {}
    for key, choices in (("kind", MAP_KINDS), ("racers", MAP_RACERS)):
        v = value.get(key, getattr(defaults, key))
        if v not in choices:
            problems.append((f"{where}.{key}", f"must be one of {', '.join(choices)}, got {str(v)[:40]!r}"))
        out[key] = v
    for key, (lo, hi) in (("grid", GRID_RANGE), ("steps", STEPS_RANGE)):
        v = value.get(key, getattr(defaults, key))
        if isinstance(v, bool) or not isinstance(v, int) or not lo <= v <= hi:
            problems.append((f"{where}.{key}", f"must be a whole number from {lo} to {hi:,}, got {str(v)[:40]}"))
        out[key] = v
    tol = value.get("tol", defaults.tol)
    if not _is_number(tol) or tol < 0:
        problems.append((f"{where}.tol", f"must be a number >= 0, got {str(tol)[:40]}"))
    out["tol"] = float(tol) if _is_number(tol) else tol
    for axis in ("x", "y"):
        a = value.get(axis, {"key": getattr(defaults, f"{axis}_key"), "lo": getattr(defaults, f"{axis}_lo"),
                             "hi": getattr(defaults, f"{axis}_hi")})  # fmt: skip
        here = f"{where}.{axis}"
        if not isinstance(a, dict):
            problems.append((here, 'must be an object like {"key": "lr", "lo": 0.0001, "hi": 1}'))
            continue
        problems += [
            (f"{here}.{str(k)[:40]}", "unknown key (valid: key, lo, hi)") for k in sorted(set(a) - set(_AXIS_KEYS))
        ]
        missing = [k for k in _AXIS_KEYS if k not in a]
        problems += [(f"{here}.{k}", "missing") for k in missing]
        if missing:
            continue
        if not isinstance(a["key"], str) or not a["key"] or len(a["key"]) > 64:
            problems.append((f"{here}.key", "must be a hyperparameter's name"))
        for k in ("lo", "hi"):
            if not _is_number(a[k]):
                problems.append((f"{here}.{k}", f"must be a finite number, got {str(a[k])[:40]}"))
        if _is_number(a["lo"]) and _is_number(a["hi"]) and not a["lo"] < a["hi"]:
            problems.append((f"{here}.hi", f"must be above lo ({a['lo']!r}), got {a['hi']!r}"))
        out[f"{axis}_key"], out[f"{axis}_lo"], out[f"{axis}_hi"] = a["key"], a["lo"], a["hi"]
    if problems:
        return None, problems
    for axis in ("x", "y"):
        out.setdefault(f"{axis}_key", getattr(defaults, f"{axis}_key"))
        for k in ("lo", "hi"):
            out[f"{axis}_{k}"] = float(out.get(f"{axis}_{k}", getattr(defaults, f"{axis}_{k}")))
    return MapSettings(**out), []


# Okabe-Ito (colour-blind safe), without black, which marks divergence
MINIMUM_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
OTHER_COLOUR = "#F0E442"
DIVERGED_COLOUR = "#202020"
NOT_CONVERGED_COLOUR = "#D8D8D8"


@dataclass(frozen=True)
class KeyEntry:
    colour: str
    label: str
    share: float  # fraction of the cells


@dataclass(frozen=True)
class MapImage:
    """An RGB image (rows = the y axis from its low end), its title, axis labels and key."""

    rgb: np.ndarray  # (ny, nx, 3) uint8
    title: str
    x_label: str
    y_label: str
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    x_log: bool
    y_log: bool
    key: tuple[KeyEntry, ...]
    note: str = ""  # e.g. what the brightness means
    points: tuple[tuple[float, float], ...] = ()  # marked on the map (a basin map's known minima)


def _rgb(colour: str) -> np.ndarray:
    colour = colour.lstrip("#")
    return np.array([int(colour[i : i + 2], 16) for i in (0, 2, 4)], dtype=float)


def _shade(steps: np.ndarray, budget: int) -> np.ndarray:
    """1 for the fastest cells down to 0.45 for the slowest: brightness by steps to tolerance."""
    if steps.size == 0:
        return steps.astype(float)
    lo, hi = float(steps.min()), float(max(steps.max(), 1))
    if hi <= lo:
        return np.ones_like(steps, dtype=float)
    return 1.0 - 0.55 * (np.log1p(steps - lo) / np.log1p(hi - lo))


def _surface_name(objective) -> str:
    return str(getattr(objective, "title", None) or getattr(objective, "name", "surface"))


def _minimum_label(objective, i: int) -> str:
    minima = getattr(objective, "minima", ())
    if i < len(minima):
        m = minima[i]
        x, y = m.point
        return f"({x:.4g}, {y:.4g}){'' if m.kind == 'global' else ' local'}"
    return f"minimum {i}"


def map_image(result: MapResult) -> MapImage:
    kind = getattr(result.job, "kind", None)
    draw = {"basins": _basin_image, "sweep": _sweep_image, "boundary": _boundary_image}.get(str(kind))
    if draw is None:
        raise TypeError(f"no image for {type(result.job).__name__}")
    return draw(result)


def _basin_image(result: MapResult) -> MapImage:
    job: BasinJob = result.job
    basin, steps = result.arrays["basin"], result.arrays["steps"]
    rgb = np.zeros(basin.shape + (3,))
    n = basin.size
    key = []
    for code in sorted(int(c) for c in np.unique(basin)):
        cells = basin == code
        if code >= 0:
            colour = MINIMUM_COLOURS[code % len(MINIMUM_COLOURS)]
            rgb[cells] = _rgb(colour) * _shade(steps[cells], job.steps)[:, None]
            label = _minimum_label(job.objective, code)
        else:
            colour, label = {
                NOT_CONVERGED: (NOT_CONVERGED_COLOUR, f"not converged in {job.steps} steps"),
                DIVERGED_CODE: (DIVERGED_COLOUR, "diverged"),
                OTHER: (OTHER_COLOUR, "converged elsewhere (saddle / unlisted point)"),
            }[code]
            rgb[cells] = _rgb(colour)
        key.append(KeyEntry(colour, label, float(cells.sum()) / n))
    return MapImage(
        np.clip(rgb, 0, 255).astype(np.uint8),
        f"{job.spec} on {_surface_name(job.objective)}: basins ({job.steps} steps, tol {job.tol:g})",
        "x", "y", (job.x.lo, job.x.hi), (job.y.lo, job.y.hi), False, False, tuple(key),
        "brighter: fewer steps to tolerance; x: the known minima",
        tuple((float(x), float(y)) for x, y in job.minima),
    )  # fmt: skip


def _viridis(t: np.ndarray) -> np.ndarray:
    """Viridis sampled at 0..1 (linear between 9 anchors): perceptually even, colour-blind safe."""
    anchors = np.array([
        [68, 1, 84], [71, 44, 122], [59, 81, 139], [44, 113, 142], [33, 144, 141],
        [39, 173, 129], [92, 200, 99], [170, 220, 50], [253, 231, 37],
    ], dtype=float)  # fmt: skip
    t = np.clip(np.nan_to_num(t, nan=0.0), 0.0, 1.0) * (len(anchors) - 1)
    i = np.minimum(t.astype(int), len(anchors) - 2)
    f = (t - i)[..., None]
    return anchors[i] * (1 - f) + anchors[i + 1] * f


def _sweep_image(result: MapResult) -> MapImage:
    job: SweepJob = result.job
    status, steps, gap = result.arrays["status"], result.arrays["steps"], result.arrays["gap"]
    rgb = np.zeros(status.shape + (3,))
    ok = status >= 0
    by_steps = job.tol > 0 and bool((status == 1).any())
    if by_steps:
        conv = status == 1
        s = steps[conv].astype(float)
        lo, hi = s.min(), max(s.max(), s.min() + 1)
        t = np.log(steps / lo) / np.log(hi / lo) if hi > lo else np.zeros(steps.shape)
        rgb[conv] = _viridis(t[conv])
        rgb[ok & ~conv] = _rgb(NOT_CONVERGED_COLOUR)
        note = f"colour: steps to |grad| <= {job.tol:g}, {int(lo)} (dark) to {int(hi)} (yellow)"
    else:
        g = np.log10(np.maximum(np.abs(gap), 1e-300))
        vals = g[ok & np.isfinite(g)]
        lo, hi = (vals.min(), vals.max()) if vals.size else (0.0, 1.0)
        t = (g - lo) / (hi - lo) if hi > lo else np.zeros(g.shape)
        rgb[ok] = _viridis(t[ok])
        note = f"colour: log10 final loss gap, {lo:.3g} (dark) to {hi:.3g} (yellow)"
    rgb[status == -1] = _rgb(DIVERGED_COLOUR)
    n = status.size
    key = (
        KeyEntry(DIVERGED_COLOUR, "diverged", float((status == -1).sum()) / n),
        KeyEntry(NOT_CONVERGED_COLOUR, f"not converged in {job.steps} steps", float((status == 0).sum()) / n),
        KeyEntry("#21908D", "converged" if by_steps else "finished", float((status == 1).sum()) / n),
    )
    return MapImage(
        np.clip(rgb, 0, 255).astype(np.uint8),
        f"{job.spec} on {_surface_name(job.objective)} from ({job.start[0]:g}, {job.start[1]:g}): "
        f"{job.x.key} x {job.y.key}",
        job.x.key, job.y.key, (job.x.lo, job.x.hi), (job.y.lo, job.y.hi), job.x.log, job.y.log,
        tuple(k for k in key if k.share > 0), note,
    )  # fmt: skip


def _boundary_image(result: MapResult) -> MapImage:
    job: BoundaryJob = result.job
    escape, conv = result.arrays["escape"], result.arrays["converged"]
    rgb = np.zeros(escape.shape + (3,))
    out = escape >= 0
    if out.any():  # diverged: red, brighter the sooner it escaped
        e = escape[out].astype(float)
        t = np.log(e) / np.log(max(e.max(), 2.0))
        rgb[out] = np.array([255.0, 120.0, 60.0]) * (1.0 - 0.75 * t)[:, None]
    done = conv >= 0
    if done.any():  # converged: blue, brighter the sooner it converged
        c = conv[done].astype(float) + 1
        t = np.log(c) / np.log(max(c.max(), 2.0))
        rgb[done] = np.array([70.0, 150.0, 255.0]) * (1.0 - 0.75 * t)[:, None]
    rest = ~out & ~done
    rgb[rest] = _rgb(NOT_CONVERGED_COLOUR)
    n = escape.size
    key = (
        KeyEntry("#FF783C", "diverged (brighter: escaped sooner)", float(out.sum()) / n),
        KeyEntry("#4696FF", "converged (brighter: sooner)", float(done.sum()) / n),
        KeyEntry(NOT_CONVERGED_COLOUR, f"neither in {job.steps} steps", float(rest.sum()) / n),
    )
    return MapImage(
        np.clip(rgb, 0, 255).astype(np.uint8),
        f"gradient descent with a rate per parameter on {_surface_name(job.objective)} "
        f"from ({job.start[0]:g}, {job.start[1]:g})",
        "lr for x", "lr for y", (job.x.lo, job.x.hi), (job.y.lo, job.y.hi), True, True,
        tuple(k for k in key if k.share > 0), "trainability boundary (Sohl-Dickstein 2024)",
    )  # fmt: skip


# -------------------------------------------------------------------- files
def _columns(result: MapResult) -> tuple[list[str], list[np.ndarray]]:
    job = result.job
    Y, X = np.meshgrid(job.y.values(), job.x.values(), indexing="ij")
    a = result.arrays
    if isinstance(job, BasinJob):
        names = ["x", "y", "basin", "steps", "final_x", "final_y", "final_loss"]
        cols = [X, Y, a["basin"], a["steps"], a["final_x"], a["final_y"], a["final_loss"]]
    elif isinstance(job, SweepJob):
        names = [job.x.key, job.y.key, "status", "steps", "final_loss", "gap"]
        cols = [X, Y, a["status"], a["steps"], a["final_loss"], a["gap"]]
    else:
        names = ["lr_x", "lr_y", "escape_step", "converged_step", "final_loss"]
        cols = [X, Y, a["escape"], a["converged"], a["final_loss"]]
    return names, [np.asarray(c).ravel() for c in cols]


_STATUS_WORDS = {1: "converged", 0: "budget used", -1: "diverged"}


def map_csv_text(result: MapResult) -> str:
    """One row per cell (row-major from the low corner); basin codes: the index of the minimum, -1 not
    converged, -2 diverged, -3 converged elsewhere; sweep status: converged / budget used / diverged."""
    names, cols = _columns(result)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(names)
    is_sweep = isinstance(result.job, SweepJob)
    for row in zip(*cols):
        out = []
        for name, v in zip(names, row):
            if is_sweep and name == "status":
                out.append(_STATUS_WORDS[int(v)])
            elif isinstance(v, (np.integer, int)):
                out.append(str(int(v)))
            else:
                out.append(repr(float(v)))
        w.writerow(out)
    return buf.getvalue()


def write_map_csv(result: MapResult, path: str) -> None:
    target = check_target(path)
    write_bytes(map_csv_text(result).encode(), target, path)


def write_map_npz(result: MapResult, path: str) -> None:
    """Every array of the result plus its axes (``x``, ``y``) and settings, loadable with ``numpy.load``."""
    target = check_target(path)
    job = result.job
    extra = {
        "x": job.x.values(),
        "y": job.y.values(),
        "x_key": np.array(job.x.key),
        "y_key": np.array(job.y.key),
        "kind": np.array(job.kind),
        "steps_budget": np.array(job.steps),
        "tol": np.array(job.tol),
    }
    if hasattr(job, "spec"):
        extra["spec"] = np.array(job.spec)

    def write(tmp: str) -> None:
        try:
            with open(tmp, "wb") as fh:
                np.savez_compressed(fh, **{**result.arrays, **extra})
        except OSError as exc:
            raise ExportError(f"cannot write '{path}': {reason(exc)}") from None

    write_atomically(target, os.fspath(path), write)

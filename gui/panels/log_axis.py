"""LogAxis: a log-scale axis with each tick labelled once, in one format.

pyqtgraph's own log axis labels every minor tick (0.6 0.7 0.8 0.9 pile up), adds
the decades a second time in its minor level (so "0.1" and "0.01" are drawn twice
and look bold) and mixes formats ("0.0001" next to "10⁻⁵"). Here: decades are
labelled, and 2 and 5 times a decade when the axis spans at most three decades;
every label of the axis is a plain decimal ("0.001", "20") when all labelled
values lie in [0.001, 10⁴], and a power of ten ("10⁻⁵", "2·10⁻⁵") otherwise.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg

SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def steady_text_space(axis: pg.AxisItem, widest: str = "−0.00") -> None:
    """Let a vertical axis's room for its labels grow but never shrink, starting as wide as
    ``widest``. pyqtgraph fits it to the labels it has just drawn: a new range with narrower or
    wider labels (another surface, a restarted race) then lays the plot out again after its
    first paint, and the whole plot is painted a second time in the same frame."""
    axis.setStyle(autoReduceTextSpace=False)
    width = pg.QtGui.QFontMetrics(axis.style["tickFont"] or axis.font()).horizontalAdvance(widest)
    axis._updateMaxTextSize(width)  # noqa: SLF001 - pyqtgraph's own hook for the labels' room


def _mantissa_exponent(v: float) -> tuple[int, int]:
    e = math.floor(v + 1e-9)
    return round(10 ** (v - e)), e


def format_log_ticks(values, keep=(1, 2, 5), decimal: bool | None = None) -> list[str]:
    """Labels for tick positions given as log10 values (empty for unlabelled ticks);
    ``decimal`` None: decimals if every labelled value lies in [0.001, 10⁴]."""
    picked = []
    for v in values:
        m, e = _mantissa_exponent(v)
        picked.append((m, e) if m in keep and abs(10 ** (v - e) - m) < 1e-6 * m else None)
    shown = [m * 10.0**e for p in picked if p for m, e in [p]]
    if decimal is None:
        decimal = bool(shown) and all(1e-3 <= s <= 1e4 for s in shown)
    out = []
    for p in picked:
        if p is None:
            out.append("")
        elif decimal:
            m, e = p
            out.append(f"{m * 10.0**e:.{max(0, -e)}f}")
        else:
            m, e = p
            power = "10" + str(e).translate(SUPERSCRIPT)
            out.append(power if m == 1 else f"{m}·{power}")
    return out


class LogAxis(pg.AxisItem):
    def logTickValues(self, minVal, maxVal, size, stdTicks):  # noqa: N802 - pyqtgraph API
        """The same levels as pyqtgraph's, but a value appears in one level only."""
        levels = super().logTickValues(minVal, maxVal, size, stdTicks)
        seen: set[float] = set()
        out = []
        for spacing, values in levels:
            fresh = [v for v in values if round(float(v), 6) not in seen]
            seen.update(round(float(v), 6) for v in fresh)
            out.append((spacing, np.array(fresh) if isinstance(values, np.ndarray) else fresh))
        return out

    def logTickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph API
        lo, hi = self.range if hasattr(self, "range") else (0.0, 0.0)
        keep = (1,) if hi - lo > 3 else (1, 2, 5)
        # one format for the whole axis (every tick level), from the range it shows
        decimal = lo >= -3 - 1e-9 and hi <= 4 + 1e-9
        return format_log_ticks([v + math.log10(scale) if scale else v for v in values], keep, decimal)

"""LogAxis: a log-scale axis that labels only 1, 2 and 5 times powers of ten
(pyqtgraph labels every minor tick, which piles 0.6 0.7 0.8 0.9 on each other)."""

from __future__ import annotations

import math

import pyqtgraph as pg


class LogAxis(pg.AxisItem):
    def logTickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph API
        strings = super().logTickStrings(values, scale, spacing)
        decades = self.range[1] - self.range[0] if hasattr(self, "range") else 0
        keep = (1,) if decades > 3 else (1, 2, 5)
        out = []
        for v, s in zip(values, strings):
            mantissa = 10 ** (v - math.floor(v + 1e-9))
            out.append(s if any(abs(mantissa - k) < 1e-6 * k for k in keep) else "")
        return out

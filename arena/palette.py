"""Racer colours, markers and line styles that keep up to 12 racers apart, also for
colour-blind viewers and in greyscale.

Colours: Okabe & Ito's colour-blind-safe set (without black and yellow, which vanish
on the map's light background) and Paul Tol's "muted" scheme, ordered so that
colours that look alike sit six slots apart (blue and sky blue, bluish green and
teal, reddish purple and purple). The second six racers also draw dashed lines, so
the pairs that share a hue family still differ in style, and a racer that follows
another's path exactly shows through its gaps. Each slot has its own marker symbol.
"""

from __future__ import annotations

from collections.abc import Iterable

PALETTE = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#332288",  # indigo
    "#56B4E9",  # sky blue      (dashed: apart from blue)
    "#882255",  # wine          (dashed: apart from vermillion)
    "#44AA99",  # teal          (dashed: apart from bluish green)
    "#AA4499",  # purple        (dashed: apart from reddish purple)
    "#999933",  # olive         (dashed: apart from orange)
    "#117733",  # green         (dashed)
)

# marker symbol names (as the plotting library spells them), one per palette slot
SYMBOLS = ("o", "s", "t", "d", "star", "p", "h", "t1", "x", "+", "t2", "t3")
# line style per slot: the first six solid, the next six dashed
DASHES = ("solid",) * 6 + ("dash",) * 6


def _slot(color: str) -> int | None:
    try:
        return [c.upper() for c in PALETTE].index(color.upper())
    except ValueError:
        return None


def next_color(used: Iterable[str]) -> str:
    """The first palette colour not in ``used`` (cycling once all 12 are taken)."""
    used = [u.upper() for u in used]
    for color in PALETTE:
        if color.upper() not in used:
            return color
    return PALETTE[len(used) % len(PALETTE)]


def symbol_for(color: str) -> str:
    """The marker symbol that goes with a palette colour (``o`` for others)."""
    slot = _slot(color)
    return "o" if slot is None else SYMBOLS[slot]


def dash_for(color: str) -> str:
    """``"solid"`` or ``"dash"``: the line style that goes with a palette colour (solid for others)."""
    slot = _slot(color)
    return "solid" if slot is None else DASHES[slot]

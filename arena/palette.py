"""Racer colours: a qualitative palette that stays apart for up to 12 racers and
for colour-blind viewers.

The first six are Okabe & Ito's colour-blind-safe set (without black and yellow,
which vanish on the map's light background), the next six Paul Tol's "muted"
scheme. Each racer also gets its own marker symbol, so racers stay apart when
colour alone would not (greyscale print, deuteranopia).
"""

from __future__ import annotations

from collections.abc import Iterable

PALETTE = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#332288",  # indigo
    "#882255",  # wine
    "#117733",  # green
    "#999933",  # olive
    "#AA4499",  # purple
    "#44AA99",  # teal
)

# marker symbol names (as the plotting library spells them), one per palette slot
SYMBOLS = ("o", "s", "t", "d", "star", "p", "h", "t1", "x", "+", "t2", "t3")


def next_color(used: Iterable[str]) -> str:
    """The first palette colour not in ``used`` (cycling once all 12 are taken)."""
    used = [u.upper() for u in used]
    for color in PALETTE:
        if color.upper() not in used:
            return color
    return PALETTE[len(used) % len(PALETTE)]


def symbol_for(color: str) -> str:
    """The marker symbol that goes with a palette colour (``o`` for others)."""
    try:
        return SYMBOLS[[c.upper() for c in PALETTE].index(color.upper())]
    except ValueError:
        return "o"

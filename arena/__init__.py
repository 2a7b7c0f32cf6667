"""The race model and session files: Qt-free glue between ``engine`` and ``surfaces``.

A :class:`RaceConfig` is the plain description of a race (surface, start,
budget, racers with their hyperparameters); it is what the window's docks edit
and what session files hold. A :class:`Race` runs one.

``arena.__version__`` is the application's version (the one source: the
package metadata reads it from here).
"""

__version__ = "0.2.0"

from .config import RaceConfig, RacerConfig, SessionError
from .palette import PALETTE, SYMBOLS, next_color
from .presets import PRESETS_DIR, list_presets, load_preset
from .race import Race, inspect_racer
from .session import dump_session, load_session, parse_session, save_session, session_dict
from .summary import SUMMARY_COLUMNS, Standing, standings, summary_csv_text, write_summary_csv

__all__ = [
    "__version__",
    "RaceConfig",
    "RacerConfig",
    "SessionError",
    "Race",
    "inspect_racer",
    "PALETTE",
    "SYMBOLS",
    "next_color",
    "load_session",
    "save_session",
    "parse_session",
    "dump_session",
    "session_dict",
    "PRESETS_DIR",
    "list_presets",
    "load_preset",
    "SUMMARY_COLUMNS",
    "Standing",
    "standings",
    "summary_csv_text",
    "write_summary_csv",
]

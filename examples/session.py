"""Build a race, save it as a session file, open it again and replay it to the same numbers.

python examples/session.py [FOLDER]     (writes race.json and race.csv there; default: a temp folder)
"""

import sys
import tempfile
from pathlib import Path

import numpy as np

from arena import Race, RaceConfig, RacerConfig, load_session, save_session
from engine import write_race_csv

folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
config = RaceConfig(
    surface="ill_conditioned",
    surface_params={"kappa": 100.0, "angle": 30.0},
    start=(-4.0, 3.0),
    steps=200,
    racers=[
        RacerConfig("sgd", {"lr": 0.015}, name="SGD"),
        RacerConfig("adam", {"lr": 0.1}, name="Adam"),
        RacerConfig("rmsprop", {"lr": 0.05}, name="RMSProp", options={"schedule": "cosine", "T_max": 200}),
    ],
)
save_session(folder / "race.json", config)

first, again = Race(config), Race(load_session(folder / "race.json"))
first.advance(config.steps)
again.advance(config.steps)
for a, b in zip(first.records(), again.records()):
    assert np.array_equal(a.positions, b.positions), "a session must replay exactly"
    print(f"{a.label:<8} f = {a.losses[-1]:.6g} after {a.steps_taken} steps (replayed identically)")
write_race_csv(folder / "race.csv", again.records())
print(f"wrote {folder / 'race.json'} and {folder / 'race.csv'}")

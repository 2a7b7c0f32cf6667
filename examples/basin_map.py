"""Where does Adam end up from each start on Himmelblau's four-minimum surface?

Runs 40,000 starts (a 200 x 200 grid over the plot domain) as one batch and
counts how many reach each known minimum.

    python examples/basin_map.py
"""

import numpy as np

from engine import simulate
from surfaces import get_surface

surface = get_surface("himmelblau")
(x0, x1), (y0, y1) = surface.domain
xs, ys = np.meshgrid(np.linspace(x0, x1, 200), np.linspace(y0, y1, 200), indexing="ij")
starts = np.stack([xs.ravel(), ys.ravel()], axis=-1)

run = simulate(surface, "adam:lr=0.05", start=starts, steps=2000, tol=1e-6, record="final")

minima = np.array([m.point for m in surface.minima])
nearest = np.argmin(np.linalg.norm(run.final_positions[:, None, :] - minima, axis=-1), axis=1)
converged = run.status == "converged"
print(f"{len(starts)} starts: {converged.sum()} converged, {(run.status == 'diverged').sum()} diverged")
for i, m in enumerate(surface.minima):
    share = np.mean(converged & (nearest == i))
    print(f"  minimum ({m.point[0]:+.3f}, {m.point[1]:+.3f}): {share:6.1%} of the starts")

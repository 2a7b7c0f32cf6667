"""Race four optimizers on Rosenbrock's banana valley and print who got closest.

python examples/race.py
"""

from engine import race
from surfaces import get_surface

surface = get_surface("rosenbrock")
specs = ["sgd:lr=0.001", "momentum:lr=0.001", "adam:lr=0.02", "newton"]
records = race(surface, specs, start=(-1.5, 2.0), steps=500, tol=1e-8)

print(f"{'racer':<20} {'status':<10} {'steps':>5} {'f - f*':>12}  final (x, y)")
for rec in sorted(records, key=lambda r: r.losses[-1]):
    x, y = rec.positions[-1]
    gap = rec.losses[-1] - surface.f_min
    print(f"{rec.label:<20} {rec.status:<10} {rec.steps_taken:>5} {gap:12.3e}  ({x:.4f}, {y:.4f})")

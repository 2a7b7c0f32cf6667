"""Typed formula surfaces: microseconds per step before (NumPy) and after (compiled), and what it costs.

Prints, for a few formulas (a polynomial, trigonometry with parameters, exp/log/tanh):

* us/step of one run of 2000 steps, every step recorded, for Adam and Newton: the NumPy path of
  ``sympy.lambdify`` (what formula surfaces ran on before their kernels were generated:
  ``surfaces.formula._compile``), the NumPy path of the generated kernels (``scalar_kernels=None``),
  and the compiled path; interleaved rounds, medians, ratios;
* ms to evaluate f on a 200 x 200 grid (what the contour map does once per surface) on the two NumPy
  paths: the price of evaluating exp/log/... through the C library element by element;
* ms to build the surface: cold (SymPy differentiates; nothing cached) and warm (the generated module
  found in the kernel cache: no SymPy work).

    python benchmarks/formula.py [--rounds N]
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine import Runner, fast  # noqa: E402
from surfaces import formula, formula_kernels  # noqa: E402

FORMULAS = {
    "polynomial": "formula:(1 - x)**2 + c*(y - x**2)**2; c=100; x=-2..2; y=-1..3",
    "trig+params": "formula:a*sin(b*x)**2 + cos(x*y)/(2 + y**2) + 0.05*x**2 + 0.05*y**2; a=1.5, b=0.7",
    "exp/log/tanh": "formula:exp(-(x**2 + y**2)/s)*tanh(x) + log(1 + x**2 + y**2); s=2.5",
}
STEPS = 2000
OPTIMIZERS = ("adam:lr=0.01", "newton")


def us_per_step(obj, spec, start):
    runner = Runner(obj, spec, start=start, max_steps=STEPS, tol=None)
    t = time.perf_counter()
    runner.advance(STEPS)
    return (time.perf_counter() - t) / STEPS * 1e6


def lambdify_surface(surface):
    """The same surface on the functions ``sympy.lambdify`` makes (the code before this change)."""
    fns = formula._compile(surface.sympy_expr)
    return dataclasses.replace(surface, scalar_kernels=None, **fns)


def ms(fn, repeat=5):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1e3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(f"steps per run {STEPS}, {args.rounds} interleaved rounds, median us/step")
    print(f"{'formula':<14} {'optimizer':<14} {'lambdify':>9} {'kernels':>9} {'compiled':>9}  before/after")
    for label, text in FORMULAS.items():
        surface = formula.build_formula_surface(text)
        assert fast.wait_for(surface.scalar_kernels, 600), fast.prepare_error(surface.scalar_kernels)
        paths = {
            "lambdify": lambdify_surface(surface),
            "kernels": dataclasses.replace(surface, scalar_kernels=None),
            "compiled": surface,
        }
        for spec in OPTIMIZERS:
            times: dict[str, list[float]] = {k: [] for k in paths}
            for _ in range(args.rounds):
                for key, obj in paths.items():
                    times[key].append(us_per_step(obj, spec, surface.start))
            med = {k: statistics.median(v) for k, v in times.items()}
            print(
                f"{label:<14} {spec:<14} {med['lambdify']:9.2f} {med['kernels']:9.2f} {med['compiled']:9.3f}"
                f"  {med['lambdify'] / med['compiled']:.0f}x"
            )
        (x0, x1), (y0, y1) = surface.domain
        gx, gy = np.meshgrid(np.linspace(x0, x1, 200), np.linspace(y0, y1, 200), indexing="ij")
        grid = np.stack([gx, gy], axis=-1)
        grid_ms = {k: ms(lambda obj=obj, grid=grid: obj.f(grid)) for k, obj in paths.items() if k != "compiled"}
        print(f"{'':<14} f on 200x200: lambdify {grid_ms['lambdify']:.1f} ms, kernels {grid_ms['kernels']:.1f} ms")
        with tempfile.TemporaryDirectory() as tmp:
            real = formula_kernels.cache_dir
            formula_kernels.cache_dir = lambda: Path(tmp)  # type: ignore[assignment]
            try:
                cold, warm = [], []
                for _ in range(3):
                    for store in (cold, warm):
                        formula._build.cache_clear()
                        for name in [n for n in sys.modules if n.startswith("ga_formula_")]:
                            del sys.modules[name]
                        if store is cold:
                            for file in Path(tmp).glob("*.py"):
                                file.unlink()
                        t = time.perf_counter()
                        formula.build_formula_surface(text)
                        store.append(time.perf_counter() - t)
            finally:
                formula_kernels.cache_dir = real  # type: ignore[assignment]
        print(
            f"{'':<14} build: cold {statistics.median(cold) * 1e3:.0f} ms, "
            f"warm (cached module) {statistics.median(warm) * 1e3:.0f} ms"
        )


if __name__ == "__main__":
    main()

"""Engine speed on this machine.

Prints microseconds per optimizer step for a single run of every optimizer on
Rosenbrock (recording every step, as the window does), and point-steps per
second for Adam over 10,000 starts with ``record="final"``.

Targets (issue 2): single runs >= 10x faster than torch autograd + torch.optim on
the same 2-D problem (~340 us per step here, see benchmarks/torch_baseline.py);
batched >= 30 million point-steps per second.

    python benchmarks/engine.py [--steps N] [--batch B]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine import OPTIMIZERS, Runner, simulate  # noqa: E402
from surfaces import get_surface  # noqa: E402

TORCH_US_PER_STEP = 340.0


def single_run_us(surface, name: str, steps: int, repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        simulate(surface, name, start=(-1.5, 2.0), steps=steps)
        times.append((time.perf_counter() - t0) / steps * 1e6)
    return statistics.median(times)


def batched_rate(surface, batch: int, steps: int, repeats: int = 3) -> float:
    starts = np.random.default_rng(0).uniform([-2, -1], [2, 3], size=(batch, 2))
    rates = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        simulate(surface, "adam:lr=0.01", start=starts, steps=steps, record="final")
        rates.append(batch * steps / (time.perf_counter() - t0))
    return statistics.median(rates)


def minibatch_us(steps: int = 3000) -> float:
    """Per-step cost of a mini-batch racer (linear regression, n=1000, batch 32)."""
    surface = get_surface("linear_regression", n=1000)
    runner = Runner(surface, "sgd:lr=0.01,batch_size=32", max_steps=steps)
    t0 = time.perf_counter()
    runner.advance(steps)
    return (time.perf_counter() - t0) / steps * 1e6


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--steps", type=int, default=2000)
    ap.add_argument("--batch", type=int, default=10_000)
    args = ap.parse_args()
    surface = get_surface("rosenbrock")
    print(f"single run on Rosenbrock, {args.steps} steps, every step recorded (median of 5)")
    print(f"{'optimizer':<10} {'us/step':>8} {'vs torch':>9}")
    worst = 0.0
    for name in OPTIMIZERS:
        us = single_run_us(surface, name, args.steps)
        worst = max(worst, us)
        print(f"{name:<10} {us:8.1f} {TORCH_US_PER_STEP / us:8.1f}x")
    rate = batched_rate(surface, args.batch, 500)
    print(f"\nAdam over {args.batch} starts, 500 steps, record='final': {rate / 1e6:.1f} million point-steps/s")
    print(f"mini-batch racer (linear regression n=1000, batch 32): {minibatch_us():.1f} us/step (target < 500)")
    print(
        f"slowest single run: {worst:.1f} us/step ({TORCH_US_PER_STEP / worst:.1f}x faster than torch's "
        f"{TORCH_US_PER_STEP:.0f} us)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

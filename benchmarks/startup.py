"""Start-up time of the headless commands (wall clock, fresh interpreters).

``python main.py list`` must stay Qt-free and well under a second; a short
``race`` shows the cost of importing the engine and surfaces.

    python benchmarks/startup.py [--repeats N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = {
    "list": ["list"],
    "race (5 steps)": ["race", "--surface", "rosenbrock", "--optimizer", "adam", "--steps", "5", "-q"],
}


def seconds(args: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "main.py"), *args], check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=7)
    args = ap.parse_args()
    print(f"{'command':<16} {'median s':>9} {'max s':>7}   (target: list < 1 s)")
    for name, argv in COMMANDS.items():
        times = [seconds(argv) for _ in range(args.repeats)]
        print(f"{name:<16} {statistics.median(times):9.3f} {max(times):7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

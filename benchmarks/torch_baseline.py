"""Baseline: microseconds per optimizer step of torch autograd + torch.optim on 2-D Rosenbrock.

torch is NOT a dependency of Gradient Arena; run this with a Python that has it, e.g.

    python -m venv /work/torchvenv
    /work/torchvenv/bin/pip install torch==2.13.0 numpy
    /work/torchvenv/bin/python benchmarks/torch_baseline.py

One "step" is what a PyTorch user writes in a training loop, on a single
2-element float64 parameter tensor:

    opt.zero_grad(); loss = rosenbrock(p); loss.backward(); opt.step()

Every optimizer of the app's registry (shared/reference/optimizers.md) runs with
its registry defaults and foreach=False, for --steps steps after a warm-up; the
figure printed is the median over --repeats runs of (wall time / steps).
"""

from __future__ import annotations

import argparse
import math
import platform
import statistics
import sys
import time

try:
    import torch
except ImportError:
    sys.exit(
        "torch_baseline.py needs torch, which is not a dependency of this project.\n"
        "Install it in a separate venv, e.g.:\n"
        "  python -m venv /work/torchvenv && /work/torchvenv/bin/pip install torch==2.13.0 numpy\n"
        "  /work/torchvenv/bin/python benchmarks/torch_baseline.py"
    )

# registry name -> (torch class, kwargs giving the registry defaults)
REGISTRY = {
    "sgd": ("SGD", dict(lr=1e-3)),
    "momentum": ("SGD", dict(lr=1e-3, momentum=0.9)),
    "nesterov": ("SGD", dict(lr=1e-3, momentum=0.9, nesterov=True)),
    "adagrad": ("Adagrad", dict(lr=1e-2)),
    "rmsprop": ("RMSprop", dict(lr=1e-2)),
    "adadelta": ("Adadelta", dict(lr=1.0)),
    "adam": ("Adam", dict(lr=1e-3)),
    "amsgrad": ("Adam", dict(lr=1e-3, amsgrad=True)),
    "adamw": ("AdamW", dict(lr=1e-3, weight_decay=1e-2)),
    "nadam": ("NAdam", dict(lr=2e-3)),
    "radam": ("RAdam", dict(lr=1e-3)),
    "adamax": ("Adamax", dict(lr=2e-3)),
}


def rosenbrock(p):
    x, y = p[0], p[1]
    return (1 - x) ** 2 + 100 * (y - x**2) ** 2


def time_run(name: str, steps: int, warmup: int) -> float:
    """Seconds per step for one fresh run (warm-up steps not timed)."""
    cls_name, kwargs = REGISTRY[name]
    p = torch.tensor([-1.5, 2.0], dtype=torch.float64, requires_grad=True)
    opt = getattr(torch.optim, cls_name)([p], foreach=False, **kwargs)

    def one_step():
        opt.zero_grad()
        loss = rosenbrock(p)
        loss.backward()
        opt.step()

    for _ in range(warmup):
        one_step()
    t0 = time.perf_counter()
    for _ in range(steps):
        one_step()
    elapsed = time.perf_counter() - t0
    if not all(math.isfinite(v) for v in p.detach().tolist()):
        raise RuntimeError(f"{name}: parameters became non-finite during the benchmark")
    return elapsed / steps


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--steps", type=int, default=5000, help="timed steps per run (default 5000)")
    ap.add_argument("--repeats", type=int, default=5, help="runs per optimizer; the median is reported (default 5)")
    ap.add_argument("--warmup", type=int, default=200, help="untimed steps before each run (default 200)")
    ap.add_argument("--threads", type=int, default=None, help="torch.set_num_threads (default: torch's own)")
    ap.add_argument("--only", nargs="*", choices=list(REGISTRY), help="benchmark only these optimizers")
    args = ap.parse_args(argv)

    if args.threads:
        torch.set_num_threads(args.threads)
    names = args.only or list(REGISTRY)
    print(
        f"# torch {torch.__version__}, Python {platform.python_version()}, {platform.machine()}, "
        f"threads={torch.get_num_threads()}, cpu capability={torch.backends.cpu.get_cpu_capability()}"
    )
    print(
        f"# 2-D Rosenbrock from (-1.5, 2), float64, foreach=False; {args.steps} steps x {args.repeats} repeats, median"
    )
    print(f"{'optimizer':10s} {'us/step':>9s}")
    for name in names:
        runs = [time_run(name, args.steps, args.warmup) for _ in range(args.repeats)]
        print(f"{name:10s} {statistics.median(runs) * 1e6:9.1f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Engine speed on this machine, side by side with torch.optim, plain Python floats and JAX.

Prints, in one run:

* microseconds per step of a single run on Rosenbrock (2000 steps, every step
  recorded), for the compiled path (engine.fast), the NumPy path (the reference,
  ``GRADIENT_ARENA_NO_JIT=1``), plain Python floats, torch.optim and JAX (jit +
  lax.scan), interleaved rounds, median, with ratios;
* Adam over 10^5 starts (``record="final"``): point-steps per second, against the
  machine's measured copy bandwidth and torch batched;
* a race of 20 racers against one racer, per ``advance`` of 1 and 10 steps;
* recorded history: the cost of steps near 10 and near 10^6, and bytes per
  recorded step per racer.

torch and JAX are not dependencies: ``--ref-python /work/torchvenv/bin/python``
runs benchmarks/reference_loops.py in an interpreter that has them.

    python benchmarks/engine.py [--ref-python PYTHON] [--batch B]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import reference_loops  # noqa: E402
from engine import OPTIMIZERS, Runner, fast  # noqa: E402

STEPS, ROUNDS = 2000, 9
NAMES = ("sgd", "adam", "radam", "newton")
REPEAT = 5  # fast runs back to back per round


def objective():
    """The registry's Rosenbrock (compiled kernels) and the same surface on the NumPy path."""
    import dataclasses

    from surfaces import get_surface

    s = get_surface("rosenbrock")
    assert s.scalar_kernels is not None, "the registry's Rosenbrock has no compiled kernels"
    assert fast.wait_for(s.scalar_kernels, 600), fast.prepare_error(s.scalar_kernels)
    return s, dataclasses.replace(s, scalar_kernels=None)


def run_us(obj, name, steps=STEPS, split=None):
    """us/step of ``steps`` steps with every step recorded, plus the RunRecord snapshot (copies of the
    history); ``split`` (a list) also gets the us/step of advance() alone: the history written in place,
    which is what JAX's lax.scan returns (its stacked outputs, no copy)."""
    r = Runner(obj, name, start=(-1.5, 2.0), max_steps=steps)
    t0 = time.perf_counter()
    r.advance(steps)
    t1 = time.perf_counter()
    r.record()
    if split is not None:
        split.append((t1 - t0) / steps * 1e6)
    return (time.perf_counter() - t0) / steps * 1e6


def copy_bandwidth():
    a = np.ones(64 * 2**20 // 8)
    b = np.empty_like(a)
    np.copyto(b, a)
    best = min(_timed(lambda: np.copyto(b, a)) for _ in range(7))
    return 2 * a.nbytes / best  # read + write


def _timed(fn):
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ref-python", default=None, help="a Python with torch and/or jax for the reference columns")
    ap.add_argument("--batch", type=int, default=100_000)
    args = ap.parse_args()
    t0 = time.perf_counter()
    ok = fast.wait(600)
    print(f"# compiled kernels ready: {ok} ({time.perf_counter() - t0:.2f} s to load)", flush=True)
    fast_obj, numpy_obj = objective()

    ref: dict = {}
    if args.ref_python:
        out = subprocess.run(
            [args.ref_python, str(ROOT / "benchmarks" / "reference_loops.py"), str(args.batch)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        ref = json.loads(out.stdout.strip().splitlines()[-1])
    # interleaved rounds in this process: fast, numpy, plain
    cols = ("fast", "advance", "numpy", "plain")
    rows: dict[str, dict[str, list[float]]] = {n: {c: [] for c in cols} for n in OPTIMIZERS}
    for _ in range(ROUNDS):
        for name in OPTIMIZERS:
            # back to back, like the JAX column (reference_loops.timed: repeated calls, median): a lone run
            # between the NumPy and plain-float loops pays for caches those evicted
            split: list[float] = []
            rows[name]["fast"].append(statistics.median(run_us(fast_obj, name, split=split) for _ in range(REPEAT)))
            rows[name]["advance"].append(statistics.median(split))
            rows[name]["numpy"].append(run_us(numpy_obj, name, 500))
            if name in NAMES:
                rows[name]["plain"].append(_plain(name))
    med = {n: {k: statistics.median(v) if v else float("nan") for k, v in cols.items()} for n, cols in rows.items()}
    torch_us, jax_us = ref.get("torch", {}), ref.get("jax", {})
    print("\nsingle run, Rosenbrock, 2000 steps, every step recorded (us/step, median of 9 interleaved rounds; "
          f"fast/adv: the median of {REPEAT} runs back to back in each round, as JAX is timed; "
          "targets: fast <= 1 us for first-order optimizers, <= 3 us for newton, fast/jax <= 5)\n"
          "fast: advance() + record() (the history written in place, then a RunRecord: read-only views of it); "
          "adv: advance() alone, like JAX's lax.scan, whose stacked outputs are not copied")  # fmt: skip
    print(f"{'optimizer':<10} {'fast':>7} {'adv':>6} {'numpy':>7} {'torch':>8} {'plain':>7} {'jax':>7}"
          f" {'numpy/fast':>11} {'torch/fast':>11} {'fast/plain':>11} {'fast/jax':>9} {'adv/jax':>8}")  # fmt: skip
    for name in OPTIMIZERS:
        m = med[name]
        tu, ju, pl = torch_us.get(name, float("nan")), jax_us.get(name, float("nan")), m["plain"]
        print(f"{name:<10} {m['fast']:7.2f} {m['advance']:6.2f} {m['numpy']:7.1f} {tu:8.1f} {pl:7.2f} {ju:7.2f} "
              f"{m['numpy'] / m['fast']:10.1f}x {tu / m['fast']:10.0f}x "
              f"{m['fast'] / pl:10.2f}x {m['fast'] / ju:8.1f}x {m['advance'] / ju:7.1f}x")  # fmt: skip

    # batched
    import os

    from engine.fast import lanes

    starts = np.random.default_rng(0).uniform([-2, -1], [2, 3], size=(args.batch, 2))
    t0 = time.perf_counter()
    assert fast.lanes_for(fast_obj.scalar_kernels, 4, timeout=600) is not None, fast.lanes_error(
        fast_obj.scalar_kernels, 4
    )
    print(f"# blocked Adam lane loop for Rosenbrock ready ({time.perf_counter() - t0:.2f} s to load)", flush=True)

    def batched(mode):
        r = Runner(fast_obj, "adam:lr=0.01", start=starts, max_steps=200, record="final")
        r.advance(1)  # on the compiled path now (lanes moved once)
        batch = r._fast_run.batch
        batch.blocked = mode != "scalar"
        os.environ["GRADIENT_ARENA_THREADS"] = "1" if mode == "1 thread" else str(lanes.threads())
        t0, c0 = time.perf_counter(), time.process_time()
        r.advance(199)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        cpu_ns[mode].append(cpu / (args.batch * 199) * 1e9)
        return args.batch * 199 / wall

    modes: dict[str, list[float]] = {"blocked": [], "1 thread": [], "scalar": []}
    cpu_ns: dict[str, list[float]] = {mode: [] for mode in modes}
    for _ in range(5):
        for mode in modes:
            modes[mode].append(batched(mode))
    os.environ.pop("GRADIENT_ARENA_THREADS", None)
    rates = {mode: statistics.median(v) for mode, v in modes.items()}
    cpu = {mode: statistics.median(v) for mode, v in cpu_ns.items()}
    rate = rates["blocked"]
    bw = copy_bandwidth()
    per_point_step = 8 * 8 * 2  # read + write x, y, m_x, m_y, v_x, v_y, g_x, g_y (what a streamed step moves)
    print(f"\nAdam over {args.batch} starts, 200 steps, record='final' (median of 5 interleaved rounds):")
    print(f"  blocked lane loop, {lanes.threads()} threads: {rate / 1e6:.1f} M point-steps/s "
          f"({1e9 / rate:.2f} ns per point-step); 1 thread {rates['1 thread'] / 1e6:.1f} "
          f"({rate / rates['1 thread']:.2f}x); the scalar step loop {rates['scalar'] / 1e6:.1f} "
          f"({rate / rates['scalar']:.1f}x)")  # fmt: skip
    print(
        f"  CPU time per point-step: blocked {cpu['blocked']:.2f} ns, 1 thread {cpu['1 thread']:.2f} ns, scalar "
        f"{cpu['scalar']:.2f} ns (on a busy machine wall time exceeds CPU time / threads: "
        f"{lanes.threads()} free cores would give {lanes.threads() * 1e3 / cpu['1 thread']:.0f} M point-steps/s)"
    )
    print(f"  copy bandwidth (np.copyto 64 MB, read+write): {bw / 1e9:.1f} GB/s; a state-streaming step moves "
          f"{per_point_step} B per point-step -> limit {bw / per_point_step / 1e6:.1f} M point-steps/s; "
          f"fraction {rate * per_point_step / bw:.2f} (target >= 0.60)")  # fmt: skip
    tb = ref.get("torch_batched_point_steps_per_s")
    if tb:
        print(f"  torch batched (Adam, foreach=False, same work, best of 1 and 2 threads): {tb / 1e6:.2f} M "
              f"point-steps/s -> {rate / tb:.1f}x (target >= 2x)")  # fmt: skip

    # race: 20 racers vs 1
    from arena.config import RaceConfig, RacerConfig
    from arena.race import Race

    def race_us(n, k, total=400):
        specs = compiled_specs()
        cfg = RaceConfig(surface="rosenbrock", start=(-1.5, 2.0), steps=10**6,
                         racers=[RacerConfig(specs[i % len(specs)]) for i in range(n)])  # fmt: skip
        race = Race(cfg)
        race.advance(k)
        t0 = time.perf_counter()
        for _ in range(total // k):
            race.advance(k)
        return (time.perf_counter() - t0) / (total // k * k) * 1e6

    print("\nrace (one compiled call per advance for all racers), us per race step:")
    for k in (1, 10, 100):
        one, twenty = (
            statistics.median(race_us(1, k) for _ in range(3)),
            statistics.median(race_us(20, k) for _ in range(3)),
        )
        print(f"  advance({k:>3}): 1 racer {one:7.2f}, 20 racers {twenty:7.2f} -> ratio {twenty / one:.2f} (< 3)")
    # what 20 racers cannot go below: each racer's own arithmetic (a lone racer advanced 2000 steps in one call)
    specs = compiled_specs()
    own = []
    for i in range(20):
        r = Runner(fast_obj, specs[i % len(specs)], start=(-1.5, 2.0), max_steps=10**6)
        r.advance(1)
        own.append(statistics.median(_timed(lambda r=r: r.advance(2000)) for _ in range(3)) / 2000 * 1e6)
    bound = sum(own)
    print(
        f"  the 20 racers' own step costs (each alone, 2000 steps per call) sum to {bound:.2f} us per race step: "
        f"20 racers at advance(100) cost {twenty / bound:.2f}x that (1.0 = no per-racer overhead left; "
        f"the lone sgd racer's step is {own[0]:.3f} us)"
    )

    # history growth
    r = Runner(fast_obj, "sgd:lr=1e-4", start=(-1.5, 2.0))
    r.advance(5)
    early = statistics.median(_timed(lambda: r.advance(10)) for _ in range(20)) / 10
    r.advance(10**6 - r.steps)
    late = statistics.median(_timed(lambda: r.advance(10)) for _ in range(20)) / 10
    n = r.steps + 1
    hist = sum(getattr(r, a).nbytes for a in ("_pos", "_loss", "_grads", "_eff", "_lr", "_batch_loss"))
    print(f"\nrecorded history: step ~10 {early * 1e6:.2f} us/step, step ~10^6 {late * 1e6:.2f} us/step "
          f"(advance(10) per call); 1 racer after {n} rows holds {hist / 2**20:.1f} MB capacity = "
          f"{hist / n:.0f} B per recorded step (72 B per row used: x, y, f, gx, gy, eff x, eff y, lr, batch loss; "
          f"capacity doubles)")  # fmt: skip
    return 0


def compiled_specs():
    """The optimizers the compiled step loop runs (the others step on NumPy beside a race's batch)."""
    fast_obj = objective()[0]
    return [n for n in OPTIMIZERS if Runner(fast_obj, n, start=(-1.5, 2.0), max_steps=1)._fast_run is not None]


def _plain(name):
    t0 = time.perf_counter()
    reference_loops.plain(name)
    return (time.perf_counter() - t0) / reference_loops.STEPS * 1e6


if __name__ == "__main__":
    sys.exit(main())

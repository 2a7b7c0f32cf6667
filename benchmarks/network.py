"""Network races on this machine: the cost of one optimizer step of the homework's network, against
torch for the same network, and the time to fill the loss landscape.

Prints, in one run (interleaved rounds, medians, ratios):

* one Adam step of 64-100-100-100-100-10 (ReLU) on digits, batches of 100, float64:
  ``NetworkRunner.advance`` per step (batch draw, forward and backward, the Adam update,
  the per-layer effective-lr quantiles, and the test evaluation every 10 steps, amortised),
  on the compiled flat-vector steps (engine.fast.flat; waited for), and its parts alone
  (loss and gradient; the Adam update and the quantiles, NumPy and compiled; one evaluation);
* torch's step for the same network and batch (float64 and float32; ``--ref-python``:
  a Python with torch runs benchmarks/network_torch.py once per round);
* the loss landscape: 60x60 on the PCA plane of four homework racers' paths after 300 steps,
  and on two filter-normalized random directions.

BLAS and torch run with ``--threads`` threads (default 1: on a shared 2-core machine a second
thread waits for the other processes and makes steps 10-30x slower; pass 2 on an idle machine).
The thread count must be set before NumPy loads, so this script sets OPENBLAS_NUM_THREADS (and
OMP/MKL) itself.

    python benchmarks/network.py [--ref-python /work/torchvenv/bin/python] [--threads N] [--rounds R]
                                 [--baseline /work/main] [--no-landscape]
    xvfb-run -a -s "-screen 0 1600x1000x24" python benchmarks/network.py --window   # frames per second

``--window`` instead plays the mnist-homework preset in the window (a real one under Xvfb, or
offscreen) for its whole budget and reports frames per second, race steps per second, and the
landscape's time in the background.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _threads_from_argv() -> str:
    for i, arg in enumerate(sys.argv):
        if arg == "--threads" and i + 1 < len(sys.argv):
            return sys.argv[i + 1]
        if arg.startswith("--threads="):
            return arg.split("=", 1)[1]
    return "1"


for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = _threads_from_argv()

sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from arena import Race, load_preset  # noqa: E402
from engine import OPTIMIZERS, fast  # noqa: E402
from problems import NetworkRunner, get_problem, landscape  # noqa: E402
from problems.runner import layer_quantiles, quantile_sample  # noqa: E402

HOMEWORK = "mlp:digits,layers=100x100x100x100"
STEPS = 300


def per_step_us(fn, n: int) -> float:
    t0 = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - t0) / n * 1e6


def window_fps(seconds: float) -> int:
    """Play mnist-homework in the main window (network mode); frames per second over the first ``seconds``."""
    from PySide6 import QtCore

    from gui.app import make_app
    from gui.main_window import MainWindow

    app = make_app()
    scratch = QtCore.QTemporaryDir()
    settings = QtCore.QSettings(scratch.filePath("settings.ini"), QtCore.QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, config=load_preset("mnist-homework"))
    window.resize(1480, 920)
    window.show()
    for _ in range(5):
        app.processEvents()
    controller = window.controller
    frames = []
    controller.timer.timeout.connect(lambda: frames.append(time.perf_counter()))
    controller.play()
    t0, cpu0 = time.perf_counter(), time.thread_time()
    QtCore.QTimer.singleShot(int(seconds * 1000), app.quit)
    app.exec()
    controller.pause()
    elapsed, cpu = time.perf_counter() - t0, time.thread_time() - cpu0
    gaps = np.diff(frames) * 1e3 if len(frames) > 1 else np.array([np.nan])
    platform = app.platformName()
    print(
        f"Main window (network mode), mnist-homework (4 racers, {controller.speed} step(s) per frame), "
        f"{platform} platform, {seconds:g} s:"
    )
    print(f"  {len(frames) / elapsed:.1f} frames/s; {controller.race.steps / elapsed:.1f} race steps/s")
    p50, p90 = np.median(gaps), np.percentile(gaps, 90)
    print(f"  frame interval median {p50:.1f} ms, 90% {p90:.1f} ms, max {gaps.max():.0f} ms")
    # the window's own thread's CPU time per frame (steps, panels, leaderboard): what an idle machine would take,
    # whatever the load (the landscape's worker thread and the X server are not counted)
    print(
        f"  main thread CPU per frame: {cpu / max(1, len(frames)) * 1e3:.1f} ms (<= 50 ms: 20 frames/s on an idle core)"
    )
    print(f"  landscape: {window.network.panels.land.status.text()}  (target: >= 20 frames/s)")
    print(f"  load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    window.close()
    return 0


#: ``--baseline DIR``: one round of another checkout's whole step, in a child process with that checkout first
_BASELINE_ROUND = """
import json, sys, time
import numpy as np
from problems import NetworkRunner, get_problem
try:
    from engine import fast
    fast.flat_kernels(timeout=None)
except (ImportError, AttributeError):
    pass
problem = get_problem(sys.argv[1])
runner = NetworkRunner(problem, "adam", options={"batch_size": 100}, max_steps=100000)
runner.advance(20)
t0 = time.perf_counter()
runner.advance(int(sys.argv[2]))
print(json.dumps((time.perf_counter() - t0) / int(sys.argv[2]) * 1e6))
"""


def baseline_round(root: str, steps: int) -> float:
    """Microseconds per whole Adam step of the checkout at ``root`` (one child process)."""
    env = dict(os.environ, PYTHONPATH=root)
    res = subprocess.run(
        [sys.executable, "-c", _BASELINE_ROUND, HOMEWORK, str(steps)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=root,
        env=env,
    )
    if res.returncode != 0:
        raise RuntimeError(res.stderr)
    return float(json.loads(res.stdout.splitlines()[-1]))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ref-python", default=None, help="a Python with torch for the reference column")
    ap.add_argument("--threads", type=int, default=1, help="BLAS/torch threads (default 1)")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--window", action="store_true", help="frames per second of the network window instead")
    ap.add_argument("--no-landscape", action="store_true", help="time the steps only")
    ap.add_argument("--baseline", default=None, help="another checkout (e.g. /work/main): its whole step, per round")
    ap.add_argument("--seconds", type=float, default=8.0, help="--window: how long to play")
    args = ap.parse_args()
    if args.window:
        return window_fps(args.seconds)

    problem = get_problem(HOMEWORK)
    print(f"{problem.title}: {problem.n_params:,} parameters; batch 100; {args.threads} BLAS thread(s)")
    flat = fast.flat_kernels(timeout=None)  # the compiled flat-vector steps (a racer uses them once loaded)
    print(f"compiled network steps (engine.fast.flat): {'loaded' if flat is not None else 'NOT loaded (NumPy)'}")
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    theta = np.array(problem.theta0)
    idx = np.arange(100)
    adam = OPTIMIZERS["adam"]
    hp = adam.defaults
    g = problem.batch_value_and_grad(theta, idx)[1]
    state = adam.init(theta, hp)
    samples = quantile_sample(problem.model.layers)
    q = np.empty((problem.model.n_layers, 3))
    eff = adam.update(g, adam.update(g, state, theta, hp)[1], theta, hp)[2]

    parts = {
        "runner.advance (whole step)": None,
        "loss and gradient": lambda: problem.batch_value_and_grad(theta, idx),
        "Adam update (NumPy)": lambda: adam.update(g, state, theta, hp),
        "per-layer lr quantiles (NumPy)": lambda: layer_quantiles(eff, samples, q),
        "test evaluation (every 10th step)": lambda: problem.evaluate(theta),
    }
    if flat is not None:
        probe = NetworkRunner(problem, "adam", options={"batch_size": 100}, max_steps=10)
        probe.advance(1)
        compiled, th = probe._compiled, probe.theta.copy()
        row = compiled.table(np.full(1, hp["lr"]))[0].copy()
        parts["Adam update (compiled)"] = lambda: compiled.step(g, th, hp["lr"], row)
        q_args = (probe._q_idx, probe._q_starts, probe._q_levels, q, probe._q_buf)
        parts["per-layer lr quantiles (compiled)"] = lambda: flat.layer_quantiles(eff, *q_args)
    times: dict[str, list[float]] = {k: [] for k in parts}
    torch_times: dict[str, list[float]] = {}
    for _ in range(args.rounds):
        runner = NetworkRunner(problem, "adam", options={"batch_size": 100}, max_steps=10 * STEPS)
        runner.advance(20)
        t0 = time.perf_counter()
        runner.advance(STEPS)
        times["runner.advance (whole step)"].append((time.perf_counter() - t0) / STEPS * 1e6)
        for name, fn in parts.items():
            if fn is not None:
                times[name].append(per_step_us(fn, 50 if "evaluation" in name else STEPS))
        if args.baseline:
            times.setdefault(f"baseline {Path(args.baseline).name} runner.advance", []).append(
                baseline_round(args.baseline, STEPS)
            )
            times.setdefault("this checkout, child process", []).append(baseline_round(str(ROOT), STEPS))
        if args.ref_python:
            res = subprocess.run(
                [args.ref_python, str(ROOT / "benchmarks" / "network_torch.py"), str(args.threads), str(STEPS)],
                capture_output=True,
                text=True,
                timeout=600,
            )
            if res.returncode != 0:
                print(res.stderr, file=sys.stderr)
                return 1
            data = json.loads(res.stdout)
            for dtype, us in data["us_per_step"].items():
                torch_times.setdefault(f"torch {data['torch']} Adam step, {dtype}", []).append(us)

    print(f"\nOne Adam step, microseconds (median of {args.rounds} interleaved rounds; min in brackets)")
    whole = statistics.median(times["runner.advance (whole step)"])
    for name, values in times.items():
        print(f"  {name:<36} {statistics.median(values):9.0f}  [{min(values):7.0f}]")
    if args.baseline:
        base = statistics.median(times[f"baseline {Path(args.baseline).name} runner.advance"])
        ours = statistics.median(times["this checkout, child process"])
        print(f"  this checkout / baseline (child processes, interleaved) = {ours / base:.2f}")
    for name, values in torch_times.items():
        med = statistics.median(values)
        print(f"  {name:<36} {med:9.0f}  [{min(values):7.0f}]   ours/torch = {whole / med:.2f}")
    print(f"  target: <= 1000 us per step; measured {whole:.0f} us -> {'met' if whole <= 1000 else 'NOT met'}")

    if args.no_landscape:
        print(f"\nload average after: {os.getloadavg()[0]:.2f}")
        return 0
    # the landscape: four homework racers' paths after STEPS steps
    config = load_preset("mnist-homework")
    config.steps = STEPS
    race = Race(config)
    race.advance(STEPS)
    paths = [r.snapshots()[1] for r in race.runners]
    for method in ("pca", "random"):
        secs = []
        for _ in range(3):
            t0 = time.perf_counter()
            land = landscape(problem, paths, method, 60)
            secs.append(time.perf_counter() - t0)
        extra = f"; explained variance {land.explained[0]:.2f} + {land.explained[1]:.2f}" if land.explained else ""
        print(
            f"\nLandscape 60x60 ({method}): {statistics.median(secs):.2f} s median of 3 [{min(secs):.2f}]"
            f"{extra}; loss {land.losses.min():.3g}..{land.losses.max():.3g}"
        )
    print("  target (PCA): <= 3 s")
    print(f"\nload average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

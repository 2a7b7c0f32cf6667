"""torch's side of benchmarks/network.py: one Adam step (zero_grad, forward, cross-entropy,
backward, step; foreach=False) of a 64-100-100-100-100-10 ReLU MLP on batches of 100, in
float64 and float32. Run by network.py with ``--ref-python`` once per round (torch is not a
dependency). Prints JSON: microseconds per step of this round."""

from __future__ import annotations

import json
import sys
import time

import torch

SIZES, BATCH = (64, 100, 100, 100, 100, 10), 100


def make(dtype):
    layers = []
    for i, (a, b) in enumerate(zip(SIZES[:-1], SIZES[1:])):
        layers.append(torch.nn.Linear(a, b, dtype=dtype))
        if i < len(SIZES) - 2:
            layers.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*layers)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, foreach=False)
    g = torch.Generator().manual_seed(0)
    X = torch.rand((2000, SIZES[0]), generator=g, dtype=dtype)
    y = torch.randint(0, SIZES[-1], (2000,), generator=g)
    return model, opt, X, y


def steps(model, opt, X, y, n):
    loss_fn = torch.nn.CrossEntropyLoss()
    t0 = time.perf_counter()
    for i in range(n):
        lo = (i * BATCH) % (len(y) - BATCH)
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(X[lo : lo + BATCH]), y[lo : lo + BATCH])
        loss.backward()
        opt.step()
    return (time.perf_counter() - t0) / n * 1e6


def main() -> None:
    """``network_torch.py THREADS STEPS``: one round, every dtype, JSON on stdout."""
    threads, n = int(sys.argv[1]), int(sys.argv[2])
    torch.set_num_threads(threads)
    out = {"torch": torch.__version__.split("+")[0], "threads": threads, "us_per_step": {}}
    for dtype in (torch.float64, torch.float32):
        case = make(dtype)
        steps(*case, 20)  # warm up
        out["us_per_step"][str(dtype).split(".")[-1]] = steps(*case, n)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()

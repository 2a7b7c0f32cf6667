"""Regenerate the MLP golden files in this folder from torch (autograd and torch.optim).

torch is NOT a dependency of Gradient Arena; run this by hand with the reference venv:

    /work/torchvenv/bin/python tests/problems/golden/make_golden_mlp.py

It writes two files next to itself:

* ``mlp_grad.npz``: loss and gradient of softmax cross-entropy of small MLPs
  (every activation, several shapes, one without hidden layers) computed by
  torch autograd, with the inputs, labels and flat parameters (torch's
  ``nn.Linear`` layout: W_1 (out, in) row-major, b_1, W_2, b_2, ...) that made
  them. ``tests/problems/test_golden_mlp.py`` checks problems.MLP against them to 1e-10.
* ``mlp_optim.npz``: every optimizer of tests/engine/golden/make_golden.py's
  REGISTRY (the app's registry, torch class and defaults) training one
  10-25-25-5 tanh MLP (1,055 parameters) full-batch on a fixed batch of 64
  points for STEPS steps, from the same initial weights: the loss before every
  step and the whole parameter vector after the steps in CHECKPOINTS. As in
  make_golden.py, everything is float64 (torch's default dtype is set first) and
  foreach=False; every case is re-run with its gradients perturbed by 1e-13
  relative and must stay within 1e-8, so a re-implementation that differs by
  rounding only can match it.

Arrays are named ``<case>/<field>``; ``meta`` is a JSON string describing the cases.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

try:
    import torch
    import torch.nn.functional as F
except ImportError:  # pragma: no cover - torch is not a project dependency
    sys.exit("make_golden_mlp.py needs torch: /work/torchvenv/bin/python tests/problems/golden/make_golden_mlp.py")

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "engine" / "golden"))
from make_golden import REGISTRY, torch_kwargs  # noqa: E402  (the optimizer table the 2-D goldens use)

GENERATED_BY = "tests/problems/golden/make_golden_mlp.py"
ACT = {"relu": torch.relu, "tanh": torch.tanh, "sigmoid": torch.sigmoid}

GRAD_CASES = [
    # id, sizes, activation, batch, seed
    ("relu-5-7-3", (5, 7, 3), "relu", 11, 0),
    ("tanh-64-32-32-10", (64, 32, 32, 10), "tanh", 20, 1),
    ("sigmoid-2-16-16-2", (2, 16, 16, 2), "sigmoid", 30, 2),
    ("relu-3-4-4-4-5", (3, 4, 4, 4, 5), "relu", 9, 3),
    ("tanh-4-3", (4, 3), "tanh", 6, 4),
]

OPT_SIZES, OPT_ACT, OPT_BATCH, STEPS = (10, 25, 25, 5), "tanh", 64, 50
CHECKPOINTS = (1, 10, 50)
# one case per registry optimizer: a learning rate that moves the network visibly in STEPS steps
OPT_CASES = {
    "sgd": dict(lr=0.2),
    "momentum": dict(lr=0.05),
    "nesterov": dict(lr=0.05),
    "adagrad": dict(lr=0.05),
    "rmsprop": dict(lr=0.002),
    "adadelta": dict(lr=1.0),
    "adam": dict(lr=0.01),
    "amsgrad": dict(lr=0.01),
    "adamw": dict(lr=0.01, weight_decay=0.1),
    "nadam": dict(lr=0.01),
    "radam": dict(lr=0.01),
    "adamax": dict(lr=0.01),
}
NOISE, MAX_NOISE_DEVIATION = 1e-13, 1e-8


def layout(sizes):
    parts, off = [], 0
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        parts.append((off, (fan_out, fan_in), off + fan_in * fan_out, fan_out))
        off += fan_in * fan_out + fan_out
    return parts, off


def loss_fn(theta, X, y, sizes, act):
    parts, _ = layout(sizes)
    h = X
    for i, (w0, shape, b0, nb) in enumerate(parts):
        W = theta[w0 : w0 + shape[0] * shape[1]].reshape(shape)
        b = theta[b0 : b0 + nb]
        h = F.linear(h, W, b)
        if i < len(parts) - 1:
            h = ACT[act](h)
    return F.cross_entropy(h, y)


def random_params(sizes, rng, scale=0.5):
    _, n = layout(sizes)
    return scale * rng.standard_normal(n)


def grad_cases(out: dict, meta: list) -> None:
    for case_id, sizes, act, batch, seed in GRAD_CASES:
        rng = np.random.default_rng(seed)
        theta = random_params(sizes, rng)
        X = rng.standard_normal((batch, sizes[0]))
        y = rng.integers(0, sizes[-1], batch)
        t = torch.tensor(theta, requires_grad=True)
        loss = loss_fn(t, torch.tensor(X), torch.tensor(y), sizes, act)
        loss.backward()
        g = t.grad.numpy().copy()
        assert np.isfinite(g).all() and np.abs(g).max() > 1e-3, case_id
        out.update(
            {
                f"{case_id}/theta": theta,
                f"{case_id}/X": X,
                f"{case_id}/y": y,
                f"{case_id}/loss": np.array(loss.item()),
                f"{case_id}/grad": g,
            }
        )
        meta.append({"id": case_id, "sizes": list(sizes), "activation": act})


def optimizer_problem():
    rng = np.random.default_rng(2026)
    X = rng.standard_normal((OPT_BATCH, OPT_SIZES[0]))
    y = (X @ rng.standard_normal((OPT_SIZES[0], OPT_SIZES[-1]))).argmax(axis=1)  # learnable labels
    _, n = layout(OPT_SIZES)
    theta0 = np.zeros(n)
    parts, _ = layout(OPT_SIZES)
    for w0, (fan_out, fan_in), b0, nb in parts:  # Xavier normal weights, small non-zero biases
        theta0[w0 : w0 + fan_out * fan_in] = np.sqrt(2 / (fan_in + fan_out)) * rng.standard_normal(fan_out * fan_in)
        theta0[b0 : b0 + nb] = 0.1 * rng.standard_normal(nb)
    return X, y, theta0


def train(name, hp, X, y, theta0, noise=0.0):
    cls, kwargs = torch_kwargs(name, hp)
    p = torch.tensor(theta0, requires_grad=True)
    opt = cls([p], **kwargs)
    Xt, yt = torch.tensor(X), torch.tensor(y)
    losses, checkpoints = [], {}
    for t in range(1, STEPS + 1):
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(p, Xt, yt, OPT_SIZES, OPT_ACT)
        loss.backward()
        losses.append(loss.item())
        if noise:
            sign = 1.0 if (t * 7919) % 3 else -1.0
            with torch.no_grad():
                p.grad.mul_(1.0 + sign * noise).add_(-sign * noise)
        opt.step()
        if t in CHECKPOINTS:
            checkpoints[t] = p.detach().numpy().copy()
    return np.array(losses), checkpoints


def optimizer_cases(out: dict, meta: list) -> None:
    X, y, theta0 = optimizer_problem()
    out.update({"problem/X": X, "problem/y": y, "problem/theta0": theta0})
    for name in REGISTRY:
        hp = OPT_CASES[name]
        losses, cps = train(name, hp, X, y, theta0)
        _, noisy = train(name, hp, X, y, theta0, noise=NOISE)
        dev = max(np.max(np.abs(cps[t] - noisy[t]) / np.maximum(np.abs(cps[t]), 1e-3)) for t in CHECKPOINTS)
        assert dev <= MAX_NOISE_DEVIATION, f"{name}: too sensitive to rounding ({dev:.1e})"
        assert losses[-1] < 0.9 * losses[0], f"{name}: loss barely moves ({losses[0]:.3f} -> {losses[-1]:.3f})"
        out[f"{name}/losses"] = losses
        for t in CHECKPOINTS:
            out[f"{name}/theta_{t}"] = cps[t]
        meta.append({"optimizer": name, "hyperparams": hp, "noise_deviation": float(dev)})
        print(f"{name:9s} loss {losses[0]:.4f} -> {losses[-1]:.4f}  rounding sensitivity {dev:.1e}")


def save(path: Path, arrays: dict, meta: dict) -> None:
    np.savez_compressed(path, meta=np.array(json.dumps(meta)), **arrays)
    print(f"wrote {path.name} ({path.stat().st_size / 1024:.0f} KiB)")


def main() -> None:
    torch.set_default_dtype(torch.float64)
    head = {"torch_version": torch.__version__.split("+")[0], "generated_by": GENERATED_BY}
    arrays: dict = {}
    cases: list = []
    grad_cases(arrays, cases)
    save(HERE / "mlp_grad.npz", arrays, {**head, "cases": cases})
    arrays, cases = {}, []
    optimizer_cases(arrays, cases)
    save(
        HERE / "mlp_optim.npz",
        arrays,
        {
            **head,
            "sizes": list(OPT_SIZES),
            "activation": OPT_ACT,
            "steps": STEPS,
            "checkpoints": list(CHECKPOINTS),
            "cases": cases,
        },
    )


if __name__ == "__main__":
    main()

"""Regenerate the MLP golden files in this folder from torch (autograd and torch.optim).

torch is NOT a dependency of Gradient Arena; run this by hand with the reference venv:

    /work/torchvenv/bin/python tests/problems/golden/make_golden_mlp.py

It writes two files next to itself:

* ``mlp_grad.npz``: loss and gradient of softmax cross-entropy of small MLPs
  (every activation, several shapes, one without hidden layers) computed by
  torch autograd, with the inputs, labels and flat parameters (torch's
  ``nn.Linear`` layout: W_1 (out, in) row-major, b_1, W_2, b_2, ...) that made
  them. ``tests/problems/test_golden_mlp.py`` checks problems.MLP against them to 1e-10.
* ``mlp_optim.npz``: every optimizer with a reference (tests/engine/golden/make_golden.py's
  REGISTRY: the app's registry, torch.optim or pytorch-optimizer class and defaults;
  OPT_CASES below, L-BFGS with and without strong_wolfe) training one 10-25-25-5 tanh
  MLP (1,055 parameters) full-batch on a fixed batch of 64 points for STEPS steps,
  from the same initial weights: the loss before every step and the whole parameter
  vector after the steps in CHECKPOINTS. The parameters are one leaf tensor per weight
  matrix and bias, as a torch model holds them (Adafactor factors the matrices' second
  moments; L-BFGS's closure re-evaluates the batch). As in make_golden.py, everything
  is float64 (torch's default dtype is set first) and foreach=False; every case is
  re-run with its gradients perturbed by 1e-13 relative and must stay within 1e-8, so
  a re-implementation that differs by rounding only can match it.

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
from make_golden import make_optimizer  # noqa: E402  (the optimizer table the 2-D goldens use)

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
# one case per optimizer (two for L-BFGS): case id -> (registry name, hyperparameters); a learning rate that
# moves the network visibly in STEPS steps, and the optimizer's own settings exercised where they matter
OPT_CASES = {
    "sgd": ("sgd", dict(lr=0.2)),
    "momentum": ("momentum", dict(lr=0.05)),
    "nesterov": ("nesterov", dict(lr=0.05)),
    "adagrad": ("adagrad", dict(lr=0.05)),
    "rmsprop": ("rmsprop", dict(lr=0.002)),
    "adadelta": ("adadelta", dict(lr=1.0)),
    "adam": ("adam", dict(lr=0.01)),
    "amsgrad": ("amsgrad", dict(lr=0.01)),
    "adamw": ("adamw", dict(lr=0.01, weight_decay=0.1)),
    "nadam": ("nadam", dict(lr=0.01)),
    "radam": ("radam", dict(lr=0.01)),
    "adamax": ("adamax", dict(lr=0.01)),
    "rprop": ("rprop", dict(lr=0.002, etaminus=0.4, etaplus=1.3, step_size_max=0.5)),
    "asgd": ("asgd", dict(lr=0.2, lambd=0.01, alpha=0.5, t0=20.0, weight_decay=0.01)),
    "adafactor": ("adafactor", dict(lr=0.02, beta2_decay=-0.6, weight_decay=0.01)),
    "lion": ("lion", dict(lr=0.001, beta1=0.8, weight_decay=0.1)),
    "adabelief": ("adabelief", dict(lr=0.01, weight_decay=0.01, rectify=True)),
    "yogi": ("yogi", dict(lr=0.01, weight_decay=0.01)),
    "qhm": ("qhm", dict(lr=0.1, momentum=0.9, nu=0.7, weight_decay=0.01)),
    "qhadam": ("qhadam", dict(lr=0.01, nu1=0.7, nu2=0.9, weight_decay=0.01)),
    "schedulefree_sgd": ("schedulefree_sgd", dict(lr=0.5, lr_warmup_steps=5)),
    "schedulefree_adamw": ("schedulefree_adamw", dict(lr=0.01, weight_decay=0.01)),
    "prodigy": ("prodigy", dict(d0=1e-2, weight_decay=0.01, bias_correction=True, safeguard_warmup=True)),
    "lookahead_adam": ("lookahead_adam", dict(lr=0.01, k=4, alpha=0.6)),
    "lookahead_sgd": ("lookahead_sgd", dict(lr=0.2, k=3)),
    # one step = one optimizer.step(closure) on the whole batch, with its inner iterations
    # (L-BFGS fits the 64 points to a loss of ~1e-6 by step 50, where rounding decides its steps: its cases keep
    # checkpoints 1 and 10)
    "lbfgs": ("lbfgs", dict(lr=0.1, max_iter=2, max_eval=3, history_size=10)),
    "lbfgs_wolfe": ("lbfgs", dict(lr=0.2, max_iter=2, max_eval=5, history_size=10, strong_wolfe=True)),
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


def layer_tensors(theta0):
    """The network's parameters as torch holds a model's: one leaf tensor per weight matrix and bias."""
    parts, _ = layout(OPT_SIZES)
    tensors = []
    for w0, shape, b0, nb in parts:
        tensors.append(torch.tensor(theta0[w0 : w0 + shape[0] * shape[1]].reshape(shape), requires_grad=True))
        tensors.append(torch.tensor(theta0[b0 : b0 + nb], requires_grad=True))
    return tensors


def flat(tensors):
    return torch.cat([t.detach().reshape(-1) for t in tensors]).numpy().copy()


def layer_loss(tensors, X, y):
    h = X
    for i in range(0, len(tensors), 2):
        h = F.linear(h, tensors[i], tensors[i + 1])
        if i < len(tensors) - 2:
            h = ACT[OPT_ACT](h)
    return F.cross_entropy(h, y)


def train(name, hp, X, y, theta0, noise=0.0):
    params = layer_tensors(theta0)
    opt = make_optimizer(name, hp, params)
    Xt, yt = torch.tensor(X), torch.tensor(y)
    losses, checkpoints = [], {}

    def perturb(t):
        if noise:
            sign = 1.0 if (t * 7919) % 3 else -1.0
            with torch.no_grad():
                for p in params:
                    p.grad.mul_(1.0 + sign * noise).add_(-sign * noise)

    for t in range(1, STEPS + 1):
        opt.zero_grad(set_to_none=True)
        loss = layer_loss(params, Xt, yt)
        loss.backward()
        losses.append(loss.item())
        if isinstance(opt, torch.optim.LBFGS):

            def closure(t=t):  # re-evaluates the same batch (the first evaluation is the one above)
                opt.zero_grad(set_to_none=True)
                value = layer_loss(params, Xt, yt)
                value.backward()
                perturb(t)
                return value

            opt.step(closure)
        else:
            perturb(t)
            opt.step()
        if t in CHECKPOINTS:
            checkpoints[t] = flat(params)
    return np.array(losses), checkpoints


def optimizer_cases(out: dict, meta: list) -> None:
    X, y, theta0 = optimizer_problem()
    out.update({"problem/X": X, "problem/y": y, "problem/theta0": theta0})
    for case_id, (name, hp) in OPT_CASES.items():
        losses, cps = train(name, hp, X, y, theta0)
        _, noisy = train(name, hp, X, y, theta0, noise=NOISE)
        devs = {t: np.max(np.abs(cps[t] - noisy[t]) / np.maximum(np.abs(cps[t]), 1e-3)) for t in CHECKPOINTS}
        # a sign-based rule (Rprop) turns rounding into other signs once gradients pass through zero: such a
        # case keeps only its checkpoints up to where it is still reproducible (at least the second one)
        kept = [t for t in CHECKPOINTS if all(devs[u] <= MAX_NOISE_DEVIATION for u in CHECKPOINTS if u <= t)]
        assert len(kept) >= 2, f"{case_id}: too sensitive to rounding ({devs})"
        dev, steps = max(devs[t] for t in kept), kept[-1]
        losses = losses[:steps]
        assert losses[-1] < 0.9 * losses[0], f"{case_id}: loss barely moves ({losses[0]:.3f} -> {losses[-1]:.3f})"
        out[f"{case_id}/losses"] = losses
        for t in kept:
            out[f"{case_id}/theta_{t}"] = cps[t]
        meta.append(
            {"id": case_id, "optimizer": name, "hyperparams": hp, "checkpoints": kept, "noise_deviation": float(dev)}
        )
        print(f"{case_id:18s} loss {losses[0]:.4f} -> {losses[-1]:.4f}  rounding sensitivity {dev:.1e}")


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

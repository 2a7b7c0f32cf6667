"""Regenerate the golden optimizer trajectories in this folder from torch.optim.

torch is NOT a dependency of Gradient Arena. This script is run by hand, with a
Python that has torch installed (kept in its own venv), e.g.:

    python -m venv /work/torchvenv
    /work/torchvenv/bin/pip install torch==2.13.0 numpy pytorch-optimizer
    /work/torchvenv/bin/python tests/engine/golden/make_golden.py [NAME ...]

(names: only those files; none: every file).

It writes one JSON file per optimizer registry name (sgd.json, momentum.json, ...)
next to itself. Each file holds several cases; a case is one optimizer run of
`steps` steps on a 2-D test surface:

    positions[t]  parameters after t optimizer steps (row 0 = start)
    losses[t]     f(positions[t])
    gradients[t]  grad f(positions[t]) as computed by torch autograd

so positions/losses/gradients have steps+1 rows. `hyperparams` uses the app's
registry names (betas split into beta1/beta2) and lists only the keys the case
sets; every other hyperparameter is the registry default from
shared/reference/optimizers.md (REGISTRY below), which for momentum, nesterov,
amsgrad and adamw differs from the torch class defaults.

Numerics: everything is float64, and torch's default dtype is set to float64
before any optimizer is built. That matters for NAdam: torch keeps its
`mu_product` (and every optimizer keeps its `step` counter) in a 0-dim tensor of
the *default* dtype, so with torch's usual float32 default NAdam would round
mu_product to float32 every step. The optimizers always run with foreach=False,
i.e. the `_single_tensor_*` code paths in torch/optim/*.py.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import json
import math
import sys
from pathlib import Path

try:
    import torch
except ImportError:  # pragma: no cover - torch is not a project dependency
    sys.exit(
        "make_golden.py needs torch (not a project dependency). Install it in a "
        "separate venv: python -m venv /work/torchvenv && "
        "/work/torchvenv/bin/pip install torch==2.13.0 numpy"
    )

HERE = Path(__file__).resolve().parent
GENERATED_BY = "tests/engine/golden/make_golden.py"
STEPS = 300

# --------------------------------------------------------------------------
# Registry: name -> (torch class name, registry defaults in the app's names).
# Copied from shared/reference/optimizers.md.
# --------------------------------------------------------------------------
REGISTRY: dict[str, tuple[str, dict]] = {
    "sgd": ("SGD", dict(lr=1e-3, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False)),
    "momentum": ("SGD", dict(lr=1e-3, momentum=0.9, dampening=0.0, weight_decay=0.0, nesterov=False)),
    "nesterov": ("SGD", dict(lr=1e-3, momentum=0.9, dampening=0.0, weight_decay=0.0, nesterov=True)),
    "adagrad": ("Adagrad", dict(lr=1e-2, lr_decay=0.0, weight_decay=0.0, initial_accumulator_value=0.0, eps=1e-10)),
    "rmsprop": ("RMSprop", dict(lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0.0, momentum=0.0, centered=False)),
    "adadelta": ("Adadelta", dict(lr=1.0, rho=0.9, eps=1e-6, weight_decay=0.0)),
    "adam": (
        "Adam",
        dict(lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0, amsgrad=False, decoupled_weight_decay=False),
    ),
    "amsgrad": (
        "Adam",
        dict(lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0, amsgrad=True, decoupled_weight_decay=False),
    ),
    "adamw": ("AdamW", dict(lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2, amsgrad=False)),
    "nadam": (
        "NAdam",
        dict(
            lr=2e-3,
            beta1=0.9,
            beta2=0.999,
            eps=1e-8,
            weight_decay=0.0,
            momentum_decay=4e-3,
            decoupled_weight_decay=False,
        ),
    ),
    "radam": ("RAdam", dict(lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0, decoupled_weight_decay=False)),
    "adamax": ("Adamax", dict(lr=2e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0)),
    "rprop": ("Rprop", dict(lr=1e-2, etaminus=0.5, etaplus=1.2, step_size_min=1e-6, step_size_max=50.0)),
    "asgd": ("ASGD", dict(lr=1e-2, lambd=1e-4, alpha=0.75, t0=1e6, weight_decay=0.0)),
    "adafactor": (
        "Adafactor",
        # eps1: torch's default None means the dtype's machine epsilon; the app writes that number
        dict(lr=1e-2, beta2_decay=-0.8, eps1=2.220446049250313e-16, eps2=1e-3, d=1.0, weight_decay=0.0),
    ),
    # checked against the pytorch-optimizer package (PyPI pytorch-optimizer; `module.Class` names)
    "lion": (
        "pytorch_optimizer.Lion",
        dict(lr=1e-4, beta1=0.9, beta2=0.99, weight_decay=0.0, weight_decouple=True, fixed_decay=False),
    ),
    "adabelief": (
        "pytorch_optimizer.AdaBelief",
        dict(
            lr=1e-3,
            beta1=0.9,
            beta2=0.999,
            weight_decay=0.0,
            weight_decouple=True,
            fixed_decay=False,
            rectify=False,
            n_sma_threshold=5,
            degenerated_to_sgd=True,
            ams_bound=False,
            eps=1e-16,
        ),
    ),
    "yogi": (
        "pytorch_optimizer.Yogi",
        dict(
            lr=1e-2,
            beta1=0.9,
            beta2=0.999,
            initial_accumulator=1e-6,
            weight_decay=0.0,
            weight_decouple=True,
            fixed_decay=False,
            eps=1e-3,
        ),
    ),
    "qhm": (
        "pytorch_optimizer.QHM",
        dict(lr=1e-3, momentum=0.0, nu=1.0, weight_decay=0.0, weight_decouple=False, fixed_decay=False),
    ),
    "qhadam": (
        "pytorch_optimizer.QHAdam",
        dict(
            lr=1e-3,
            beta1=0.9,
            beta2=0.999,
            nu1=1.0,
            nu2=1.0,
            weight_decay=0.0,
            weight_decouple=False,
            fixed_decay=False,
            eps=1e-8,
        ),
    ),
    "schedulefree_sgd": (
        "pytorch_optimizer.ScheduleFreeSGD",
        dict(lr=1.0, momentum=0.9, weight_decay=0.0, r=0.0, weight_lr_power=2.0, lr_warmup_steps=0),
    ),
    "schedulefree_adamw": (
        "pytorch_optimizer.ScheduleFreeAdamW",
        dict(
            lr=2.5e-3,
            beta1=0.9,
            beta2=0.999,
            weight_decay=0.0,
            r=0.0,
            weight_lr_power=2.0,
            lr_warmup_steps=0,
            decoupling_c=0,
            ams_bound=False,
            eps=1e-8,
        ),
    ),
    "prodigy": (
        "pytorch_optimizer.Prodigy",
        dict(
            lr=1.0,
            beta1=0.9,
            beta2=0.999,
            beta3=-1.0,  # the app's "sqrt(beta2)" (the reference's None)
            d0=1e-6,
            d_coef=1.0,
            growth_rate=sys.float_info.max,  # the app's "no limit" (the reference's inf: the same numbers)
            weight_decay=0.0,
            weight_decouple=True,
            fixed_decay=False,
            bias_correction=False,
            safeguard_warmup=False,
            eps=1e-8,
        ),
    ),
    # one step = one optimizer.step(closure) with its inner iterations; strong_wolfe=True is
    # line_search_fn="strong_wolfe"; max_eval is given explicitly (torch's None is max_iter * 5 // 4)
    "lbfgs": (
        "LBFGS",
        dict(
            lr=1.0,
            max_iter=20,
            max_eval=25,
            tolerance_grad=1e-7,
            tolerance_change=1e-9,
            history_size=100,
            strong_wolfe=False,
        ),
    ),
    # Lookahead(inner optimizer, k, alpha): hyperparameters k, alpha and the inner optimizer's
    "lookahead_adam": ("pytorch_optimizer.Lookahead", dict(k=5, alpha=0.5)),
    "lookahead_sgd": ("pytorch_optimizer.Lookahead", dict(k=5, alpha=0.5)),
}
LOOKAHEAD_OWN = ("k", "alpha")

# torch hyperparameters that are tuples, split into two registry names (as betas -> beta1, beta2)
TUPLES = {
    "betas": ("beta1", "beta2"),
    "etas": ("etaminus", "etaplus"),
    "step_sizes": ("step_size_min", "step_size_max"),
    "eps": ("eps1", "eps2"),
    "nus": ("nu1", "nu2"),
}
# registry names that differ from the reference's keyword (warmup_steps is a racer option's name in the app)
RENAMED = {"lr_warmup_steps": "warmup_steps"}

# --------------------------------------------------------------------------
# Surfaces (shared/reference/test_functions.md), evaluated with torch autograd.
# --------------------------------------------------------------------------


def rosenbrock(p):
    x, y = p[0], p[1]
    return (1 - x) ** 2 + 100 * (y - x**2) ** 2


def beale(p):
    x, y = p[0], p[1]
    return (1.5 - x + x * y) ** 2 + (2.25 - x + x * y**2) ** 2 + (2.625 - x + x * y**3) ** 2


def himmelblau(p):
    x, y = p[0], p[1]
    return (x**2 + y - 11) ** 2 + (x + y**2 - 7) ** 2


SURFACES = {
    # name: (function, plot domain ((xmin, xmax), (ymin, ymax)))
    "rosenbrock": (rosenbrock, ((-2.0, 2.0), (-1.0, 3.0))),
    "beale": (beale, ((-4.5, 4.5), (-4.5, 4.5))),
    "himmelblau": (himmelblau, ((-5.0, 5.0), (-5.0, 5.0))),
}

ROSEN = ("rosenbrock", [-1.5, 2.0])
BEALE = ("beale", [1.0, 1.5])
HIMMEL0 = ("himmelblau", [0.0, 0.0])
HIMMEL1 = ("himmelblau", [-1.0, -1.0])

# --------------------------------------------------------------------------
# Cases: (id suffix, surface/start, hyperparams in registry names).
# Every hyperparameter torch offers for each class is set to a non-default
# value in at least one case of each file.
# --------------------------------------------------------------------------
CASES: dict[str, list[tuple[str, tuple[str, list[float]], dict]]] = {
    "sgd": [
        ("default", ROSEN, {}),
        ("momentum-dampening", ROSEN, dict(momentum=0.8, dampening=0.3)),
        ("nesterov", BEALE, dict(lr=0.005, momentum=0.9, nesterov=True)),
        ("lr-weight_decay", HIMMEL0, dict(lr=0.01, weight_decay=0.1)),
    ],
    "momentum": [
        ("default", ROSEN, {}),
        ("momentum-dampening-weight_decay", ROSEN, dict(momentum=0.7, dampening=0.5, weight_decay=0.05)),
        ("lr", BEALE, dict(lr=0.005)),
        ("nesterov", HIMMEL1, dict(lr=0.005, nesterov=True)),
    ],
    "nesterov": [
        ("default", ROSEN, {}),
        ("momentum-weight_decay", ROSEN, dict(momentum=0.5, weight_decay=0.01)),
        ("lr", BEALE, dict(lr=0.005)),
        ("lr-momentum", HIMMEL1, dict(lr=0.005, momentum=0.8)),
    ],
    "adagrad": [
        ("default", ROSEN, {}),
        ("lr-lr_decay", ROSEN, dict(lr=0.5, lr_decay=0.01)),
        (
            "weight_decay-initial_accumulator_value-eps",
            BEALE,
            dict(lr=0.3, weight_decay=0.01, initial_accumulator_value=0.1, eps=1e-3),
        ),
        ("lr", HIMMEL0, dict(lr=0.5)),
    ],
    "rmsprop": [
        # RMSprop/Adadelta bounce chaotically across the Rosenbrock ravine at their
        # default step sizes (rounding noise grows ~1e11-fold in 300 steps), so their
        # default cases live on Beale/Himmelblau and Rosenbrock gets small lr only.
        ("default", BEALE, {}),
        ("lr-momentum", ROSEN, dict(lr=0.002, momentum=0.5)),
        (
            "alpha-eps-weight_decay-momentum",
            BEALE,
            dict(lr=0.003, alpha=0.9, eps=1e-3, weight_decay=0.01, momentum=0.5),
        ),
        ("centered", ROSEN, dict(lr=0.005, centered=True)),
        ("centered-momentum", HIMMEL1, dict(lr=0.002, momentum=0.8, centered=True, alpha=0.95)),
    ],
    "adadelta": [
        ("default", HIMMEL0, {}),
        ("lr-rho-eps", ROSEN, dict(lr=0.1, rho=0.5, eps=1e-4)),
        ("lr-weight_decay", BEALE, dict(lr=3.0, weight_decay=0.01)),
        ("default", BEALE, {}),
    ],
    "adam": [
        ("default", ROSEN, {}),
        ("lr-beta1-beta2-eps", ROSEN, dict(lr=0.02, beta1=0.8, beta2=0.99, eps=1e-3)),
        ("weight_decay", ROSEN, dict(lr=0.01, weight_decay=0.1)),
        ("amsgrad", BEALE, dict(lr=0.01, amsgrad=True)),
        ("decoupled_weight_decay", HIMMEL0, dict(lr=0.05, weight_decay=0.1, decoupled_weight_decay=True)),
    ],
    "amsgrad": [
        ("default", ROSEN, {}),
        ("lr-beta1-beta2-eps", ROSEN, dict(lr=0.02, beta1=0.85, beta2=0.99, eps=1e-3)),
        ("weight_decay", BEALE, dict(lr=0.01, weight_decay=0.05)),
        ("decoupled_weight_decay", HIMMEL1, dict(lr=0.05, weight_decay=0.1, decoupled_weight_decay=True)),
    ],
    "adamw": [
        ("default", ROSEN, {}),
        ("lr-weight_decay", ROSEN, dict(lr=0.01, weight_decay=0.1)),
        ("amsgrad-beta1-beta2-eps", BEALE, dict(lr=0.01, amsgrad=True, beta1=0.8, beta2=0.99, eps=1e-3)),
        ("lr-weight_decay", HIMMEL0, dict(lr=0.05, weight_decay=0.5)),
    ],
    "nadam": [
        ("default", ROSEN, {}),
        ("momentum_decay-beta1-beta2-eps", ROSEN, dict(lr=0.01, momentum_decay=0.01, beta1=0.85, beta2=0.99, eps=1e-3)),
        ("weight_decay", ROSEN, dict(lr=0.01, weight_decay=0.1)),
        ("decoupled_weight_decay", BEALE, dict(lr=0.01, weight_decay=0.1, decoupled_weight_decay=True)),
        ("lr", HIMMEL0, dict(lr=0.05)),
    ],
    "radam": [
        ("default", ROSEN, {}),
        ("beta1-beta2-eps", ROSEN, dict(lr=0.002, beta1=0.8, beta2=0.99, eps=1e-3)),
        ("weight_decay", BEALE, dict(lr=0.01, weight_decay=0.1)),
        ("decoupled_weight_decay", HIMMEL0, dict(lr=0.01, weight_decay=0.1, decoupled_weight_decay=True)),
    ],
    "adamax": [
        ("default", ROSEN, {}),
        ("lr-beta1-beta2-eps", ROSEN, dict(lr=0.02, beta1=0.8, beta2=0.99, eps=1e-3)),
        ("weight_decay", ROSEN, dict(lr=0.01, weight_decay=0.1)),
        ("lr", BEALE, dict(lr=0.02)),
        ("lr", HIMMEL1, dict(lr=0.05)),
    ],
    "rprop": [
        ("default", ROSEN, {}),
        ("etaminus-etaplus", ROSEN, dict(etaminus=0.3, etaplus=1.5)),
        ("lr-step_size_min-step_size_max", BEALE, dict(lr=0.05, step_size_min=1e-3, step_size_max=0.1)),
        ("lr", HIMMEL0, dict(lr=0.1)),
    ],
    "asgd": [
        # at its default lr ASGD leaves the Rosenbrock plot; t0 < steps switches the averaging on
        ("default", HIMMEL0, {}),
        ("lr-t0", ROSEN, dict(lr=1e-3, t0=10.0)),
        ("lambd-alpha-t0", BEALE, dict(lr=0.01, lambd=0.5, alpha=1.0, t0=100.0)),
        ("weight_decay-t0", HIMMEL1, dict(weight_decay=0.1, t0=50.0)),
    ],
    "adafactor": [
        # the default case on Rosenbrock amplifies rounding noise beyond the check below
        ("default", BEALE, {}),
        ("lr-beta2_decay-eps1-eps2", ROSEN, dict(lr=0.05, beta2_decay=-0.5, eps1=1e-3, eps2=1e-2)),
        ("lr-d-weight_decay", HIMMEL0, dict(lr=0.1, d=2.0, weight_decay=0.1)),
        ("beta2_decay", BEALE, dict(beta2_decay=-0.3, lr=0.02)),
        ("lr", HIMMEL1, dict(lr=0.3)),
    ],
    "lion": [
        # no default case: at lr=1e-4 every step has length 1e-4 per coordinate, 0.03 in 300 steps
        ("lr", ROSEN, dict(lr=0.01)),
        ("beta1-beta2", BEALE, dict(lr=0.01, beta1=0.8, beta2=0.95)),
        ("weight_decay", HIMMEL0, dict(lr=0.02, weight_decay=0.5)),
        ("fixed_decay", HIMMEL1, dict(lr=0.02, weight_decay=0.01, fixed_decay=True)),
        ("weight_decouple", HIMMEL1, dict(lr=0.02, weight_decay=0.1, weight_decouple=False)),
    ],
    "adabelief": [
        ("default", ROSEN, {}),
        ("lr-beta1-beta2-eps", ROSEN, dict(lr=0.02, beta1=0.8, beta2=0.99, eps=1e-8)),
        ("weight_decay", BEALE, dict(lr=0.01, weight_decay=0.1)),
        ("rectify", ROSEN, dict(lr=0.01, rectify=True)),
        (
            "rectify-n_sma_threshold-degenerated_to_sgd",
            HIMMEL0,
            dict(lr=0.05, rectify=True, n_sma_threshold=8, degenerated_to_sgd=False),
        ),
        ("ams_bound-weight_decouple", BEALE, dict(lr=0.01, ams_bound=True, weight_decay=0.1, weight_decouple=False)),
        ("fixed_decay", HIMMEL1, dict(lr=0.05, weight_decay=0.01, fixed_decay=True)),
    ],
    "yogi": [
        ("default", ROSEN, {}),
        (
            "lr-beta1-beta2-eps-initial_accumulator",
            ROSEN,
            dict(lr=0.005, beta1=0.8, beta2=0.99, eps=1e-4, initial_accumulator=0.1),
        ),
        ("weight_decay", HIMMEL0, dict(lr=0.05, weight_decay=0.1)),
        ("weight_decouple", HIMMEL1, dict(lr=0.05, weight_decay=0.1, weight_decouple=False)),
        ("fixed_decay", BEALE, dict(weight_decay=0.01, fixed_decay=True)),
    ],
    "qhm": [
        ("default", ROSEN, {}),
        ("momentum-nu", ROSEN, dict(momentum=0.9, nu=0.7)),
        ("lr-momentum-nu", BEALE, dict(lr=0.005, momentum=0.999, nu=0.7)),
        ("weight_decay", HIMMEL0, dict(lr=0.005, momentum=0.9, nu=0.5, weight_decay=0.1)),
        ("weight_decouple", HIMMEL1, dict(lr=0.005, momentum=0.9, weight_decay=0.1, weight_decouple=True)),
        ("fixed_decay", BEALE, dict(lr=0.005, weight_decay=0.01, weight_decouple=True, fixed_decay=True)),
    ],
    "qhadam": [
        ("default", ROSEN, {}),
        ("nu1-beta1-beta2", ROSEN, dict(lr=0.01, nu1=0.7, nu2=1.0, beta1=0.995, beta2=0.999)),
        ("nu1-nu2-eps", BEALE, dict(lr=0.01, nu1=0.8, nu2=0.7, eps=1e-3)),
        ("weight_decay", HIMMEL0, dict(lr=0.05, weight_decay=0.1)),
        ("weight_decouple", HIMMEL1, dict(lr=0.05, weight_decay=0.1, weight_decouple=True, beta2=0.99)),
        ("fixed_decay", BEALE, dict(lr=0.01, weight_decay=0.01, weight_decouple=True, fixed_decay=True)),
    ],
    "schedulefree_sgd": [
        # no default case: lr=1 leaves the plot of every test surface
        ("lr", ROSEN, dict(lr=1e-3)),
        ("lr-momentum", BEALE, dict(lr=0.01, momentum=0.5)),
        ("r-weight_lr_power", HIMMEL0, dict(lr=0.005, r=1.0, weight_lr_power=1.0)),
        ("lr_warmup_steps-weight_decay", HIMMEL1, dict(lr=0.01, lr_warmup_steps=50, weight_decay=0.1)),
    ],
    "schedulefree_adamw": [
        ("default", ROSEN, {}),
        ("lr-beta1-beta2-eps", ROSEN, dict(lr=0.02, beta1=0.8, beta2=0.99, eps=1e-3)),
        ("weight_decay-r", BEALE, dict(lr=0.01, weight_decay=0.1, r=0.5)),
        ("lr_warmup_steps-weight_lr_power", HIMMEL0, dict(lr=0.05, lr_warmup_steps=30, weight_lr_power=0.0)),
        ("decoupling_c-ams_bound", HIMMEL1, dict(lr=0.05, decoupling_c=5, ams_bound=True)),
    ],
    "prodigy": [
        # Prodigy's default cases on Rosenbrock and Beale amplify rounding noise beyond the check above
        ("default", HIMMEL0, {}),
        ("lr-beta1-beta2-beta3-eps", ROSEN, dict(lr=0.05, beta1=0.8, beta2=0.99, beta3=0.9, eps=1e-4)),
        ("d0-d_coef-growth_rate", HIMMEL1, dict(d0=1e-3, d_coef=0.5, growth_rate=1.05)),
        ("weight_decay-bias_correction", HIMMEL0, dict(lr=0.5, weight_decay=0.1, bias_correction=True)),
        (
            "safeguard_warmup-fixed_decay",
            ROSEN,
            dict(lr=0.1, safeguard_warmup=True, weight_decay=0.01, fixed_decay=True),
        ),
        # coupled weight decay reaches the gradient after the moments used it: no effect (as in the reference)
        ("weight_decouple", BEALE, dict(lr=0.5, weight_decay=0.1, weight_decouple=False)),
    ],
    "lbfgs": [
        # the default case on Rosenbrock and Himmelblau amplifies rounding noise beyond the check above
        ("default", BEALE, {}),
        ("strong_wolfe", ROSEN, dict(strong_wolfe=True)),
        ("strong_wolfe-max_eval", ROSEN, dict(strong_wolfe=True, max_eval=10)),
        (
            "strong_wolfe-tolerance_grad-tolerance_change",
            HIMMEL0,
            dict(strong_wolfe=True, tolerance_grad=1e-3, tolerance_change=1e-4),
        ),
        ("strong_wolfe-history_size-max_iter", HIMMEL0, dict(strong_wolfe=True, history_size=3, max_iter=3)),
        ("strong_wolfe-max_iter-max_eval", HIMMEL1, dict(strong_wolfe=True, max_iter=1, max_eval=3)),
        (
            "lr-max_iter-tolerance_change-tolerance_grad",
            BEALE,
            dict(lr=0.5, max_iter=3, tolerance_change=1e-5, tolerance_grad=1e-5),
        ),
        ("lr-max_iter-history_size", BEALE, dict(max_iter=2, history_size=2, lr=0.5)),
        ("max_eval-history_size", BEALE, dict(max_eval=8, history_size=4)),
    ],
    "lookahead_adam": [
        ("default", ROSEN, {}),
        ("k-alpha-lr", ROSEN, dict(k=3, alpha=0.8, lr=0.02)),
        (
            "beta1-beta2-eps-weight_decay-amsgrad",
            BEALE,
            dict(lr=0.01, beta1=0.8, beta2=0.99, eps=1e-3, weight_decay=0.1, amsgrad=True),
        ),
        (
            "decoupled_weight_decay-k-alpha",
            HIMMEL0,
            dict(lr=0.05, weight_decay=0.1, decoupled_weight_decay=True, k=10, alpha=0.3),
        ),
    ],
    "lookahead_sgd": [
        ("default", ROSEN, {}),
        ("momentum-dampening-k-alpha", ROSEN, dict(momentum=0.9, dampening=0.3, k=4, alpha=0.6)),
        ("nesterov-weight_decay", BEALE, dict(lr=0.005, momentum=0.9, nesterov=True, weight_decay=0.01)),
        ("lr-k-alpha", HIMMEL1, dict(lr=0.01, k=2, alpha=0.9)),
    ],
}


def torch_kwargs(name: str, hyperparams: dict) -> tuple[type, dict]:
    """Map a registry name + explicit hyperparams to (torch class, kwargs)."""
    cls_name, defaults = REGISTRY[name]
    unknown = set(hyperparams) - set(defaults)
    if unknown:
        raise ValueError(f"{name}: unknown hyperparameters {sorted(unknown)}")
    merged = {**defaults, **hyperparams}
    split = {name for pair in TUPLES.values() for name in pair}
    kwargs = {RENAMED.get(k, k): v for k, v in merged.items() if k not in split}
    for key, (first, second) in TUPLES.items():
        if first in merged:
            kwargs[key] = (merged[first], merged[second])
    if "strong_wolfe" in kwargs:  # LBFGS: a boolean in the app, line_search_fn in torch (no foreach)
        kwargs["line_search_fn"] = "strong_wolfe" if kwargs.pop("strong_wolfe") else None
        return optimizer_class(cls_name), kwargs
    if kwargs.get("beta3", 0.0) < 0:  # Prodigy: the app's negative beta3 is the reference's None
        kwargs["beta3"] = None
    kwargs["foreach"] = False
    return optimizer_class(cls_name), kwargs


def make_optimizer(name: str, hyperparams: dict, params: list):
    """The torch optimizer of registry ``name`` over ``params`` (Lookahead wraps its inner optimizer)."""
    if name.startswith("lookahead_"):
        own = {**REGISTRY[name][1], **{k: v for k, v in hyperparams.items() if k in LOOKAHEAD_OWN}}
        inner = make_optimizer(
            name[len("lookahead_") :], {k: v for k, v in hyperparams.items() if k not in own}, params
        )
        return optimizer_class(REGISTRY[name][0])(inner, **own)
    cls, kwargs = torch_kwargs(name, hyperparams)
    return cls(params, **kwargs)


def optimizer_class(cls_name: str) -> type:
    """torch.optim.<name>, or <module>.<Class> for a class from another package (pytorch_optimizer)."""
    if "." not in cls_name:
        return getattr(torch.optim, cls_name)
    module, _, name = cls_name.rpartition(".")
    return getattr(importlib.import_module(module), name)


# Robustness: a golden trajectory is only useful if a re-implementation that
# differs from torch by rounding (other operation order, an analytic gradient
# instead of autograd) stays close to it. Each case is therefore re-run with
# every gradient perturbed by NOISE relative plus NOISE absolute, and the
# positions must stay within MAX_NOISE_DEVIATION relative of the clean run
# (an amplification of rounding noise below ~1e5 over the whole run). Chaotic
# cases, and cases driven by rounding noise once they sit exactly on a minimum,
# fail this and are not used.
NOISE = 1e-13
MAX_NOISE_DEVIATION = 1e-8


def trajectory(name: str, surface: str, start, hyperparams: dict, steps: int, noise: float = 0.0):
    fn = SURFACES[surface][0]
    p = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    opt = make_optimizer(name, hyperparams, [p])
    positions, losses, gradients = [], [], []
    evals: list[int] = []  # LBFGS: function evaluations so far, after each step
    for t in range(steps + 1):
        opt.zero_grad(set_to_none=True)
        loss = fn(p)
        loss.backward()
        positions.append([float(v) for v in p.detach()])
        losses.append(loss.item())
        gradients.append([float(v) for v in p.grad])
        if t < steps:
            sign = 1.0 if (t * 7919) % 3 else -1.0  # fixed, irregular +-1 pattern
            if isinstance(opt, torch.optim.LBFGS):

                def closure(sign=sign):
                    opt.zero_grad(set_to_none=True)
                    value = fn(p)
                    value.backward()
                    if noise:
                        with torch.no_grad():
                            p.grad.mul_(1.0 + sign * noise).add_(-sign * noise)
                    return value

                opt.step(closure)
                evals.append(opt.state[p]["func_evals"])
                continue
            if noise:
                with torch.no_grad():
                    p.grad.mul_(1.0 + sign * noise).add_(-sign * noise)
            opt.step()
    if evals:
        trajectory.func_evals = evals  # type: ignore[attr-defined]
    return positions, losses, gradients


def run_case(name: str, suffix: str, surface_start, hyperparams: dict, steps: int = STEPS) -> dict:
    surface, start = surface_start
    (xmin, xmax), (ymin, ymax) = SURFACES[surface][1]
    positions, losses, gradients = trajectory(name, surface, start, hyperparams, steps)

    case_id = f"{name}-{suffix}-{surface}"
    # Sanity: finite, inside the plot domain, and actually moving.
    for row, f, g in zip(positions, losses, gradients):
        vals = row + [f] + g
        assert all(math.isfinite(v) for v in vals), f"{case_id}: non-finite value"
        assert xmin <= row[0] <= xmax and ymin <= row[1] <= ymax, f"{case_id}: left the plot domain at {row}"
    path = sum(math.dist(a, b) for a, b in zip(positions, positions[1:]))
    assert path > 0.1, f"{case_id}: barely moves (path length {path})"
    assert losses[-1] < losses[0], f"{case_id}: loss did not decrease"
    noisy = trajectory(name, surface, start, hyperparams, steps, noise=NOISE)[0]
    dev = max(abs(a - b) / abs(a) if a else abs(b) for ra, rb in zip(positions, noisy) for a, b in zip(ra, rb))
    assert dev <= MAX_NOISE_DEVIATION, f"{case_id}: too sensitive to rounding (deviation {dev:.1e})"

    extra = {}
    if name == "lbfgs":
        trajectory(name, surface, start, hyperparams, steps)  # again, for its evaluation counts
        extra["func_evals"] = trajectory.func_evals  # type: ignore[attr-defined]
    return extra | {
        "id": case_id,
        "optimizer": name,
        "hyperparams": hyperparams,
        "surface": surface,
        "start": list(start),
        "steps": steps,
        "positions": positions,
        "losses": losses,
        "gradients": gradients,
    }


def dump(name: str, cases: list[dict]) -> Path:
    head = {
        "optimizer": name,
        "torch_version": torch.__version__.split("+")[0],
        "generated_by": GENERATED_BY,
    }
    package = REGISTRY[name][0].partition(".")[0]
    if "." in REGISTRY[name][0]:
        head["reference"] = f"{package} {importlib.metadata.version(package.replace('_', '-'))}"
    head_txt = json.dumps(head, separators=(",", ":"))[:-1]
    lines = [json.dumps(c, separators=(",", ":"), allow_nan=False) for c in cases]
    text = head_txt + ',"cases":[\n' + ",\n".join(lines) + "\n]}\n"
    assert json.loads(text)["cases"] == json.loads(json.dumps(cases))  # valid JSON, exact round trip
    out = HERE / f"{name}.json"
    out.write_text(text)
    return out


def main(names: list[str]) -> None:
    """Write the golden files of ``names`` (all when empty)."""
    torch.set_default_dtype(torch.float64)
    ids_seen: set[str] = set()
    for name in names or REGISTRY:
        cases = []
        for suffix, surface_start, hp in CASES[name]:
            case = run_case(name, suffix, surface_start, hp)
            assert case["id"] not in ids_seen, case["id"]
            ids_seen.add(case["id"])
            cases.append(case)
        out = dump(name, cases)
        print(f"{out.name:14s} {len(cases)} cases  {out.stat().st_size / 1024:6.1f} KiB")


if __name__ == "__main__":
    main(sys.argv[1:])

"""Regenerate tests/engine/golden/schedules.json from torch.optim.lr_scheduler.

torch is NOT a dependency of Gradient Arena. Run this by hand with the Python of
the separate torch venv (see make_golden.py):

    /work/torchvenv/bin/python tests/engine/golden/make_schedule_golden.py

For each case an SGD optimizer (one float64 parameter, lr = base_lr) is driven by
the torch scheduler below in the standard loop

    for t in 1..steps:
        lrs.append(opt.param_groups[0]["lr"])   # the lr optimizer step t uses
        loss.backward(); opt.step()
        sched.step()

so lrs[t-1] is the learning rate of step t (lrs[0]: right after the scheduler
was built). Only the lr matters; SGD is just something to schedule. Any torch
warning (e.g. a wrong step order) is an error.

`params` in the JSON are the app's names (engine/schedules.py) and always list
every parameter, defaults included (DEFAULTS below, copied from the registry:
the test checks that the "default" cases use exactly the registry defaults).

Torch constructions (T = T_max, W = warmup_steps):

    constant       no scheduler
    step           StepLR(opt, step_size, gamma)
    exponential    ExponentialLR(opt, gamma)
    cosine         CosineAnnealingLR(opt, T_max=T, eta_min)
    linear         LinearLR(opt, start_factor, end_factor, total_iters)
    warmup_cosine  SequentialLR(opt, [LinearLR(opt, start_factor, end_factor=1.0, total_iters=W),
                                      CosineAnnealingLR(opt, T_max=T, eta_min)], milestones=[W])

Sanity checks below compare each torch sequence with the closed form it
approximates (to 1e-9 relative), so a mistaken construction cannot slip in.
"""

from __future__ import annotations

import json
import math
import sys
import warnings
from pathlib import Path

try:
    import torch
    from torch.optim import lr_scheduler as S
except ImportError:  # pragma: no cover - torch is not a project dependency
    sys.exit(
        "make_schedule_golden.py needs torch (not a project dependency). Install it in a "
        "separate venv: python -m venv /work/torchvenv && "
        "/work/torchvenv/bin/pip install torch==2.13.0 numpy"
    )

HERE = Path(__file__).resolve().parent
OUT = HERE / "schedules.json"
GENERATED_BY = "tests/engine/golden/make_schedule_golden.py"
STEPS = 300

DEFAULTS: dict[str, dict] = {
    "constant": {},
    "step": dict(step_size=30, gamma=0.1),
    "exponential": dict(gamma=0.99),
    "cosine": dict(T_max=100, eta_min=0.0),
    "linear": dict(start_factor=1.0 / 3, end_factor=1.0, total_iters=5),
    "warmup_cosine": dict(warmup_steps=10, T_max=100, eta_min=0.0, start_factor=0.01),
}

# (schedule, id suffix, base_lr, params that differ from DEFAULTS)
CASES: list[tuple[str, str, float, dict]] = [
    ("constant", "default", 0.1, {}),
    ("constant", "lr", 0.01, {}),
    ("step", "default", 0.1, {}),
    ("step", "step_size-gamma", 0.01, dict(step_size=7, gamma=0.5)),
    ("step", "every-step", 0.1, dict(step_size=1, gamma=0.97)),
    ("exponential", "default", 0.1, {}),
    ("exponential", "gamma", 0.01, dict(gamma=0.95)),
    ("exponential", "gamma-one", 0.1, dict(gamma=1.0)),
    # 300 steps: 1.5 periods of the default T_max=100, so the climb back is covered
    ("cosine", "default", 0.1, {}),
    ("cosine", "T_max-eta_min", 0.01, dict(T_max=37, eta_min=0.001)),
    ("cosine", "T_max-budget", 0.1, dict(T_max=300, eta_min=1e-4)),
    ("cosine", "T_max-1", 0.1, dict(T_max=1)),
    ("linear", "default", 0.1, {}),
    ("linear", "warmup", 0.1, dict(start_factor=0.01, total_iters=50)),
    ("linear", "decay-to-zero", 0.01, dict(start_factor=1.0, end_factor=0.0, total_iters=250)),
    ("linear", "total_iters-0", 0.1, dict(start_factor=0.8, end_factor=0.5, total_iters=0)),
    ("linear", "end_factor-long", 0.01, dict(start_factor=0.2, end_factor=0.7, total_iters=400)),
    ("warmup_cosine", "default", 0.1, {}),
    ("warmup_cosine", "no-warmup", 0.1, dict(warmup_steps=0, T_max=300, eta_min=1e-4)),
    ("warmup_cosine", "all-params", 0.01, dict(warmup_steps=50, T_max=250, eta_min=0.001, start_factor=0.1)),
    ("warmup_cosine", "short-periodic", 0.1, dict(warmup_steps=20, T_max=30, eta_min=0.005, start_factor=0.5)),
    ("warmup_cosine", "warmup-1", 0.01, dict(warmup_steps=1, T_max=1)),
]


def build(opt: torch.optim.Optimizer, name: str, p: dict):
    """The torch scheduler for schedule `name` (None for constant)."""
    if name == "constant":
        return None
    if name == "step":
        return S.StepLR(opt, step_size=p["step_size"], gamma=p["gamma"])
    if name == "exponential":
        return S.ExponentialLR(opt, gamma=p["gamma"])
    if name == "cosine":
        return S.CosineAnnealingLR(opt, T_max=p["T_max"], eta_min=p["eta_min"])
    if name == "linear":
        return S.LinearLR(opt, start_factor=p["start_factor"], end_factor=p["end_factor"], total_iters=p["total_iters"])
    if name == "warmup_cosine":
        warm = S.LinearLR(opt, start_factor=p["start_factor"], end_factor=1.0, total_iters=p["warmup_steps"])
        cos = S.CosineAnnealingLR(opt, T_max=p["T_max"], eta_min=p["eta_min"])
        return S.SequentialLR(opt, [warm, cos], milestones=[p["warmup_steps"]])
    raise ValueError(name)


def torch_lrs(name: str, base_lr: float, p: dict, steps: int) -> list[float]:
    w = torch.tensor([1.0, -2.0], dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([w], lr=base_lr)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sched = build(opt, name, p)
        lrs = []
        for _ in range(steps):
            lr = opt.param_groups[0]["lr"]
            assert type(lr) is float, type(lr)
            lrs.append(lr)
            opt.zero_grad()
            (w * w).sum().backward()
            opt.step()
            if sched is not None:
                sched.step()
    return lrs


def closed_form(name: str, base: float, p: dict, e: int) -> float:
    """The textbook value of lr at last_epoch e (what torch's recursions approximate)."""

    def cos(j, T, eta):
        return eta + (base - eta) * (1 + math.cos(math.pi * j / T)) / 2

    if name == "constant":
        return base
    if name == "step":
        return base * p["gamma"] ** (e // p["step_size"])
    if name == "exponential":
        return base * p["gamma"] ** e
    if name == "cosine":
        return cos(e, p["T_max"], p["eta_min"])
    if name == "linear":
        n, s, f = p["total_iters"], p["start_factor"], p["end_factor"]
        return base * (s if n == 0 else s + (f - s) * min(e, n) / n)
    if name == "warmup_cosine":
        W, s = p["warmup_steps"], p["start_factor"]
        if e < W:
            return base * (s + (1 - s) * e / W)
        return cos(e - W, p["T_max"], p["eta_min"])
    raise ValueError(name)


def main() -> None:
    torch.set_default_dtype(torch.float64)
    cases, seen = [], set()
    for name, suffix, base_lr, changed in CASES:
        unknown = set(changed) - set(DEFAULTS[name])
        assert not unknown, (name, unknown)
        params = {**DEFAULTS[name], **changed}
        case_id = f"{name}-{suffix}-lr{base_lr:g}"
        assert case_id not in seen, case_id
        seen.add(case_id)
        lrs = torch_lrs(name, base_lr, params, STEPS)
        assert all(math.isfinite(v) and v >= 0 for v in lrs), case_id
        dev = max(abs(v - closed_form(name, base_lr, params, e)) / base_lr for e, v in enumerate(lrs))
        assert dev <= 1e-9, f"{case_id}: torch differs from the closed form by {dev:.1e}"
        cases.append(
            {"id": case_id, "schedule": name, "params": params, "base_lr": base_lr, "steps": STEPS, "lrs": lrs}
        )
        print(f"{case_id:45s} max |torch - closed form| / base_lr = {dev:.1e}")

    head = {"torch_version": torch.__version__.split("+")[0], "generated_by": GENERATED_BY}
    head_txt = json.dumps(head, separators=(",", ":"))[:-1]
    lines = [json.dumps(c, separators=(",", ":"), allow_nan=False) for c in cases]
    text = head_txt + ',"cases":[\n' + ",\n".join(lines) + "\n]}\n"
    assert json.loads(text)["cases"] == json.loads(json.dumps(cases))  # valid JSON, exact round trip
    OUT.write_text(text)
    print(f"{OUT.name}: {len(cases)} cases, {OUT.stat().st_size / 1024:.1f} KiB")


if __name__ == "__main__":
    main()

""" "Copy as torch.optim code": a short runnable script that reproduces one racer with torch.

``torch_script(config, index)`` returns the text of a standalone Python script: the race's
surface written as a torch function (registry surfaces from their SymPy ``expression``,
typed formulas from their SymPy expression, data-fit surfaces as the loss over their data,
embedded), the racer's start, its optimizer from ``torch.optim`` with every
hyperparameter spelled out, its learning-rate schedule from ``torch.optim.lr_scheduler``,
and the loop.  Run with torch installed, it prints ``step,x,y`` and one line per step: the
race CSV's ``x`` and ``y`` columns of that racer, to rounding (about 1e-12 on well
conditioned runs; chaotic runs amplify the rounding of the two implementations).

Newton's method is not in ``torch.optim``: the script carries the equivalent optimizer
(torch.autograd's Hessian, its eigen-decomposition, the same modified inverse).  Gradient
noise and mini-batches draw from Gradient Arena's random streams, which torch cannot
replay: the script says so (its path then differs).  Optimizers with no torch equivalent
get a script that says so and stops.

torch is not a dependency: only the generated text mentions it.
"""

from __future__ import annotations

from typing import Any

from engine import OPTIMIZERS
from engine.schedules import resolve_schedule

from .config import RaceConfig

__all__ = ["torch_expression", "torch_script"]

# registry name -> torch.optim class, where the class is not the first word of ``torch_equivalent``
_SCHEDULERS = {
    "step": "lr_scheduler.StepLR(opt, step_size={step_size}, gamma={gamma})",
    "exponential": "lr_scheduler.ExponentialLR(opt, gamma={gamma})",
    "cosine": "lr_scheduler.CosineAnnealingLR(opt, T_max={T_max}, eta_min={eta_min})",
    "linear": "lr_scheduler.LinearLR(opt, start_factor={start_factor}, end_factor={end_factor}, "
    "total_iters={total_iters})",
    "warmup_cosine": "lr_scheduler.SequentialLR(\n    opt,\n    [\n"
    "        lr_scheduler.LinearLR(opt, start_factor={start_factor}, end_factor=1.0, total_iters={warmup_steps}),\n"
    "        lr_scheduler.CosineAnnealingLR(opt, T_max={T_max}, eta_min={eta_min}),\n    ],\n"
    "    milestones=[{warmup_steps}],\n)",
}

_NEWTON = '''

class Newton(torch.optim.Optimizer):
    """Gradient Arena's Newton step: p <- p - lr M^-1 g, M = sum_i (|lam_i| + damping) v_i v_i^T
    (saddle_free) or H + damping I, from the eigen-decomposition of the exact Hessian."""

    def __init__(self, params, f, lr=1.0, damping=0.0, saddle_free=True):
        super().__init__(params, dict(lr=lr, damping=damping, saddle_free=saddle_free))
        self.f = f

    @torch.no_grad()
    def step(self, closure=None):
        with torch.enable_grad():
            loss = closure()
        for group in self.param_groups:
            for p in group["params"]:
                with torch.enable_grad():
                    h = torch.autograd.functional.hessian(self.f, p.detach())
                lam, v = torch.linalg.eigh(h)
                m = (lam.abs() if group["saddle_free"] else lam) + group["damping"]
                p -= group["lr"] * (v @ ((v.T @ p.grad) / m))
        return loss
'''


def _num(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):  # e.g. line_search_fn="strong_wolfe"
        return repr(value)
    return repr(float(value))


def torch_expression(surface: Any) -> str | None:
    """``f`` of an analytic surface as a torch expression in the 0-d tensors ``x`` and ``y``
    (None for surfaces without a closed form)."""
    import sympy
    from sympy.printing.pytorch import TorchPrinter

    expr = getattr(surface, "sympy_expr", None)  # a typed formula
    if expr is None:
        definition = surface.definition
        if definition is None or not definition.expression:
            return None
        x, y = sympy.Symbol("x", real=True), sympy.Symbol("y", real=True)
        symbols = {p.name: sympy.Symbol(p.name, real=True) for p in definition.params}
        # the registry's own text (trusted, not user input); parameters as exact decimals
        expr = sympy.sympify(definition.expression, locals={"x": x, "y": y, **symbols})
        expr = expr.subs({symbols[k]: sympy.Rational(repr(float(v))) for k, v in surface.params.items()})
    # constant parts (sqrt(3)/2 from cos(pi/6)) as numbers: torch functions take tensors only
    expr = expr.replace(
        lambda e: e.is_number and (e.is_Pow or e.is_Function) and not e.is_Rational,
        lambda e: sympy.Float(e.evalf(30), 17),
    )
    return str(TorchPrinter().doprint(expr))


def _surface_code(surface: Any) -> str:
    expression = torch_expression(surface)
    if expression is not None:
        return f"def f(p):\n    x, y = p[0], p[1]\n    return {expression}\n"
    data = getattr(surface, "data", None)
    if data is None:
        raise ValueError(f"surface {surface.title!r} has no closed form to write as torch code")
    xs = ", ".join(_num(v) for v in data.x.ravel()) if data.kind == "linear" else None
    ys = ", ".join(_num(v) for v in data.y.ravel())
    if data.kind == "linear":
        return (
            f"X = torch.tensor([{xs}])\nY = torch.tensor([{ys}])\n\n\n"
            "def f(p):  # mean squared error of the line intercept + slope * X, (intercept, slope) = p\n"
            "    return ((p[0] + p[1] * X - Y) ** 2).mean()\n"
        )
    rows = ", ".join(f"[{_num(a)}, {_num(b)}]" for a, b in data.x)
    return (
        f"X = torch.tensor([{rows}])\nY = torch.tensor([{ys}])\n\n\n"
        "def f(p):  # mean binary cross-entropy of the logistic model sigma(X @ w), w = p\n"
        "    z = X[:, 0] * p[0] + X[:, 1] * p[1]\n"
        "    return (torch.nn.functional.softplus((1 - 2 * Y) * z)).mean()\n"
    )


#: registry name -> (torch keyword, first registry name, second registry name)
_TUPLES = {
    key: (torch_key, a, b)
    for torch_key, (a, b) in {
        "betas": ("beta1", "beta2"),
        "etas": ("etaminus", "etaplus"),
        "step_sizes": ("step_size_min", "step_size_max"),
        "eps": ("eps1", "eps2"),
        "nus": ("nu1", "nu2"),
    }.items()
    for key in (a, b)
}


def _optimizer_code(name: str, hp: dict[str, Any]) -> tuple[str, str]:
    """(the line building ``opt``, extra definitions); raises ValueError without a torch equivalent."""
    if name == "newton":
        args = ", ".join(f"{k}={_num(v)}" for k, v in hp.items())
        return f"opt = Newton([p], f, {args})", _NEWTON
    equivalent = OPTIMIZERS[name].torch_equivalent or ""
    if not equivalent.startswith("torch.optim."):
        raise ValueError(f"{OPTIMIZERS[name].title} has no torch.optim equivalent")
    cls = equivalent.split("(", 1)[0]
    kwargs: dict[str, str] = {}
    for key, value in hp.items():
        pair = _TUPLES.get(key)
        if pair is not None:  # torch's tuples, split into two registry names (betas -> beta1, beta2)
            kwargs[pair[0]] = f"({_num(hp[pair[1]])}, {_num(hp[pair[2]])})"
        elif key == "strong_wolfe":
            kwargs["line_search_fn"] = '"strong_wolfe"' if value else "None"
        else:
            kwargs[key] = _num(value)
    if cls != "torch.optim.LBFGS":
        kwargs["foreach"] = "False"
    args = ", ".join(f"{k}={v}" for k, v in kwargs.items())
    return f"opt = {cls}([p], {args})", ""


def torch_script(config: RaceConfig, index: int, steps: int | None = None) -> str:
    """The script reproducing racer `index` of `config` for `steps` steps (default: the budget).

    Raises ValueError when the surface has no torch form (never for registry, formula or
    data-fit surfaces).
    """
    racer = config.racers[index]
    surface = config.build_surface()
    steps = config.steps if steps is None else int(steps)
    hp = racer.resolved()
    options = racer.run_options()
    start = (float(config.start[0]), float(config.start[1]))
    try:
        make_opt, extra = _optimizer_code(racer.optimizer, hp)
        missing = ""
    except ValueError as exc:
        make_opt, extra, missing = "", "", str(exc)
    schedule = ""
    if options.schedule != "constant":
        values = resolve_schedule(options.schedule, options.schedule_params)
        schedule = "sched = " + _SCHEDULERS[options.schedule].format(**{k: _num(v) for k, v in values.items()})
    notes = []
    if options.noise:
        notes.append(
            f"# NOT REPRODUCED: this racer adds Gaussian noise (std {options.noise:g}) to every gradient,\n"
            "# drawn from Gradient Arena's random stream; torch cannot replay it, so it is left out here."
        )
    if options.batch_size:
        notes.append(
            f"# NOT REPRODUCED: this racer takes mini-batches of {options.batch_size} drawn from Gradient Arena's\n"
            "# random stream; this script takes full-batch steps instead."
        )
    spec = surface.spec
    hp_text = ", ".join(f"{k}={_num(v)}" for k, v in hp.items())
    lines = [
        f'"""Gradient Arena racer "{racer.name}" ({racer.optimizer}: {hp_text}) reproduced with torch.',
        "",
        f"Surface: {surface.title}, f(x, y) = {surface.formula}  (spec: {spec})",
        f"Start ({_num(start[0])}, {_num(start[1])}), {steps} steps, float64.  Run: python this_file.py",
        "Prints step,x,y per step: the race CSV's x and y columns for this racer (to rounding).",
        '"""',
        "",
        "import torch",
        "from torch.optim import lr_scheduler  # noqa: F401",
        "",
        "torch.set_default_dtype(torch.float64)",
        "",
        "",
        _surface_code(surface).rstrip("\n"),
    ]
    if missing:
        lines += ["", "", f"raise SystemExit({missing + ': this script has the surface only'!r})", ""]
        return "\n".join(lines)
    if extra:
        lines.append(extra.rstrip("\n"))
    lines += ["", "", *notes]
    lines += [
        f"p = torch.tensor([{_num(start[0])}, {_num(start[1])}], requires_grad=True)",
        make_opt,
    ]
    if schedule:
        lines.append(schedule)
    lines += [
        "",
        "",
        "def closure():",
        "    opt.zero_grad()",
        "    loss = f(p)",
        "    loss.backward()",
        "    return loss",
        "",
        "",
        "positions = [p.detach().clone()]",
        f"for step in range({steps}):",
        "    opt.step(closure)",
    ]
    if schedule:
        lines.append("    sched.step()")
    lines += [
        "    positions.append(p.detach().clone())",
        "",
        'print("step,x,y")',
        "for t, q in enumerate(positions):",
        '    print(f"{t},{q[0].item()!r},{q[1].item()!r}")',
        "",
    ]
    return "\n".join(lines)

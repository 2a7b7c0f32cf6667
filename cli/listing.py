"""``main.py list``: every surface and optimizer the registries hold."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TextIO

from arena import list_presets
from engine import OPTIMIZERS
from engine.hyperparams import format_value
from engine.options import OPTION_PARAMS
from engine.schedules import SCHEDULES
from problems import DATASETS, PROBLEM_PARAMS, PROBLEMS
from problems.mlp import ACTIVATIONS, INITS
from surfaces import SURFACES
from surfaces.formula import SYNTAX_HELP


def _num(v: float) -> str:
    return f"{v:g}"


def _as_is(_context: str, text: str) -> str:
    return text


def print_listing(out: TextIO, translate: Callable[[str, str], str] = _as_is) -> None:
    """Everything the registries hold; ``translate(context, text)`` gives their texts (titles, descriptions,
    help) in another language (``list --lang``), the rest stays English."""
    t = translate
    # each section's names in one column, as wide as its longest name (logistic_regression, schedulefree_adamw)
    sw = max(map(len, SURFACES)) + 1
    ow = max(map(len, OPTIMIZERS)) + 1
    cw = max(map(len, SCHEDULES)) + 1
    out.write("Surfaces (--surface NAME or NAME:param=value,...)\n")
    for name, sdef in SURFACES.items():
        s = sdef.build()
        (x0, x1), (y0, y1) = s.domain
        out.write(f"\n  {name:<{sw}} {t('surfaces', sdef.title)}: {sdef.formula}\n")
        out.write(
            f"  {'':<{sw}} domain x in [{_num(x0)}, {_num(x1)}], y in [{_num(y0)}, {_num(y1)}]; "
            f"default start ({_num(s.start[0])}, {_num(s.start[1])}); {s.contour} contours\n"
        )
        if s.minima:
            mins = "; ".join(
                f"({m.point[0]:.6g}, {m.point[1]:.6g}) -> {m.value:.7g}" + ("" if m.kind == "global" else " local")
                for m in s.minima
            )
            out.write(f"  {'':<{sw}} minima: {mins}\n")
        else:
            why = "unbounded below" if s.f_min is None and s.data is None else "none known for these parameters"
            out.write(f"  {'':<{sw}} minima: none ({why})\n")
        for p in sdef.params:
            out.write(
                f"  {'':<{sw}} param {p.name}={format_value(p.default)}  ({p.kind}, {p.range_text()})  "
                f"{t('surfaces', p.doc)}\n"
            )
    out.write('\nYour own surface (--surface "formula:..."; quote it for the shell)\n')
    for line in SYNTAX_HELP.splitlines():
        out.write(f"  {line}\n")
    out.write("  Exact gradient and Hessian by SymPy; minima found numerically inside the domain.\n")
    out.write(
        "  Races run compiled (numba) once the formula's kernels are built, with the NumPy path's numbers bit for\n"
        "  bit: exp, log, tan, tanh, sinh, cosh and the inverse functions go through the C library on both paths.\n"
    )
    out.write("\nOptimizers (--optimizer NAME or NAME:key=value,...; booleans true/false)\n")
    for name, opt in OPTIMIZERS.items():
        torch = f"  [{opt.torch_equivalent or opt.reference or 'no torch equivalent'}]"
        out.write(f"\n  {name:<{ow}} {t('optimizers', opt.title)}: {t('optimizers', opt.summary)}{torch}\n")
        rule = t("optimizers", opt.rule).splitlines() or [""]
        out.write(f"  {'':<{ow}} rule: {rule[0]}\n")
        for line in rule[1:]:
            out.write(f"  {'':<{ow}}       {line}\n")
        out.write(f"  {'':<{ow}} effective lr: {t('optimizers', opt.effective_lr)}\n")
        if opt.state_doc:
            out.write(f"  {'':<{ow}} state: " + "; ".join(t("optimizers", doc) for _, doc in opt.state_doc) + "\n")
        for p in opt.hyperparams:
            default = format_value(p.default)
            if p.kind == "float" and isinstance(p.default, float) and p.default and not math.isinf(p.default):
                default = f"{p.default:g}"
            out.write(
                f"  {'':<{ow}}   {p.name:<24} default {default:<7} {p.kind:<5} {p.range_text():<14} "
                f"{t('hyperparameters', p.doc)}\n"
            )

    out.write("\nRacer options (in the same SPEC, e.g. sgd:lr=0.05,batch_size=1,noise=0.1)\n")
    for p in OPTION_PARAMS:
        out.write(
            f"  {p.name:<12} default {format_value(p.default):<7} {p.kind:<5} {p.range_text():<14} "
            f"{t('hyperparameters', p.doc)}\n"
        )
    out.write(f"  {'schedule':<12} default constant      one of {', '.join(SCHEDULES)}\n")
    out.write("\nLearning-rate schedules (schedule=NAME plus its keys; torch.optim.lr_scheduler semantics)\n")
    for name, sched in SCHEDULES.items():
        out.write(
            f"\n  {name:<{cw}} {t('hyperparameters', sched.title)}: {t('hyperparameters', sched.summary)}  "
            f"[{sched.torch_equivalent or 'no scheduler'}]\n"
        )
        for p in sched.params:
            out.write(
                f"  {'':<{cw}}   {p.name:<14} default {format_value(p.default):<20} {p.kind:<5} "
                f"{p.range_text():<14} {t('hyperparameters', p.doc)}\n"
            )
    out.write("\nProblems (race --problem mlp:DATA,layers=100x100,...; --data DIR for MNIST's IDX files)\n")
    for name, doc in PROBLEMS.items():
        out.write(f"\n  {name:<14} {t('problems', doc)}\n")
        out.write(f"  {'':<14}   {'data':<14} default digits  one of {', '.join(DATASETS)}\n")
        for data, what in DATASETS.items():
            out.write(f"  {'':<14}     {data:<12} {t('problems', what)}\n")
        out.write(f"  {'':<14}   {'layers':<14} default 100x100 hidden widths joined by x (none: softmax regression)\n")
        out.write(f"  {'':<14}   {'activation':<14} default relu    one of {', '.join(ACTIVATIONS)}\n")
        out.write(
            f"  {'':<14}   {'init':<14} default auto    one of {', '.join(INITS)} (auto: He for relu, else Xavier)\n"
        )
        for p in PROBLEM_PARAMS:
            default = format_value(p.default)
            out.write(
                f"  {'':<14}   {p.name:<14} default {default:<7} {p.kind:<5} {p.range_text():<14} "
                f"{t('problems', p.doc)}\n"
            )
        out.write(f"  {'':<14}   every optimizer but newton (its Hessian would be P x P for P parameters)\n")
    out.write("\nPresets (race --preset NAME, gui --preset NAME)\n")
    presets = list_presets()
    pw = max((len(name) for name, _ in presets), default=0) + 1
    for name, title in presets:
        out.write(f"  {name:<{pw}} {t('presets', title)}\n")

"""The registry's texts the window shows, gathered from the registries themselves (no Qt here).

``registry_texts()`` is the one list of what must be translated in the contexts "optimizers",
"hyperparameters", "surfaces", "presets", "problems" and "errors"; ``gui/i18n_catalog.py`` (which
``pyside6-lupdate`` reads) is generated from it::

    PYTHONPATH=. python -m gui.i18n_registry_texts          # rewrite gui/i18n_catalog.py
    pyside6-lupdate gui/i18n_catalog.py -ts gui/translations/registry_zh_CN.ts
    pyside6-lrelease gui/translations/registry_zh_CN.ts

and a test fails when a registry text is missing from the catalogue (a new optimizer, surface or
preset cannot ship untranslated). Texts with variable parts (validation messages, the inspector's
words) are listed as templates; ``gui.i18n_registry`` turns a message into its template by pattern.
"""

from __future__ import annotations

import json
from pathlib import Path

CONTEXTS = ("optimizers", "hyperparameters", "surfaces", "presets", "problems", "errors")
CATALOG_PATH = Path(__file__).resolve().parent / "i18n_catalog.py"

#: The validation messages the window shows, as (pattern, template): a message that matches a pattern is
#: shown as its template translated, then formatted with the pattern's groups (a group called ``reason`` is
#: itself a message, ``range`` a range such as ``in [0, 1)``; both translated in turn). The first match wins.
#: The templates are the catalogue's "errors" context (``gui.i18n_registry.tr_error`` applies the table).
ERROR_PATTERNS: tuple[tuple[str, str], ...] = (
    # specs.Param: "<owner> <key>=<value>: <reason>" and the reasons it gives
    (
        r"(?P<where>(?:\S+ )?)(?P<key>\w+)=(?P<value>.*?): (?P<reason>(?:must|is too|is not a finite) .*)",
        "{where}{key}={value}: {reason}",
    ),
    (r"must be true or false", "must be true or false"),
    (r"must be a number (?P<range>.+)", "must be a number {range}"),
    (r"must be a whole number (?P<range>.+)", "must be a whole number {range}"),
    (r"is too large: must be (?P<range>.+)", "is too large: must be {range}"),
    (r"is not a finite number: must be (?P<range>.+)", "is not a finite number: must be {range}"),
    (r"must be (?P<range>.+)", "must be {range}"),
    # the ranges those reasons name (Param.range_text)
    (r"any number", "any number"),
    (r"true or false", "true or false"),
    (r"in (?P<interval>[\[(].*[\])])", "in {interval}"),
    # the number fields' messages (gui.widgets.number_field)
    (r"(?P<key>\w+): (?P<text>'.*') is not a number", "{key}: {text} is not a number"),
    (r"(?P<key>\w+): (?P<text>\S+) (?P<reason>is .*)", "{key}: {text} {reason}"),
    (r"(?P<key>\w+): (?P<reason>.*) \(got (?P<text>.*)\)", "{key}: {reason} (got {text})"),
    # cross-rules and names (engine.registry, engine.options, the sgd family, arena.presets)
    (
        r"nesterov=true needs momentum > 0 \(got momentum=(?P<value>.*)\)",
        "nesterov=true needs momentum > 0 (got momentum={value})",
    ),
    (
        r"nesterov=true needs dampening = 0 \(got dampening=(?P<value>.*)\)",
        "nesterov=true needs dampening = 0 (got dampening={value})",
    ),
    (r"needs momentum > 0", "needs momentum > 0"),
    (r"needs dampening = 0", "needs dampening = 0"),
    (
        r"batch_size needs a data surface \(linear_regression or logistic_regression\); "
        r"use noise=\.\.\. for stochastic gradients on an analytic surface",
        "batch_size needs a data surface (linear_regression or logistic_regression); "
        "use noise=... for stochastic gradients on an analytic surface",
    ),
    (
        r"needs a data surface \(linear_regression or logistic_regression\)",
        "needs a data surface (linear_regression or logistic_regression)",
    ),
    (
        r"batch_size=(?P<n>\d+) is larger than the data set \(n=(?P<size>\d+)\)",
        "batch_size={n} is larger than the data set (n={size})",
    ),
    (
        r"is not a hyperparameter of (?P<owner>\S+) \(valid: (?P<names>.*)\)",
        "is not a hyperparameter of {owner} (valid: {names})",
    ),
    # arena.session: a file that is not JSON
    (
        r"not valid JSON \(line (?P<line>\d+), column (?P<column>\d+): (?P<detail>.*)\); "
        r"the file may be damaged or truncated",
        "not valid JSON (line {line}, column {column}: {detail}); the file may be damaged or truncated",
    ),
    (
        r"unknown hyperparameter (?P<key>.+) for (?P<owner>\S+); valid: (?P<names>.*)",
        "unknown hyperparameter {key} for {owner}; valid: {names}",
    ),
    (
        r"unknown optimizer (?P<name>.*); valid optimizers: (?P<names>.*)",
        "unknown optimizer {name}; valid optimizers: {names}",
    ),
    (
        r"unknown preset '(?P<name>.*)' \(a preset name, not a path\); valid presets: (?P<names>.*)",
        "unknown preset '{name}' (a preset name, not a path); valid presets: {names}",
    ),
    (r"unknown preset '(?P<name>.*)'; valid presets: (?P<names>.*)", "unknown preset '{name}'; valid presets: {names}"),
)


#: the inspector's words inside the equations (the rest of an equation is symbols and numbers)
EXPLAIN_TEMPLATES = (
    "mini-batch ∇f(θ) ({n} points)",
    "+ noise (σ = {sigma})",
    "(this step)",
    "(first step)",
    "effective rate",
    "eigenvalues of H",
    "f and ∇f evaluations of this step",
    "inner iterations of this step",
    "loss before the last inner step",
    "search direction",
    "step length from the line search",
    "step length of the last inner iteration",
    "(0 where no step)",
    "0 where σ < 0",
    "pseudo-inverse of",
)


def _add(table: dict[str, list[str]], context: str, text: str) -> None:
    text = text.strip() if isinstance(text, str) else ""
    if text and text not in table[context]:
        table[context].append(text)


def preset_texts() -> dict[str, tuple[str, str]]:
    """{preset: (title, description)} of every shipped preset file, in file order."""
    from arena.presets import PRESETS_DIR

    out = {}
    for path in sorted(PRESETS_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        out[path.stem] = (str(data.get("name", "")), str(data.get("description", "")))
    return out


def registry_texts() -> dict[str, list[str]]:
    """Every registry text the window shows, by context, in a stable order (no duplicates)."""
    from engine import OPTIMIZERS
    from engine.options import OPTION_PARAMS
    from engine.schedules import SCHEDULES
    from problems import DATASETS, PROBLEM_PARAMS, PROBLEMS
    from surfaces import SURFACES

    table: dict[str, list[str]] = {context: [] for context in CONTEXTS}
    for opt in OPTIMIZERS.values():  # the listed Lookahead variants included
        _add(table, "optimizers", opt.title)
        _add(table, "optimizers", opt.summary)
        _add(table, "optimizers", opt.rule)  # the update rule: formulas, with a few words between them
        _add(table, "optimizers", opt.effective_lr)
        for _field, doc in opt.state_doc:
            _add(table, "optimizers", doc)
        for p in opt.hyperparams:
            _add(table, "hyperparameters", p.doc)
    for text in EXPLAIN_TEMPLATES:
        _add(table, "optimizers", text)
    for p in OPTION_PARAMS:
        _add(table, "hyperparameters", p.doc)
    for sched in SCHEDULES.values():
        _add(table, "hyperparameters", sched.title)
        _add(table, "hyperparameters", sched.summary)
        for p in sched.params:
            _add(table, "hyperparameters", p.doc)
    for sdef in SURFACES.values():
        _add(table, "surfaces", sdef.title)
        _add(table, "surfaces", sdef.description)
        for p in sdef.params:
            _add(table, "surfaces", p.doc)
    for title, description in preset_texts().values():
        _add(table, "presets", title)
        _add(table, "presets", description)
    for doc in PROBLEMS.values():
        _add(table, "problems", doc)
    for what in DATASETS.values():
        _add(table, "problems", what)
    for p in PROBLEM_PARAMS:
        _add(table, "problems", p.doc)
    for _pattern, template in ERROR_PATTERNS:
        _add(table, "errors", template)
    return table


def render_catalog(table: dict[str, list[str]]) -> str:
    """The catalogue module's source: one ``QT_TRANSLATE_NOOP(context, text)`` line per text."""
    lines = [
        '"""The registry\'s texts, for pyside6-lupdate.',
        "",
        "GENERATED by ``python -m gui.i18n_registry_texts`` from the registries: do not edit.",
        '"""',
        "",
        "# ruff: noqa: E501",
        "from gui.i18n import QT_TRANSLATE_NOOP",
        "",
        "# fmt: off",
        "CATALOG = (",
    ]
    for context in CONTEXTS:
        for text in table[context]:
            lines.append(f"    QT_TRANSLATE_NOOP({json.dumps(context)}, {json.dumps(text, ensure_ascii=False)}),")
    lines += [")", "# fmt: on"]
    return "\n".join(lines) + "\n"


def main() -> None:
    CATALOG_PATH.write_text(render_catalog(registry_texts()), encoding="utf-8")
    print(f"wrote {CATALOG_PATH}")


if __name__ == "__main__":
    main()

"""``main.py list --lang zh_CN``: the registry's names and descriptions in Chinese, read from the shipped
translation file without Qt; everything else (and the default listing) stays English for scripts."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET

from .conftest import ROOT

TS = ROOT / "gui" / "translations" / "registry_zh_CN.ts"


def _zh(context: str, source: str) -> str:
    for ctx in ET.parse(TS).getroot().iter("context"):
        if ctx.findtext("name") == context:
            for msg in ctx.iter("message"):
                if msg.findtext("source") == source:
                    return msg.findtext("translation") or ""
    raise AssertionError(f"{source!r} is not in {context} of {TS.name}")


def test_list_in_chinese_shows_adams_description_and_keeps_the_rest_english(cli):
    from engine import OPTIMIZERS
    from surfaces import SURFACES

    res = cli("list", "--lang", "zh_CN")
    assert res.returncode == 0, res.stderr
    adam = OPTIMIZERS["adam"]
    zh_summary = _zh("optimizers", adam.summary)
    assert zh_summary and zh_summary != adam.summary
    name = "adam".ljust(max(map(len, OPTIMIZERS)) + 1)  # the names column: as wide as the longest name
    assert f"  {name} Adam: {zh_summary}  [torch.optim.Adam]" in res.stdout  # name and key unchanged
    assert "动量" in zh_summary  # the glossary's momentum
    assert _zh("surfaces", SURFACES["saddle"].title) in res.stdout
    assert _zh("presets", "Textbook: SGD vs Momentum vs AdaGrad vs Adam") in res.stdout
    assert _zh("hyperparameters", "learning rate (step size)") in res.stdout
    # the listing's own words, keys, ranges and formulas stay as they are
    assert "Optimizers (--optimizer NAME or NAME:key=value,...; booleans true/false)" in res.stdout
    assert "float > 0" in res.stdout and "rule: g = grad + weight_decay * theta" in res.stdout
    assert "b = momentum * b + (1 - dampening) * g  之后各步" in res.stdout  # the rule's words, formula kept
    assert adam.summary not in res.stdout


def test_list_without_lang_or_with_en_is_the_english_listing(cli):
    plain = cli("list")
    english = cli("list", "--lang", "en")
    assert plain.returncode == english.returncode == 0
    assert plain.stdout == english.stdout
    from engine import OPTIMIZERS

    assert OPTIMIZERS["adam"].summary in plain.stdout
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in plain.stdout)  # no Chinese character at all


def test_list_accepts_the_usual_spellings_of_the_language(cli):
    assert cli("list", "--lang", "zh-CN").stdout == cli("list", "--lang", "zh_CN").stdout


def test_an_unknown_language_is_refused_with_the_available_ones(cli):
    res = cli("list", "--lang", "klingon")
    assert res.returncode == 2
    assert res.stdout == ""
    assert res.stderr.startswith("error: unknown language 'klingon'") and "en, zh_CN" in res.stderr


def test_list_in_chinese_never_imports_qt_or_the_window():
    code = (
        "import io, sys, contextlib\n"
        "from cli.main import main\n"
        "buf = io.StringIO()\n"
        "with contextlib.redirect_stdout(buf):\n"
        "    code = main(['list', '--lang', 'zh_CN'])\n"
        "bad = sorted(k for k in sys.modules if k.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6', 'gui'))\n"
        "print(code, bad, '学习率' in buf.getvalue())\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, encoding="utf-8")
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "0 [] True"


def test_list_aligns_every_sections_names_in_one_column(cli):
    """Each section's descriptions start in one column, past its longest name (logistic_regression,
    schedulefree_adamw and the presets used to push their lines out of line)."""
    from arena import list_presets
    from engine import OPTIMIZERS
    from engine.schedules import SCHEDULES
    from surfaces import SURFACES

    out = cli("list").stdout

    def section(first: str, after: str | None) -> list[str]:
        text = out.split(first, 1)[1]
        return (text.split(after, 1)[0] if after else text).splitlines()

    sections = (
        (list(SURFACES), section("Surfaces (", "\nYour own surface")),
        (list(OPTIMIZERS), section("\nOptimizers (", "\nRacer options")),
        (list(SCHEDULES), section("\nLearning-rate schedules", "\nProblems")),
        ([name for name, _ in list_presets()], section("\nPresets", None)),
    )
    for names, lines in sections:
        starts = set()
        for line in lines:
            head = line[2:].split(" ", 1)[0]
            if line.startswith("  ") and head in names and line[2 + len(head) :].startswith(" "):
                starts.add(len(line) - len(line[2 + len(head) :].lstrip(" ")))
        assert len(starts) == 1 and min(starts) > 2 + max(map(len, names)), (names[:3], starts)

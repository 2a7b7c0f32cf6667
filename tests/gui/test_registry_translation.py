"""The registry's texts (optimizers, hyperparameters, surfaces, presets, problems, validation messages) in
Simplified Chinese: the catalogue lupdate reads lists every one of them, the .ts translates every entry,
the .qm matches the .ts, and the window shows them in Chinese once the registry's translator is installed,
also after a live switch."""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6 import QtCore

from gui.i18n_registry_texts import CATALOG_PATH, CONTEXTS, ERROR_PATTERNS, registry_texts, render_catalog

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "gui" / "translations" / "registry_zh_CN.ts"
CJK = re.compile(r"[\u4e00-\u9fff]")


def catalogue_entries(source: str) -> set[tuple[str, str]]:
    """(context, text) of every QT_TRANSLATE_NOOP call in the catalogue module's source."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "QT_TRANSLATE_NOOP":
            context, text = (ast.literal_eval(arg) for arg in node.args)
            found.add((context, text))
    return found


def registry_entries() -> set[tuple[str, str]]:
    return {(context, text) for context, texts in registry_texts().items() for text in texts}


def ts_messages() -> list[tuple[str, str, ET.Element]]:
    return [
        (ctx.findtext("name"), msg.findtext("source"), msg.find("translation"))
        for ctx in ET.parse(TS).getroot().iter("context")
        for msg in ctx.iter("message")
    ]


@pytest.fixture
def zh(qapp):
    """The registry's Chinese translator installed in the application (a live switch), removed after."""
    from gui.i18n_registry import load_registry_translator

    translator = load_registry_translator("zh_CN")
    assert translator is not None
    qapp.installTranslator(translator)
    yield translator
    qapp.removeTranslator(translator)
    qapp.processEvents()


# ------------------------------------------------------------------ the catalogue and the translation file
def test_catalogue_lists_every_registry_text_and_is_the_generated_one():
    source = CATALOG_PATH.read_text(encoding="utf-8")
    entries = catalogue_entries(source)
    missing = registry_entries() - entries
    assert not missing, f"not in the catalogue (run python -m gui.i18n_registry_texts): {sorted(missing)[:5]}"
    assert source == render_catalog(registry_texts()), "gui/i18n_catalog.py is stale: regenerate it"
    counts = {context: sum(1 for c, _ in entries if c == context) for context in CONTEXTS}
    assert all(counts.values()), counts  # every context has texts


def test_a_new_optimizer_without_a_translation_is_caught(monkeypatch):
    from engine import OPTIMIZERS
    from engine.optimizers.base import Optimizer

    adam = OPTIMIZERS["adam"]
    new = Optimizer(
        "brand_new", "Brand New", "", "a method nobody has translated yet", adam.hyperparams, adam.init, adam.update
    )
    monkeypatch.setitem(OPTIMIZERS, "brand_new", new)
    catalogue = catalogue_entries(CATALOG_PATH.read_text(encoding="utf-8"))
    assert registry_entries() - catalogue == {
        ("optimizers", "Brand New"),
        ("optimizers", "a method nobody has translated yet"),
    }


def test_ts_holds_exactly_the_catalogue_every_entry_translated():
    messages = ts_messages()
    pairs = [(context, source) for context, source, _ in messages]
    assert len(pairs) == len(set(pairs))
    assert set(pairs) == catalogue_entries(CATALOG_PATH.read_text(encoding="utf-8")), "run pyside6-lupdate"
    unfinished = [source for _, source, tr in messages if tr.get("type") or not (tr.text or "").strip()]
    assert not unfinished, f"unfinished or obsolete in {TS.name}: {unfinished[:5]}"


def test_translations_keep_placeholders_keys_and_symbols():
    for context, source, tr in ts_messages():
        text = tr.text or ""
        placeholders = sorted(re.findall(r"\{\w*\}", source))
        assert placeholders == sorted(re.findall(r"\{\w*\}", text)), (context, source, text)
        for key in re.findall(r"\b[a-z]\w*_\w+\b", source):  # hyperparameter keys: lr_decay, weight_decay, T_max
            assert key in text, (context, source, text, key)
        for symbol in "θ∇²κμηρσβ":
            assert source.count(symbol) <= text.count(symbol), (context, source, text, symbol)
        words = re.findall(r"\b[a-z]{3,}\b", re.sub(r"\{\w*\}", "", source))
        formula = "\n" in source or source.startswith(("(", "lr", "clr", "alpha", "eta"))  # update rules and the like
        if context != "presets" and len(words) >= 3 and not formula:
            assert CJK.search(text), (context, source, text)  # a sentence is translated, not copied


def test_glossary_terms_are_used_consistently():
    terms = {
        "learning rate": "学习率",
        "gradient": "梯度",
        "saddle": "鞍",
        "Hessian": "黑塞矩阵",
        "weight decay": "权重衰减",
        "mini-batch": "小批量",
        "curvature": "曲率",
        "condition number": "条件数",
        "minima": "极小值",
        "racer": "参赛者",
    }
    for _context, source, tr in ts_messages():
        for english, chinese in terms.items():
            if re.search(rf"(?<![\w_]){re.escape(english)}(?![\w_])", source, re.IGNORECASE):
                assert chinese in (tr.text or ""), (source, tr.text, english)


def test_qm_is_compiled_from_the_current_ts(qapp):
    from gui.i18n_registry import load_registry_translator

    translator = load_registry_translator("zh_CN")
    for context, source, tr in ts_messages():
        assert translator.translate(context, source) == tr.text, (context, source)
    assert load_registry_translator("xx_XX") is None


# ------------------------------------------------------------------ texts assembled from parts
def test_validation_messages_are_translated_by_pattern(zh):
    from engine import resolve_hyperparams
    from gui.i18n_registry import tr_error

    for given in ({"lr": -1.0}, {"beta1": 1.5}, {"lr": float("inf")}, {"amsgrad": 3}, {"nosuch": 1}):
        with pytest.raises(ValueError) as info:
            resolve_hyperparams("adam", given)
        shown = tr_error(str(info.value))
        assert CJK.search(shown) and list(given)[0] in shown, (str(info.value), shown)
        assert not re.search(r"\b(must|number|valid)\b", shown), shown
    with pytest.raises(ValueError) as info:
        resolve_hyperparams("adam", {"beta1": 1.5})
    assert tr_error(str(info.value)) == "adam beta1=1.5：必须在 [0, 1) 内"
    with pytest.raises(ValueError) as info:
        resolve_hyperparams("sgd", {"nesterov": True})
    assert tr_error(str(info.value)) == "nesterov=true 需要 momentum > 0（当前 momentum=0）"
    assert tr_error("something no pattern knows") == "something no pattern knows"


def test_every_error_template_is_reached_by_its_pattern(qapp, zh):
    from gui.i18n_registry import tr_error

    fills = {"where": "adam ", "key": "lr", "value": "-1", "reason": "must be > 0", "range": "> 0"}
    fills |= {"interval": "[0, 1)", "text": "'abc'", "owner": "adam", "names": "lr, beta1", "name": "x", "n": "5"}
    fills |= {"size": "3", "line": "1", "column": "2", "detail": "Expecting value"}
    for _pattern, template in ERROR_PATTERNS:
        parts = dict(fills)
        if "{text} {reason}" in template:
            parts["reason"] = "is too large: must be > 0"
        example = template.format(**parts)
        shown = tr_error(example)
        assert shown != example and CJK.search(shown), (template, example, shown)
        for value in ("adam", "lr", "-1", "'abc'"):
            assert (value in example) <= (value in shown), (example, shown)
    qapp.removeTranslator(zh)
    assert tr_error("adam lr=-1: must be > 0") == "adam lr=-1: must be > 0"  # English: the message itself


def test_a_number_field_explains_a_refused_value_in_chinese(qtbot, zh):
    from engine import OPTIMIZERS
    from gui.widgets.number_field import NumberField

    field = NumberField(OPTIMIZERS["adam"].param("lr"), "adam")
    qtbot.addWidget(field)
    assert field.reason_for("-1") == "lr：必须 > 0（输入为 -1）"
    assert field.reason_for("abc") == "lr：'abc' 不是数字"


def test_inspector_words_are_translated_symbols_kept(zh):
    from gui.i18n_registry import tr_equation, tr_state_doc

    line = "g = mini-batch ∇f(θ) (10 points) + noise (σ = 0.1) = (0.5, -1)"
    assert tr_equation(line) == "g = 小批量 ∇f(θ)（10 个点） + 噪声 (σ = 0.1) = (0.5, -1)"
    assert tr_state_doc("m: first moment, the running mean of gradients") == "m：一阶矩，梯度的滑动平均"
    assert tr_state_doc("RMSProp: v: running mean of squared gradients") == "RMSProp: v：梯度平方的滑动平均"


# ------------------------------------------------------------------ in the window
def _adam_row(window) -> int:
    return [r.optimizer for r in window.controller.config.racers].index("adam")


def test_window_shows_optimizer_and_surface_descriptions_in_chinese(qtbot, zh, make_window):
    from engine import OPTIMIZERS
    from surfaces import SURFACES

    window = make_window()
    window.racers_dock.select(_adam_row(window))
    header = window.racers_dock.editor.header.text()
    assert "动量加上由偏差校正的矩估计得到的逐参数学习率" in header
    assert OPTIMIZERS["adam"].summary not in header
    assert "学习率（步长）" in window.racers_dock.editor.fields["lr"].toolTip()
    rule_tip = window.racers_dock.editor.header.toolTip()  # the update rule: its words translated, formulas kept
    assert "amsgrad: vmax = max(vmax, v)，下式中代替 v 使用" in rule_tip
    assert "theta = theta - (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)" in rule_tip
    description = window.surface_dock.formula.text()
    surface = window.controller.race.surface
    assert SURFACES[surface.name].description not in description and CJK.search(description)
    combo = window.surface_dock.combo
    assert combo.itemText(combo.findData("saddle")) == "鞍面"
    presets = {a.data(): a.text() for a in window.presets_menu.actions() if a.data()}
    assert presets["textbook"] == "教科书：SGD、Momentum、AdaGrad 与 Adam 对比"
    tips = {a.data(): a.toolTip() for a in window.presets_menu.actions() if a.data()}
    assert tips["textbook"] == "经典图示：拉长的碗 x²/20 + y²，从 (-7, 2) 出发走 30 步。"
    assert window.presets_menu.toolTipsVisible()
    adds = {a.data(): a.text() for a in window.racers_dock.add_menu.actions()}
    assert adds["newton"] == "牛顿法  (newton)" and adds["adam"] == "Adam  (adam)"


def test_live_switch_changes_the_registry_texts_and_nothing_else(qtbot, qapp, make_window):
    from engine import OPTIMIZERS
    from gui.i18n_registry import load_registry_translator

    window = make_window()
    window.controller.step(5)
    window.racers_dock.select(_adam_row(window))
    editor, combo = window.racers_dock.editor, window.surface_dock.combo
    summary = OPTIMIZERS["adam"].summary
    assert summary in editor.header.text() and combo.itemText(combo.findData("saddle")) == "Saddle"
    names = [r.name for r in window.controller.config.racers]
    translator = load_registry_translator("zh_CN")
    qapp.installTranslator(translator)
    try:
        qtbot.waitUntil(lambda: summary not in editor.header.text(), timeout=5000)
        assert "逐参数学习率" in editor.header.text()
        assert combo.itemText(combo.findData("saddle")) == "鞍面"
        assert CJK.search(window.surface_dock.formula.text())
        schedules = window.racers_dock.options_editor.schedule
        assert schedules.itemText(schedules.findData("cosine")) == "余弦退火"
    finally:
        qapp.removeTranslator(translator)
    qtbot.waitUntil(lambda: summary in editor.header.text(), timeout=5000)
    assert combo.itemText(combo.findData("saddle")) == "Saddle"
    # the race, its racers (names typed or default) and the selection did not move
    assert window.controller.race.steps == 5
    assert [r.name for r in window.controller.config.racers] == names
    assert window.racers_dock.current == _adam_row(window)
    assert QtCore.QCoreApplication.translate("optimizers", "Adam") == "Adam"


def test_a_session_that_is_not_json_is_explained_in_chinese(zh, tmp_path):
    from arena import SessionError, load_session
    from gui.i18n_registry import tr_error

    bad = tmp_path / "bad.json"
    bad.write_text("{racers: 1}", encoding="utf-8")
    with pytest.raises(SessionError) as caught:
        load_session(str(bad))
    shown = tr_error(str(caught.value))
    assert shown.startswith("不是有效的 JSON（第 1 行，第 2 列：") and "文件可能已损坏或被截断" in shown

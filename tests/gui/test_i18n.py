"""Issue 17: the window in Simplified Chinese, through Qt's translation system.

The catalogue (gui/translations/*.ts) is complete and up to date with the sources, the compiled .qm
matches it, no user-visible literal in gui/ bypasses tr(), and View > Language switches the window
live without touching the race.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from gui import i18n
from tests.run_main import run_subprocess

ROOT = Path(__file__).resolve().parents[2]
GUI = ROOT / "gui"
TRANSLATIONS = GUI / "translations"
WINDOW_TS = TRANSLATIONS / "gradient_arena_zh_CN.ts"
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


def qt_tool(name: str) -> str | None:
    """pyside6-lupdate / pyside6-lrelease: on PATH, or beside this interpreter (a venv's scripts)."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def gui_sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in GUI.rglob("*.py"))


def messages(ts: Path) -> list[tuple[str, ET.Element]]:
    """(context name, <message>) of every entry of a .ts file."""
    root = ET.parse(ts).getroot()
    return [(ctx.findtext("name") or "", msg) for ctx in root.iter("context") for msg in ctx.iter("message")]


def key(context: str, msg: ET.Element) -> tuple[str, str, str]:
    return context, msg.findtext("source") or "", msg.findtext("comment") or ""


@pytest.fixture
def english_after(qapp):
    """The test may switch the language; every other test sees the window in English again."""
    yield
    i18n.set_language("en")
    qapp.processEvents()


# ------------------------------------------------------------------------------------------ the catalogue
@pytest.mark.parametrize("ts", sorted(TRANSLATIONS.glob("*.ts")), ids=lambda p: p.name)
def test_every_entry_is_translated(ts):
    entries = messages(ts)
    assert entries, f"{ts.name} holds no entry"
    bad = []
    for context, msg in entries:
        translation = msg.find("translation")
        source = msg.findtext("source") or ""
        kind = translation.get("type") if translation is not None else "missing"
        if kind in ("unfinished", "vanished", "obsolete", "missing"):
            bad.append(f"[{context}] {source!r}: {kind}")
            continue
        forms = [f.text or "" for f in translation.iter("numerusform")] if msg.get("numerus") == "yes" else []
        texts = forms or [translation.text or ""]
        if not all(t.strip() for t in texts):
            bad.append(f"[{context}] {source!r}: empty translation")
            continue
        for text in texts:  # str.format placeholders must survive translation, or format() raises / loses them
            if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(source)):
                bad.append(f"[{context}] {source!r}: placeholders differ in {text!r}")
    assert not bad, f"{ts.name}: {len(bad)} entries not done:\n" + "\n".join(bad)


def test_the_catalogue_is_up_to_date_with_the_sources(tmp_path):
    """lupdate over gui/ (every .py) finds no text the committed catalogues lack, and the window's
    catalogue keeps no entry the sources no longer have."""
    lupdate = qt_tool("pyside6-lupdate")
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not on PATH nor beside the interpreter (PySide6's tools)")
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [lupdate, *gui_sources(), "-no-obsolete", "-locations", "none", "-ts", str(fresh)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    found = {key(c, m) for c, m in messages(fresh)}
    committed = {key(c, m) for ts in TRANSLATIONS.glob("*.ts") for c, m in messages(ts)}
    missing = sorted(found - committed)
    assert not missing, f"{len(missing)} source texts are in no .ts (run lupdate, see CONTRIBUTING.md): {missing}"
    stale = sorted({key(c, m) for c, m in messages(WINDOW_TS)} - found)
    assert not stale, f"{WINDOW_TS.name} has entries no source uses any more: {stale}"


@pytest.mark.parametrize("ts", sorted(TRANSLATIONS.glob("*.ts")), ids=lambda p: p.name)
def test_the_compiled_catalogue_matches_the_ts(ts, tmp_path):
    lrelease = qt_tool("pyside6-lrelease")
    if lrelease is None:
        pytest.skip("pyside6-lrelease is not on PATH nor beside the interpreter (PySide6's tools)")
    qm = ts.with_suffix(".qm")
    if not qm.exists() and ts.name.startswith("panels_"):
        pytest.skip("the panels' catalogue is merged into gradient_arena_zh_CN.ts (no .qm of its own)")
    assert qm.exists(), f"{qm.name} is not committed: pyside6-lrelease {ts.name} -qm {qm.name}"
    fresh = tmp_path / qm.name
    subprocess.run([lrelease, str(ts), "-qm", str(fresh)], check=True, capture_output=True)
    assert fresh.read_bytes() == qm.read_bytes(), f"{qm.name} is older than {ts.name}: run pyside6-lrelease"


# ------------------------------------------------------------------------------- no raw literal in gui/
TEXT_METHODS = {
    "setText", "setToolTip", "setStatusTip", "setWhatsThis", "setWindowTitle", "setTitle", "setPlaceholderText",
    "addMenu", "addAction", "showMessage", "setHeaderLabels", "setHorizontalHeaderLabels",
    "setVerticalHeaderLabels", "setLabel", "setLabelText", "setCancelButtonText", "setInformativeText",
    "setDetailedText", "setTabText", "addTab", "insertTab", "setPrefix", "setSuffix", "addRow", "addItem",
    "addItems", "setSpecialValueText", "setTabToolTip", "addToolBar", "setItemText",
}  # fmt: skip
TEXT_CLASSES = {
    "QAction", "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QToolButton", "QDockWidget",
    "QMenu", "QProgressDialog", "QTableWidgetItem", "QListWidgetItem", "QTreeWidgetItem",
}  # fmt: skip
MESSAGE_BOX = {"warning", "critical", "information", "question", "about"}
FILE_DIALOG = {"getOpenFileName", "getSaveFileName", "getExistingDirectory", "getOpenFileNames"}
INPUT_DIALOG = {"getInt", "getDouble", "getText", "getItem"}
# literals a translator has nothing to do with (symbols, units, keys); each with its reason
ALLOWED = {
    "": "an empty placeholder, filled later",
    "×": "a multiplication sign between two sizes",
    " px": "a unit",
    "x": "the coordinate's name",
    "y": "the coordinate's name",
    "batch_size": "an option's key (keys stay as they are, like lr and beta1)",
    "noise": "an option's key",
    "schedule": "an option's key",
    "f(x, y) =": "a formula",
    "a=1, b=10": "an example of parameters as typed (keys and numbers)",
    "Gradient Arena": "the program's name (an SVG's title)",
}


def _has_letters(text: str) -> bool:
    """Words a reader reads (HTML tags and entities such as &nbsp; are not)."""
    return any(ch.isalpha() for ch in re.sub(r"<[^>]*>|&#?\w+;", "", text))


def raw_literals(path: Path, root: Path = ROOT) -> list[str]:
    """``file:line: text`` of every string literal handed straight to a Qt text setter or constructor."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []

    def check(node: ast.expr | None, call: ast.Call) -> None:
        if node is None:
            return
        parts = []
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            parts = [node.value]
        elif isinstance(node, ast.JoinedStr):  # an f-string: its literal parts are text too
            parts = [v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
        elif isinstance(node, (ast.List, ast.Tuple)):
            for element in node.elts:
                check(element, call)
            return
        text = "".join(parts)
        if parts and text not in ALLOWED and _has_letters(text):
            found.append(f"{path.relative_to(root)}:{node.lineno}: {text!r}")

    for call in ast.walk(tree):
        if not isinstance(call, ast.Call):
            continue
        func = call.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        owner = func.value if isinstance(func, ast.Attribute) else None
        owner_name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
        args = list(call.args)
        if name in TEXT_CLASSES:
            for arg in args[:1]:
                check(arg, call)
            for kw in call.keywords:
                if kw.arg in ("text", "title", "labelText"):
                    check(kw.value, call)
        elif owner_name == "QMessageBox" and name in MESSAGE_BOX:
            for arg in args[1:3]:
                check(arg, call)
        elif owner_name == "QMessageBox" and not args[:1]:
            pass
        elif name == "QMessageBox":
            for arg in args[1:3]:
                check(arg, call)
        elif owner_name == "QFileDialog" and name in FILE_DIALOG:
            check(args[1] if len(args) > 1 else None, call)  # the title
            check(args[3] if len(args) > 3 else None, call)  # the name filters
        elif owner_name == "QInputDialog" and name in INPUT_DIALOG:
            for arg in args[1:3]:
                check(arg, call)
        elif name in ("setLabel", "setTitle") and owner is not None and args:
            # pyqtgraph: plot.setLabel("left", "loss", units=...) / setTitle(text); axis names are keys
            check(args[1] if name == "setLabel" and len(args) > 1 else args[0] if name == "setTitle" else None, call)
        elif name in TEXT_METHODS and args:
            check(args[0], call)
            if name in ("addRow", "addItem", "insertTab", "addTab", "setItemText", "setTabText") and len(args) > 1:
                # addTab(widget, text), insertTab(i, widget, text), setTabText(i, text), setItemText(i, text)
                check(args[-1] if name != "addItem" else None, call)
    return found


def test_the_checker_finds_raw_literals(tmp_path):
    """The check below is only worth something if it catches a raw text: shown here on a sample."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from gui.i18n import tr\n"
        "a.setText('Play')\n"
        "b = QtWidgets.QLabel(f'Step {k}')\n"
        "QtWidgets.QMessageBox.warning(w, 'Oops', tr('fine'))\n"
        "c.setToolTip(tr('fine'))\n"
        "d.addAction('')\n"
        "e.setHeaderLabels(['racer', tr('loss')])\n",
        encoding="utf-8",
    )
    found = raw_literals(sample, tmp_path)
    assert [f.split(": ", 1)[1] for f in found] == ["'Play'", "'Step '", "'Oops'", "'racer'"]


def test_no_raw_user_visible_literal_in_gui():
    found = [hit for path in sorted(GUI.rglob("*.py")) for hit in raw_literals(path)]
    assert not found, f"{len(found)} texts bypass tr() (wrap them: from gui.i18n import tr):\n" + "\n".join(found)


# ---------------------------------------------------------------------------------------- the machinery
def test_the_language_follows_the_setting_else_the_system(settings):
    assert i18n.normalize_language("zh-Hans-CN") == "zh_CN"
    assert i18n.normalize_language("zh_TW") == "zh_CN"
    assert i18n.normalize_language("en_GB") == "en"
    assert i18n.normalize_language("de_DE") is None
    assert i18n.system_language(QtCore.QLocale("zh_CN")) == "zh_CN"
    assert i18n.system_language(QtCore.QLocale("de_DE")) == "en"
    assert i18n.chosen_language(settings) == i18n.system_language()
    i18n.remember_language(settings, "zh_CN")
    assert i18n.chosen_language(settings) == "zh_CN"
    settings.setValue(i18n.LANGUAGE_KEY, "klingon")  # a value no longer (or never) offered: the system's
    assert i18n.chosen_language(settings) == i18n.system_language()


def test_chinese_is_loaded_and_english_restored(qapp, english_after):
    i18n.set_language("zh_CN")
    assert i18n.tr("Play") == "播放"
    assert i18n.tr("Cancel") == "取消"
    i18n.set_language("en")
    assert i18n.tr("Play") == "Play"
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        i18n.set_language("fr")


def test_a_missing_catalogue_leaves_english(qapp, english_after, tmp_path, monkeypatch):
    monkeypatch.setattr(i18n, "TRANSLATIONS_DIR", tmp_path)  # no .qm there
    assert i18n.set_language("zh_CN") == "zh_CN"
    assert i18n.tr("Play") == "Play"
    (tmp_path / "gradient_arena_zh_CN.qm").write_bytes(b"not a catalogue")  # a broken one: the same
    i18n.set_language("zh_CN")
    assert i18n.tr("Play") == "Play"


# ------------------------------------------------------------------------------------------- live switch
def click_menu_path(qtbot, window, *menus_then_action):
    """Open the menu bar's menu, each submenu in turn, and click the last item: as a person does."""
    *menus, action = menus_then_action
    bar = window.menuBar()
    qtbot.wait(QtWidgets.QApplication.doubleClickInterval() + 50)  # a new click, not the second of a double click
    qtbot.mouseClick(bar, QtCore.Qt.MouseButton.LeftButton, pos=bar.actionGeometry(menus[0].menuAction()).center())
    qtbot.waitUntil(menus[0].isVisible, timeout=3000)
    parent = menus[0]
    for menu in menus[1:]:
        qtbot.mouseClick(
            parent, QtCore.Qt.MouseButton.LeftButton, pos=parent.actionGeometry(menu.menuAction()).center()
        )
        qtbot.waitUntil(menu.isVisible, timeout=3000)
        parent = menu
    qtbot.mouseClick(parent, QtCore.Qt.MouseButton.LeftButton, pos=parent.actionGeometry(action).center())
    qtbot.waitUntil(lambda: not menus[0].isVisible(), timeout=3000)


def race_snapshot(window):
    race = window.controller.race
    return (
        race.steps,
        [(r.name, r.optimizer, r.resolved(), r.color) for r in window.controller.config.racers],
        [r.positions[: r.steps + 1].tobytes() for r in race.runners],
        window.controller.playing,
    )


def test_view_language_switches_the_window_live(qtbot, window, english_after):
    window.controller.step(7)
    before = race_snapshot(window)
    view, language = window.view_menu, window.language_menu
    chinese = window.findChild(QtGui.QAction, "language_zh_CN")
    english = window.findChild(QtGui.QAction, "language_en")
    assert [a.text() for a in language.actions()] == ["English", "简体中文"]  # each named in itself
    assert english.isChecked() and not chinese.isChecked()
    assert view.title() == "&View"
    assert window.view3d_dock.windowTitle() == "3-D view"

    click_menu_path(qtbot, window, view, language, chinese)
    qtbot.waitUntil(lambda: view.title() == "视图(&V)", timeout=3000)
    assert window.view3d_dock.windowTitle() == "三维视图"
    assert window.data_dock.windowTitle() == "数据"
    assert window.view3d_dock.toggleViewAction().text() == "三维视图"
    assert window.actions["play"].text() == "播放"
    assert window.race_status.text() == "已暂停 · 第 7 步，共 30 步"
    assert language.title() == "语言"
    assert [a.text() for a in language.actions()] == ["English", "简体中文"]
    assert chinese.isChecked() and not english.isChecked()
    assert window.settings.value(i18n.LANGUAGE_KEY) == "zh_CN"
    assert race_snapshot(window) == before

    click_menu_path(qtbot, window, view, language, english)
    qtbot.waitUntil(lambda: view.title() == "&View", timeout=3000)
    assert window.view3d_dock.windowTitle() == "3-D view"
    assert window.race_status.text() == "paused · step 7 of 30"
    assert english.isChecked() and not chinese.isChecked()
    assert window.settings.value(i18n.LANGUAGE_KEY) == "en"
    assert race_snapshot(window) == before


def test_a_new_window_opens_in_the_current_language(qtbot, make_window, english_after):
    i18n.set_language("zh_CN")
    window = make_window()
    assert window.menuBar().actions()[0].text() == "文件(&F)"
    assert window.findChild(QtGui.QAction, "language_zh_CN").isChecked()
    assert window.statusBar().currentMessage().startswith("点击等高线图")


def test_the_opening_hint_follows_a_switch(qtbot, window, english_after):
    assert window.statusBar().currentMessage().startswith("Click the map")
    i18n.set_language("zh_CN")
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("点击等高线图"), timeout=3000)


def test_the_play_button_stays_pause_while_playing_across_a_switch(qtbot, window, english_after):
    window.controller.play()
    i18n.set_language("zh_CN")
    qtbot.waitUntil(lambda: window.actions["play"].text() == "暂停", timeout=3000)
    window.controller.pause()
    assert window.actions["play"].text() == "播放"


def test_the_network_mode_follows_a_switch(qtbot, make_window, english_after):
    from arena import RaceConfig, RacerConfig

    window = make_window()
    config = RaceConfig(problem="mlp:moons,layers=8x8,n=200,eval_every=5", steps=20, racers=[RacerConfig("sgd")])
    window.controller.load(config)
    window.controller.step(3)
    combo, table = window.surface_dock.combo, window.race_dock.table
    assert combo.currentText() == "MLP on two moons"
    assert table.horizontalHeaderItem(2).text() == "Train loss"
    assert window.surface_dock.network_box.title() == "Network"
    i18n.set_language("zh_CN")
    qtbot.waitUntil(lambda: window.surface_dock.network_box.title() == "网络", timeout=3000)
    assert combo.currentText() == "双月数据上的 MLP"
    assert table.horizontalHeaderItem(2).text() == "训练损失"  # the network's column titles, not the surface's
    assert "个参数" in window.surface_dock.formula.text()  # the network's description, not the last surface's
    assert window.controller.race.steps == 3 and window.network.active


# ------------------------------------------------------------------------------------------ command line
def test_gui_lang_unknown_code_is_refused(gui_command):
    res = gui_command("--lang", "fr", "--screenshot", "never.png")
    assert res.returncode == 2
    assert res.stderr == "error: --lang 'fr': unknown language; choose one of en, zh_CN\n"


def test_gui_lang_zh_cn_screenshot(tmp_path):
    shots = {}
    for lang in ("zh_CN", "en"):
        out = tmp_path / f"{lang}.png"
        res = run_subprocess("gui", "--lang", lang, "--size", "1024x768", "--screenshot", str(out))
        assert res.returncode == 0, res.stderr
        shots[lang] = QtGui.QImage(str(out))
        assert shots[lang].size() == QtCore.QSize(1024, 768)
    # the menu bar (the top rows) reads differently
    changed = sum(shots["zh_CN"].pixel(x, y) != shots["en"].pixel(x, y) for x in range(400) for y in range(20))
    assert changed > 50


def test_the_catalogues_ship_with_the_package():
    """pyproject's package data takes every compiled catalogue into the wheel (and `pip install .`)."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["gui"]
    shipped = {p for pattern in patterns for p in GUI.glob(pattern)}
    compiled = set(TRANSLATIONS.glob("*.qm"))
    assert WINDOW_TS.with_suffix(".qm") in compiled
    assert compiled <= shipped


def test_qt_widgets_have_a_translation_for_standard_buttons(qapp, english_after):
    """The dialogs' standard buttons (Save, Cancel) come from Qt's own catalogue, loaded with ours."""
    i18n.set_language("zh_CN")
    box = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QtWidgets.QDialogButtonBox.StandardButton.Cancel).text() != "Cancel"
    box.deleteLater()

"""The bad-input campaign of issues 16 and 18 as one table, run in-process.

Every bad input must end as one line ``error: ...`` on stderr with exit status 2, no
traceback, no file created and no existing file changed in the folder the race
writes to; every input the campaign found wrongly refused must run (exit 0) and
write what was asked. Placeholders in the arguments: ``{tmp}`` the test's folder,
``{s}`` a valid session file in it.
"""

from __future__ import annotations

import json
import os
import socket
import stat
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.run_main import call_main

ROOT = Path(__file__).resolve().parents[2]
RACE = ["race", "--surface", "sphere", "--optimizer", "adam", "--steps", "5", "-q"]
LONG_251 = "a" * 251  # + ".csv": a 255-byte name, legal on Linux


def base_session() -> dict:
    return {
        "format": 1,
        "app": "gradient-arena",
        "name": "Campaign",
        "description": "A small race\nwith notes.",
        "surface": {"name": "elongated_bowl", "params": {}},
        "start": [-7.0, 2.0],
        "steps": 5,
        "tol": None,
        "seed": 0,
        "racers": [
            {"name": "SGD", "optimizer": "sgd", "hyperparams": {"lr": 0.95}, "color": "#0072B2", "visible": True},
            {
                "name": "Noisy",
                "optimizer": "adam",
                "hyperparams": {"lr": 0.3},
                "options": {"noise": 0.1},
                "color": "#D55E00",
                "visible": True,
            },
        ],
    }


def session_text(**changes) -> str:
    data = base_session()
    data.update(changes)
    return json.dumps(data, indent=1)


def edited(old: str, new: str) -> str:
    text = session_text()
    assert old in text, old
    return text.replace(old, new, 1)


def racer_edit(key: str, value: str, index: int = 0) -> str:
    """The session with racer ``index``'s ``key`` set to the JSON text ``value``."""
    data = base_session()
    data["racers"][index][key] = "@@"
    return json.dumps(data, indent=1).replace('"@@"', value)


def many_racers(n: int, steps: int = 5) -> str:
    racer = {"optimizer": "sgd", "hyperparams": {"lr": 0.1}}
    return session_text(racers=[dict(racer, name=f"r{i}") for i in range(n)], steps=steps)


BIG_INT = "1" + "0" * 400  # 10**400
HUGE_INT = "7" * 4301  # beyond Python's int-from-text limit


@dataclass
class Case:
    id: str
    args: list[str]
    needle: str = ""  # what the error must say (error cases)
    files: dict[str, str] = field(default_factory=dict)  # files to create first: name -> text
    ok: bool = False  # the input is valid: exit 0
    check: str = ""  # for ok cases: a file that must exist afterwards
    special: str = ""  # set-up needing more than text: "fifo", "socket", "symlink", "hardlink", "chardev"


def bad(id, args, needle="", files=None, special=""):
    return Case(id, list(args), needle, files or {}, special=special)


def good(id, args, check="", files=None, special=""):
    return Case(id, list(args), "", files or {}, ok=True, check=check, special=special)


def sess(id, text, needle):
    return bad(id, ["race", "--session", "{tmp}/bad.json", "-q"], needle, {"bad.json": text})


CASES = [
    # --- numbers on the command line: plain ASCII decimal only
    bad("steps-arabic-indic", [*RACE, "--steps", "٥"], "--steps"),
    bad("steps-full-width", [*RACE, "--steps", "１０"], "--steps"),
    bad("steps-underscore", [*RACE, "--steps", "1_0"], "--steps"),
    bad("steps-4301-digits", [*RACE, "--steps", HUGE_INT], "--steps"),
    bad("steps-over-limit", [*RACE, "--steps", "1000001"], "1000000"),
    bad("seed-underscore", [*RACE, "--seed", "1_0"], "--seed"),
    bad("seed-2-63", [*RACE, "--seed", str(2**63)], "--seed"),
    bad("tol-underscore", [*RACE, "--tol", "1_0"], "--tol"),
    bad("tol-full-width", [*RACE, "--tol", "１"], "--tol"),
    bad("tol-inf", [*RACE, "--tol", "inf"], "--tol"),
    bad("tol-nan", [*RACE, "--tol", "nan"], "--tol"),
    bad("tol-1e400", [*RACE, "--tol", "1e400"], "--tol"),
    bad("start-underscore", [*RACE, "--start", "1_0,2"], "--start"),
    bad("start-full-width", [*RACE, "--start", "１,2"], "--start"),
    bad("start-arabic-indic", [*RACE, "--start", "٠.٥,1"], "--start"),
    bad("inspect-arabic-indic", [*RACE, "--inspect", "٣"], "--inspect"),
    bad("spec-lr-underscore", [*RACE, "--optimizer", "adam:lr=1_0"], "lr"),
    bad("spec-lr-full-width", [*RACE, "--optimizer", "adam:lr=１"], "lr"),
    bad("spec-lr-arabic-indic", [*RACE, "--optimizer", "adam:lr=٠.١"], "lr"),
    bad("spec-empty-items", [*RACE, "--optimizer", "adam:,,,"], "empty"),
    bad("spec-trailing-newline", [*RACE, "--optimizer", "adam:lr=0.1\n"], "newline"),
    bad("spec-empty-value", [*RACE, "--optimizer", "adam:lr="], "no value"),
    bad(
        "surface-param-underscore", ["race", "--surface", "ill_conditioned:kappa=1_00", "--optimizer", "adam"], "kappa"
    ),
    bad("racers-over-limit", ["race", "--surface", "sphere", *["--optimizer", "sgd"] * 101, "-q"], "at most 100"),
    bad(
        "racers-x-steps-memory",
        ["race", "--surface", "sphere", *["--optimizer", "sgd"] * 20, "--steps", "1000000"],
        "GiB",
    ),
    good("tol-1e155", [*RACE, "--tol", "1e155", "--csv", "{tmp}/t.csv"], check="t.csv"),
    good("tol-1e200", [*RACE, "--tol", "1e200", "--csv", "{tmp}/t.csv"], check="t.csv"),
    good("tol-1e300", [*RACE, "--tol", "1e300", "--csv", "{tmp}/t.csv"], check="t.csv"),
    good("tol-1.79e308", [*RACE, "--tol", "1.79e308", "--csv", "{tmp}/t.csv"], check="t.csv"),
    # --- output paths: checked before any work, never two outputs on one file, never over an input
    bad("csv-empty", [*RACE, "--csv", ""], "empty"),
    bad("summary-empty", [*RACE, "--summary-csv", ""], "empty"),
    bad("save-session-empty", [*RACE, "--save-session", ""], "empty"),
    bad("png-empty", [*RACE, "--png", ""], "empty"),
    bad("csv-folder", [*RACE, "--csv", "{tmp}"], "folder"),
    bad("csv-trailing-slash", [*RACE, "--csv", "{tmp}/x.csv/"], "--csv"),
    bad("csv-missing-folder", [*RACE, "--csv", "{tmp}/missing/x.csv"], "does not exist"),
    bad("csv-name-256-bytes", [*RACE, "--csv", "{tmp}/" + "a" * 252 + ".csv"], "too long"),
    bad("csv-name-256-bytes-utf8", [*RACE, "--csv", "{tmp}/" + "é" * 126 + ".csv"], "too long"),
    bad("csv-and-summary-same", [*RACE, "--csv", "{tmp}/same.csv", "--summary-csv", "{tmp}/same.csv"], "both name"),
    bad("png-and-csv-same", [*RACE, "--png", "{tmp}/x.png", "--csv", "{tmp}/x.png"], "both name"),
    bad("same-via-dotdot", [*RACE, "--csv", "{tmp}/a.csv", "--summary-csv", "{tmp}/sub/../a.csv"], "both name"),
    bad(
        "same-via-symlink",
        [*RACE, "--csv", "{tmp}/a.csv", "--summary-csv", "{tmp}/link.csv"],
        "both",
        special="symlink",
    ),
    bad(
        "same-via-hardlink",
        [*RACE, "--csv", "{tmp}/a.csv", "--summary-csv", "{tmp}/hard.csv"],
        "both",
        special="hardlink",
    ),
    bad("csv-over-session", ["race", "--session", "{s}", "--csv", "{s}", "-q"], "write over"),
    bad("summary-over-session", ["race", "--session", "{s}", "--summary-csv", "{s}", "-q"], "write over"),
    bad(
        "csv-over-session-symlink",
        ["race", "--session", "{s}", "--csv", "{tmp}/to-s", "-q"],
        "write over",
        special="symlink-s",
    ),
    bad(
        "png-over-session",
        ["race", "--session", "{tmp}/s.png", "--png", "{tmp}/s.png"],
        "write over",
        {"s.png": session_text()},
    ),
    bad("save-session-then-bad-csv", [*RACE, "--save-session", "{tmp}/new.json", "--csv", "{tmp}/no/x.csv"], "exist"),
    bad("save-session-then-bad-png", [*RACE, "--save-session", "{tmp}/new.json", "--png", "{tmp}/no/x.png"], "exist"),
    bad(
        "save-session-then-png-unwritable", [*RACE, "--save-session", "{tmp}/new.json", "--png", "/proc/x.png"], "--png"
    ),
    bad("save-session-wrong-extension", [*RACE, "--save-session", "{tmp}/s.txt"], ".json"),
    bad("summary-to-stdout", [*RACE, "--summary-csv", "-"], "stdout"),
    bad("csv-socket", [*RACE, "--csv", "{tmp}/sock"], "socket", special="socket"),
    bad("inspect-with-csv-stdout", [*RACE, "--inspect", "1", "--csv", "-"], "stdout"),
    good("csv-name-255-bytes", [*RACE, "--csv", "{tmp}/" + LONG_251 + ".csv"], check=LONG_251 + ".csv"),
    good("csv-through-symlink", [*RACE, "--csv", "{tmp}/link.csv"], check="a.csv", special="symlink"),
    good("csv-to-fifo", [*RACE, "--csv", "{tmp}/fifo"], special="fifo"),
    good("csv-to-char-device", [*RACE, "--csv", "{tmp}/null"], special="chardev"),
    good("csv-stdout-and-summary", [*RACE, "--csv", "-", "--summary-csv", "{tmp}/sum.csv"], check="sum.csv"),
    good("session-resaved-over-itself", ["race", "--session", "{s}", "--save-session", "{s}", "-q"], check="s.json"),
    # --- text: one line whatever the argument holds; a preset name is a name
    bad("surface-newline", ["race", "--surface", "sphere\nx", "--optimizer", "adam"], "--surface"),
    bad("optimizer-escape-sequence", ["race", "--surface", "sphere", "--optimizer", "adam\x1b[31m"], "--optimizer"),
    bad("session-path-newline", ["race", "--session", "{tmp}/no\nsuch.json"], "cannot read"),
    bad("csv-folder-newline", [*RACE, "--csv", "{tmp}/no\ndir/x.csv"], "does not exist"),
    bad("preset-relative-path", ["race", "--preset", "../x"], "not a path"),
    bad("preset-absolute-path", ["race", "--preset", str(ROOT / "arena/data/presets/textbook")], "not a path"),
    bad("preset-newline", ["race", "--preset", "text\nbook"], "unknown preset"),
    bad("gui-preset-path", ["gui", "--preset", "../../../some/dir/evil"], "not a path"),
    bad("gui-preset-traversal-to-a-real-file", ["gui", "--preset", "../presets/textbook"], "not a path"),
    bad("gui-session-deep-nesting", ["gui", "--session", "{tmp}/deep.json"], "nested", {"deep.json": "[" * 100_000}),
    bad(
        "gui-session-duplicate-key",
        ["gui", "--session", "{tmp}/d.json"],
        "given twice",
        {"d.json": edited('"seed": 0', '"seed": 0, "seed": 1')},
    ),
    bad("gui-screenshot-empty", ["gui", "--screenshot", ""], "empty"),
    bad("gui-screenshot-folder", ["gui", "--screenshot", "{tmp}"], "folder"),
    bad("gui-size-arabic-indic", ["gui", "--size", "١٠٢٤x٧٦٨"], "--size"),
    bad("gui-run-steps-full-width", ["gui", "--run-steps", "５"], "--run-steps"),
    # --- damaged sessions: refused with the place, never a traceback
    sess("dup-steps", edited('"steps": 5', '"steps": -5, "steps": 30'), "steps: given twice"),
    sess(
        "dup-in-racer",
        edited('"optimizer": "sgd"', '"optimizer": "sgd", "optimizer": "adam"'),
        "optimizer: given twice",
    ),
    sess("dup-in-hyperparams", edited('"lr": 0.95', '"lr": 0.95, "lr": 0.5'), "lr: given twice"),
    sess("unknown-surface-key", edited('"params": {}', '"params": {}, "kappa": 3'), "surface.kappa"),
    sess("unknown-top-key", edited('"seed": 0', '"seed": 0, "sede": 1'), "sede"),
    sess("unknown-racer-key", racer_edit("colour", '"#000000"'), "colour"),
    sess("app-other-program", session_text(app="vscode"), "app"),
    sess("name-not-text", session_text(name=5), "name"),
    sess("description-list", session_text(description=["a"]), "description"),
    sess("racer-name-number", racer_edit("name", "7"), "name"),
    sess("lr-10-400-int", edited('"lr": 0.95', f'"lr": {BIG_INT}'), "lr"),
    sess("noise-10-400-int", edited('"noise": 0.1', f'"noise": {BIG_INT}'), "noise"),
    sess("start-10-400-int", edited("-7.0", BIG_INT), "start"),
    sess("tol-10-400-int", edited('"tol": null', f'"tol": {BIG_INT}'), "tol"),
    sess("steps-10-400-int", edited('"steps": 5', f'"steps": {BIG_INT}'), "steps"),
    sess("lr-4301-digits", edited('"lr": 0.95', f'"lr": {HUGE_INT}'), "lr"),
    sess("seed-4301-digits", edited('"seed": 0', f'"seed": {HUGE_INT}'), "seed"),
    sess("lr-1e400", edited('"lr": 0.95', '"lr": 1e400'), "lr"),
    sess("tol-nan-literal", edited('"tol": null', '"tol": NaN'), "tol"),
    sess("deep-nesting", "[" * 100_000 + "]" * 100_000, "nested"),
    sess("deep-nesting-in-racer", edited('"lr": 0.95', '"lr": ' + "[" * 50_000 + "]" * 50_000), "nested"),
    sess("lone-surrogate-racer-name", racer_edit("name", '"\\ud800"'), "surrogate"),
    sess("lone-surrogate-session-name", edited('"name": "Campaign"', '"name": "\\udfff"'), "name"),
    sess("colour-with-newline", racer_edit("color", '"#0072B2\\n"'), "color"),
    sess("racer-name-newline", racer_edit("name", '"SGD\\nevil"'), "name"),
    sess("session-racers-over-limit", many_racers(101), "at most 100"),
    sess("session-racers-x-steps-memory", many_racers(20, steps=1_000_000), "GiB"),
    sess("empty-file", "", "not valid JSON"),
    sess("json-list", "[]", "JSON object"),
    sess("truncated", session_text()[:100], "not valid JSON"),
    sess("racer-not-object", edited('"racers": [', '"racers": [5, '), "racer 1"),
    sess("visible-text", racer_edit("visible", '"yes"'), "visible"),
    sess("surface-not-object", session_text(surface=3), "surface"),
    bad("session-not-utf8", ["race", "--session", "{tmp}/bin.json"], "not a text", special="binary"),
    bad("session-is-folder", ["race", "--session", "{tmp}"], "cannot read"),
    good("session-tol-1e155", ["race", "--session", "{tmp}/t.json", "-q"], files={"t.json": session_text(tol=1e155)}),
]


def _snapshot(folder: Path) -> dict:
    """Every entry of ``folder`` (recursively): its kind and, for files, its bytes."""
    out = {}
    for path in sorted(folder.rglob("*")):
        st = path.lstat()
        if stat.S_ISREG(st.st_mode):
            out[str(path)] = ("file", path.read_bytes(), stat.S_IMODE(st.st_mode))
        else:
            out[str(path)] = (stat.S_IFMT(st.st_mode), None, None)
    return out


def _prepare(case: Case, tmp: Path) -> None:
    (tmp / "s.json").write_text(session_text(), encoding="utf-8")
    (tmp / "sub").mkdir()
    for name, text in case.files.items():
        (tmp / name).write_text(text, encoding="utf-8", errors="surrogatepass")
    if case.special in ("symlink", "hardlink"):
        (tmp / "a.csv").write_text("old\n")
        if case.special == "symlink":
            (tmp / "link.csv").symlink_to(tmp / "a.csv")
        else:
            os.link(tmp / "a.csv", tmp / "hard.csv")
    elif case.special == "symlink-s":
        (tmp / "to-s").symlink_to(tmp / "s.json")
    elif case.special == "socket":
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(tmp / "sock"))
        sock.close()
    elif case.special == "binary":
        (tmp / "bin.json").write_bytes(b"\xff\xfe\x00{")
    elif case.special == "chardev":
        try:
            os.mknod(tmp / "null", stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a /dev/null of our own
        except PermissionError:
            pytest.skip("creating a device node needs root")


def run_case(case: Case, tmp: Path) -> tuple[int, str, str]:
    """Run one case in-process: (exit status, stdout, stderr); a traceback is a failure."""
    args = [a.replace("{tmp}", str(tmp)).replace("{s}", str(tmp / "s.json")) for a in case.args]
    reader = None
    if case.special == "fifo":
        import threading

        os.mkfifo(tmp / "fifo")
        got: list[bytes] = []

        def read() -> None:
            with open(tmp / "fifo", "rb") as fh:
                got.append(fh.read())

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
    try:
        res = call_main(args)
    except Exception as exc:  # noqa: BLE001 - the very thing this table looks for
        pytest.fail(f"traceback: {type(exc).__name__}: {exc}")
    if reader is not None:
        if res.returncode != 0:  # nothing was written: let the reader go
            with open(tmp / "fifo", "wb"):
                pass
        reader.join(10)
        assert got and got[0].startswith(b"optimizer,step,"), got
        assert stat.S_ISFIFO((tmp / "fifo").lstat().st_mode), "the FIFO was replaced by a regular file"
    return res.returncode, res.stdout, res.stderr


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_campaign(case, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    if case.args[0] == "gui":  # no display: a gui case not refused would fail on that, never open a window
        monkeypatch.delenv("DISPLAY", raising=False)
        monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
        monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    _prepare(case, tmp_path)
    before = _snapshot(tmp_path)
    code, out, err = run_case(case, tmp_path)
    after = _snapshot(tmp_path)
    if not case.ok:
        assert code == 2, (code, out, err)
        assert err.startswith("error: ") and err.endswith("\n") and err.count("\n") == 1, err
        assert case.needle in err, err
        assert after == before, "a refused run created or changed a file"
        return
    assert code == 0, err
    assert not [p for p in after if Path(p).name.startswith(".") and ".tmp" in p], "a temporary file was left"
    for path, (kind, _, _) in before.items():  # links, FIFOs and devices stay what they were
        if kind != "file":
            assert after[path][0] == kind, f"{path} was replaced"
    if case.check:
        written = (tmp_path / case.check).read_bytes()
        assert written and written != b"old\n"
    if case.id == "csv-stdout-and-summary":
        assert out.startswith("optimizer,step,") and (tmp_path / "sum.csv").read_text().startswith("rank,")
    if case.id == "session-resaved-over-itself":
        assert json.loads((tmp_path / "s.json").read_text()) == base_session()  # every field, name and notes too
    if case.id.startswith("tol-1"):  # |grad| <= tol at the start: converged at step 0, exactly as documented
        lines = (tmp_path / "t.csv").read_text().splitlines()
        assert len(lines) == 2 and lines[1].startswith("adam,0,") and ",converged," in lines[1]

"""Outputs on a disk that fills up mid-way, and files that are not regular files.

A fake full disk: every file opened for writing in the test's folder raises
``OSError(ENOSPC)`` once a few bytes were written, as a full file system does. Every
writer (race CSV, leaderboard, session, PNG, SVG, GIF) must then exit 2 with
"no space left on device", leave no temporary file, keep the user's old file and
leave none of the run's other outputs behind.
"""

from __future__ import annotations

import builtins
import errno
import json
import os
import stat
from pathlib import Path

import pytest

from arena import Race, RaceConfig, RacerConfig
from engine import simulate, write_race_csv
from export.files import OutputError, StagedOutputs, check_outputs, open_output, resolve_output, temp_sibling
from surfaces import get_surface

ROOT = Path(__file__).resolve().parents[2]
TEXTBOOK = str(ROOT / "arena" / "data" / "presets" / "textbook.json")


class FullFile:
    """A file on a disk with ``room`` bytes left."""

    def __init__(self, fh, room: list[int]):
        self._fh, self._room = fh, room

    def write(self, data):
        size = len(data.encode("utf-8", "backslashreplace") if isinstance(data, str) else data)
        if size > self._room[0]:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self._room[0] -= size
        return self._fh.write(data)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._fh.close()

    def __getattr__(self, name):
        return getattr(self._fh, name)


@pytest.fixture
def full_disk(tmp_path, monkeypatch):
    """Files opened for writing under tmp_path have 200 bytes of room in all."""
    real_open = builtins.open
    room = [200]

    def fake_open(file, mode="r", *args, **kwargs):
        fh = real_open(file, mode, *args, **kwargs)
        if isinstance(file, (str, os.PathLike)) and str(file).startswith(str(tmp_path)) and set(mode) & set("wax"):
            return FullFile(fh, room)
        return fh

    monkeypatch.setattr(builtins, "open", fake_open)
    return tmp_path


def _snapshot(folder: Path) -> dict:
    return {str(p): p.read_bytes() if p.is_file() else None for p in sorted(folder.rglob("*"))}


@pytest.mark.parametrize(
    "flag, name",
    [
        ("--csv", "race.csv"),
        ("--summary-csv", "board.csv"),
        ("--save-session", "race.json"),
        ("--png", "map.png"),
        ("--svg", "map.svg"),
        ("--gif", "race.gif"),
    ],
)
def test_a_full_disk_is_reported_and_nothing_is_left_or_lost(flag, name, full_disk, capsys, monkeypatch):
    from cli.main import main

    monkeypatch.chdir(ROOT)
    old = full_disk / name
    old.write_bytes(b"the user's old file\n")
    before = _snapshot(full_disk)
    others = [f for f in ("--csv", "--summary-csv") if f != flag]  # a small output that fits, written first
    args = ["race", "--session", TEXTBOOK, "--steps", "8", flag, str(old), others[0], str(full_disk / "other.csv")]
    if flag == "--gif":
        args += ["--steps", "3"]
    code = main(args)
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.count("\n") == 1 and err.startswith("error: ") and "no space left on device" in err, err
    assert _snapshot(full_disk) == before  # old file intact, no temp file, no other output


def test_mp4_writer_checks_the_file_ffmpeg_leaves(tmp_path, monkeypatch):
    """imageio ignores ffmpeg's exit status: the writer checks the file's boxes, and on a
    nearly full disk says so."""
    import numpy as np

    import export.mp4 as mp4

    path = str(tmp_path / "a.mp4")
    writer = mp4.Mp4Writer(path, (64, 64), 10)
    for i in range(3):
        writer.append(np.full((64, 64, 3), 40 * i, np.uint8))
    writer.close()
    assert mp4.mp4_problem(path) is None
    data = Path(path).read_bytes()
    Path(path).write_bytes(data[: len(data) - 100])  # what a full disk leaves
    assert "truncated" in mp4.mp4_problem(path)
    Path(path).write_bytes(data[:20])
    assert mp4.mp4_problem(path) is not None

    class Truncating:
        def __init__(self, inner):
            self.inner = inner

        def append_data(self, frame):
            self.inner.append_data(frame)

        def close(self):
            self.inner.close()
            with open(path, "r+b") as fh:
                fh.truncate(len(data) // 2)

    writer = mp4.Mp4Writer(path, (64, 64), 10)
    writer.writer = Truncating(writer.writer)
    writer.append(np.zeros((64, 64, 3), np.uint8))
    with pytest.raises(mp4.ExportError, match="MP4 encoder failed"):
        writer.close()
    writer = mp4.Mp4Writer(path, (64, 64), 10)
    writer.writer = Truncating(writer.writer)
    writer.append(np.zeros((64, 64, 3), np.uint8))
    monkeypatch.setattr(mp4, "_low_space", lambda p: True)
    with pytest.raises(OSError) as exc:
        writer.close()
    assert exc.value.errno == errno.ENOSPC


def test_gif_writer_abort_after_a_full_disk_does_not_raise_again(tmp_path):
    from export.gif import GifWriter

    writer = GifWriter(str(tmp_path / "a.gif"), (8, 8), 10)

    class Full:
        def close(self):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    writer.fh.close()
    writer.fh = Full()
    writer.abort()  # the first error is the one reported; cleaning up must not raise a second


# ------------------------------------------------------------------ special files and names
def test_temp_names_stay_within_255_bytes(tmp_path):
    for name in ("a" * 251 + ".csv", "é" * 125 + ".csv", "b" * 255, "x." + "c" * 250):
        tmp = temp_sibling(str(tmp_path / name))
        assert len(os.fsencode(os.path.basename(tmp))) <= 255 and os.path.exists(tmp)
        os.remove(tmp)


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path):
    target = tmp_path / "real.csv"
    target.write_text("old")
    target.chmod(0o640)
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    with open_output(link) as fh:
        fh.write("new\n")
    assert link.is_symlink() and target.read_text() == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # the replaced file keeps its permissions
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "real.csv"]


def test_a_fifo_is_written_directly(tmp_path):
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text()))
    reader.start()
    with open_output(fifo) as fh:
        fh.write("through the pipe\n")
    reader.join(10)
    assert got == ["through the pipe\n"] and stat.S_ISFIFO(fifo.lstat().st_mode)


def test_staged_outputs_put_nothing_in_place_on_failure(tmp_path):
    out = check_outputs([("a", tmp_path / "a.csv"), ("b", tmp_path / "b.csv")])
    (tmp_path / "a.csv").write_text("old")
    with pytest.raises(RuntimeError), StagedOutputs() as staged:
        Path(staged.stage(out["a"])).write_text("new")
        Path(staged.stage(out["b"])).write_text("new")
        raise RuntimeError("the race failed after the outputs were written")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv"] and (tmp_path / "a.csv").read_text() == "old"
    with StagedOutputs() as staged:
        Path(staged.stage(out["a"])).write_text("new")
        Path(staged.stage(out["b"])).write_text("new")
        staged.commit()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.csv"]


@pytest.mark.parametrize(
    "path, why",
    [("", "empty"), (".", "folder"), ("x/", "no file name"), ("missing/x.csv", "does not exist")],
)
def test_resolve_output_refusals_are_oserrors_with_a_reason(path, why, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(OutputError) as exc:
        resolve_output(path)
    assert why in exc.value.strerror and isinstance(exc.value, OSError)


def test_csv_escapes_lone_surrogates_in_names(tmp_path):
    rec = simulate(get_surface("sphere"), "adam", start=(1.0, 1.0), steps=2, label="bad\udc80name")
    write_race_csv(tmp_path / "r.csv", [rec])
    text = (tmp_path / "r.csv").read_text(encoding="utf-8")
    assert text.splitlines()[1].startswith("bad\\udc80name,0,")


def test_the_window_csv_api_streams_to_a_file_like_the_cli(tmp_path):
    config = RaceConfig(surface="sphere", start=(1.0, 1.0), steps=3, racers=[RacerConfig("adam")])
    race = Race(config)
    race.advance(3)
    write_race_csv(tmp_path / "a.csv", race.records(), 3)
    lines = (tmp_path / "a.csv").read_text().splitlines()
    assert len(lines) == 5 and lines[-1].split(",")[9] == "budget used"
    assert json.dumps(lines)  # plain text

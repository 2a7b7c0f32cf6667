"""Animations (gui.export.animation, export.gif, export.mp4): frame counts, sizes, cancel, errors, and that the
live window's race is never touched."""

import math
import os

import imageio.v2 as iio2
import imageio.v3 as iio
import numpy as np
import pytest
from PySide6 import QtGui, QtWidgets

from arena import load_preset, session_dict
from export.files import ExportError
from export.formats import default_steps_per_frame, frame_count, suggested_size
from export.gif import GifStream, GifWriter
from gui.export.animation import AnimationCancelled, render_animation

SMALL = (320, 240)


@pytest.fixture(scope="module")
def textbook():
    cfg = load_preset("textbook")
    assert cfg.steps == 30 and len(cfg.racers) == 4
    return cfg


def near(frame: np.ndarray, color: str, tol: int = 40) -> int:
    c = QtGui.QColor(color)
    return int((np.abs(frame[..., :3].astype(int) - [c.red(), c.green(), c.blue()]).sum(axis=2) <= tol).sum())


def test_gif_has_a_frame_per_step_plus_the_start(qapp, textbook, tmp_path):
    path = tmp_path / "race.gif"
    calls = []
    n = render_animation(textbook, path, size=SMALL, progress=lambda d, t: calls.append((d, t)) or True)
    assert n == 31
    props = iio.improps(path, index=None)
    assert props.shape == (31, 240, 320, 3)
    assert calls[0] == (1, 31) and calls[-1] == (31, 31) and len(calls) == 31
    frames = iio.imread(path, index=None)
    first, last = frames[0], frames[-1]
    assert not np.array_equal(first, last)
    for color in ("#0072B2", "#D55E00", "#009E73", "#CC79A7"):  # every racer's path, in its own colour
        assert near(last, color) > 30, color
    assert os.listdir(tmp_path) == ["race.gif"]


def test_steps_per_frame(qapp, textbook, tmp_path):
    n = render_animation(textbook, tmp_path / "race.gif", steps_per_frame=4, size=SMALL, fps=10)
    assert n == 1 + math.ceil(30 / 4) == 9
    assert iio.improps(tmp_path / "race.gif", index=None).shape[0] == 9
    assert frame_count(30, 4) == 9 and frame_count(0, 5) == 1


def test_racers_stopping_early_end_the_animation(qapp, textbook, tmp_path):
    cfg = textbook.copy()
    cfg.steps, cfg.tol = 200, 1.0  # every racer converges within 14 steps
    totals = []
    n = render_animation(
        cfg, tmp_path / "early.gif", steps_per_frame=4, size=SMALL, progress=lambda d, t: totals.append((d, t))
    )
    assert n == 1 + math.ceil(16 / 4)  # the race clock stops at the first multiple of 4 past 14
    assert totals[0] == (1, frame_count(200, 4)) and totals[-1] == (n, n)
    assert iio.improps(tmp_path / "early.gif", index=None).shape[0] == n


def test_mp4_frame_count_and_size(qapp, textbook, tmp_path):
    path = tmp_path / "race.mp4"
    n = render_animation(textbook, path, steps_per_frame=2, with_loss=True, size=(480, 240))
    assert n == 16
    reader = iio2.get_reader(path)
    try:
        assert reader.count_frames() == n
        assert reader.get_meta_data()["size"] == (480, 240)
    finally:
        reader.close()


def test_mp4_odd_size_is_padded_to_even(qapp, textbook, tmp_path):
    path = tmp_path / "odd.MP4"
    cfg = textbook.copy()
    cfg.steps = 3
    n = render_animation(cfg, path, size=(321, 241))
    reader = iio2.get_reader(path)
    try:
        assert reader.count_frames() == n == 4
        assert reader.get_meta_data()["size"] == (322, 242)
    finally:
        reader.close()


def test_cancel_after_three_frames_leaves_no_file(qapp, textbook, tmp_path):
    seen = []

    def progress(done, total):
        seen.append(done)
        return done < 3

    for name in ("race.gif", "race.mp4"):
        with pytest.raises(AnimationCancelled):
            render_animation(textbook, tmp_path / name, size=SMALL, progress=progress)
        assert seen[-1] == 3
        assert os.listdir(tmp_path) == []


def test_cancel_keeps_an_older_file_of_that_name(qapp, textbook, tmp_path):
    (tmp_path / "race.gif").write_bytes(b"older")
    with pytest.raises(AnimationCancelled):
        render_animation(textbook, tmp_path / "race.gif", size=SMALL, progress=lambda d, t: False)
    assert (tmp_path / "race.gif").read_bytes() == b"older"
    assert os.listdir(tmp_path) == ["race.gif"]


def test_the_live_window_race_is_untouched(window, tmp_path):
    window.controller.step(5)
    before = (
        window.controller.race.steps,
        session_dict(window.controller.config),
        [len(p.data()[0]) for p in window.contour.paths],
        window.controller.race,
    )
    n = render_animation(
        window.controller.config, tmp_path / "live.gif", steps_per_frame=10, size=SMALL, with_loss=True
    )
    assert n == 4
    after = (
        window.controller.race.steps,
        session_dict(window.controller.config),
        [len(p.data()[0]) for p in window.contour.paths],
        window.controller.race,
    )
    assert after == before
    assert all(r.steps == 5 for r in window.controller.race.runners)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(path="race.avi"), "unknown animation format '.avi'; use .gif or .mp4"),
        (dict(path="race.png"), "unknown animation format '.png'; use .gif or .mp4"),
        (dict(fps=0), "fps must be a whole number from 1 to 60, got 0"),
        (dict(fps=61), "fps must be a whole number from 1 to 60, got 61"),
        (dict(steps_per_frame=0), "steps per frame must be a whole number >= 1, got 0"),
        (dict(size=(10, 10)), "frame size must be from 64 to 3840 pixels a side, got 10 x 10"),
        (dict(path="missing/race.gif"), "folder does not exist"),
    ],
)
def test_refused_options(qapp, textbook, tmp_path, kwargs, message):
    path = tmp_path / kwargs.pop("path", "race.gif")
    with pytest.raises(ExportError) as err:
        render_animation(textbook, path, **kwargs)
    assert message in str(err.value)
    assert os.listdir(tmp_path) == []


def test_a_race_without_racers(qapp, textbook, tmp_path):
    cfg = textbook.copy()
    cfg.racers = []
    with pytest.raises(ExportError, match="the race has no racers: nothing to animate"):
        render_animation(cfg, tmp_path / "x.gif")
    assert os.listdir(tmp_path) == []


def test_unwritable_target(qapp, textbook):
    with pytest.raises(ExportError, match="cannot write '/proc/ga-test.gif'"):
        render_animation(textbook, "/proc/ga-test.gif", size=SMALL)
    assert not os.path.exists("/proc/ga-test.gif")


def test_encoder_failure_removes_the_temporary_file(qapp, textbook, tmp_path, monkeypatch):
    def broken(self, frame):
        raise RuntimeError("encoder broke")

    monkeypatch.setattr(GifStream, "add", broken)
    with pytest.raises(ExportError, match="the GIF encoder failed: RuntimeError: encoder broke"):
        render_animation(textbook, tmp_path / "x.gif", size=SMALL)
    assert os.listdir(tmp_path) == []


def test_gif_stream_keeps_every_frame_even_identical_ones(tmp_path):
    rng = np.random.default_rng(0)
    a = rng.integers(0, 255, (40, 60, 3), dtype=np.uint8)
    b = a.copy()
    b[10:20, 5:9] = [0, 114, 178]
    with open(tmp_path / "s.gif", "wb") as fh:
        stream = GifStream(fh, (60, 40), 50, keep_colors=[(0, 114, 178)])
        for frame in (a, a, b, b, a):
            stream.add(frame)
        stream.close()
    frames = iio.imread(tmp_path / "s.gif", index=None)
    assert frames.shape == (5, 40, 60, 3)
    assert (frames[2][10:20, 5:9] == [0, 114, 178]).all()  # a kept colour comes back exactly
    assert np.array_equal(frames[0], frames[1]) and np.array_equal(frames[0], frames[4])


def test_helpers(textbook):
    assert default_steps_per_frame(30) == 1
    assert frame_count(3000, default_steps_per_frame(3000)) <= 151
    w, h = suggested_size(textbook)
    assert w == 800 and h % 2 == 0 and h < 600  # the bowl is twice as wide as tall
    assert suggested_size(textbook, with_loss=True)[0] == 1280


# ---------------------------------------------------------------- dialogs
def test_progress_dialog_cancel(qtbot, window, textbook, tmp_path, monkeypatch):
    from gui.export.dialogs import run_animation_export

    calls = {"n": 0}

    def was_canceled(self):
        calls["n"] += 1
        return calls["n"] > 4

    monkeypatch.setattr(QtWidgets.QProgressDialog, "wasCanceled", was_canceled)
    assert run_animation_export(window, textbook, tmp_path / "x.gif", size=SMALL) is None
    assert os.listdir(tmp_path) == []


def test_progress_dialog_success(qtbot, window, textbook, tmp_path):
    from gui.export.dialogs import run_animation_export

    assert run_animation_export(window, textbook, tmp_path / "x.gif", size=SMALL, steps_per_frame=5) == 7
    assert os.listdir(tmp_path) == ["x.gif"]
    assert not window.findChildren(QtWidgets.QProgressDialog, "animationProgress") or all(
        not d.isVisible() for d in window.findChildren(QtWidgets.QProgressDialog)
    )


def test_animation_dialog(qtbot, window, tmp_path):
    from gui.export.dialogs import AnimationExportDialog

    dialog = AnimationExportDialog(window.controller.config, window)
    qtbot.addWidget(dialog)
    spf = dialog.findChild(QtWidgets.QSpinBox, "stepsPerFrameSpin")
    assert spf.value() == 1  # textbook: 30 steps, 31 frames
    assert dialog.findChild(QtWidgets.QLabel, "framesLabel").text().startswith("31 frames, 1.0 s")
    spf.setValue(3)
    assert dialog.findChild(QtWidgets.QLabel, "framesLabel").text().startswith("11 frames")
    dialog.findChild(QtWidgets.QCheckBox, "lossCheck").setChecked(False)
    dialog.findChild(QtWidgets.QSpinBox, "widthSpin").setValue(320)
    dialog.findChild(QtWidgets.QSpinBox, "heightSpin").setValue(240)
    edit = dialog.findChild(QtWidgets.QLineEdit, "pathEdit")
    edit.setText(str(tmp_path / "missing" / "a.gif"))
    dialog.accept()
    assert "folder does not exist" in dialog.findChild(QtWidgets.QLabel, "errorLabel").text()
    edit.setText(str(tmp_path / "a.mp4"))
    edit.textEdited.emit(edit.text())
    assert dialog.findChild(QtWidgets.QComboBox, "formatCombo").currentData() == "mp4"
    dialog.accept()
    assert dialog.result() == QtWidgets.QDialog.DialogCode.Accepted
    assert dialog.written_path == str(tmp_path / "a.mp4") and dialog.frames_written == 11
    assert os.listdir(tmp_path) == ["a.mp4"]
    assert window.controller.race.steps == 0


def test_gif_frames_are_the_rendered_frames(qapp, textbook, tmp_path, monkeypatch):
    """What a GIF reader composes (changed rectangles, transparent 'unchanged'
    pixels, one palette) is what was rendered, up to the palette's rounding."""

    rendered = []
    append = GifWriter.append
    monkeypatch.setattr(GifWriter, "append", lambda self, f: (rendered.append(f.copy()), append(self, f)))
    n = render_animation(textbook, tmp_path / "r.gif", steps_per_frame=10, size=SMALL, with_loss=True)
    decoded = iio.imread(tmp_path / "r.gif", index=None).astype(int)
    assert n == len(rendered) == len(decoded) == 4
    err = np.abs(decoded - np.stack(rendered).astype(int))
    assert err.mean() < 1.5
    white = (np.stack(rendered) == 255).all(axis=3)
    assert (err.max(axis=3)[white] == 0).all()  # white stays exactly white

"""Still-image export of the panels (gui.export, gui.headless): what the files hold, and
that every failure says why, leaves nothing on disk and leaves the window alone."""

import os
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PIL import Image
from PySide6 import QtCore, QtGui, QtWidgets

from arena import session_dict
from export.files import ExportError
from gui.export.panels import export_panel
from gui.headless import render_headless

PANELS = ["contour", "loss", "learning_rate", "window"]
RACER_COLORS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7"]  # the textbook preset's racers


@pytest.fixture(scope="module")
def raced(qapp, tmp_path_factory):
    """The textbook window after its 30 steps, laid out and painted (settled).

    One window for the whole module (as tests/gui/conftest.py's ``make_window``
    builds it, with its own settings file): building a window costs ~0.35 s and
    exports must leave it unchanged anyway, which the tests check."""
    from arena import load_preset
    from gui.app import make_app
    from gui.main_window import MainWindow

    make_app()
    ini = tmp_path_factory.mktemp("export-settings") / "settings.ini"
    w = MainWindow(
        settings=QtCore.QSettings(str(ini), QtCore.QSettings.Format.IniFormat), config=load_preset("textbook")
    )
    w.show()
    w.controller.step(30)
    settle(w, qapp)
    yield w
    w.controller.pause()
    w.close()
    w.deleteLater()
    qapp.processEvents()


def settle(window, qapp):
    for _ in range(3):
        window.repaint()
        qapp.processEvents()


def pixels(path) -> np.ndarray:
    return np.asarray(Image.open(path).convert("RGBA"))


def count_near(img: np.ndarray, color: str, tol: int = 40) -> int:
    c = QtGui.QColor(color)
    target = np.array([c.red(), c.green(), c.blue()])
    return int((np.abs(img[..., :3].astype(int) - target).sum(axis=2) <= tol).sum())


def svg_texts(path) -> tuple[str, int]:
    root = ET.parse(path).getroot()
    text = " ".join(t for t in root.itertext() if t.strip())
    curves = sum(1 for el in root.iter() if el.tag.rsplit("}", 1)[-1] in ("path", "polyline"))
    return text, curves


def race_state(window):
    return window.controller.race.steps, session_dict(window.controller.config)


def expected_words(window, which):
    """Titles (the loss and learning-rate ones are QLabels above the plots) and legend entries."""
    contour = ["Elongated bowl"]
    loss = [window.loss.title.text(), "SGD", "Adam"]
    lr = [window.lr.title.text()]
    return {"contour": contour, "loss": loss, "learning_rate": lr, "window": contour + loss + lr}[which]


@pytest.mark.parametrize("which", PANELS)
def test_png_has_the_width_asked_and_keeps_its_shape(raced, tmp_path, which):
    small = pixels(export_panel(raced, which, tmp_path / f"{which}-1200.png", width=1200))
    big = pixels(export_panel(raced, which, tmp_path / f"{which}-2400.PNG", width=2400))
    assert small.shape[1] == 1200 and big.shape[1] == 2400
    assert abs(big.shape[0] - 2 * small.shape[0]) <= 2
    if which == "window":
        s = raced.splitter.size()
        assert small.shape[0] == round(s.height() * 1200 / s.width())
    # not blank: a real picture has many colours
    assert len(np.unique(small[::3, ::3, :3].reshape(-1, 3), axis=0)) > 50
    assert (small[..., 3] == 255).all()  # white background: fully opaque
    assert sorted(os.listdir(tmp_path)) == sorted([f"{which}-1200.png", f"{which}-2400.PNG"])


def test_window_png_holds_the_plots_and_titles_but_no_widgets(raced, tmp_path):
    """The whole-window image: the three plots with their titles and legends, and white where
    the "Show:" selectors, the check box and the splitter handles sit on screen."""
    img = pixels(export_panel(raced, "window", tmp_path / "w.png"))
    root = raced.splitter
    assert img.shape[:2] == (root.height(), root.width())

    def region(widget):
        r = QtCore.QRect(widget.mapTo(root, QtCore.QPoint(0, 0)), widget.size())
        return img[r.top() : r.bottom() + 1, r.left() : r.right() + 1, :3]

    widgets = [raced.loss.mode_box, raced.lr.mode_box]
    widgets += [w for w in root.findChildren(QtWidgets.QSplitterHandle) if w.isVisible() and w.width() > 0]
    assert len(widgets) >= 4  # two selectors, two handles
    for widget in widgets:
        assert widget.isVisible() and widget.width() > 0
        part = region(widget)
        assert (part == 255).all(), (widget, np.argwhere((part != 255).any(axis=2))[:5], part.shape)
    # what the window shows there on screen is not white: the test would see a widget
    screen = raced.splitter.grab().toImage().convertToFormat(QtGui.QImage.Format.Format_RGB888)
    shot = np.frombuffer(screen.constBits(), np.uint8).reshape(screen.height(), screen.bytesPerLine())
    box = raced.loss.mode_box
    r = QtCore.QRect(box.mapTo(root, QtCore.QPoint(0, 0)), box.size())
    assert (shot[r.top() : r.bottom() + 1, r.left() * 3 : (r.right() + 1) * 3] != 255).any()
    # the titles are drawn (dark text in the title's place) and every racer's colour is in the plots
    title = raced.loss.title
    t = QtCore.QRect(title.mapTo(root, QtCore.QPoint(0, 0)), title.size())
    assert (img[t.top() : t.bottom() + 1, t.left() : t.right() + 1, :3] < 100).all(axis=2).sum() > 30
    for color in RACER_COLORS:
        assert count_near(img, color) > 200, color


def test_contour_png_shows_every_racers_path(raced, tmp_path):
    img = pixels(export_panel(raced, "contour", tmp_path / "map.png", width=1600))
    for color in RACER_COLORS:
        assert count_near(img, color) > 200, color
    # fitted to the domain (20 x 10): wider than tall even with the legend rows under a narrow map
    assert raced.contour.legend.side == "bottom"
    assert img.shape[1] > 1.15 * img.shape[0]


def test_loss_png_carries_the_racer_colours_and_legend(raced, tmp_path):
    img = pixels(export_panel(raced, "loss", tmp_path / "loss.png", width=1200))
    for color in RACER_COLORS:
        assert count_near(img, color) > 200, color


@pytest.mark.parametrize("which", PANELS)
def test_svg_is_xml_with_curves_and_text(raced, tmp_path, which):
    path = export_panel(raced, which, tmp_path / f"{which}.svg")
    text, curves = svg_texts(path)
    assert curves > 10
    for word in expected_words(raced, which):
        assert word in text, (which, word)
    assert os.listdir(tmp_path) == [f"{which}.svg"]


def test_window_svg_keeps_each_plot_clipped_to_its_area(raced, tmp_path):
    path = export_panel(raced, "window", tmp_path / "w.svg")
    data = open(path, encoding="utf-8").read()
    ids = [el.get("id") for el in ET.parse(path).getroot().iter() if el.get("id")]
    assert len(ids) == len(set(ids))  # three plots' ids do not collide
    assert data.count("<clipPath") >= 3


@pytest.mark.parametrize("which", ["contour", "window"])
def test_transparent_background(raced, tmp_path, which):
    img = pixels(export_panel(raced, which, tmp_path / "t.png", width=800, background="transparent"))
    assert (img[..., 3] == 0).sum() > 1000
    assert (img[..., 3] == 255).sum() > 1000  # the picture itself is opaque


def test_loss_title_is_in_the_export_and_the_plot_is_restored(raced, tmp_path):
    plot = raced.loss.plot
    before = (plot.titleLabel.isVisible(), plot.titleLabel.text, plot.vb.geometry(), plot.vb.viewRange())
    text, _ = svg_texts(export_panel(raced, "loss", tmp_path / "loss.svg"))
    assert raced.loss.title.text() in text
    export_panel(raced, "loss", tmp_path / "loss.png", width=1000)
    after = (plot.titleLabel.isVisible(), plot.titleLabel.text, plot.vb.geometry(), plot.vb.viewRange())
    assert after == before
    assert not plot.titleLabel.isVisible()


def test_exports_leave_the_window_exactly_as_it_was(raced, qapp, tmp_path):
    vb = raced.contour.plotItem.vb
    ranges = (vb.viewRange(), vb.targetRect())
    before = raced.grab().toImage()
    steps, config = race_state(raced)
    for which in PANELS:
        export_panel(raced, which, tmp_path / f"{which}.png", width=900)
        export_panel(raced, which, tmp_path / f"{which}.svg")
    export_panel(raced, "window", tmp_path / "t.png", width=900, background="transparent")
    settle(raced, qapp)
    assert raced.grab().toImage() == before
    assert (vb.viewRange(), vb.targetRect()) == ranges
    assert race_state(raced) == (steps, config)
    bg = raced.contour.backgroundBrush().color()
    assert bg == QtGui.QColor("white")


# ------------------------------------------------------------------- failures
def check_failed(window, state, folder, before=()):
    assert race_state(window) == state
    assert sorted(os.listdir(folder)) == sorted(before)


@pytest.mark.parametrize(
    "name, message",
    [
        ("x.bmp", "unknown image format '.bmp'; use .png or .svg"),
        ("x", "unknown image format (none); use .png or .svg"),
    ],
)
def test_unknown_extension_is_refused_before_touching_the_disk(raced, tmp_path, name, message):
    state = race_state(raced)
    with pytest.raises(ExportError) as err:
        export_panel(raced, "contour", tmp_path / name)
    assert str(err.value) == message
    check_failed(raced, state, tmp_path)


def test_missing_folder(raced, tmp_path):
    state = race_state(raced)
    target = tmp_path / "missing" / "x.png"
    with pytest.raises(ExportError, match="folder does not exist"):
        export_panel(raced, "loss", target)
    assert not target.parent.exists()
    check_failed(raced, state, tmp_path)


def test_a_folder_as_target(raced, tmp_path):
    (tmp_path / "sub.png").mkdir()
    with pytest.raises(ExportError, match="it is a folder"):
        export_panel(raced, "contour", tmp_path / "sub.png")


@pytest.mark.parametrize("which, ext", [("contour", "png"), ("window", "svg")])
def test_a_write_that_fails_in_the_filesystem(raced, which, ext):
    # /proc takes no new files, not even from root
    state = race_state(raced)
    target = f"/proc/ga-test.{ext}"
    with pytest.raises(ExportError) as err:
        export_panel(raced, which, target)
    assert str(err.value).startswith(f"cannot write '{target}'")
    assert "\n" not in str(err.value)
    assert not os.path.exists(target)
    assert not [n for n in os.listdir("/proc") if n.startswith(".ga-test")]
    assert race_state(raced) == state


@pytest.mark.parametrize("width", [199, 8001, 0, 2400.0, True])
def test_width_out_of_range(raced, tmp_path, width):
    with pytest.raises(ExportError, match="width must be a whole number of pixels from 200 to 8000"):
        export_panel(raced, "contour", tmp_path / "x.png", width=width)
    assert os.listdir(tmp_path) == []


def test_unknown_panel_and_background(raced, tmp_path):
    with pytest.raises(ExportError, match="unknown panel 'map'"):
        export_panel(raced, "map", tmp_path / "x.png")
    with pytest.raises(ExportError, match="unknown background 'black'"):
        export_panel(raced, "contour", tmp_path / "x.png", background="black")
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("which", ["contour", "window"])
def test_png_writer_returning_false(raced, tmp_path, monkeypatch, which):
    """QImage.save reports failure by returning False: that is an error, the
    temporary file goes, an existing file of that name is left as it was."""
    (tmp_path / "old.png").write_bytes(b"old picture")
    state = race_state(raced)
    monkeypatch.setattr(QtGui.QImage, "save", lambda self, *a, **k: False)
    with pytest.raises(ExportError) as err:
        export_panel(raced, which, tmp_path / "old.png", width=600)
    assert str(err.value) == "the PNG exporter failed (returned False)"
    assert (tmp_path / "old.png").read_bytes() == b"old picture"
    check_failed(raced, state, tmp_path, ["old.png"])


@pytest.mark.parametrize("result", [False, None, b""])
def test_svg_exporter_returning_nothing(raced, tmp_path, monkeypatch, result):
    import pyqtgraph.exporters

    monkeypatch.setattr(pyqtgraph.exporters.SVGExporter, "export", lambda self, *a, **k: result)
    state = race_state(raced)
    with pytest.raises(ExportError, match=r"the SVG exporter failed \(returned"):
        export_panel(raced, "loss", tmp_path / "x.svg")
    check_failed(raced, state, tmp_path)
    assert not raced.loss.plot.titleLabel.isVisible()  # the borrowed title went back


def test_svg_exporter_raising(raced, tmp_path, monkeypatch):
    """pyqtgraph 0.14's SVG exporter raises ValueError on Qt >= 6.11 (PLATFORM_NOTES)."""
    import pyqtgraph.exporters

    def boom(self, *a, **k):
        raise ValueError("not enough values to unpack (expected 2, got 1)")

    monkeypatch.setattr(pyqtgraph.exporters.SVGExporter, "export", boom)
    with pytest.raises(ExportError) as err:
        export_panel(raced, "window", tmp_path / "x.svg")
    assert str(err.value) == "the SVG exporter failed (ValueError: not enough values to unpack (expected 2, got 1))"
    assert os.listdir(tmp_path) == []


def test_a_failure_after_the_temporary_file_exists_removes_it(raced, tmp_path, monkeypatch):
    """os.replace failing (e.g. a full disk or a vanished folder) at the very end."""

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(ExportError, match="cannot write .*: no space left on device"):
        export_panel(raced, "contour", tmp_path / "x.png", width=400)
    assert os.listdir(tmp_path) == []


def test_new_files_get_ordinary_permissions(raced, tmp_path):
    path = export_panel(raced, "contour", tmp_path / "x.png", width=400)
    umask = os.umask(0)
    os.umask(umask)
    assert os.stat(path).st_mode & 0o777 == 0o666 & ~umask


# --------------------------------------------------------------- headless/dialog
def test_render_headless_writes_the_window_composite(tmp_path):
    from arena import load_preset

    out = render_headless(
        load_preset("textbook"),
        png=str(tmp_path / "r.png"),
        svg=str(tmp_path / "r.svg"),
        gif=str(tmp_path / "r.gif"),
        width=1000,
        steps_per_frame=10,
        animation_size=(320, 240),
    )
    assert sorted(os.listdir(tmp_path)) == ["r.gif", "r.png", "r.svg"]
    assert out[str(tmp_path / "r.gif")] == "4 frames"
    img = pixels(tmp_path / "r.png")
    assert img.shape[1] == 1000 and out[str(tmp_path / "r.png")] == f"1000 x {img.shape[0]} PNG"
    for color in RACER_COLORS:
        assert count_near(img, color) > 50
    text, _ = svg_texts(tmp_path / "r.svg")
    assert "Loss gap" in text and "SGD" in text


def test_render_headless_checks_every_path_first(tmp_path):
    from arena import load_preset

    with pytest.raises(ExportError, match="folder does not exist"):
        render_headless(load_preset("textbook"), png=str(tmp_path / "a.png"), gif=str(tmp_path / "no" / "a.gif"))
    with pytest.raises(ExportError, match=r"--svg needs a \.svg file name"):
        render_headless(load_preset("textbook"), svg=str(tmp_path / "a.png"))
    with pytest.raises(ExportError, match="fps must be"):
        render_headless(load_preset("textbook"), png=str(tmp_path / "a.png"), gif=str(tmp_path / "a.gif"), fps=99)
    assert os.listdir(tmp_path) == []


def test_image_dialog_exports_a_typed_path(qtbot, raced, tmp_path):
    from gui.export.dialogs import ImageExportDialog

    dialog = ImageExportDialog(raced)
    qtbot.addWidget(dialog)
    what = dialog.findChild(QtWidgets.QComboBox, "whatCombo")
    what.setCurrentIndex(what.findData("loss"))
    dialog.findChild(QtWidgets.QSpinBox, "widthSpin").setValue(900)
    edit = dialog.findChild(QtWidgets.QLineEdit, "pathEdit")
    edit.clear()
    qtbot.keyClicks(edit, str(tmp_path / "typed.svg"))
    assert dialog.findChild(QtWidgets.QComboBox, "formatCombo").currentData() == "svg"
    assert not dialog.findChild(QtWidgets.QSpinBox, "widthSpin").isEnabled()
    dialog.findChild(QtWidgets.QComboBox, "formatCombo").setCurrentIndex(0)  # PNG: the name follows
    assert edit.text() == str(tmp_path / "typed.png")
    dialog.accept()
    assert dialog.result() == QtWidgets.QDialog.DialogCode.Accepted
    assert pixels(tmp_path / "typed.png").shape[1] == 900
    assert dialog.written_path == str(tmp_path / "typed.png")


def test_image_dialog_shows_an_error_and_stays_open(qtbot, raced, tmp_path):
    from gui.export.dialogs import ImageExportDialog

    dialog = ImageExportDialog(raced, path=str(tmp_path / "nowhere" / "x.png"))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.accept()
    error = dialog.findChild(QtWidgets.QLabel, "errorLabel")
    assert error.isVisible() and "folder does not exist" in error.text()
    assert dialog.isVisible() and dialog.result() != QtWidgets.QDialog.DialogCode.Accepted
    edit = dialog.findChild(QtWidgets.QLineEdit, "pathEdit")
    edit.setText(str(tmp_path / "x.bmp"))
    dialog.accept()
    assert "unknown image format '.bmp'" in error.text()
    edit.setText(str(tmp_path / "fine"))  # no extension: the chosen format's is added
    dialog.accept()
    assert os.listdir(tmp_path) == ["fine.png"]
    assert not dialog.isVisible()

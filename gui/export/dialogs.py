"""The two export dialogs (File menu): a still image of a panel, and an
animation of the race with a cancellable progress dialog.

* :class:`ImageExportDialog` ``(window)``: what (map / loss / learning rate /
  whole window), PNG or SVG, width, background, file. OK exports; an error is
  shown in red inside the dialog, which stays open.
* :class:`AnimationExportDialog` ``(config, parent)``: GIF or MP4, frames per
  second, steps per frame, loss panel or not, frame size, file; it shows how
  many frames that makes. OK renders behind a progress dialog
  (:func:`run_animation_export`); Cancel there leaves no file.
* :func:`export_image_interactive` / :func:`export_animation_interactive`: open
  the dialog on a MainWindow, report in its status bar, return the path or None.
"""

from __future__ import annotations

import os

from PySide6 import QtCore, QtWidgets

from export.files import ExportError, Output, OutputError, check_outputs
from export.formats import (
    DEFAULT_WIDTH,
    MAX_FPS,
    MAX_SIDE,
    MAX_WIDTH,
    MIN_FPS,
    MIN_SIDE,
    MIN_WIDTH,
    check_animation_path,
    default_steps_per_frame,
    frame_count,
    suggested_size,
)

from ..i18n import QT_TR_NOOP, tr
from .animation import AnimationCancelled, render_animation
from .panels import export_panel

PANEL_CHOICES = [  # shown translated: tr(text)
    ("contour", QT_TR_NOOP("Contour map and paths")),
    ("loss", QT_TR_NOOP("Loss panel")),
    ("learning_rate", QT_TR_NOOP("Learning-rate panel")),
    ("window", QT_TR_NOOP("Whole window (all three panels)")),
    ("view3d", QT_TR_NOOP("3-D view (PNG)")),
]
# the file dialogs' name filters and the format boxes: "<name> (*.<ext>)", the name shown translated
IMAGE_FILTERS = {"png": QT_TR_NOOP("PNG image (*.png)"), "svg": QT_TR_NOOP("SVG vector image (*.svg)")}
ANIMATION_FILTERS = {"gif": QT_TR_NOOP("GIF animation (*.gif)"), "mp4": QT_TR_NOOP("MP4 video (*.mp4)")}


LAST_FOLDER_KEY = "lastFolder"  # one folder shared by every export and session dialog


def settings_of(widget) -> QtCore.QSettings | None:
    """The window's QSettings (``widget.settings``, or its parent's), if any."""
    while widget is not None:
        settings = getattr(widget, "settings", None)
        if isinstance(settings, QtCore.QSettings):
            return settings
        parent = getattr(widget, "parent", None)
        widget = parent() if callable(parent) else None
    return None


def default_folder(settings: QtCore.QSettings | None = None) -> str:
    """The folder the file dialogs start in: the last one a file was saved to or opened
    from (any dialog), else the working directory."""
    if settings is not None:
        folder = settings.value(LAST_FOLDER_KEY)
        if isinstance(folder, str) and folder and os.path.isdir(folder):
            return folder
    return os.getcwd()


def remember_folder(settings: QtCore.QSettings | None, path: str) -> None:
    """The folder of ``path`` becomes where every file dialog starts next time."""
    if settings is not None and path:
        settings.setValue(LAST_FOLDER_KEY, os.path.dirname(os.path.abspath(path)))


def with_extension(path: str, ext: str) -> str:
    """``path`` with its extension replaced by ``ext`` ('png'); no name: unchanged."""
    path = path.strip()
    if not path:
        return path
    stem, old = os.path.splitext(path)
    return f"{stem if old else path}.{ext}"


class _FileRow(QtWidgets.QWidget):
    """A path line edit plus "Browse…"; the format follows the typed extension."""

    def __init__(self, filters: dict[str, str], title: str, parent=None):
        super().__init__(parent)
        self.filters = filters
        self.title = title
        row = QtWidgets.QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.edit = QtWidgets.QLineEdit()
        self.edit.setObjectName("pathEdit")
        self.edit.setClearButtonEnabled(True)
        self.edit.setMinimumWidth(320)
        self.browse = QtWidgets.QPushButton(tr("Browse…"))
        self.browse.setObjectName("browseButton")
        row.addWidget(self.edit, 1)
        row.addWidget(self.browse)

    def choose(self, fmt: str) -> str | None:
        current = self.edit.text().strip()
        filters = ";;".join(tr(f) for f in self.filters.values())
        path, _chosen = QtWidgets.QFileDialog.getSaveFileName(self, self.title, current, filters, tr(self.filters[fmt]))
        if not path:
            return None
        if os.path.splitext(path)[1].lower().lstrip(".") not in self.filters:
            path = with_extension(path, fmt)
        self.edit.setText(path)
        return path


def _error_label() -> QtWidgets.QLabel:
    label = QtWidgets.QLabel()
    label.setObjectName("errorLabel")
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020;")
    label.hide()
    return label


def _format_combo(choices: dict[str, str]) -> QtWidgets.QComboBox:
    combo = QtWidgets.QComboBox()
    combo.setObjectName("formatCombo")
    for key, text in choices.items():
        combo.addItem(tr(text).split(" (")[0], key)
    return combo


def _finish_layout(dialog: QtWidgets.QDialog, form: QtWidgets.QFormLayout) -> QtWidgets.QLabel:
    """Lay out an export dialog: its form, an inline error label, Save/Cancel.
    Returns the error label."""
    error = _error_label()
    buttons = QtWidgets.QDialogButtonBox(
        QtWidgets.QDialogButtonBox.StandardButton.Save | QtWidgets.QDialogButtonBox.StandardButton.Cancel
    )
    buttons.setObjectName("buttonBox")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QtWidgets.QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(error)
    layout.addWidget(buttons)
    return error


class _ExportDialog(QtWidgets.QDialog):
    """What both export dialogs share: the inline error line and the target path
    (the typed path, ``~`` expanded, with the chosen format's extension when it has none).
    Subclasses set ``self.error``, ``self.path_edit`` and ``self.format``."""

    error: QtWidgets.QLabel
    path_edit: QtWidgets.QLineEdit
    format: QtWidgets.QComboBox

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def target_path(self) -> str:
        path = os.path.expanduser(self.path_edit.text().strip())
        if path and not os.path.splitext(path)[1]:
            path = with_extension(path, self.format.currentData())
        return path


def refuse_over_inputs(window, what: str, path: str) -> Output:
    """The checked output, or ExportError when ``path`` cannot be one: an empty name, a folder,
    a socket, or the session file the window has open (an export must never replace it)."""
    try:
        checked = check_outputs(
            [(what, path)], [(tr("the session open in this window"), getattr(window, "session_path", None))]
        )
    except OutputError as exc:
        raise ExportError(exc.strerror) from None
    return checked[what]


class ImageExportDialog(_ExportDialog):
    """Export one panel (or the whole window) of a MainWindow as PNG or SVG."""

    def __init__(self, window, parent=None, which: str = "contour", path: str | None = None):
        super().__init__(parent if parent is not None else window)
        self.setObjectName("ImageExportDialog")
        self.setWindowTitle(tr("Export image"))
        self.window_ = window
        self.written_path: str | None = None
        form = QtWidgets.QFormLayout()
        self.what = QtWidgets.QComboBox()
        self.what.setObjectName("whatCombo")
        for key, text in PANEL_CHOICES:
            self.what.addItem(tr(text), key)
        self.what.setCurrentIndex(max(0, self.what.findData(which)))
        form.addRow(tr("Export:"), self.what)
        self.format = _format_combo(IMAGE_FILTERS)
        form.addRow(tr("Format:"), self.format)
        self.width_spin = QtWidgets.QSpinBox()
        self.width_spin.setObjectName("widthSpin")
        self.width_spin.setRange(MIN_WIDTH, MAX_WIDTH)
        self.width_spin.setSingleStep(100)
        self.width_spin.setValue(DEFAULT_WIDTH)
        self.width_spin.setSuffix(" px")
        self.width_spin.setToolTip(
            tr(
                "PNG width; the height keeps the panel's shape. "
                "Text and lines grow with it, as on a high-resolution screen."
            )
        )
        form.addRow(tr("Width:"), self.width_spin)
        self.background = QtWidgets.QComboBox()
        self.background.setObjectName("backgroundCombo")
        self.background.addItem(tr("White"), "white")
        self.background.addItem(tr("Transparent"), "transparent")
        form.addRow(tr("Background:"), self.background)
        self.file = _FileRow(IMAGE_FILTERS, tr("Export image"), self)
        self.path_edit = self.file.edit
        form.addRow(tr("File:"), self.file)
        self.error = _finish_layout(self, form)
        self.path_edit.setText(path or os.path.join(default_folder(settings_of(window)), self._default_name()))
        self._sync_format_from_path()
        self.format.currentIndexChanged.connect(self._format_changed)
        self.what.currentIndexChanged.connect(self._what_changed)
        self.path_edit.textEdited.connect(lambda _t: self._sync_format_from_path())
        self.file.browse.clicked.connect(
            lambda: self.file.choose(self.format.currentData()) and self._sync_format_from_path()
        )

    def _default_name(self) -> str:
        surface = getattr(getattr(self.window_, "controller", None), "config", None)
        stem = surface.surface.partition(":")[0] if surface is not None else "gradient-arena"  # formula:... -> formula
        return f"{stem}-{self.what.currentData()}.{self.format.currentData()}"

    def _sync_format_from_path(self) -> None:
        ext = os.path.splitext(self.path_edit.text().strip())[1].lower().lstrip(".")
        i = self.format.findData(ext)
        if i >= 0 and i != self.format.currentIndex():
            self.format.blockSignals(True)
            self.format.setCurrentIndex(i)
            self.format.blockSignals(False)
        self.width_spin.setEnabled(self.format.currentData() == "png")

    def _format_changed(self) -> None:
        self.path_edit.setText(with_extension(self.path_edit.text(), self.format.currentData()))
        self.width_spin.setEnabled(self.format.currentData() == "png")

    def _what_changed(self) -> None:
        if self.what.currentData() == "view3d" and self.format.currentData() != "png":
            self.format.setCurrentIndex(self.format.findData("png"))  # the 3-D view is PNG only
        # a default-looking name follows the choice; a name the user typed stays
        folder, name = os.path.split(self.path_edit.text().strip())
        stem = os.path.splitext(name)[0]
        if any(stem.endswith(f"-{key}") for key, _ in PANEL_CHOICES):
            self.path_edit.setText(os.path.join(folder, self._default_name()))

    def options(self) -> dict:
        return {
            "which": self.what.currentData(),
            "width": self.width_spin.value(),
            "background": self.background.currentData(),
        }

    def accept(self) -> None:  # noqa: D102 - Qt API
        path = self.target_path()
        if not path:
            self.show_error(tr("Choose a file name first."))
            return
        opts = self.options()
        self.show_error("")
        QtWidgets.QApplication.setOverrideCursor(QtCore.Qt.CursorShape.WaitCursor)
        try:
            refuse_over_inputs(self.window_, tr("the image"), path)
            if opts["which"] == "view3d":
                from .view3d import export_view3d

                self.written_path = export_view3d(self.window_, path, width=opts["width"])
            else:
                self.written_path = export_panel(
                    self.window_, opts["which"], path, width=opts["width"], background=opts["background"]
                )
        except ExportError as exc:
            self.show_error(str(exc))
            return
        finally:
            QtWidgets.QApplication.restoreOverrideCursor()
        remember_folder(settings_of(self.window_), self.written_path)
        super().accept()


def run_animation_export(parent, config, path, render=None, **options) -> int | None:
    """Render an animation behind a window-modal progress dialog ("Rendering frame
    k of n", Cancel; it appears only if the render takes over a second).

    Returns the frame count, or None if the user cancelled (no file is left).
    ExportError propagates. ``render`` (default :func:`gui.animation.render_animation`; a network
    race's is gui.network_mode.render_network_animation) takes ``config, path, progress=`` and ``options``."""
    total = frame_count(config.steps, options.get("steps_per_frame", 1))
    dialog = QtWidgets.QProgressDialog(
        tr("Rendering frame {done} of {total}").format(done=0, total=total), tr("Cancel"), 0, total, parent
    )
    dialog.setObjectName("animationProgress")
    dialog.setWindowTitle(tr("Exporting animation"))
    dialog.setWindowModality(QtCore.Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(1000)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)

    def progress(done: int, total_now: int) -> bool:
        if dialog.wasCanceled():
            return False
        if dialog.maximum() != total_now:
            dialog.setMaximum(total_now)
        dialog.setLabelText(tr("Rendering frame {done} of {total}").format(done=done, total=total_now))
        dialog.setValue(done)  # a modal progress dialog processes events here: Cancel is seen
        return not dialog.wasCanceled()

    try:
        return (render or render_animation)(config, path, progress=progress, **options)
    except AnimationCancelled:
        return None
    finally:
        dialog.reset()
        dialog.close()
        dialog.deleteLater()


class AnimationExportDialog(_ExportDialog):
    """Export the race of ``config`` (a copy is raced; the window's race is left
    alone) as a GIF or MP4."""

    def __init__(self, config, parent=None, path: str | None = None):
        super().__init__(parent)
        self.setObjectName("AnimationExportDialog")
        self.setWindowTitle(tr("Export animation"))
        self.config = config.copy()
        self.written_path: str | None = None
        self.frames_written: int | None = None
        self._size_edited = False
        form = QtWidgets.QFormLayout()
        self.format = _format_combo(ANIMATION_FILTERS)
        form.addRow(tr("Format:"), self.format)
        self.fps = QtWidgets.QSpinBox()
        self.fps.setObjectName("fpsSpin")
        self.fps.setRange(MIN_FPS, MAX_FPS)
        self.fps.setValue(30)
        self.fps.setSuffix(" " + tr("frames/s"))
        self.fps.setToolTip(tr("GIF delays are whole hundredths of a second: a GIF plays at most 50 frames/s"))
        form.addRow(tr("Speed:"), self.fps)
        self.steps_per_frame = QtWidgets.QSpinBox()
        self.steps_per_frame.setObjectName("stepsPerFrameSpin")
        self.steps_per_frame.setRange(1, max(1, self.config.steps))
        self.steps_per_frame.setValue(default_steps_per_frame(self.config.steps))
        form.addRow(tr("Steps per frame:"), self.steps_per_frame)
        self.with_loss = QtWidgets.QCheckBox(tr("Show the loss panel beside the map"))
        self.with_loss.setObjectName("lossCheck")
        self.with_loss.setChecked(True)
        form.addRow("", self.with_loss)
        size_row = QtWidgets.QHBoxLayout()
        self.width_spin = QtWidgets.QSpinBox()
        self.width_spin.setObjectName("widthSpin")
        self.height_spin = QtWidgets.QSpinBox()
        self.height_spin.setObjectName("heightSpin")
        for spin in (self.width_spin, self.height_spin):
            spin.setRange(MIN_SIDE, MAX_SIDE)
            spin.setSingleStep(20)
            spin.setSuffix(" px")
        size_row.addWidget(self.width_spin)
        size_row.addWidget(QtWidgets.QLabel("×"))  # i18n: a symbol
        size_row.addWidget(self.height_spin)
        size_row.addStretch(1)
        form.addRow(tr("Frame size:"), size_row)
        self.frames_label = QtWidgets.QLabel()
        self.frames_label.setObjectName("framesLabel")
        form.addRow("", self.frames_label)
        self.file = _FileRow(ANIMATION_FILTERS, tr("Export animation"), self)
        self.path_edit = self.file.edit
        form.addRow(tr("File:"), self.file)
        self.error = _finish_layout(self, form)
        self._apply_suggested_size()
        self.path_edit.setText(
            path
            or os.path.join(default_folder(settings_of(parent)), f"{self.config.surface.partition(':')[0]}-race.gif")
        )
        self._sync_format_from_path()
        self._update_estimate()
        self.format.currentIndexChanged.connect(
            lambda: self.path_edit.setText(with_extension(self.path_edit.text(), self.format.currentData()))
        )
        self.path_edit.textEdited.connect(lambda _t: self._sync_format_from_path())
        self.file.browse.clicked.connect(
            lambda: self.file.choose(self.format.currentData()) and self._sync_format_from_path()
        )
        self.fps.valueChanged.connect(self._update_estimate)
        self.steps_per_frame.valueChanged.connect(self._update_estimate)
        self.with_loss.toggled.connect(self._loss_toggled)
        for spin in (self.width_spin, self.height_spin):
            spin.valueChanged.connect(self._size_changed)

    # ----------------------------------------------------------------- state
    def _apply_suggested_size(self) -> None:
        w, h = suggested_size(self.config, self.with_loss.isChecked())
        for spin, value in ((self.width_spin, w), (self.height_spin, h)):
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)

    def _size_changed(self) -> None:
        self._size_edited = True

    def _loss_toggled(self) -> None:
        if not self._size_edited:
            self._apply_suggested_size()

    def _sync_format_from_path(self) -> None:
        ext = os.path.splitext(self.path_edit.text().strip())[1].lower().lstrip(".")
        i = self.format.findData(ext)
        if i >= 0 and i != self.format.currentIndex():
            self.format.blockSignals(True)
            self.format.setCurrentIndex(i)
            self.format.blockSignals(False)

    def estimated_frames(self) -> int:
        return frame_count(self.config.steps, self.steps_per_frame.value())

    def _update_estimate(self) -> None:
        n = self.estimated_frames()
        seconds = n / self.fps.value()
        self.frames_label.setText(
            tr("{frames} frames, {seconds} s at {fps} frames/s (fewer if every racer stops early)").format(
                frames=n, seconds=f"{seconds:.1f}", fps=self.fps.value()
            )
        )

    def options(self) -> dict:
        return {
            "fps": self.fps.value(),
            "steps_per_frame": self.steps_per_frame.value(),
            "with_loss": self.with_loss.isChecked(),
            "size": (self.width_spin.value(), self.height_spin.value()),
        }

    def accept(self) -> None:  # noqa: D102 - Qt API
        path = self.target_path()
        if not path:
            self.show_error(tr("Choose a file name first."))
            return
        self.show_error("")
        try:
            check_animation_path(path)
            if refuse_over_inputs(self.parent(), tr("the animation"), path).special:
                raise ExportError(
                    tr("'{path}' is a pipe or a device: an animation is written to a regular file").format(path=path)
                )
            frames = run_animation_export(self, self.config, path, **self.options())
        except ExportError as exc:
            self.show_error(str(exc))
            return
        if frames is None:
            self.show_error(tr("Cancelled: no file was written."))
            _status(self.parent(), tr("Animation export cancelled: no file was written"))
            return
        self.written_path, self.frames_written = os.path.abspath(path), frames
        remember_folder(settings_of(self.parent()), self.written_path)
        super().accept()


# ------------------------------------------------------------ for the menu
def _status(window, text: str) -> None:
    if not isinstance(window, QtWidgets.QMainWindow):
        return
    bar = getattr(window, "statusBar", None)
    if callable(bar):
        bar().showMessage(text, 8000)


def export_image_interactive(window, which: str = "contour") -> str | None:
    """File ▸ Export image…: the dialog on ``window`` (a MainWindow); the written
    path (also shown in the status bar), or None."""
    settle = getattr(window, "settle_switch", None)
    if settle is not None:  # the panels as they are drawn in the end (a surface switch draws over frames)
        settle()
    dialog = ImageExportDialog(window, which=which)
    try:
        if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
            return None
        _status(window, tr("Image saved: {path}").format(path=dialog.written_path))
        return dialog.written_path
    finally:
        dialog.deleteLater()


def export_animation_interactive(window) -> str | None:
    """File ▸ Export animation…: pauses the race, opens the dialog for the
    window's current configuration; the written path, or None."""
    controller = window.controller
    controller.pause()
    dialog = AnimationExportDialog(controller.config, window)
    try:
        if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
            return None
        _status(
            window,
            tr("Animation saved: {path} ({frames} frames)").format(
                path=dialog.written_path, frames=dialog.frames_written
            ),
        )
        return dialog.written_path
    finally:
        dialog.deleteLater()

"""The network race as a mode of the main window (``RaceConfig.problem``: the racers train a network).

Choosing a network problem (the Surface dock's Problem list, a network preset or session) swaps the
window's central panels for the network set (:class:`NetworkPanels`): train and test loss per step,
test accuracy, the effective learning rate per layer as bands, and the loss landscape around the
racers' paths, computed in a worker thread while the race plays and the paths projected onto it
live. The Racers and Race docks, the toolbar, the leaderboard, sessions and exports work as on
surfaces; what means nothing on a network (map clicks, 3-D view, gradient field, basin maps, the
Inspector's arrows) is disabled with a tooltip saying why (:class:`NetworkMode`).

Exports of the network panels (PNG/SVG of the four panels, GIF/MP4 of the race) are here too
(:func:`export_network_image`, :func:`render_network_animation`), used by the window and by the
command line (``race --problem ... --png/--svg/--gif/--mp4``, through ``gui.headless``).
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from arena import Race
from problems import landscape

from .i18n import tr
from .panels.network_curves import NetworkAccuracyPanel, NetworkLearningRatePanel, NetworkLossPanel
from .panels.network_landscape import NetworkLandscapePanel

LANDSCAPE_RESOLUTION = 60
LANDSCAPE_EVERY_S = 2.0  # while playing, a new landscape at most this often
BANDS_EVERY_S = 0.25  # while playing, the layer bands and landscape paths are redrawn at most this often


def _in_background(*args, **kwargs):
    """The landscape, computed by a worker thread that yields the CPU to the window's steps and frames
    (Linux: a thread has its own nice value)."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
    except (AttributeError, OSError):  # other systems: normal priority
        pass
    return landscape(*args, **kwargs)


class NetworkPanels(QtWidgets.QWidget):
    """The four network panels of one race (``set_race``), laid out loss | landscape over lr | accuracy.

    ``refresh(force)`` hands the panels what the racers recorded; the landscape is computed in the
    background (``request_landscape``) and the paths are projected onto the latest one."""

    landscapeShown = QtCore.Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("networkPanels")
        self.setAutoFillBackground(True)
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)  # takes the focus back from a field (Space plays)
        self.loss = NetworkLossPanel()
        self.accuracy = NetworkAccuracyPanel()
        self.lr = NetworkLearningRatePanel()
        self.land = NetworkLandscapePanel()
        for panel in (self.loss, self.accuracy, self.lr, self.land):
            panel.title.setWordWrap(True)  # a long title wraps only where the width runs out
            row = getattr(panel, "header", None) or panel.title.parentWidget().layout().itemAt(0).layout()
            row.setStretchFactor(panel.title, 10)
            panel.setMinimumSize(160, 120)
        # short names in the landscape's method list (the whole description in its tooltip): the title keeps room
        for index, (text, tip) in enumerate(
            (
                (tr("PCA plane"), tr("The plane of the first two principal components of all racers' paths")),
                (
                    tr("Random plane"),
                    tr(
                        "Two filter-normalized random directions around the racer with the lowest test loss "
                        "(Li et al. 2018, Visualizing the Loss Landscape of Neural Nets)"
                    ),
                ),  # fmt: skip
            )
        ):
            self.land.method_box.setItemText(index, text)
            self.land.method_box.setItemData(index, tip, QtCore.Qt.ItemDataRole.ToolTipRole)
        # the landscape's status ("at step 200 (1.2 s)") under the plot: the title keeps the header's width
        header = self.land.layout().itemAt(0).layout()
        header.removeWidget(self.land.status)
        self.land.layout().addWidget(self.land.status, 0, QtCore.Qt.AlignmentFlag.AlignRight)
        self.grid = QtWidgets.QSplitter(QtCore.Qt.Orientation.Vertical)
        self.grid.setObjectName("networkSplitter")
        self.top, self.bottom = QtWidgets.QSplitter(), QtWidgets.QSplitter()
        self.top.addWidget(self.loss)
        self.top.addWidget(self.land)
        self.bottom.addWidget(self.lr)
        self.bottom.addWidget(self.accuracy)
        for split in (self.grid, self.top, self.bottom):
            split.setChildrenCollapsible(False)
        self.grid.addWidget(self.top)
        self.grid.addWidget(self.bottom)
        self.grid.setSizes([560, 440])
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.grid)
        self.land.methodChanged.connect(lambda _: self.request_landscape(force=True))
        self.race: Race | None = None
        self.playing = False  # while the race plays, a new landscape is asked for every LANDSCAPE_EVERY_S only
        self._pool: ThreadPoolExecutor | None = None
        self._future: Future | None = None
        self._future_step = 0
        self._landscape_at = -1  # the race step the shown landscape was computed at
        self._landscape_started = 0.0
        self._projected: list[dict[int, np.ndarray]] = []
        self._evaluated = -1
        self._x_budget = -1
        self._bands_at = 0.0
        self.poll = QtCore.QTimer(self)
        self.poll.setInterval(100)
        self.poll.timeout.connect(self._poll_landscape)

    @property
    def panels(self) -> tuple[QtWidgets.QWidget, ...]:
        return (self.loss, self.land, self.lr, self.accuracy)

    def set_race(self, race: Race) -> None:
        """A new race (from step 0, or other racers): the curves are made anew, the landscape dropped."""
        self.race = race
        racers = [(r.name, r.color) for r in race.config.racers]
        for panel in (self.loss, self.accuracy, self.lr, self.land):
            panel.set_racers(racers)
        self.lr.set_layers(race.problem.layer_names)
        self._projected = [{} for _ in racers]
        self._landscape_at = -1
        self.land.landscape = None
        self.land.image.clear()
        self.land.set_status("")
        self._evaluated = -1
        self._x_budget = -1
        for index, racer in enumerate(race.config.racers):
            if not racer.visible:
                self.set_racer_visible(index, False)
        self.refresh()

    def relabel(self) -> None:
        """The racers' names (or colours) changed: the curves and paths are made anew, the landscape kept."""
        racers = [(r.name, r.color) for r in self.race.config.racers]
        for panel in (self.loss, self.accuracy, self.lr, self.land):
            panel.set_racers(racers)
        for index, racer in enumerate(self.race.config.racers):
            if not racer.visible:
                self.set_racer_visible(index, False)
        self.refresh()

    def set_racer_visible(self, index: int, visible: bool) -> None:
        items = []
        for group in (self.loss.batch_curves, self.loss.test_curves, self.accuracy.curves, self.lr.medians):
            items.extend(group[index : index + 1])
        items.extend(self.lr.bands[index : index + 1])
        items.extend(self.lr._edges[index] if index < len(self.lr._edges) else ())
        items.extend(self.land.paths[index : index + 1] + self.land.ends[index : index + 1])
        for item in items:
            item.setVisible(visible)

    def refresh(self, force: bool = True) -> None:
        """Hand the panels what the racers recorded. While playing (``force`` False) the accuracy and
        test curves change on evaluation steps only and the layer bands (two fills per racer) at
        most every BANDS_EVERY_S: the frame time goes to the steps."""
        if self.race is None:
            return
        runners = self.race.runners
        evaluated = sum(len(r._eval_steps) for r in runners)
        now = time.perf_counter()
        self.loss.update_from(runners, test=force or evaluated != self._evaluated)
        if force or evaluated != self._evaluated:
            self.accuracy.update_from(runners)
        if force or now - self._bands_at >= BANDS_EVERY_S:  # the bands and the paths on the landscape
            self.lr.update_from(runners)
            self._update_paths()
            self._bands_at = now
        self._evaluated = evaluated
        budget = self.race.config.steps
        if budget != self._x_budget:  # the step axes span the budget: the curves grow into a fixed frame
            self._x_budget = budget
            for panel in (self.loss, self.lr, self.accuracy):
                panel.plot.enableAutoRange(x=False)
                panel.plot.setXRange(0, budget, padding=0.02)

    # ------------------------------------------------------------- landscape
    def request_landscape(self, force: bool = False) -> None:
        """Compute the landscape in the background unless one is being computed or the paths did not move."""
        race = self.race
        if race is None or self._future is not None or (not force and self._landscape_at == race.steps):
            return
        trajectories = [r.snapshots()[1] for r in race.runners]
        if sum(len(t) for t in trajectories) < 3:
            return
        method, problem = self.land.method, race.problem
        center = None
        if method == "random":  # Li et al.: around a trained network, here the racer with the lowest test loss
            best = min(race.runners, key=lambda r: r.evals[-1, 0] if np.isfinite(r.evals[-1, 0]) else np.inf)
            center = best.theta.copy()
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="landscape")
        self._landscape_started = time.perf_counter()
        self.land.set_status(tr("computing…"))
        self._future = self._pool.submit(
            _in_background,
            problem,
            trajectories,
            method,
            LANDSCAPE_RESOLUTION,
            center=center,
            seed=race.config.seed,
        )
        self._future_step = race.steps
        self._future_race = race
        self.poll.start()

    @property
    def computing(self) -> bool:
        return self._future is not None

    def landscape_due(self) -> bool:
        """While playing: time for a new landscape (none being computed, the last one old enough)."""
        return self._future is None and time.perf_counter() - self._landscape_started > LANDSCAPE_EVERY_S

    def _poll_landscape(self) -> None:
        future = self._future
        if future is None or not future.done():
            return
        self._future = None
        self.poll.stop()
        if self._future_race is not self.race:  # computed for a race since replaced
            self.request_landscape()
            return
        try:
            land = future.result()
        except ValueError as exc:  # paths that do not span a plane yet
            self.land.set_status(str(exc))
            return
        self._landscape_at = self._future_step
        self._projected = [{} for _ in self.race.runners]
        self.land.set_landscape(land)
        self.land.set_status(
            tr("at step {step} ({seconds:.1f} s)").format(
                step=self._future_step, seconds=time.perf_counter() - self._landscape_started
            )
        )
        self._update_paths()
        self.landscapeShown.emit()
        if not self.playing and self.race.steps != self._landscape_at:
            self.request_landscape()  # the race moved on (or ended) while this one was computed

    def wait_for_landscape(self, timeout: float = 60.0) -> bool:
        """Block until the landscape being computed is shown (screenshots, exports, tests)."""
        if self._future is None:
            return self.land.landscape is not None
        with contextlib.suppress(Exception):  # shown by _poll_landscape
            self._future.result(timeout=timeout)
        self._poll_landscape()
        return self.land.landscape is not None

    def _update_paths(self) -> None:
        land = self.land.landscape
        if land is None or self.race is None:
            return
        paths = []
        for runner, cache in zip(self.race.runners, self._projected):
            steps = runner._snap_steps
            new = [i for i, s in enumerate(steps) if s not in cache]
            if new:
                xy = land.project(np.array([runner._snaps[i] for i in new], dtype=np.float64))
                for i, row in zip(new, xy):
                    cache[steps[i]] = row
            known = [cache[s] for s in steps if s in cache]
            now = land.project(runner.theta)[0]
            paths.append(np.array([*known, now]))
        self.land.set_paths(paths)

    def shutdown(self) -> None:
        self.poll.stop()
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
        self._future = None

    def frame(self) -> np.ndarray:
        """The panels as an (height, width, 3) uint8 RGB array (animation frames)."""
        from .export.race_view import qimage_to_rgb

        return qimage_to_rgb(panels_image(self, None))


# ------------------------------------------------------------------- images
def panels_image(panels: QtWidgets.QWidget, width: int | None, background=None) -> QtGui.QImage:
    """The widget painted into a QImage ``width`` pixels wide (None: its size on screen)."""
    size = panels.size()
    if size.width() < 1 or size.height() < 1:
        from export.files import ExportError

        raise ExportError(tr("the panels have no size yet (is the window shown?)"))
    scale = 1.0 if width is None else width / size.width()
    image = QtGui.QImage(
        max(1, round(size.width() * scale)), max(1, round(size.height() * scale)), QtGui.QImage.Format.Format_RGB32
    )
    image.fill(background or QtGui.QColor("white"))
    painter = QtGui.QPainter(image)
    try:
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QtGui.QPainter.RenderHint.TextAntialiasing)
        painter.scale(scale, scale)
        panels.render(painter, QtCore.QPoint(0, 0), QtGui.QRegion(), QtWidgets.QWidget.RenderFlag.DrawChildren)
    finally:
        painter.end()
    return image


def export_network_image(panels: NetworkPanels, path: str | os.PathLike, *, width: int | None = None) -> str:
    """The four network panels as PNG (``width`` px wide, None: as on screen) or SVG; the absolute path.
    Raises ExportError with a one-line message; on failure nothing is left on disk."""
    from export.files import ExportError, check_target, reason, write_bytes
    from export.formats import check_width, image_format

    from .export.png import write_png

    shown = os.fspath(path)
    fmt = image_format(shown)
    if width is not None and fmt == "png":
        check_width(width)
    target = check_target(shown)
    try:
        if fmt == "png":
            write_png(panels_image(panels, width), target, shown)
        else:
            write_bytes(_panels_svg(panels), target, shown)
    except ExportError:
        raise
    except Exception as exc:  # noqa: BLE001 - still a failed export, told in one line
        raise ExportError(f"exporting to '{shown}' failed: {reason(exc)}") from exc
    return target


def _panels_svg(panels: QtWidgets.QWidget) -> bytes:
    from PySide6.QtSvg import QSvgGenerator

    data = QtCore.QByteArray()
    buffer = QtCore.QBuffer(data)
    buffer.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(panels.size())
    generator.setViewBox(QtCore.QRect(QtCore.QPoint(0, 0), panels.size()))
    generator.setTitle("Gradient Arena")
    painter = QtGui.QPainter(generator)
    try:
        panels.render(painter, QtCore.QPoint(0, 0), QtGui.QRegion(), QtWidgets.QWidget.RenderFlag.DrawChildren)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


# --------------------------------------------------------------- animations
NETWORK_ANIMATION_SIZE = (1280, 800)


def render_network_animation(
    config, path, *, fps: int = 30, steps_per_frame: int = 1, size=NETWORK_ANIMATION_SIZE, progress=None
) -> int:
    """The network race of ``config`` from step 0 to its budget as a GIF or MP4 of the four panels;
    the number of frames. The landscape is that of the finished race (computed first, once) and the
    paths grow on it frame by frame. ``progress(done, total)`` returning False cancels
    (``AnimationCancelled``; no file is left). Errors raise ExportError with a one-line message."""
    from .export.animation import prepare_animation, write_frames

    target, shown, fmt, (w, h), config = prepare_animation(config, path, fps, steps_per_frame, size)
    final = Race(config.copy())
    final.advance(config.steps)
    for runner in final.runners:
        runner.evaluate_now()
    view = NetworkPanels()
    view.setAttribute(QtCore.Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    view.resize(w, h)
    view.show()
    try:
        view.set_race(final)
        view.request_landscape(force=True)
        view.wait_for_landscape(timeout=300)
        race = Race(config.copy())
        view.race = race  # the finished race's plane, this race's paths
        view._projected = [{} for _ in race.runners]
        view.refresh()

        def advance() -> None:
            race.advance(steps_per_frame)
            if race.done:
                for runner in race.runners:
                    runner.evaluate_now()
            view.refresh()

        frame = view.frame
        return write_frames(target, shown, fmt, (w, h), fps, config, race, steps_per_frame, frame, advance, progress)
    finally:
        view.shutdown()
        view.close()
        view.deleteLater()


# -------------------------------------------------------------- the mode
def _why_not() -> dict[str, str]:
    """What does not apply to a network race, and why (the tooltips of the disabled controls)."""
    return {
        "resetView": tr("Reset view fits the map of a 2-D surface: a network race has no map"),
        "gradientField": tr(
            "The gradient field is drawn over a 2-D surface's map: a network has thousands of parameters"
        ),  # fmt: skip
        "exportView3d": tr("The 3-D view shows a 2-D surface: not available for networks"),
        "inspect": tr(
            "The Inspector draws a step's arrows on a 2-D map: a network racer's state has thousands of numbers"
        ),  # fmt: skip
        "view3d": tr("The 3-D view shows a 2-D surface: not available for networks"),
        "maps": tr("Basin maps and sweeps start racers all over a 2-D surface: not available for networks"),
        "tune": tr("Tuning searches on 2-D surfaces: not available for networks yet"),
        "copyTorch": tr("The torch script reproduces a 2-D surface race: not available for networks"),
        "lrMode": tr("On networks the learning-rate panel shows each layer's band (pick the layer in its header)"),
        "tol": tr("Stopping at a gradient tolerance applies to 2-D surfaces: a network race runs its budget"),
    }


class NetworkMode(QtCore.QObject):
    """The main window's network mode: shows :class:`NetworkPanels` in place of the surface panels while
    the race trains a network, keeps them in step with the controller, and disables (with a tooltip
    saying why) what applies to 2-D surfaces only."""

    def __init__(self, window):
        super().__init__(window)
        self.window_ = window
        self._panels: NetworkPanels | None = None  # made when first needed (panels)
        self.active = False
        self._tips: dict[object, tuple[str, bool]] = {}

    @property
    def panels(self) -> NetworkPanels:
        """The network panels, made the first time they are needed (four plots, ~0.1 s that the window's
        launch need not wait for: most races are on surfaces)."""
        if self._panels is None:
            self._panels = NetworkPanels()
            self._panels.playing = self.window_.controller.playing
            self.window_.central_stack.addWidget(self._panels)
        return self._panels

    @property
    def made(self) -> bool:
        return self._panels is not None

    def shutdown(self) -> None:
        """The landscape worker stops (the window closes)."""
        if self._panels is not None:
            self._panels.shutdown()

    # ---------------------------------------------------------------- swapping
    def _controls(self) -> list[tuple[object, str]]:
        """(action or widget, reason key) of everything disabled in network mode."""
        w = self.window_
        acts = w.actions
        out: list[tuple[object, str]] = [
            (acts["resetView"], "resetView"),
            (acts["gradientField"], "gradientField"),
            (acts["exportView3d"], "exportView3d"),
            (w.inspector_dock.toggleViewAction(), "inspect"),
            (w.view3d_dock.toggleViewAction(), "view3d"),
            (w.maps_dock.toggleViewAction(), "maps"),
            (w.lr_mode_menu.menuAction(), "lrMode"),
            (w.race_dock.tol_on, "tol"),
            (w.race_dock.tol, "tol"),
        ]
        out.append((w.racers_dock.torch_button, "copyTorch"))
        for name, key in (("tuneAll", "tune"), ("copyTorchAction", "copyTorch")):
            act = w.findChild(QtGui.QAction, name)
            if act is not None:
                out.append((act, key))
        return out

    def sync(self) -> None:
        """Enter or leave network mode to match the controller's race (after a surface or problem change)."""
        network = self.window_.controller.config.is_network
        if network == self.active:
            return
        self.active = network
        w = self.window_
        w.central_stack.setCurrentWidget(self.panels if network else w.splitter)
        w.key_router.home = self.panels if network else w.contour  # where Enter in a field sends the focus
        why = _why_not()
        for thing, key in self._controls():
            if network:
                self._tips.setdefault(thing, (thing.toolTip(), thing.isEnabled()))
                thing.setEnabled(False)
                thing.setToolTip(why[key])
                if isinstance(thing, QtGui.QAction):
                    thing.setStatusTip(why[key])
            elif thing in self._tips:
                tip, enabled = self._tips.pop(thing)
                thing.setToolTip(tip)
                if isinstance(thing, QtGui.QAction):
                    thing.setStatusTip(tip)
                thing.setEnabled(enabled)
        if network:
            w.actions["gradientField"].setChecked(False)
            for dock in (w.inspector_dock, w.view3d_dock, w.maps_dock, w.data_dock):
                dock.hide()
            for menu in w.menuBar().findChildren(QtWidgets.QMenu):
                menu.setToolTipsVisible(True)  # a disabled item says why
            w.statusBar().showMessage(tr("Network race: Space plays, → steps, R resets"), 5000)
        elif self._panels is not None:
            self._panels.shutdown()
            self._panels.race = None
            if w.race_dock.tol_on.isChecked() != (w.controller.config.tol is not None):
                w.race_dock.show_config()

    # --------------------------------------------------------------- reacting
    def on_reset(self) -> None:
        if self.active:
            self.panels.set_race(self.window_.controller.race)

    def on_advanced(self) -> None:
        if not self.active:
            return
        controller = self.window_.controller
        race = controller.race
        if race is not self.panels.race:
            self.panels.set_race(race)
        finished = race.done
        if finished:
            for runner in race.runners:
                runner.evaluate_now()
        playing = controller.playing and not finished
        self.panels.refresh(force=not playing)
        if not playing or self.panels.landscape_due():
            self.panels.request_landscape()

    def on_playing(self, playing: bool) -> None:
        if self._panels is not None:
            self._panels.playing = playing
        if self.active and not playing:
            self.panels.refresh()
            self.panels.request_landscape()

    def on_removed(self, _index: int) -> None:
        if self.active:
            self.panels.set_race(self.window_.controller.race)

    def on_visibility(self, index: int, visible: bool) -> None:
        if self.active:
            self.panels.set_racer_visible(index, visible)

    def on_renamed(self, _index: int, _name: str) -> None:
        if self.active and self.panels.race is not None:
            self.panels.relabel()

    # ---------------------------------------------------------------- exports
    def export_image_dialog(self) -> str | None:
        w = self.window_
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            w, tr("Export image"), w._dialog_dir("network.png"), tr("PNG image (*.png);;SVG drawing (*.svg)")
        )
        if not path:
            return None
        return self.export_image(path)

    def export_image(self, path: str, width: int | None = None) -> str | None:
        from export.files import ExportError

        try:
            written = export_network_image(self.panels, path, width=width)
        except ExportError as exc:
            self.window_.warn(tr("Image not written"), str(exc))
            return None
        self.window_.statusBar().showMessage(tr("Image saved: {path}").format(path=written), 8000)
        return written

    def export_animation_dialog(self) -> str | None:
        from export.files import ExportError
        from export.formats import default_steps_per_frame

        w = self.window_
        w.controller.pause()
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            w, tr("Export animation"), w._dialog_dir("network-race.gif"), tr("GIF (*.gif);;MP4 video (*.mp4)")
        )
        if not path:
            return None
        config = w.controller.config
        try:
            frames = self.export_animation(path, steps_per_frame=default_steps_per_frame(config.steps))
        except ExportError as exc:
            w.warn(tr("Animation not written"), str(exc))
            return None
        if frames is None:
            return None
        w.statusBar().showMessage(tr("Animation saved: {path} ({frames} frames)").format(path=path, frames=frames))
        return os.path.abspath(path)

    def export_animation(self, path: str, **options) -> int | None:
        """Render the window's network race (a copy: the live race is left alone) behind a progress dialog."""
        from .export.dialogs import run_animation_export

        w = self.window_
        return run_animation_export(w, w.controller.config, path, render=render_network_animation, **options)

    def write_csv(self, path: str) -> None:
        from problems.csvio import write_network_csv

        race = self.window_.controller.race
        write_network_csv(path, race.records(), race.config.steps)

    def write_summary(self, path: str) -> None:
        from problems.csvio import write_network_summary_csv

        race = self.window_.controller.race
        write_network_summary_csv(path, race.records(), race.config.steps)

"""Surface3DPanel: the surface as a shaded 3-D mesh with every racer's path lifted onto it.

Drawn with pyqtgraph.opengl (PyOpenGL) where the display gives an OpenGL context;
where it does not (the offscreen platform of headless runs and CI, a remote display
without GLX), the panel says so in place and does nothing else, so the rest of the
window works. Rotate with the left mouse button, zoom with the wheel, pan with the
middle button (pyqtgraph's GLViewWidget controls).

Heights: the surface is sampled over its domain on a ``MESH`` x ``MESH`` grid; ``x``
and ``y`` are scaled to a square of side 2 and ``f`` to a height of ``HEIGHT``
between its minimum over the domain and the 98th percentile (higher values are
clipped, as the map's colours are), or, with *log height* (the default on surfaces
marked log), ``log10(f - f_min)`` over the decades the domain spans. Paths are lifted
to ``f`` at every recorded point, slightly above the mesh so they stay visible.
"""

from __future__ import annotations

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from gui.i18n import retranslate_on_change, tr, tr_in

MESH = 90  # samples per side of the mesh
HEIGHT = 1.0  # height of the scaled surface (x and y span 2)
LIFT = 0.012  # paths float this far above the mesh
ARROW = 0.08  # the Inspector's arrows, as a share of the domain's side
MAX_PATH_POINTS = 4000  # a path is drawn with at most this many points (older ones strided)
MAX_IMAGE_ASPECT = 0.75  # an exported image is at most this tall for its width
# a colour ramp from the map's pale low ground to a deep blue-grey top, so the relief reads
RAMP = np.array([[0.98, 0.98, 0.96], [0.80, 0.86, 0.92], [0.55, 0.64, 0.78], [0.33, 0.40, 0.55]])


def _rgba(color) -> tuple[float, float, float, float]:
    """A colour given as (r, g, b) in 0..255 or a '#RRGGBB' name, as OpenGL's floats."""
    if isinstance(color, str):
        c = QtGui.QColor(color)
        return (c.redF(), c.greenF(), c.blueF(), 1.0)
    r, g, b = color[:3]
    return (r / 255.0, g / 255.0, b / 255.0, 1.0)


def gl_problem() -> str | None:
    """Why a 3-D view cannot be shown here (None if it can)."""
    app = QtWidgets.QApplication.instance()
    platform = QtGui.QGuiApplication.platformName() if app is not None else ""
    if platform in ("offscreen", "minimal", "vnc", ""):
        return tr(
            "The 3-D view needs OpenGL, which the '{platform}' display platform does not provide. "
            "Open the window on a desktop (or under xvfb-run) to see it."
        ).format(platform=platform or "no")
    try:
        import OpenGL  # noqa: F401
        import pyqtgraph.opengl  # noqa: F401
    except Exception as exc:  # noqa: BLE001 - any import failure means no 3-D view
        return tr("The 3-D view needs PyOpenGL: {error}").format(error=exc)
    ctx = QtGui.QOpenGLContext()
    if not ctx.create():
        return tr("The 3-D view needs OpenGL, and this display could not create an OpenGL context.")
    return None


def heights(z: np.ndarray, log: bool) -> tuple[np.ndarray, tuple[float, float, float]]:
    """Map f values to mesh heights in [0, HEIGHT]; return them and the scale used (see :func:`height_of`)."""
    finite = np.isfinite(z)
    if not finite.any():
        return np.zeros_like(z), (0.0, 0.0, 1.0)
    zmin = float(z[finite].min())
    if log:
        # log10(1 + (f - f_min) / s): linear near the minimum (no spikes into the valley), logarithmic
        # above s, a low percentile of f - f_min over the domain
        d = z[finite] - zmin
        s = max(float(np.percentile(d, 2)), float(d.max()) * 1e-6, 1e-300)
        top = float(np.log10(1.0 + d.max() / s))
        scale = (zmin, s, top if top > 0 else 1.0)
    else:
        top = float(np.percentile(z[finite], 98)) - zmin
        scale = (zmin, 0.0, top if top > 0 else 1.0)
    return np.where(finite, height_of(z, scale), HEIGHT), scale


def height_of(f, scale: tuple[float, float, float]) -> np.ndarray:
    """Heights of f values on a scale made by :func:`heights`: ``(zmin, s, top)``, log when ``s > 0``."""
    zmin, s, top = scale
    f = np.asarray(f, dtype=float)
    with np.errstate(all="ignore"):
        t = np.log10(1.0 + np.clip(f - zmin, 0.0, None) / s) if s > 0 else f - zmin
        h = np.clip(t / top, 0.0, 1.0) * HEIGHT
    return np.where(np.isfinite(h), h, HEIGHT)


def shaded_colors(sx: np.ndarray, sy: np.ndarray, h: np.ndarray) -> np.ndarray:
    """RGBA per vertex: the height's colour on RAMP, lit by a light from above and behind the viewer
    (Lambert shading computed here, so both sides of a valley read)."""
    t = h / HEIGHT
    idx = t * (len(RAMP) - 1)
    i0 = np.clip(np.floor(idx).astype(int), 0, len(RAMP) - 2)
    w = (idx - i0)[..., None]
    rgb = RAMP[i0] * (1 - w) + RAMP[i0 + 1] * w
    dhdx = np.gradient(h, sx, axis=0)
    dhdy = np.gradient(h, sy, axis=1)
    n = np.stack([-dhdx, -dhdy, np.ones_like(h)], axis=-1)
    n /= np.linalg.norm(n, axis=-1, keepdims=True)
    light = np.array([-0.35, -0.55, 0.76])
    light /= np.linalg.norm(light)
    lit = 0.62 + 0.38 * np.abs(n @ light)
    return np.concatenate([np.clip(rgb * lit[..., None], 0, 1), np.ones(h.shape + (1,))], axis=-1)


def mesh_lines(sx: np.ndarray, sy: np.ndarray, h: np.ndarray, every: int = 9) -> np.ndarray:
    """A coarse wire grid on the surface (every ``every``-th row and column), as line segments."""
    segs = []
    for i in range(0, len(sx), every):
        p = np.column_stack([np.full(len(sy), sx[i]), sy, h[i] + 0.002])
        segs.append(np.stack([p[:-1], p[1:]], axis=1).reshape(-1, 3))
    for j in range(0, len(sy), every):
        p = np.column_stack([sx, np.full(len(sx), sy[j]), h[:, j] + 0.002])
        segs.append(np.stack([p[:-1], p[1:]], axis=1).reshape(-1, 3))
    return np.concatenate(segs)


class Surface3DPanel(QtWidgets.QWidget):
    """The 3-D view (see the module docstring). Same racer interface as the map."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("Surface3DPanel")
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.problem = gl_problem()
        self.surface = None
        self.log_height = False
        self._scale = (0.0, 0.0, 1.0)
        self._racers: list = []
        self._runners: list = []
        self.paths: list = []
        self._inspection = None
        self.inspect_items: list = []
        self.view = None
        bar = QtWidgets.QHBoxLayout()
        bar.setContentsMargins(6, 2, 6, 0)
        self.title = QtWidgets.QLabel()
        self.title.setStyleSheet("font-weight: bold")
        bar.addWidget(self.title)
        bar.addStretch(1)
        self.log_box = QtWidgets.QCheckBox()
        self.log_box.setObjectName("logHeight")
        self.log_box.toggled.connect(self.set_log_height)
        bar.addWidget(self.log_box)
        self.reset_button = QtWidgets.QPushButton()
        self.reset_button.setObjectName("reset3d")
        self.reset_button.clicked.connect(self.reset_camera)
        bar.addWidget(self.reset_button)
        self.save_button = QtWidgets.QPushButton()
        self.save_button.setObjectName("save3d")
        self.save_button.clicked.connect(self.save_dialog)
        bar.addWidget(self.save_button)
        layout.addLayout(bar)
        self.message: QtWidgets.QLabel | None = None
        self.retranslate()
        retranslate_on_change(self, self.retranslate)
        if self.problem is not None:
            self.message = QtWidgets.QLabel(self.problem)
            self.message.setObjectName("glProblem")
            self.message.setWordWrap(True)
            self.message.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
            self.message.setStyleSheet("color: #555; padding: 24px")
            layout.addWidget(self.message, 1)
            self.log_box.setEnabled(False)
            self.reset_button.setEnabled(False)
            self.save_button.setEnabled(False)
            return
        import pyqtgraph.opengl as gl
        from OpenGL import GL

        self._gl = gl
        # drawn over the mesh (no depth test): a path in a deep valley stays visible from any angle
        self._on_top = {
            GL.GL_DEPTH_TEST: False,
            GL.GL_BLEND: True,
            GL.GL_CULL_FACE: False,
            "glBlendFunc": (GL.GL_SRC_ALPHA, GL.GL_ONE_MINUS_SRC_ALPHA),
        }
        self.view = gl.GLViewWidget()
        self.view.setBackgroundColor("w")
        layout.addWidget(self.view, 1)
        self.mesh = None  # made with the first surface: an empty mesh item cannot paint
        self.start_marker = gl.GLScatterPlotItem(size=9, color=(0, 0, 0, 1), pxMode=True)
        self.start_marker.setGLOptions(self._on_top)
        self.view.addItem(self.start_marker)
        self.reset_camera()

    def retranslate(self) -> None:
        """Set the panel's words in the window's language (the camera and the surface stay)."""
        self.title.setText(self._title())
        self.log_box.setText(tr("Log height"))
        self.log_box.setToolTip(tr("Height log10(f − f_min): shows the decades of surfaces like Rosenbrock"))
        self.reset_button.setText(tr("Reset view"))
        self.save_button.setText(tr("Save PNG…"))
        self.save_button.setToolTip(tr("Save the 3-D view as a PNG image (1600 px wide, or wider than on screen)"))
        if self.message is not None and self.problem is not None:
            self.problem = gl_problem() or self.problem
            self.message.setText(self.problem)

    def _title(self) -> str:
        if self.surface is None:
            return tr("Surface in 3-D")
        return tr("{surface} in 3-D").format(
            surface=tr_in("surfaces", getattr(self.surface, "title", None) or "") or tr("Surface")
        )

    @property
    def available(self) -> bool:
        return self.view is not None

    # ---------------------------------------------------------------- surface
    def set_surface(self, surface) -> None:
        self.surface = surface
        log = getattr(surface, "contour", "linear") == "log"
        self.log_box.blockSignals(True)
        self.log_box.setChecked(log)
        self.log_box.blockSignals(False)
        self.log_height = log
        self.title.setText(self._title())
        self._rebuild_mesh()

    def set_log_height(self, on: bool) -> None:
        self.log_height = bool(on)
        self._rebuild_mesh()
        self._relift_paths()

    def _to_scene(self, x, y):
        (x0, x1), (y0, y1) = self.surface.domain
        half = 0.5 * max(x1 - x0, y1 - y0)
        return (np.asarray(x) - 0.5 * (x0 + x1)) / half, (np.asarray(y) - 0.5 * (y0 + y1)) / half

    def _height(self, f):
        return height_of(f, self._scale)

    def _rebuild_mesh(self) -> None:
        if self.surface is None:
            return
        (x0, x1), (y0, y1) = self.surface.domain
        xs, ys = np.linspace(x0, x1, MESH), np.linspace(y0, y1, MESH)
        pts = np.stack(np.meshgrid(xs, ys, indexing="ij"), axis=-1)
        with np.errstate(all="ignore"):
            z = np.asarray(self.surface.f(pts), dtype=float)
        h, self._scale = heights(z, self.log_height)
        self.mesh_heights = h
        if not self.available:
            return
        sx, sy = self._to_scene(xs, ys)
        colors = shaded_colors(sx, sy, h)
        if self.mesh is None:
            self.mesh = self._gl.GLSurfacePlotItem(x=sx, y=sy, z=h, colors=colors.reshape(-1, 4), glOptions="opaque")
            self.view.addItem(self.mesh)
            self.grid_lines = self._gl.GLLinePlotItem(
                mode="lines", color=(0.25, 0.3, 0.4, 0.35), width=1, antialias=True
            )
            self.grid_lines.setGLOptions("translucent")
            self.view.addItem(self.grid_lines)
        else:
            self.mesh.setData(x=sx, y=sy, z=h, colors=colors.reshape(-1, 4))
        self.grid_lines.setData(pos=mesh_lines(sx, sy, h))

    def set_start(self, x: float, y: float) -> None:
        self._start = (x, y)
        if not self.available or self.surface is None:
            return
        with np.errstate(all="ignore"):
            f = float(np.asarray(self.surface.f(np.array([[x, y]])), dtype=float).ravel()[0])
        sx, sy = self._to_scene(x, y)
        self.start_marker.setData(pos=np.array([[float(sx), float(sy), float(self._height(f)) + LIFT]]))

    def reset_camera(self) -> None:
        if self.available:
            self.view.setCameraPosition(distance=3.1, elevation=38, azimuth=-60)
            self.view.opts["center"] = QtGui.QVector3D(0, 0, 0.35 * HEIGHT)
            self.view.update()

    # ----------------------------------------------------------------- racers
    def set_racers(self, racers) -> None:
        self._racers = list(racers)
        if not self.available:
            return
        for item in self.paths:
            self.view.removeItem(item)
        self.paths = []
        for r in self._racers:
            c = QtGui.QColor(r.color)
            item = self._gl.GLLinePlotItem(color=(c.redF(), c.greenF(), c.blueF(), 1.0), width=3, antialias=True)
            item.setGLOptions(self._on_top)
            item.setVisible(r.visible)
            self.view.addItem(item)
            self.paths.append(item)
        self._runners: list = []

    def remove_racer(self, index: int) -> None:
        self._racers.pop(index)
        if self.available:
            self.view.removeItem(self.paths.pop(index))

    def set_racer_visible(self, index: int, visible: bool) -> None:
        if self.available:
            self.paths[index].setVisible(visible)

    def rename_racer(self, index: int, name: str) -> None:  # the 3-D view has no legend: colours are the map's
        pass

    def update_paths(self, runners) -> None:
        """Each path up to its runner's current step, lifted onto the mesh (long paths strided)."""
        self._runners = list(runners)
        if not self.available or self.surface is None or not self.isVisible():
            return
        for item, runner in zip(self.paths, runners):
            n = runner.steps + 1
            pos = runner.positions[:n, 0]
            loss = runner.losses[:n, 0]
            if n > MAX_PATH_POINTS:  # older points strided, the newest kept
                keep = np.unique(np.r_[np.linspace(0, n - 1, MAX_PATH_POINTS).astype(int), n - 1])
                pos, loss = pos[keep], loss[keep]
            ok = np.isfinite(pos).all(axis=1) & np.isfinite(loss)
            pos, loss = pos[ok], loss[ok]
            if len(pos) == 0:
                item.setData(pos=np.zeros((0, 3)))
                continue
            sx, sy = self._to_scene(pos[:, 0], pos[:, 1])
            item.setData(pos=np.column_stack([sx, sy, self._height(loss) + LIFT]))

    def _relift_paths(self) -> None:
        if self._runners:
            self.update_paths(self._runners)
        if getattr(self, "_inspection", None) is not None:
            self._draw_inspection()

    # ------------------------------------------------------------- inspection
    def show_inspection(self, theta, arrows) -> None:
        """The Inspector's arrows from ``theta`` (as the map's ``show_inspection``: (vector, colour, label[,
        "axis"])), drawn on the surface: each the same length (ARROW of the scene's side), following the
        relief, with a dot at its tip; an "axis" runs both ways through theta, thinner."""
        self._inspection = (np.asarray(theta, dtype=float), list(arrows))
        self._draw_inspection()

    def clear_inspection(self) -> None:
        self._inspection = None
        self._draw_inspection()

    def _draw_inspection(self) -> None:
        if not self.available:
            return
        for item in getattr(self, "inspect_items", []):
            self.view.removeItem(item)
        self.inspect_items: list = []
        if self._inspection is None or self.surface is None:
            return
        theta, arrows = self._inspection
        if not np.isfinite(theta).all():
            return
        (x0, x1), (y0, y1) = self.surface.domain
        side = max(x1 - x0, y1 - y0)
        tips = []
        for vector, color, _label, *kind in arrows:
            v = np.asarray(vector, dtype=float)
            norm = float(np.hypot(*v))
            if not np.isfinite(norm) or norm == 0:
                continue
            reach = v * (ARROW * side / norm)
            axis = bool(kind) and kind[0] == "axis"
            t = np.linspace(-1.0 if axis else 0.0, 1.0, 17)[:, None]
            pts = theta + t * reach
            with np.errstate(all="ignore"):
                f = np.asarray(self.surface.f(pts), dtype=float)
            sx, sy = self._to_scene(pts[:, 0], pts[:, 1])
            rgba = _rgba(color)
            item = self._gl.GLLinePlotItem(
                pos=np.column_stack([sx, sy, self._height(f) + 2 * LIFT]),
                color=rgba if not axis else (*rgba[:3], 0.8),
                width=2 if axis else 4,
                antialias=True,
            )
            item.setGLOptions(self._on_top)
            self.view.addItem(item)
            self.inspect_items.append(item)
            if not axis:
                tips.append((sx[-1], sy[-1], float(self._height(f[-1:])[0]) + 2 * LIFT, rgba))
        if tips:
            dots = self._gl.GLScatterPlotItem(
                pos=np.array([t[:3] for t in tips]), color=np.array([t[3] for t in tips]), size=8, pxMode=True
            )
            dots.setGLOptions(self._on_top)
            self.view.addItem(dots)
            self.inspect_items.append(dots)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override: a hidden view skips updates; catch up
        super().showEvent(event)
        self._relift_paths()

    # ----------------------------------------------------------------- export
    def image(self, width: int | None = None) -> QtGui.QImage:
        """The view rendered at ``width`` pixels wide (default: its size on screen), the height in proportion
        but at most ``MAX_IMAGE_ASPECT`` of the width (a tall dock's view is mostly empty above and below the
        surface: the camera's field of view is horizontal, so a wider image crops only that)."""
        if not self.available:
            raise RuntimeError(self.problem or tr("no 3-D view"))
        w, h = max(1, self.view.width()), max(1, self.view.height())
        if width:
            w, h = int(width), max(1, round(h * width / w))
        h = min(h, max(1, round(w * MAX_IMAGE_ASPECT)))
        arr = np.ascontiguousarray(self.view.renderToArray((w, h)))  # (h, w, 4) BGRA
        return QtGui.QImage(arr.data, w, h, 4 * w, QtGui.QImage.Format.Format_ARGB32).copy()

    def save_dialog(self) -> str | None:
        """Ask where, then save the view as PNG; a failure is shown, never raised. Returns the path written."""
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, tr("Save the 3-D view"), "surface-3d.png", tr("PNG image (*.png)")
        )
        if not path:
            return None
        if not path.lower().endswith(".png"):
            path += ".png"
        try:
            self.export_png(path, max(1600, self.view.width() if self.view is not None else 0))
        except (OSError, RuntimeError) as exc:
            QtWidgets.QMessageBox.warning(self, tr("3-D view not saved"), str(exc))
            return None
        return path

    def export_png(self, path: str, width: int | None = None) -> None:
        """Write the view as a PNG (``OSError`` naming the problem if it cannot be written)."""
        if not self.image(width).save(path, "PNG"):
            raise OSError(tr("could not write {path!r}").format(path=path))

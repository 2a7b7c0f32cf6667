"""RaceController: owns the race configuration and the running race, advances it
from a timer and tells the panels and docks what changed.

The configuration (:class:`arena.RaceConfig`), not the widgets, is the truth:
docks call the controller's methods, the controller edits the config and
rebuilds or advances the :class:`arena.Race`.
"""

from __future__ import annotations

from PySide6 import QtCore

from arena import Race, RaceConfig, RacerConfig, next_color
from engine import OPTIMIZERS, fast
from engine.options import check_options_for, resolve_options
from engine.runner import retire

from .i18n import tr
from .quiet_gc import QuietCollector

FRAME_MS = 16
# a new surface's compiled code loads this long after its race starts (its racers step on NumPy meanwhile,
# with the same bits): loading holds the GIL in stretches of tens of ms, which fell in the switch's frames
SWITCH_LOAD_HOLD_S = 0.5
SLOW_MOTION_BUDGET = 60  # races of at most this many steps start in slow motion


class RaceController(QtCore.QObject):
    raceReset = QtCore.Signal()  # a new race from step 0 (racers or surface may have changed)
    surfaceChanged = QtCore.Signal()  # the surface or its parameters changed (contours must be recomputed)
    advanced = QtCore.Signal()  # the race took steps
    playingChanged = QtCore.Signal(bool)
    racerVisibilityChanged = QtCore.Signal(int, bool)
    racerRenamed = QtCore.Signal(int, str)
    # racer ``index`` was removed; the others keep their progress (no raceReset): drop that
    # racer's drawn items, and the indices above it move down by one
    racerRemoved = QtCore.Signal(int)
    message = QtCore.Signal(str)

    def __init__(self, config: RaceConfig, parent=None):
        super().__init__(parent)
        self.config = config.validate()
        self.race = Race(self.config)
        self.timer = QtCore.QTimer(self)
        self.timer.timeout.connect(self.tick)
        self.speed = 1  # steps per timer tick
        self.collector = QuietCollector(self)  # no full garbage collection in the middle of a playing race
        self.playingChanged.connect(self.collector.playing)
        self.seconds_per_step: float | None = None  # slow motion: one step per this many seconds
        self._default_speed(config.steps)

    # --------------------------------------------------------------- playback
    @property
    def playing(self) -> bool:
        return self.timer.isActive()

    def play(self) -> None:
        if not self.config.racers:
            self.message.emit(tr("No racers yet: add one in the Racers dock (Add ▾) or from the Race menu."))
            return
        if self.race.done:
            if self.race.steps >= self.config.steps and not all(r.done for r in self.race.runners):
                self.message.emit(tr("The step budget is used up: raise it in the Race dock to go on."))
            else:
                self.message.emit(tr("Every racer has stopped: press Reset to race again."))
            return
        if not self.playing:
            self.timer.start()
            self.playingChanged.emit(True)

    def pause(self) -> None:
        if self.playing:
            self.timer.stop()
            self.playingChanged.emit(False)

    def toggle_play(self) -> None:
        self.pause() if self.playing else self.play()

    def step(self, k: int = 1) -> int:
        if not self.config.racers:
            self.message.emit(tr("No racers yet: add one in the Racers dock (Add ▾) or from the Race menu."))
            return 0
        taken = self.race.advance(k)
        if taken:
            self.advanced.emit()
        return taken

    def tick(self) -> None:
        self.step(self.speed)
        if self.race.done:
            self.pause()

    def set_speed(self, steps_per_frame: int) -> None:
        """Steps per frame while playing (a frame every FRAME_MS); ends slow motion."""
        self.speed = max(1, int(steps_per_frame))
        self.seconds_per_step = None
        self.timer.setInterval(FRAME_MS)

    def set_slow_motion(self, seconds_per_step: float) -> None:
        """One step every ``seconds_per_step`` seconds while playing (to watch each step)."""
        self.speed = 1
        self.seconds_per_step = float(seconds_per_step)
        self.timer.setInterval(max(FRAME_MS, round(seconds_per_step * 1000)))

    def _default_speed(self, steps: int) -> None:
        """Short races (up to 60 steps) in slow motion, one step per 0.25 s, so each step can
        be followed; longer ones so the whole budget plays in about five seconds."""
        if getattr(self, "config", None) is not None and self.config.is_network:
            from .network_race import default_speed  # a network race plays its budget in about ten seconds

            self.set_speed(default_speed(steps))
        elif steps <= SLOW_MOTION_BUDGET:
            self.set_slow_motion(0.25)
        else:
            self.set_speed(max(1, round(steps / 300)))

    # ------------------------------------------------------------------ setup
    def _replace_race(self, config: RaceConfig, hold: bool = True) -> None:
        """Race on with a new race of ``config``; the old one's histories are freed in the background
        (engine.runner.retire: giving a long race's pages back takes tens of milliseconds, which would
        freeze the window). With ``hold`` (a new surface or race), compiled code the new race needs
        loads once its first frames are drawn (SWITCH_LOAD_HOLD_S)."""
        if hold:
            fast.hold_loading(SWITCH_LOAD_HOLD_S)
        old, self.race = self.race, Race(config)
        retire(old.runners)

    def reset(self) -> None:
        """Restart every racer from the start with the current configuration."""
        was_playing = self.playing
        self.pause()
        self._replace_race(self.config, hold=False)  # (the same surface: its code is loaded or loading)
        self.raceReset.emit()
        if was_playing:
            self.play()

    def load(self, config: RaceConfig) -> None:
        """Replace the whole configuration (a preset or session); refused configs raise.

        The speed is set so the whole budget plays in about five seconds (a short race
        in slow motion)."""
        config.validate()
        self.pause()
        self.config = config
        self._default_speed(config.steps)
        self._replace_race(config)
        self.surfaceChanged.emit()
        self.raceReset.emit()

    def set_start(self, x: float, y: float) -> None:
        self.config.start = (float(x), float(y))
        self.reset()

    def set_surface(self, name: str, params: dict | None = None, keep_start: bool = False) -> None:
        """Switch surface (or its parameters); the race restarts, from the surface's
        default start unless ``keep_start``."""
        new = self.config.copy()
        new.surface, new.surface_params = name, dict(params or {})
        new.data = None  # loaded data go with the race they were loaded into: another surface draws its own
        surface = new.build_surface()  # raises ValueError on bad parameters
        leaving_network = new.is_network
        if leaving_network:  # from a network race back to a surface: no mini-batches without data
            new.problem = new.data_dir = None
            keep_start = False
            for racer in new.racers:
                if getattr(surface, "data", None) is None:
                    racer.options.pop("batch_size", None)
        if not keep_start:
            new.start = tuple(float(v) for v in surface.start)
        was_playing = self.playing
        self.pause()
        self.config = new
        if leaving_network:
            self._default_speed(new.steps)
        self._replace_race(new)
        self.surfaceChanged.emit()
        self.raceReset.emit()
        if was_playing:
            self.play()  # the race restarts on the new surface and keeps playing

    def set_data(self, data) -> None:
        """Fit the race's surface to loaded data (a ``surfaces.datafile.DataSet``): the surface becomes the
        data's (linear or logistic regression), the racers restart from its start."""
        new = self.config.copy()
        new.surface, new.surface_params, new.data = data.surface, {}, data
        new.start = tuple(float(v) for v in new.build_surface().start)
        was_playing = self.playing
        self.pause()
        self.config = new
        self._replace_race(new)
        self.surfaceChanged.emit()
        self.raceReset.emit()
        if was_playing:
            self.play()

    def set_budget(self, steps: int) -> None:
        self.race.set_budget(int(steps))
        self.config.steps = int(steps)
        self.advanced.emit()

    def set_tol(self, tol: float | None) -> None:
        self.config.tol = tol
        self.reset()

    # ----------------------------------------------------------------- racers
    def _check_network(self, optimizer: str) -> None:
        """On a network race, refuse (ValueError) an optimizer that cannot train a network."""
        if self.race.problem is not None:
            from problems import refuse_hessian

            refuse_hessian(OPTIMIZERS[optimizer], self.race.problem.n_params)

    def add_racer(self, optimizer: str, hyperparams: dict | None = None, name: str | None = None) -> int:
        self._check_network(optimizer)
        title = OPTIMIZERS[optimizer].title
        names = {r.name for r in self.config.racers}
        if name is None:
            name, k = title, 2
            while name in names:
                name, k = f"{title} {k}", k + 1
        racer = RacerConfig(optimizer, dict(hyperparams or {}), name, next_color(r.color for r in self.config.racers))
        self.config.racers.append(racer)
        self.reset()
        return len(self.config.racers) - 1

    def remove_racer(self, index: int) -> None:
        """Remove one racer; the others go on from where they are (the race is not restarted) and keep
        their random streams (after a Reset too)."""
        self.config.remove_racer(index)
        self.race.remove_runner(index)
        if not self.config.racers:
            self.pause()
        self.racerRemoved.emit(index)
        if self.playing and self.race.done:
            self.pause()

    def duplicate_racer(self, index: int) -> int:
        src = self.config.racers[index]
        copy = src.copy()
        copy.stream = None  # a stream of its own
        names = {r.name for r in self.config.racers}
        k = 2
        while f"{src.name} ({k})" in names:
            k += 1
        copy.name = f"{src.name} ({k})"
        copy.color = next_color(r.color for r in self.config.racers)
        self.config.racers.insert(index + 1, copy)
        self.reset()
        return index + 1

    def set_hyperparams(self, index: int, hyperparams: dict) -> None:
        """Replace a racer's hyperparameters (validated first; raises ValueError) and restart."""
        racer = self.config.racers[index]
        trial = RacerConfig(
            racer.optimizer, dict(hyperparams), racer.name, racer.color, racer.visible, dict(racer.options)
        )
        trial.resolved()
        racer.hyperparams = dict(hyperparams)
        self.reset()

    def set_optimizer(self, index: int, optimizer: str, hyperparams: dict) -> None:
        """Make racer ``index`` another optimizer with these hyperparameters (validated first; raises
        ValueError) and restart. A racer still named after its old optimizer takes the new one's name."""
        racer = self.config.racers[index]
        trial = RacerConfig(optimizer, dict(hyperparams), racer.name, racer.color, racer.visible, dict(racer.options))
        trial.resolved()
        self._check_network(optimizer)
        if racer.name == OPTIMIZERS[racer.optimizer].title and optimizer != racer.optimizer:
            racer.name = OPTIMIZERS[optimizer].title
        racer.optimizer, racer.hyperparams = optimizer, dict(hyperparams)
        self.reset()

    def set_options(self, index: int, options: dict) -> None:
        """Replace a racer's batch/noise/schedule options (validated first; raises ValueError) and restart."""
        check_options_for(
            resolve_options(options), self.race.surface if self.race.problem is None else self.race.problem
        )
        self.config.racers[index].options = dict(options)
        self.reset()

    def rename_racer(self, index: int, name: str) -> None:
        name = name.strip()
        if name:
            self.config.racers[index].name = name
            self.race.runners[index].label = name
            self.racerRenamed.emit(index, name)

    def set_racer_visible(self, index: int, visible: bool) -> None:
        self.config.racers[index].visible = bool(visible)
        self.racerVisibilityChanged.emit(index, bool(visible))

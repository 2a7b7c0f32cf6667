"""Looking inside a race's steps without touching the race: exact replays kept per racer, and a worker
thread that answers the latest request first.

:func:`arena.inspect_racer` replays from the start each time (the CLI asks once). A window scrubbing
through a long race asks for many steps of one racer: :class:`RaceReplays` keeps an
:class:`engine.inspect.Replay` (exact checkpoints every 64 steps or more) for each racer it was asked about,
as long as that racer's settings stay the same, and :class:`InspectWorker` computes on a thread of its
own so the window never waits for a replay.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from engine.inspect import Replay, StepInspection

from .config import RaceConfig
from .race import _racer_args

__all__ = ["InspectWorker", "RaceReplays", "replay_key"]

YIELD_SECONDS = 0.0  # the worker lets the window run between checkpoints of a long replay (sleep(0): no delay)


def replay_key(config: RaceConfig, index: int) -> str:
    """Everything racer ``index``'s numbers depend on (two equal keys: the same run, bit for bit)."""
    racer = config.racers[index]
    stream = config.streams()[index]
    return repr(
        (
            config.surface,
            sorted(config.surface_params.items()),
            config.data.digest() if config.data is not None else None,  # loaded data: its numbers
            tuple(float(v) for v in config.start),
            config.tol,
            config.seed,
            stream,
            racer.optimizer,
            sorted(racer.resolved().items()),
            racer.run_options(),
            racer.name,
        )
    )


class RaceReplays:
    """A :class:`~engine.inspect.Replay` per racer asked about (the ``keep`` most recent), found by
    :func:`replay_key`: a racer whose settings changed gets a new one; the race itself is never used."""

    def __init__(self, keep: int = 4, every: int = 64):
        self.keep, self.every = keep, every
        self._replays: OrderedDict[str, Replay] = OrderedDict()

    def replay(self, config: RaceConfig, index: int) -> Replay:
        key = replay_key(config, index)
        replay = self._replays.get(key)
        if replay is None:
            racer = config.racers[index]
            args = _racer_args(config, racer, config.streams()[index])
            replay = Replay(config.build_surface(), racer.optimizer, racer.resolved(), every=self.every, **args)
            self._replays[key] = replay
            while len(self._replays) > self.keep:
                self._replays.popitem(last=False)
        self._replays.move_to_end(key)
        return replay

    def inspect(self, config: RaceConfig, index: int, step: int, cancelled=None) -> StepInspection | None:
        """What racer ``index`` did at ``step`` (None if ``cancelled()`` stopped a long replay first)."""
        return self.replay(config, index).inspect(step, cancelled)


Deliver = Callable[[int, "StepInspection | None", "str | None"], Any]


class InspectWorker:
    """Computes inspections on a thread of its own, the latest request first.

    ``request(config, index, step)`` returns a request number at once; the thread later calls
    ``deliver(number, inspection, error)`` (``error`` is the refusal's text, e.g. a racer that stopped
    before that step). A request made while another waits replaces it (the waiting one is never
    computed); a long replay stops at its next checkpoint when a newer request comes, keeping what it
    replayed. ``deliver`` runs on the worker's thread: a window hands the result to its own thread.
    """

    def __init__(self, deliver: Deliver, replays: RaceReplays | None = None):
        self.deliver = deliver
        self.replays = replays if replays is not None else RaceReplays()
        self._lock = threading.Condition()
        self._pending: tuple[int, RaceConfig, int, int] | None = None
        self._count = 0
        self._busy = False
        self._closed = False
        self._thread: threading.Thread | None = None

    def request(self, config: RaceConfig, index: int, step: int) -> int:
        """Ask for racer ``index`` at ``step`` of ``config`` (copied now: later edits do not reach it)."""
        snapshot = config.copy()
        with self._lock:
            self._count += 1
            self._pending = (self._count, snapshot, index, step)
            self._closed = False
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="inspect-worker", daemon=True)
                self._thread.start()
            self._lock.notify()
            return self._count

    @property
    def requested(self) -> int:
        """The number of the latest request (0: none yet)."""
        return self._count

    @property
    def idle(self) -> bool:
        with self._lock:
            return self._pending is None and not self._busy

    def close(self, timeout: float = 5.0) -> None:
        """Stop the thread (after the computation under way, cut short at its next checkpoint)."""
        with self._lock:
            self._closed = True
            self._pending = None
            self._lock.notify()
            thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def _newer(self) -> bool:
        # asked between checkpoints (every few dozen steps): a moment for the window's thread, which
        # otherwise waits for the interpreter's switch interval (5 ms) each time it wants to run Python
        time.sleep(YIELD_SECONDS)
        return self._pending is not None or self._closed

    def _run(self) -> None:
        while True:
            with self._lock:
                while self._pending is None and not self._closed:
                    self._lock.wait()
                if self._closed:
                    return
                assert self._pending is not None
                number, config, index, step = self._pending
                self._pending = None
                self._busy = True
            try:
                seen, error = self.replays.inspect(config, index, step, cancelled=self._newer), None
            except ValueError as exc:
                seen, error = None, str(exc)
            except Exception as exc:  # noqa: BLE001 - shown to the user, the thread goes on
                seen, error = None, f"{type(exc).__name__}: {exc}"
            with self._lock:
                self._busy = False
                if self._closed:
                    return
            if seen is None and error is None:
                continue  # cut short by a newer request
            try:
                self.deliver(number, seen, error)
            except RuntimeError:  # the receiver is gone (a window's object deleted): nobody to answer
                return

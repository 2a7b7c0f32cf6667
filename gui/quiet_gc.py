"""Python's garbage collector kept out of a playing race's frames.

A full (generation 2) collection walks every tracked object of the process: the window's
Qt wrappers, pyqtgraph's items and the compiled kernels' Python objects, about 170,000 of
them once a race has run a while. It takes 60-130 ms on this machine, so when Python
starts one on its own in the middle of a race, that frame takes five times as long as its
neighbours. (The young generations are cheap: they hold only what was made since.)

So while a race plays, the objects that were alive when it started are frozen
(``gc.freeze``): automatic collections leave them out and walk only what the race makes
meanwhile. When the race pauses and the window has been idle a moment (no key, click or
mouse move: :meth:`QuietCollector.user_active`), one full collection runs with everything
unfrozen (no garbage waits for it longer than that) and what survives is frozen again, so a
click on a paused window does not pay for a full collection either.
"""

from __future__ import annotations

import gc

from PySide6 import QtCore

IDLE_MS = 1500  # the full collection runs this long after the race pauses (or the window opens)


class QuietCollector(QtCore.QObject):
    """Follows a controller's ``playingChanged``: freeze on play, collect when idle."""

    def __init__(self, parent: QtCore.QObject | None = None):
        super().__init__(parent)
        self.full_collections = 0  # how many idle full collections ran (tests read it)
        self._idle = QtCore.QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(IDLE_MS)
        self._idle.timeout.connect(self.collect)
        self._idle.start()  # the objects of start-up

    def playing(self, on: bool) -> None:
        if on:
            self._idle.stop()
            if gc.isenabled():
                gc.collect(1)  # the young garbage first (milliseconds): frozen garbage would stay until the pause
                gc.freeze()
        else:
            self._idle.start()

    def user_active(self) -> None:
        """The user is at work in the window (a key, a click, the mouse moving): a pending idle
        collection waits for IDLE_MS of quiet from now, so it never freezes the window under the
        user's hand (it takes 60-130 ms)."""
        if self._idle.isActive():
            self._idle.start()

    def collect(self) -> None:
        """One full collection now, then freeze the survivors (also called at idle)."""
        if not gc.isenabled():  # someone else manages the collector (a profiler, a test): leave it alone
            return
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        self.full_collections += 1

    def release(self) -> None:
        """Give the frozen objects back to the collector (the window closes)."""
        self._idle.stop()
        gc.unfreeze()

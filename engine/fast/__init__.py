"""The compiled fast path of the engine (numba), used transparently by :class:`engine.Runner`.

A Runner takes the fast path when all of these hold:

* the objective exposes **scalar kernels** (the protocol :class:`ScalarKernels`,
  read from ``objective.scalar_kernels``): plain Python functions of ``x, y``
  and the surface's parameters that compute exactly what the objective's
  array functions compute, point by point;
* the racer is deterministic (no ``batch_size`` mini-batches, no ``noise``;
  schedules are fine: the lr table is passed in);
* the compiled kernels are loaded (see below) and ``GRADIENT_ARENA_NO_JIT`` is
  not set to ``1``.

Otherwise the NumPy path (``engine/optimizers/*.py``, the reference) runs,
and a Runner that started on it switches over, mid-run and bit for bit, as
soon as the kernels are ready. Both paths give the same bits (tests/engine/
test_fast.py checks every optimizer on every surface).

Two compiled loops: the step loop (:mod:`engine.fast.kernel`: every family, every
surface through C callbacks, one lane after the other, history recorded; races
and single runs) and, for a Runner alone with many runs and ``record="final"``
(maps, sweeps, many starts), a blocked lane loop per surface x family
(:mod:`engine.fast.lanes`: vectorized across lanes, split between threads,
``GRADIENT_ARENA_THREADS`` overrides the count). Both inline the same update
rules (:mod:`engine.fast.rules`) and give the NumPy path's bits
(tests/engine/test_lanes.py).

Loading: nothing here imports numba. The first Runner that could use the fast
path starts a background thread (:func:`start`) that imports numba and loads
the step loop from numba's on-disk cache; when that cache is empty or stale, a
child process compiles it first (:mod:`engine.fast.build`: compiling in this
process would hold the GIL in long stretches and stall a window), so the
window's process only ever loads machine code. Big jobs (``advance`` of many
point-steps) wait for it (:func:`wait`). The cache lives in numba's default
place (``__pycache__`` next to ``engine/fast/kernel.py``) when that is
writable, else in ``~/.cache/gradient-arena/numba`` (``$XDG_CACHE_HOME``
honoured); ``NUMBA_CACHE_DIR`` overrides both. Per-surface C callbacks and
lane loops are generated as small modules in ``~/.cache/gradient-arena/kernels``
(older versions of a kernel set are deleted) and cached the same way; they too
are made in the background, in a child process when not cached yet
(:func:`prepare`, :func:`ready_for`, :func:`prepare_lanes`, :func:`lanes_for`),
so a window never waits for a compilation: its racers step on NumPy (or the
step loop) meanwhile and switch over, bit for bit. A window drawing a surface
switch holds new loads back for a moment (:func:`hold_loading`): loading machine
code holds the GIL in stretches of tens of milliseconds.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Iterator
from typing import Any

from .protocol import ENV_NO_JIT, ScalarKernels, disabled, kernels_of

# Before numba is imported (every import of it goes through this package): numba formats the messages
# of the typing attempts it drops while compiling through colorama (which the plotting library installs),
# whose init and deinit assign sys.stdout and sys.stderr from the compiling thread. A background compile
# could so put back a stream that the main thread had replaced meanwhile: a CLI called in-process lost
# its output to it.
os.environ.setdefault("NUMBA_DISABLE_ERROR_MESSAGE_HIGHLIGHTING", "1")

__all__ = [
    "ENV_NO_JIT",
    "ScalarKernels",
    "disabled",
    "flat_error",
    "flat_kernels",
    "hold_loading",
    "kernels_of",
    "lanes_error",
    "lanes_for",
    "load_error",
    "prepare",
    "prepare_error",
    "prepare_lanes",
    "ready",
    "ready_for",
    "start",
    "wait",
    "wait_for",
]

_lock = threading.Lock()
_thread: threading.Thread | None = None
_done = threading.Event()
_error: BaseException | None = None
kernel_module: Any = None  # engine.fast.kernel once loaded


#: the GIL switch interval while a loader thread runs (s). A thread that releases the GIL on every
#: call into Qt (a window's main thread) waits up to one interval to get it back from a thread busy
#: in Python (importing numba, loading machine code): with the default 5 ms, a frame of a few
#: hundred Qt calls stalls for tenths of a second. Restored when no loader runs.
LOADING_SWITCH_INTERVAL = 0.0002
_polite_count = 0
_polite_saved = 0.005


#: a loader thread works at most this share of the time while nobody waits for it (:func:`wait` ...):
#: it sleeps between slices of Python work (importing numba is ~0.5 s of it), so a window's frames are
#: not slowed by more than that share while the compiled code loads (which then takes longer); a
#: caller that waits (a big job, a test, the command line) lifts the pause
LOADER_DUTY = 0.4
_waiting = 0  # callers blocked in wait / wait_for / lanes_for
_SLICE_S = 0.002


def _throttle() -> Any:
    """A profile hook for a loader thread: sleep (releasing the GIL) after every slice of work."""
    import time

    state = [time.perf_counter()]
    pause = _SLICE_S * (1.0 - LOADER_DUTY) / LOADER_DUTY

    def hook(frame: Any, event: str, arg: Any) -> None:
        if event == "call" and not _waiting:
            now = time.perf_counter()
            if now - state[0] > _SLICE_S:
                time.sleep(pause)
                state[0] = time.perf_counter()

    return hook


@contextlib.contextmanager
def _polite() -> Iterator[None]:
    """Run a loader with a short GIL switch interval (see :data:`LOADING_SWITCH_INTERVAL`) and at a low
    duty unless someone waits for it (:data:`LOADER_DUTY`)."""
    global _polite_count, _polite_saved
    with _lock:
        if _polite_count == 0:
            _polite_saved = sys.getswitchinterval()
            sys.setswitchinterval(min(_polite_saved, LOADING_SWITCH_INTERVAL))
        _polite_count += 1
    sys.setprofile(_throttle())
    try:
        yield
    finally:
        sys.setprofile(None)
        with _lock:
            _polite_count -= 1
            if _polite_count == 0:
                sys.setswitchinterval(_polite_saved)


def _load() -> None:
    with _polite():
        _load_step_loop()


def _load_step_loop() -> None:
    global kernel_module, _error
    try:
        from . import loader

        loader.configure_cache()
        from .build import clear_step_loop_cache, mark, run_child, step_loop_stamp

        stamp = step_loop_stamp()
        if not stamp.exists():  # not compiled yet: a child process fills numba's cache (no GIL held here)
            clear_step_loop_cache()  # numba would reuse a step loop built from other rules
            run_child(_pending())  # with the callbacks asked for so far (one child: numba is imported once)
        from . import kernel

        kernel.warm_up()  # every specialization in memory (from numba's cache)
        mark(stamp)
        kernel_module = kernel
    except BaseException as exc:  # noqa: BLE001 - any failure means: NumPy path
        _error = exc
    finally:
        _done.set()


@contextlib.contextmanager
def _urgent() -> Iterator[None]:
    """While a caller waits, the loader threads run at full speed."""
    global _waiting
    with _lock:
        _waiting += 1
    try:
        yield
    finally:
        with _lock:
            _waiting -= 1


def start() -> bool:
    """Start loading the compiled kernels in a background thread (once); False if disabled."""
    global _thread
    if disabled():
        return False
    with _lock:
        if _thread is None:
            _thread = threading.Thread(target=_load, name="gradient-arena-jit", daemon=True)
            _thread.start()
    return True


def ready() -> bool:
    """True when the compiled kernels are loaded (never blocks)."""
    return kernel_module is not None and not disabled()


def wait(timeout: float | None = None) -> bool:
    """Start loading if needed and wait up to ``timeout`` seconds; True when ready."""
    if not start():
        return False
    with _urgent():
        _done.wait(timeout)
    return ready()


def load_error() -> BaseException | None:
    """Why loading failed (None if it did not, or has not finished)."""
    return _error


_prepared: dict[tuple, threading.Event] = {}
_prepare_errors: dict[tuple, BaseException] = {}


def _key(kernels: Any) -> tuple:
    from .callbacks import key_of  # a leaf without numba: cheap to import

    return key_of(kernels)


_asked: dict[tuple, Any] = {}  # key -> kernels whose callbacks were asked for (prepare)


def _pending() -> list[str]:
    from .build import describe
    from .callbacks import cached

    with _lock:
        asked = list(_asked.values())
    return [s for s in (describe(k) for k in asked if not cached(k)) if s is not None]


def _build(kernels: Any, fams: tuple[int, ...] | None = None) -> None:
    """Compile the callbacks of ``kernels`` (or their lane loops of ``fams``) in a child process unless cached."""
    from .build import describe, run_child
    from .callbacks import cached

    todo = () if fams is None else tuple(f for f in fams if not cached(kernels, f))
    if (fams is None and not cached(kernels)) or todo:
        spec = describe(kernels, todo)
        if spec is not None:
            run_child([spec])


def _prepare(key: tuple, kernels: Any) -> None:
    _done.wait()
    _quiet()
    with _polite():
        _prepare_callbacks(key, kernels)


def _prepare_callbacks(key: tuple, kernels: Any) -> None:
    try:
        if kernel_module is not None:
            from .callbacks import callbacks_for

            _build(kernels)
            callbacks_for(kernels)
    except BaseException as exc:  # noqa: BLE001 - the compiler refused these kernels: NumPy path
        _prepare_errors[key] = exc
    finally:
        _prepared[key].set()


def prepare(kernels: Any) -> bool:
    """Load the step loop and compile (or load) the callbacks of ``kernels`` in the background, once."""
    if disabled():
        return False
    key = _key(kernels)
    with _lock:
        _asked.setdefault(key, kernels)
    start()
    with _lock:
        if key not in _prepared:
            _prepared[key] = threading.Event()
            threading.Thread(target=_prepare, args=(key, kernels), name="gradient-arena-kernels", daemon=True).start()
    return True


def ready_for(kernels: Any) -> bool:
    """True when the step loop and the callbacks of ``kernels`` are loaded (never blocks; starts them)."""
    if not prepare(kernels):
        return False
    key = _key(kernels)
    return ready() and _prepared[key].is_set() and key not in _prepare_errors


def wait_for(kernels: Any, timeout: float | None = None) -> bool:
    """Like :func:`wait`, for the step loop and the callbacks of ``kernels``."""
    if not prepare(kernels):
        return False
    key = _key(kernels)
    with _urgent():
        _prepared[key].wait(timeout)
    return ready_for(kernels)


def prepare_error(kernels: Any) -> BaseException | None:
    """Why the callbacks of ``kernels`` could not be made (None if they could, or are not made yet)."""
    return _prepare_errors.get(_key(kernels))


_quiet_until = 0.0  # time.monotonic() before which loader threads start no new load (hold_loading)


def hold_loading(seconds: float) -> None:
    """Loader threads start no new load for ``seconds`` unless someone waits for one (a window drawing
    a surface switch: loading a surface's compiled code holds the GIL in stretches of tens of ms, and the
    new race's racers step on NumPy meanwhile, with the same bits). Loads under way go on."""
    import time

    global _quiet_until
    _quiet_until = max(_quiet_until, time.monotonic() + seconds)


def _quiet() -> None:
    """Wait (without the GIL) until :func:`hold_loading`'s time is up, or someone waits for a load."""
    import time

    while not _waiting:
        left = _quiet_until - time.monotonic()
        if left <= 0:
            return
        time.sleep(min(left, 0.02))


_lanes: dict[tuple, threading.Event] = {}
_lanes_fn: dict[tuple, Any] = {}
_lanes_errors: dict[tuple, BaseException] = {}
_lanes_queue: dict[tuple, set[int]] = {}  # kernels key -> families asked for and not taken up yet
_lanes_workers: set[tuple] = set()  # kernels keys with a worker thread


def _lanes_worker(kkey: tuple, kernels: Any) -> None:
    """Build (in one child process) and load the lane loops asked for on ``kernels``, until none is left."""
    _done.wait()
    while True:
        with _lock:
            fams = sorted(_lanes_queue.pop(kkey, ()))
            if not fams:
                _lanes_workers.discard(kkey)
                return
        _quiet()
        with _polite():
            _load_lanes(kkey, kernels, fams)


def _load_lanes(kkey: tuple, kernels: Any, fams: list[int]) -> None:
    try:
        if kernel_module is not None:
            _build(kernels, tuple(fams))
    except BaseException:  # noqa: BLE001 - no child: each loop is compiled here below
        pass
    for fam in fams:
        key = (*kkey, fam)
        try:
            if kernel_module is not None:
                from .callbacks import lanes_for as make

                _lanes_fn[key] = make(kernels, fam)
        except BaseException as exc:  # noqa: BLE001 - the compiler refused: the scalar loop serves
            _lanes_errors[key] = exc
        finally:
            _lanes[key].set()


def prepare_lanes(kernels: Any, fam: int) -> bool:
    """Compile (or load) the blocked lane loop of family ``fam`` on ``kernels`` in the background, once.

    Families asked for together on the same kernels are built by one child process."""
    if disabled():
        return False
    kkey = _key(kernels)
    key = (*kkey, fam)
    with _lock:
        if key in _lanes:
            return True
        _lanes[key] = threading.Event()
        _lanes_queue.setdefault(kkey, set()).add(fam)
        if kkey not in _lanes_workers:
            _lanes_workers.add(kkey)
            worker = threading.Thread(target=_lanes_worker, args=(kkey, kernels), name="gradient-arena-lanes")
            worker.daemon = True
            worker.start()
    start()
    return True


def lanes_for(kernels: Any, fam: int, timeout: float | None = 0.0) -> Any:
    """The blocked lane loop (engine.fast.lanes) if it is ready within ``timeout`` s (starts it), else None."""
    if not prepare_lanes(kernels, fam):
        return None
    key = (*_key(kernels), fam)
    if timeout is None or timeout > 0:
        with _urgent():
            _lanes[key].wait(timeout)
    return _lanes_fn.get(key)


def lanes_error(kernels: Any, fam: int) -> BaseException | None:
    """Why the lane loop of ``kernels`` x ``fam`` could not be made (None if it could, or is not made yet)."""
    return _lanes_errors.get((*_key(kernels), fam))


_flat_done = threading.Event()
_flat_thread: threading.Thread | None = None
_flat_error: BaseException | None = None
flat_module: Any = None  # engine.fast.flat once loaded


def _load_flat() -> None:
    global flat_module, _flat_error
    _done.wait()  # the step loop's loader imports numba and points its cache first
    try:
        if kernel_module is None:
            raise RuntimeError("the compiled step loop did not load") from _error
        with _polite():
            from .build import FLAT, clear_flat_cache, flat_stamp, mark, run_child

            stamp = flat_stamp()
            if not stamp.exists():  # compiled in a child process (no GIL held here), then loaded
                clear_flat_cache()
                run_child([FLAT])
            from . import flat

            flat.warm_up()
            mark(stamp)
            flat_module = flat
    except BaseException as exc:  # noqa: BLE001 - any failure means: NumPy path
        _flat_error = exc
    finally:
        _flat_done.set()


def flat_kernels(timeout: float | None = 0.0) -> Any:
    """The compiled flat-vector steps (:mod:`engine.fast.flat`, for network racers) if loaded within
    ``timeout`` seconds (None: as long as it takes), else None; the first call starts loading them in
    the background (after the step loop). None when disabled (``GRADIENT_ARENA_NO_JIT=1``)."""
    global _flat_thread
    if disabled() or not start():
        return None
    with _lock:
        if _flat_thread is None:
            _flat_thread = threading.Thread(target=_load_flat, name="gradient-arena-flat", daemon=True)
            _flat_thread.start()
    if flat_module is None and (timeout is None or timeout > 0):
        with _urgent():
            _flat_done.wait(timeout)
    return flat_module


def flat_error() -> BaseException | None:
    """Why the flat-vector steps could not be loaded (None if they could, or are not loaded yet)."""
    return _flat_error

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

Loading: nothing here imports numba. The first Runner that could use the fast
path starts a background thread (:func:`start`) that imports numba and loads
the step loop from numba's on-disk cache (compiling it once if the cache is
empty or stale); big jobs (``advance`` of many point-steps) wait for it
(:func:`wait`). The cache lives in numba's default place (``__pycache__`` next
to ``engine/fast/kernel.py``) when that is writable, else in
``~/.cache/gradient-arena/numba`` (``$XDG_CACHE_HOME`` honoured);
``NUMBA_CACHE_DIR`` overrides both. Per-surface C callbacks are generated as
small modules in ``~/.cache/gradient-arena/kernels`` and cached the same way.
"""

from __future__ import annotations

import threading
from typing import Any

from .protocol import ENV_NO_JIT, ScalarKernels, disabled, kernels_of

__all__ = ["ENV_NO_JIT", "ScalarKernels", "disabled", "kernels_of", "ready", "start", "wait", "load_error"]

_lock = threading.Lock()
_thread: threading.Thread | None = None
_done = threading.Event()
_error: BaseException | None = None
kernel_module: Any = None  # engine.fast.kernel once loaded


def _load() -> None:
    global kernel_module, _error
    try:
        from . import loader

        loader.configure_cache()
        from . import kernel
        from .plan import warm_up

        warm_up(kernel)  # every specialization in memory (from numba's cache when present)
        kernel_module = kernel
    except BaseException as exc:  # noqa: BLE001 - any failure means: NumPy path
        _error = exc
    finally:
        _done.set()


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
    _done.wait(timeout)
    return ready()


def load_error() -> BaseException | None:
    """Why loading failed (None if it did not, or has not finished)."""
    return _error

"""Keep glibc from returning freed heap to the OS after every NumPy temporary.

A batched step over 10,000 runs makes temporaries of 160 KB. With glibc's
defaults, freeing them shrinks the heap top past ``M_TRIM_THRESHOLD`` and the
next allocation faults the pages in again: an expression with three such
temporaries alive took 188 us instead of 18 us (benchmarks/engine.py shows the
effect on the whole step). Padding the heap top by 64 MB
(``mallopt(M_TOP_PAD, 64 MB)``, the same as ``MALLOC_TOP_PAD_``) keeps those pages;
it changes nothing else and is skipped where the C library is not glibc.
"""

from __future__ import annotations

import sys

M_TOP_PAD = -2
TOP_PAD_BYTES = 64 * 1024 * 1024
_done = False


def tune_malloc() -> bool:
    """Apply the heap padding once; return True if it took effect."""
    global _done
    if _done or not sys.platform.startswith("linux"):
        return _done
    import ctypes  # here, not at start-up; and no ctypes.util.find_library: it forks ldconfig

    try:
        libc = ctypes.CDLL(None)  # the process's own symbols: glibc's mallopt where glibc runs
        _done = bool(libc.mallopt(M_TOP_PAD, TOP_PAD_BYTES))
    except (OSError, AttributeError):
        _done = False
    return _done

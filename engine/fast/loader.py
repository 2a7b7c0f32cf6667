"""Import numba with a writable cache directory, load the step loop, warm it up.

Only :func:`engine.fast._load` (a background thread) and tests import this module.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def user_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "gradient-arena"


def _writable(directory: Path) -> bool:
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=directory):
            pass
        return True
    except OSError:
        return False


def configure_cache() -> str | None:
    """Point numba's cache at a writable place (before numba is imported); return it (None: default)."""
    if os.environ.get("NUMBA_CACHE_DIR"):
        return os.environ["NUMBA_CACHE_DIR"]
    if _writable(Path(__file__).resolve().parent / "__pycache__"):
        return None
    for candidate in (user_cache_dir() / "numba", Path(tempfile.gettempdir()) / "gradient-arena-numba"):
        if _writable(candidate):
            os.environ["NUMBA_CACHE_DIR"] = str(candidate)
            import numba.core.config as config  # the env var is read at import; set both

            config.CACHE_DIR = str(candidate)  # type: ignore[attr-defined]
            return str(candidate)
    return None


def kernels_dir() -> Path:
    """Where the generated per-surface callback modules live (a writable directory)."""
    for candidate in (user_cache_dir() / "kernels", Path(tempfile.gettempdir()) / "gradient-arena-kernels"):
        if _writable(candidate):
            return candidate
    raise OSError("no writable directory for the generated kernels")


def numba_version() -> str:
    """numba's version, without importing numba."""
    from importlib.metadata import version

    try:
        return version("numba")
    except Exception:  # noqa: BLE001 - not installed: the loader fails anyway
        return "?"

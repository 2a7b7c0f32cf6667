"""Compile the fast path's machine code in a separate process, so a window only ever loads it.

Compiling the step loop (about 10 s the first time), a surface's callbacks or a blocked
lane loop (about 1 s each) is mostly Python work inside numba: in the window's process
it would hold the GIL in long stretches and stall the event loop.  The background
loader (:mod:`engine.fast`) therefore asks a child process (``python -m
engine.fast.build``, at a lower priority) to fill numba's on-disk cache when a cache
is missing, waits for it without holding the GIL, and then loads the cached code.

Which caches exist is known without importing numba: a stamp file per source hash
for the step loop (:func:`step_loop_stamp`), and the generated modules' own files
and their numba index files for the callbacks and lane loops
(:func:`engine.fast.callbacks.cached`).

    python -m engine.fast.build [--flat] [KERNELS_JSON ...]

builds the step loop (``--flat``: and the flat-vector steps of engine.fast.flat), and for each
``KERNELS_JSON`` (``{"vg": "module:name", "gr": ..., "hs": ..., "layout": "xy", "nparams": N,
"fams": [...], "files": {module: path}}``: the kernels' importable names, and the files of modules not
on the path such as generated formula modules) their callbacks and the lane loops of the families listed.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
#: the first argument that asks the child to build the flat-vector steps too (engine.fast.flat)
FLAT = "--flat"  # the directory that holds the engine package
#: a build that takes longer than this is given up (the loader then compiles in its own process)
TIMEOUT_S = 600.0


def step_loop_stamp() -> Path:
    """The file whose existence says the step loop is in numba's cache for these sources."""
    from .loader import numba_version, user_cache_dir

    digest = hashlib.sha256()
    for own in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(own.read_bytes())
    digest.update(numba_version().encode())
    digest.update(sys.version.encode())
    digest.update(os.environ.get("NUMBA_CACHE_DIR", str(Path(__file__).parent)).encode())
    return user_cache_dir() / "stamps" / f"step-{digest.hexdigest()[:20]}"


def flat_stamp() -> Path:
    """The file whose existence says the flat-vector steps (engine.fast.flat) are in numba's cache."""
    from .loader import numba_version, user_cache_dir

    digest = hashlib.sha256()
    for own in ("flat.py", "rules.py"):
        digest.update((Path(__file__).parent / own).read_bytes())
    digest.update(numba_version().encode())
    digest.update(sys.version.encode())
    digest.update(os.environ.get("NUMBA_CACHE_DIR", str(Path(__file__).parent)).encode())
    return user_cache_dir() / "stamps" / f"flat-{digest.hexdigest()[:20]}"


def clear_flat_cache() -> None:
    """Delete numba's cached flat-vector steps (they inline rules.py: see :func:`clear_step_loop_cache`)."""
    if os.environ.get("NUMBA_CACHE_DIR"):
        return
    for pattern in ("flat.*.nbi", "flat.*.nbc"):
        for cached in (Path(__file__).parent / "__pycache__").glob(pattern):
            try:
                cached.unlink()
            except OSError:
                pass


def clear_step_loop_cache() -> None:
    """Delete numba's cached step loop (kernel.py and rules.py functions) next to the sources.

    numba keys a cached function by its own file only: the step loop of kernel.py inlines
    rules.update, so after an edit of rules.py alone numba would load the old machine code.
    Called when the sources' stamp (a hash of every file here) is missing, before the build.
    Only numba's default in-tree cache is cleared (with ``NUMBA_CACHE_DIR`` set, clear it by hand).
    """
    if os.environ.get("NUMBA_CACHE_DIR"):
        return
    for pattern in ("kernel.*.nbi", "kernel.*.nbc", "rules.*.nbi", "rules.*.nbc"):
        for cached in (Path(__file__).parent / "__pycache__").glob(pattern):
            try:
                cached.unlink()
            except OSError:
                pass


#: stamps of other sources (another checkout, an older version) are deleted when unused this long
STAMP_DAYS = 7


def mark(stamp: Path) -> None:
    """Create (or touch) ``stamp``, and delete stamps of its kind unused for :data:`STAMP_DAYS` days."""
    import time

    try:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.touch()
        for old in stamp.parent.glob(stamp.name.split("-")[0] + "-*"):
            if old != stamp and time.time() - old.stat().st_mtime > STAMP_DAYS * 24 * 3600:
                old.unlink(missing_ok=True)
    except OSError:
        pass


def describe(kernels: Any, fams: tuple[int, ...] = ()) -> str | None:
    """The kernels as the child process finds them (JSON; with the families whose lane loops to build),
    or None when they are not importable."""
    from .callbacks import _importable, _kernels

    names: dict[str, Any] = {}
    files: dict[str, str] = {}
    for key, fn in _kernels(kernels).items():
        if fn is None:
            names[key] = None
            continue
        where = _importable(fn)
        if where is None:
            return None
        names[key] = f"{where[0]}:{where[1]}"
        files[where[0]] = str(sys.modules[where[0]].__file__)
    names["files"] = files
    names["layout"] = getattr(kernels, "layout", "xy")
    names["nparams"] = len(tuple(kernels.params))
    names["fams"] = list(fams)
    return json.dumps(names, sort_keys=True)


_children: set[subprocess.Popen] = set()  # builds under way: stopped when this process exits


def _stop_children() -> None:
    """A build never outlives the program that asked for it (it would write on into a cache, or a
    virtual environment, that may be going away); the next start builds again."""
    for child in list(_children):
        try:
            child.kill()
            child.wait(timeout=5)
        except (OSError, subprocess.SubprocessError):
            pass


atexit.register(_stop_children)


def run_child(args: list[str]) -> bool:
    """Run ``python -m engine.fast.build ARGS`` at a lower priority; True when it succeeded."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    try:
        child = subprocess.Popen(
            [sys.executable, "-m", "engine.fast.build", *args],
            env=env, cwd=str(ROOT), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
    except OSError:
        return False
    _children.add(child)
    try:
        return child.wait(timeout=TIMEOUT_S) == 0
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
        return False
    finally:
        _children.discard(child)


def _kernels_from(text: str) -> Any:
    import importlib
    import importlib.util
    from types import SimpleNamespace

    spec = json.loads(text)
    files = spec.get("files", {})

    def imported(module: str) -> Any:
        if module in sys.modules:
            return sys.modules[module]
        try:
            return importlib.import_module(module)
        except ModuleNotFoundError:
            if module not in files:
                raise
        # a module loaded from its file (a generated formula module in the cache)
        found = importlib.util.spec_from_file_location(module, files[module])
        assert found is not None and found.loader is not None
        loaded = importlib.util.module_from_spec(found)
        sys.modules[module] = loaded
        found.loader.exec_module(loaded)
        return loaded

    def load(name: str | None) -> Any:
        if name is None:
            return None
        module, attr = name.split(":")
        return getattr(imported(module), attr)

    return SimpleNamespace(
        value_and_grad=load(spec["vg"]), grad=load(spec["gr"]), hessian=load(spec["hs"]),
        layout=spec["layout"], params=(0.0,) * int(spec["nparams"]),
    )  # fmt: skip


def main(argv: list[str]) -> int:
    try:
        os.nice(5)  # the window's process keeps the cores first
    except OSError:
        pass
    from . import loader

    loader.configure_cache()
    from . import kernel

    kernel.warm_up()
    mark(step_loop_stamp())
    from .callbacks import callbacks_for, lanes_for

    if argv[:1] == [FLAT]:
        from . import flat

        flat.warm_up()
        mark(flat_stamp())
        argv = argv[1:]
    for text in argv:
        kernels = _kernels_from(text)
        callbacks_for(kernels)
        for fam in json.loads(text).get("fams", []):
            lanes_for(kernels, int(fam))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Writing files so that a failure never leaves a half-written file under the chosen name.

Every export writes to a hidden temporary file next to its target
(``.name.XXXXXXXX.tmp.ext``), checks it, and renames it onto the target; on any
failure the temporary file is removed and :class:`ExportError` raised with a
one-line message for the user. Qt-free: the CLI, the engine's CSV and the
window's exports all use it.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable

__all__ = [
    "ExportError",
    "atomic_write_text",
    "check_target",
    "reason",
    "temp_sibling",
    "write_atomically",
    "write_bytes",
]


class ExportError(Exception):
    """An export was refused or failed; ``str(exc)`` is one line meant for the user."""


def check_target(path: str) -> str:
    """The absolute target path, after checking its folder exists and can be written."""
    path = os.fspath(path)
    if not path or os.path.basename(path) in ("", ".", ".."):
        raise ExportError(f"cannot write {path!r}: no file name given")
    target = os.path.abspath(path)
    folder = os.path.dirname(target)
    if os.path.isdir(target):
        raise ExportError(f"cannot write '{path}': it is a folder")
    if not os.path.isdir(folder):
        raise ExportError(f"cannot write '{path}': folder does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportError(f"cannot write '{path}': folder is not writable")
    if os.path.exists(target) and not os.access(target, os.W_OK):
        raise ExportError(f"cannot write '{path}': the existing file is read-only")
    return target


def reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror[0].lower() + exc.strerror[1:]
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def temp_sibling(target: str) -> str:
    """Create (empty, mode 0666 & ~umask like any new file) a hidden temporary file
    next to ``target`` with the same extension; return its path."""
    folder, name = os.path.split(target)
    stem, ext = os.path.splitext(name)
    for _ in range(20):
        tmp = os.path.join(folder, f".{stem}.{secrets.token_hex(4)}.tmp{ext}")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        os.close(fd)
        return tmp
    raise FileExistsError(f"no free temporary name in {folder}")


def write_atomically(target: str, shown: str, write: Callable[[str], None]) -> None:
    """Call ``write(tmp)`` on a temporary sibling of ``target``, check the result and
    rename it onto ``target``. ``write`` raises ExportError (or anything) on failure;
    the temporary file is removed on every failure path."""
    tmp = None
    try:
        try:
            tmp = temp_sibling(target)
        except OSError as exc:
            raise ExportError(f"cannot write '{shown}': {reason(exc)}") from None
        write(tmp)
        try:
            size = os.path.getsize(tmp)
        except OSError as exc:
            raise ExportError(f"cannot write '{shown}': {reason(exc)}") from None
        if size <= 0:
            raise ExportError(f"cannot write '{shown}': the written file is empty")
        try:
            os.replace(tmp, target)
        except OSError as exc:
            raise ExportError(f"cannot write '{shown}': {reason(exc)}") from None
        tmp = None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.remove(tmp)


def write_bytes(data: bytes, target: str, shown: str) -> None:
    def write(tmp: str) -> None:
        try:
            with open(tmp, "wb") as fh:
                fh.write(data)
        except OSError as exc:
            raise ExportError(f"cannot write '{shown}': {reason(exc)}") from None

    write_atomically(target, shown, write)


def atomic_write_text(path: str, text: str) -> None:
    """Write ``text`` (UTF-8, newlines as given) to ``path`` via a temporary sibling and an atomic rename.

    Raises ``OSError`` as ``open`` would (callers word it for their users); nothing is
    left behind on failure.
    """
    target = os.path.abspath(os.fspath(path))
    tmp = temp_sibling(target)
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(tmp)
        raise

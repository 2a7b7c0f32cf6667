"""Writing files so that a failure never leaves a half-written file and never loses a user's file.

One output-path layer for every writer (the CLI, the engine's CSV, sessions, the
window's exports):

* :func:`resolve_output` checks a path before any work starts: an empty path, a
  folder, a missing folder, a file name longer than the file system allows, a
  read-only file or folder, a socket or block device are refused with an
  :class:`OutputError` (an ``OSError`` whose ``strerror`` is one line for the
  user). A symlink is followed: the file it points to is written and the link
  stays. A FIFO or a character device (``/dev/stdout``) is written directly.
* :func:`check_outputs` resolves every output of one job at once and refuses two
  outputs naming one file, or an output over one of the job's input files.
* Regular files are written to a hidden temporary file next to the target
  (``.name.XXXXXXXX.tmp.ext``, shortened so it stays within the 255-byte name
  limit), checked, and renamed onto the target (keeping the old file's
  permissions); on any failure the temporary file is removed. A full disk says
  so ("no space left on device").

:class:`ExportError` is what the image and animation exporters raise (one line
for the user). Qt-free.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

__all__ = [
    "NAME_MAX",
    "ExportError",
    "Output",
    "OutputError",
    "StagedOutputs",
    "atomic_write_text",
    "check_outputs",
    "check_target",
    "open_output",
    "reason",
    "resolve_output",
    "shown_path",
    "temp_sibling",
    "write_atomically",
    "write_bytes",
]

NAME_MAX = 255  # bytes in one file name (Linux, macOS, Windows)
PATH_MAX = 4096


class ExportError(Exception):
    """An export was refused or failed; ``str(exc)`` is one line meant for the user."""


class OutputError(OSError):
    """An output path was refused before anything was written; ``strerror`` says why (one line)."""

    def __init__(self, code: int, why: str, path: str = ""):
        super().__init__(code, why, path)


def shown_path(path: object) -> str:
    """A path as typed, on one line: control characters and lone surrogates backslash-escaped."""
    text = os.fspath(path) if isinstance(path, (str, os.PathLike)) else str(path)
    if isinstance(text, bytes):
        text = text.decode("utf-8", "backslashreplace")
    return one_line(text)


def one_line(text: str) -> str:
    """``text`` with control characters (newlines, escapes, NUL) and lone surrogates escaped."""
    out = []
    for ch in text:
        code = ord(ch)
        if code < 32 or code == 127 or 0x80 <= code < 0xA0 or 0xD800 <= code <= 0xDFFF:
            out.append(
                {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch, f"\\x{code:02x}" if code < 256 else f"\\u{code:04x}")
            )
        else:
            out.append(ch)
    return "".join(out)


def reason(exc: BaseException) -> str:
    """Why an operation failed, in one lower-case line (``no space left on device``)."""
    if isinstance(exc, OSError) and exc.strerror:
        text = one_line(exc.strerror)
        return text[0].lower() + text[1:]
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {one_line(lines[0])}" if lines else type(exc).__name__


@dataclass(frozen=True)
class Output:
    """One checked output: ``shown`` as the user typed it, ``target`` the file that will be
    written (symlinks followed), ``special`` for a FIFO or character device (written directly)."""

    shown: str
    target: str
    special: bool = False
    what: str = ""


def _kind(mode: int) -> str:
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISBLK(mode):
        return "a block device"
    return "not a regular file"


def resolve_output(path: Any, what: str = "") -> Output:
    """Check that ``path`` can be written as an output file; raise :class:`OutputError` otherwise."""
    if isinstance(path, bytes) or not isinstance(path, (str, os.PathLike)):
        raise OutputError(errno.EINVAL, f"not a file path: {path!r}")
    text = os.fspath(path)
    if not isinstance(text, str):
        raise OutputError(errno.EINVAL, "not a file path")
    shown = shown_path(text)
    if not text.strip():
        raise OutputError(errno.ENOENT, "empty file name", shown)
    if "\x00" in text:
        raise OutputError(errno.EINVAL, "the file name contains a NUL character", shown)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise OutputError(errno.EINVAL, "the file name contains a lone surrogate", shown) from None
    if text.endswith(("/", os.sep)) or os.path.basename(text) in ("", ".", ".."):
        if os.path.isdir(text):
            raise OutputError(errno.EISDIR, "it is a folder, not a file", shown)
        raise OutputError(errno.EINVAL, "no file name given", shown)
    if len(os.fsencode(os.path.abspath(text))) >= PATH_MAX:
        raise OutputError(errno.ENAMETOOLONG, f"path too long (at most {PATH_MAX - 1} bytes)", shown)
    target = os.path.realpath(text)  # a symlink: the file it points to
    name = os.path.basename(target)
    size = len(os.fsencode(name))
    if size > NAME_MAX:
        raise OutputError(errno.ENAMETOOLONG, f"file name too long ({size} bytes; at most {NAME_MAX})", shown)
    folder = os.path.dirname(target)
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputError(exc.errno or errno.EIO, reason(exc), shown) from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise OutputError(errno.EISDIR, "it is a folder, not a file", shown)
        if stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode):
            if not os.access(target, os.W_OK):
                raise OutputError(errno.EACCES, "not writable", shown)
            return Output(shown, target, True, what)
        if not stat.S_ISREG(st.st_mode):
            raise OutputError(errno.EINVAL, f"is {_kind(st.st_mode)}: refusing to replace it", shown)
        if not os.access(target, os.W_OK):
            raise OutputError(errno.EACCES, "the existing file is read-only", shown)
    if not os.path.isdir(folder):
        raise OutputError(errno.ENOENT, f"folder does not exist ({shown_path(folder)})", shown)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(errno.EACCES, f"folder is not writable ({shown_path(folder)})", shown)
    return Output(shown, target, False, what)


def _same_file(a: str, b: str) -> bool:
    if a == b:
        return True
    try:
        return os.path.samefile(a, b)  # hard links, bind mounts
    except OSError:
        return False


def check_outputs(
    outputs: Sequence[tuple[str, Any]],
    inputs: Sequence[tuple[str, Any]] = (),
    may_replace: Sequence[tuple[str, str]] = (),
) -> dict[str, Output]:
    """Resolve every output of one job before any work starts.

    ``outputs`` are ``(what, path)`` pairs (``("--csv", "race.csv")``), ``inputs``
    ``(what, path)`` with ``what`` a phrase (``"the --session file this run reads"``);
    ``None`` paths are skipped. Refuses (:class:`OutputError`, message naming both) two
    outputs that name one file and an output over one of the inputs, except the
    ``(output what, input what)`` pairs in ``may_replace`` (re-saving a session over
    itself). Returns ``{what: Output}``.
    """
    checked: dict[str, Output] = {}
    for what, path in outputs:
        if path is None:
            continue
        try:
            out = resolve_output(path, what)
        except OutputError as exc:
            raise OutputError(exc.errno or errno.EINVAL, f"{what} '{shown_path(path)}': {exc.strerror}") from None
        for other in checked.values():
            if not (out.special and other.special) and _same_file(out.target, other.target):
                raise OutputError(
                    errno.EEXIST,
                    f"{other.what} and {what} both name '{out.shown}': give each output its own file",
                )
        checked[what] = out
    for what_in, path in inputs:
        if path is None:
            continue
        source = os.path.realpath(os.fspath(path))
        for out in checked.values():
            if (out.what, what_in) in may_replace or out.special:
                continue
            if _same_file(out.target, source):
                raise OutputError(
                    errno.EEXIST,
                    f"{out.what} '{out.shown}' is {what_in}: refusing to write over it",
                )
    return checked


def check_target(path: Any) -> str:
    """The file to write (symlinks followed), after :func:`resolve_output`'s checks; ExportError otherwise."""
    try:
        return resolve_output(path).target
    except OutputError as exc:
        raise ExportError(f"cannot write '{shown_path(path)}': {exc.strerror}") from None


def temp_sibling(target: str) -> str:
    """Create (empty, mode 0666 & ~umask like any new file) a hidden temporary file
    next to ``target`` with the same extension; return its path. The name stays
    within :data:`NAME_MAX` bytes however long the target's name is."""
    folder, name = os.path.split(target)
    stem, ext = os.path.splitext(name)
    if len(os.fsencode(ext)) > 16:  # no real extension: keep the name short instead
        stem, ext = name, ""
    room = NAME_MAX - len(f"..{'0' * 8}.tmp") - len(os.fsencode(ext))
    stem = os.fsencode(stem)[:room].decode("utf-8", "ignore")
    for _ in range(20):
        tmp = os.path.join(folder, f".{stem}.{secrets.token_hex(4)}.tmp{ext}")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        os.close(fd)
        return tmp
    raise FileExistsError(errno.EEXIST, f"no free temporary name in {shown_path(folder)}")


def _special(target: str) -> bool:
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)


def _keep_mode(target: str, tmp: str) -> None:
    """The new file keeps the permissions of the file it replaces."""
    with contextlib.suppress(OSError):
        os.chmod(tmp, stat.S_IMODE(os.stat(target).st_mode))


def write_atomically(target: str, shown: str, write: Callable[[str], None], allow_empty: bool = False) -> None:
    """Call ``write(tmp)`` on a temporary sibling of ``target``, check the result and
    rename it onto ``target``. ``write`` raises ExportError (or anything) on failure;
    the temporary file is removed on every failure path. A FIFO or character device
    target is written directly; a symlink is followed (the link stays)."""
    target = os.path.realpath(target)
    if _special(target):
        try:
            write(target)
        except OSError as exc:
            raise ExportError(f"cannot write '{shown}': {reason(exc)}") from None
        return
    tmp = None
    try:
        try:
            tmp = temp_sibling(target)
        except OSError as exc:
            raise ExportError(f"cannot write '{shown}': {reason(exc)}") from None
        try:
            write(tmp)
            size = os.path.getsize(tmp)
        except OSError as exc:
            raise ExportError(f"cannot write '{shown}': {reason(exc)}") from None
        if size <= 0 and not allow_empty:
            raise ExportError(f"cannot write '{shown}': the written file is empty")
        try:
            if os.path.exists(target):
                if not os.path.isfile(target):
                    raise OutputError(errno.EEXIST, "is not a regular file: refusing to replace it")
                _keep_mode(target, tmp)
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
        with open(tmp, "wb") as fh:
            fh.write(data)

    write_atomically(target, shown, write)


@contextlib.contextmanager
def open_output(path: str | os.PathLike) -> Iterator[TextIO]:
    """``with open_output(path) as fh: ...``: write a text file as it is produced, safely.

    A regular file is written under a temporary name and renamed onto ``path`` when the
    block ends without an exception (removed otherwise); a FIFO or character device is
    written directly; a symlink is followed. UTF-8 with the newlines given, lone
    surrogates backslash-escaped. Raises ``OSError`` (an :class:`OutputError` for a
    refused path), worded by the caller.
    """
    out = resolve_output(path)
    if out.special:
        with open(out.target, "w", encoding="utf-8", errors="backslashreplace", newline="") as fh:
            yield fh
        return
    tmp = temp_sibling(out.target)
    try:
        with open(tmp, "w", encoding="utf-8", errors="backslashreplace", newline="") as fh:
            yield fh
        if os.path.exists(out.target):
            if not os.path.isfile(out.target):
                raise OutputError(errno.EEXIST, "is not a regular file: refusing to replace it")
            _keep_mode(out.target, tmp)
        os.replace(tmp, out.target)
        tmp = ""
    finally:
        if tmp:
            with contextlib.suppress(OSError):
                os.remove(tmp)


def atomic_write_text(path: str | os.PathLike, text: str) -> None:
    """Write ``text`` (UTF-8, newlines as given) to ``path`` via :func:`open_output`.

    Raises ``OSError`` as ``open`` would (callers word it for their users); nothing is
    left behind on failure.
    """
    with open_output(path) as fh:
        fh.write(text)


class StagedOutputs:
    """Every output of one job written under temporary names first, and put in place only
    when all of them succeeded (:meth:`commit`); :meth:`discard` (or leaving the ``with``
    block by an exception) removes them, so a failure leaves no file behind and replaces
    none of the user's files.

    ``tmp = staged.stage(output)`` gives the path to write ``output`` to (next to the
    target, or in the system's temporary folder for a FIFO or device, which is written
    at commit).
    """

    def __init__(self) -> None:
        self.staged: list[tuple[Output, str]] = []

    def __enter__(self) -> StagedOutputs:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.discard()

    def stage(self, output: Output) -> str:
        if output.special:
            ext = os.path.splitext(output.target)[1][:16]
            fd, tmp = tempfile.mkstemp(prefix="gradient-arena.", suffix=ext)
            os.close(fd)
        else:
            tmp = temp_sibling(output.target)
        self.staged.append((output, tmp))
        return tmp

    def commit(self) -> list[Output]:
        """Put every staged file in place (symlinks followed, FIFOs and devices written
        directly, permissions of replaced files kept); OSError on failure."""
        done = []
        while self.staged:
            output, tmp = self.staged[0]
            if output.special:
                with open(tmp, "rb") as src, open(output.target, "wb") as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
                os.remove(tmp)
            else:
                if os.path.exists(output.target):
                    if not os.path.isfile(output.target):
                        raise OutputError(errno.EEXIST, "is not a regular file: refusing to replace it")
                    _keep_mode(output.target, tmp)
                os.replace(tmp, output.target)
            self.staged.pop(0)
            done.append(output)
        return done

    def discard(self) -> None:
        """Remove every staged file not yet put in place."""
        for _, tmp in self.staged:
            with contextlib.suppress(OSError):
                os.remove(tmp)
        self.staged.clear()

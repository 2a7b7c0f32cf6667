"""One-line error reporting for the command line, and output that never fails to encode."""

from __future__ import annotations

import argparse
import codecs
import re
import sys
import unicodedata

from export.files import one_line
from specs.param import read_number


class UsageError(Exception):
    """Bad input from the user: reported as ``error: ...`` with exit status 2."""


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line, ``error: ...``, exit status 2."""

    def error(self, message: str):  # noqa: D401 - argparse API
        sys.stderr.write(f"error: {one_line(message)} (see '{self.prog} --help')\n")
        sys.exit(2)


def fail(message: str) -> int:
    """Report ``message`` as one line (control characters escaped) on stderr; the exit status 2."""
    sys.stderr.write(f"error: {one_line(message)}\n")
    return 2


# ------------------------------------------------------------------ numbers on the command line
_WHOLE = re.compile(r"\A[+-]?[0-9]{1,30}\Z", re.ASCII)


def whole_number(text: str) -> int:
    """An argparse type: a whole number in plain ASCII digits (not ``1_0``, ``٥`` or ``１``)."""
    if not _WHOLE.match(text.strip()):
        raise argparse.ArgumentTypeError(f"invalid int value: {text!r} (a whole number in digits 0-9)")
    return int(text.strip())


def decimal_number(text: str) -> float:
    """An argparse type: a plain ASCII decimal number (``0.001``, ``1e-6``)."""
    try:
        return read_number(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid float value: {text!r} (a number such as 0.001 or 1e-6)") from None


# ------------------------------------------------------------------ text output in any locale
_ASCII = {"²": "^2", "³": "^3", "¹": "^1", "⁴": "^4", "·": "*", "×": "x", "−": "-", "—": "--", "–": "-", "…": "..."}
_ASCII.update({"√": "sqrt", "∇": "grad", "≤": "<=", "≥": ">=", "≈": "~", "∞": "inf", "λ": "lambda", "ε": "eps"})
_ASCII.update({"½": "1/2", "κ": "kappa", "σ": "sigma", "π": "pi", "∂": "d", "Δ": "Delta", "→": "->", "±": "+-"})
_ASCII.update({"α": "alpha", "β": "beta", "γ": "gamma", "η": "eta", "θ": "theta", "μ": "mu", "ρ": "rho"})


def _degrade(exc: UnicodeError) -> tuple[str, int]:
    """A codec error handler: transliterate what the terminal cannot show (``x²`` -> ``x^2``,
    ``é`` -> ``e``), backslash-escape the rest (lone surrogates included)."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = []
    for ch in exc.object[exc.start : exc.end]:
        plain = _ASCII.get(ch)
        if plain is None:
            decomposed = unicodedata.normalize("NFKD", ch)
            stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
            plain = stripped if stripped and stripped.isascii() and stripped.isprintable() else None
        if plain is None:
            code = ord(ch)
            plain = f"\\x{code:02x}" if code < 256 else f"\\u{code:04x}" if code < 65536 else f"\\U{code:08x}"
        out.append(plain)
    return "".join(out), exc.end


codecs.register_error("gradient-arena-degrade", _degrade)


def degrade_output(*streams) -> None:
    """Make ``streams`` (stdout, stderr) transliterate or escape what their encoding cannot hold
    instead of raising UnicodeEncodeError (an ASCII locale, a pipe with PYTHONIOENCODING=ascii)."""
    for stream in streams:
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="gradient-arena-degrade")
            except (ValueError, OSError):  # a closed or detached stream
                pass

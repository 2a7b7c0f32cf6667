"""One-line error reporting for the command line."""

from __future__ import annotations

import argparse
import sys


class UsageError(Exception):
    """Bad input from the user: reported as ``error: ...`` with exit status 2."""


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line, ``error: ...``, exit status 2."""

    def error(self, message: str):  # noqa: D401 - argparse API
        sys.stderr.write(f"error: {message} (see '{self.prog} --help')\n")
        sys.exit(2)


def fail(message: str) -> int:
    sys.stderr.write(f"error: {message}\n")
    return 2

"""Gradient Arena's command line: ``list``, ``race`` and ``gui``.

The headless commands never import Qt: the window's modules are imported only
by the ``gui`` command.
"""

from .main import main

__all__ = ["main"]

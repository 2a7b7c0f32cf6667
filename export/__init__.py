"""Qt-free export code: atomic file writing, export formats and options, the GIF and MP4 writers.

The window's image and animation exports (``gui.export``) and the headless CLI
build on these; nothing here imports Qt.
"""

from .files import ExportError, atomic_write_text, check_target, write_atomically, write_bytes

__all__ = ["ExportError", "atomic_write_text", "check_target", "write_atomically", "write_bytes"]

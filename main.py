"""Gradient Arena: race gradient-descent optimizers on 2-D loss surfaces.

``python main.py`` opens the window; ``python main.py list`` and
``python main.py race ...`` work headless (see ``python main.py --help``).
"""

import sys

from cli import main

if __name__ == "__main__":
    sys.exit(main())

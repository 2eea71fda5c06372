"""PyInstaller entry point for the desktop application."""

import multiprocessing
import sys

from legalaid_desktop.ui.main import main

if __name__ == "__main__":
    # A bundled program is its own Python: the deadline recompute's worker processes start through it.
    multiprocessing.freeze_support()
    sys.exit(main())

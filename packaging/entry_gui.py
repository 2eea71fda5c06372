"""PyInstaller entry point for the desktop application."""

import sys

from legalaid_desktop.ui.main import main

sys.exit(main())

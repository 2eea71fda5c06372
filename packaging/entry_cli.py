"""PyInstaller entry point for the `legalaid` command."""

import sys

from legalaid_desktop.cli.main import main

sys.exit(main())

"""`python -m legalaid_desktop` runs the command line."""

import sys

from legalaid_desktop.cli.main import main

sys.exit(main())

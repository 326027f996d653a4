"""`python -m pigmeu_desktop.cli` runs the `pigmeu` command (tests use it for subprocess runs)."""

import sys

from pigmeu_desktop.cli import main

sys.exit(main())

"""`python -m pigmeu_desktop` (and the `pigmeu-desktop` script) start the GUI."""

import sys

from pigmeu_desktop.ui.application import main

if __name__ == "__main__":
    sys.exit(main())

"""Entry point of the frozen bundle: one program under two names (`pigmeu-desktop` the window, `pigmeu` the CLI)."""

from __future__ import annotations

import sys


def wants_cli(argv0: str) -> bool:
    """Started as `pigmeu` (the symlink on Linux/macOS, pigmeu.exe on Windows) rather than `pigmeu-desktop`."""
    name = argv0.replace("\\", "/").rsplit("/", 1)[-1]  # either separator, whatever OS reads the path
    return name.lower().removesuffix(".exe") == "pigmeu"


def main() -> int:
    from pigmeu_desktop.jobs.worker_launch import FROZEN_WORKER_ARG

    if sys.argv[1:2] == [FROZEN_WORKER_ARG]:  # `pigmeu worker` starting one of its worker processes
        from pigmeu_desktop.jobs.worker_main import main as worker_main

        return worker_main(sys.argv[2:])
    if wants_cli(sys.argv[0]):
        from pigmeu_desktop.cli import main as cli_main

        return cli_main()
    from pigmeu_desktop.ui.application import main as gui_main

    return gui_main()


if __name__ == "__main__":
    sys.exit(main())

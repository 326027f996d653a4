"""The command line that starts one worker process, from a Python checkout or from the frozen bundle."""

from __future__ import annotations

import sys

# A frozen executable runs only its own entry point (it has no `-m`): this first argument asks the
# bundle's entry point (pigmeu_desktop/frozen.py) for the worker instead of the window or the CLI.
FROZEN_WORKER_ARG = "--pigmeu-internal-worker"


def worker_command(frozen: bool | None = None, executable: str | None = None) -> list[str]:
    """argv prefix of a worker process; the worker's own options (--queues ...) follow it."""
    frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    executable = executable or sys.executable
    if frozen:
        return [executable, FROZEN_WORKER_ARG]
    return [executable, "-m", "pigmeu_desktop.jobs.worker_main"]

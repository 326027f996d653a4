"""Run the scraping browser at a lower CPU priority than the app, so scraping never makes the UI stutter."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

log = logging.getLogger("pigmeu.scraping")

# Niceness added to the browser's processes: enough to yield the CPU to the window on a 2-core laptop.
BROWSER_NICENESS = 10
# Launchers such as /usr/bin/chromium or google-chrome are scripts that start the real binary.
# "exe": Chromium starts some helpers (the network service) as /proc/self/exe.
BROWSER_BINARIES = frozenset({"chrome", "chromium", "chromium-browser", "msedge", "headless_shell", "exe"})


def _children_of(root_pid: int) -> set[int]:
    """Every descendant of `root_pid`, read from /proc (Linux only)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # the process ended while we looked
        # The command name is in parentheses and may itself contain spaces or parentheses.
        fields = stat.rsplit(")", 1)[-1].split()
        if len(fields) > 1:
            parents[int(entry.name)] = int(fields[1])
    found: set[int] = set()
    frontier = {root_pid}
    while frontier:
        frontier = {pid for pid, ppid in parents.items() if ppid in frontier} - found
        found |= frontier
    return found


def _threads_of(pid: int) -> list[int]:
    """The thread ids of `pid` (Linux keeps a niceness per thread, not per process)."""
    try:
        return [int(t) for t in os.listdir(f"/proc/{pid}/task") if t.isdigit()]
    except OSError:
        return []  # the process ended while we looked


def lower_browser_priority(executable: str, root_pid: int | None = None) -> int:
    """Renice every thread of the browser processes started below this process; returns how many
    processes were changed.

    Per thread, because on Linux `setpriority(PRIO_PROCESS, pid)` changes only the thread whose id is
    `pid`: Chromium's thread pools and IO threads, started before, kept priority 0 (measured: 16 of
    the browser's threads), and a browser allowed to (run as root) even raises its compositor threads
    to -8. New renderers fork from the zygote and inherit its niceness, but threads a process starts
    from an un-reniced thread do not; the manager therefore calls this again after each new page.
    Linux only (elsewhere it returns 0 and changes nothing).
    """
    if not sys.platform.startswith("linux"):
        return 0
    names = BROWSER_BINARIES | {Path(executable).name, Path(executable).resolve().name}
    changed = 0
    for pid in _children_of(root_pid or os.getpid()):
        try:
            # argv[0]; Chromium rewrites its title into one space-separated string, hence the split.
            program = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0].split(b" ")[0]
            if Path(program.decode(errors="replace")).name not in names:
                continue  # the Playwright driver itself stays as it is
        except (OSError, ValueError):
            continue
        lowered = False
        for tid in _threads_of(pid):
            try:
                current = os.getpriority(os.PRIO_PROCESS, tid)
                if current < BROWSER_NICENESS:
                    os.setpriority(os.PRIO_PROCESS, tid, BROWSER_NICENESS)
                lowered = True
            except OSError:
                continue  # the thread ended while we looked
        changed += lowered
    if changed:
        log.debug("lowered the CPU priority of %d browser processes", changed)
    return changed

"""Run the scraping browser at a lower CPU priority than the app, so scraping never makes the UI stutter."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

log = logging.getLogger("pigmeu.scraping")

# Niceness added to the browser's processes, over the app's own: enough to yield the CPU to the window on a
# 2-core laptop. Relative, so an app that itself runs niced (started with `nice`) still gets a browser below it.
BROWSER_NICENESS = 10
MAX_NICENESS = 19
# Launchers such as /usr/bin/chromium or google-chrome are scripts that start the real binary.
# "exe": Chromium starts some helpers (the network service) as /proc/self/exe.
BROWSER_BINARIES = frozenset({"chrome", "chromium", "chromium-browser", "msedge", "headless_shell", "exe"})


def browser_niceness() -> int:
    """The niceness for the browser's processes: BROWSER_NICENESS more than the app's (at most 19)."""
    # The process id, not 0: on Linux 0 is the calling thread, and this runs on a worker thread.
    return min(MAX_NICENESS, os.getpriority(os.PRIO_PROCESS, os.getpid()) + BROWSER_NICENESS)


def _descendants(root_pid: int) -> dict[int, int]:
    """Every descendant of `root_pid` with its parent's pid, read from /proc (Linux only)."""
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
    found: dict[int, int] = {}
    frontier = {root_pid}
    while frontier:
        frontier = {pid for pid, ppid in parents.items() if ppid in frontier} - found.keys()
        found.update({pid: parents[pid] for pid in frontier})
    return found


def _threads_of(pid: int) -> list[int]:
    """The thread ids of `pid` (Linux keeps a niceness per thread, not per process)."""
    try:
        return [int(t) for t in os.listdir(f"/proc/{pid}/task") if t.isdigit()]
    except OSError:
        return []  # the process ended while we looked


# The kernel prints nothing for a process in the default group (a session that never called
# setsid since boot, e.g. a service started straight from init): that is a group too, ours maybe.
ROOT_AUTOGROUP = ("/", 0)


def parse_autogroup(text: str) -> tuple[str, int] | None:
    """(name, nice) from a /proc/<pid>/autogroup text ("/autogroup-12 nice 0"; empty: the default group)."""
    if not text.strip():
        return ROOT_AUTOGROUP
    try:
        name, _, nice = text.split()
        return name, int(nice)
    except ValueError:
        return None


def _autogroup(pid: int | str) -> tuple[str, int] | None:
    """(name, nice) of the scheduler autogroup `pid` is in, or None (no autogroups, or it ended)."""
    try:
        return parse_autogroup(Path(f"/proc/{pid}/autogroup").read_text())
    except OSError:
        return None


def lower_autogroup(pid: int, niceness: int | None = None, *, ours: tuple[str, int] | None = None) -> bool:
    """Lower the priority of `pid`'s autogroup if it is not this process's own; True if changed.
    `niceness`: the group's; by default BROWSER_NICENESS more than our group's.

    With autogroups (Linux's default on many distributions), every session is scheduled as one
    group and a thread's nice only counts inside its group. Playwright starts the browser in a
    session of its own, so its group got as much CPU as the whole app however niced its threads
    were (measured: the event loop runnable but waiting 100 ms for a CPU). The group's own nice fixes
    that. The kernel allows an unprivileged process this at most every 100 ms (EAGAIN): the next
    call tries again. `ours`: this process's group, when the caller has already read it.

    Not when this process is in the default group (started from init without a session: services,
    CI): there each of our threads is scheduled on its own, so the browser's whole group already gets
    no more than one of them, and lowering it further would starve it behind every other root-group
    thread (a database, a web server) rather than only yield to us.
    """
    theirs, ours = _autogroup(pid), ours or _autogroup("self")
    if theirs is None or ours is None or ROOT_AUTOGROUP in (theirs, ours) or theirs[0] == ours[0]:
        return False
    if niceness is None:
        niceness = min(MAX_NICENESS, ours[1] + BROWSER_NICENESS)
    if theirs[1] >= niceness:
        return False
    try:
        Path(f"/proc/{pid}/autogroup").write_text(str(niceness))
        return True
    except OSError:
        return False


def lower_process(pid: int, niceness: int | None = None, *, ours: tuple[str, int] | None = None) -> bool:
    """Lower `pid`'s autogroup (if it is not ours) and every one of its threads to `niceness` (Linux; by
    default BROWSER_NICENESS more than our group, and than this process: browser_niceness()).

    Per thread, because on Linux `setpriority(PRIO_PROCESS, pid)` changes only the thread whose id
    is `pid`. True if anything of it could be reached.
    """
    lowered = lower_autogroup(pid, niceness, ours=ours)
    target = browser_niceness() if niceness is None else niceness
    for tid in _threads_of(pid):
        try:
            if os.getpriority(os.PRIO_PROCESS, tid) < target:
                os.setpriority(os.PRIO_PROCESS, tid, target)
            lowered = True
        except OSError:
            continue  # the thread ended while we looked
    return lowered


def lower_browser_priority(executable: str, root_pid: int | None = None, *, keep: str | None = None) -> int:
    """Renice every thread of the browser processes started below this process; returns how many
    processes were changed.

    Per thread, because on Linux `setpriority(PRIO_PROCESS, pid)` changes only the thread whose id is
    `pid`: Chromium's thread pools and IO threads, started before, kept priority 0 (measured: 16 of
    the browser's threads), and a browser allowed to (run as root) even raises its compositor threads
    to -8. New renderers fork from the zygote and inherit its niceness, but threads a process starts
    from an un-reniced thread do not; the manager therefore calls this again after each new page.
    Processes whose command line contains `keep`, and their children, keep their priority (the
    editor's visible captcha window is started on the profile directory). On macOS and Windows
    (no /proc, no per-thread nice) the processes themselves are lowered, through psutil.
    """
    if not sys.platform.startswith("linux"):
        return lower_with_psutil(executable, root_pid, keep=keep)
    names = BROWSER_BINARIES | {Path(executable).name, Path(executable).resolve().name}
    tree = _descendants(root_pid or os.getpid())
    cmdlines: dict[int, bytes] = {}
    for pid in tree:
        try:
            cmdlines[pid] = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue  # the process ended while we looked
    kept = {pid for pid, cmd in cmdlines.items() if keep and keep.encode() in cmd}

    def in_kept_tree(pid: int) -> bool:
        while pid in tree:
            if pid in kept:
                return True
            pid = tree[pid]
        return False

    ours = _autogroup("self")
    changed = 0
    for pid, cmdline in cmdlines.items():
        # argv[0]; Chromium rewrites its title into one space-separated string, hence the split.
        program = cmdline.split(b"\0")[0].split(b" ")[0]
        if Path(program.decode(errors="replace")).name not in names:
            continue  # the Playwright driver itself stays as it is
        if in_kept_tree(pid):
            continue
        changed += lower_process(pid, ours=ours)
    if changed:
        log.debug("lowered the CPU priority of %d browser processes", changed)
    return changed


def _program_name(argv0: str) -> str:
    """`chrome` for /opt/google/chrome/chrome, C:\\...\\chrome.exe or "Google Chrome Helper (Renderer)"."""
    name = argv0.replace("\\", "/").rsplit("/", 1)[-1].lower()
    return name.removesuffix(".exe")


def lower_with_psutil(executable: str, root_pid: int | None = None, *, keep: str | None = None) -> int:
    """The portable way: every browser process below this one gets browser_niceness() (below-normal
    priority class on Windows, which the renderers it starts inherit). Returns how many were changed.

    Used where Linux's per-thread and autogroup handling does not apply; exercised on Linux by tests.
    """
    try:
        import psutil
    except ImportError:  # pragma: no cover - a dependency; a broken install only loses the nicety
        return 0
    names = {n.lower() for n in BROWSER_BINARIES} | {
        _program_name(executable),
        _program_name(str(Path(executable).resolve())),
    }
    # macOS helpers are "Google Chrome Helper (Renderer)" etc.: match on the main name's prefix too.
    prefixes = tuple(n for n in names if len(n) > 3)
    try:
        children = psutil.Process(root_pid or os.getpid()).children(recursive=True)
    except psutil.Error:
        return 0
    kept: set[int] = set()
    changed = 0
    niceness = None if sys.platform == "win32" else browser_niceness()
    for proc in children:  # parents come before their children in psutil's walk
        try:
            cmdline = proc.cmdline()
            if proc.ppid() in kept or (keep and any(keep in part for part in cmdline)):
                kept.add(proc.pid)
                continue
            name = _program_name(cmdline[0] if cmdline else proc.name())
            if name not in names and not name.startswith(prefixes):
                continue  # the Playwright driver itself stays as it is
            if niceness is None:
                proc.nice(psutil.BELOW_NORMAL_PRIORITY_CLASS)
            elif proc.nice() < niceness:
                proc.nice(niceness)
            changed += 1
        except (psutil.Error, OSError, IndexError):
            continue  # ended while we looked, or not ours to change
    return changed

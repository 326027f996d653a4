"""Lease owners: who holds an item, and whether a holder on this machine is provably gone."""

from __future__ import annotations

import os
import socket
import sys
import uuid
from datetime import datetime

from pigmeu_desktop.core.models import Lease, utcnow


def instance_id() -> str:
    """A fresh owner id for this app instance: host/pid/random, so a restart never reuses one."""
    return f"{socket.gethostname()}/{os.getpid()}/{uuid.uuid4().hex[:8]}"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    except OSError:
        return True
    return True


def owner_is_dead(owner: str) -> bool:
    """True only when the owner ran on this host and its process no longer exists (crash, kill -9).

    Lets a restarted app take its items back at once instead of waiting for the lease to expire.
    Any doubt (another host, unparsable owner, Windows) answers False and the expiry time decides.
    """
    host, _, rest = owner.partition("/")
    pid_text, _, _ = rest.partition("/")
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return False  # this process: alive by definition (another executor or a CLI command in it)
    if sys.platform == "win32":
        # os.kill(pid, 0) terminates the process on Windows; never probe there.
        return False
    return not _pid_alive(pid)


def is_reclaimable(lease: Lease | None, owner: str, now: datetime | None = None) -> bool:
    """May `owner` take an item held under `lease`? Yes if unheld, ours, expired, or its holder is dead."""
    if lease is None or lease.owner == owner:
        return True
    if lease.until <= (now or utcnow()):
        return True
    return owner_is_dead(lease.owner)

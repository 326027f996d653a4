"""Lease ownership: a holder on this host whose process is gone is provably dead; nothing else is."""

from __future__ import annotations

import os
import socket
from datetime import timedelta

from pigmeu_desktop.core.models import Lease, utcnow
from pigmeu_desktop.jobs.leases import instance_id, is_reclaimable, owner_is_dead

HOST = socket.gethostname()


def test_owner_is_dead_only_for_a_gone_process_on_this_host():
    assert not owner_is_dead(f"{HOST}/{os.getpid()}/x")  # ourselves
    assert not owner_is_dead(f"{HOST}/1/x")  # init: alive (or not ours to signal)
    assert owner_is_dead(f"{HOST}/999999999/x")
    assert not owner_is_dead("elsewhere/999999999/x")  # another machine: only expiry decides
    assert not owner_is_dead("garbage")


def test_instance_ids_are_unique_per_instance():
    a, b = instance_id(), instance_id()
    assert a != b and a.startswith(f"{HOST}/{os.getpid()}/")


def test_is_reclaimable():
    future = utcnow() + timedelta(minutes=1)
    assert is_reclaimable(None, "me")
    assert is_reclaimable(Lease(owner="me", until=future), "me")
    assert not is_reclaimable(Lease(owner="elsewhere/1/x", until=future), "me")
    assert is_reclaimable(Lease(owner="elsewhere/1/x", until=utcnow() - timedelta(seconds=1)), "me")

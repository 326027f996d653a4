"""A real service missing here: skip on a developer's machine, fail in CI (PIGMEU_REQUIRE_REAL=1)."""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def require_real() -> bool:
    return os.environ.get("PIGMEU_REQUIRE_REAL", "") not in ("", "0")


def missing_service(message: str) -> NoReturn:
    """Fail when CI asks for every real service, otherwise skip with the reason."""
    if require_real():
        pytest.fail(f"{message} (PIGMEU_REQUIRE_REAL is set: real services must run)", pytrace=False)
    pytest.skip(message)

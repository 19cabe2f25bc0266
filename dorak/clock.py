"""The clock seam: the one place Dorak asks the system what time it is. Everything else takes a
clock (`Callable[[], datetime]`) and is given this one, or a test's."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)

"""Ticket numbers: a service prefix and a per-day sequence, A001 ... A999, A1000."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo


def format_number(prefix: str, seq: int) -> str:
    if seq < 1:
        raise ValueError("sequence numbers start at 1")
    return f"{prefix}{seq:03d}"


def local_day(now: datetime, timezone: str, starts_at: str = "00:00") -> str:
    """The center's working day for `now`: numbering restarts when this changes, at local
    midnight by default or at `starts_at` (a center open past midnight may start at 04:00)."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    hours, minutes = (int(x) for x in starts_at.split(":"))
    local = now.astimezone(ZoneInfo(timezone)) - timedelta(hours=hours, minutes=minutes)
    return local.date().isoformat()

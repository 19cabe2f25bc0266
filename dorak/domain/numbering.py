"""Ticket numbers: a service prefix and a per-day sequence, A001 ... A999, A1000."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo


def format_number(prefix: str, seq: int) -> str:
    if seq < 1:
        raise ValueError("sequence numbers start at 1")
    return f"{prefix}{seq:03d}"


def local_day(now: datetime, timezone: str) -> str:
    """The center's calendar day for `now`: numbering restarts when this changes."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(ZoneInfo(timezone)).date().isoformat()

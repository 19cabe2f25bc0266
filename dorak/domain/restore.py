"""Putting a no-show back in line: who may, and until when.

The rule (README, "Restoring a no-show"): within `within_s` of being marked (30 minutes by
default, an admin setting) and on its own working day, the clerk who marked it or a
supervisor/admin puts the ticket back to *waiting* in its original place: it keeps the time it
joined the line, so it comes before everyone who came after it and is, in practice, called
next in its service (priority tickets still go first)."""

from __future__ import annotations

from . import errors
from .model import Status
from .roles import Principal
from .ticket import Ticket

DEFAULT_RESTORE_MIN = 30


def check_restore(t: Ticket, by: Principal, now: float, within_s: float, today: str) -> None:
    """Raises the reason a restore is refused; returns when it may go ahead."""
    if t.status != Status.NO_SHOW:
        raise errors.InvalidTransition(status=t.status.value, action="restore")
    if not by.is_staff_lead and t.clerk != by.name:
        raise errors.NotYourNoShow(number=t.number)
    marked = t.finished_at if t.finished_at is not None else 0.0
    if t.day != today or now - marked > within_s:
        raise errors.RestoreTooLate(number=t.number, minutes=round(within_s / 60))

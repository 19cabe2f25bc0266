"""The ticket, and the event log it is a projection of.

A `Ticket` is one entry of a visit in one service's queue (a transfer makes a new entry that
keeps the visit, the number and the tracking id). Every change to a ticket is an `Entry` of the
append-only event log; `apply(ticket, entry)` is the only place a ticket's fields change, so the
`tickets` table is, by construction, what the log folds to (a test rebuilds it from the log).

The citizen's *tracking id* (the random part of the QR link, `/t/<tracking_id>`) is never called
a token: tokens are the devices' credentials.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from .lifecycle import AT_WINDOW, next_status
from .model import Action, Status

# Kinds of log entries that belong to a ticket but change none of its fields.
NOTES = frozenset(
    {
        "printed",
        "print_failed",
        "not_printed",
        "rated",
        "file_attached",
        "file_moved",
        "remark_made",
        "remark_answered",
        "remark_closed",
        "reprinted",
    }
)
EXPIRED = "expired"  # the log's word for Action.EXPIRE (the day ended before the ticket did)


@dataclass(frozen=True, slots=True)
class Ticket:
    id: int
    tracking_id: str
    visit_id: int
    service: str
    day: str  # the center's working day it joined this queue
    seq: int | None  # None for a transfer's new entry (same number as the visit's first)
    number: str
    status: Status
    issued_at: float
    queued_at: float  # joined this queue: the issue, or the transfer
    priority: str | None = None
    lang: str = "ar"
    called_at: float | None = None  # the *first* call: the wait ends there
    last_called_at: float | None = None  # the latest call or recall (the lobby's order)
    started_at: float | None = None
    finished_at: float | None = None
    window: int | None = None
    clerk: str | None = None
    outcome: str | None = None
    note: str | None = None
    file_ref: str | None = None
    recalls: int = 0
    transferred_from: int | None = None
    ahead_at_issue: int | None = None
    estimated_wait_s: int | None = None
    request_key: str | None = None
    estimated_low_s: int | None = None  # the 80 % range told with the estimate
    estimated_high_s: int | None = None

    @property
    def at_window(self) -> bool:
        return self.status in AT_WINDOW

    @property
    def waiting(self) -> bool:
        return self.status == Status.WAITING


@dataclass(frozen=True, slots=True)
class Entry:
    """One fact of the event log. Self-describing: a ticket's entries carry its number,
    service and day, so the log reads (and syncs) without the `tickets` table."""

    kind: str
    at: float
    ticket_id: int | None = None
    number: str | None = None
    service: str | None = None
    day: str | None = None
    window: int | None = None
    clerk: str | None = None
    details: Mapping[str, Any] = field(default_factory=dict)
    id: int | None = None  # given by the store: monotonic, never reused


def about(ticket: Ticket, kind: str, at: float, **details: Any) -> Entry:
    """An entry about `ticket` (its window and clerk unless the details say otherwise)."""
    window = details.pop("window", ticket.window)
    clerk = details.pop("clerk", ticket.clerk)
    return Entry(
        str(kind),
        at,
        ticket.id,
        ticket.number,
        ticket.service,
        ticket.day,
        window,
        clerk,
        {k: v for k, v in details.items() if v is not None},
    )


def issued(
    ticket_id: int,
    *,
    tracking_id: str,
    service: str,
    day: str,
    seq: int,
    number: str,
    at: float,
    priority: str | None,
    lang: str,
    ahead: int,
    estimated_wait_s: int,
    request_key: str | None = None,
    estimated_range_s: tuple[int, int] | None = None,
) -> Entry:
    details = {
        "tracking_id": tracking_id,
        "seq": seq,
        "priority": priority,
        "lang": lang,
        "ahead": ahead,
        "estimated_wait_s": estimated_wait_s,
        "estimated_range_s": None if estimated_range_s is None else list(estimated_range_s),
        "request_key": request_key,
    }
    return Entry("issued", at, ticket_id, number, service, day, details=details)


def transferred_entry(
    old: Ticket, new_id: int, service: str, day: str, at: float, **by: Any
) -> Entry:
    """The new waiting entry a transfer makes: same visit, number and tracking id."""
    details = {
        "tracking_id": old.tracking_id,
        "visit_id": old.visit_id,
        "from": old.service,
        "from_ticket": old.id,
        "priority": old.priority,
        "lang": old.lang,
        "issued_at": old.issued_at,
        "note": by.get("note") or old.note,
        "file_ref": old.file_ref,
    }
    return Entry(
        "queued",
        at,
        new_id,
        old.number,
        service,
        day,
        by.get("window"),
        by.get("clerk"),
        details,
    )


def apply(ticket: Ticket | None, entry: Entry) -> Ticket:
    """The ticket after `entry`. Raises InvalidTransition for an action its state refuses."""
    d = entry.details
    if entry.kind == "issued":
        assert entry.ticket_id is not None and entry.service and entry.number and entry.day
        return Ticket(
            id=entry.ticket_id,
            tracking_id=d["tracking_id"],
            visit_id=entry.ticket_id,
            service=entry.service,
            day=entry.day,
            seq=d["seq"],
            number=entry.number,
            status=Status.WAITING,
            issued_at=entry.at,
            queued_at=entry.at,
            priority=d.get("priority"),
            lang=d.get("lang", "ar"),
            ahead_at_issue=d.get("ahead"),
            estimated_wait_s=d.get("estimated_wait_s"),
            request_key=d.get("request_key"),
            estimated_low_s=(d.get("estimated_range_s") or (None, None))[0],
            estimated_high_s=(d.get("estimated_range_s") or (None, None))[1],
        )
    if entry.kind == "queued":
        assert entry.ticket_id is not None and entry.service and entry.number and entry.day
        return Ticket(
            id=entry.ticket_id,
            tracking_id=d["tracking_id"],
            visit_id=d["visit_id"],
            service=entry.service,
            day=entry.day,
            seq=None,
            number=entry.number,
            status=Status.WAITING,
            issued_at=d["issued_at"],
            queued_at=entry.at,
            priority=d.get("priority"),
            lang=d.get("lang", "ar"),
            transferred_from=d.get("from_ticket"),
            note=d.get("note"),
            file_ref=d.get("file_ref"),
        )
    if ticket is None:
        raise ValueError(f"a {entry.kind} entry needs its ticket")
    if entry.kind in NOTES:
        return ticket
    action = Action.EXPIRE if entry.kind == EXPIRED else Action(entry.kind)
    status = next_status(ticket.status, action)
    at = entry.at
    if action == Action.CALL:
        return replace(
            ticket,
            status=status,
            window=entry.window,
            clerk=entry.clerk,
            called_at=ticket.called_at or at,
            last_called_at=at,
        )
    if action == Action.RECALL:
        return replace(ticket, status=status, recalls=ticket.recalls + 1, last_called_at=at)
    if action == Action.START:
        return replace(ticket, status=status, started_at=at)
    if action == Action.FINISH:
        return replace(
            ticket,
            status=status,
            finished_at=at,
            outcome=d.get("outcome"),
            note=d.get("note") or ticket.note,
            file_ref=d.get("file_ref") or ticket.file_ref,
        )
    if action == Action.RETURN:
        # Back to its original place in the line: the citizen keeps the turn they waited for.
        return replace(ticket, status=status, window=None)
    if action == Action.RESTORE:
        # A no-show back in line keeps its queued_at: its original place, ahead of everyone
        # who came after it (the README's "Restoring a no-show").
        return replace(ticket, status=status, window=None, finished_at=None)
    # no_show, transfer, cancel, expire: the entry ends here
    return replace(ticket, status=status, finished_at=at)

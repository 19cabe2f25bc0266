"""Figures at the hub are the center's own, by construction: the events a center sends are folded
into ticket entries by the center's `apply` (dorak/domain/ticket.py), each entry becomes the row
the center's reports read (`report_row`, beside the SQL that reads it in dorak/store/figures.py),
and those rows go through the center's `report()` (dorak/reports.py). This module is the one
place the hub touches those definitions: when they change, the hub follows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import fields
from datetime import date
from typing import Any

from ..domain.model import Center, Status
from ..domain.ticket import Entry, Ticket, apply
from ..reports import report_of_rows
from ..store.figures import report_row

# The report's groupings a hub offers per center (window and clerk stay in the center).
HUB_GROUPINGS = ("service", "day", "hour")

Row = tuple[Any, ...]


_FIELDS = tuple(f.name for f in fields(Ticket))


def state_of(t: Ticket) -> dict[str, Any]:
    """The ticket as JSON (its fields are plain values: no deep copy needed)."""
    state = {name: getattr(t, name) for name in _FIELDS}
    state["status"], state["tracking_id"] = str(t.status), ""
    return state


def ticket_of(state: dict[str, Any]) -> Ticket:
    return Ticket(**{**state, "status": Status(state["status"])})


def entry_of(wire: Sequence[Any]) -> Entry:
    """An event as a center sends it: [id, kind, at, ticket_id, number, service, day, window,
    clerk, details] (the tracking id was left in the center)."""
    id_, kind, at, ticket_id, number, service, day, window, clerk, details = wire
    details = dict(details or {})
    if kind in ("issued", "queued"):
        details.setdefault("tracking_id", "")
    return Entry(kind, at, ticket_id, number, service, day, window, clerk, details, id_)


def fold(
    known: dict[int, tuple[Ticket, int | None]], events: Iterable[Entry]
) -> dict[int, tuple[Ticket, int | None]]:
    """Apply ticket events onto the entries they touch ({ticket id: (ticket, stars)}, as
    stored); the entries changed, folded."""
    changed: dict[int, tuple[Ticket, int | None]] = {}
    for e in events:
        if e.ticket_id is None:
            continue
        before = changed.get(e.ticket_id) or known.get(e.ticket_id)
        ticket, stars = before if before else (None, None)
        if e.kind == "rated":
            stars = int(e.details["stars"]) if stars is None else stars  # the first counts
        changed[e.ticket_id] = (apply(ticket, e), stars)
    return changed


def row_of(ticket: Ticket, stars: int | None) -> list[Any]:
    return list(report_row(ticket, stars))


def center_report(
    rows: Iterable[Sequence[Any]], center: Center, start: date, end: date, by: str
) -> list[dict[str, Any]]:
    """The center's own report over the rows of its entries (any ReportError passes on)."""
    return report_of_rows(rows, center, start, end, by)


def day_rollups(
    rows: Sequence[Sequence[Any]], center: Center, day: str
) -> list[tuple[str, int, dict[str, Any]]]:
    """(service, hour, report row) for one day: ('', -1) the whole center, (service, -1) each
    service, (service, hour) each hour it joined the queue."""
    d = date.fromisoformat(day)
    out: list[tuple[str, int, dict[str, Any]]] = [
        ("", -1, r) for r in center_report(rows, center, d, d, "day")
    ]
    for r in center_report(rows, center, d, d, "service"):
        out.append((str(r["service"]), -1, r))
        mine = [row for row in rows if row[0] == r["service"]]
        out.extend(
            (str(r["service"]), int(h["hour"]), h)
            for h in center_report(mine, center, d, d, "hour")
        )
    return out

"""What the integrity of the line is read from: the older tickets a call skips, a clerk's
out-of-order calls, and the call, recall, cancel and reprint entries of a period (the event
log is the record)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..domain.ticket import Ticket
from .db import Database


class IntegrityRows:
    def __init__(self, db: Database) -> None:
        self.db = db

    def older_waiting(self, services: Sequence[str], called: Ticket) -> list[str]:
        """Numbers of tickets waiting in these services that joined their line before `called`
        did, oldest first."""
        if not services:
            return []
        marks = ", ".join("?" * len(services))
        rows = self.db.conn.execute(
            f"SELECT number FROM tickets WHERE status = 'waiting' AND service IN ({marks}) "
            "AND (queued_at, id) < (?, ?) AND id != ? ORDER BY queued_at, id",
            (*services, called.queued_at, called.id, called.id),
        )
        return [r[0] for r in rows]

    def out_of_order_since(self, clerk: str, since: float) -> int:
        row = self.db.conn.execute(
            "SELECT count(*) FROM events WHERE kind = 'call' AND clerk = ? AND at >= ? "
            "AND json_extract(details, '$.out_of_order') = 1",
            (clerk, since),
        ).fetchone()
        return int(row[0])

    def out_of_order_by_clerk(self, since: float) -> dict[str, int]:
        rows = self.db.conn.execute(
            "SELECT clerk, count(*) FROM events WHERE kind = 'call' AND at >= ? "
            "AND json_extract(details, '$.out_of_order') = 1 AND clerk IS NOT NULL GROUP BY clerk",
            (since,),
        )
        return {str(c): int(n) for c, n in rows}

    def entries(self, first_day: str, last_day: str) -> list[tuple[Any, ...]]:
        """(kind, ticket_id, clerk, window, details) of the calls, recalls, cancels and reprints
        of tickets of the period, oldest first."""
        rows = self.db.conn.execute(
            "SELECT kind, ticket_id, clerk, window, details FROM events "
            "WHERE kind IN ('call', 'recall', 'cancel', 'reprinted') AND day BETWEEN ? AND ? "
            "ORDER BY id",
            (first_day, last_day),
        )
        return [(k, t, c, w, json.loads(d) if d else {}) for k, t, c, w, d in rows]

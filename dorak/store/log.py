"""The event log: append-only (triggers refuse updates and deletes), ids that only grow. Every
fact a figure needs is in it, and what a governorate hub would sync is exactly this table read
by `since(last_id)`."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from ..domain.ticket import Entry
from .db import Database

COLUMNS = "id, kind, at, ticket_id, number, service, day, window, clerk, details"


def to_entry(row: Iterable[Any]) -> Entry:
    id_, kind, at, ticket_id, number, service, day, window, clerk, details = row
    return Entry(
        kind,
        at,
        ticket_id,
        number,
        service,
        day,
        window,
        clerk,
        json.loads(details) if details else {},
        id_,
    )


class EventLog:
    def __init__(self, db: Database) -> None:
        self.db = db

    def append(self, entry: Entry) -> int:
        """Inside the write transaction of the change it records."""
        details = dict(entry.details)
        cur = self.db.conn.execute(
            "INSERT INTO events (kind, at, ticket_id, number, service, day, window, clerk, "
            "details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                entry.kind,
                entry.at,
                entry.ticket_id,
                entry.number,
                entry.service,
                entry.day,
                entry.window,
                entry.clerk,
                json.dumps(details, ensure_ascii=False) if details else None,
            ),
        )
        return int(cur.lastrowid or 0)

    def of_ticket(self, ticket_id: int) -> list[Entry]:
        rows = self.db.conn.execute(
            f"SELECT {COLUMNS} FROM events WHERE ticket_id = ? ORDER BY id", (ticket_id,)
        )
        return [to_entry(r) for r in rows]

    def since(self, last_id: int = 0, limit: int | None = None) -> list[Entry]:
        """Entries after `last_id`, oldest first (what a sync takes next)."""
        rows = self.db.conn.execute(
            f"SELECT {COLUMNS} FROM events WHERE id > ? ORDER BY id LIMIT ?",
            (last_id, -1 if limit is None else limit),
        )
        return [to_entry(r) for r in rows]

    def of_tickets(self) -> Iterator[Entry]:
        """Every entry about a ticket, oldest first (to rebuild the tickets from)."""
        rows = self.db.conn.execute(
            f"SELECT {COLUMNS} FROM events WHERE ticket_id IS NOT NULL ORDER BY id"
        )
        for r in rows:
            yield to_entry(r)

    def last_print(self, ticket_id: int) -> str | None:
        """How the ticket's last print job went: printed, print_failed (None: never tried)."""
        row = self.db.conn.execute(
            "SELECT kind FROM events WHERE ticket_id = ? AND kind IN ('printed', 'print_failed') "
            "ORDER BY id DESC LIMIT 1",
            (ticket_id,),
        ).fetchone()
        return None if row is None else str(row[0])

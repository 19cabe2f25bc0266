"""Tickets: load and save the `Ticket` type; the lines they wait in. The table is the
projection of the event log (dorak/domain/ticket.py `apply`): a use case saves a ticket and the
entry that made it in the same transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

from ..domain.model import Status
from ..domain.ticket import Ticket
from .db import Database

COLUMNS = (
    "id",
    "tracking_id",
    "coalesce(visit_id, id)",  # NULL: the visit's first entry, its own id
    "service",
    "day",
    "seq",
    "number",
    "status",
    "issued_at",
    "queued_at",
    "priority",
    "lang",
    "called_at",
    "last_called_at",
    "started_at",
    "finished_at",
    "window",
    "clerk",
    "outcome",
    "note",
    "file_ref",
    "coalesce(recalls, 0)",
    "transferred_from",
    "ahead_at_issue",
    "estimated_wait_s",
    "request_key",
    "estimated_low_s",
    "estimated_high_s",
)
SELECT = "SELECT " + ", ".join(COLUMNS) + " FROM tickets"
# What changes after a ticket is made (its identity and its start never do).
CHANGING = (
    "status",
    "called_at",
    "last_called_at",
    "started_at",
    "finished_at",
    "window",
    "clerk",
    "outcome",
    "note",
    "file_ref",
    "recalls",
)
INSERTED = (
    "tracking_id",
    "visit_id",
    "service",
    "day",
    "seq",
    "number",
    "status",
    "issued_at",
    "queued_at",
    "priority",
    "lang",
    "note",
    "file_ref",
    "transferred_from",
    "ahead_at_issue",
    "estimated_wait_s",
    "request_key",
    "estimated_low_s",
    "estimated_high_s",
)


def to_ticket(row: Iterable[Any]) -> Ticket:
    values = list(row)
    values[7] = Status(values[7])
    return Ticket(*values)


class Tickets:
    def __init__(self, db: Database) -> None:
        self.db = db

    def _one(self, where: str, params: tuple[Any, ...]) -> Ticket | None:
        row = self.db.conn.execute(f"{SELECT} WHERE {where}", params).fetchone()
        return to_ticket(row) if row else None

    def _all(self, where: str, params: tuple[Any, ...] = ()) -> list[Ticket]:
        return [to_ticket(r) for r in self.db.conn.execute(f"{SELECT} WHERE {where}", params)]

    # -- reads -----------------------------------------------------------------------------
    def get(self, ticket_id: int) -> Ticket | None:
        return self._one("id = ?", (ticket_id,))

    def by_tracking_id(self, tracking_id: str) -> Ticket | None:
        """The current entry of a visit (a transfer adds entries that share the tracking id)."""
        return self._one("tracking_id = ? ORDER BY id DESC LIMIT 1", (tracking_id,))

    def by_request_key(self, key: str) -> Ticket | None:
        return self._one("request_key = ?", (key,))

    def at_window(self, window: int) -> Ticket | None:
        return self._one(
            "window = ? AND status IN ('called', 'serving') ORDER BY id DESC LIMIT 1", (window,)
        )

    def at_windows(self) -> dict[int, Ticket]:
        """The ticket called or served at each window now."""
        rows = self._all("status IN ('called', 'serving') AND window IS NOT NULL ORDER BY id")
        return {t.window: t for t in rows if t.window is not None}

    def waiting_by_ref(self, ref: str) -> Ticket | None:
        """A waiting ticket by its number (the newest with it) or its tracking id."""
        return self._one(
            "(number = ? OR tracking_id = ?) AND status = 'waiting' ORDER BY id DESC LIMIT 1",
            (ref.strip().upper(), ref.strip()),
        )

    def of_day_by_number(self, number: str, day: str) -> Ticket | None:
        return self._one("number = ? AND day = ? ORDER BY id DESC LIMIT 1", (number, day))

    def no_shows_since(self, day: str, since: float, clerk: str | None) -> list[Ticket]:
        """A day's no-shows marked after `since` (one clerk's, or everyone's), newest first."""
        mine = " AND clerk = ?" if clerk is not None else ""
        params = (day, since) + ((clerk,) if clerk is not None else ())
        return self._all(
            f"status = 'no_show' AND day = ? AND finished_at >= ?{mine} ORDER BY finished_at DESC",
            params,
        )

    def left_from_earlier_days(self, day: str) -> list[Ticket]:
        return self._all("status IN ('waiting', 'called') AND day < ?", (day,))

    def every(self) -> Iterator[Ticket]:
        for row in self.db.conn.execute(f"{SELECT} ORDER BY id"):
            yield to_ticket(row)

    def waiting_order(self, service: str) -> list[str]:
        """Numbers of a service's waiting tickets in the order they will be called."""
        rows = self.db.conn.execute(
            "SELECT number FROM tickets WHERE status = 'waiting' AND service = ? "
            "ORDER BY priority IS NULL, queued_at, id",
            (service,),
        )
        return [r[0] for r in rows]

    def ahead_of(self, ticket: Ticket) -> int:
        """Waiting tickets of its service that come before it: every priority ticket before a
        normal one, then those of its class that joined earlier. The class's kept count less
        those from it to the back: that walks only the tickets behind it."""
        if ticket.status != Status.WAITING:
            return 0
        normal = ticket.priority is None
        conn = self.db.conn
        counts = dict(
            conn.execute(
                "SELECT priority, waiting FROM line_counts WHERE service = ?", (ticket.service,)
            ).fetchall()
        )
        behind = conn.execute(
            "SELECT count(*) FROM tickets WHERE status = 'waiting' AND service = ? "
            f"AND priority IS {'' if normal else 'NOT '}NULL AND (queued_at, id) >= (?, ?)",
            (ticket.service, ticket.queued_at, ticket.id),
        ).fetchone()[0]
        ahead = int(counts.get(0 if normal else 1, 0)) - int(behind)
        return ahead + (int(counts.get(1, 0)) if normal else 0)

    def waiting_counts(self) -> dict[str, int]:
        rows = self.db.conn.execute(
            "SELECT service, sum(waiting) FROM line_counts GROUP BY service HAVING sum(waiting) > 0"
        )
        return dict(rows.fetchall())

    def line_count(self, service: str, priority: bool) -> int:
        """Tickets waiting in one service and class (priority or normal), as kept."""
        row = self.db.conn.execute(
            "SELECT waiting FROM line_counts WHERE service = ? AND priority = ?",
            (service, int(priority)),
        ).fetchone()
        return int(row[0]) if row else 0

    def rated(self, ticket_id: int) -> bool:
        row = self.db.conn.execute("SELECT 1 FROM ratings WHERE ticket_id = ?", (ticket_id,))
        return row.fetchone() is not None

    # -- writes (inside Database.write()) ---------------------------------------------------
    def allocate_seq(self, service: str, day: str) -> int:
        row = self.db.conn.execute(
            "INSERT INTO day_counters (service, day, last) VALUES (?, ?, 1) "
            "ON CONFLICT (service, day) DO UPDATE SET last = last + 1 RETURNING last",
            (service, day),
        ).fetchone()
        return int(row[0])

    def insert(self, t: Ticket) -> int:
        """A new entry (`t.id` is ignored; the database gives it). Its id is returned."""
        values = {name: getattr(t, name) for name in INSERTED}
        if t.visit_id == t.id:
            values["visit_id"] = None  # a visit's first entry: the visit is its own id
        cur = self.db.conn.execute(
            f"INSERT INTO tickets ({', '.join(f'[{c}]' for c in INSERTED)}) "
            f"VALUES ({', '.join('?' * len(INSERTED))})",
            [str(v) if isinstance(v, Status) else v for v in values.values()],
        )
        return int(cur.lastrowid or 0)

    def update(self, t: Ticket) -> None:
        values = [getattr(t, name) for name in CHANGING]
        values[0] = str(values[0])
        self.db.conn.execute(
            f"UPDATE tickets SET {', '.join(f'[{c}] = ?' for c in CHANGING)} WHERE id = ?",
            [*values, t.id],
        )

    def rate(self, ticket_id: int, stars: int, comment: str | None, at: float) -> bool:
        """The rating of a finished entry; False when it was rated already."""
        try:
            self.db.conn.execute(
                "INSERT INTO ratings (ticket_id, stars, comment, at) VALUES (?, ?, ?, ?)",
                (ticket_id, stars, comment, at),
            )
        except sqlite3.IntegrityError:
            return False
        return True

"""Read models for reports, charts, pages and metrics: plain queries, kept in one place."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..domain.ticket import Ticket
from .db import Database

# One row per ticket entry, for dorak/reports.py (tuples: a year is a million rows).
REPORT_COLUMNS = (
    "service, day, seq, window, clerk, status, outcome, queued_at, called_at, started_at, "
    "finished_at, r.stars"
)


def report_row(t: Ticket, stars: int | None) -> tuple[Any, ...]:
    """The row `Figures.report_rows` reads for `t`, for a ticket folded from the log elsewhere
    (the governorate hub, dorak/hub/figures.py). Keep it in step with REPORT_COLUMNS: a test
    compares the two on a real day."""
    return (
        t.service,
        t.day,
        t.seq,
        t.window,
        t.clerk,
        str(t.status),
        t.outcome,
        t.queued_at,
        t.called_at,
        t.started_at,
        t.finished_at,
        stars,
    )


class Figures:
    def __init__(self, db: Database) -> None:
        self.db = db

    def report_rows(self, first_day: str, last_day: str) -> Iterator[tuple[Any, ...]]:
        yield from self.db.conn.execute(
            f"SELECT {REPORT_COLUMNS} FROM tickets LEFT JOIN ratings r "
            "ON r.ticket_id = tickets.id WHERE day BETWEEN ? AND ?",
            (first_day, last_day),
        )

    def count_entries(self, first_day: str, last_day: str) -> int:
        row = self.db.conn.execute(
            "SELECT count(*) FROM tickets WHERE day BETWEEN ? AND ?", (first_day, last_day)
        ).fetchone()
        return int(row[0])

    def chart_rows(self, day: str) -> list[tuple[Any, ...]]:
        return self.db.conn.execute(
            "SELECT service, seq, queued_at, called_at, finished_at, status FROM tickets "
            "WHERE day = ?",
            (day,),
        ).fetchall()

    def issued_per_service(self) -> dict[str, int]:
        rows = self.db.conn.execute(
            "SELECT service, count(*) FROM tickets WHERE seq IS NOT NULL GROUP BY service"
        )
        return dict(rows.fetchall())

    def window_today(self, window: int, day: str) -> tuple[int, float | None]:
        """Tickets the window finished in `day` and their mean service time."""
        row = self.db.conn.execute(
            "SELECT count(*), avg(finished_at - started_at) FROM tickets "
            "WHERE window = ? AND status = 'done' AND day = ?",
            (window, day),
        ).fetchone()
        return int(row[0] or 0), row[1]

    def recent_calls(self, limit: int) -> list[tuple[str, str, int, float, str]]:
        """(number, service, window, last call, status), newest first."""
        return self.db.conn.execute(
            "SELECT number, service, window, last_called_at, status FROM tickets "
            "WHERE last_called_at IS NOT NULL AND window IS NOT NULL "
            "ORDER BY last_called_at DESC LIMIT ?",
            (limit,),
        ).fetchall()

    # -- what a configuration change must not break -----------------------------------------
    def unfinished_per_service(self) -> dict[str, int]:
        rows = self.db.conn.execute(
            "SELECT service, count(*) FROM tickets WHERE status IN ('waiting', 'called', "
            "'serving') GROUP BY service"
        )
        return dict(rows.fetchall())

    def services_of_day(self, day: str) -> set[str]:
        rows = self.db.conn.execute("SELECT DISTINCT service FROM tickets WHERE day = ?", (day,))
        return {r[0] for r in rows}

    def numbers_at_windows(self) -> list[tuple[int, str]]:
        return self.db.conn.execute(
            "SELECT window, number FROM tickets WHERE status IN ('called', 'serving') "
            "AND window IS NOT NULL"
        ).fetchall()

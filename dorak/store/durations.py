"""Durations of finished visits, for the simulator's `empirical` service times."""

from __future__ import annotations

from .db import Database


class Durations:
    def __init__(self, db: Database) -> None:
        self.db = db

    def service_times(self, service: str) -> list[float]:
        """Start -> finish of every visit of `service` that was served to the end."""
        rows = self.db.conn.execute(
            "SELECT finished_at - started_at FROM tickets WHERE service = ? AND status = 'done' "
            "AND started_at IS NOT NULL AND finished_at IS NOT NULL ORDER BY id",
            (service,),
        )
        return [r[0] for r in rows]

"""The comments citizens wrote with their ratings, for the dashboard (remarks with a category,
answered by supervisors, are in remarks.py)."""

from __future__ import annotations

from typing import Any

from .db import Database


class RatingComments:
    def __init__(self, db: Database) -> None:
        self.db = db

    def between(self, first_day: str, last_day: str, limit: int = 200) -> list[dict[str, Any]]:
        """Ratings that came with a comment, of entries that joined the line on those days,
        newest first."""
        rows = self.db.conn.execute(
            "SELECT r.at, t.number, t.service, t.window, t.clerk, r.stars, r.comment "
            "FROM ratings r JOIN tickets t ON t.id = r.ticket_id "
            "WHERE t.day BETWEEN ? AND ? AND coalesce(r.comment, '') != '' "
            "ORDER BY r.at DESC LIMIT ?",
            (first_day, last_day, limit),
        )
        keys = ("at", "number", "service", "window", "clerk", "stars", "comment")
        return [dict(zip(keys, row, strict=True)) for row in rows]

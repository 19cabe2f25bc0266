"""Print jobs saved with their ticket and closed once the printer confirmed them (the rules of
ownership are in dorak/print_jobs.py)."""

from __future__ import annotations

from ..domain.events import PrintJob
from .db import Database


class PrintJobRows:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, ticket_id: int, track_url: str, at: float, owner: str) -> int:
        """Inside the transaction that made (or reprints) the ticket."""
        cur = self.db.conn.execute(
            "INSERT INTO print_jobs (ticket_id, track_url, queued_at, owner) VALUES (?, ?, ?, ?)",
            (ticket_id, track_url, at, owner),
        )
        return int(cur.lastrowid or 0)

    def open_of(self, owner: str) -> list[PrintJob]:
        rows = self.db.conn.execute(
            "SELECT id, ticket_id, track_url, queued_at, owner FROM print_jobs "
            "WHERE done_at IS NULL AND owner = ? ORDER BY id",
            (owner,),
        )
        return [PrintJob(*r) for r in rows]

    def close(self, job_id: int, outcome: str, at: float) -> None:
        self.db.conn.execute(
            "UPDATE print_jobs SET done_at = ?, outcome = ? WHERE id = ?", (at, outcome, job_id)
        )

    def open_not_of(self, owner: str) -> list[PrintJob]:
        rows = self.db.conn.execute(
            "SELECT id, ticket_id, track_url, queued_at, owner FROM print_jobs "
            "WHERE done_at IS NULL AND owner != ? ORDER BY id",
            (owner,),
        )
        return [PrintJob(*r) for r in rows]

    def take_over(self, job_id: int, was: str, owner: str) -> bool:
        """The job becomes `owner`'s unless another process starting took it first."""
        moved = self.db.conn.execute(
            "UPDATE print_jobs SET owner = ? WHERE id = ? AND owner = ? AND done_at IS NULL",
            (owner, job_id, was),
        )
        return moved.rowcount > 0

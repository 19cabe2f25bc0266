"""Case files and their visits: load and save the `CaseFile` type, a file's history, and the
rows the file figures are computed from (dorak/case_file_figures.py). Both tables are the
projection of the `file_attached` and `file_moved` entries of the event log, written with them
in the use case's transaction."""

from __future__ import annotations

from typing import Any

from ..domain.case_files import CaseFile, FileStatus
from .db import Database

FILE_COLUMNS = "id, file_type, number, service, status, opened_at, opened_day, updated_at"
VISIT_COLUMNS = (
    "v.id, v.file_id, v.ticket_id, t.number, t.service, v.attached_at, v.day, v.window, "
    "v.clerk, v.finished_at, v.outcome, v.status_before, v.status_after, v.note, v.next_step"
)
VISIT_KEYS = (
    "id",
    "file_id",
    "ticket_id",
    "ticket",
    "service",
    "attached_at",
    "day",
    "window",
    "clerk",
    "finished_at",
    "outcome",
    "status_before",
    "status_after",
    "note",
    "next_step",
)


def _file(row: Any) -> CaseFile | None:
    if row is None:
        return None
    values = list(row)
    values[4] = FileStatus(values[4])
    return CaseFile(*values)


class CaseFileRows:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- files -------------------------------------------------------------------------------
    def find(self, file_type: str, number: str) -> CaseFile | None:
        return _file(
            self.db.conn.execute(
                f"SELECT {FILE_COLUMNS} FROM case_files WHERE file_type = ? AND number = ?",
                (file_type, number),
            ).fetchone()
        )

    def get(self, file_id: int) -> CaseFile | None:
        return _file(
            self.db.conn.execute(
                f"SELECT {FILE_COLUMNS} FROM case_files WHERE id = ?", (file_id,)
            ).fetchone()
        )

    def by_number(self, number: str) -> list[CaseFile]:
        """Files of any type with this number (a lookup from the files page)."""
        rows = self.db.conn.execute(
            f"SELECT {FILE_COLUMNS} FROM case_files WHERE number = ? ORDER BY file_type",
            (number,),
        )
        return [f for f in map(_file, rows) if f is not None]

    def open(self, file_type: str, number: str, service: str, at: float, day: str) -> CaseFile:
        cur = self.db.conn.execute(
            "INSERT INTO case_files (file_type, number, service, status, opened_at, opened_day, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (file_type, number, service, FileStatus.OPENED.value, at, day, at),
        )
        return CaseFile(
            int(cur.lastrowid or 0), file_type, number, service, FileStatus.OPENED, at, day, at
        )

    def set_status(self, file_id: int, status: FileStatus, at: float) -> None:
        self.db.conn.execute(
            "UPDATE case_files SET status = ?, updated_at = ? WHERE id = ?",
            (status.value, at, file_id),
        )

    def drop_if_unvisited(self, file_id: int) -> None:
        """A file opened by a mistyped number that was corrected at once has no visit left:
        it never existed (its `file_attached` entry, and the one that replaced it, say so)."""
        self.db.conn.execute(
            "DELETE FROM case_files WHERE id = ? AND NOT EXISTS "
            "(SELECT 1 FROM case_file_visits WHERE file_id = ?)",
            (file_id, file_id),
        )

    # -- visits ------------------------------------------------------------------------------
    def attach(
        self,
        file_id: int,
        ticket_id: int,
        at: float,
        day: str,
        window: int | None,
        clerk: str | None,
    ) -> None:
        """Link the ticket entry to the file; an unfinished link to another file is replaced
        (the clerk typed the wrong number and typed it again)."""
        self.db.conn.execute(
            "INSERT INTO case_file_visits (file_id, ticket_id, attached_at, day, window, clerk) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (ticket_id) DO UPDATE SET "
            "file_id = excluded.file_id, attached_at = excluded.attached_at, "
            "window = excluded.window, clerk = excluded.clerk WHERE finished_at IS NULL",
            (file_id, ticket_id, at, day, window, clerk),
        )

    def visit_of(self, ticket_id: int) -> dict[str, Any] | None:
        row = self.db.conn.execute(
            f"SELECT {VISIT_COLUMNS} FROM case_file_visits v JOIN tickets t "
            "ON t.id = v.ticket_id WHERE v.ticket_id = ?",
            (ticket_id,),
        ).fetchone()
        return dict(zip(VISIT_KEYS, row, strict=True)) if row else None

    def finish_visit(
        self,
        ticket_id: int,
        at: float,
        outcome: str,
        before: FileStatus,
        after: FileStatus,
        note: str | None,
        next_step: str | None,
    ) -> None:
        self.db.conn.execute(
            "UPDATE case_file_visits SET finished_at = ?, outcome = ?, status_before = ?, "
            "status_after = ?, note = ?, next_step = ? WHERE ticket_id = ?",
            (at, outcome, before.value, after.value, note, next_step, ticket_id),
        )

    def history(self, file_id: int) -> list[dict[str, Any]]:
        """Every visit of the file, oldest first, with its ticket number."""
        rows = self.db.conn.execute(
            f"SELECT {VISIT_COLUMNS} FROM case_file_visits v JOIN tickets t "
            "ON t.id = v.ticket_id WHERE v.file_id = ? ORDER BY v.id",
            (file_id,),
        )
        return [dict(zip(VISIT_KEYS, r, strict=True)) for r in rows]

    # -- what the figures are computed from ---------------------------------------------------
    def cohort(self, first_day: str, last_day: str) -> list[tuple[Any, ...]]:
        """Files first seen in the period: (id, file_type, service, opened_day, window and
        clerk of the first visit)."""
        return self.db.conn.execute(
            "SELECT f.id, f.file_type, f.service, f.opened_day, v.window, v.clerk "
            "FROM case_files f LEFT JOIN case_file_visits v ON v.id = "
            "(SELECT min(id) FROM case_file_visits WHERE file_id = f.id) "
            "WHERE f.opened_day BETWEEN ? AND ?",
            (first_day, last_day),
        ).fetchall()

    def finished_visits_of_cohort(self, first_day: str, last_day: str) -> list[tuple[Any, ...]]:
        """Finished visits, up to the period's last day, of files first seen in the period:
        (file_id, day, status_after), oldest first."""
        return self.db.conn.execute(
            "SELECT v.file_id, v.day, v.status_after FROM case_file_visits v "
            "JOIN case_files f ON f.id = v.file_id "
            "WHERE f.opened_day BETWEEN ? AND ? AND v.finished_at IS NOT NULL AND v.day <= ? "
            "ORDER BY v.id",
            (first_day, last_day, last_day),
        ).fetchall()

    def finished_visits(self, first_day: str, last_day: str) -> list[tuple[Any, ...]]:
        """Every finished visit of the period to any file: (file_type, service, window, clerk,
        outcome)."""
        return self.db.conn.execute(
            "SELECT f.file_type, f.service, v.window, v.clerk, v.outcome FROM case_file_visits v "
            "JOIN case_files f ON f.id = v.file_id "
            "WHERE v.day BETWEEN ? AND ? AND v.finished_at IS NOT NULL",
            (first_day, last_day),
        ).fetchall()

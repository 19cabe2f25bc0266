"""Citizens' remarks: load and save the `Remark` type, the open ones, a visit's own, and the rows
the remark figures are computed from."""

from __future__ import annotations

from dataclasses import astuple, fields, replace
from typing import Any

from ..domain.remarks import Remark, RemarkCategory, RemarkSource, RemarkStatus
from .db import Database

COLUMNS = tuple(f.name for f in fields(Remark))
SELECT = "SELECT " + ", ".join(COLUMNS) + " FROM remarks"


def _remark(row: Any) -> Remark:
    r = Remark(*row)
    return replace(
        r,
        source=RemarkSource(r.source),
        category=RemarkCategory(r.category),
        status=RemarkStatus(r.status),
    )


class RemarkRows:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, r: Remark) -> Remark:
        names = COLUMNS[1:]
        cur = self.db.conn.execute(
            f"INSERT INTO remarks ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
            astuple(r)[1:],
        )
        return replace(r, id=int(cur.lastrowid or 0))

    def save(self, r: Remark) -> None:
        """The answer and the closing (nothing else of a remark changes)."""
        self.db.conn.execute(
            "UPDATE remarks SET status = ?, answer = ?, answered_at = ?, answered_by = ?, "
            "closed_at = ?, closed_by = ? WHERE id = ?",
            (
                r.status.value,
                r.answer,
                r.answered_at,
                r.answered_by,
                r.closed_at,
                r.closed_by,
                r.id,
            ),
        )

    def get(self, remark_id: int) -> Remark | None:
        row = self.db.conn.execute(f"{SELECT} WHERE id = ?", (remark_id,)).fetchone()
        return _remark(row) if row else None

    def of_visit(self, tracking_id: str) -> list[Remark]:
        rows = self.db.conn.execute(f"{SELECT} WHERE tracking_id = ? ORDER BY id", (tracking_id,))
        return [_remark(r) for r in rows]

    def count_of_visit(self, tracking_id: str) -> int:
        row = self.db.conn.execute(
            "SELECT count(*) FROM remarks WHERE tracking_id = ?", (tracking_id,)
        ).fetchone()
        return int(row[0])

    def newest(self, limit: int = 100, closed: bool = False) -> list[Remark]:
        """The newest remarks still open or answered (with `closed`, also closed ones)."""
        where = "" if closed else "WHERE status != 'closed' "
        rows = self.db.conn.execute(f"{SELECT} {where}ORDER BY id DESC LIMIT ?", (limit,))
        return [_remark(r) for r in rows]

    def of_period(self, first_day: str, last_day: str) -> list[Remark]:
        rows = self.db.conn.execute(f"{SELECT} WHERE day BETWEEN ? AND ?", (first_day, last_day))
        return [_remark(r) for r in rows]

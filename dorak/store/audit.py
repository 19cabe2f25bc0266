"""What supervisors, admins and the command line did. A row is written by the use case that
made the change, in the same transaction: a refused change leaves no audit row."""

from __future__ import annotations

import json
from typing import Any

from .db import Database


class Audit:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, at: float, who: str, role: str, action: str, details: dict[str, Any]) -> None:
        """Inside the write transaction of the change it records."""
        self.db.conn.execute(
            "INSERT INTO audit (at, who, role, action, details) VALUES (?, ?, ?, ?, ?)",
            (
                at,
                who,
                role,
                action,
                json.dumps(details, ensure_ascii=False) if details else None,
            ),
        )

    def newest(self, limit: int = 200) -> list[dict[str, Any]]:
        rows = self.db.all("SELECT * FROM audit ORDER BY id DESC LIMIT ?", (limit,))
        for r in rows:
            r["details"] = json.loads(r["details"]) if r["details"] else {}
        return rows

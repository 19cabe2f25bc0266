"""Small live settings (JSON values): the lobby notice, the admin's printer and lobby settings,
the logo, and the center's configuration with its version."""

from __future__ import annotations

import json
from typing import Any

from .db import Database


class Settings:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, key: str, default: Any = None) -> Any:
        row = self.db.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def put(self, key: str, value: Any, at: float) -> None:
        """Inside a write transaction."""
        self.db.conn.execute(
            "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) "
            "DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            (key, json.dumps(value, ensure_ascii=False), at),
        )

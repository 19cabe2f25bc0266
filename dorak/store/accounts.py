"""Users (scrypt hashes, session versions) and device tokens (SHA-256 of the token)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .db import Database


@dataclass(frozen=True)
class UserRow:
    username: str
    name: str
    role: str
    window: int | None
    password_hash: str
    active: bool
    session_version: int


@dataclass(frozen=True)
class TokenRow:
    id: int
    role: str
    window: int | None
    label: str


def _user(row: Any) -> UserRow | None:
    if row is None:
        return None
    username, name, role, window, password_hash, active, version = row
    return UserRow(username, name, role, window, password_hash, bool(active), int(version))


_USER = "SELECT username, name, role, window, password_hash, active, session_version FROM users"


class AccountRows:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- users -----------------------------------------------------------------------------
    def user(self, username: str, *, active: bool = True) -> UserRow | None:
        where = " WHERE username = ?" + (" AND active = 1" if active else "")
        return _user(self.db.conn.execute(_USER + where, (username,)).fetchone())

    def session_user(self, username: str, version: int) -> UserRow | None:
        row = self.db.conn.execute(
            _USER + " WHERE username = ? AND active = 1 AND session_version = ?",
            (username, version),
        ).fetchone()
        return _user(row)

    def usernames(self) -> set[str]:
        return {r[0] for r in self.db.conn.execute("SELECT username FROM users")}

    def users(self) -> list[dict[str, Any]]:
        return self.db.all(
            "SELECT username, name, role, window, active FROM users ORDER BY username"
        )

    def add_user(
        self, username: str, name: str, role: str, window: int | None, password_hash: str, at: float
    ) -> None:
        self.db.conn.execute(
            "INSERT INTO users (username, name, role, window, password_hash, active, created_at) "
            "VALUES (?, ?, ?, ?, ?, 1, ?)",
            (username, name, role, window, password_hash, at),
        )

    def set_password(self, username: str, password_hash: str) -> bool:
        # A new password ends every session of the user (a copied cookie too).
        cur = self.db.conn.execute(
            "UPDATE users SET password_hash = ?, session_version = session_version + 1 "
            "WHERE username = ?",
            (password_hash, username),
        )
        return cur.rowcount > 0

    def set_active(self, username: str, active: bool) -> bool:
        cur = self.db.conn.execute(
            "UPDATE users SET active = ?, session_version = session_version + 1 WHERE username = ?",
            (int(active), username),
        )
        return cur.rowcount > 0

    def end_sessions(self, username: str) -> None:
        self.db.conn.execute(
            "UPDATE users SET session_version = session_version + 1 WHERE username = ?",
            (username,),
        )

    # -- device tokens ---------------------------------------------------------------------
    def token(self, digest: str) -> TokenRow | None:
        row = self.db.conn.execute(
            "SELECT id, role, window, label FROM tokens WHERE token_hash = ? "
            "AND revoked_at IS NULL",
            (digest,),
        ).fetchone()
        return TokenRow(*row) if row else None

    def tokens(self) -> list[dict[str, Any]]:
        return self.db.all(
            "SELECT id, role, window, label, created_at, revoked_at FROM tokens ORDER BY id"
        )

    def last_token_id(self) -> int:
        return int(self.db.conn.execute("SELECT coalesce(max(id), 0) FROM tokens").fetchone()[0])

    def add_token(self, digest: str, role: str, window: int | None, label: str, at: float) -> int:
        cur = self.db.conn.execute(
            "INSERT INTO tokens (token_hash, role, window, label, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (digest, role, window, label, at),
        )
        return int(cur.lastrowid or 0)

    def revoke_token(self, token_id: int, at: float) -> bool:
        cur = self.db.conn.execute(
            "UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
            (at, token_id),
        )
        return cur.rowcount > 0

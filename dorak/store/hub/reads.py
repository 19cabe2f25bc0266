"""The hub's people: users (a password, a role, optionally the centers they may see) and tokens
for programs (the digest only)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

from .ingest import token_hash


@dataclass(frozen=True)
class Reader:
    """Who reads the hub: admin or viewer; `centers` None = every center."""

    name: str
    role: str
    centers: tuple[int, ...] | None


class Reads:
    def __init__(self, pool: ConnectionPool[Any]) -> None:
        self.pool = pool

    def add_user(
        self,
        username: str,
        password_hash: str,
        role: str,
        centers: Sequence[int] | None,
        at: float,
    ) -> int:
        with self.pool.connection() as conn:
            row = conn.execute(
                "INSERT INTO users (username, password_hash, role, centers, created_at) "
                "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (username) DO NOTHING RETURNING id",
                (username, password_hash, role, None if centers is None else list(centers), at),
            ).fetchone()
        if row is None:
            raise ValueError(f"user {username} exists already")
        return int(row[0])

    def user(self, username: str) -> tuple[str, Reader] | None:
        """(password hash, reader) of a user."""
        with self.pool.connection() as conn:
            r = (
                conn.cursor(row_factory=dict_row)
                .execute(
                    "SELECT username, password_hash, role, centers FROM users WHERE username = %s",
                    (username,),
                )
                .fetchone()
            )
        if r is None:
            return None
        centers = None if r["centers"] is None else tuple(r["centers"])
        return r["password_hash"], Reader(r["username"], r["role"], centers)

    def add_token(
        self, token: str, role: str, centers: Sequence[int] | None, label: str | None, at: float
    ) -> int:
        with self.pool.connection() as conn:
            row = conn.execute(
                "INSERT INTO tokens (token_hash, role, centers, label, created_at) "
                "VALUES (%s, %s, %s, %s, %s) RETURNING id",
                (token_hash(token), role, None if centers is None else list(centers), label, at),
            ).fetchone()
        assert row is not None
        return int(row[0])

    def token(self, token: str) -> Reader | None:
        with self.pool.connection() as conn:
            r = conn.execute(
                "SELECT id, role, centers FROM tokens WHERE token_hash = %s AND revoked_at IS NULL",
                (token_hash(token),),
            ).fetchone()
        if r is None:
            return None
        return Reader(f"token {r[0]}", str(r[1]), None if r[2] is None else tuple(r[2]))

"""The governorate hub's store: PostgreSQL through psycopg 3, every SQL statement of the hub.

- centers: code, names, time zone, the sync token's digest, the acknowledged high-water mark,
  the configuration the center sent, the last heartbeat (live state) and when it came
- events: each center's log as received, keyed by (center, event id)
- entries: the log folded per ticket entry; rollups: the center's report rows per day
  (every service, each service, each hour), written in the ingest's transaction (ingest.py)
- users and tokens of the people who read the hub (reads.py)"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

from ...domain.model import Center
from .ingest import Ingested, ingest, token_hash
from .reads import Reads
from .schema import migrate

__all__ = ["CenterRow", "HubStore", "Ingested", "token_hash"]


@dataclass(frozen=True)
class CenterRow:
    id: int
    code: str
    name_ar: str
    name_en: str
    timezone: str
    high_water: int
    config_toml: str | None
    config_version: int
    live: dict[str, Any] | None
    last_seen: float | None


CENTER_COLUMNS = (
    "id, code, name_ar, name_en, timezone, high_water, config_toml, config_version, live, last_seen"
)


class HubStore:
    def __init__(self, url: str, max_size: int = 8) -> None:
        self.url = url
        self.pool: ConnectionPool[Any] = ConnectionPool(
            url, min_size=1, max_size=max_size, open=True, timeout=10
        )
        self.reads = Reads(self.pool)

    def close(self) -> None:
        self.pool.close()

    def migrate(self) -> int:
        with psycopg.connect(self.url, autocommit=True) as conn:
            return migrate(conn)

    # -- centers -----------------------------------------------------------------------------
    def add_center(
        self, code: str, name_ar: str, name_en: str, timezone: str, token: str, at: float
    ) -> int:
        with self.pool.connection() as conn:
            row = conn.execute(
                "INSERT INTO centers (code, name_ar, name_en, timezone, token_hash, created_at) "
                "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (code) DO NOTHING RETURNING id",
                (code, name_ar, name_en, timezone, token_hash(token), at),
            ).fetchone()
        if row is None:
            raise ValueError(f"center {code} exists already")
        return int(row[0])

    def new_center_token(self, code: str, token: str) -> bool:
        with self.pool.connection() as conn:
            cur = conn.execute(
                "UPDATE centers SET token_hash = %s WHERE code = %s", (token_hash(token), code)
            )
            return bool(cur.rowcount == 1)

    def _centers(self, where: str, params: Sequence[Any]) -> list[CenterRow]:
        with self.pool.connection() as conn:
            cur = conn.cursor(row_factory=dict_row)
            rows = cur.execute(f"SELECT {CENTER_COLUMNS} FROM centers {where}", params)
            return [CenterRow(**r) for r in rows]

    def center_by_token(self, token: str) -> CenterRow | None:
        found = self._centers("WHERE token_hash = %s", (token_hash(token),))
        return found[0] if found else None

    def center(self, code: str) -> CenterRow | None:
        found = self._centers("WHERE code = %s", (code,))
        return found[0] if found else None

    def centers(self, ids: Sequence[int] | None = None) -> list[CenterRow]:
        if ids is None:
            return self._centers("ORDER BY code", ())
        return self._centers("WHERE id = ANY(%s) ORDER BY code", (list(ids),))

    def center_ids(self, codes: Sequence[str]) -> dict[str, int]:
        with self.pool.connection() as conn:
            rows = conn.execute("SELECT code, id FROM centers WHERE code = ANY(%s)", (list(codes),))
            return {str(c): int(i) for c, i in rows}

    # -- what centers send -------------------------------------------------------------------
    def ingest(
        self,
        center_id: int,
        events: Sequence[Sequence[Any]],
        at: float,
        center_of: Callable[[str | None], Center],
        config: str | None = None,
    ) -> Ingested:
        with self.pool.connection() as conn:
            return ingest(conn, center_id, events, at, center_of, config)

    def heartbeat(self, center_id: int, live: dict[str, Any], at: float) -> None:
        with self.pool.connection() as conn:
            conn.execute(
                "UPDATE centers SET live = %s, last_seen = %s WHERE id = %s",
                (json.dumps(live, ensure_ascii=False), at, center_id),
            )

    # -- what a report reads -----------------------------------------------------------------
    def entry_rows(self, center_id: int, first_day: str, last_day: str) -> list[list[Any]]:
        with self.pool.connection() as conn:
            rows = conn.execute(
                "SELECT row FROM entries WHERE center_id = %s AND day BETWEEN %s AND %s",
                (center_id, first_day, last_day),
            )
            return [r[0] for r in rows]

    def day_figures(self, days: Sequence[str], ids: Sequence[int] | None) -> list[Any]:
        """(center id, day, service, figures) of whole days ('' = every service)."""
        with self.pool.connection() as conn:
            return list(
                conn.execute(
                    "SELECT center_id, day, service, figures FROM rollups WHERE day = ANY(%s) "
                    "AND hour = -1 AND (%s::int[] IS NULL OR center_id = ANY(%s))",
                    (
                        list(days),
                        None if ids is None else list(ids),
                        None if ids is None else list(ids),
                    ),
                ).fetchall()
            )

    def count_events(self, center_id: int) -> tuple[int, int]:
        """(events stored, distinct ids): equal, or an id was stored twice."""
        with self.pool.connection() as conn:
            row = conn.execute(
                "SELECT count(*), count(DISTINCT id) FROM events WHERE center_id = %s",
                (center_id,),
            ).fetchone()
            return (int(row[0]), int(row[1])) if row else (0, 0)

    def event_ids(self, center_id: int) -> list[int]:
        with self.pool.connection() as conn:
            rows = conn.execute(
                "SELECT id FROM events WHERE center_id = %s ORDER BY id", (center_id,)
            )
            return [int(r[0]) for r in rows]

"""One batch of a center's events into the hub, in one transaction: the events it had not stored
(the center's row is locked, so two copies of a batch arriving at once store it once), the ticket
entries they change, folded by the center's own code, and the day rollups of those entries. The
acknowledged high-water mark moves in the same commit: what the hub says it has, it has."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import psycopg

from ...domain.model import Center
from ...hub import figures

EVENT_COLUMNS = (
    'center_id, id, kind, at, ticket_id, number, service, day, "window", clerk, details, '
    "received_at"
)


@dataclass
class Ingested:
    high_water: int
    stored: int  # events new to the hub (the rest it had)
    days: list[str] = field(default_factory=list)  # days whose figures changed


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def ingest(
    conn: psycopg.Connection[Any],
    center_id: int,
    events: Sequence[Sequence[Any]],
    at: float,
    center_of: Callable[[str | None], Center],
    config: str | None = None,
) -> Ingested:
    with conn.transaction():
        row = conn.execute(
            "SELECT high_water, config_toml FROM centers WHERE id = %s FOR UPDATE", (center_id,)
        ).fetchone()
        if row is None:
            raise LookupError(center_id)
        high_water, stored_config = int(row[0]), row[1]
        new = sorted((e for e in events if int(e[0]) > high_water), key=lambda e: int(e[0]))
        config_moved = config is not None and config != stored_config
        if config_moved:
            conn.execute(
                "UPDATE centers SET config_toml = %s, config_version = config_version + 1 "
                "WHERE id = %s",
                (config, center_id),
            )
            stored_config = config
        days: set[str] = set()
        if new:
            with conn.cursor().copy(f"COPY events ({EVENT_COLUMNS}) FROM STDIN") as copy:
                for e in new:
                    details = _json(e[9]) if e[9] else None
                    copy.write_row((center_id, *e[:9], details, at))
            days = _fold(conn, center_id, [figures.entry_of(e) for e in new])
        if config_moved:  # the center's reports use its current targets for every day
            days |= {
                r[0]
                for r in conn.execute(
                    "SELECT DISTINCT day FROM entries WHERE center_id = %s", (center_id,)
                )
            }
        if days:
            _rollups(conn, center_id, sorted(days), center_of(stored_config))
        high_water = max([high_water, *(int(e[0]) for e in new)])
        conn.execute(
            "UPDATE centers SET high_water = %s, last_seen = %s WHERE id = %s",
            (high_water, at, center_id),
        )
    return Ingested(high_water, len(new), sorted(days))


def _fold(conn: psycopg.Connection[Any], center_id: int, new: list[Any]) -> set[str]:
    ids = list({e.ticket_id for e in new if e.ticket_id is not None})
    if not ids:
        return set()
    known = {
        int(tid): (figures.ticket_of(state), stars)
        for tid, state, stars in conn.execute(
            "SELECT ticket_id, state, stars FROM entries WHERE center_id = %s "
            "AND ticket_id = ANY(%s)",
            (center_id, ids),
        )
    }
    changed = figures.fold(known, new)
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS changed_entries (LIKE entries) ON COMMIT DELETE ROWS"
    )
    with conn.cursor().copy(
        "COPY changed_entries (center_id, ticket_id, day, service, state, stars, row) FROM STDIN"
    ) as copy:
        for tid, (t, stars) in changed.items():
            state = _json(figures.state_of(t))
            copy.write_row(
                (center_id, tid, t.day, t.service, state, stars, _json(figures.row_of(t, stars)))
            )
    conn.execute(
        "INSERT INTO entries SELECT * FROM changed_entries ON CONFLICT (center_id, ticket_id) "
        "DO UPDATE SET day = EXCLUDED.day, service = EXCLUDED.service, state = EXCLUDED.state, "
        "stars = EXCLUDED.stars, row = EXCLUDED.row"
    )
    return {t.day for t, _ in changed.values()}


def _rollups(
    conn: psycopg.Connection[Any], center_id: int, days: list[str], center: Center
) -> None:
    rows: dict[str, list[Any]] = defaultdict(list)
    for day, row in conn.execute(
        "SELECT day, row FROM entries WHERE center_id = %s AND day = ANY(%s)", (center_id, days)
    ):
        rows[day].append(row)
    conn.execute("DELETE FROM rollups WHERE center_id = %s AND day = ANY(%s)", (center_id, days))
    with conn.cursor().copy(
        "COPY rollups (center_id, day, service, hour, figures) FROM STDIN"
    ) as copy:
        for day in days:
            for service, hour, figs in figures.day_rollups(rows[day], center, day):
                copy.write_row((center_id, day, service, hour, _json(figs)))


def token_hash(token: str) -> str:
    """Tokens are long random strings: a plain digest is enough to keep them out of the
    database, and lets the hub find the one a request carries by an index."""
    return hashlib.sha256(token.encode()).hexdigest()

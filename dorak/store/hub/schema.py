"""The hub's PostgreSQL schema as numbered migrations, applied in order, each once, in one
transaction with its row in `schema_migrations` (two hubs starting at once: an advisory lock)."""

from __future__ import annotations

from typing import Any

import psycopg

MIGRATIONS: list[tuple[str, str]] = [
    (
        "centers",
        """
        CREATE TABLE centers (
            id serial PRIMARY KEY,
            code text NOT NULL UNIQUE,
            name_ar text NOT NULL,
            name_en text NOT NULL,
            timezone text NOT NULL DEFAULT 'Africa/Cairo',
            token_hash text NOT NULL UNIQUE,   -- sha256 of the sync token: never the token
            high_water bigint NOT NULL DEFAULT 0,  -- the last event id stored, acknowledged
            config_toml text,                  -- the center's configuration as it sent it
            config_version bigint NOT NULL DEFAULT 0,
            live jsonb,                        -- the last heartbeat's state of the floor
            last_seen double precision,        -- when the center last spoke (epoch s)
            created_at double precision NOT NULL
        );
        -- Each center's log as received: (center, event id) once, whatever is sent twice.
        CREATE TABLE events (
            center_id int NOT NULL REFERENCES centers (id),
            id bigint NOT NULL,
            kind text NOT NULL,
            at double precision NOT NULL,
            ticket_id bigint,
            number text,
            service text,
            day text,
            "window" int,
            clerk text,
            details jsonb,
            received_at double precision NOT NULL,
            PRIMARY KEY (center_id, id)
        );
        -- The log folded per ticket entry by the center's own code (dorak/domain/ticket.py):
        -- `state` to fold the next event onto, `row` what the center's reports read.
        CREATE TABLE entries (
            center_id int NOT NULL REFERENCES centers (id),
            ticket_id bigint NOT NULL,
            day text NOT NULL,
            service text NOT NULL,
            state jsonb NOT NULL,
            stars smallint,
            row jsonb NOT NULL,
            PRIMARY KEY (center_id, ticket_id)
        );
        CREATE INDEX entries_center_day ON entries (center_id, day);
        -- The center's report rows per day: service '' = every service, hour -1 = whole day.
        CREATE TABLE rollups (
            center_id int NOT NULL REFERENCES centers (id),
            day text NOT NULL,
            service text NOT NULL,
            hour smallint NOT NULL,
            figures jsonb NOT NULL,
            PRIMARY KEY (center_id, day, service, hour)
        );
        CREATE INDEX rollups_day ON rollups (day, hour, center_id);
        CREATE TABLE users (
            id serial PRIMARY KEY,
            username text NOT NULL UNIQUE,
            password_hash text NOT NULL,
            role text NOT NULL CHECK (role IN ('admin', 'viewer')),
            centers int[],                     -- NULL: every center
            created_at double precision NOT NULL
        );
        CREATE TABLE tokens (
            id serial PRIMARY KEY,
            token_hash text NOT NULL UNIQUE,
            role text NOT NULL CHECK (role IN ('admin', 'viewer')),
            centers int[],
            label text,
            created_at double precision NOT NULL,
            revoked_at double precision
        );
        """,
    ),
]


def migrate(conn: psycopg.Connection[Any]) -> int:
    """Apply what is missing; the number of migrations applied now."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(17017)")
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (number int PRIMARY KEY, "
            "name text NOT NULL)"
        )
        row = conn.execute("SELECT coalesce(max(number), 0) FROM schema_migrations").fetchone()
        done = int(row[0]) if row else 0
        for number, (name, sql) in enumerate(MIGRATIONS, 1):
            if number > done:
                conn.execute(sql.encode())
                conn.execute(
                    "INSERT INTO schema_migrations (number, name) VALUES (%s, %s)", (number, name)
                )
    return max(0, len(MIGRATIONS) - done)

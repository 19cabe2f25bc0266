"""The floor in one statement: windows, who is signed in, closed services, busy windows, how
many wait in each line and who is first in each, recent service times, the pace of calls, the
configuration's version (and, for a kiosk's retry, the ticket its request key made). Read once
per change instead of once per figure; dorak/domain/floor.py works everything out from it."""

from __future__ import annotations

import json
from collections import defaultdict
from functools import lru_cache

from ..domain.floor import Floor, Holding, Waiting, WindowRecord
from ..domain.floor_scene import PACE_SPAN_S
from ..domain.model import WindowStatus
from ..domain.staffing import Presence
from .db import Database

RECENT = 20  # service times per service behind the typical time
# Holds per service behind the estimate's pace: one hold says little (exponential holds of 20
# vary their mean by a fifth), and a clerk's own pace needs several of theirs among them.
RECENT_HOLDS = 60
_FIXED = (
    "SELECT 'w', number, status, reason, since, clerk FROM windows",
    "SELECT 's', number, clerk, via, since, seen_at FROM window_staff",
    "SELECT 'c', code, NULL, NULL, NULL, NULL FROM service_state WHERE open = 0",
    # Who is at each busy window, since when: the wait estimate plays the floor forward.
    "SELECT 'b', window, service, coalesce(last_called_at, called_at), NULL, NULL FROM tickets "
    "WHERE status IN ('called', 'serving') AND window IS NOT NULL",
    "SELECT 'n', service, priority, waiting, NULL, NULL FROM line_counts WHERE waiting > 0",
    # Named, or the planner walks the whole day in service order for the GROUP BY.
    "SELECT 'p', service, count(*), NULL, NULL, NULL FROM tickets INDEXED BY "
    "idx_tickets_called_at WHERE called_at >= :since GROUP BY service",
    # Arrivals of the last half hour per line, and the first of them (a day just begun).
    "SELECT 'a', service, priority IS NOT NULL, count(*), min(issued_at), NULL FROM tickets "
    "INDEXED BY idx_tickets_issued_at WHERE issued_at >= :since "
    "GROUP BY service, priority IS NOT NULL",
    "SELECT 'v', NULL, value, NULL, NULL, NULL FROM settings WHERE key = 'center_version'",
    "SELECT 'k', id, NULL, NULL, NULL, NULL FROM tickets WHERE request_key = :key",
)


@lru_cache(maxsize=8)
def _sql(services: tuple[str, ...]) -> str:
    parts = list(_FIXED)
    for i in range(len(services)):
        s = f":s{i}"
        # Each walks an index backwards or forwards a few rows, whatever the history's size.
        parts.append(
            "SELECT * FROM (SELECT 'r', service, finished_at - started_at, NULL, NULL, NULL "
            f"FROM tickets WHERE service = {s} AND finished_at IS NOT NULL AND status = 'done' "
            f"AND started_at IS NOT NULL ORDER BY finished_at DESC LIMIT {RECENT})"
        )
        # How long a call held a window (walk, no-show wait, service): the estimate's pace.
        parts.append(
            "SELECT * FROM (SELECT 'q', service, finished_at - called_at, window, NULL, NULL "
            f"FROM tickets WHERE service = {s} AND finished_at IS NOT NULL "
            "AND status IN ('done', 'no_show', 'transferred') AND called_at IS NOT NULL "
            f"ORDER BY finished_at DESC LIMIT {RECENT_HOLDS})"
        )
        # Every waiting ticket (the index walks the line): the estimate plays them all.
        parts.append(
            "SELECT 'h', id, number, service, priority, queued_at FROM tickets "
            f"WHERE status = 'waiting' AND service = {s}"
        )
    return " UNION ALL ".join(parts)


class FloorReader:
    def __init__(self, db: Database) -> None:
        self.db = db

    def read(
        self,
        services: tuple[str, ...],
        at: float,
        staff_timeout_s: float,
        request_key: str | None = None,
    ) -> tuple[Floor, int | None]:
        """The floor at `at` for these queue services; and the id of the ticket `request_key`
        made, if any."""
        params: dict[str, object] = {"since": at - PACE_SPAN_S, "key": request_key}
        params.update({f"s{i}": code for i, code in enumerate(services)})
        windows: dict[int, WindowRecord] = {}
        staff: dict[int, Presence] = {}
        closed: set[str] = set()
        busy: dict[int, Holding] = {}
        arrived: dict[tuple[str, bool], int] = {}
        first_arrival: float | None = None
        held_at: list[tuple[str, int, float]] = []
        lines: dict[tuple[str, bool], int] = {}
        calls: dict[str, int] = {}
        recent: dict[str, list[float]] = defaultdict(list)
        held: dict[str, list[float]] = defaultdict(list)
        heads: dict[str, list[Waiting]] = defaultdict(list)
        version = 0
        made: int | None = None
        for part, k, a, b, c, d in self.db.conn.execute(_sql(services), params):
            if part == "w":
                windows[k] = WindowRecord(WindowStatus(a), b, c, d)
            elif part == "s":
                staff[k] = Presence(a, b, c, d)
            elif part == "c":
                closed.add(k)
            elif part == "b":
                busy[k] = Holding(a, b)
            elif part == "a":
                arrived[(k, bool(a))] = int(b)
                first_arrival = c if first_arrival is None else min(first_arrival, c)
            elif part == "n":
                lines[(k, bool(a))] = int(b)
            elif part == "p":
                calls[k] = int(a)
            elif part == "v":
                version = int(json.loads(a))
            elif part == "k":
                made = k
            elif part == "r":
                recent[k].append(a)
            elif part == "q":
                held[k].append(a)
                if b is not None:
                    held_at.append((k, int(b), a))
            elif part == "h":
                heads[b].append(Waiting(k, a, b, c, d))
        floor = Floor(
            at,
            staff_timeout_s,
            windows,
            staff,
            frozenset(closed),
            frozenset(busy),
            lines,
            {k: tuple(v) for k, v in recent.items()},
            calls,
            {k: tuple(sorted(v, key=lambda h: (h.queued_at, h.id))) for k, v in heads.items()},
            version,
            {k: tuple(v) for k, v in held.items()},
            busy,
            arrived,
            first_arrival,
            tuple(held_at),
        )
        return floor, made

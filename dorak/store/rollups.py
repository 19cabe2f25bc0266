"""Per-day rollups of the report figures: the cells of dorak/domain/report_cells.py for each closed
day, so a year reads a few thousand rows instead of a million entries.

Kept true in the same transaction as the change: any write to a ticket entry drops its day's
rollup (`forget`, called by every use case's `_record`), and the next report that reads the day
builds it again from the entries, inside one write transaction so no change slips between the
read and the save."""

from __future__ import annotations

import json
import math
from array import array
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ..domain.report_cells import COUNTS, GROUPINGS, Cell, Group
from .db import Database


class Rollups:
    def __init__(self, db: Database) -> None:
        self.db = db

    def forget(self, day: str) -> None:
        """Inside a write: the day's entries changed."""
        conn = self.db.conn
        conn.execute("DELETE FROM report_days_built WHERE day = ?", (day,))
        for grouping in GROUPINGS:  # each walks the primary key
            conn.execute("DELETE FROM report_days WHERE grouping = ? AND day = ?", (grouping, day))

    def built(self, first_day: str, last_day: str) -> set[str]:
        rows = self.db.conn.execute(
            "SELECT day FROM report_days_built WHERE day BETWEEN ? AND ?", (first_day, last_day)
        )
        return {r[0] for r in rows}

    def save(self, day: str, cells: Iterable[tuple[tuple[str, Any, str], Cell]]) -> None:
        """Inside a write: the day's cells, every grouping."""
        self.db.conn.executemany(
            f"INSERT OR REPLACE INTO report_days VALUES ({', '.join(['?'] * (7 + len(COUNTS)))})",
            [
                (
                    day,
                    grouping,
                    json.dumps(key),
                    service,
                    c.waits.tobytes(),
                    c.walks.tobytes(),
                    c.services.tobytes(),
                    *c.counts(),
                )
                for (grouping, key, service), c in cells
            ],
        )
        self.db.conn.execute("INSERT OR REPLACE INTO report_days_built VALUES (?)", (day,))

    def read_into(
        self,
        first_day: str,
        last_day: str,
        grouping: str,
        group: Callable[[Any], Group],
        targets_s: Mapping[str, float],
    ) -> None:
        """Adds the period's cells of `grouping` to `group(key)`."""
        rows = self.db.conn.execute(
            f"SELECT key, service, waits, walks, services, {', '.join(COUNTS)} FROM report_days "
            "WHERE grouping = ? AND day BETWEEN ? AND ?",
            (grouping, first_day, last_day),
        )
        for key, service, waits, walks, services, *counts in rows:
            times = array("d"), array("d"), array("d")
            for a, blob in zip(times, (waits, walks, services), strict=True):
                a.frombytes(blob)
            target = targets_s.get(service, math.inf)
            group(json.loads(key)).add_sorted(counts, *times, target)

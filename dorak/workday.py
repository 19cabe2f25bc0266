"""The working day: when a new one starts, tickets still waiting or called from an earlier day
end as `expired` (an event, counted in the reports) instead of being called the next morning."""

from __future__ import annotations

import sqlite3

from .domain.lifecycle import next_status
from .domain.model import Action, Status
from .store import Row, Store


def expire_earlier_days(conn: sqlite3.Connection, day: str, at: float) -> list[Row]:
    """Inside a write transaction: expire every ticket waiting or called from before `day`."""
    cur = conn.execute(
        "SELECT id, token, service, window, status, day FROM tickets "
        "WHERE status IN ('waiting', 'called') AND day < ?",
        (day,),
    )
    cols = [c[0] for c in cur.description]
    rows = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
    for r in rows:
        status = next_status(Status(r["status"]), Action.EXPIRE)
        Store.update(conn, "tickets", "id", r["id"], {"status": status, "finished_at": at})
        Store.add_event(
            conn, r["id"], "expired", at, r["window"], None, {"day": r["day"], "was": r["status"]}
        )
    return rows

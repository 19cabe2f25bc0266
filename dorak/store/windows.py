"""Windows: open or paused (the `windows` table), who is signed in at each (`window_staff`),
and which services are closed for new tickets (`service_state`)."""

from __future__ import annotations

from ..domain.floor import WindowRecord
from ..domain.model import WindowStatus
from ..domain.staffing import Presence
from .db import Database


class Windows:
    def __init__(self, db: Database) -> None:
        self.db = db

    def states(self) -> dict[int, WindowRecord]:
        rows = self.db.conn.execute("SELECT number, status, reason, since, clerk FROM windows")
        return {n: WindowRecord(WindowStatus(s), r, at, c) for n, s, r, at, c in rows}

    def set_state(self, number: int, record: WindowRecord) -> None:
        self.db.conn.execute(
            "INSERT INTO windows (number, status, reason, since, clerk) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (number) DO UPDATE SET status = excluded.status, "
            "reason = excluded.reason, since = excluded.since, clerk = excluded.clerk",
            (number, str(record.status), record.reason, record.since, record.clerk),
        )

    # -- who is signed in ------------------------------------------------------------------
    def presences(self) -> dict[int, Presence]:
        rows = self.db.conn.execute("SELECT number, clerk, via, since, seen_at FROM window_staff")
        return {n: Presence(c, v, s, seen) for n, c, v, s, seen in rows}

    def presence(self, number: int) -> Presence | None:
        row = self.db.conn.execute(
            "SELECT clerk, via, since, seen_at FROM window_staff WHERE number = ?", (number,)
        ).fetchone()
        return Presence(*row) if row else None

    def sign_in(self, number: int, presence: Presence) -> None:
        self.db.conn.execute(
            "INSERT INTO window_staff (number, clerk, via, since, seen_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (number) DO UPDATE SET "
            "clerk = excluded.clerk, via = excluded.via, since = excluded.since, "
            "seen_at = excluded.seen_at",
            (number, presence.clerk, presence.via, presence.since, presence.seen_at),
        )

    def heartbeat(self, number: int, at: float) -> None:
        self.db.conn.execute("UPDATE window_staff SET seen_at = ? WHERE number = ?", (at, number))

    def sign_out(self, number: int) -> None:
        self.db.conn.execute("DELETE FROM window_staff WHERE number = ?", (number,))

    def of_clerk(self, clerk: str) -> list[int]:
        rows = self.db.conn.execute("SELECT number FROM window_staff WHERE clerk = ?", (clerk,))
        return [r[0] for r in rows]

    # -- services open or closed for new tickets --------------------------------------------
    def closed_services(self) -> set[str]:
        rows = self.db.conn.execute("SELECT code FROM service_state WHERE open = 0")
        return {r[0] for r in rows}

    def set_service_open(self, code: str, is_open: bool, at: float) -> None:
        self.db.conn.execute(
            "INSERT INTO service_state (code, open, since) VALUES (?, ?, ?) ON CONFLICT "
            "(code) DO UPDATE SET open = excluded.open, since = excluded.since",
            (code, int(is_open), at),
        )

"""Who is signed in at which window: the sign-ins, their heartbeats and their end, in the store.
The rules (what counts as staffed) are in domain/staffing.py."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from .domain.model import Center, WindowStatus
from .domain.staffing import FIXED, Presence, WindowState, is_present, window_state
from .store import Row, Store


class Roster:
    def __init__(self, store: Store, clock: Callable[[], datetime], timeout_s: float) -> None:
        self.store = store
        self.clock = clock
        self.timeout_s = timeout_s

    def presences(self) -> dict[int, Presence]:
        return {
            n: Presence(r["clerk"], r["via"], r["since"], r["seen_at"])
            for n, r in self.store.window_staff().items()
        }

    def states(
        self,
        center: Center,
        windows: dict[int, Row] | None = None,
        here: dict[int, Presence] | None = None,
    ) -> dict[int, WindowState]:
        windows = self.store.window_states() if windows is None else windows
        here = self.presences() if here is None else here
        now = self.clock().timestamp()
        return {
            w.number: window_state(
                here.get(w.number),
                (windows.get(w.number) or {}).get("status") == WindowStatus.PAUSED,
                now,
                self.timeout_s,
            )
            for w in center.windows
        }

    def open_windows(self, center: Center, windows: dict[int, Row] | None = None) -> set[int]:
        """Windows with a clerk signed in and not paused: the ones that call tickets."""
        return {n for n, s in self.states(center, windows).items() if s == WindowState.OPEN}

    def sign_in(self, window: int, clerk: str, via: str) -> bool:
        """A sign-in or a heartbeat. True when this made `clerk` the one signed in there."""
        at = self.clock().timestamp()
        with self.store.write() as conn:
            row = conn.execute(
                "SELECT clerk, via, since, seen_at FROM window_staff WHERE number = ?", (window,)
            ).fetchone()
            before = Presence(*row) if row else None
            if before is None or not is_present(before, at, self.timeout_s):
                fresh = True
            elif before.clerk == clerk:
                fresh = False
            else:
                # A clerk at a terminal replaces a sign-in made without one; otherwise the one
                # who signed in first stays named and the other only keeps the window staffed
                # (no sign-in tug of war between two open pages).
                fresh = before.via == FIXED and via != FIXED
            if fresh:
                conn.execute(
                    "INSERT INTO window_staff (number, clerk, via, since, seen_at) "
                    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (number) DO UPDATE SET "
                    "clerk = excluded.clerk, via = excluded.via, since = excluded.since, "
                    "seen_at = excluded.seen_at",
                    (window, clerk, via, at, at),
                )
                Store.add_event(conn, None, "signed_in", at, window, clerk, {"via": via})
            elif before is not None and before.via != FIXED:
                conn.execute("UPDATE window_staff SET seen_at = ? WHERE number = ?", (at, window))
        return fresh

    def sign_out(self, window: int, clerk: str | None = None, reason: str = "sign_out") -> bool:
        """End the sign-in at `window` (only `clerk`'s, when given). True when one ended."""
        at = self.clock().timestamp()
        with self.store.write() as conn:
            row = conn.execute(
                "SELECT clerk FROM window_staff WHERE number = ?", (window,)
            ).fetchone()
            if row is None or (clerk is not None and row[0] != clerk):
                return False
            conn.execute("DELETE FROM window_staff WHERE number = ?", (window,))
            Store.add_event(conn, None, "signed_out", at, window, row[0], {"reason": reason})
        return True

    def windows_of(self, clerk: str) -> list[int]:
        rows = self.store.conn.execute("SELECT number FROM window_staff WHERE clerk = ?", (clerk,))
        return [r[0] for r in rows]

    def expire(self) -> list[int]:
        """End sign-ins whose heartbeat has been silent longer than the timeout."""
        now = self.clock().timestamp()
        lapsed = [
            n
            for n, p in self.presences().items()
            if p.via != FIXED and not is_present(p, now, self.timeout_s)
        ]
        return [n for n in lapsed if self.sign_out(n, reason="timeout")]

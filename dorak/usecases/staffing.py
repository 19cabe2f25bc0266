"""Who is signed in at which window: sign-ins, heartbeats and their end. The rules (what
counts as staffed) are in domain/staffing.py."""

from __future__ import annotations

from ..domain.events import Event, QueueChanged, WindowUpdated
from ..domain.model import Window, WindowStatus
from ..domain.roles import Principal
from ..domain.staffing import FIXED, Presence, WindowState, is_present, window_state
from .base import Result, UseCase


class Staffing(UseCase):
    def presences(self) -> dict[int, Presence]:
        return self.store.windows.presences()

    def window_states(self) -> dict[int, WindowState]:
        states, here, now = self.store.windows.states(), self.presences(), self.now()
        return {
            w.number: window_state(
                here.get(w.number),
                w.number in states and states[w.number].status == WindowStatus.PAUSED,
                now,
                self.staff_timeout_s,
            )
            for w in self.center.windows
        }

    def staffed_windows(self) -> set[int]:
        """Windows with a clerk signed in, paused or not."""
        return {n for n, s in self.window_states().items() if s != WindowState.UNSTAFFED}

    def sign_in(self, window: int, clerk: str, via: str) -> Result:
        """A clerk signs in at a window, or the page's heartbeat says they are still there."""
        config = self._window(window)
        at = self.now()
        with self.store.write():
            before = self.store.windows.presence(window)
            if before is None or not is_present(before, at, self.staff_timeout_s):
                fresh = True
            elif before.clerk == clerk:
                fresh = False
            else:
                # A clerk at a terminal replaces a sign-in made without one; otherwise the one
                # who signed in first stays named and the other only keeps the window staffed
                # (no sign-in tug of war between two open pages).
                fresh = before.via == FIXED and via != FIXED
            if fresh:
                self.store.windows.sign_in(window, Presence(clerk, via, at, at))
                self._log("signed_in", at, window=window, clerk=clerk, details={"via": via})
            elif before is not None and before.via != FIXED:
                self.store.windows.heartbeat(window, at)
        if not fresh:
            return None, []
        return None, [WindowUpdated(window), QueueChanged(frozenset(config.services))]

    def sign_out(self, window: int, clerk: str | None = None, reason: str = "sign_out") -> Result:
        """End the sign-in at `window` (only `clerk`'s, when given)."""
        config = self._window(window)
        at = self.now()
        with self.store.write():
            here = self.store.windows.presence(window)
            if here is None or (clerk is not None and here.clerk != clerk):
                return None, []
            self.store.windows.sign_out(window)
            self._log("signed_out", at, window=window, clerk=here.clerk, details={"reason": reason})
        return None, [WindowUpdated(window), QueueChanged(frozenset(config.services))]

    def staff_fixed(self, windows: list[int], clerk: str, by: Principal) -> Result:
        """Count windows as staffed with no heartbeat (a clerk without a terminal, the demo),
        until `leave`: one transaction, one audit row."""
        configs = [self._window(n) for n in windows]
        at = self.now()
        with self.store.write():
            for n in windows:
                self.store.windows.sign_in(n, Presence(clerk, FIXED, at, at))
                self._log("signed_in", at, window=n, clerk=clerk, details={"via": FIXED})
            self._audit(by, "window_staff", at, windows=windows, clerk=clerk)
        return None, self._changed(configs)

    def leave(self, windows: list[int], by: Principal) -> tuple[list[int], list[Event]]:
        """End the sign-ins at these windows (whoever is there): they close at once."""
        configs = [self._window(n) for n in windows]
        at = self.now()
        left = []
        with self.store.write():
            for n in windows:
                here = self.store.windows.presence(n)
                if here is None:
                    continue
                self.store.windows.sign_out(n)
                self._log(
                    "signed_out", at, window=n, clerk=here.clerk, details={"reason": "sign_out"}
                )
                left.append(n)
            self._audit(by, "window_leave", at, windows=left)
        return left, self._changed([c for c in configs if c.number in left])

    @staticmethod
    def _changed(configs: list[Window]) -> list[Event]:
        services = frozenset(code for c in configs for code in c.services)
        return [*(WindowUpdated(c.number) for c in configs), QueueChanged(services)]

    def windows_of(self, clerk: str) -> list[int]:
        return self.store.windows.of_clerk(clerk)

    def end_silent_sign_ins(self) -> Result:
        """Windows whose page or token stopped its heartbeat close by themselves."""
        now = self.now()
        events: list[Event] = []
        for number, presence in self.presences().items():
            if presence.via == FIXED or is_present(presence, now, self.staff_timeout_s):
                continue
            if self.center.window(number) is None:
                continue
            events += self.sign_out(number, reason="timeout")[1]
        return None, events

    def open_windows(self) -> set[int]:
        """Windows that call tickets now: a clerk signed in, not paused."""
        return {n for n, s in self.window_states().items() if s == WindowState.OPEN}

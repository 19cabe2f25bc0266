"""Failure budgets for sign-in, so guessing passwords is slow whichever way it is spread.

Four budgets of failed sign-ins in a sliding window: per address and username, per address
(whatever the usernames: spraying one password over many names), per username (whatever the
addresses) and for the whole center. An attempt takes one unit of each budget *before* the
password is checked, so a burst of parallel guesses cannot all slip in while the first ones
are still hashing; a right password gives its units back.

The per-username and center-wide budgets, once spent, would lock everyone out, attacker or
not: an address with no failure in the window may still try (one failure and it waits like
the others). So a guesser gains one try per fresh address, and a clerk at a clean machine can
still sign in while someone sprays from another. Budgets are per server process."""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass, field

from .ratelimit import RateLimiter

CENTER = "*"


class _Budget(RateLimiter):
    def take(self, key: str) -> float | None:
        """Count one hit now; its time (to give it back), or None when the budget is spent."""
        now = self.clock()
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and now - hits[0] >= self.window_s:
                hits.popleft()
            if len(hits) >= self.limit:
                return None
            hits.append(now)
            return now

    def give_back(self, key: str, at: float) -> None:
        with self._lock:
            hits = self._hits.get(key)
            if hits and at in hits:
                hits.remove(at)

    def seen(self, key: str) -> bool:
        """Any hit for `key` in the window?"""
        now = self.clock()
        with self._lock:
            return any(now - at < self.window_s for at in self._hits.get(key, ()))


@dataclass
class Attempt:
    """The budget units one sign-in attempt took."""

    taken: list[tuple[_Budget, str, float]] = field(default_factory=list)


class SignInGuard:
    def __init__(
        self,
        pair: tuple[int, float],
        address: tuple[int, float],
        user: tuple[int, float],
        center: tuple[int, float],
    ) -> None:
        self.pair = _Budget(*pair)
        self.address = _Budget(*address)
        self.user = _Budget(*user)
        self.center = _Budget(*center)
        self._lock = threading.Lock()

    def admit(self, address: str, username: str) -> Attempt | None:
        """May this attempt be checked? If so it counts as a failure until `succeeded`."""
        name = username.strip().casefold()
        pair = f"{address}|{name}"
        with self._lock:
            if self.pair.blocked(pair) or self.address.blocked(address):
                return None
            clean = not self.address.seen(address)
            if not clean and (self.user.blocked(name) or self.center.blocked(CENTER)):
                return None
            attempt = Attempt()
            for budget, key in (
                (self.pair, pair),
                (self.address, address),
                (self.user, name),
                (self.center, CENTER),
            ):
                at = budget.take(key)
                if at is not None:  # a clean address may try past a spent budget
                    attempt.taken.append((budget, key, at))
            return attempt

    def succeeded(self, attempt: Attempt) -> None:
        """The password was right: the attempt was no failure."""
        with self._lock:
            for budget, key, at in attempt.taken:
                budget.give_back(key, at)

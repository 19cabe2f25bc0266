"""Failure budgets for sign-in, so guessing passwords is slow whichever way it is spread.

Four budgets of failed sign-ins in a moving window: per address and username, per address
(whatever the usernames: spraying one password over many names), per username (whatever the
addresses) and for the whole center. They are counted by `limits` in storage every server
process shares (dorak/ratelimit.py). An attempt is counted against every budget *before* the
password is checked (as in flight), so a burst of parallel guesses cannot all slip in while the
first ones are still hashing; a wrong password then becomes a failure, a right one leaves none.
(Attempts in flight are counted by the process checking them: scrypt runs one at a time.)

The per-username and center-wide budgets, once spent, would lock everyone out, attacker or
not: an address with no failure in the window may still try (one failure and it waits like
the others). So a guesser gains one try per fresh address, and a clerk at a clean machine can
still sign in while someone sprays from another."""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field

from limits.storage import Storage

from .ratelimit import RateLimiter

CENTER = "*"


@dataclass
class Attempt:
    """The budgets one sign-in attempt is counted against while its password is checked."""

    keys: list[tuple[RateLimiter, str]] = field(default_factory=list)
    done: bool = False


class SignInGuard:
    def __init__(
        self,
        storage: Storage,
        pair: tuple[int, float],
        address: tuple[int, float],
        user: tuple[int, float],
        center: tuple[int, float],
    ) -> None:
        self.pair = RateLimiter(storage, "login-pair", *pair)
        self.address = RateLimiter(storage, "login-address", *address)
        self.user = RateLimiter(storage, "login-user", *user)
        self.center = RateLimiter(storage, "login-center", *center)
        self._lock = threading.Lock()
        self._flight: Counter[tuple[str, str]] = Counter()  # (budget, key) being checked

    def _blocked(self, budget: RateLimiter, key: str) -> bool:
        return budget.blocked(key, extra=self._flight[(budget.name, key)])

    def seen(self, address: str) -> bool:
        """A failure (or an attempt being checked) from this address in the window?"""
        return self._flight[("login-address", address)] > 0 or self.address.used(address) > 0

    def admit(self, address: str, username: str) -> Attempt | None:
        """May this attempt be checked? If so it counts until `failed` or `succeeded`."""
        name = username.strip().casefold()
        pair = f"{address}|{name}"
        with self._lock:
            if self._blocked(self.pair, pair) or self._blocked(self.address, address):
                return None
            clean = not self.seen(address)
            if not clean and (self._blocked(self.user, name) or self._blocked(self.center, CENTER)):
                return None
            attempt = Attempt()
            for budget, key in (
                (self.pair, pair),
                (self.address, address),
                (self.user, name),
                (self.center, CENTER),
            ):
                if not self._blocked(budget, key):  # a clean address may try past a spent one
                    self._flight[(budget.name, key)] += 1
                    attempt.keys.append((budget, key))
            return attempt

    def _land(self, attempt: Attempt, failed: bool) -> None:
        with self._lock:
            if attempt.done:
                return
            attempt.done = True
            for budget, key in attempt.keys:
                self._flight[(budget.name, key)] -= 1
                if failed:
                    budget.allow(key)

    def failed(self, attempt: Attempt) -> None:
        """The password was wrong: the attempt is a failure in every budget it counted in."""
        self._land(attempt, failed=True)

    def succeeded(self, attempt: Attempt) -> None:
        """The password was right: the attempt was no failure."""
        self._land(attempt, failed=False)

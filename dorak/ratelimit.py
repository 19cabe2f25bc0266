"""Rate limits on PyPI `limits` (moving windows), in storage every server process shares:
Redis when a message queue is configured (DORAK_MESSAGE_QUEUE), this process's memory otherwise.
Two processes behind one balancer then count one kiosk's tickets together."""

from __future__ import annotations

import time

from limits import RateLimitItemPerSecond
from limits.storage import Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter


def shared_storage(message_queue: str | None) -> Storage:
    """Where counts live: the message queue's Redis, or memory (one per app)."""
    uri = message_queue if message_queue and message_queue.startswith("redis") else "memory://"
    storage = storage_from_string(uri, key_prefix="dorak") if uri != "memory://" else None
    storage = storage or storage_from_string(uri)
    assert isinstance(storage, Storage)  # the synchronous kind, for these URIs
    return storage


def parse_rate(text: str) -> tuple[int, float]:
    """'10/60' -> 10 per 60 seconds."""
    count, _, seconds = text.partition("/")
    return int(count), float(seconds or 60)


class RateLimiter:
    """`limit` hits per `window_s` seconds per key, in a moving window."""

    def __init__(self, storage: Storage, name: str, limit: int, window_s: float) -> None:
        self.name = name  # keeps the limiters of one storage apart
        self.limit = limit
        self.window_s = window_s
        self.item = RateLimitItemPerSecond(limit, max(1, round(window_s)))
        self.limiter = MovingWindowRateLimiter(storage)

    def allow(self, key: str) -> bool:
        """Count one hit for `key`; False when it is over the limit (the hit is not counted)."""
        return self.limiter.hit(self.item, self.name, key)

    def blocked(self, key: str, extra: int = 0) -> bool:
        """Whether `key` is at its limit now (counting `extra` hits not yet made)."""
        return not self.limiter.test(self.item, self.name, key, cost=1 + extra)

    def used(self, key: str) -> int:
        """Hits of `key` in the window now."""
        return self.limit - self.limiter.get_window_stats(self.item, self.name, key).remaining

    def retry_after(self, key: str) -> float:
        """Seconds until `key` may be counted again (0 when it may now)."""
        if not self.blocked(key):
            return 0.0
        reset = self.limiter.get_window_stats(self.item, self.name, key).reset_time
        return max(0.0, reset - time.time())  # limits keeps epoch seconds

"""A small sliding-window rate limit per device, in memory (per server process)."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable


class RateLimiter:
    def __init__(
        self, limit: int, window_s: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window_s = window_s
        self.clock = clock
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def blocked(self, key: str) -> bool:
        """Whether `key` is at its limit now (counts nothing)."""
        now = self.clock()
        with self._lock:
            hits = self._hits.get(key)
            if not hits:
                return False
            while hits and now - hits[0] >= self.window_s:
                hits.popleft()
            return len(hits) >= self.limit

    def allow(self, key: str) -> bool:
        """Count one hit for `key`; False when it is over the limit (the hit is not counted)."""
        now = self.clock()
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and now - hits[0] >= self.window_s:
                hits.popleft()
            if len(hits) >= self.limit:
                return False
            hits.append(now)
            return True


def retry_after(limiter: RateLimiter, key: str) -> float:
    """Seconds until `key` may be counted again (0 when it may now)."""
    now = limiter.clock()
    with limiter._lock:
        hits = limiter._hits.get(key)
        if not hits or len(hits) < limiter.limit:
            return 0.0
        return max(0.0, hits[0] + limiter.window_s - now)


def parse_rate(text: str) -> tuple[int, float]:
    """'10/60' -> 10 per 60 seconds."""
    count, _, seconds = text.partition("/")
    return int(count), float(seconds or 60)

"""Process-local counters and a latency histogram, rendered with the database's figures in the
Prometheus text format."""

from __future__ import annotations

import threading
from collections import defaultdict

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)


class Metrics:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.counters: dict[str, float] = defaultdict(float)
        self.hist_counts = [0] * (len(BUCKETS) + 1)
        self.hist_sum = 0.0

    def inc(self, name: str, by: float = 1) -> None:
        with self._lock:
            self.counters[name] += by

    def observe_call(self, seconds: float) -> None:
        with self._lock:
            i = next((i for i, b in enumerate(BUCKETS) if seconds <= b), len(BUCKETS))
            self.hist_counts[i] += 1
            self.hist_sum += seconds

    def histogram_lines(self, name: str) -> list[str]:
        with self._lock:
            counts, total = list(self.hist_counts), self.hist_sum
        lines = [
            f"# HELP {name} Time to call a ticket (call-next), seconds.",
            f"# TYPE {name} histogram",
        ]
        running = 0
        for bound, n in zip((*BUCKETS, float("inf")), counts, strict=True):
            running += n
            le = "+Inf" if bound == float("inf") else repr(bound)
            lines.append(f'{name}_bucket{{le="{le}"}} {running}')
        lines += [f"{name}_sum {total:.6f}", f"{name}_count {running}"]
        return lines

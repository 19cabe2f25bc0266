"""Shared by the hub benchmarks: a synthetic center log that the center's own `apply` accepts
(issue, call, start, finish or no-show, some ratings and transfers-free), in time order."""

from __future__ import annotations

import heapq
import random
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

SERVICES = ["reconciliation", "legalization", "permits", "payments"]
PREFIX = {"reconciliation": "A", "legalization": "B", "permits": "C", "payments": "H"}


def synthetic_log(first: date, days: int, per_day: int, seed: int = 1) -> Iterator[list[Any]]:
    """Wire events [id, kind, at, ticket_id, number, service, day, window, clerk, details]."""
    rng = random.Random(seed)
    tz = ZoneInfo("Africa/Cairo")
    ticket = 0
    next_id = 0
    for d in range(days):
        day = first + timedelta(days=d)
        opening = datetime(day.year, day.month, day.day, 8, tzinfo=tz).timestamp()
        seq = dict.fromkeys(SERVICES, 0)
        heap: list[tuple[float, int, list[Any]]] = []
        n = 0
        for _ in range(per_day):
            ticket += 1
            service = rng.choice(SERVICES)
            seq[service] += 1
            number = f"{PREFIX[service]}{seq[service]:03d}"
            issued = opening + rng.uniform(0, 7 * 3600)
            called = issued + rng.expovariate(1 / 900)
            window = rng.randint(1, 10)
            clerk = f"clerk{window}"
            base = [ticket, number, service, day.isoformat()]
            steps: list[tuple[float, str, int | None, str | None, dict[str, Any] | None]] = [
                (
                    issued,
                    "issued",
                    None,
                    None,
                    {"seq": seq[service], "lang": "ar", "ahead": 3, "estimated_wait_s": 600},
                ),
                (called, "call", window, clerk, None),
            ]
            if rng.random() < 0.08:
                steps.append((called + 180, "no_show", window, clerk, None))
            else:
                started = called + rng.uniform(20, 90)
                finished = started + rng.expovariate(1 / 600)
                outcome = "completed" if rng.random() < 0.8 else "documents_missing"
                steps += [
                    (started, "start", window, clerk, None),
                    (finished, "finish", window, clerk, {"outcome": outcome}),
                ]
                if rng.random() < 0.3:
                    steps.append((finished + 30, "rated", None, None, {"stars": rng.randint(1, 5)}))
            for at, kind, w, c, details in steps:
                n += 1
                heapq.heappush(
                    heap, (at, n, [kind, at, base[0], base[1], base[2], base[3], w, c, details])
                )
        while heap:
            _, _, e = heapq.heappop(heap)
            next_id += 1
            yield [next_id, *e]

"""The numbers behind the dashboard's charts, for today: tickets per hour, the line over the day,
and how long people waited, per service."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from .usecases import Operations

WAIT_BUCKETS_MIN = (5, 10, 20, 30, 60)  # upper bounds; the last bucket is "over 60"
STEP_S = 15 * 60


def today_charts(ops: Operations) -> dict[str, Any]:
    center = ops.center
    tz = ZoneInfo(center.timezone)
    now = ops.clock().timestamp()
    day = center.day_of(ops.clock())
    rows = ops.store.figures.chart_rows(day)
    per_hour: dict[int, int] = {}
    waits: dict[str, list[int]] = {}
    for service, seq, queued, called, _finished, _status in rows:
        if seq is not None:
            hour = datetime.fromtimestamp(queued, tz).hour
            per_hour[hour] = per_hour.get(hour, 0) + 1
        if called is not None:
            minutes = (called - queued) / 60
            bucket = next(
                (i for i, b in enumerate(WAIT_BUCKETS_MIN) if minutes <= b), len(WAIT_BUCKETS_MIN)
            )
            waits.setdefault(service, [0] * (len(WAIT_BUCKETS_MIN) + 1))[bucket] += 1
    line: list[dict[str, Any]] = []
    if rows:
        start = min(r[2] for r in rows)
        t = start - start % STEP_S
        marks = []
        while t <= now:
            marks.append(t)
            t += STEP_S
        marks.append(now)  # and the line as it is now
        for t in marks:
            # In line at t: joined by then, not yet called (or called after), not cancelled
            # before being called.
            n = sum(
                1
                for _, _, q, c, f, s in rows
                if q <= t and (c is None or c > t) and not (s == "cancelled" and f and f <= t)
            )
            line.append({"at": datetime.fromtimestamp(t, tz).strftime("%H:%M"), "waiting": n})
    return {
        "per_hour": [{"hour": h, "issued": n} for h, n in sorted(per_hour.items())],
        "waiting_over_day": line,
        "wait_buckets_min": list(WAIT_BUCKETS_MIN),
        "waits": waits,
    }

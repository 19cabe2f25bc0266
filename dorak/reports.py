"""Figures for the people in charge, defined once (see the README, "Definitions of figures").

Every ticket entry (a visit's first ticket, or the new entry a transfer makes) carries the times
its events wrote in the same transaction: issued/queued, first call, start, finish, outcome.
- wait = first call - time it joined this queue (the issue, or the transfer)
- walk = service start - first call; service = finish - service start
- completion rate = completed / issued; no-show rate = no-shows / called
- served within target = share of called entries whose wait <= the service's target
Entries count in the period by the local day they joined the queue.
"""

from __future__ import annotations

import csv
import io
import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from .domain.model import Center
from .store import Store

GROUPINGS = ("service", "window", "clerk", "hour", "day")


class ReportError(ValueError):
    pass


def percentile(sorted_values: list[float], q: float) -> float | None:
    """Linear interpolation between closest ranks (as numpy's default)."""
    if not sorted_values:
        return None
    pos = (len(sorted_values) - 1) * q
    lo, hi = math.floor(pos), math.ceil(pos)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def summary(values: list[float]) -> dict[str, float | None]:
    values = sorted(values)
    if not values:
        return {"mean": None, "median": None, "p90": None, "max": None}
    return {
        "mean": sum(values) / len(values),
        "median": percentile(values, 0.5),
        "p90": percentile(values, 0.9),
        "max": values[-1],
    }


@dataclass
class Group:
    issued: int = 0
    called: int = 0
    served: int = 0
    completed: int = 0
    no_shows: int = 0
    transfers: int = 0
    expired: int = 0  # still waiting or called when their working day ended
    within_target: int = 0
    waits: list[float] = field(default_factory=list)
    walks: list[float] = field(default_factory=list)
    services: list[float] = field(default_factory=list)
    ratings: list[int] = field(default_factory=list)

    def row(self) -> dict[str, Any]:
        def rate(n: int, d: int) -> float | None:
            return round(n / d, 4) if d else None

        out: dict[str, Any] = {
            "issued": self.issued,
            "called": self.called,
            "served": self.served,
            "completed": self.completed,
            "no_shows": self.no_shows,
            "transfers": self.transfers,
            "expired": self.expired,
            "completion_rate": rate(self.completed, self.issued),
            "no_show_rate": rate(self.no_shows, self.called),
            "within_target": rate(self.within_target, self.called),
            "ratings": len(self.ratings),
            "rating_mean": round(sum(self.ratings) / len(self.ratings), 2)
            if self.ratings
            else None,
        }
        for name, values in (
            ("wait", self.waits),
            ("walk", self.walks),
            ("service", self.services),
        ):
            for stat, v in summary(values).items():
                out[f"{name}_{stat}_s"] = None if v is None else round(v, 1)
        return out


def parse_day(text: str | None, name: str) -> date:
    try:
        return date.fromisoformat(text or "")
    except ValueError:
        raise ReportError(f"'{name}' must be a date like 2026-11-26") from None


def count_entries(store: Store, start: date, end: date) -> int:
    return store.figures.count_entries(start.isoformat(), end.isoformat())


def report(
    store: Store,
    center: Center,
    start: date,
    end: date,
    by: str,
    progress: Callable[[int], None] | None = None,
) -> list[dict[str, Any]]:
    if by not in GROUPINGS:
        raise ReportError(f"'by' must be one of {', '.join(GROUPINGS)}")
    if end < start:
        raise ReportError("'to' is before 'from'")
    tz = ZoneInfo(center.timezone)
    targets = {s.code: s.target_wait_min * 60 for s in center.services}
    rows = store.figures.report_rows(start.isoformat(), end.isoformat())
    groups: dict[Any, Group] = defaultdict(Group)
    key_index = {"service": 0, "day": 1, "window": 3, "clerk": 4}.get(by)
    # Tuples, not dicts: a year is a million rows and this loop is the whole cost.
    for n, (
        service,
        day,
        seq,
        window,
        _clerk,
        status,
        outcome,
        queued,
        called,
        started,
        finished,
        stars,
    ) in enumerate(rows, 1):
        if progress is not None and n % 10_000 == 0:
            progress(10_000)
        if called is None and by in ("window", "clerk"):
            continue  # not yet at any window
        if key_index is not None:
            key = (service, day, seq, window, _clerk)[key_index]
        else:
            key = datetime.fromtimestamp(queued, tz).hour  # hour of day
        g = groups[key]
        if seq is not None:
            g.issued += 1  # a transfer's new entry is the same visit, not a new ticket
        if called is not None:
            g.called += 1
            wait = called - queued
            g.waits.append(wait)
            if wait <= targets.get(service, math.inf):
                g.within_target += 1
            if started is not None:
                g.walks.append(started - called)
        if stars is not None:
            g.ratings.append(stars)
        if status == "done":
            g.served += 1
            if outcome == "completed":
                g.completed += 1
            if started is not None:
                g.services.append(finished - started)
        elif status == "no_show":
            g.no_shows += 1
        elif status == "expired":
            g.expired += 1
        elif status == "transferred":
            g.transfers += 1
            if started is not None:
                g.services.append(finished - started)
    return [{by: k, **g.row()} for k, g in sorted(groups.items(), key=lambda kv: str(kv[0]))]


def as_csv(rows: Iterable[dict[str, Any]]) -> str:
    rows = list(rows)
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return out.getvalue()


def as_xlsx(rows: Iterable[dict[str, Any]], title: str = "Dorak") -> bytes:
    from openpyxl import Workbook

    rows = list(rows)
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    if rows:
        sheet.append(list(rows[0]))
        for r in rows:
            sheet.append(list(r.values()))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

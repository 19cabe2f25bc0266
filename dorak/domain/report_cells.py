"""The report figures, defined once (README, "Definitions of figures"): what one ticket entry
adds to a cell, how cells add up, and the row a group of cells gives. Plain Python, no SQL: the
center's reports (dorak/reports.py) and the governorate hub call these same functions.

A cell holds the entries of one (grouping key, service) in one day: counts, and the waits, walks
and service times themselves (sorted), so that medians and 90th percentiles of any period are
exact, and "served within target" is counted against the target configured *now*.

An entry is a visit's first ticket or the new entry a transfer makes: each counts once in
`issued` for the service it joined, so completion = completed / issued never exceeds 1.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

GROUPINGS = ("service", "window", "clerk", "hour", "day")
OPEN = ("waiting", "called", "serving")

# A report row, in order: the CLI's table, the CSV, the XLSX and the JSON share it.
COUNTS = (
    "issued",  # entries that joined the service's queue (new tickets + transfers in)
    "tickets",  # of which new tickets (a visit's first ticket)
    "transferred_in",  # of which entries a transfer made
    "called",
    "served",  # done, any outcome
    "completed",  # done with the outcome "completed"
    "no_shows",
    "transfers",  # transferred on to another service
    "cancelled",
    "expired",  # still waiting or called when their working day ended
    "open",  # still waiting, called or being served (today)
    "ratings",
    "rating_sum",
)


def _times() -> array[float]:
    return array("d")


@dataclass
class Cell:
    issued: int = 0
    tickets: int = 0
    transferred_in: int = 0
    called: int = 0
    served: int = 0
    completed: int = 0
    no_shows: int = 0
    transfers: int = 0
    cancelled: int = 0
    expired: int = 0
    open: int = 0
    ratings: int = 0
    rating_sum: int = 0
    # Seconds, as C doubles: a year's cells add up at C speed.
    waits: array[float] = field(default_factory=_times)
    walks: array[float] = field(default_factory=_times)
    services: array[float] = field(default_factory=_times)

    def counts(self) -> list[int]:
        return [getattr(self, name) for name in COUNTS]

    def add_counts(self, counts: Iterable[int]) -> None:
        for name, n in zip(COUNTS, counts, strict=True):
            setattr(self, name, getattr(self, name) + n)

    def add(self, other: Cell) -> None:
        self.add_counts(other.counts())
        self.waits.extend(other.waits)
        self.walks.extend(other.walks)
        self.services.extend(other.services)

    def sort(self) -> None:
        self.waits = array("d", sorted(self.waits))
        self.walks = array("d", sorted(self.walks))
        self.services = array("d", sorted(self.services))


# One entry, as the store reads it (dorak/store/figures.py REPORT_COLUMNS).
Entry = tuple[
    str,  # service
    str,  # day
    int | None,  # seq: None for a transfer's new entry
    int | None,  # window
    str | None,  # clerk
    str,  # status
    str | None,  # outcome
    float,  # queued_at
    float | None,  # called_at (the first call)
    float | None,  # started_at
    float | None,  # finished_at
    int | None,  # stars
]


def count(cell: Cell, e: Entry) -> None:
    """What one entry adds to its cell."""
    _, _, seq, _, _, status, outcome, queued, called, started, finished, stars = e
    cell.issued += 1
    if seq is None:
        cell.transferred_in += 1
    else:
        cell.tickets += 1
    if called is not None:
        cell.called += 1
        cell.waits.append(called - queued)
        if started is not None:
            cell.walks.append(started - called)
    if stars is not None:
        cell.ratings += 1
        cell.rating_sum += stars
    if status in ("done", "transferred") and started is not None and finished is not None:
        cell.services.append(finished - started)  # a transfer's service counts where it was
    if status == "done":
        cell.served += 1
        cell.completed += outcome == "completed"
    elif status == "no_show":
        cell.no_shows += 1
    elif status == "transferred":
        cell.transfers += 1
    elif status == "cancelled":
        cell.cancelled += 1
    elif status == "expired":
        cell.expired += 1
    elif status in OPEN:
        cell.open += 1


def key_of(e: Entry, by: str, tz: ZoneInfo) -> Any:
    """The entry's group, or None when it has none (not yet at a window, for window/clerk)."""
    service, day, _, window, clerk, *_ = e
    if by == "service":
        return service
    if by == "day":
        return day
    if by == "hour":
        return datetime.fromtimestamp(e[7], tz).hour  # when it joined the queue
    return window if by == "window" else clerk


def cells_of(
    entries: Iterable[Entry], groupings: Iterable[str], tz: ZoneInfo
) -> dict[tuple[str, Any, str], Cell]:
    """Cells by (grouping, key, service), each cell's times sorted."""
    groupings = tuple(groupings)
    out: dict[tuple[str, Any, str], Cell] = {}
    for e in entries:
        for by in groupings:
            key = key_of(e, by, tz)
            if key is None and by in ("window", "clerk"):
                continue
            cell = out.get((by, key, e[0]))
            if cell is None:
                cell = out[(by, key, e[0])] = Cell()
            count(cell, e)
    for cell in out.values():
        cell.sort()
    return out


def percentile(sorted_values: Sequence[float], q: float) -> float | None:
    """Linear interpolation between closest ranks (as numpy's default)."""
    if not sorted_values:
        return None
    pos = (len(sorted_values) - 1) * q
    lo, hi = math.floor(pos), math.ceil(pos)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def summary(values: Iterable[float]) -> dict[str, float | None]:
    values = sorted(values)  # runs already sorted: merged, not sorted again from scratch
    if not values:
        return {"mean": None, "median": None, "p90": None, "max": None}
    return {
        "mean": math.fsum(values) / len(values),
        "median": percentile(values, 0.5),
        "p90": percentile(values, 0.9),
        "max": values[-1],
    }


class Group:
    """A report row being added up: cells of any days and services, times unsorted."""

    __slots__ = ("counts", "services", "waits", "walks", "within")

    def __init__(self) -> None:
        self.counts = [0] * len(COUNTS)
        self.within = 0  # called entries whose wait <= their service's target
        self.waits, self.walks, self.services = _times(), _times(), _times()

    def add(self, cell: Cell, target_s: float) -> None:
        """`cell`'s times sorted; `target_s` its service's target wait."""
        self.add_sorted(cell.counts(), cell.waits, cell.walks, cell.services, target_s)

    def add_sorted(
        self,
        counts: Iterable[int],
        waits: array[float],
        walks: array[float],
        services: array[float],
        target_s: float,
    ) -> None:
        self.counts = [a + b for a, b in zip(self.counts, counts, strict=True)]
        self.within += bisect_right(waits, target_s)
        self.waits.extend(waits)
        self.walks.extend(walks)
        self.services.extend(services)

    def row(self) -> dict[str, Any]:
        n = dict(zip(COUNTS, self.counts, strict=True))

        def rate(n: int, d: int) -> float | None:
            return round(n / d, 4) if d else None

        out: dict[str, Any] = {k: v for k, v in n.items() if k != "rating_sum"}
        out["completion_rate"] = rate(n["completed"], n["issued"])
        out["no_show_rate"] = rate(n["no_shows"], n["called"])
        out["within_target"] = rate(self.within, n["called"])
        out["rating_mean"] = round(n["rating_sum"] / n["ratings"], 2) if n["ratings"] else None
        for name, values in (
            ("wait", self.waits),
            ("walk", self.walks),
            ("service", self.services),
        ):
            for stat, v in summary(values).items():
                out[f"{name}_{stat}_s"] = None if v is None else round(v, 1)
        return out

"""Figures for the people in charge, defined once (see the README, "Definitions of figures";
the definitions themselves: dorak/domain/report_cells.py).

- wait = first call - time it joined this queue (the issue, or the transfer)
- walk = service start - first call; service = finish - service start
- issued = entries that joined the service's queue: new tickets and transfers in (a visit
  transferred once counts once in each service it joined)
- completion rate = completed / issued; no-show rate = no-shows / called
- served within target = share of called entries whose wait <= the service's target *now*
Entries count in the period by the local day they joined the queue.

Speed: a closed day is read from its rollup (dorak/store/rollups.py), built by the first report
that reads it; the open days from their entries.
"""

from __future__ import annotations

import csv
import io
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from .domain.model import Center
from .domain.report_cells import GROUPINGS, Group, cells_of, percentile, summary
from .store import Store

__all__ = ["GROUPINGS", "ReportError", "percentile", "report", "report_of_rows", "summary"]


class ReportError(ValueError):
    pass


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
    closed_before: date | None = None,
) -> list[dict[str, Any]]:
    """Rows by `by`. Days before `closed_before` (the center's current working day) are over:
    their rollups are kept for the next report."""
    _check(start, end, by)
    tz = ZoneInfo(center.timezone)
    targets = _targets(center)
    first, last = start.isoformat(), end.isoformat()
    groups: dict[Any, Group] = defaultdict(Group)
    store.rollups.read_into(first, last, by, lambda key: groups[key], targets)
    built = store.rollups.built(first, last)
    day = start
    while day <= end:
        name = day.isoformat()
        day += timedelta(days=1)
        if name in built:
            continue
        if closed_before is not None and day <= closed_before:
            with store.write():  # read and save in one transaction: no change slips between
                cells = cells_of(store.figures.report_rows(name, name), GROUPINGS, tz)
                store.rollups.save(name, cells.items())
        else:
            cells = cells_of(store.figures.report_rows(name, name), (by,), tz)
        if progress is not None:
            progress(1)
        _add(groups, cells, by, targets)
    return _rows(groups, by)


def report_of_rows(
    rows: Iterable[Sequence[Any]], center: Center, start: date, end: date, by: str
) -> list[dict[str, Any]]:
    """The same report over rows already in hand (`store.figures.report_rows`' shape, the day
    second): what the governorate hub computes for a center from its synced log."""
    _check(start, end, by)
    tz = ZoneInfo(center.timezone)
    targets = _targets(center)
    first, last = start.isoformat(), end.isoformat()
    by_day: dict[str, list[Any]] = defaultdict(list)  # rows of report_cells.Entry's shape
    for r in rows:
        if first <= r[1] <= last:
            by_day[r[1]].append(r)
    groups: dict[Any, Group] = defaultdict(Group)
    for name in sorted(by_day):  # day by day, as report() reads them
        _add(groups, cells_of(by_day[name], (by,), tz), by, targets)
    return _rows(groups, by)


def _check(start: date, end: date, by: str) -> None:
    if by not in GROUPINGS:
        raise ReportError(f"'by' must be one of {', '.join(GROUPINGS)}")
    if end < start:
        raise ReportError("'to' is before 'from'")


def _targets(center: Center) -> dict[str, float]:
    return {s.code: s.target_wait_min * 60.0 for s in center.services}


def _add(groups: dict[Any, Group], cells: Any, by: str, targets: dict[str, float]) -> None:
    for (grouping, key, service), cell in cells.items():
        if grouping == by:
            groups[key].add(cell, targets.get(service, math.inf))


def _rows(groups: dict[Any, Group], by: str) -> list[dict[str, Any]]:
    return [{by: k, **g.row()} for k, g in sorted(groups.items(), key=lambda kv: _order(kv[0]))]


def _order(key: Any) -> tuple[int, int, str]:
    """Windows and hours in number order (2 before 10), then names; no window last."""
    if isinstance(key, int):
        return (0, key, "")
    return (1 if key is not None else 2, 0, str(key))


def as_table(rows: Iterable[dict[str, Any]]) -> str:
    """The rows as a text table with the CSV's columns ("-" for no figure)."""
    rows = list(rows)
    if not rows:
        return ""
    names = list(rows[0])
    cells = [names] + [["-" if r[n] is None else str(r[n]) for n in names] for r in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(names))]
    return "".join(
        "  ".join(
            v.ljust(w) if i == 0 else v.rjust(w)
            for i, (v, w) in enumerate(zip(line, widths, strict=True))
        ).rstrip()
        + "\n"
        for line in cells
    )


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

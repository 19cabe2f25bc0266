"""Completion figures of case files, defined once (README, "Case files: figures"), computed from
the store's case-file tables (the projection of the log's file entries) for a period of days.

- The files of a period are those whose *first visit* is in it (the cohort); each is looked at
  as it stood at the end of the period's last day.
- opened: the cohort; completed / rejected: cohort files completed / rejected by the end of the
  period; still_open: the others.
- completion_rate = completed / opened.
- days_to_completion: local days from the first visit to the visit that completed the file
  (a file opened and completed the same day: 0); median and p90.
- visits_per_completed_file: finished visits of the completed cohort files, up to and with
  the one that completed them, divided by the completed files.
- documents_missing_share: finished visits *made in the period* (to any file) that ended
  "documents missing", over all finished visits to files made in the period.
By service: the file's service. By window or clerk: the cohort's figures go to the window and
clerk of the file's first visit; the visit figures to the window and clerk of each visit.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .domain.case_files import FileStatus
from .reports import percentile
from .store import Store

GROUPINGS = ("file_type", "service", "window", "clerk")


@dataclass
class _Group:
    opened: int = 0
    completed: int = 0
    rejected: int = 0
    days: list[float] = field(default_factory=list)
    visits_to_complete: int = 0
    visits: int = 0
    documents_missing: int = 0

    def row(self) -> dict[str, Any]:
        def rate(n: int, d: int) -> float | None:
            return round(n / d, 4) if d else None

        days = sorted(self.days)
        median, p90 = percentile(days, 0.5), percentile(days, 0.9)
        return {
            "opened": self.opened,
            "completed": self.completed,
            "rejected": self.rejected,
            "still_open": self.opened - self.completed - self.rejected,
            "completion_rate": rate(self.completed, self.opened),
            "days_to_completion_median": None if median is None else round(median, 2),
            "days_to_completion_p90": None if p90 is None else round(p90, 2),
            "visits_per_completed_file": round(self.visits_to_complete / self.completed, 2)
            if self.completed
            else None,
            "visits": self.visits,
            "documents_missing_visits": self.documents_missing,
            "documents_missing_share": rate(self.documents_missing, self.visits),
        }


def file_figures(
    store: Store, first: date, last: date, by: str = "file_type"
) -> list[dict[str, Any]]:
    """One row per file type (and per service, window or clerk when `by` says so)."""
    if by not in GROUPINGS:
        raise ValueError(f"'by' must be one of {', '.join(GROUPINGS)}")
    a, b = first.isoformat(), last.isoformat()
    groups: dict[tuple[str, Any], _Group] = defaultdict(_Group)
    rows = store.case_files
    key_of: dict[int, tuple[str, Any]] = {}
    opened_day: dict[int, date] = {}
    for file_id, file_type, service, day, window, clerk in rows.cohort(a, b):
        key = (file_type, {"file_type": None, "service": service, "window": window}.get(by, clerk))
        key_of[file_id] = key
        opened_day[file_id] = date.fromisoformat(day)
        groups[key].opened += 1
    seen: dict[int, int] = defaultdict(int)
    closed: set[int] = set()
    for file_id, day, status in rows.finished_visits_of_cohort(a, b):
        if file_id in closed:
            continue  # nothing moves a closed file; its later visits do not count here
        seen[file_id] += 1
        g = groups[key_of[file_id]]
        if status == FileStatus.COMPLETED:
            closed.add(file_id)
            g.completed += 1
            g.visits_to_complete += seen[file_id]
            g.days.append(float((date.fromisoformat(day) - opened_day[file_id]).days))
        elif status == FileStatus.REJECTED:
            closed.add(file_id)
            g.rejected += 1
    for file_type, service, window, clerk, outcome in rows.finished_visits(a, b):
        key = (file_type, {"file_type": None, "service": service, "window": window}.get(by, clerk))
        groups[key].visits += 1
        groups[key].documents_missing += outcome == "documents_missing"
    out = []
    for (file_type, value), g in sorted(groups.items(), key=lambda kv: (kv[0][0], str(kv[0][1]))):
        head: dict[str, Any] = {"file_type": file_type}
        if by != "file_type":
            head[by] = value
        out.append({**head, **g.row()})
    return out

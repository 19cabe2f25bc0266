"""Remark figures, defined once (README, "The citizens' voice"): for the remarks made in a period
(by local day), per category, service or window: how many, how many answered and closed, and the
time from the remark to its first answer (minutes: median and p90). A kiosk's remark has no
service or window: it counts under "kiosk"."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from .reports import percentile
from .store import Store

GROUPINGS = ("category", "service", "window", "source")


def remark_figures(
    store: Store, first: date, last: date, by: str = "category"
) -> list[dict[str, Any]]:
    if by not in GROUPINGS:
        raise ValueError(f"'by' must be one of {', '.join(GROUPINGS)}")
    groups: dict[str, list[Any]] = defaultdict(list)
    for r in store.remarks.of_period(first.isoformat(), last.isoformat()):
        key = {
            "category": r.category.value,
            "service": r.service,
            "window": r.window,
            "source": r.source.value,
        }[by]
        groups["kiosk" if key is None else str(key)].append(r)
    out = []
    for key in sorted(groups):
        remarks = groups[key]
        minutes = sorted((r.answered_at - r.at) / 60 for r in remarks if r.answered_at is not None)
        median, p90 = percentile(minutes, 0.5), percentile(minutes, 0.9)
        out.append(
            {
                by: key,
                "remarks": len(remarks),
                "answered": sum(r.answered_at is not None for r in remarks),
                "closed": sum(r.status == "closed" for r in remarks),
                "open": sum(r.status != "closed" for r in remarks),
                "answer_median_min": None if median is None else round(median, 1),
                "answer_p90_min": None if p90 is None else round(p90, 1),
            }
        )
    return out

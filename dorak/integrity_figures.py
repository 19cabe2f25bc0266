"""Integrity of the line, defined once (README, "Integrity of the line"), from the event log:
per clerk (or window), for the tickets of a period (by local day):
- calls: call entries (call-next and by number, a call after a return counts again);
- out_of_order: calls by number that skipped older tickets the window could have called
  (recorded in the call entry with the reason and the tickets skipped); in_order: the rest;
- in_order_share = in_order / calls;
- recalls_beyond_second: a ticket's third and later recalls;
- cancels and reprints by whoever did them (a supervisor, a kiosk).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from .domain.integrity import SkipReason
from .store import Store

GROUPINGS = ("clerk", "window")


def _row() -> dict[str, Any]:
    return {
        "calls": 0,
        "in_order": 0,
        "out_of_order": 0,
        "in_order_share": None,
        **{f"reason_{r.value}": 0 for r in SkipReason},
        "skipped_tickets": 0,
        "recalls_beyond_second": 0,
        "cancels": 0,
        "reprints": 0,
    }


def integrity_figures(
    store: Store, first: date, last: date, by: str = "clerk"
) -> list[dict[str, Any]]:
    if by not in GROUPINGS:
        raise ValueError(f"'by' must be one of {', '.join(GROUPINGS)}")
    rows: dict[str, dict[str, Any]] = defaultdict(_row)
    recalls: dict[int, int] = defaultdict(int)
    for kind, ticket_id, clerk, window, d in store.integrity.entries(
        first.isoformat(), last.isoformat()
    ):
        key = str((clerk if by == "clerk" else window) or "-")
        row = rows[key]
        if kind == "call":
            row["calls"] += 1
            if d.get("out_of_order"):
                row["out_of_order"] += 1
                row[f"reason_{d.get('reason', 'other')}"] += 1
                row["skipped_tickets"] += int(d.get("skipped_count", 0))
            else:
                row["in_order"] += 1
        elif kind == "recall":
            recalls[ticket_id] += 1
            row["recalls_beyond_second"] += recalls[ticket_id] > 2
        elif kind == "cancel":
            row["cancels"] += 1
        elif kind == "reprinted":
            row["reprints"] += 1
    out = []
    for key in sorted(rows):
        row = rows[key]
        if row["calls"]:
            row["in_order_share"] = round(row["in_order"] / row["calls"], 4)
        out.append({by: key, **row})
    return out


def served_in_order(store: Store, day: date) -> float | None:
    """The share of today's calls made in order (the public page's figure)."""
    calls = in_order = 0
    for row in integrity_figures(store, day, day):
        calls += row["calls"]
        in_order += row["in_order"]
    return round(in_order / calls, 4) if calls else None

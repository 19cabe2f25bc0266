"""GET /api/v1/reports/integrity: the integrity of the line per clerk or window."""

from __future__ import annotations

from flask.typing import ResponseReturnValue

from ..integrity_figures import GROUPINGS, integrity_figures
from ..web.identity import dorak
from .declare import SUPERVISORS, route
from .period import period_query, read_period, rows_answer


@route(
    "GET",
    "/reports/integrity",
    "Integrity of the line per clerk or window: calls in and out of order with the reasons, "
    "tickets skipped, recalls beyond the second, cancels, reprints",
    who=SUPERVISORS,
    ok=("Report", "One row per clerk or window (CSV and XLSX: the same rows)"),
    query=period_query(GROUPINGS),
)
def integrity_report() -> ResponseReturnValue:
    start, end, by = read_period(GROUPINGS, "clerk")
    return rows_answer(
        integrity_figures(dorak().store, start, end, by), "integrity", start, end, by
    )

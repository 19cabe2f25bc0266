"""GET /api/v1/reports/integrity: the integrity of the line per clerk or window."""

from __future__ import annotations

from datetime import date, timedelta

from flask import jsonify, request
from flask.typing import ResponseReturnValue

from ..integrity_figures import GROUPINGS, integrity_figures
from ..reports import ReportError, as_csv, as_xlsx, parse_day
from ..web.errors import ApiError
from ..web.identity import dorak
from .declare import SUPERVISORS, route
from .reports import XLSX


@route(
    "GET",
    "/reports/integrity",
    "Integrity of the line per clerk or window: calls in and out of order with the reasons, "
    "tickets skipped, recalls beyond the second, cancels, reprints",
    who=SUPERVISORS,
    ok=("Report", "One row per clerk or window (CSV and XLSX: the same rows)"),
    query=(
        {"name": "from", "required": False, "schema": {"type": "string", "format": "date"}},
        {"name": "to", "required": False, "schema": {"type": "string", "format": "date"}},
        {
            "name": "days",
            "required": False,
            "schema": {"type": "integer", "minimum": 1, "maximum": 366},
        },
        {"name": "by", "required": False, "schema": {"type": "string", "enum": list(GROUPINGS)}},
        {
            "name": "format",
            "required": False,
            "schema": {"type": "string", "enum": ["json", "csv", "xlsx"]},
        },
    ),
)
def integrity_report() -> ResponseReturnValue:
    args = request.args
    ops = dorak().ops
    try:
        if args.get("days"):
            n = int(args["days"]) if args["days"].isdigit() else 0
            if not 1 <= n <= 366:
                raise ReportError("days: a whole number from 1 to 366")
            end = date.fromisoformat(ops.center.day_of(ops.clock()))
            start = end - timedelta(days=n - 1)
        else:
            start = parse_day(args.get("from"), "from")
            end = parse_day(args.get("to") or args.get("from"), "to")
        by = args.get("by", "clerk")
        if by not in GROUPINGS:
            raise ReportError(f"'by' must be one of {', '.join(GROUPINGS)}")
        if (end - start).days > 366:
            raise ReportError("at most a year at a time")
    except ReportError as e:
        raise ApiError("bad_request", 400, detail=str(e)) from None
    rows = integrity_figures(dorak().store, start, end, by)
    name = f"dorak-integrity-{by}-{start}-{end}"
    fmt = args.get("format", "json")
    if fmt == "csv":
        disposition = f'attachment; filename="{name}.csv"'
        return (
            as_csv(rows),
            200,
            {"Content-Type": "text/csv; charset=utf-8", "Content-Disposition": disposition},
        )
    if fmt == "xlsx":
        disposition = f'attachment; filename="{name}.xlsx"'
        return (
            as_xlsx(rows, f"integrity-{by}"),
            200,
            {"Content-Type": XLSX, "Content-Disposition": disposition},
        )
    if fmt != "json":
        raise ApiError("bad_request", 400, detail="format must be json, csv or xlsx")
    return jsonify({"from": start.isoformat(), "to": end.isoformat(), "by": by, "rows": rows})

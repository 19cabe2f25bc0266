"""GET /api/v1/reports: figures by service, window, clerk, hour or day, as JSON, CSV or XLSX."""

from __future__ import annotations

from flask import jsonify, request
from flask.typing import ResponseReturnValue

from ..reports import GROUPINGS, ReportError, as_csv, as_xlsx, parse_day, report
from ..web.errors import ApiError
from ..web.identity import dorak
from .declare import SUPERVISORS, route
from .readable import VIEW_QUERY, read_view, readable_answer

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


DAY = {"type": "string", "format": "date"}


@route(
    "GET",
    "/reports",
    "Figures for a date range by service, window, clerk, hour or day; JSON, CSV or XLSX",
    who=SUPERVISORS,
    ok=("Report", "One row per group (CSV and XLSX: the same rows)"),
    query=(
        {"name": "from", "required": True, "schema": DAY},
        {"name": "to", "required": False, "schema": DAY},
        {"name": "by", "required": False, "schema": {"type": "string", "enum": list(GROUPINGS)}},
        {
            "name": "format",
            "required": False,
            "schema": {"type": "string", "enum": ["json", "csv", "xlsx"]},
        },
        *VIEW_QUERY,
    ),
)
def reports() -> ResponseReturnValue:
    d = dorak()
    args = request.args
    lang = read_view()
    try:
        start = parse_day(args.get("from"), "from")
        end = parse_day(args.get("to") or args.get("from"), "to")
        by = args.get("by", "service")
        if (end - start).days > 366:
            raise ReportError("at most a year at a time")
        center = d.ops.center
        today = parse_day(center.day_of(d.ops.clock()), "today")  # earlier days are over
        rows = report(d.store, center, start, end, by, closed_before=today)
    except ReportError as e:
        raise ApiError("bad_request", 400, detail=str(e)) from None
    name = f"dorak-{by}-{start}-{end}"
    fmt = args.get("format", "json")
    if lang is not None:
        return readable_answer(rows, "reports", name, by, start, end, lang)
    if fmt == "csv":
        return (
            as_csv(rows),
            200,
            {
                "Content-Type": "text/csv; charset=utf-8",
                "Content-Disposition": f'attachment; filename="{name}.csv"',
            },
        )
    if fmt == "xlsx":
        return (
            as_xlsx(rows, by),
            200,
            {"Content-Type": XLSX, "Content-Disposition": f'attachment; filename="{name}.xlsx"'},
        )
    if fmt != "json":
        raise ApiError("bad_request", 400, detail="format must be json, csv or xlsx")
    return jsonify({"from": start.isoformat(), "to": end.isoformat(), "by": by, "rows": rows})

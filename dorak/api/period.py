"""What the period reports (files, remarks, integrity) share: the query they declare (from and
to, or the last N days; by; format), reading and checking it, and answering the rows as JSON,
CSV or XLSX."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from flask import jsonify, request
from flask.typing import ResponseReturnValue

from ..reports import ReportError, as_csv, as_xlsx, parse_day
from ..web.errors import ApiError
from ..web.identity import dorak
from .readable import VIEW_QUERY, read_view, readable_answer
from .reports import XLSX

DAY = {"type": "string", "format": "date"}
MOST_DAYS = 366


def period_query(groupings: Iterable[str]) -> tuple[dict[str, Any], ...]:
    """The query parameters a period report declares."""
    return (
        {"name": "from", "required": False, "schema": DAY},
        {"name": "to", "required": False, "schema": DAY},
        {
            "name": "days",
            "required": False,
            "description": "instead of from/to: the last N working days, today included",
            "schema": {"type": "integer", "minimum": 1, "maximum": MOST_DAYS},
        },
        {"name": "by", "required": False, "schema": {"type": "string", "enum": list(groupings)}},
        {
            "name": "format",
            "required": False,
            "schema": {"type": "string", "enum": ["json", "csv", "xlsx"]},
        },
        *VIEW_QUERY,
    )


def read_period(groupings: Iterable[str], default_by: str) -> tuple[date, date, str]:
    """(first day, last day, by) from the request; a 400 naming what is wrong otherwise."""
    args = request.args
    ops = dorak().ops
    known = list(groupings)
    read_view()  # a bad view or language: 400 before anything is computed
    try:
        if args.get("days"):
            n = int(args["days"]) if args["days"].isdigit() else 0
            if not 1 <= n <= MOST_DAYS:
                raise ReportError(f"days: a whole number from 1 to {MOST_DAYS}")
            end = date.fromisoformat(ops.center.day_of(ops.clock()))
            start = end - timedelta(days=n - 1)
        else:
            start = parse_day(args.get("from"), "from")
            end = parse_day(args.get("to") or args.get("from"), "to")
        by = args.get("by", default_by)
        if by not in known:
            raise ReportError(f"'by' must be one of {', '.join(known)}")
        if (end - start).days > MOST_DAYS:
            raise ReportError("at most a year at a time")
    except ReportError as e:
        raise ApiError("bad_request", 400, detail=str(e)) from None
    return start, end, by


def rows_answer(
    rows: list[dict[str, Any]], what: str, start: date, end: date, by: str
) -> ResponseReturnValue:
    """The rows in the format asked for; files are named dorak-<what>-<by>-<from>-<to>."""
    fmt = request.args.get("format", "json")
    name = f"dorak-{what}-{by}-{start}-{end}"
    lang = read_view()
    if lang is not None:
        return readable_answer(rows, what, name, by, start, end, lang)
    if fmt == "csv":
        disposition = f'attachment; filename="{name}.csv"'
        headers = {"Content-Type": "text/csv; charset=utf-8", "Content-Disposition": disposition}
        return as_csv(rows), 200, headers
    if fmt == "xlsx":
        disposition = f'attachment; filename="{name}.xlsx"'
        headers = {"Content-Type": XLSX, "Content-Disposition": disposition}
        return as_xlsx(rows, f"{what}-{by}"), 200, headers
    if fmt != "json":
        raise ApiError("bad_request", 400, detail="format must be json, csv or xlsx")
    return jsonify({"from": start.isoformat(), "to": end.isoformat(), "by": by, "rows": rows})

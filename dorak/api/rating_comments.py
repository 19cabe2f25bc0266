"""GET /api/v1/ratings/comments: what citizens wrote with their ratings, for a period (the
ratings' counts and means per service and window are in GET /reports, `ratings` and
`rating_mean`)."""

from __future__ import annotations

from flask import jsonify, request
from flask.typing import ResponseReturnValue

from ..payloads import iso
from ..reports import ReportError, parse_day
from ..web.errors import ApiError
from ..web.identity import dorak
from .declare import SUPERVISORS, route

DAY = {"type": "string", "format": "date"}


@route(
    "GET",
    "/ratings/comments",
    "Comments written with ratings in a date range (newest first, at most 200)",
    who=SUPERVISORS,
    ok=("Remarks", "Each with its number, service, window, clerk, stars and time"),
    query=(
        {"name": "from", "required": True, "schema": DAY},
        {"name": "to", "required": False, "schema": DAY},
    ),
)
def rating_comments() -> ResponseReturnValue:
    d = dorak()
    try:
        start = parse_day(request.args.get("from"), "from")
        end = parse_day(request.args.get("to") or request.args.get("from"), "to")
    except ReportError as e:
        raise ApiError("bad_request", 400, detail=str(e)) from None
    tz = d.ops.center.timezone
    rows = d.store.rating_comments.between(start.isoformat(), end.isoformat())
    for r in rows:
        r["at"] = iso(r["at"], tz)
    return jsonify({"remarks": rows})

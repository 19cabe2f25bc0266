"""The citizens' voice over the API: a ticket's remarks (its phone page, its window's tablet), a
kiosk's remark without a ticket, the supervisors' list, answer and close; the remark figures."""

from __future__ import annotations

import math
from typing import Any

from flask import jsonify, request
from flask.typing import ResponseReturnValue

from ..domain.remarks import MAX_TEXT, RemarkCategory, RemarkSource
from ..domain.roles import Role
from ..remark_figures import GROUPINGS, remark_figures
from ..remark_payloads import remark_public, remark_staff
from ..web.errors import ApiError
from ..web.identity import current_principal, dorak
from .declare import SUPERVISORS, TRACKING_ID, Who, caller, route
from .period import period_query, read_period, rows_answer
from .schemas import REQUESTS, RESPONSES, TEXT, listing, obj

KIOSKS = Who("a kiosk token", lambda p, **_: p.role == Role.KIOSK)
REMARK_TEXT = {**TEXT, "minLength": 1, "maxLength": MAX_TEXT}
REQUESTS["Remark"] = obj(
    {
        "category": {"type": "string", "enum": [c.value for c in RemarkCategory]},
        "text": REMARK_TEXT,
    },
    ("category", "text"),
)
REQUESTS["RemarkAnswer"] = obj({"text": REMARK_TEXT}, ("text",))
RESPONSES["Remark"] = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "category": {"type": "string", "enum": [c.value for c in RemarkCategory]},
        "text": {"type": "string"},
        "status": {"type": "string", "enum": ["open", "answered", "closed"]},
        "answer": {"type": ["string", "null"]},
    },
    "required": ["id", "category", "text", "status", "answer"],
}
RESPONSES["Remarks"] = listing("remarks", {"$ref": "#/components/schemas/Remark"})
REMARK_OK = ("Remark", "The remark")


@route(
    "POST",
    "/tickets/<tracking_id>/remarks",
    "A remark about the visit, with a category (from its phone page or its window's tablet)",
    who=TRACKING_ID,
    body="Remark",
    ok=REMARK_OK,
    status=201,
    errors=(404, 429),
)
def remark_of_ticket(tracking_id: str, data: dict[str, Any]) -> ResponseReturnValue:
    d = dorak()
    who = current_principal()
    source = RemarkSource.TABLET if who and who.role == Role.DISPLAY else RemarkSource.PHONE
    remark, events = d.ops.make_remark(source, data["category"], data["text"], tracking_id)
    d.dispatch(events)
    return jsonify(remark_public(d.ops.center, remark)), 201


@route(
    "GET",
    "/tickets/<tracking_id>/remarks",
    "The visit's own remarks and their answers",
    who=TRACKING_ID,
    ok=("Remarks", "Oldest first"),
)
def remarks_of_ticket(tracking_id: str) -> ResponseReturnValue:
    d = dorak()
    if d.ops.ticket(tracking_id) is None:
        raise ApiError("unknown_ticket", 404)
    remarks = d.ops.remarks_of_visit(tracking_id)
    return jsonify({"remarks": [remark_public(d.ops.center, r) for r in remarks]})


@route(
    "POST",
    "/remarks",
    "A complaint or suggestion at the kiosk, without a ticket (rate-limited per kiosk)",
    who=KIOSKS,
    body="Remark",
    ok=REMARK_OK,
    status=201,
    errors=(429,),
)
def kiosk_remark(data: dict[str, Any]) -> ResponseReturnValue:
    d = dorak()
    who = caller()
    device = who.device or who.name
    if d.remark_limit is not None and not d.remark_limit.allow(device):
        wait = max(1, math.ceil(d.remark_limit.retry_after(device)))
        raise ApiError("remarks_rate_limited", 429, retry_after_s=wait)
    remark, events = d.ops.make_remark(
        RemarkSource.KIOSK, data["category"], data["text"], device=who.name
    )
    d.dispatch(events)
    return jsonify(remark_public(d.ops.center, remark)), 201


@route(
    "GET",
    "/remarks",
    "Remarks to handle, newest first (closed=1: closed ones too)",
    who=SUPERVISORS,
    ok=("Remarks", "Newest first, at most 200"),
    query=(
        {"name": "closed", "required": False, "schema": {"type": "string", "enum": ["0", "1"]}},
    ),
)
def list_remarks() -> ResponseReturnValue:
    d = dorak()
    closed = request.args.get("closed", "0")
    if closed not in ("0", "1"):
        raise ApiError("bad_request", 400, detail="closed: 0 or 1")
    remarks = d.ops.remarks_to_handle(closed == "1")
    return jsonify({"remarks": [remark_staff(d.ops.center, r) for r in remarks]})


@route(
    "POST",
    "/remarks/<int:remark_id>/answer",
    "Answer a remark (the answer shows on the citizen's tracking page)",
    who=SUPERVISORS,
    body="RemarkAnswer",
    ok=REMARK_OK,
    errors=(404, 409),
)
def answer_remark(remark_id: int, data: dict[str, Any]) -> ResponseReturnValue:
    d = dorak()
    remark, events = d.ops.answer_remark(remark_id, data["text"], caller())
    d.dispatch(events)
    return jsonify(remark_staff(d.ops.center, remark))


@route(
    "POST",
    "/remarks/<int:remark_id>/close",
    "Close a remark",
    who=SUPERVISORS,
    body="Empty",
    ok=REMARK_OK,
    errors=(404, 409),
)
def close_remark(remark_id: int, data: dict[str, Any]) -> ResponseReturnValue:
    d = dorak()
    remark, events = d.ops.close_remark(remark_id, caller())
    d.dispatch(events)
    return jsonify(remark_staff(d.ops.center, remark))


@route(
    "GET",
    "/reports/remarks",
    "Remarks counted by category, service or window, with the time to answer",
    who=SUPERVISORS,
    ok=("Report", "One row per group (CSV and XLSX: the same rows)"),
    query=period_query(GROUPINGS),
)
def remark_report() -> ResponseReturnValue:
    start, end, by = read_period(GROUPINGS, "category")
    return rows_answer(remark_figures(dorak().store, start, end, by), "remarks", start, end, by)

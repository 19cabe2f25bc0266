"""Services, tickets and the state snapshot."""

from __future__ import annotations

import math
from typing import Any

from flask import jsonify, request
from flask.typing import ResponseReturnValue

from ..auth import may_issue, may_supervise
from ..payloads import iso, services_view, state_snapshot, ticket_public
from ..ratelimit import retry_after
from ..web.errors import ApiError
from ..web.identity import audit, current_principal, dorak, require
from ..web.params import int_arg
from . import bp
from .openapi import openapi_document
from .validation import body


def base_url() -> str:
    return str(dorak().public_url or request.host_url)


@bp.get("/openapi.json")
def openapi() -> ResponseReturnValue:
    return jsonify(openapi_document())


@bp.get("/services")
def list_services() -> ResponseReturnValue:
    return jsonify({"services": services_view(dorak().ops)})


@bp.post("/tickets")
@require(lambda who: may_issue(who))
def issue_ticket() -> ResponseReturnValue:
    data = body("IssueTicket")
    d = dorak()
    who = current_principal()
    device = (who.device or f"{who.kind}:{who.name}") if who else ""
    if who is not None and who.role == "kiosk" and not d.kiosk_limit.allow(device):
        wait = max(1, math.ceil(retry_after(d.kiosk_limit, device)))
        raise ApiError("rate_limited", 429, retry_after_s=wait)
    key = request.headers.get("Idempotency-Key", "").strip()
    if len(key) > 64:
        raise ApiError("bad_request", 400, detail="Idempotency-Key: at most 64 characters")
    row, events = d.ops.issue(
        data["service"],
        data.get("priority"),
        data.get("lang", "ar"),
        f"{device}:{key}" if key and who else None,  # a key is only ever this device's
        anyway=who is not None and who.is_staff_lead,  # a supervisor may issue out of hours
        also=d.printer.job_writer(base_url()),  # the print job, saved with the ticket
    )
    if not events:  # a retry of a ticket already issued: same answer, nothing new
        return jsonify(ticket_public(d.ops, row, base_url())), 201
    d.publish(events)
    ticket = ticket_public(d.ops, row, base_url(), fresh=True)
    d.after_issue(row, ticket)
    return jsonify(ticket), 201, {"Location": f"/api/v1/tickets/{ticket['id']}"}


@bp.get("/tickets/<token>")
def get_ticket(token: str) -> ResponseReturnValue:
    d = dorak()
    row = d.ops.store.ticket_by_token(token) if len(token) <= 64 else None
    if row is None:
        raise ApiError("unknown_ticket", 404)
    return jsonify(ticket_public(d.ops, row, base_url()))


@bp.post("/tickets/<token>/rating")
def rate_ticket(token: str) -> ResponseReturnValue:
    """Public: holding the tracking id is what allows it (the QR on the citizen's ticket)."""
    data = body("Rating")
    if len(token) > 64:
        raise ApiError("unknown_ticket", 404)
    return jsonify(dorak().ops.rate(token, data["stars"], data.get("comment"))), 201


@bp.post("/tickets/<token>/cancel")
@require(lambda who, token: may_supervise(who))
def cancel_ticket(token: str) -> ResponseReturnValue:
    body("Empty")
    d = dorak()
    who = current_principal()
    row, events = d.ops.cancel(token, who.name if who else None)
    d.publish(events)
    audit("ticket_cancel", ticket=row["number"])
    return jsonify(ticket_public(d.ops, row, base_url()))


REPRINT_WINDOW_S = 15 * 60  # a kiosk may reprint its recent tickets; supervisors any


@bp.post("/tickets/<token>/print")
@require(lambda who, token: who.role in ("kiosk", "supervisor", "admin"))
def reprint_ticket(token: str) -> ResponseReturnValue:
    body("Empty")
    d = dorak()
    row = d.ops.store.ticket_by_token(token) if len(token) <= 64 else None
    if row is None:
        raise ApiError("unknown_ticket", 404)
    who = current_principal()
    age = d.ops.clock().timestamp() - row["issued_at"]
    if who is not None and who.role == "kiosk" and age > REPRINT_WINDOW_S:
        raise ApiError("not_printed_here", 403)
    if not d.printer.enabled:
        raise ApiError("printer_none", 409)
    d.printer.submit(row, ticket_public(d.ops, row, base_url())["track_url"])
    audit("ticket_reprint", ticket=row["number"])
    return jsonify({"queued": True, "number": row["number"]}), 202


@bp.get("/audit")
@require(lambda who: who.role == "admin")
def audit_log() -> ResponseReturnValue:
    d = dorak()
    tz = d.ops.center.timezone
    return jsonify(
        {
            "entries": [
                {**r, "at": iso(r["at"], tz)}
                for r in d.store.audit_log(int_arg("limit", 200, 1, 10_000))
            ]
        }
    )


@bp.get("/notice")
def get_notice() -> ResponseReturnValue:
    return jsonify(dorak().ops.notice())


@bp.put("/notice")
@require(lambda who: may_supervise(who))
def set_notice() -> ResponseReturnValue:
    data = body("Notice")
    d = dorak()
    who = current_principal()
    _, events = d.ops.set_notice(data["ar"], data["en"], who.name if who else None)
    d.publish(events)
    audit("notice_set", **data)
    return jsonify(d.ops.notice())


@bp.get("/state")
def state() -> ResponseReturnValue:
    snapshot: dict[str, Any] = state_snapshot(dorak().ops)
    return jsonify(snapshot)

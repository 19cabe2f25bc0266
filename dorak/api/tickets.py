"""Services, tickets and the state snapshot."""

from __future__ import annotations

import math
from typing import Any

from flask import jsonify, request
from flask.typing import ResponseReturnValue

from ..domain.roles import Role
from ..payloads import iso, services_view, state_snapshot, ticket_public, track_url
from ..web.errors import ApiError
from ..web.identity import current_principal, dorak
from ..web.params import int_arg
from .declare import ADMINS, ISSUERS, REPRINTERS, SUPERVISORS, TRACKING_ID, caller, route
from .openapi import openapi_document

IDEMPOTENCY = {
    "name": "Idempotency-Key",
    "required": False,
    "schema": {"type": "string", "maxLength": 64},
    "description": "Repeat a request safely: the same key returns the same ticket instead of "
    "a new one",
}


def base_url() -> str:
    return str(dorak().base_url())


@route("GET", "/openapi.json", "This document", ok=({"type": "object"}, "OpenAPI 3.1"))
def openapi() -> ResponseReturnValue:
    return jsonify(openapi_document())


@route(
    "GET",
    "/services",
    "Services with their queues and current estimates",
    ok=("Services", "Services"),
)
def list_services() -> ResponseReturnValue:
    ops = dorak().ops
    return jsonify({"services": services_view(ops.center, ops.floor())})


@route(
    "POST",
    "/tickets",
    "Issue a ticket",
    who=ISSUERS,
    body="IssueTicket",
    ok=("Ticket", "The new ticket"),
    status=201,
    errors=(404, 409, 429),
    headers=(IDEMPOTENCY,),
)
def issue_ticket(data: dict[str, Any]) -> ResponseReturnValue:
    d = dorak()
    who = caller()
    device = who.device or f"{who.kind}:{who.name}"
    if who.role == Role.KIOSK and d.kiosk_limit is not None and not d.kiosk_limit.allow(device):
        wait = max(1, math.ceil(d.kiosk_limit.retry_after(device)))
        raise ApiError("rate_limited", 429, retry_after_s=wait)
    key = request.headers.get("Idempotency-Key", "").strip()
    if len(key) > 64:
        raise ApiError("bad_request", 400, detail="Idempotency-Key: at most 64 characters")
    printing = d.printer is not None and d.printer.enabled
    t, events = d.ops.issue(
        data["service"],
        data.get("priority"),
        data.get("lang", "ar"),
        f"{device}:{key}" if key else None,  # a key is only ever this device's
        anyway=who.is_staff_lead,  # a supervisor may issue out of hours
        track_base=base_url() if printing else None,  # the print job, saved with the ticket
    )
    assert t is not None
    if not events:  # a retry of a ticket already issued: same answer, nothing new
        return jsonify(ticket_public(d.ops, t, base_url())), 201
    d.dispatch(events)
    ticket = ticket_public(d.ops, t, base_url(), fresh=True)
    return jsonify(ticket), 201, {"Location": f"/api/v1/tickets/{t.tracking_id}"}


@route(
    "GET",
    "/tickets/<tracking_id>",
    "A ticket by its tracking id (read-only)",
    who=TRACKING_ID,
    ok=("Ticket", "The ticket"),
)
def get_ticket(tracking_id: str) -> ResponseReturnValue:
    d = dorak()
    t = d.ops.ticket(tracking_id)
    if t is None:
        raise ApiError("unknown_ticket", 404)
    return jsonify(ticket_public(d.ops, t, base_url()))


@route(
    "POST",
    "/tickets/<tracking_id>/rating",
    "The citizen rates a finished visit, once",
    who=TRACKING_ID,
    body="Rating",
    ok=("Rating", "Recorded"),
    status=201,
    errors=(409,),
)
def rate_ticket(tracking_id: str, data: dict[str, Any]) -> ResponseReturnValue:
    """Holding the tracking id is what allows it (the QR on the citizen's ticket)."""
    return jsonify(dorak().ops.rate(tracking_id, data["stars"], data.get("comment"))), 201


@route(
    "POST",
    "/tickets/<tracking_id>/cancel",
    "Cancel a waiting or called ticket",
    who=SUPERVISORS,
    body="Empty",
    ok=("Ticket", "The cancelled ticket"),
    errors=(409,),
)
def cancel_ticket(tracking_id: str, data: dict[str, Any]) -> ResponseReturnValue:
    d = dorak()
    t, events = d.ops.cancel(tracking_id, caller())
    assert t is not None
    d.dispatch(events)
    return jsonify(ticket_public(d.ops, t, base_url()))


@route(
    "POST",
    "/tickets/<tracking_id>/print",
    "Print a ticket again",
    who=REPRINTERS,
    body="Empty",
    ok=("Reprinted", "Sent to the print worker"),
    status=202,
    errors=(409,),
)
def reprint_ticket(tracking_id: str, data: dict[str, Any]) -> ResponseReturnValue:
    d = dorak()
    t = d.ops.ticket(tracking_id)
    if t is None:
        raise ApiError("unknown_ticket", 404)
    if d.printer is None or not d.printer.enabled:
        raise ApiError("printer_none", 409)
    _, events = d.ops.reprint(tracking_id, track_url(base_url(), t), caller())
    d.dispatch(events)
    return jsonify({"queued": True, "number": t.number}), 202


@route(
    "GET",
    "/audit",
    "What supervisors, admins and the command line did, newest first",
    who=ADMINS,
    ok=("Audit", "Audit entries"),
    query=(
        {
            "name": "limit",
            "required": False,
            "schema": {"type": "integer", "minimum": 1, "maximum": 10_000},
        },
    ),
)
def audit_log() -> ResponseReturnValue:
    d = dorak()
    tz = d.ops.center.timezone
    entries = d.store.audit.newest(int_arg("limit", 200, 1, 10_000))
    return jsonify({"entries": [{**r, "at": iso(r["at"], tz)} for r in entries]})


@route("GET", "/notice", "The lobby's notice line", ok=("Notice", "The notice"))
def get_notice() -> ResponseReturnValue:
    return jsonify(dorak().ops.notice())


@route(
    "PUT",
    "/notice",
    "Set the lobby's notice line",
    who=SUPERVISORS,
    body="Notice",
    ok=("Notice", "The notice"),
)
def set_notice(data: dict[str, Any]) -> ResponseReturnValue:
    d = dorak()
    _, events = d.ops.set_notice(data["ar"], data["en"], caller())
    d.dispatch(events)
    return jsonify(d.ops.notice())


@route(
    "GET",
    "/state",
    "Snapshot: windows, what each serves now, waiting per service",
    ok=("State", "Current state"),
)
def state() -> ResponseReturnValue:
    return jsonify(state_snapshot(dorak().ops))


@route(
    "GET",
    "/session/csrf",
    "The CSRF token a signed-in page sends as X-CSRF-Token",
    ok=("Csrf", "Token"),
)
def session_csrf() -> ResponseReturnValue:
    from ..web.identity import csrf_token

    return jsonify({"csrf": csrf_token()})


__all__ = ["current_principal"]

"""What supervisors see and do: the dashboard's data, alerts, opening and closing services."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import jsonify, request
from flask.typing import ResponseReturnValue

from ..charts import today_charts
from ..payloads import services_view, ticket_staff, windows_view
from ..reports import report
from ..web.errors import ApiError
from ..web.identity import dorak
from .declare import SUPERVISORS, caller, route


@route(
    "GET",
    "/tickets/find",
    "Today's ticket by its number",
    who=SUPERVISORS,
    ok=("Ticket", "The ticket"),
    errors=(404,),
    query=({"name": "number", "required": True, "schema": {"type": "string", "maxLength": 10}},),
)
def find_ticket() -> ResponseReturnValue:
    """Today's ticket by its number (what a citizen shows a supervisor), newest entry."""
    d = dorak()
    number = request.args.get("number", "").strip().upper()[:10]
    t = d.store.tickets.of_day_by_number(number, d.ops.center.day_of(d.ops.clock()))
    if t is None:
        raise ApiError("unknown_ticket", 404)
    return jsonify(ticket_staff(d.ops, t))


@route(
    "GET",
    "/alerts",
    "Current alerts: overdue, long pauses, printer, database",
    who=SUPERVISORS,
    ok=("Alerts", "Alerts"),
)
def alerts() -> ResponseReturnValue:
    return jsonify({"alerts": dorak().alerts_now()})


@route(
    "GET",
    "/dashboard",
    "Everything the live dashboard shows",
    who=SUPERVISORS,
    ok=({"type": "object"}, "Dashboard"),
)
def dashboard() -> ResponseReturnValue:
    d = dorak()
    ops = d.ops
    day = date.fromisoformat(ops.center.day_of(ops.clock()))
    floor = ops.floor()
    return jsonify(
        {
            "windows": windows_view(ops, floor, d.store.tickets.at_windows(), staff=True),
            "services": services_view(ops.center, floor),
            "today": report(d.store, ops.center, day, day, "service"),
            "alerts": d.alerts_now(),
            "printer": d.printer.last if d.printer else {"status": "none"},
            "notice": ops.notice(),
            "charts": today_charts(ops),
        }
    )


def _set_open(code: str, is_open: bool) -> ResponseReturnValue:
    d = dorak()
    _, events = d.ops.set_service_open(code, is_open, caller())
    d.dispatch(events)
    floor = d.ops.floor()
    return jsonify(next(s for s in services_view(d.ops.center, floor) if s["code"] == code))


@route(
    "POST",
    "/services/<code>/open",
    "Open a service for new tickets",
    who=SUPERVISORS,
    body="Empty",
    ok=("Service", "The service"),
)
def open_service(code: str, data: dict[str, Any]) -> ResponseReturnValue:
    return _set_open(code, True)


@route(
    "POST",
    "/services/<code>/close",
    "Close a service for new tickets; those waiting stay",
    who=SUPERVISORS,
    body="Empty",
    ok=("Service", "The service"),
)
def close_service(code: str, data: dict[str, Any]) -> ResponseReturnValue:
    return _set_open(code, False)

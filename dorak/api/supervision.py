"""What supervisors see and do: the dashboard's data, alerts, opening and closing services."""

from __future__ import annotations

import sqlite3
from datetime import date

from flask import current_app, jsonify, request
from flask.typing import ResponseReturnValue

from ..alerts import current_alerts
from ..auth import may_supervise
from ..charts import today_charts
from ..payloads import services_view, ticket_staff, windows_view
from ..reports import report
from ..web.errors import ApiError
from ..web.identity import audit, current_principal, dorak, require
from . import bp
from .validation import body


def alerts_now() -> list[dict[str, object]]:
    d = dorak()
    printer = d.printer.last.get("status", "none") if d.printer else "none"
    try:
        limit = float(current_app.config["ALERT_PAUSE_MIN"])
        alerts = current_alerts(d.ops, str(printer), limit)
    except sqlite3.Error as e:  # a damaged file: the database alerts say it, and this counts
        d.store_failed(e)
        alerts = []
    return [*d.database_alerts(), *alerts, *d.screens.alerts()]


@bp.get("/tickets/find")
@require(lambda who: may_supervise(who))
def find_ticket() -> ResponseReturnValue:
    """Today's ticket by its number (what a citizen shows a supervisor), newest entry."""
    d = dorak()
    number = request.args.get("number", "").strip().upper()
    day = d.ops.center.day_of(d.ops.clock())
    row = d.store.one(
        "SELECT * FROM tickets WHERE number = ? AND day = ? ORDER BY id DESC LIMIT 1",
        (number[:10], day),
    )
    if row is None:
        raise ApiError("unknown_ticket", 404)
    return jsonify(ticket_staff(d.ops, row))


@bp.get("/alerts")
@require(lambda who: may_supervise(who))
def alerts() -> ResponseReturnValue:
    return jsonify({"alerts": alerts_now()})


@bp.get("/dashboard")
@require(lambda who: may_supervise(who))
def dashboard() -> ResponseReturnValue:
    d = dorak()
    ops = d.ops
    day = date.fromisoformat(ops.center.day_of(ops.clock()))
    now = ops.clock().timestamp()
    oldest = dict(
        ops.store.conn.execute(
            "SELECT service, min(queued_at) FROM tickets WHERE status = 'waiting' GROUP BY service"
        ).fetchall()
    )
    services = services_view(ops)
    for s in services:
        if s["code"] in oldest:
            s["longest_wait_s"] = round(now - oldest[s["code"]])
    states = ops.store.window_states()
    return jsonify(
        {
            "windows": windows_view(ops, states, staff=True),
            "services": services,
            "today": report(ops.store, ops.center, day, day, "service"),
            "alerts": alerts_now(),
            "printer": d.printer.last if d.printer else {"status": "none"},
            "notice": ops.notice(),
            "charts": today_charts(ops),
        }
    )


def _set_open(code: str, is_open: bool) -> ResponseReturnValue:
    body("Empty")
    d = dorak()
    who = current_principal()
    _, events = d.ops.set_service_open(code, is_open, who.name if who else None)
    d.publish(events)
    audit("service_open" if is_open else "service_close", service=code)
    return jsonify(next(s for s in services_view(d.ops) if s["code"] == code))


@bp.post("/services/<code>/open")
@require(lambda who, code: may_supervise(who))
def open_service(code: str) -> ResponseReturnValue:
    return _set_open(code, True)


@bp.post("/services/<code>/close")
@require(lambda who, code: may_supervise(who))
def close_service(code: str) -> ResponseReturnValue:
    return _set_open(code, False)

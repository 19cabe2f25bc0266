"""Putting a no-show back in line (the rule: dorak/domain/restore.py)."""

from __future__ import annotations

from typing import Any

from flask import jsonify
from flask.typing import ResponseReturnValue

from ..domain.roles import Principal, Role
from ..payloads import ticket_staff
from ..web.identity import dorak
from .declare import Who, caller, route
from .tickets import base_url

RESTORERS = Who(
    "the clerk who marked it a no-show, a supervisor or an admin (within RESTORE_MIN)",
    lambda p, **_: p.role in (Role.CLERK, Role.SUPERVISOR, Role.ADMIN),
)


def _within_s() -> float:
    return float(dorak().settings()["restore_min"]) * 60


def _mine(who: Principal) -> str | None:
    return None if who.is_staff_lead else who.name


@route(
    "GET",
    "/no-shows",
    "Today's no-shows that may still be put back in line (a clerk's own; all for supervisors)",
    who=RESTORERS,
    ok=("NoShows", "Newest first"),
)
def no_shows() -> ResponseReturnValue:
    d = dorak()
    tickets = d.ops.recent_no_shows(_mine(caller()), _within_s())
    return jsonify({"tickets": [ticket_staff(d.ops, t, base_url()) for t in tickets]})


@route(
    "POST",
    "/tickets/<ref>/restore",
    "Put a no-show (tracking id or today's number) back in line, in its original place",
    who=RESTORERS,
    body="Empty",
    ok=("Ticket", "The ticket, waiting again"),
    errors=(409,),
)
def restore(ref: str, data: dict[str, Any]) -> ResponseReturnValue:
    d = dorak()
    t, events = d.ops.restore(ref, caller(), _within_s())
    assert t is not None
    d.dispatch(events)
    return jsonify(ticket_staff(d.ops, t, base_url()))

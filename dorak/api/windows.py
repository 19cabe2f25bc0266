"""What a clerk does at a window. Each route acts on the ticket at that window now."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from flask import g, jsonify, request
from flask.typing import ResponseReturnValue

from ..auth import may_act_at
from ..domain.errors import QueueEmpty
from ..payloads import ticket_staff, window_detail, window_view
from ..web.errors import ApiError
from ..web.identity import audit, current_principal, dorak, require
from . import bp
from .tickets import base_url
from .validation import body

at_window = require(lambda who, n: may_act_at(who, n))


def _clerk() -> str | None:
    who = current_principal()
    return who.name if who else None


def _known(n: int) -> None:
    if dorak().ops.center.window(n) is None:
        raise ApiError("unknown_window", 404, window=n)


def _ticket_action(n: int, schema: str, act: Callable[..., Any], *args: Any) -> ResponseReturnValue:
    _known(n)
    data = body(schema)
    d = dorak()
    row, events = act(n, _clerk(), *args, **data)
    d.publish(events)
    audit(f"window_{request.path.rsplit('/', 1)[1]}", window=n, ticket=row["number"])
    return jsonify(ticket_staff(d.ops, row, base_url()))


@bp.get("/windows/<int:n>")
@at_window
def get_window(n: int) -> ResponseReturnValue:
    _known(n)
    return jsonify(window_detail(dorak().ops, n, base_url()))


@bp.post("/windows/<int:n>/call-next")
@at_window
def call_next(n: int) -> ResponseReturnValue:
    _known(n)
    body("Empty")
    d = dorak()
    started = time.perf_counter()
    try:
        row, events = d.ops.call_next(n, _clerk())
    except QueueEmpty:
        return "", 204
    d.metrics.observe_call(time.perf_counter() - started)
    audit("window_call-next", window=n, ticket=row["number"])
    d.publish(events)
    return jsonify(ticket_staff(d.ops, row, base_url()))


@bp.post("/windows/<int:n>/call")
@at_window
def call_ticket(n: int) -> ResponseReturnValue:
    return _ticket_action(n, "CallTicket", lambda n, c, ticket: dorak().ops.call(n, c, ticket))


@bp.post("/windows/<int:n>/recall")
@at_window
def recall(n: int) -> ResponseReturnValue:
    return _ticket_action(n, "Empty", dorak().ops.recall)


@bp.post("/windows/<int:n>/start")
@at_window
def start(n: int) -> ResponseReturnValue:
    return _ticket_action(n, "Empty", dorak().ops.start)


@bp.post("/windows/<int:n>/finish")
@at_window
def finish(n: int) -> ResponseReturnValue:
    return _ticket_action(n, "Finish", dorak().ops.finish)


@bp.post("/windows/<int:n>/no-show")
@at_window
def no_show(n: int) -> ResponseReturnValue:
    return _ticket_action(n, "Empty", dorak().ops.no_show)


@bp.post("/windows/<int:n>/return")
@at_window
def return_to_queue(n: int) -> ResponseReturnValue:
    return _ticket_action(n, "Empty", dorak().ops.return_to_queue)


@bp.post("/windows/<int:n>/transfer")
@at_window
def transfer(n: int) -> ResponseReturnValue:
    return _ticket_action(
        n, "Transfer", lambda n, c, service, note=None: dorak().ops.transfer(n, c, service, note)
    )


def _window_action(n: int, schema: str, act: Callable[..., Any]) -> ResponseReturnValue:
    _known(n)
    data = body(schema)
    d = dorak()
    _, events = act(n, _clerk(), **data)
    d.publish(events)
    audit(f"window_{request.path.rsplit('/', 1)[1]}", window=n, **data)
    return jsonify(window_view(d.ops, n, staff=True))


@bp.post("/windows/<int:n>/pause")
@at_window
def pause(n: int) -> ResponseReturnValue:
    return _window_action(n, "Pause", dorak().ops.pause)


@bp.post("/windows/<int:n>/resume")
@at_window
def resume(n: int) -> ResponseReturnValue:
    return _window_action(n, "Empty", dorak().ops.resume)


@bp.post("/windows/<int:n>/presence")
@at_window
def sign_in(n: int) -> ResponseReturnValue:
    """The clerk is at window n: a sign-in, then a heartbeat every 30 s or so (the counter
    page sends it; a clerk token may too). Silent for STAFF_TIMEOUT_S, the window closes."""
    _known(n)
    body("Empty")
    d = dorak()
    who = current_principal()
    assert who is not None
    _, events = d.ops.sign_in(n, who.name, "page" if g.via_session else "token")
    d.publish(events)
    return jsonify(window_view(d.ops, n, staff=True))


@bp.delete("/windows/<int:n>/presence")
@at_window
def sign_out(n: int) -> ResponseReturnValue:
    """The clerk leaves window n (signing out of the counter page does this too)."""
    _known(n)
    d = dorak()
    who = current_principal()
    _, events = d.ops.sign_out(n, None if who is not None and who.is_staff_lead else _clerk())
    d.publish(events)
    return jsonify(window_view(d.ops, n, staff=True))

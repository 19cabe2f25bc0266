"""What a clerk does at a window. Each route acts on the ticket at that window now."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import g, jsonify
from flask.typing import ResponseReturnValue

from ..domain.errors import QueueEmpty
from ..payloads import ticket_staff, window_detail, window_view
from ..usecases import Result
from ..web.errors import ApiError
from ..web.identity import dorak
from .declare import AT_WINDOW, caller, route
from .tickets import base_url

TICKET_OK = ("Ticket", "The ticket after the action")
WINDOW_OK = ("Window", "The window after the action")


def _known(n: int) -> None:
    if dorak().ops.center.window(n) is None:
        raise ApiError("unknown_window", 404, window=n)


def _ticket_action(n: int, act: Callable[..., Result], **data: Any) -> ResponseReturnValue:
    _known(n)
    d = dorak()
    who = caller()
    t, events = act(n, who.name, **data, by=who)
    assert t is not None
    d.dispatch(events)
    return jsonify(ticket_staff(d.ops, t, base_url()))


def _window_now(n: int) -> ResponseReturnValue:
    d = dorak()
    floor = d.ops.floor()
    return jsonify(window_view(d.ops, floor, n, d.store.tickets.at_window(n), staff=True))


@route(
    "GET",
    "/windows/<int:n>",
    "A window with its current ticket, who comes next, today",
    who=AT_WINDOW,
    ok=WINDOW_OK,
)
def get_window(n: int) -> ResponseReturnValue:
    _known(n)
    return jsonify(window_detail(dorak().ops, n, base_url()))


@route(
    "POST",
    "/windows/<int:n>/call-next",
    "Call the next ticket by the call-next policy",
    who=AT_WINDOW,
    body="Empty",
    ok=TICKET_OK,
    errors=(409,),
    answers={204: (None, "Nobody is waiting for this window")},
)
def call_next(n: int, data: dict[str, Any]) -> ResponseReturnValue:
    _known(n)
    d = dorak()
    who = caller()
    try:
        t, events = d.ops.call_next(n, who.name, by=who)
    except QueueEmpty:
        return "", 204
    assert t is not None
    d.dispatch(events)
    return jsonify(ticket_staff(d.ops, t, base_url()))


@route(
    "POST",
    "/windows/<int:n>/call",
    "Call a waiting ticket by number or tracking id",
    who=AT_WINDOW,
    body="CallTicket",
    ok=TICKET_OK,
    errors=(409,),
)
def call_ticket(n: int, data: dict[str, Any]) -> ResponseReturnValue:
    return _ticket_action(n, dorak().ops.call, ref=data["ticket"], reason=data.get("reason"))


@route(
    "POST",
    "/windows/<int:n>/recall",
    "Call the current ticket again",
    who=AT_WINDOW,
    body="Empty",
    ok=TICKET_OK,
    errors=(409,),
)
def recall(n: int, data: dict[str, Any]) -> ResponseReturnValue:
    return _ticket_action(n, dorak().ops.recall)


@route(
    "POST",
    "/windows/<int:n>/start",
    "The citizen arrived: start service",
    who=AT_WINDOW,
    body="Empty",
    ok=TICKET_OK,
    errors=(409,),
)
def start(n: int, data: dict[str, Any]) -> ResponseReturnValue:
    return _ticket_action(n, dorak().ops.start)


@route(
    "POST",
    "/windows/<int:n>/finish",
    "Finish with an outcome",
    who=AT_WINDOW,
    body="Finish",
    ok=TICKET_OK,
    errors=(409,),
)
def finish(n: int, data: dict[str, Any]) -> ResponseReturnValue:
    return _ticket_action(n, dorak().ops.finish, **data)


@route(
    "POST",
    "/windows/<int:n>/no-show",
    "The called citizen did not come",
    who=AT_WINDOW,
    body="Empty",
    ok=TICKET_OK,
    errors=(409,),
)
def no_show(n: int, data: dict[str, Any]) -> ResponseReturnValue:
    return _ticket_action(n, dorak().ops.no_show)


@route(
    "POST",
    "/windows/<int:n>/return",
    "Put the called ticket back in its place",
    who=AT_WINDOW,
    body="Empty",
    ok=TICKET_OK,
    errors=(409,),
)
def return_to_queue(n: int, data: dict[str, Any]) -> ResponseReturnValue:
    return _ticket_action(n, dorak().ops.return_to_queue)


@route(
    "POST",
    "/windows/<int:n>/transfer",
    "Send the ticket being served to another queue",
    who=AT_WINDOW,
    body="Transfer",
    ok=("Ticket", "The new waiting entry"),
    errors=(409,),
)
def transfer(n: int, data: dict[str, Any]) -> ResponseReturnValue:
    return _ticket_action(n, dorak().ops.transfer, code=data["service"], note=data.get("note"))


@route(
    "POST",
    "/windows/<int:n>/pause",
    "Pause the window with a reason",
    who=AT_WINDOW,
    body="Pause",
    ok=WINDOW_OK,
    errors=(409,),
)
def pause(n: int, data: dict[str, Any]) -> ResponseReturnValue:
    _known(n)
    who = caller()
    _, events = dorak().ops.pause(n, who.name, data["reason"], by=who)
    dorak().dispatch(events)
    return _window_now(n)


@route(
    "POST",
    "/windows/<int:n>/resume",
    "Open the window again",
    who=AT_WINDOW,
    body="Empty",
    ok=WINDOW_OK,
    errors=(409,),
)
def resume(n: int, data: dict[str, Any]) -> ResponseReturnValue:
    _known(n)
    who = caller()
    _, events = dorak().ops.resume(n, who.name, by=who)
    dorak().dispatch(events)
    return _window_now(n)


@route(
    "POST",
    "/windows/<int:n>/presence",
    "The clerk is at the window: sign in, then a heartbeat every ~30 s (silent for "
    "STAFF_TIMEOUT_S, the window closes by itself)",
    who=AT_WINDOW,
    body="Empty",
    ok=WINDOW_OK,
)
def sign_in(n: int, data: dict[str, Any]) -> ResponseReturnValue:
    _known(n)
    d = dorak()
    _, events = d.ops.sign_in(n, caller().name, "page" if g.via_session else "token")
    d.dispatch(events)
    return _window_now(n)


@route(
    "DELETE",
    "/windows/<int:n>/presence",
    "The clerk leaves the window: it closes at once",
    who=AT_WINDOW,
    ok=WINDOW_OK,
)
def sign_out(n: int) -> ResponseReturnValue:
    _known(n)
    d = dorak()
    who = caller()
    _, events = d.ops.sign_out(n, None if who.is_staff_lead else who.name)
    d.dispatch(events)
    return _window_now(n)

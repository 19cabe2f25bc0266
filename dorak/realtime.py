"""Socket.IO: who joins which room on connect, and the full state each client gets first.
What rooms hear after a change is dorak/publisher.py's (a handler of the bus)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import request, session
from flask_socketio import SocketIO, emit, join_room

from .domain.events import AlertRaised
from .domain.roles import Principal, Role
from .payloads import line_view, printer_news, state_snapshot, ticket_public

socketio = SocketIO()


def register_handlers(sio: SocketIO, context: Callable[[], Any]) -> None:
    """Connect handler: authenticate, join rooms, and send the full state first."""

    def on_display_sound(data: Any = None) -> None:
        """A lobby screen tells whether it can play sound; a silent one alerts supervisors."""
        data = data if isinstance(data, dict) else {}
        d = context()
        raised = d.screens.report(request.sid, data.get("screen"), data.get("ok"))  # type: ignore[attr-defined]
        if raised is not None:
            d.bus.handle([AlertRaised(raised)])

    def on_disconnect(*_: Any) -> None:
        context().screens.gone(request.sid)  # type: ignore[attr-defined]

    def on_connect(auth: Any = None) -> bool:
        d = context()
        auth = auth if isinstance(auth, dict) else {}
        # A phone following a ticket (`ticket` is the name older pages used).
        tracking = auth.get("tracking_id", auth.get("ticket"))
        if isinstance(tracking, str):
            t = d.ops.ticket(tracking)
            if t is None:
                return False
            join_room(f"ticket:{t.tracking_id}")
            join_room(f"queue:{t.service}")
            floor = d.ops.floor()
            emit(
                "state",
                {
                    "ticket": ticket_public(d.ops, t, d.base_url(), floor=floor),
                    "line": line_view(d.ops, floor, t.service),
                },
            )
            return True
        if auth.get("token") and d.accounts.verify_token(str(auth["token"])) is None:
            return False  # a wrong or revoked token is refused, not downgraded to anonymous
        who = _principal(d, auth)
        if who is None:
            join_room("display")
            emit("state", state_snapshot(d.ops))
            return True
        rooms = _rooms_for(who)
        tablet = auth.get("tablet")
        if rooms is not None and who.role == Role.DISPLAY and isinstance(tablet, int):
            if d.ops.center.window(tablet) is None:
                return False
            rooms.append(f"tablet:{tablet}")  # the rating tablet at that window
        if rooms is None:
            return False
        window = auth.get("window")
        if who.is_staff_lead and isinstance(window, int) and d.ops.center.window(window):
            rooms.append(f"window:{window}")  # a supervisor at a window's counter page
        if who.kind == "user":  # signed in with the session: ends with it (sign-out, ...)
            rooms.append(f"user:{who.name}")
        for room in rooms:
            join_room(room)
        snapshot = state_snapshot(d.ops, staff=who.role not in (Role.KIOSK, Role.DISPLAY))
        if who.role in (Role.KIOSK, Role.SUPERVISOR, Role.ADMIN) and d.printer is not None:
            snapshot["printer"] = printer_news(d.printer.last, staff=who.role != Role.KIOSK)
        emit("state", snapshot)
        return True

    sio.on_event("display_sound", on_display_sound)
    sio.on_event("disconnect", on_disconnect)
    sio.on_event("connect", on_connect)


def disconnect_user(username: str) -> None:
    """Close the live connections a user opened with their session (it has just ended)."""
    server = getattr(socketio, "server", None)
    if server is None:
        return
    for sid, _ in list(server.manager.get_participants("/", f"user:{username}")):
        server.disconnect(sid, namespace="/")


def _principal(d: Any, auth: dict[str, Any]) -> Principal | None:
    token = auth.get("token")
    if isinstance(token, str) and token:
        return d.accounts.verify_token(token)  # type: ignore[no-any-return]
    if session.get("user"):
        return d.accounts.session_user(session["user"], session.get("uv"))  # type: ignore[no-any-return]
    if session.get("device"):
        return d.accounts.verify_token(session["device"])  # type: ignore[no-any-return]
    return None


def _rooms_for(who: Principal) -> list[str] | None:
    if who.role == Role.KIOSK:
        return ["kiosk", f"kiosk:{who.name}"]
    if who.role == Role.DISPLAY:
        return ["display"]
    if who.role == Role.CLERK and who.window is not None:
        return [f"window:{who.window}"]
    if who.role in (Role.SUPERVISOR, Role.ADMIN):
        return ["supervisors"]
    return None

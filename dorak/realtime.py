"""Socket.IO: who joins which room, and what each published event looks like in each room.

Rooms: `display` (lobby screens and anyone anonymous), `kiosk`, `window:N` (the clerk of window
N), `supervisors`, `ticket:<tracking id>` and `queue:<service>` (a phone following a ticket).
Events leave only after the transaction that caused them has committed: use cases return them and
the web layer hands them to `SocketPublisher.publish`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from flask import request, session
from flask_socketio import SocketIO, emit, join_room

from .auth import Principal
from .events import (
    Event,
    NoticeChanged,
    QueueChanged,
    TicketCalled,
    TicketIssued,
    TicketUpdated,
    WindowUpdated,
)
from .operations import Operations
from .payloads import (
    center_open,
    iso,
    printer_news,
    queue_view,
    service_names,
    services_view,
    state_snapshot,
    ticket_public,
    ticket_staff,
    window_view,
)
from .store import Row

socketio = SocketIO()
PUBLIC = ["display", "kiosk"]


def ticket_board(ops: Operations, row: Row) -> dict[str, Any]:
    """A ticket as the lobby may see it: the number and where to go, nothing that identifies."""
    return {
        "number": row["number"],
        "service": row["service"],
        "service_name": service_names(ops.center, row["service"]),
        "status": row["status"],
        "window": row["window"],
        "called_at": iso(row["called_at"], ops.center.timezone),
    }


class SocketPublisher:
    def __init__(
        self, sio: SocketIO, ops: Operations, base_url: Callable[[], str], shared: bool = False
    ) -> None:
        self.sio = sio
        self.ops = ops
        self.base_url = base_url
        # With a message queue other processes have listeners this one cannot see.
        self.shared = shared
        self.printer: Any = None

    def printer_status(self, status: dict[str, Any]) -> None:
        """Called from the print worker thread."""
        self.emit("printer_status", printer_news(status, staff=False), ["kiosk"])
        self.emit("printer_status", status, ["supervisors"])

    def listened(self, rooms: Iterable[str]) -> list[str]:
        """The rooms worth building a payload for."""
        rooms = list(rooms)
        if self.shared:
            return rooms
        server = getattr(self.sio, "server", None)
        if server is None:
            return []
        joined = server.manager.rooms.get("/", {})
        return [r for r in rooms if joined.get(r)]

    def emit(self, event: str, data: Any | Callable[[], Any], rooms: Iterable[str]) -> None:
        rooms = self.listened(rooms)
        if rooms:
            self.sio.emit(event, data() if callable(data) else data, to=rooms)

    def publish(self, events: Iterable[Event]) -> None:
        for e in events:
            if isinstance(e, TicketIssued | TicketCalled | TicketUpdated):
                self._ticket(e)
            elif isinstance(e, WindowUpdated):
                self._window(e.number)
            elif isinstance(e, QueueChanged):
                self._queue(e.services)
            elif isinstance(e, NoticeChanged):
                self.emit("notice_updated", e.notice, [*PUBLIC, "supervisors"])

    def _ticket(self, e: TicketIssued | TicketCalled | TicketUpdated) -> None:
        name = {
            TicketIssued: "ticket_issued",
            TicketCalled: "ticket_called",
            TicketUpdated: "ticket_updated",
        }[type(e)]
        row = e.ticket
        extra = {"recall": e.recall} if isinstance(e, TicketCalled) else {}
        if isinstance(e, TicketCalled):
            # Lobby screens and kiosks only need the calls (windows and counts come in their
            # own events): every message less is a thousand fewer writes with a full lobby.
            self.emit(name, lambda: {**ticket_board(self.ops, row), **extra}, PUBLIC)
        staff_rooms = ["supervisors"] + ([f"window:{row['window']}"] if row["window"] else [])
        self.emit(
            name, lambda: {**ticket_staff(self.ops, row, self.base_url()), **extra}, staff_rooms
        )
        if isinstance(e, TicketUpdated) and row["status"] == "done" and row["window"]:
            self.emit(
                "rating_requested",
                lambda: {
                    "id": row["token"],
                    "number": row["number"],
                    "service_name": service_names(self.ops.center, row["service"]),
                },
                [f"tablet:{row['window']}"],
            )
        if not isinstance(e, TicketIssued):
            self.emit(
                name,
                lambda: {**ticket_public(self.ops, row, self.base_url()), **extra},
                [f"ticket:{row['token']}"],
            )

    def _window(self, number: int) -> None:
        self.emit("window_updated", lambda: window_view(self.ops, number), PUBLIC)
        self.emit(
            "window_updated",
            lambda: window_view(self.ops, number, staff=True),
            ["supervisors", f"window:{number}"],
        )

    def _queue(self, services: frozenset[str]) -> None:
        windows = [f"window:{w.number}" for w in self.ops.center.windows]

        def payload() -> dict[str, Any]:
            services = services_view(self.ops)
            return {"services": services, "center": center_open(self.ops, services)}

        self.emit("queue_updated", payload, [*PUBLIC, "supervisors", *windows])
        for code in sorted(services):
            self.emit("line_updated", partial(queue_view, self.ops, code), [f"queue:{code}"])


def register_handlers(sio: SocketIO, context: Callable[[], Any]) -> None:
    """Connect handler: authenticate, join rooms, and send the full state first."""

    @sio.on("display_sound")
    def on_display_sound(data: Any = None) -> None:
        """A lobby screen tells whether it can play sound; a silent one alerts supervisors."""
        data = data if isinstance(data, dict) else {}
        raised = context().screens.report(request.sid, data.get("screen"), data.get("ok"))  # type: ignore[attr-defined]
        if raised is not None:
            sio.emit("alert_raised", raised, to="supervisors")

    @sio.on("disconnect")
    def on_disconnect(*_: Any) -> None:
        context().screens.gone(request.sid)  # type: ignore[attr-defined]

    @sio.on("connect")
    def on_connect(auth: Any = None) -> bool:
        d = context()
        auth = auth if isinstance(auth, dict) else {}
        tracking = auth.get("ticket")
        if isinstance(tracking, str):
            known = len(tracking) <= 64 and tracking.isascii()
            row = d.ops.store.ticket_by_token(tracking) if known else None
            if row is None:
                return False
            join_room(f"ticket:{row['token']}")
            join_room(f"queue:{row['service']}")
            emit(
                "state",
                {
                    "ticket": ticket_public(d.ops, row, d.base_url()),
                    "line": queue_view(d.ops, row["service"]),
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
        if rooms is not None and who.role == "display" and isinstance(tablet, int):
            if d.ops.center.window(tablet) is None:
                return False
            rooms.append(f"tablet:{tablet}")  # the rating tablet at that window
        if rooms is None:
            return False
        if who.kind == "user":  # signed in with the session: ends with it (sign-out, ...)
            rooms.append(f"user:{who.name}")
        for room in rooms:
            join_room(room)
        snapshot = state_snapshot(d.ops, staff=who.role not in ("kiosk", "display"))
        if who.role in ("kiosk", "supervisor", "admin") and d.printer is not None:
            snapshot["printer"] = printer_news(d.printer.last, staff=who.role != "kiosk")
        emit("state", snapshot)
        return True


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
    if who.role == "kiosk":
        return ["kiosk", f"kiosk:{who.name}"]
    if who.role == "display":
        return ["display"]
    if who.role == "clerk" and who.window is not None:
        return [f"window:{who.window}"]
    if who.role in ("supervisor", "admin"):
        return ["supervisors"]
    return None

"""The hub's Socket.IO: the one place it emits. A dashboard joins the rooms of the centers its
reader may see; after a batch or a heartbeat is committed the center's new line goes to them,
and its current waits to the public page."""

from __future__ import annotations

from typing import Any

from flask import session
from flask_socketio import SocketIO, join_room

from ..store.hub.reads import Reader
from .service import Hub, visible

hub_socketio = SocketIO()


def _room(center_id: int) -> str:
    return f"center:{center_id}"


class HubPublisher:
    def __init__(self, hub: Hub, socketio: SocketIO) -> None:
        self.hub = hub
        self.socketio = socketio

    def center_changed(self, center_id: int) -> None:
        rows = self.hub.store.centers([center_id])
        if not rows:
            return
        summary = self.hub.summaries(rows)[0]
        self.socketio.emit("center_changed", summary, to=_room(center_id))
        self.socketio.emit("center_changed", summary, to="all")
        waits = next(w for w in self.hub.public_waits_of(rows))
        self.socketio.emit("waits_changed", waits, to="public")


def register_handlers(socketio: SocketIO, hub_of: Any) -> None:
    def on_connect(auth: Any = None) -> bool:
        hub: Hub = hub_of()
        if isinstance(auth, dict) and auth.get("public"):
            join_room("public")
            return True
        reader: Reader | None = None
        if isinstance(auth, dict) and isinstance(auth.get("token"), str):
            reader = hub.store.reads.token(auth["token"])
        elif session.get("hub_user"):
            u = session["hub_user"]
            reader = Reader(
                u["name"], u["role"], None if u["centers"] is None else tuple(u["centers"])
            )
        if reader is None:
            return False
        if reader.centers is None:
            join_room("all")
        else:
            for c in hub.store.centers(list(reader.centers)):
                if visible(reader, c.id):
                    join_room(_room(c.id))
        return True

    socketio.on_event("connect", on_connect)

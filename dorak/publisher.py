"""Events to rooms: what each room hears after a change, each payload built once per change.

Rooms: `display` (lobby screens and anyone anonymous), `kiosk`, `window:N` (the clerk of window
N), `supervisors`, `ticket:<tracking id>` and `queue:<service>` (a phone following a ticket),
`tablet:N` (the rating tablet at window N). The lobby gets one message per call: `ticket_called`
carries the call and the new waiting count of its service, so no `window_updated` or
`queue_updated` follows it there. Payloads come from the floor the use case handed over with its
events; a room nobody listens to costs nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar, cast

from flask_socketio import SocketIO

from .domain.events import (
    AlertRaised,
    CenterChanged,
    NoticeChanged,
    PrinterStatusChanged,
    QueueChanged,
    SettingsChanged,
    TicketCalled,
    TicketIssued,
    TicketUpdated,
    WindowUpdated,
)
from .domain.floor import Floor
from .domain.model import Status
from .domain.remarks import Remark
from .domain.ticket import Ticket
from .payloads import (
    line_view,
    printer_news,
    queue_news,
    service_names,
    ticket_board,
    ticket_public,
    ticket_staff,
    window_line,
    window_view,
)
from .remark_payloads import remark_public, remark_staff
from .usecases import Operations
from .usecases.remarks import RemarkChanged

T = TypeVar("T")


class Change:
    """One change being published: what it knows, and what it built (each thing once)."""

    def __init__(self, ops: Operations, events: Sequence[Any]) -> None:
        self.ops = ops
        self.events = events
        floors = [e.floor for e in events if getattr(e, "floor", None) is not None]
        self._floor: Floor | None = floors[-1] if floors else None
        self._built: dict[str, Any] = {}
        self.counters: set[int] = set()  # windows whose clerk already heard this change
        # The ticket at each window this change moved (None: it left the window).
        self.at_window: dict[int, Ticket | None] = {}
        for e in events:
            if isinstance(e, TicketCalled | TicketUpdated | TicketIssued):
                t = e.ticket
                if t.window is not None:
                    self.at_window[t.window] = t if t.at_window else None

    @property
    def floor(self) -> Floor:
        if self._floor is None:
            self._floor = self.ops.floor()
        return self._floor

    def once(self, key: str, build: Callable[[], T]) -> T:
        if key not in self._built:
            self._built[key] = build()
        return cast(T, self._built[key])

    def current(self, window: int) -> Ticket | None:
        if window not in self.at_window:
            busy = window in self.floor.busy  # a free window needs no look
            self.at_window[window] = self.ops.store.tickets.at_window(window) if busy else None
        return self.at_window[window]


class Publisher:
    def __init__(
        self, sio: SocketIO, ops: Operations, base_url: Callable[[], str], shared: bool = False
    ) -> None:
        self.sio = sio
        self.ops = ops
        self.base_url = base_url
        # With a message queue other processes have listeners this one cannot see.
        self.shared = shared

    # -- sending ---------------------------------------------------------------------------
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

    # -- one change ------------------------------------------------------------------------
    def publish(self, events: Sequence[Any]) -> None:
        change = Change(self.ops, events)
        called = {e.ticket.service for e in events if isinstance(e, TicketCalled)}
        for e in events:
            if isinstance(e, TicketIssued):
                self._issued(change, e)
            elif isinstance(e, TicketCalled):
                self._called(change, e)
            elif isinstance(e, TicketUpdated):
                self._updated(change, e.ticket)
            elif isinstance(e, WindowUpdated):
                self._window(change, e.number, lobby=not _calls_at(events, e.number))
            elif isinstance(e, QueueChanged):
                self._queue(change, e.services, lobby=not e.services <= called)
            elif isinstance(e, CenterChanged):
                codes = frozenset(s.code for s in e.center.services if s.prefix)
                self._queue(change, codes, lobby=True)
                for w in e.center.windows:
                    self._window(change, w.number, lobby=True)
            elif isinstance(e, NoticeChanged):
                self.emit("notice_updated", e.notice, ["display", "kiosk", "supervisors"])
            elif isinstance(e, PrinterStatusChanged):
                self.emit("printer_status", printer_news(e.status, staff=False), ["kiosk"])
                self.emit("printer_status", e.status, ["supervisors"])
            elif isinstance(e, AlertRaised):
                self.emit("alert_raised", e.alert, ["supervisors"])
            elif isinstance(e, RemarkChanged):  # the citizens' voice (dorak/usecases/remarks.py)
                self._remark(e.remark)
            elif isinstance(e, SettingsChanged):
                s = e.settings
                news = {
                    "voice": s["display_voice"],
                    "recent": s["display_recent"],
                    "langs": [x.strip() for x in s["display_langs"].split(",") if x.strip()],
                }
                self.emit("display_settings_updated", news, ["display", "supervisors"])

    def _staff_ticket(self, change: Change, t: Ticket, fresh: bool = False) -> dict[str, Any]:
        return change.once(
            f"staff:{t.id}:{t.status}",
            lambda: ticket_staff(self.ops, t, self.base_url(), fresh, change.floor),
        )

    def _issued(self, change: Change, e: TicketIssued) -> None:
        self.emit(
            "ticket_issued", lambda: self._staff_ticket(change, e.ticket, True), ["supervisors"]
        )

    def _called(self, change: Change, e: TicketCalled) -> None:
        t, extra = e.ticket, {"recall": e.recall}

        def lobby() -> dict[str, Any]:
            news = {**ticket_board(self.ops.center, t), **extra}
            if not e.recall:  # the lobby's one message: its line is one shorter
                news["waiting"] = {t.service: change.floor.waiting(t.service)}
            return news

        self.emit("ticket_called", lobby, ["display"])
        staff_rooms = ["supervisors"] + ([f"window:{t.window}"] if t.window else [])
        self.emit("ticket_called", lambda: {**self._staff_ticket(change, t), **extra}, staff_rooms)
        self.emit(
            "ticket_called",
            lambda: {**ticket_public(self.ops, t, self.base_url(), floor=change.floor), **extra},
            [f"ticket:{t.tracking_id}"],
        )

    def _remark(self, r: Remark) -> None:
        center = self.ops.center
        self.emit("remark_updated", lambda: remark_staff(center, r), ["supervisors"])
        if r.tracking_id:  # the citizen's own page, while it is open
            self.emit(
                "remark_updated", lambda: remark_public(center, r), [f"ticket:{r.tracking_id}"]
            )

    def _updated(self, change: Change, t: Ticket) -> None:
        staff_rooms = ["supervisors"] + ([f"window:{t.window}"] if t.window else [])
        self.emit("ticket_updated", lambda: self._staff_ticket(change, t), staff_rooms)
        if t.status == Status.DONE and t.window:
            self.emit(
                "rating_requested",
                lambda: {
                    "tracking_id": t.tracking_id,
                    "number": t.number,
                    "service_name": service_names(self.ops.center, t.service),
                },
                [f"tablet:{t.window}"],
            )
        self.emit(
            "ticket_updated",
            lambda: ticket_public(self.ops, t, self.base_url(), floor=change.floor),
            [f"ticket:{t.tracking_id}"],
        )

    def _window(self, change: Change, number: int, lobby: bool) -> None:
        if self.ops.center.window(number) is None:
            return

        def view(staff: bool) -> dict[str, Any]:
            return change.once(
                f"window:{number}:{staff}",
                lambda: window_view(
                    self.ops, change.floor, number, change.current(number), staff=staff
                ),
            )

        if lobby:
            self.emit("window_updated", lambda: view(False), ["display"])
        self.emit("window_updated", lambda: view(True), ["supervisors"])
        self._to_counter(change, number)

    def _to_counter(self, change: Change, number: int, whole: bool = True) -> None:
        """The clerk's page: the whole window when it changed, else only its lines (who comes
        next, how many wait), which the floor holds: no query for a window's ticket."""
        if number in change.counters:
            return
        change.counters.add(number)
        if whole:
            news = lambda: self._counter(change, number)  # noqa: E731
        else:
            news = lambda: {"number": number, **window_line(self.ops, change.floor, number)}  # noqa: E731
        self.emit("window_updated", news, [f"window:{number}"])

    def _counter(self, change: Change, number: int) -> dict[str, Any]:
        """A clerk's window as its page shows it: the staff view, who comes next, the lines,
        and today's count once its ticket was finished."""
        view = window_view(self.ops, change.floor, number, change.current(number), staff=True)
        out = {**view, **window_line(self.ops, change.floor, number)}
        if any(
            isinstance(e, TicketUpdated) and e.ticket.window == number and not e.ticket.at_window
            for e in change.events
        ):
            out["today"] = self.ops.window_today(number)
        return out

    def _queue(self, change: Change, services: frozenset[str], lobby: bool) -> None:
        center = self.ops.center
        windows = [f"window:{w.number}" for w in center.windows]
        news = lambda: change.once("queue", lambda: queue_news(center, change.floor))  # noqa: E731
        self.emit("queue_updated", news, ["kiosk", "supervisors", *windows])
        if lobby:
            self.emit("queue_updated", news, ["display"])
        # The clerks of windows serving these services: who comes next changed.
        for w in center.windows:
            if services & set(w.services):
                self._to_counter(change, w.number, whole=w.number in change.at_window)
        for code in sorted(services):
            if center.service(code) is not None:
                self.emit("line_updated", self._line(change, code), [f"queue:{code}"])

    def _line(self, change: Change, code: str) -> Callable[[], dict[str, Any]]:
        return lambda: line_view(self.ops, change.floor, code)


def _calls_at(events: Sequence[Any], window: int) -> bool:
    return any(isinstance(e, TicketCalled) and e.ticket.window == window for e in events)

"""What every use case shares: the store, the center, the clock, and three habits.

- A write runs in one `BEGIN IMMEDIATE` transaction (`store.write()`); a ticket changes only by
  an entry of the event log (`self._record`), saved with the ticket in that transaction.
- What a supervisor, an admin or the command line does is audited in that same transaction
  (`self._audit`): a refused change leaves no audit row, a change leaves exactly one.
- Nothing is published here: a use case returns the events; the bus runs their handlers after
  the commit. No SQL here either: the store's repositories own it."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from ..clock import Clock, system_clock
from ..domain import errors
from ..domain.events import Event
from ..domain.floor import Floor
from ..domain.model import Center, Service, Window
from ..domain.roles import Principal
from ..domain.staffing import DEFAULT_TIMEOUT_S
from ..domain.ticket import Entry, Ticket, apply
from ..store import Store

Result = tuple[Ticket | None, list[Event]]
__all__ = ["Clock", "Result", "UseCase", "new_tracking_id", "system_clock"]


def new_tracking_id() -> str:
    return secrets.token_urlsafe(16)  # 128 bits: unguessable


class UseCase:
    def __init__(
        self,
        store: Store,
        center: Callable[[], Center],
        clock: Clock = system_clock,
        new_tracking_id: Callable[[], str] = new_tracking_id,
        staff_timeout_s: float = DEFAULT_TIMEOUT_S,
        on_version: Callable[[int], None] = lambda version: None,
    ) -> None:
        self.store = store
        self._center = center
        self.clock = clock
        self.new_tracking_id = new_tracking_id
        self.staff_timeout_s = staff_timeout_s
        # The floor read carries the configuration's version: a change made by another
        # process is noticed there at no cost.
        self.on_version = on_version
        self._day_started: str | None = None  # the working day this process has swept

    def start_day(self) -> list[Event]:
        """Expire what earlier days left (dorak/usecases/center.py)."""
        raise NotImplementedError

    @property
    def center(self) -> Center:
        return self._center()

    def now(self) -> float:
        return self.clock().timestamp()

    # -- checks ------------------------------------------------------------------------------
    def _queue_service(self, code: str) -> Service:
        service = self.center.service(code)
        if service is None:
            raise errors.UnknownService(service=code)
        if self.center.is_group(code):
            raise errors.ServiceIsGroup(service=code)
        return service

    def _window(self, number: int) -> Window:
        window = self.center.window(number)
        if window is None:
            raise errors.UnknownWindow(window=number)
        return window

    # -- the floor ---------------------------------------------------------------------------
    def queue_services(self) -> tuple[str, ...]:
        return tuple(s.code for s in self.center.services if s.prefix)

    def floor(self, request_key: str | None = None) -> Floor:
        """The floor now (inside a write, consistent with what the write decides)."""
        return self._read_floor(request_key)[0]

    def _read_floor(self, request_key: str | None = None) -> tuple[Floor, int | None]:
        floor, made = self.store.floor.read(
            self.queue_services(), self.now(), self.staff_timeout_s, request_key
        )
        self.on_version(floor.config_version)
        return floor, made

    # -- writing -----------------------------------------------------------------------------
    def _record(self, ticket: Ticket | None, entry: Entry) -> Ticket:
        """Inside a write: the ticket after `entry`, saved with the entry."""
        after = apply(ticket, entry)
        if ticket is None:
            ticket_id = self.store.tickets.insert(after)
            after = replace(after, id=ticket_id, visit_id=after.visit_id or ticket_id)
            entry = replace(entry, ticket_id=ticket_id)
        else:
            self.store.tickets.update(after)
        self.store.log.append(entry)
        self.store.rollups.forget(after.day)  # the day's report figures changed
        return after

    def _log(self, kind: str, at: float, **fields: Any) -> None:
        """A center entry (no ticket): a window, a service, the notice, a sign-in."""
        details = fields.pop("details", None) or {}
        self.store.log.append(Entry(kind, at, details=details, **fields))

    def _audit(self, by: Principal | None, action: str, at: float, **details: Any) -> None:
        if by is not None and by.audited:
            self.store.audit.add(at, by.name, by.role, action, details)

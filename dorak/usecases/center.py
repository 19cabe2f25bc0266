"""The center's day: the lobby notice, services opened or closed for new tickets, and the start
of a working day (what earlier days left waiting or called expires)."""

from __future__ import annotations

from ..domain.events import Event, NoticeChanged, QueueChanged, TicketUpdated, WindowUpdated
from ..domain.roles import Principal
from ..domain.ticket import EXPIRED, about
from .base import Result, UseCase


class CenterActions(UseCase):
    def notice(self) -> dict[str, str]:
        return dict(self.store.settings.get("notice", {"ar": "", "en": ""}))

    def set_notice(self, ar: str, en: str, by: Principal | str | None) -> Result:
        """The lobby's scrolling notice line, set by a supervisor."""
        notice = {"ar": ar.strip(), "en": en.strip()}
        who = by.name if isinstance(by, Principal) else by
        at = self.now()
        with self.store.write():
            self.store.settings.put("notice", notice, at)
            self._log("notice_set", at, clerk=who, details=notice)
            if isinstance(by, Principal):
                self._audit(by, "notice_set", at, ar=ar, en=en)
        return None, [NoticeChanged(notice)]

    def set_service_open(self, code: str, is_open: bool, by: Principal | str | None) -> Result:
        """Open or close a service for new tickets (tickets already waiting stay in line)."""
        self._queue_service(code)
        who = by.name if isinstance(by, Principal) else by
        at = self.now()
        with self.store.write():
            self.store.windows.set_service_open(code, is_open, at)
            kind = "service_opened" if is_open else "service_closed"
            self._log(kind, at, service=code, clerk=who, details={"service": code})
            if isinstance(by, Principal):
                self._audit(by, "service_open" if is_open else "service_close", at, service=code)
        return None, [QueueChanged(frozenset({code}))]

    def start_day(self) -> list[Event]:
        """Once per working day (and process): expire what earlier days left waiting or
        called. Cheap to call often: it looks at the database only when the day changed."""
        now = self.clock()
        day = self.center.day_of(now)
        if day == self._day_started:
            return []
        at = now.timestamp()
        with self.store.write():
            expired = [
                self._record(t, about(t, EXPIRED, at, clerk=None, day=t.day, was=t.status.value))
                for t in self.store.tickets.left_from_earlier_days(day)
            ]
        self._day_started = day
        events: list[Event] = [TicketUpdated(t) for t in expired]
        windows = sorted({t.window for t in expired if t.window})
        events += [WindowUpdated(w) for w in windows]
        if expired:
            events.append(QueueChanged(frozenset(t.service for t in expired)))
        return events

"""A no-show comes back: the citizen was in the toilet, at the photocopier, outside praying.
See dorak/domain/restore.py for the rule."""

from __future__ import annotations

from ..domain import errors
from ..domain.events import QueueChanged, TicketUpdated
from ..domain.model import Action
from ..domain.restore import check_restore
from ..domain.roles import Principal
from ..domain.ticket import Ticket, about
from .base import Result, UseCase


class Restoring(UseCase):
    def restore(self, ref: str, by: Principal, within_s: float) -> Result:
        """Put a no-show (by tracking id, or today's number) back in line in its place."""
        at = self.now()
        today = self.center.day_of(self.clock())
        with self.store.write():
            t = self.store.tickets.by_tracking_id(ref) if ref.isascii() else None
            if t is None:
                t = self.store.tickets.of_day_by_number(ref.strip().upper(), today)
            if t is None:
                raise errors.UnknownTicket(ticket=ref)
            check_restore(t, by, at, within_s, today)
            back = self._record(t, about(t, Action.RESTORE, at, window=None, clerk=by.name))
            self._audit(by, "ticket_restore", at, ticket=back.number)
        return back, [TicketUpdated(back), QueueChanged(frozenset({back.service}))]

    def recent_no_shows(self, clerk: str | None, within_s: float) -> list[Ticket]:
        """Today's no-shows still within the time to restore them (a clerk's own, or all)."""
        today = self.center.day_of(self.clock())
        return self.store.tickets.no_shows_since(today, self.now() - within_s, clerk)

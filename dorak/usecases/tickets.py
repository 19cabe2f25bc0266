"""What happens to a ticket away from a window: cancelled by a supervisor, printed again, rated
by the citizen."""

from __future__ import annotations

from ..domain import errors
from ..domain.events import (
    Event,
    PrintJob,
    PrintRequested,
    QueueChanged,
    TicketUpdated,
    WindowUpdated,
)
from ..domain.model import Action, Status
from ..domain.roles import Principal, Role
from ..domain.ticket import Ticket, about
from .base import Result, UseCase

REPRINT_WINDOW_S = 15 * 60  # a kiosk may reprint its recent tickets; supervisors any


class TicketActions(UseCase):
    print_owner: str = ""

    def ticket(self, tracking_id: str) -> Ticket | None:
        """The current entry of a visit, by the citizen's tracking id."""
        if len(tracking_id) > 64 or not tracking_id.isascii():
            return None
        return self.store.tickets.by_tracking_id(tracking_id)

    def cancel(self, tracking_id: str, by: Principal | str | None) -> Result:
        who = by.name if isinstance(by, Principal) else by
        at = self.now()
        with self.store.write():
            current = self.ticket(tracking_id)
            if current is None:
                raise errors.UnknownTicket(ticket=tracking_id)
            done = self._record(current, about(current, Action.CANCEL, at, clerk=who))
            if isinstance(by, Principal):
                self._audit(by, "ticket_cancel", at, ticket=done.number)
        events: list[Event] = [TicketUpdated(done), QueueChanged(frozenset({done.service}))]
        if done.window:
            events.append(WindowUpdated(done.window))
        return done, events

    def reprint(self, tracking_id: str, track_url: str, by: Principal) -> Result:
        """Print a ticket again: its kiosk within 15 minutes, a supervisor any. The job is saved
        before it is queued."""
        at = self.now()
        with self.store.write():
            t = self.ticket(tracking_id)
            if t is None:
                raise errors.UnknownTicket(ticket=tracking_id)
            if by.role == Role.KIOSK and at - t.issued_at > REPRINT_WINDOW_S:
                raise errors.NotPrintedHere()
            job_id = self.store.print_jobs.add(t.id, track_url, at, self.print_owner)
            # In the log too (the integrity of the line counts reprints per person or kiosk).
            self._record(t, about(t, "reprinted", at, clerk=by.name))
            self._audit(by, "ticket_reprint", at, ticket=t.number)
        return t, [PrintRequested(t, PrintJob(job_id, t.id, track_url, at, self.print_owner))]

    def rate(self, tracking_id: str, stars: int, comment: str | None) -> dict[str, object]:
        """The citizen's rating of a finished visit: once, 1 to 5 stars."""
        t = self.ticket(tracking_id)
        if t is None:
            raise errors.UnknownTicket(ticket=tracking_id)
        if t.status != Status.DONE or not 1 <= stars <= 5:
            raise errors.NotRateable(status=t.status.value)
        at = self.now()
        kept = (comment or "").strip() or None
        with self.store.write():
            if not self.store.tickets.rate(t.id, stars, kept, at):
                raise errors.AlreadyRated()
            self._record(t, about(t, "rated", at, clerk=None, stars=stars, comment=kept))
        return {"stars": stars, "comment": comment}

    # -- reads -----------------------------------------------------------------------------
    def ahead_of(self, t: Ticket) -> int:
        return self.store.tickets.ahead_of(t)

    def estimated_wait(self, t: Ticket, ahead: int) -> int | None:
        if t.status != Status.WAITING:
            return None
        return self.floor().estimate_of(self.center, t.id, t.service, ahead).wait_s

    def waiting_order(self, code: str) -> list[str]:
        return self.store.tickets.waiting_order(code)

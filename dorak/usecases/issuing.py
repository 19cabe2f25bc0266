"""Issuing a ticket: the next number, the people ahead and the wait it prints, in one
transaction with its first log entry (and its print job, so a ticket is never without it)."""

from __future__ import annotations

from ..domain import errors, ticket
from ..domain.events import Event, PrintJob, QueueChanged, TicketIssued
from ..domain.numbering import format_number
from .base import Result, UseCase


class Issuing(UseCase):
    print_owner: str = ""  # this process's print jobs (dorak/print_jobs.py)

    def issue(
        self,
        code: str,
        priority: str | None = None,
        lang: str = "ar",
        request_key: str | None = None,
        anyway: bool = False,
        track_base: str | None = None,
    ) -> Result:
        """A new ticket. `request_key` makes a retry safe: the same key (a kiosk repeating a
        request whose answer it never got) returns the ticket already made, with no events.
        Outside opening hours, or with no clerk at a window serving the service, nobody would
        call it: refused unless `anyway` (a supervisor issuing by hand). `track_base`: the
        address of the tracking page; given, the ticket's print job is saved with it."""
        service = self._queue_service(code)
        if priority is not None and self.center.priority(priority) is None:
            raise errors.UnknownPriority(priority=priority)
        day_events = self.start_day()
        now = self.clock()
        at = now.timestamp()
        day = self.center.day_of(now)
        tracking_id = self.new_tracking_id()
        job: PrintJob | None = None
        with self.store.write():
            floor, made = self._read_floor(request_key)
            if made is not None:
                return self.store.tickets.get(made), []
            if code in floor.closed:
                raise errors.ServiceClosed(service=code)
            if not anyway:
                refused = floor.issuing_now(self.center, code)
                if refused is not None:
                    raise refused
            seq = self.store.tickets.allocate_seq(code, day)
            ahead = floor.ahead_of_new(code, priority is not None)
            told = floor.next_estimate(self.center, code, priority is not None)
            entry = ticket.issued(
                0,  # the database gives the id
                tracking_id=tracking_id,
                service=code,
                day=day,
                seq=seq,
                number=format_number(service.prefix, seq),
                at=at,
                priority=priority,
                lang=lang,
                ahead=ahead,
                estimated_wait_s=told.wait_s,
                request_key=request_key,
                estimated_range_s=(told.low_s, told.high_s),
            )
            made_ticket = self._record(None, entry)
            if track_base is not None:
                url = f"{track_base.rstrip('/')}/t/{tracking_id}"
                job_id = self.store.print_jobs.add(made_ticket.id, url, at, self.print_owner)
                job = PrintJob(job_id, made_ticket.id, url, at, self.print_owner)
        after = floor.joined(made_ticket)
        events: list[Event] = [
            *day_events,
            TicketIssued(made_ticket, after, job),
            QueueChanged(frozenset({code}), after),
        ]
        return made_ticket, events

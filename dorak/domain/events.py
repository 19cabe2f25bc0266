"""What happened: use cases return these, past tense; the message bus (dorak/bus.py) hands
them, after the commit, to the handlers wired at start-up (publish to rooms, print, prepare the
spoken call, alert, count). Events that follow a change carry the floor *after* it when the use
case read it, so building what the pages show costs no query."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .floor import Floor
from .model import Center
from .ticket import Ticket


@dataclass(frozen=True)
class PrintJob:
    id: int
    ticket_id: int
    track_url: str
    queued_at: float
    owner: str


@dataclass(frozen=True)
class TicketIssued:
    ticket: Ticket
    floor: Floor | None = None
    job: PrintJob | None = None  # saved with the ticket: print it


@dataclass(frozen=True)
class TicketCalled:
    ticket: Ticket
    recall: bool = False
    floor: Floor | None = None
    took_s: float | None = None  # how long call-next took (the call-latency histogram)


@dataclass(frozen=True)
class TicketUpdated:
    ticket: Ticket
    floor: Floor | None = None


@dataclass(frozen=True)
class WindowUpdated:
    number: int
    floor: Floor | None = None


@dataclass(frozen=True)
class QueueChanged:
    services: frozenset[str]
    floor: Floor | None = None


@dataclass(frozen=True)
class NoticeChanged:
    notice: dict[str, str]


@dataclass(frozen=True)
class PrintRequested:
    """Print a ticket again (its job is saved)."""

    ticket: Ticket
    job: PrintJob


@dataclass(frozen=True)
class PrinterStatusChanged:
    status: dict[str, Any]  # {status, ok, message, ticket: {number, tracking_id}}


@dataclass(frozen=True)
class AlertRaised:
    alert: dict[str, Any]  # {kind, subject, message: {ar, en}}


@dataclass(frozen=True)
class SettingsChanged:
    """Printer and lobby settings an admin changed (in effect at once)."""

    settings: dict[str, Any]


@dataclass(frozen=True)
class CenterChanged:
    """The configuration changed: kiosks and screens learn its services and windows."""

    center: Center


@dataclass(frozen=True)
class StoreFailed:
    """A request failed in the database (not writable, or an SQLite error)."""

    detail: str
    check_file: bool = False  # a SQLite error: look at the file soon


@dataclass(frozen=True)
class SignInRefused:
    throttled: bool  # a spent budget (else a wrong username or password)


Event = (
    TicketIssued
    | TicketCalled
    | TicketUpdated
    | WindowUpdated
    | QueueChanged
    | NoticeChanged
    | PrintRequested
    | PrinterStatusChanged
    | AlertRaised
    | SettingsChanged
    | CenterChanged
    | StoreFailed
    | SignInRefused
)

"""Domain errors. Each has a stable code; the web layer turns codes into Arabic/English text."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    code = "domain_error"
    status = 409  # the HTTP status the web edge should use

    def __init__(self, **details: Any) -> None:
        super().__init__(self.code, details)
        self.details = details


class QueueEmpty(DomainError):
    code = "queue_empty"


class InvalidTransition(DomainError):
    code = "invalid_transition"


class UnknownService(DomainError):
    code = "unknown_service"
    status = 404


class UnknownWindow(DomainError):
    code = "unknown_window"
    status = 404


class UnknownPriority(DomainError):
    code = "unknown_priority"
    status = 400


class UnknownTicket(DomainError):
    code = "unknown_ticket"
    status = 404


class ServiceIsGroup(DomainError):
    code = "service_is_group"
    status = 400


class ServiceClosed(DomainError):
    code = "service_closed"


class WindowPaused(DomainError):
    code = "window_paused"


class WindowBusy(DomainError):
    code = "window_busy"


class WindowIdle(DomainError):
    code = "window_idle"


class NotServedHere(DomainError):
    code = "not_served_here"


class SameService(DomainError):
    code = "same_service"
    status = 400


class UnknownOutcome(DomainError):
    code = "unknown_outcome"
    status = 400


class NotRateable(DomainError):
    code = "not_rateable"


class AlreadyRated(DomainError):
    code = "already_rated"


class OutsideHours(DomainError):
    """Tickets for this service are not issued now; `opens_at` says when they are again."""

    code = "outside_hours"


class NoStaffedWindow(DomainError):
    """No clerk is signed in at a window serving this service: nobody would call the ticket."""

    code = "no_staffed_window"


class NotPrintedHere(DomainError):
    """A kiosk may print again only its recent tickets."""

    code = "not_printed_here"
    status = 403


class RestoreTooLate(DomainError):
    """A no-show is put back in line only within the configured minutes, on its own day."""

    code = "restore_too_late"


class NotYourNoShow(DomainError):
    """A clerk restores only the no-shows they marked; supervisors restore any."""

    code = "not_your_no_show"
    status = 403

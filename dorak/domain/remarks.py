"""The citizens' voice: a remark (complaint, suggestion) with a category, from the phone page or
the window tablet of a ticket, or from a kiosk without one. Supervisors answer it (the answer
reaches the citizen's tracking page) and close it. Text from the public: limited in length and
in number per ticket; escaped wherever it is shown."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .errors import DomainError

MAX_TEXT = 1000  # characters of a remark or an answer
PER_TICKET = 3  # remarks one visit may send (its phone and its window's tablet together)


class RemarkCategory(StrEnum):
    WAITING = "waiting"
    STAFF = "staff"
    DOCUMENTS = "documents"
    BUILDING = "building"
    SUGGESTION = "suggestion"
    OTHER = "other"


CATEGORY_NAMES: dict[RemarkCategory, tuple[str, str]] = {
    RemarkCategory.WAITING: ("الانتظار", "Waiting"),
    RemarkCategory.STAFF: ("تعامل الموظفين", "Staff behaviour"),
    RemarkCategory.DOCUMENTS: ("المستندات", "Documents"),
    RemarkCategory.BUILDING: ("المبنى", "The building"),
    RemarkCategory.SUGGESTION: ("اقتراح", "Suggestion"),
    RemarkCategory.OTHER: ("أخرى", "Other"),
}


class RemarkStatus(StrEnum):
    OPEN = "open"
    ANSWERED = "answered"
    CLOSED = "closed"


class RemarkSource(StrEnum):
    PHONE = "phone"
    TABLET = "tablet"
    KIOSK = "kiosk"


class TooManyRemarks(DomainError):
    code = "too_many_remarks"
    status = 429


class EmptyRemark(DomainError):
    code = "empty_remark"
    status = 400


class UnknownRemark(DomainError):
    code = "unknown_remark"
    status = 404


class RemarkClosed(DomainError):
    code = "remark_closed"


@dataclass(frozen=True)
class Remark:
    id: int
    at: float
    day: str
    source: RemarkSource
    category: RemarkCategory
    text: str
    status: RemarkStatus
    ticket_id: int | None = None
    tracking_id: str | None = None
    number: str | None = None
    service: str | None = None
    window: int | None = None
    answer: str | None = None
    answered_at: float | None = None
    answered_by: str | None = None
    closed_at: float | None = None
    closed_by: str | None = None


def clean_text(text: str) -> str:
    """The text as kept: spaces around it dropped; empty or too long is refused."""
    kept = text.strip()
    if not kept:
        raise EmptyRemark()
    if len(kept) > MAX_TEXT:
        raise EmptyRemark(longest=MAX_TEXT)
    return kept

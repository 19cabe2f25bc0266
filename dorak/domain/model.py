"""The nouns of a service center: services, windows, priority categories, ticket states."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from .case_files import FileType
from .hours import OpeningHours, government_week
from .numbering import local_day


class Status(StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    DONE = "done"
    NO_SHOW = "no_show"
    TRANSFERRED = "transferred"
    CANCELLED = "cancelled"
    EXPIRED = "expired"  # still waiting or called when its working day ended


class Action(StrEnum):
    CALL = "call"
    RECALL = "recall"
    START = "start"
    FINISH = "finish"
    NO_SHOW = "no_show"
    RETURN = "return"
    TRANSFER = "transfer"
    CANCEL = "cancel"
    EXPIRE = "expire"
    RESTORE = "restore"  # a no-show put back in line (dorak/usecases/restoring.py)


class Outcome(StrEnum):
    COMPLETED = "completed"
    DOCUMENTS_MISSING = "documents_missing"
    REFERRED = "referred"
    OTHER = "other"


class WindowStatus(StrEnum):
    OPEN = "open"
    PAUSED = "paused"


@dataclass(frozen=True)
class Service:
    code: str
    prefix: str
    name_ar: str
    name_en: str
    target_wait_min: float = 20.0
    expected_service_min: float = 10.0
    parent: str | None = None
    hours: OpeningHours | None = None  # None: the center's hours


@dataclass(frozen=True)
class Window:
    number: int
    label_ar: str
    label_en: str
    # service code -> weight (> 0); a higher weight makes the window prefer that service.
    services: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class PriorityCategory:
    code: str
    name_ar: str
    name_en: str


@dataclass(frozen=True)
class Center:
    name_ar: str
    name_en: str
    timezone: str
    services: tuple[Service, ...]
    windows: tuple[Window, ...]
    priorities: tuple[PriorityCategory, ...]
    day_starts_at: str = "00:00"  # local time the numbering starts again
    hours: OpeningHours = field(default_factory=government_week)
    file_types: tuple[FileType, ...] = ()  # case files per service (domain/case_files.py)

    def day_of(self, now: datetime) -> str:
        """The working day `now` belongs to (see numbering.local_day)."""
        return local_day(now, self.timezone, self.day_starts_at)

    def hours_for(self, code: str) -> OpeningHours:
        """A service's own hours where it has them; the center's closed dates apply to all, and
        a center that is always open is so for every service."""
        service = self.service(code)
        if service is None or service.hours is None or self.hours.always_open:
            return self.hours
        return service.hours.with_closed(self.hours.closed_dates)

    def service(self, code: str) -> Service | None:
        return next((s for s in self.services if s.code == code), None)

    def window(self, number: int) -> Window | None:
        return next((w for w in self.windows if w.number == number), None)

    def priority(self, code: str) -> PriorityCategory | None:
        return next((p for p in self.priorities if p.code == code), None)

    def children(self, code: str) -> tuple[Service, ...]:
        return tuple(s for s in self.services if s.parent == code)

    def is_group(self, code: str) -> bool:
        """A service with sub-services is a menu entry, not a queue: tickets go to its children."""
        return any(s.parent == code for s in self.services)

    def windows_serving(self, code: str) -> tuple[Window, ...]:
        return tuple(w for w in self.windows if code in w.services)

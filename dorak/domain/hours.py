"""Opening hours: on which days and until when a center (or one of its services) issues tickets.

A week of days, each with its opening time, its closing time and the last time a ticket may be
issued (windows go on serving the line after that), plus closed dates (holidays) and "always
open". The default is the Egyptian government week: Sunday to Thursday."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

# Index = datetime.weekday(): Monday is 0.
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
LOOKAHEAD_DAYS = 400  # how far "opens next" looks (a year of holidays and a bit)


def minutes(hhmm: str) -> int:
    hours, mins = hhmm.split(":")
    return int(hours) * 60 + int(mins)


@dataclass(frozen=True)
class DayHours:
    opens: str  # "08:00", local time
    closes: str  # windows stop serving
    last_ticket: str  # the last time a ticket may be issued (<= closes)


@dataclass(frozen=True)
class OpeningHours:
    week: Mapping[int, DayHours] = field(default_factory=dict)  # weekday -> hours; absent: closed
    closed_dates: frozenset[str] = frozenset()  # ISO dates: holidays, other closed days
    always_open: bool = False

    def issuing(self, local: datetime) -> bool:
        """Whether a ticket may be issued at this local time."""
        if self.always_open:
            return True
        day = self.week.get(local.weekday())
        if day is None or local.date().isoformat() in self.closed_dates:
            return False
        now = local.hour * 60 + local.minute
        return minutes(day.opens) <= now < minutes(day.last_ticket)

    def issuing_until(self, local: datetime) -> datetime | None:
        """When issuing ends, if it goes on now: today's last ticket (None: always open)."""
        day = self.week.get(local.weekday())
        if self.always_open or day is None:
            return None
        last = minutes(day.last_ticket)
        return local.replace(hour=last // 60, minute=last % 60, second=0, microsecond=0)

    def next_issuing(self, local: datetime) -> datetime | None:
        """The next moment (local) tickets may be issued; `local` itself when they may now;
        None when nothing opens within a year."""
        if self.issuing(local):
            return local
        start = local.replace(second=0, microsecond=0)
        for offset in range(LOOKAHEAD_DAYS):
            day = (start + timedelta(days=offset)).replace(hour=0, minute=0)
            hours = self.week.get(day.weekday())
            if hours is None or day.date().isoformat() in self.closed_dates:
                continue
            opens = day + timedelta(minutes=minutes(hours.opens))
            if opens > local:
                return opens
        return None

    def with_closed(self, dates: frozenset[str]) -> OpeningHours:
        return OpeningHours(self.week, self.closed_dates | dates, self.always_open)


def government_week(
    opens: str = "08:00", closes: str = "15:00", last_ticket: str = "14:30"
) -> OpeningHours:
    """Sunday to Thursday: the Egyptian government week."""
    day = DayHours(opens, closes, last_ticket)
    return OpeningHours({i: day for i in (6, 0, 1, 2, 3)})


ALWAYS_OPEN = OpeningHours(always_open=True)

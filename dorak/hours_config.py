"""Opening hours in the center's TOML: reading (with errors that say what is wrong) and writing.

    [hours]
    sunday = "08:00-15:00"          # or "closed", or { open = "08:00", close = "13:00",
    thursday = "08:00-13:00"        #                    last_ticket = "12:30" }
    last_ticket = "14:30"           # every day's last ticket, unless the day closes earlier
    closed = ["2026-12-24"]         # holidays and other closed days
    always_open = false

A service may have its own `hours = { ... }` with the same day keys and `last_ticket`: the days
it names replace the center's, the others are the center's."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from .domain.hours import WEEKDAYS, DayHours, OpeningHours, government_week, minutes

TIME_RE = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
RANGE_RE = re.compile(r"^\s*(\d\d:\d\d)\s*-\s*(\d\d:\d\d)\s*$")
Fail = Callable[[str], Exception]


def _time(value: Any, what: str, fail: Fail) -> str:
    if not isinstance(value, str) or not TIME_RE.match(value):
        raise fail(f'{what} must be a time like "08:00"')
    return value


def _day(value: Any, name: str, last_ticket: str | None, fail: Fail) -> DayHours | None:
    if value == "closed":
        return None
    if isinstance(value, str) and (m := RANGE_RE.match(value)):
        opens, closes, own_last = m.group(1), m.group(2), None
    elif isinstance(value, dict):
        opens, closes, own_last = value.get("open"), value.get("close"), value.get("last_ticket")
    else:
        raise fail(f'{name} must be "08:00-15:00", "closed" or {{ open, close, last_ticket }}')
    opens = _time(opens, f"{name}: the opening time", fail)
    closes = _time(closes, f"{name}: the closing time", fail)
    if minutes(closes) <= minutes(opens):
        raise fail(f"{name}: closes before it opens")
    if own_last is not None:
        last = _time(own_last, f"{name}: last_ticket", fail)
    elif last_ticket is not None and minutes(last_ticket) < minutes(closes):
        last = last_ticket
    else:
        last = closes
    if not minutes(opens) < minutes(last) <= minutes(closes):
        raise fail(f"{name}: the last ticket must be after opening and not after closing")
    return DayHours(opens, closes, last)


def parse_hours(
    raw: Any, base: OpeningHours | None, fail: Fail, service: bool = False
) -> OpeningHours:
    """`base`: what unnamed days fall back to (the center's hours for a service; for the center,
    the government week when no day is named)."""
    if not isinstance(raw, dict):
        raise fail("must be a table of days")
    known = {*WEEKDAYS, "last_ticket"} | (set() if service else {"closed", "always_open"})
    unknown = sorted(set(raw) - known)
    if unknown:
        raise fail(f"unknown key {unknown[0]!r} (days are {', '.join(WEEKDAYS)})")
    last = _time(raw["last_ticket"], "last_ticket", fail) if "last_ticket" in raw else None
    named = [d for d in WEEKDAYS if d in raw]
    if base is None:
        base = government_week() if not named else OpeningHours()
    week: dict[int, DayHours] = {}
    for i, name in enumerate(WEEKDAYS):
        if name in raw:
            day = _day(raw[name], name, last, fail)
        elif i in base.week:
            own = base.week[i]
            day = _day({"open": own.opens, "close": own.closes}, name, last, fail) if last else own
        else:
            day = None
        if day is not None:
            week[i] = day
    closed = raw.get("closed", [])
    if not isinstance(closed, list) or not all(_is_date(d) for d in closed):
        raise fail('closed must be a list of dates like "2026-12-24"')
    always = raw.get("always_open", False)
    if not isinstance(always, bool):
        raise fail("always_open must be true or false")
    dates = frozenset(str(d) for d in closed) | (frozenset() if service else base.closed_dates)
    return OpeningHours(week, dates, always)


def _is_date(value: Any) -> bool:
    if isinstance(value, date):
        return True
    try:
        date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


def hours_toml(hours: OpeningHours, service: bool = False) -> list[str]:
    """Every day written out, so the file reads back exactly."""
    parts = []
    for i, name in enumerate(WEEKDAYS):
        day = hours.week.get(i)
        if day is None:
            parts.append(f'{name} = "closed"')
        else:
            parts.append(
                f'{name} = {{ open = "{day.opens}", close = "{day.closes}", '
                f'last_ticket = "{day.last_ticket}" }}'
            )
    if service:
        return [f"hours = {{ {', '.join(parts)} }}"]
    dates = ", ".join(f'"{d}"' for d in sorted(hours.closed_dates))
    return [
        "[hours]",
        f"always_open = {'true' if hours.always_open else 'false'}",
        *parts,
        f"closed = [{dates}]",
        "",
    ]

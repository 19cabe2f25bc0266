"""Opening hours and staffed windows: the rules, with no clock of their own."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from dorak.center_config import to_toml
from dorak.config import ConfigError, load_center, parse_center
from dorak.domain.hours import ALWAYS_OPEN, government_week
from dorak.domain.staffing import FIXED, Presence, WindowState, is_present, window_state

CAIRO = ZoneInfo("Africa/Cairo")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=CAIRO)  # 26 Nov 2026 is a Thursday


@pytest.mark.parametrize(
    ("when", "issuing"),
    [
        (at(26, 7, 59), False),  # Thursday before opening
        (at(26, 8, 0), True),
        (at(26, 14, 29), True),
        (at(26, 14, 30), False),  # the last ticket was at 14:29; windows serve until 15:00
        (at(27, 10), False),  # Friday
        (at(28, 10), False),  # Saturday
        (at(29, 10), True),  # Sunday
    ],
)
def test_government_week(when: datetime, issuing: bool) -> None:
    assert government_week().issuing(when) is issuing


def test_next_opening_skips_the_weekend_and_holidays() -> None:
    week = government_week()
    assert week.next_issuing(at(26, 16)) == at(29, 8)  # Thursday evening -> Sunday 08:00
    assert week.next_issuing(at(26, 7)) == at(26, 8)
    assert week.next_issuing(at(26, 10)) == at(26, 10)  # open now
    holiday = week.with_closed(frozenset({"2026-11-29"}))
    assert not holiday.issuing(at(29, 10))
    assert holiday.next_issuing(at(26, 16)) == at(30, 8)  # Monday
    assert ALWAYS_OPEN.issuing(at(27, 3))


def test_hours_in_the_file_and_per_service() -> None:
    center = load_center()
    assert center.hours.issuing(at(26, 14, 0)) and not center.hours.issuing(at(26, 14, 45))
    payments = center.hours_for("payments")  # the cashier's last ticket is 13:30
    assert payments.issuing(at(26, 13, 0)) and not payments.issuing(at(26, 13, 45))
    text = to_toml(center).replace("[hours]", '[hours]\nfriday = "09:00-12:00"', 1)
    text = text.replace('friday = "closed"\n', "", 1)
    friday = parse_center(text)
    assert friday.hours.issuing(at(27, 10)) and not friday.hours.issuing(at(27, 12))
    assert parse_center(to_toml(friday)) == friday  # every day written back


@pytest.mark.parametrize(
    ("hours", "why"),
    [
        ('sunday = "15:00-08:00"', "closes before it opens"),
        ('sunday = "8am"', "sunday must be"),
        ('funday = "08:00-15:00"', "unknown key 'funday'"),
        ('closed = ["someday"]', "closed must be a list of dates"),
        ('last_ticket = "25:00"', "last_ticket must be a time"),
    ],
)
def test_bad_hours_name_the_problem(hours: str, why: str) -> None:
    text = to_toml(load_center()).split("[hours]")
    tail = text[1].split("\n[[services]]", 1)[1]
    with pytest.raises(ConfigError, match=why):
        parse_center(f"{text[0]}[hours]\n{hours}\n\n[[services]]{tail}")


def test_no_hours_means_the_government_week() -> None:
    text = to_toml(load_center())
    head, rest = text.split("[hours]")
    center = parse_center(head + "[[services]]" + rest.split("[[services]]", 1)[1])
    assert center.hours == government_week()


def test_a_window_is_open_only_while_a_clerk_is_there() -> None:
    page = Presence("mona", "page", since=0, seen_at=1000)
    assert window_state(None, False, 1000, 120) == WindowState.UNSTAFFED
    assert window_state(page, False, 1100, 120) == WindowState.OPEN
    assert window_state(page, True, 1100, 120) == WindowState.PAUSED
    assert not is_present(page, 1121, 120)  # the page went quiet two minutes ago
    fixed = Presence("clerk3", FIXED, since=0, seen_at=0)
    assert is_present(fixed, 10**9, 120)


def test_prefixes_never_pass_for_digits() -> None:
    text = to_toml(load_center()).replace('prefix = "A"', 'prefix = "O"')
    with pytest.raises(ConfigError, match="other than I, O and Q"):
        parse_center(text)

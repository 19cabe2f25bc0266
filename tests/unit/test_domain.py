"""Lifecycle and numbering (the wait estimate: test_estimate.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from dorak.domain.errors import InvalidTransition
from dorak.domain.lifecycle import TRANSITIONS, next_status
from dorak.domain.model import Action, Status
from dorak.domain.numbering import format_number, local_day


@pytest.mark.parametrize(
    ("status", "action", "after"),
    [
        (Status.WAITING, Action.CALL, Status.CALLED),
        (Status.CALLED, Action.RECALL, Status.CALLED),
        (Status.CALLED, Action.START, Status.SERVING),
        (Status.CALLED, Action.NO_SHOW, Status.NO_SHOW),
        (Status.CALLED, Action.RETURN, Status.WAITING),
        (Status.SERVING, Action.FINISH, Status.DONE),
        (Status.SERVING, Action.TRANSFER, Status.TRANSFERRED),
        (Status.WAITING, Action.CANCEL, Status.CANCELLED),
    ],
)
def test_allowed_transitions(status: Status, action: Action, after: Status) -> None:
    assert next_status(status, action) == after


def test_every_other_transition_is_refused() -> None:
    refused = 0
    for status in Status:
        for action in Action:
            if (status, action) in TRANSITIONS:
                continue
            with pytest.raises(InvalidTransition) as e:
                next_status(status, action)
            assert e.value.details == {"status": status.value, "action": action.value}
            refused += 1
    assert refused == len(Status) * len(Action) - len(TRANSITIONS)


@pytest.mark.parametrize(
    ("prefix", "seq", "text"),
    [
        ("A", 1, "A001"),
        ("B", 17, "B017"),
        ("C", 999, "C999"),
        ("D", 1000, "D1000"),
        ("AB", 5, "AB005"),
    ],
)
def test_format_number(prefix: str, seq: int, text: str) -> None:
    assert format_number(prefix, seq) == text


def test_format_number_refuses_zero() -> None:
    with pytest.raises(ValueError):
        format_number("A", 0)


def test_local_day_follows_cairo_midnight() -> None:
    # 21:59 UTC is 23:59 in Cairo (UTC+2 in November); 22:00 UTC is already the next day.
    assert local_day(datetime(2026, 11, 26, 21, 59, tzinfo=UTC), "Africa/Cairo") == "2026-11-26"
    assert local_day(datetime(2026, 11, 26, 22, 0, tzinfo=UTC), "Africa/Cairo") == "2026-11-27"


def test_local_day_needs_an_aware_time() -> None:
    with pytest.raises(ValueError):
        local_day(datetime(2026, 11, 26, 12, 0), "Africa/Cairo")

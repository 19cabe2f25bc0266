"""The wait estimate as the server gives it: one function for the kiosk button, the printed
ticket and the tracking page, fed from the floor at that moment, with its 80 % range."""

from __future__ import annotations

from dorak.payloads import line_view, ticket_public
from dorak.printing import range_minutes, ticket_print
from dorak.usecases import Operations
from tests.conftest import ManualClock


def busy_morning(ops: Operations, clock: ManualClock) -> None:
    """Payments (windows 9 and 10) busy, a line behind them, service times on record."""
    for _ in range(6):
        ops.issue("payments")
    for window in (9, 10):
        ops.call_next(window, "c")
        ops.start(window, "c")
    clock.advance(200)
    ops.finish(9, "c", "completed")
    ops.call_next(9, "c")
    clock.advance(20)


def test_the_kiosk_shows_what_the_ticket_prints(ops: Operations, clock: ManualClock) -> None:
    busy_morning(ops, clock)
    for code in ("payments", "certificates", "reconciliation"):
        shown = ops.floor().next_estimate(ops.center, code)
        t, _ = ops.issue(code)
        assert t is not None and t.estimated_wait_s == shown.wait_s
        assert (t.estimated_low_s, t.estimated_high_s) == (shown.low_s, shown.high_s)
        issued = ops.store.log.of_ticket(t.id)[0]
        assert issued.details["estimated_range_s"] == [shown.low_s, shown.high_s]
        # The tracking page, asked at once, says the same of that ticket.
        view = ticket_public(ops, t)
        assert (view["estimated_wait_s"], view["estimated_range_s"]) == (
            shown.wait_s,
            [shown.low_s, shown.high_s],
        )
    payments = ops.floor().next_estimate(ops.center, "payments")
    assert 0 < payments.low_s < payments.wait_s < payments.high_s


def test_the_printed_ticket_says_about_n_minutes_and_the_range(
    ops: Operations, clock: ManualClock
) -> None:
    busy_morning(ops, clock)
    for _ in range(8):
        t, _ = ops.issue("payments")
    assert t is not None and t.estimated_low_s is not None and t.estimated_high_s is not None
    printed = ticket_print(ops.center, t, "http://x/t/1")
    low, high = range_minutes(t.estimated_low_s, t.estimated_high_s)  # type: ignore[misc]
    assert printed.range_min == (low, high) and low <= printed.wait_min <= high  # type: ignore[operator]


def test_the_tracking_page_gets_every_places_estimate(ops: Operations, clock: ManualClock) -> None:
    busy_morning(ops, clock)
    line = line_view(ops, ops.floor(), "payments")
    assert len(line["estimates"]) == len(line["waiting"]) == 3
    waits = [e[0] for e in line["estimates"]]
    assert waits == sorted(waits) and waits[-1] > waits[0]
    assert all(low <= wait <= high for wait, low, high in line["estimates"])
    # Each place is told what a ticket with that many ahead is told.
    last = ops.store.tickets.by_tracking_id(
        next(t.tracking_id for t in ops.store.tickets.every() if t.number == "H006")
    )
    assert last is not None
    view = ticket_public(ops, last)
    assert [view["estimated_wait_s"], *view["estimated_range_s"]] == line["estimates"][-1]


def test_what_the_floor_shows_moves_the_estimate(ops: Operations, clock: ManualClock) -> None:
    busy_morning(ops, clock)
    before = ops.floor().next_wait(ops.center, "payments")
    ops.sign_out(10)  # one of the two payments windows closes
    assert ops.floor().next_wait(ops.center, "payments") > before
    # Certificates: window 8 is free, so the first goes straight there.
    assert ops.floor().next_wait(ops.center, "certificates") == 0
    ops.pause(8, "c", "prayer")
    assert ops.floor().next_wait(ops.center, "certificates") > 0
    ops.resume(8, "c")
    assert ops.floor().next_wait(ops.center, "certificates") == 0

"""What happens with time alone: the housekeeper publishes a new day, a counter page gone silent
and opening hours that open or close a service."""

from __future__ import annotations

from pathlib import Path

import pytest

from dorak.config import load_center
from dorak.domain.events import Event, QueueChanged, TicketUpdated, WindowUpdated
from dorak.housekeeping import Housekeeper
from tests.conftest import ManualClock, make_app


def test_time_alone_is_published(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock, staffed=False, center=load_center())
    ops = app.extensions["dorak"].ops
    published: list[list[Event]] = []
    keeper = Housekeeper(ops, published.append)
    ops.sign_in(1, "mona", "page")
    ops.issue("reconciliation")
    assert keeper.check() == []  # nothing changed: nothing sent
    clock.advance(121)  # the page stopped its heartbeat two minutes ago
    events = keeper.check()
    assert WindowUpdated(1) in events and any(isinstance(e, QueueChanged) for e in events)
    assert ops.open_windows() == set()
    ops.sign_in(9, "sara", "fixed")
    keeper.check()
    clock.now = clock.now.replace(hour=11, minute=31)  # 13:31 in Cairo: payments' last ticket
    events = keeper.check()
    assert [type(e) for e in events] == [QueueChanged]
    clock.advance(3 * 24 * 3600)  # Sunday: Thursday's ticket expires, screens hear it
    events = keeper.check()
    expired = [e for e in events if isinstance(e, TicketUpdated)]
    assert [e.ticket.status for e in expired] == ["expired"]
    assert published and published[-1] == events


def test_the_wait_told_counts_down_and_kiosks_hear_it(tmp_path: Path, clock: ManualClock) -> None:
    """The estimate counts down the rest of the holds at the windows: with nothing else
    happening, what a kiosk shows moves, and is sent again once its minutes change."""
    app = make_app(tmp_path, clock, staffed=False, center=load_center())
    ops = app.extensions["dorak"].ops
    published: list[list[Event]] = []
    keeper = Housekeeper(ops, published.append)
    ops.sign_in(4, "mona", "fixed")  # legalization's own window, alone
    for _ in range(9):
        ops.issue("legalization")
    for _ in range(6):  # holds of 15 min each on record: a hold 8 min along has 7 to go
        ops.call_next(4, "mona")
        ops.start(4, "mona")
        clock.advance(15 * 60)
        ops.finish(4, "mona", "completed")
    ops.call_next(4, "mona")
    ops.start(4, "mona")
    before = ops.floor().next_estimate(ops.center, "legalization")
    assert keeper.check() == []  # the first look only notes what is told
    clock.advance(5)
    assert keeper.check() == []  # the same minutes: nothing sent
    clock.advance(8 * 60)
    events = keeper.check()
    after = ops.floor().next_estimate(ops.center, "legalization")
    assert after.wait_s == pytest.approx(before.wait_s - 8 * 60, abs=60)
    assert [e for e in events if isinstance(e, QueueChanged)] == [
        QueueChanged(frozenset({"legalization"}))
    ]
    assert published[-1] == events

"""What happens with time alone: the housekeeper publishes a new day, a counter page gone silent
and opening hours that open or close a service."""

from __future__ import annotations

from pathlib import Path

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

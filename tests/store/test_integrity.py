"""Integrity of the line: calling a specific number while older tickets of the window's services
wait is recorded as out of order with the tickets skipped and the reason; calls in order are not;
recalls beyond the second, cancels and reprints are counted per person; the alert past the
threshold."""

from __future__ import annotations

from datetime import date

import pytest

from dorak.domain.events import AlertRaised
from dorak.domain.integrity import ReasonNeeded
from dorak.domain.roles import Principal, Role
from dorak.integrity_figures import integrity_figures, served_in_order
from dorak.usecases import Operations
from tests.conftest import ManualClock

DAY = date(2026, 11, 26)
BOSS = Principal(Role.SUPERVISOR, "boss")


def test_calling_past_older_tickets_is_out_of_order_with_the_skipped(
    ops: Operations, clock: ManualClock
) -> None:
    for service in ("reconciliation", "reconciliation", "legalization", "reconciliation"):
        ops.issue(service)  # A001 A002 B001 A003
        clock.advance(60)
    # Window 3 serves reconciliation and legalization: A003 skips A001, A002 and B001.
    with pytest.raises(ReasonNeeded) as refused:
        ops.call(3, "amal", "A003")
    assert refused.value.details == {"skipped": "A001, A002, B001", "count": 3}
    assert ops.store.tickets.waiting_by_ref("A003") is not None  # nothing changed
    called, events = ops.call(3, "amal", "A003", reason="priority")
    entry = ops.store.log.of_ticket(called.id)[-1]
    assert entry.kind == "call" and entry.clerk == "amal"
    assert entry.details["out_of_order"] is True and entry.details["reason"] == "priority"
    assert entry.details["skipped"] == ["A001", "A002", "B001"]
    assert not any(isinstance(e, AlertRaised) for e in events)
    ops.no_show(3, "amal")
    # Calls in order are not: call-next, and a call by number of the oldest.
    first, _ = ops.call_next(3, "amal")
    assert first.number == "A001"
    assert "out_of_order" not in ops.store.log.of_ticket(first.id)[-1].details
    ops.no_show(3, "amal")
    oldest, _ = ops.call(3, "badr", "A002")
    assert "out_of_order" not in ops.store.log.of_ticket(oldest.id)[-1].details
    # Window 1 serves only reconciliation: B001 waiting in another line is not skipped by it.
    ops.no_show(3, "badr")
    ops.issue("reconciliation")  # A004
    ops.call(1, "badr", "A004")
    rows = {r["clerk"]: r for r in integrity_figures(ops.store, DAY, DAY)}
    amal, badr = rows["amal"], rows["badr"]
    assert (amal["calls"], amal["in_order"], amal["out_of_order"]) == (2, 1, 1)
    assert amal["reason_priority"] == 1 and amal["skipped_tickets"] == 3
    assert amal["in_order_share"] == 0.5
    assert (badr["calls"], badr["out_of_order"], badr["in_order_share"]) == (2, 0, 1.0)
    assert served_in_order(ops.store, DAY) == 0.75


def test_recalls_beyond_the_second_cancels_and_reprints(ops: Operations) -> None:
    t, _ = ops.issue("reconciliation")
    ops.call_next(1, "amal")
    for _ in range(4):
        ops.recall(1, "amal")
    ops.return_to_queue(1, "amal")
    ops.cancel(t.tracking_id, BOSS)
    u, _ = ops.issue("reconciliation")
    ops.reprint(u.tracking_id, "http://x/t/1", BOSS)
    rows = {r["clerk"]: r for r in integrity_figures(ops.store, DAY, DAY)}
    assert rows["amal"]["recalls_beyond_second"] == 2  # the 3rd and the 4th
    assert (rows["boss"]["cancels"], rows["boss"]["reprints"]) == (1, 1)


def test_an_alert_past_the_threshold_in_an_hour(ops: Operations, clock: ManualClock) -> None:
    ops.out_of_order_alert = 2
    ops.issue("reconciliation")  # A001 always waits: every other call skips it
    raised = []
    for _ in range(4):
        t, _ = ops.issue("reconciliation")
        _, events = ops.call(1, "amal", t.number, reason="other")
        raised.append([e.alert for e in events if isinstance(e, AlertRaised)])
        ops.no_show(1, "amal")
        clock.advance(60)
    assert raised[:2] == [[], []]  # 1 and 2 are within the threshold
    assert raised[2][0]["kind"] == "out_of_order" and raised[2][0]["subject"] == "amal"
    assert "amal" in raised[2][0]["message"]["ar"] and "3" in raised[2][0]["message"]["en"]
    assert [a["subject"] for a in ops.integrity_alerts()] == ["amal"]
    clock.advance(3600)  # an hour later the count has gone down
    assert ops.integrity_alerts() == []

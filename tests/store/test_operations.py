"""The lifecycle through the use cases, on a real SQLite file: state, events and refusals."""

from __future__ import annotations

import pytest

from dorak.domain import errors
from dorak.domain.events import (
    QueueChanged,
    TicketCalled,
    TicketIssued,
    TicketUpdated,
    WindowUpdated,
)
from dorak.usecases import Operations
from tests.conftest import ManualClock


def kinds(ops: Operations, ticket_id: int) -> list[str]:
    return [e.kind for e in ops.store.log.of_ticket(ticket_id)]


def test_full_visit_is_logged(ops: Operations, clock: ManualClock) -> None:
    t, events = ops.issue("reconciliation", lang="en")
    assert t is not None
    assert isinstance(events[0], TicketIssued)
    clock.advance(120)
    called, events = ops.call_next(1, "clerk1")
    assert called is not None and called.id == t.id
    assert [type(e) for e in events] == [TicketCalled, WindowUpdated, QueueChanged]
    clock.advance(30)
    ops.recall(1, "clerk1")
    clock.advance(20)
    ops.start(1, "clerk1")
    clock.advance(600)
    done, _ = ops.finish(1, "clerk1", "completed", "all papers in order", "F-2026-77")
    assert done is not None
    assert done.status == "done"
    assert (done.outcome, done.note, done.file_ref) == (
        "completed",
        "all papers in order",
        "F-2026-77",
    )
    assert done.called_at - done.issued_at == 120
    assert done.finished_at - done.started_at == 600
    assert done.recalls == 1
    assert kinds(ops, t.id) == ["issued", "call", "recall", "start", "finish"]
    log = ops.store.log.of_ticket(t.id)
    assert log[1].window == 1 and log[1].clerk == "clerk1"
    assert log[-1].details["outcome"] == "completed"


def test_window_holds_one_ticket_at_a_time(ops: Operations) -> None:
    ops.issue("reconciliation")
    ops.issue("reconciliation")
    ops.call_next(1, "c")
    with pytest.raises(errors.WindowBusy) as e:
        ops.call_next(1, "c")  # a double press calls nobody else
    assert e.value.details["number"] == "A001"
    assert ops.store.tickets.waiting_counts() == {"reconciliation": 1}


def test_illegal_action_changes_nothing(ops: Operations) -> None:
    t, _ = ops.issue("reconciliation")
    ops.call_next(1, "c")
    with pytest.raises(errors.InvalidTransition):
        ops.finish(1, "c", "completed")  # must start first
    assert ops.store.tickets.get(t.id).status == "called"
    assert kinds(ops, t.id) == ["issued", "call"]


def test_no_show_and_return(ops: Operations, clock: ManualClock) -> None:
    a, _ = ops.issue("reconciliation")
    b, _ = ops.issue("reconciliation")
    ops.call_next(1, "c")
    ops.return_to_queue(1, "c")  # back to its own place: called again first
    again, _ = ops.call_next(1, "c")
    assert again.id == a.id
    gone, _ = ops.no_show(1, "c")
    assert gone.status == "no_show"
    nxt, _ = ops.call_next(1, "c")
    assert nxt.id == b.id


def test_transfer_keeps_visit_and_number_and_starts_a_new_wait(
    ops: Operations, clock: ManualClock
) -> None:
    t, _ = ops.issue("reconciliation", priority="elderly")
    ops.call_next(1, "c")
    ops.start(1, "c")
    clock.advance(300)
    new, events = ops.transfer(1, "c", "payments", "pay the reconciliation fee")
    assert new is not None and t is not None
    assert (new.number, new.tracking_id, new.visit_id) == (t.number, t.tracking_id, t.id)
    assert new.service == "payments" and new.status == "waiting"
    assert new.queued_at == clock().timestamp() and new.priority == "elderly"
    assert new.note == "pay the reconciliation fee"
    assert ops.store.tickets.get(t.id).status == "transferred"
    assert ops.store.tickets.by_tracking_id(t.tracking_id).id == new.id
    assert any(isinstance(e, TicketUpdated) for e in events)
    called, _ = ops.call_next(9, "c9")
    assert called.id == new.id
    with pytest.raises(errors.SameService):
        ops.start(9, "c9")
        ops.transfer(9, "c9", "payments")


def test_call_specific_number(ops: Operations) -> None:
    ops.issue("reconciliation")
    b, _ = ops.issue("reconciliation")
    called, _ = ops.call(2, "c", "a002", reason="priority")  # skips A001
    assert called.id == b.id
    ops.issue("payments")
    ops.no_show(2, "c")
    with pytest.raises(errors.NotServedHere):
        ops.call(2, "c", "H001")
    with pytest.raises(errors.UnknownTicket):
        ops.call(2, "c", "Z999")


def test_pause_stops_calls_and_resume_restores(ops: Operations) -> None:
    ops.issue("reconciliation")
    ops.pause(1, "c", "prayer")
    with pytest.raises(errors.WindowPaused):
        ops.call_next(1, "c")
    assert ops.store.windows.states()[1].reason == "prayer"
    ops.resume(1, "c")
    assert ops.call_next(1, "c")[0].number == "A001"
    with pytest.raises(errors.WindowBusy):
        ops.pause(1, "c", "break")  # finish the citizen first


def test_refusals(ops: Operations) -> None:
    with pytest.raises(errors.UnknownService):
        ops.issue("nope")
    with pytest.raises(errors.ServiceIsGroup):
        ops.issue("documents")
    with pytest.raises(errors.UnknownPriority):
        ops.issue("payments", priority="vip")
    with pytest.raises(errors.UnknownWindow):
        ops.call_next(11, "c")
    with pytest.raises(errors.QueueEmpty):
        ops.call_next(1, "c")
    with pytest.raises(errors.WindowIdle):
        ops.recall(1, "c")
    assert ops.store.all("SELECT * FROM tickets") == []


def test_priority_and_anti_starvation_through_the_store(
    ops: Operations, clock: ManualClock
) -> None:
    old, _ = ops.issue("payments")  # target 10 min
    clock.advance(11 * 60)
    vip, _ = ops.issue("payments", priority="disabled")
    first, _ = ops.call_next(9, "c")
    assert first.id == old.id  # overdue beats a later priority
    ops.no_show(9, "c")
    plain, _ = ops.issue("payments")
    second, _ = ops.call_next(9, "c")
    assert second.id == vip.id
    assert plain is not None


def test_people_ahead_and_estimate(ops: Operations, clock: ManualClock) -> None:
    rows = [ops.issue("payments")[0] for _ in range(3)]
    assert [r.ahead_at_issue for r in rows] == [0, 1, 2]
    est = [r.estimated_wait_s for r in rows]
    # Windows 9 and 10 serve payments and are free: the first two go straight to them.
    assert est[0] == est[1] == 0 < est[2]
    vip, _ = ops.issue("payments", priority="pregnant")
    assert vip.ahead_at_issue == 0
    assert ops.ahead_of(rows[2]) == 3
    assert ops.waiting_order("payments") == ["H004", "H001", "H002", "H003"]


def test_cancel(ops: Operations) -> None:
    t, _ = ops.issue("payments")
    row, _ = ops.cancel(t.tracking_id, "supervisor")
    assert row.status == "cancelled"
    with pytest.raises(errors.InvalidTransition):
        ops.cancel(t.tracking_id, "supervisor")

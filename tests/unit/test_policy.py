"""Call-next policy: examples and property-based invariants."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dorak.domain.errors import QueueEmpty
from dorak.domain.policy import Candidate, is_urgent, order, pick_next

TARGETS = {"a": 600.0, "b": 600.0}


def c(id: int, service: str = "a", priority: bool = False, at: float = 0.0) -> Candidate:
    return Candidate(id, service, priority, at)


def test_empty_queue_raises() -> None:
    with pytest.raises(QueueEmpty):
        pick_next([], {"a": 1}, TARGETS, 0)


def test_only_served_services_are_eligible() -> None:
    with pytest.raises(QueueEmpty):
        pick_next([c(1, "b")], {"a": 1}, TARGETS, 10)


def test_fifo_within_a_service() -> None:
    assert pick_next([c(2, at=5), c(1, at=1), c(3, at=9)], {"a": 1}, TARGETS, 10).id == 1


def test_priority_ticket_goes_first() -> None:
    assert pick_next([c(1, at=0), c(2, priority=True, at=50)], {"a": 1}, TARGETS, 60).id == 2


def test_weight_prefers_the_main_service() -> None:
    # Both waited 100 s; the window's main service has weight 1, the other 0.5.
    cands = [c(1, "b", at=0), c(2, "a", at=0)]
    assert pick_next(cands, {"a": 1, "b": 0.5}, TARGETS, 100).id == 2
    # ... but an older ticket of the side service wins once its weighted wait is larger.
    cands = [c(1, "b", at=0), c(2, "a", at=250)]
    assert pick_next(cands, {"a": 1, "b": 0.5}, TARGETS, 400).id == 1


def test_overdue_ticket_is_not_overtaken_by_a_later_priority_ticket() -> None:
    normal = c(1, at=0)
    late_priority = c(2, priority=True, at=700)
    assert is_urgent(normal, TARGETS, 701)
    assert pick_next([normal, late_priority], {"a": 1}, TARGETS, 701).id == 1


def test_ties_break_on_id() -> None:
    assert pick_next([c(7, at=0), c(3, at=0)], {"a": 1}, TARGETS, 5).id == 3


candidate_lists = st.lists(
    st.tuples(st.sampled_from(["a", "b"]), st.booleans(), st.integers(0, 2000)),
    min_size=1,
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(
    candidate_lists,
    st.integers(2000, 4000),
    st.sampled_from([{"a": 1.0}, {"a": 1.0, "b": 0.5}, {"a": 0.3, "b": 1.0}]),
)
def test_order_invariants(
    raw: list[tuple[str, bool, int]], now: int, weights: dict[str, float]
) -> None:
    cands = [Candidate(i, s, p, float(at)) for i, (s, p, at) in enumerate(raw)]
    ordered = order(cands, weights, TARGETS, now)
    # Only served services, each ticket once.
    assert len({x.id for x in ordered}) == len(ordered)
    assert {x.id for x in ordered} == {x.id for x in cands if x.service in weights}
    # pick_next agrees with the head of the order.
    if ordered:
        assert pick_next(cands, weights, TARGETS, now) == ordered[0]
    # FIFO within a (service, class) pair.
    for s in weights:
        for p in (True, False):
            same = [x for x in ordered if x.service == s and x.priority == p]
            assert [x.queued_at for x in same] == sorted(x.queued_at for x in same)
    # Bounded overtaking: nothing that joined later is called before an overdue ticket.
    for i, x in enumerate(ordered):
        if now - x.queued_at > TARGETS[x.service]:
            assert all(y.queued_at <= x.queued_at for y in ordered[:i])

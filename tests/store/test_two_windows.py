"""Two windows sharing services call through the real use case and store, in any order and at
any pace: no ticket is ever called twice, and every ticket is called once its turn comes.
(The policy alone cannot promise this: it is the store that takes a called ticket out of the
line, in the transaction that calls it.)"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from dorak.domain.errors import QueueEmpty
from dorak.store import Store
from dorak.usecases import Operations
from tests.conftest import ManualClock, open_center, staff_all

# Window 3 serves reconciliation and legalization, window 5 legalization and reconciliation.
WINDOWS = (3, 5)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["reconciliation", "legalization"]),
            st.booleans(),
            st.integers(0, 600),
        ),
        min_size=1,
        max_size=25,
    ),
    st.lists(st.sampled_from([0, 1]), min_size=1, max_size=40),
)
def test_two_windows_never_call_a_ticket_twice(
    raw: list[tuple[str, bool, int]], turns: list[int]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "d.db")
        store.migrate()
        clock = ManualClock()
        center = open_center()
        ops = Operations(store, lambda: center, clock)
        staff_all(ops)
        for service, priority, gap in raw:
            clock.advance(gap)
            ops.issue(service, "elderly" if priority else None)
        called: list[int] = []
        for turn in turns:
            clock.advance(30)
            window = WINDOWS[turn]
            try:
                t, _ = ops.call_next(window, f"clerk{window}")
            except QueueEmpty:
                continue
            assert t is not None and t.status == "called" and t.window == window
            called.append(t.id)
            ops.no_show(window, f"clerk{window}")  # the window is free for its next call
        assert len(called) == len(set(called))
        calls = [e.ticket_id for e in store.log.since(0) if e.kind == "call"]
        assert sorted(calls) == sorted(called)  # the log agrees: one call per ticket
        # Both windows serve both services: a turn finds nobody only once everyone was called.
        assert len(called) == min(len(raw), len(turns))
        store.close()

"""The waiting counts the database keeps (triggers) against counting the tickets themselves,
through a long random mix of every action that moves a ticket in or out of a line."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from dorak.domain import errors
from dorak.domain.ticket import Ticket
from dorak.store import Store
from dorak.store.schema import MIGRATIONS
from dorak.usecases import Operations
from tests.conftest import ManualClock

SERVICES = ["reconciliation", "payments", "permits"]


def counted(ops: Operations) -> dict[str, int]:
    rows = ops.store.conn.execute(
        "SELECT service, count(*) FROM tickets WHERE status = 'waiting' GROUP BY service"
    )
    return dict(rows.fetchall())


def ahead_by_hand(waiting: list[Ticket], t: Ticket) -> int:
    """Everyone of its service called before it: priority first, then by queue time and id."""

    def key(r: Ticket) -> tuple[bool, float, int]:
        return (r.priority is None, r.queued_at, r.id)

    return sum(1 for r in waiting if r.service == t.service and key(r) < key(t))


def step(ops: Operations, rng: random.Random, clock: ManualClock) -> None:
    clock.advance(rng.choice([0, 1, 7, 30]))  # equal times too: the id breaks those ties
    window = rng.randint(1, 10)
    action = rng.choice(["issue"] * 4 + ["call", "return", "transfer", "no_show", "cancel"])
    try:
        if action == "issue":
            ops.issue(rng.choice(SERVICES), rng.choice([None, None, "elderly"]))
        elif action == "call":
            ops.call_next(window, "c")
        elif action == "return":
            ops.return_to_queue(window, "c")
        elif action == "transfer":
            ops.start(window, "c")
            ops.transfer(window, "c", rng.choice(SERVICES))
        elif action == "no_show":
            ops.no_show(window, "c")
        else:
            waiting = [t for t in ops.store.tickets.every() if t.waiting]
            if waiting:
                ops.cancel(rng.choice(waiting).tracking_id, "supervisor")
    except errors.DomainError:
        pass  # an idle or busy window, a same-service transfer: refused, nothing changed


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_kept_counts_and_people_ahead_match_the_tickets(
    ops: Operations, clock: ManualClock, seed: int
) -> None:
    rng = random.Random(seed)
    for _ in range(250):
        step(ops, rng, clock)
        assert ops.store.tickets.waiting_counts() == counted(ops)
    waiting = [t for t in ops.store.tickets.every() if t.waiting]
    assert len(waiting) > 10  # the mix left a real line to check
    for row in waiting:
        assert ops.ahead_of(row) == ahead_by_hand(waiting, row)
    # A new ticket is behind everyone of its class: the kept count alone answers.
    new, _ = ops.issue("payments")
    assert new is not None and new.ahead_at_issue == ahead_by_hand(waiting, new)


def test_upgrade_counts_the_line_already_waiting(tmp_path: Path) -> None:
    """A database from before the kept counts: the migration counts who already waits."""
    path = tmp_path / "old.db"
    old = Store(path)
    old.conn.execute("PRAGMA journal_mode = WAL")
    with old.write() as conn:
        conn.execute("CREATE TABLE migrations (version INTEGER PRIMARY KEY)")
        for version, step_ in enumerate(MIGRATIONS[:9], 1):
            step_(old.db)
            conn.execute("INSERT INTO migrations (version) VALUES (?)", (version,))
    rows = [
        ("reconciliation", None, "waiting"),
        ("reconciliation", "elderly", "waiting"),
        ("reconciliation", None, "waiting"),
        ("payments", None, "done"),
    ]
    with old.write() as conn:
        for seq, (service, priority, status) in enumerate(rows, 1):
            conn.execute(
                "INSERT INTO tickets (token, service, day, seq, number, priority, status, "
                "issued_at, queued_at) VALUES (?, ?, '2026-11-26', ?, ?, ?, ?, 0, 0)",
                (f"t{seq}", service, seq, f"A{seq:03}", priority, status),
            )
    old.close()
    new = Store(path)
    new.migrate()
    assert new.tickets.waiting_counts() == {"reconciliation": 3}
    assert new.tickets.line_count("reconciliation", True) == 1
    assert new.tickets.line_count("payments", False) == 0

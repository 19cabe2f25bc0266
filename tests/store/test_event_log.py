"""The event log is the source of truth: append-only, ids that only grow, each entry describing
itself, and the tickets table (and the ratings, and so every figure) rebuilt from it alone
equal to what the use cases wrote."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from dorak.domain import errors
from dorak.domain.ticket import Ticket, apply
from dorak.reports import report
from dorak.usecases import Operations
from tests.conftest import ManualClock

SERVICES = ["reconciliation", "payments", "permits", "complaints"]
OUTCOMES = ["completed", "documents_missing", "referred"]


def busy_days(ops: Operations, clock: ManualClock, seed: int, steps: int = 600) -> None:
    """Every action that changes a ticket, at random, over three working days."""
    rng = random.Random(seed)
    for i in range(steps):
        if i in (steps // 3, 2 * steps // 3):
            clock.advance(24 * 3600)  # a new day: what is left expires
        clock.advance(rng.choice([0, 5, 30, 90]))
        window = rng.randint(1, 10)
        action = rng.choice(
            ["issue"] * 5
            + ["call", "call", "recall", "start", "start", "finish", "finish", "no_show"]
            + ["return", "transfer", "cancel", "rate"]
        )
        try:
            if action == "issue":
                ops.issue(rng.choice(SERVICES), rng.choice([None, None, None, "elderly"]))
            elif action == "call":
                ops.call_next(window, f"clerk{window}")
            elif action == "recall":
                ops.recall(window, f"clerk{window}")
            elif action == "start":
                ops.start(window, f"clerk{window}")
            elif action == "finish":
                ops.finish(window, f"clerk{window}", rng.choice(OUTCOMES), "note", "F-1")
            elif action == "no_show":
                ops.no_show(window, f"clerk{window}")
            elif action == "return":
                ops.return_to_queue(window, f"clerk{window}")
            elif action == "transfer":
                ops.transfer(window, f"clerk{window}", rng.choice(SERVICES), "go on")
            elif action == "cancel":
                live = [t for t in ops.store.tickets.every() if t.status in ("waiting", "called")]
                if live:
                    ops.cancel(rng.choice(live).tracking_id, "supervisor")
            else:
                done = [t for t in ops.store.tickets.every() if t.status == "done"]
                if done:
                    ops.rate(rng.choice(done).tracking_id, rng.randint(1, 5), "شكرا")
        except errors.DomainError:
            pass  # refused: nothing changed


def rebuilt(ops: Operations) -> tuple[dict[int, Ticket], dict[int, tuple[int, Any]]]:
    """The tickets and ratings, from the log alone."""
    tickets: dict[int, Ticket] = {}
    ratings: dict[int, tuple[int, Any]] = {}
    for entry in ops.store.log.of_tickets():
        assert entry.ticket_id is not None
        tickets[entry.ticket_id] = apply(tickets.get(entry.ticket_id), entry)
        if entry.kind == "rated":
            ratings[entry.ticket_id] = (entry.details["stars"], entry.details.get("comment"))
    return tickets, ratings


@pytest.mark.parametrize("seed", [1, 2])
def test_the_tickets_are_the_log_folded(ops: Operations, clock: ManualClock, seed: int) -> None:
    busy_days(ops, clock, seed)
    tickets, ratings = rebuilt(ops)
    stored = {t.id: t for t in ops.store.tickets.every()}
    assert len(stored) > 150 and {t.status for t in stored.values()} >= {
        "waiting",
        "done",
        "no_show",
        "transferred",
        "cancelled",
        "expired",
    }
    assert tickets == stored
    kept = ops.store.all("SELECT ticket_id, stars, comment FROM ratings")
    assert len(kept) > 3
    assert ratings == {r["ticket_id"]: (r["stars"], r["comment"]) for r in kept}


class FromTheLog:
    """A store whose report rows come from the rebuilt tickets (report() reads only these)."""

    def __init__(self, tickets: dict[int, Ticket], ratings: dict[int, tuple[int, Any]]) -> None:
        self.figures = self
        self.rollups = self  # no day rolled up: every day from its rows
        self.tickets, self.ratings = tickets, ratings

    def read_into(self, *args: Any) -> None:
        pass

    def built(self, first: str, last: str) -> set[str]:
        return set()

    def report_rows(self, first: str, last: str) -> Iterator[tuple[Any, ...]]:
        for t in self.tickets.values():
            if first <= t.day <= last:
                stars = self.ratings.get(t.id, (None, None))[0]
                yield (
                    t.service,
                    t.day,
                    t.seq,
                    t.window,
                    t.clerk,
                    t.status,
                    t.outcome,
                    t.queued_at,
                    t.called_at,
                    t.started_at,
                    t.finished_at,
                    stars,
                )


def test_figures_from_the_log_are_the_figures(ops: Operations, clock: ManualClock) -> None:
    busy_days(ops, clock, 3)
    first, last = date(2026, 11, 26), date(2026, 11, 28)
    log = FromTheLog(*rebuilt(ops))
    for by in ("service", "window", "clerk", "hour", "day"):
        from_table = report(ops.store, ops.center, first, last, by)
        assert from_table and report(log, ops.center, first, last, by) == from_table  # type: ignore[arg-type]
        # The days over, from their rollups: the same figures.
        rolled = report(ops.store, ops.center, first, last, by, closed_before=date(2026, 11, 29))
        assert rolled == from_table


def test_the_log_is_append_only_and_describes_itself(ops: Operations, clock: ManualClock) -> None:
    busy_days(ops, clock, 4, steps=120)
    entries = ops.store.log.since(0)
    ids = [e.id for e in entries]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    for e in entries:
        if e.ticket_id is not None:  # enough to read without the tickets table
            assert e.number and e.service and e.day, e
    issued = [e for e in entries if e.kind == "issued"]
    assert all(
        {"tracking_id", "seq", "ahead", "estimated_wait_s"} <= set(e.details) for e in issued
    )
    assert ops.store.log.since(ids[-3]) == entries[-2:]  # what a sync takes next
    for sql in ("UPDATE events SET kind = 'x'", "DELETE FROM events"):
        with (
            pytest.raises(sqlite3.IntegrityError, match="append-only"),
            ops.store.write() as conn,
        ):
            conn.execute(sql)
    assert [e.id for e in ops.store.log.since(0)] == ids

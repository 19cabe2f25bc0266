"""Ticket numbers on a real SQLite file: gap-free, never duplicated, reset at local midnight,
also with several processes issuing at the same time."""

from __future__ import annotations

import fcntl
import multiprocessing as mp
import os
import sqlite3
import time
from collections import Counter
from pathlib import Path

import pytest

from dorak.config import load_center
from dorak.store import Store, StoreError
from dorak.usecases import Operations
from tests.conftest import ManualClock, open_center, staff_all
from tests.gevent_probe import run_under_gevent


def test_numbers_count_up_per_service(ops: Operations) -> None:
    numbers = [ops.issue("reconciliation")[0].number for _ in range(3)]
    numbers.append(ops.issue("legalization")[0].number)
    assert numbers == ["A001", "A002", "A003", "B001"]


def test_numbering_restarts_at_cairo_midnight(ops: Operations, clock: ManualClock) -> None:
    clock.now = clock.now.replace(hour=21, minute=59)  # 23:59 in Cairo
    assert ops.issue("reconciliation")[0].number == "A001"
    assert ops.issue("reconciliation")[0].number == "A002"
    clock.advance(60)  # 00:00 in Cairo
    row = ops.issue("reconciliation")[0]
    assert row is not None
    assert (row.number, row.day) == ("A001", "2026-11-27")


def _issue_many(path: str, count: int, start: mp.synchronize.Event) -> None:
    center = open_center()
    store = Store(path)
    ops = Operations(store, lambda: center)
    staff_all(ops)
    start.wait()
    for i in range(count):
        ops.issue("reconciliation" if i % 2 else "payments")


def test_processes_issuing_at_once_get_unique_gap_free_numbers(tmp_path: Path) -> None:
    path = str(tmp_path / "shared.db")
    Store(path).migrate()
    ctx = mp.get_context("spawn")
    start = ctx.Event()
    procs = [ctx.Process(target=_issue_many, args=(path, 150, start)) for _ in range(4)]
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    rows = Store(path).all("SELECT service, seq, number FROM tickets")
    assert len(rows) == 600
    for service in ("reconciliation", "payments"):
        seqs = sorted(r["seq"] for r in rows if r["service"] == service)
        assert seqs == list(range(1, 301))  # no gap, no duplicate
    assert max(Counter(r["number"] for r in rows).values()) == 1
    events = Store(path).all("SELECT count(*) AS n FROM events WHERE kind = 'issued'")
    assert events[0]["n"] == 600


def test_a_locked_database_is_a_clear_error_not_a_hang(tmp_path: Path) -> None:
    path = tmp_path / "locked.db"
    Store(path).migrate()
    center = load_center()
    ops = Operations(Store(path, timeout=0.3), lambda: center)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # someone else holds the write lock and does not let go
    started = time.monotonic()
    with pytest.raises(StoreError, match="locked"):
        ops.issue("payments", anyway=True)
    assert time.monotonic() - started < 3
    other.execute("ROLLBACK")
    assert ops.issue("payments", anyway=True)[0].number == "H001"


def test_a_stuck_writer_process_times_out(tmp_path: Path) -> None:
    path = tmp_path / "stuck.db"
    Store(path).migrate()
    center = load_center()
    ops = Operations(Store(path, timeout=0.3), lambda: center)
    fd = os.open(str(path) + ".lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)  # a Dorak process that hangs while writing
    try:
        with pytest.raises(StoreError, match="locked by another process"):
            ops.issue("payments", anyway=True)  # a supervisor's: any hour
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


FOREIGN_WRITER = """
import sqlite3, sys, time
from dorak.config import load_center
from dorak.usecases import Operations
from dorak.store import Store
path = sys.argv[1]
Store(path).migrate()
center = load_center()
ops = Operations(Store(path), lambda: center)
other = sqlite3.connect(path, isolation_level=None)
released = []
def let_go():
    released.append(time.monotonic())
    other.execute("ROLLBACK")
other.execute("BEGIN IMMEDIATE")  # a writer that does not use Dorak's file lock
locked = time.monotonic()
gevent.get_hub().loop.update_now()  # its clock is cached: stale after the set-up above
gevent.spawn_later(1.0, let_go)  # only the loop itself can let the other writer go
first = len(ticks)
number = ops.issue("payments", anyway=True)[0].number
done = time.monotonic()
stamps = ticks[first:]
gaps = [b - a for a, b in zip(stamps, stamps[1:]) if b <= released[0]]
print(number, round(released[0] - locked, 3), round(done - released[0], 3),
      len(stamps), round(max(gaps, default=9), 3))
"""


def test_under_gevent_waiting_for_a_foreign_writer_stops_nobody(tmp_path: Path) -> None:
    """The wait for SQLite's lock is in cooperative sleeps: the loop keeps serving meanwhile,
    and here it is the loop itself that lets the other writer go. Asserted as facts, not as
    a speed: the ticket came only after the release, and the loop ticked all along the hold."""
    out = run_under_gevent(FOREIGN_WRITER, str(tmp_path / "shared.db"))
    number, held, after_release, ticks, widest_gap = out[0], *map(float, out[1:])
    assert number == "H001"
    assert held > 0.5  # the lock was held for (about) a second...
    assert after_release >= 0  # ...and the ticket was issued only once it was let go
    # A loop stopped by the wait (SQLite's busy handler) would tick once, at the end.
    assert ticks >= 10
    assert widest_gap < 0.5

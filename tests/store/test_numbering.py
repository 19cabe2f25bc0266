"""Ticket numbers on a real SQLite file: gap-free, never duplicated, reset at local midnight,
also with several processes issuing at the same time."""

from __future__ import annotations

import multiprocessing as mp
from collections import Counter
from pathlib import Path

from dorak.config import load_center
from dorak.operations import Operations
from dorak.store import Store
from tests.conftest import ManualClock


def test_numbers_count_up_per_service(ops: Operations) -> None:
    numbers = [ops.issue("reconciliation")[0]["number"] for _ in range(3)]  # type: ignore[index]
    numbers.append(ops.issue("legalization")[0]["number"])  # type: ignore[index]
    assert numbers == ["A001", "A002", "A003", "B001"]


def test_numbering_restarts_at_cairo_midnight(ops: Operations, clock: ManualClock) -> None:
    clock.now = clock.now.replace(hour=21, minute=59)  # 23:59 in Cairo
    assert ops.issue("reconciliation")[0]["number"] == "A001"  # type: ignore[index]
    assert ops.issue("reconciliation")[0]["number"] == "A002"  # type: ignore[index]
    clock.advance(60)  # 00:00 in Cairo
    row = ops.issue("reconciliation")[0]
    assert row is not None
    assert (row["number"], row["day"]) == ("A001", "2026-11-27")


def _issue_many(path: str, count: int, start: mp.synchronize.Event) -> None:
    center = load_center()
    store = Store(path)
    ops = Operations(store, lambda: center)
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

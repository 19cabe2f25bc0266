"""Case-file figures on a busy center's year: files that take one to five visits over weeks,
then the figures for a month and for the year.

python benchmarks/case_files.py [--visits 60000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dorak.case_file_figures import file_figures  # noqa: E402
from dorak.store import Store  # noqa: E402

START = date(2025, 11, 27)
OUTCOMES = ["documents_missing", "other", "completed", "referred"]


def fill(store: Store, visits: int, seed: int = 1) -> int:
    """Files opened over the year; each comes back every few days until completed or rejected."""
    rng = random.Random(seed)
    tickets, files, rows = [], [], []
    n = 0
    while len(rows) < visits:
        n += 1
        opened = START + timedelta(days=rng.randint(0, 330))
        kind = rng.choice(["reconciliation", "legalization"])
        files.append((n, kind, f"{n}/2026", kind, "opened", 0.0, opened.isoformat(), 0.0))
        day, status = opened, "opened"
        for i in range(rng.randint(1, 5)):
            tid = len(tickets) + 1
            at = time.mktime(day.timetuple()) + 9 * 3600
            tickets.append((tid, f"t{tid}", kind, day.isoformat(), f"A{tid}", "done", at, at))
            last = i == 4 or rng.random() < 0.35
            outcome = (
                rng.choice(["completed"] * 4 + ["other"]) if last else rng.choice(OUTCOMES[:2])
            )
            after = (
                ("completed" if outcome == "completed" else "rejected")
                if last
                else ("documents_missing" if outcome == "documents_missing" else status)
            )
            rows.append(
                (
                    n,
                    tid,
                    at,
                    day.isoformat(),
                    rng.randint(1, 5),
                    f"clerk{rng.randint(1, 10)}",
                    at + 600,
                    outcome,
                    status,
                    after,
                )
            )
            status = after
            day += timedelta(days=rng.randint(1, 21))
            if last:
                break
    with store.write() as conn:
        conn.executemany(
            "INSERT INTO tickets (id, tracking_id, service, day, number, status, issued_at, "
            "queued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            tickets,
        )
        conn.executemany("INSERT INTO case_files VALUES (?, ?, ?, ?, ?, ?, ?, ?)", files)
        conn.executemany(
            "INSERT INTO case_file_visits (file_id, ticket_id, attached_at, day, window, clerk, "
            "finished_at, outcome, status_before, status_after) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    return len(files)


def timed(store: Store, start: date, end: date, by: str, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        file_figures(store, start, end, by)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--visits", type=int, default=60_000)
    args = ap.parse_args()
    store = Store(Path(tempfile.mkdtemp(prefix="dorak-files-")) / "files.db")
    store.migrate()
    n = fill(store, args.visits)
    print(f"{n:,} files, {args.visits:,} visits")
    month = START + timedelta(days=60)
    year = START + timedelta(days=365)
    for by in ("file_type", "clerk"):
        ms = timed(store, month, month + timedelta(days=29), by) * 1000
        print(f"a month by {by}: median {ms:.0f} ms")
    for by in ("file_type", "clerk"):
        ms = timed(store, START, year, by, 3) * 1000
        print(f"the year by {by}: median {ms:.0f} ms")


if __name__ == "__main__":
    main()

"""Report speed on a busy center's year: about a million tickets, then a day and the whole year.

python benchmarks/reports.py [--tickets 1000000]
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

from dorak.config import load_center  # noqa: E402
from dorak.reports import report  # noqa: E402
from dorak.store import Store  # noqa: E402

START = date(2025, 11, 27)


def fill(store: Store, tickets: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    center = load_center()
    services = [s for s in center.services if s.prefix]
    windows = {s.code: [w.number for w in center.windows_serving(s.code)] for s in services}
    per_day = tickets // 300  # about 300 working days
    rows = []
    day = START
    n = 0
    while n < tickets:
        if day.weekday() in (4, 5):  # Friday and Saturday off
            day += timedelta(days=1)
            continue
        base = time.mktime(day.timetuple()) + 8 * 3600
        seqs: dict[str, int] = {}
        for _ in range(min(per_day, tickets - n)):
            s = rng.choice(services)
            seqs[s.code] = seqs.get(s.code, 0) + 1
            issued = base + rng.uniform(0, 7 * 3600)
            called = issued + rng.expovariate(1 / (s.target_wait_min * 45))
            started = called + rng.uniform(10, 90)
            finished = started + rng.expovariate(1 / (s.expected_service_min * 60))
            status = "no_show" if rng.random() < 0.05 else "done"
            rows.append(
                (
                    f"t{n}",
                    s.code,
                    day.isoformat(),
                    seqs[s.code],
                    f"{s.prefix}{seqs[s.code]:03d}",
                    status,
                    issued,
                    issued,
                    called,
                    None if status == "no_show" else started,
                    finished,
                    rng.choice(windows[s.code]),
                    f"clerk{rng.randint(1, 10)}",
                    "completed" if status == "done" and rng.random() < 0.8 else "other",
                )
            )
            n += 1
        day += timedelta(days=1)
    with store.write() as conn:
        conn.executemany(
            "INSERT INTO tickets (token, service, day, seq, number, status, issued_at, "
            "queued_at, called_at, started_at, finished_at, window, clerk, outcome) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


def timed(store: Store, start: date, end: date, by: str, runs: int = 5) -> float:
    center = load_center()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        report(store, center, start, end, by)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tickets", type=int, default=1_000_000)
    args = ap.parse_args()
    store = Store(Path(tempfile.mkdtemp(prefix="dorak-rep-")) / "year.db")
    store.migrate()
    t = time.perf_counter()
    fill(store, args.tickets)
    print(f"{args.tickets:,} tickets written in {time.perf_counter() - t:.1f} s")
    busy_day = START + timedelta(days=40)
    for by in ("service", "window", "hour"):
        print(f"one day by {by}: median {timed(store, busy_day, busy_day, by) * 1000:.0f} ms")
    end = START + timedelta(days=365)
    for by in ("service", "day"):
        print(f"the year by {by}: median {timed(store, START, end, by, runs=3):.2f} s")


if __name__ == "__main__":
    main()

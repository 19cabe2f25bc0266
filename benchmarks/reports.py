"""Report speed on a busy center's year (a million ticket entries): a day and the whole year,
by the method before issue #14 (every entry of the period through a Python loop) and now
(closed days from their rollups, built once by the first report that reads them).

python benchmarks/reports.py [--tickets 1000000]
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dorak.config import load_center  # noqa: E402
from dorak.domain.model import Center  # noqa: E402
from dorak.domain.report_cells import summary  # noqa: E402
from dorak.reports import report  # noqa: E402
from dorak.store import Store  # noqa: E402

START = date(2025, 11, 27)
TODAY = START + timedelta(days=366)  # every day of the year is over


def fill(store: Store, tickets: int, seed: int = 1) -> None:
    """About 260 working days (Fridays and Saturdays off); 3 % of the visits transferred on,
    2 % cancelled, 1 % expired."""
    rng = random.Random(seed)
    center = load_center()
    services = [s for s in center.services if s.prefix]
    windows = {s.code: [w.number for w in center.windows_serving(s.code)] for s in services}
    per_day = tickets // 255
    rows: list[tuple[Any, ...]] = []
    day, n = START, 0
    while n < tickets:
        if day.weekday() in (4, 5):  # Friday and Saturday off
            day += timedelta(days=1)
            continue
        base = time.mktime(day.timetuple()) + 8 * 3600
        seqs: dict[str, int] = {}
        for _ in range(min(per_day, tickets - n)):
            s = rng.choice(services)
            seqs[s.code] = seq = seqs.get(s.code, 0) + 1
            issued = base + rng.uniform(0, 7 * 3600)
            called = issued + rng.expovariate(1 / (s.target_wait_min * 45))
            started = called + rng.uniform(10, 90)
            finished = started + rng.expovariate(1 / (s.expected_service_min * 60))
            u = rng.random()
            status = (
                "no_show" if u < 0.05 else "transferred" if u < 0.08 else
                "cancelled" if u < 0.10 else "expired" if u < 0.11 else "done"
            )  # fmt: skip
            at_window = status in ("done", "transferred", "no_show")
            rows.append(
                (
                    f"t{n}", s.code, day.isoformat(), seq, f"{s.prefix}{seq:03d}", status,
                    issued, issued, called if at_window else None,
                    started if status in ("done", "transferred") else None,
                    finished if status != "expired" else issued + 9 * 3600,
                    rng.choice(windows[s.code]) if at_window else None,
                    f"clerk{rng.randint(1, 10)}" if at_window else None,
                    ("completed" if rng.random() < 0.8 else "other") if status == "done" else None,
                )
            )  # fmt: skip
            n += 1
            if status == "transferred" and n < tickets:  # the new entry, in another service
                t = rng.choice(services)
                wait = rng.expovariate(1 / 300)
                rows.append(
                    (
                        f"t{n}", t.code, day.isoformat(), None, f"{s.prefix}{seq:03d}", "done",
                        issued, finished, finished + wait, finished + wait + 30,
                        finished + wait + 30 + rng.expovariate(1 / 400),
                        rng.choice(windows[t.code]), f"clerk{rng.randint(1, 10)}", "completed",
                    )
                )  # fmt: skip
                n += 1
        day += timedelta(days=1)
    with store.write() as conn:
        conn.executemany(
            "INSERT INTO tickets (tracking_id, service, day, seq, number, status, issued_at, "
            "queued_at, called_at, started_at, finished_at, window, clerk, outcome) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


def before_14(store: Store, center: Center, start: date, end: date, by: str) -> int:
    """The method before issue #14: every entry of the period through one Python loop."""
    targets = {s.code: s.target_wait_min * 60 for s in center.services}
    groups: dict[Any, dict[str, Any]] = defaultdict(lambda: defaultdict(list))
    i = {"service": 0, "day": 1, "window": 3, "clerk": 4}.get(by)
    tz = ZoneInfo(center.timezone)
    for e in store.figures.report_rows(start.isoformat(), end.isoformat()):
        service, _, seq, _, _, status, outcome, queued, called, started, finished, _ = e
        if called is None and by in ("window", "clerk"):
            continue
        g = groups[e[i] if i is not None else datetime.fromtimestamp(queued, tz).hour]
        g["issued"].append(seq is not None)
        if called is not None:
            g["waits"].append(called - queued)
            g["within"].append(called - queued <= targets.get(service, math.inf))
            if started is not None:
                g["walks"].append(started - called)
        if status in ("done", "transferred") and started is not None:
            g["services"].append(finished - started)
        g["status"].append((status, outcome))
    for g in groups.values():
        for name in ("waits", "walks", "services"):
            summary(g[name])
    return len(groups)


def timed(run: Callable[[], Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        run()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tickets", type=int, default=1_000_000)
    ap.add_argument("--db", help="a database this script filled before: time it again")
    args = ap.parse_args()
    store = Store(args.db or Path(tempfile.mkdtemp(prefix="dorak-rep-")) / "year.db")
    store.migrate()
    center = load_center()
    t = time.perf_counter()
    if not args.db:
        fill(store, args.tickets)
    entries = store.figures.count_entries(START.isoformat(), TODAY.isoformat())
    print(f"{entries:,} ticket entries ({time.perf_counter() - t:.1f} s)")
    end = START + timedelta(days=365)
    if not args.db:
        t = time.perf_counter()
        report(store, center, START, end, "service", closed_before=TODAY)
        print(f"first year report: builds every day's rollup once: {time.perf_counter() - t:.1f} s")
    busy = START + timedelta(days=40)
    print(f"{'median of 5 runs':<28}{'before #14':>12}{'now':>12}{'ratio':>8}")
    cases = [(f"one day by {by}", busy, busy, by) for by in ("service", "window", "hour")]
    cases += [(f"the year by {by}", START, end, by) for by in ("service", "day", "clerk")]
    for name, first, last, by in cases:
        old = timed(lambda: before_14(store, center, first, last, by), 5)  # noqa: B023
        new = timed(lambda: report(store, center, first, last, by, closed_before=TODAY), 5)  # noqa: B023
        print(f"{name:<28}{old * 1000:>9.1f} ms{new * 1000:>9.1f} ms{old / new:>7.1f}x")
    with store.write():
        store.rollups.forget(busy.isoformat())  # as if it were today: no rollup
    live = timed(lambda: report(store, center, busy, busy, "service"), 5)
    print(f"one day by service from its entries (today's path): {live * 1000:.1f} ms")


if __name__ == "__main__":
    main()

"""Ingest rate of the hub into PostgreSQL, in events per second, in batches as centers send them.

    .venv/bin/python benchmarks/hub_ingest.py [--centers 4] [--days 20] [--per-day 600]
        [--batch 2000]

A throwaway PostgreSQL (fsync on, as in production) and a synthetic log per center that the
center's own code folds (issue, call, start, finish / no-show, ratings). Each batch is one
transaction: the events, the ticket entries they change, the day rollups from the center's
report. Each center's batches are sent in order, the centers one after the other; every batch
is sent a second time to show what a retry costs (it stores nothing)."""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import date

from hub_common import synthetic_log

from dorak.hub.service import center_model
from dorak.store.hub import HubStore
from dorak.store.hub.devpg import TempPostgres


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--centers", type=int, default=4)
    ap.add_argument("--days", type=int, default=20)
    ap.add_argument("--per-day", type=int, default=600)
    ap.add_argument("--batch", type=int, default=2000)
    a = ap.parse_args()
    with TempPostgres(fsync=True) as pg:
        store = HubStore(pg.create_database("bench"), max_size=2)
        store.migrate()
        rates, retry_rates, total, took_all = [], [], 0, 0.0
        for c in range(a.centers):
            cid = store.add_center(f"C{c}", "م", "C", "Africa/Cairo", f"t{c}", 0)
            log = list(synthetic_log(date(2026, 1, 3), a.days, a.per_day, seed=c))
            for i in range(0, len(log), a.batch):
                batch = log[i : i + a.batch]
                t = time.perf_counter()
                done = store.ingest(cid, batch, 0.0, center_model)
                took = time.perf_counter() - t
                assert done.stored == len(batch)
                rates.append(len(batch) / took)
                took_all += took
                total += len(batch)
                t = time.perf_counter()
                again = store.ingest(cid, batch, 0.0, center_model)
                retry_rates.append(len(batch) / (time.perf_counter() - t))
                assert again.stored == 0
            count, distinct = store.count_events(cid)
            assert count == distinct == len(log)
        store.close()
        import psycopg

        with psycopg.connect(pg.url("bench"), autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
            sizes = {
                table: conn.execute(
                    f"SELECT pg_total_relation_size('{table}'), count(*) FROM {table}"
                ).fetchone()
                for table in ("events", "entries", "rollups")
            }
    print(f"centers {a.centers}, {a.days} days x {a.per_day} tickets each, batches of {a.batch}")
    print(f"events ingested: {total:,} in {took_all:.1f} s of ingest")
    for table, (size, rows) in sizes.items():  # type: ignore[misc]
        print(
            f"  {table}: {rows:,} rows, {size / 2**20:.1f} MiB with indexes, "
            f"{size / total:.0f} bytes per event"
        )
    print(
        f"ingest rate: overall {total / took_all:,.0f} events/s; per batch median "
        f"{statistics.median(rates):,.0f}, slowest {min(rates):,.0f} events/s"
    )
    print(
        "a batch sent again (stores nothing): median "
        f"{statistics.median(retry_rates):,.0f} events/s"
    )


if __name__ == "__main__":
    main()

"""The governorate dashboard over 300 centers x one year of rollups: how long GET
/hub/api/v1/centers takes (the query, the centers' live state, JSON), in process on a real
PostgreSQL.

    .venv/bin/python benchmarks/hub_dashboard.py [--centers 300] [--days 365] [--hourly 0]

Each center-day has its whole-day row and one per service (4); `--hourly 9` adds 9 hours per
service (the rollups the hub keeps for hour reports; more rows, same index lookups)."""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta

import psycopg

from dorak.hub.app import create_hub_app
from dorak.reports import Group
from dorak.store.hub import HubStore
from dorak.store.hub.devpg import TempPostgres

SERVICES = ["reconciliation", "legalization", "permits", "payments"]


def figures(rng: random.Random, issued: int) -> str:
    g = Group(
        issued=issued,
        called=int(issued * 0.95),
        served=int(issued * 0.85),
        completed=int(issued * 0.7),
        no_shows=int(issued * 0.05),
        within_target=int(issued * 0.8),
    )
    g.waits = sorted(rng.expovariate(1 / 900) for _ in range(min(issued, 50)))
    g.ratings = [rng.randint(3, 5) for _ in range(issued // 4)]
    return json.dumps(g.row())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--centers", type=int, default=300)
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--hourly", type=int, default=0)
    a = ap.parse_args()
    rng = random.Random(1)
    first = date(2026, 1, 1)
    today = first + timedelta(days=a.days - 1)
    with TempPostgres(fsync=True) as pg:
        url = pg.create_database("bench")
        store = HubStore(url, max_size=2)
        store.migrate()
        ids = [
            store.add_center(f"C{c:03d}", f"مركز {c}", f"Center {c}", "Africa/Cairo", f"t{c}", 0)
            for c in range(a.centers)
        ]
        now = datetime.combine(today, datetime.min.time(), UTC) + timedelta(hours=10)
        t = time.perf_counter()
        rows = 0
        with (
            psycopg.connect(url) as conn,
            conn.cursor().copy(
                "COPY rollups (center_id, day, service, hour, figures) FROM STDIN"
            ) as copy,
        ):
            for cid in ids:
                whole, per = figures(rng, 400), figures(rng, 100)
                for d in range(a.days):
                    day = (first + timedelta(days=d)).isoformat()
                    copy.write_row((cid, day, "", -1, whole))
                    for s in SERVICES:
                        copy.write_row((cid, day, s, -1, per))
                        for h in range(a.hourly):
                            copy.write_row((cid, day, s, 8 + h, per))
                    rows += 1 + len(SERVICES) * (1 + a.hourly)
        live = {
            "waiting": dict.fromkeys(SERVICES, 7),
            "staffed": list(range(1, 9)),
            "windows": 10,
            "services": {},
            "calls": [],
            "alerts": [],
        }
        for cid in ids:
            store.heartbeat(cid, live, now.timestamp())
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
            size = conn.execute("SELECT pg_size_pretty(pg_total_relation_size('rollups'))")
            size_text = size.fetchone()[0]  # type: ignore[index]
        print(f"rollups: {rows:,} rows ({size_text}) loaded in {time.perf_counter() - t:.0f} s")
        store.reads.add_token("bench-admin", "admin", None, None, 0)
        store.close()
        os.environ["DORAK_HUB_INSTANCE"] = tempfile.mkdtemp(prefix="hub-bench-")
        app = create_hub_app(url, {"TESTING": True, "CLOCK": lambda: now})
        client = app.test_client()
        headers = {"Authorization": "Bearer bench-admin"}
        times = []
        for i in range(40):
            t = time.perf_counter()
            r = client.get("/hub/api/v1/centers", headers=headers)
            took = (time.perf_counter() - t) * 1000
            assert r.status_code == 200 and len(r.json) == a.centers
            assert r.json[0]["issued"] == 400 and r.json[0]["status"] == "live"
            if i >= 5:  # the first requests warm the pool and the caches
                times.append(took)
        times.sort()
        print(
            f"GET /hub/api/v1/centers over {a.centers} centers x {a.days} days: median "
            f"{statistics.median(times):.1f} ms, p95 {times[int(len(times) * 0.95) - 1]:.1f} ms,"
            f" max {times[-1]:.1f} ms ({len(times)} requests)"
        )
        app.extensions["hub"].store.close()


if __name__ == "__main__":
    main()

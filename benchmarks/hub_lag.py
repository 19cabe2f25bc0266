"""Sync lag with the link up: from a center's commit (the ticket's POST sent) to the hub's
dashboard (a Socket.IO client of the hub receives the center's line with that ticket counted).

    .venv/bin/python benchmarks/hub_lag.py [--tickets 150] [--rate 4]

Real processes: a throwaway PostgreSQL, `dorak hub serve`, one `dorak serve` center with
DORAK_HUB_URL/DORAK_HUB_TOKEN, a kiosk issuing RATE tickets a second, and a dashboard client."""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time

import requests
import socketio
from common import bench_env, cli, free_port, percentile, serve

from dorak.store.hub.devpg import TempPostgres


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tickets", type=int, default=150)
    ap.add_argument("--rate", type=float, default=4.0)
    a = ap.parse_args()
    procs: list[subprocess.Popen[bytes]] = []
    with TempPostgres(fsync=True) as pg:
        try:
            url = pg.create_database("lag")
            henv = {
                **os.environ,
                "DORAK_HUB_DATABASE_URL": url,
                "DORAK_HUB_INSTANCE": str(pg.folder / "hub-instance"),
            }
            cli(henv, "hub", "init")
            token = cli(henv, "hub", "center", "add", "C1", "--name-ar", "م", "--name-en", "C")
            admin = cli(henv, "hub", "token", "create", "--role", "admin")
            hub_port = free_port()
            hub = subprocess.Popen(
                [sys.executable, "-m", "dorak.cli", "hub", "serve", "--port", str(hub_port)],
                env=henv,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            procs.append(hub)
            hub_url = f"http://127.0.0.1:{hub_port}"
            for _ in range(600):
                try:
                    requests.get(hub_url + "/hub/healthz", timeout=1)
                    break
                except requests.RequestException:
                    time.sleep(0.1)
            _, env = bench_env("hub-lag", DORAK_HUB_URL=hub_url, DORAK_HUB_TOKEN=token)
            kiosk = cli(env, "token", "create", "--role", "kiosk")
            port = free_port()
            procs.append(serve(env, port))
            base = f"http://127.0.0.1:{port}"

            sent: dict[int, float] = {}
            seen: dict[int, float] = {}
            lock = threading.Lock()
            client = socketio.Client()

            @client.on("center_changed")
            def changed(c: dict) -> None:  # type: ignore[type-arg]
                now = time.perf_counter()
                with lock:
                    for k in range(1, int(c.get("issued") or 0) + 1):
                        seen.setdefault(k, now)

            client.connect(hub_url, auth={"token": admin}, transports=["websocket"])
            session = requests.Session()
            session.headers["Authorization"] = f"Bearer {kiosk}"
            for k in range(1, a.tickets + 1):
                t0 = time.perf_counter()
                sent[k] = t0
                r = session.post(f"{base}/api/v1/tickets", json={"service": "payments"}, timeout=10)
                assert r.status_code == 201, r.text
                time.sleep(max(0.0, 1 / a.rate - (time.perf_counter() - t0)))
            deadline = time.monotonic() + 30
            while len(seen) < a.tickets and time.monotonic() < deadline:
                time.sleep(0.05)
            client.disconnect()
            lags = [(seen[k] - sent[k]) * 1000 for k in sent if k in seen]
            assert len(lags) == a.tickets, f"only {len(lags)} of {a.tickets} reached the hub"
            print(f"{a.tickets} tickets at {a.rate}/s, center -> hub -> dashboard socket")
            print(
                f"lag: median {statistics.median(lags):.0f} ms, p99 "
                f"{percentile(lags, 0.99):.0f} ms, max {max(lags):.0f} ms"
            )
        finally:
            for p in procs:
                p.terminate()
                p.wait(10)


if __name__ == "__main__":
    main()

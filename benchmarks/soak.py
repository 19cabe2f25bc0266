"""Soak: a busy day at accelerated speed through the real HTTP API and real websockets.

    python benchmarks/soak.py [--minutes 2] [--trackers 200] [--async-mode gevent|threading]

A kiosk issues tickets (several per second, services weighted like a technological center), ten
windows call, start and finish them, and 200 phones follow their tickets over websockets. Prints
errors, p50/p99 of issuing and calling, the events the phones got, and the server's memory at the
start and the end (it should not grow).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests
import websockets
from common import bench_env, cli, free_port, percentile, rss_mb, serve

SERVICES = (
    ["reconciliation"] * 4
    + ["legalization"] * 3
    + ["permits", "shops", "certificates", "extracts", "complaints"]
    + ["payments"] * 3
)


async def tracker(url: str, ticket: str, counts: dict[str, int], stop: asyncio.Event) -> None:
    async with websockets.connect(url, max_size=None, open_timeout=60) as ws:
        await ws.recv()
        await ws.send("40" + json.dumps({"ticket": ticket}))
        while not stop.is_set():
            try:
                message = await asyncio.wait_for(ws.recv(), 0.5)
            except TimeoutError:
                continue
            if message == "2":
                await ws.send("3")
            elif message.startswith("42"):
                name = message[4 : message.index('"', 4)]
                counts[name] = counts.get(name, 0) + 1


def thread_count(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("Threads:")))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--minutes", type=float, default=2)
    ap.add_argument("--trackers", type=int, default=200)
    ap.add_argument("--async-mode", choices=["threading", "gevent"], default="gevent")
    args = ap.parse_args()
    # A whole center: a printer and the spoken calls are on unless told otherwise. The printer
    # is the virtual one in a process of its own, as a real printer is a device of its own.
    printer_port = free_port()
    tmp, env = bench_env(
        "soak",
        DORAK_PRINTER=os.environ.get("SOAK_PRINTER", f"tcp://127.0.0.1:{printer_port}"),
        DORAK_DISPLAY_VOICE=os.environ.get("SOAK_VOICE", "true"),
    )
    virtual = ["printer", "virtual", "--port", str(printer_port), "--out", str(tmp / "printed")]
    printer = subprocess.Popen(
        [sys.executable, "-m", "dorak.cli", *virtual],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    cli(env, "init")
    kiosk = cli(env, "token", "create", "--role", "kiosk")
    admin = cli(env, "token", "create", "--role", "admin")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = serve(env, port, "--async-mode", args.async_mode)
    issue_ms: list[float] = []
    call_ms: list[float] = []
    errors: list[str] = []
    stop_at = time.time() + args.minutes * 60
    rng = random.Random(7)

    def kiosk_loop(ids: list[str], count: int | None = None) -> None:
        s = requests.Session()
        s.headers["Authorization"] = f"Bearer {kiosk}"
        n = 0
        while (count is None and time.time() < stop_at) or (count is not None and n < count):
            t = time.perf_counter()
            r = s.post(base + "/api/v1/tickets", json={"service": rng.choice(SERVICES)})
            issue_ms.append((time.perf_counter() - t) * 1000)
            n += 1
            if r.status_code != 201:
                errors.append(f"issue {r.status_code}")
            else:
                ids.append(r.json()["id"])
            if count is None:
                time.sleep(0.1)

    def window_loop(n: int) -> None:
        s = requests.Session()
        s.headers["Authorization"] = f"Bearer {admin}"
        w = f"{base}/api/v1/windows/{n}/"
        while time.time() < stop_at:
            t = time.perf_counter()
            r = s.post(w + "call-next")
            call_ms.append((time.perf_counter() - t) * 1000)
            if r.status_code == 204:
                time.sleep(0.2)
                continue
            if r.status_code != 200:
                errors.append(f"call {r.status_code}")
                time.sleep(0.2)
                continue
            for action, body in (("start", None), ("finish", {"outcome": "completed"})):
                time.sleep(rng.uniform(0.05, 0.3))
                r = s.post(w + action, json=body)
                if r.status_code != 200:
                    errors.append(f"{action} {r.status_code}")

    first: list[str] = []
    samples: list[int] = []
    thread_counts: list[int] = []
    kiosk_loop(first, args.trackers)  # the people whose phones follow them

    async def phones() -> dict[str, int]:
        counts: dict[str, int] = {}
        stop = asyncio.Event()
        url = base.replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket"
        tasks = [asyncio.create_task(tracker(url, i, counts, stop)) for i in first]
        while time.time() < stop_at:  # memory every 10 s: growth, or just the connections?
            await asyncio.sleep(min(10.0, max(0.0, stop_at - time.time())))
            samples.append(round(rss_mb(server.pid)))
            thread_counts.append(thread_count(server.pid))
        stop.set()
        await asyncio.gather(*tasks, return_exceptions=True)
        return counts

    start_mb = rss_mb(server.pid)
    threads = [threading.Thread(target=kiosk_loop, args=([],))]
    threads += [threading.Thread(target=window_loop, args=(n,)) for n in range(1, 11)]
    for t in threads:
        t.start()
    counts = asyncio.run(phones())
    for t in threads:
        t.join()
    end_mb = rss_mb(server.pid)
    server.terminate()
    server.wait(10)
    printer.terminate()
    printed = len(list((tmp / "printed").glob("*.png")))
    print(f"soak: {args.minutes} min, {args.trackers} phones, {args.async_mode}")
    print(
        f"issued {len(issue_ms)}: p50 {percentile(issue_ms, 0.5):.1f} ms, "
        f"p99 {percentile(issue_ms, 0.99):.1f} ms"
    )
    print(
        f"calls {len(call_ms)}: p50 {percentile(call_ms, 0.5):.1f} ms, "
        f"p99 {percentile(call_ms, 0.99):.1f} ms"
    )
    print(f"errors {len(errors)} {sorted(set(errors))[:5]}, tickets printed {printed}")
    print(f"events at the phones: {dict(sorted(counts.items()))}")
    print(
        f"server memory: {start_mb:.0f} MB at the start, {end_mb:.0f} MB at the end; "
        f"every 10 s with the phones connected: {samples}"
    )
    print(f"server threads every 10 s: {thread_counts}")


if __name__ == "__main__":
    main()

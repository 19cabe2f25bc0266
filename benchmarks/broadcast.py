"""Fan-out: with N lobby/phone clients connected over real websockets, ten windows call tickets;
how long until *every* client has the `ticket_called` event, and how much memory the server uses.

    python benchmarks/broadcast.py [--clients 10,100,500,1000] [--calls 20] [--async-mode gevent]

The clients speak the Socket.IO protocol directly over `websockets` (asyncio) so that one process
can hold a thousand of them without becoming the bottleneck. Latency is measured from the moment
the clerk's HTTP request is sent (so it includes the call itself) to the event's arrival.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import time
from pathlib import Path

import requests
import websockets
from common import bench_env, cli, free_port, percentile, rss_mb, serve


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Client:
    """A lobby display: Socket.IO protocol 5 over one websocket."""

    def __init__(self, url: str, arrivals: dict[str, list[float]]) -> None:
        self.url = url
        self.arrivals = arrivals
        self.ready = asyncio.Event()
        self.ws: websockets.ClientConnection | None = None

    async def run(self) -> None:
        async with websockets.connect(self.url, max_size=None, open_timeout=60) as ws:
            self.ws = ws
            await ws.recv()  # engine.io open packet
            await ws.send("40")  # connect to the default namespace, no auth: the lobby view
            async for message in ws:
                if message == "2":
                    await ws.send("3")  # ping -> pong
                elif message.startswith('42["ticket_called"'):
                    at = time.time()
                    _, call = json.loads(message[2:])
                    self.arrivals.setdefault(call["number"], []).append(at)
                elif message.startswith('42["state"'):
                    self.ready.set()
                # other events (window_updated, queue_updated) are read and dropped unparsed


async def measure(
    base: str, clients: int, calls: int, admin: str, kiosk: str, pid: int
) -> dict[str, float]:
    ws_url = base.replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket"
    arrivals: dict[str, list[float]] = {}
    crowd = [Client(ws_url, arrivals) for _ in range(clients)]
    tasks = []
    for i, c in enumerate(crowd):
        tasks.append(asyncio.create_task(c.run()))
        if i % 50 == 49:
            await asyncio.sleep(0.05)  # do not stampede the accept queue
    await asyncio.wait_for(asyncio.gather(*(c.ready.wait() for c in crowd)), 120)
    memory = rss_mb(pid)
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {admin}"
    kiosk_headers = {"Authorization": f"Bearer {kiosk}"}
    services = {
        1: "reconciliation",
        2: "reconciliation",
        3: "reconciliation",
        4: "legalization",
        5: "legalization",
        6: "permits",
        7: "shops",
        8: "certificates",
        9: "payments",
        10: "complaints",
    }
    latencies: list[float] = []
    # CPU of this process (the clients) and of the server while the calls happen: which one
    # is busy shows who limits the figures on a small machine.
    wall, mine, server_cpu = time.monotonic(), time.process_time(), cpu_seconds(pid)
    complete = 0
    for i in range(calls):
        window = i % 10 + 1
        r = session.post(
            f"{base}/api/v1/tickets", json={"service": services[window]}, headers=kiosk_headers
        )
        r.raise_for_status()
        sent = time.time()
        r = await asyncio.to_thread(session.post, f"{base}/api/v1/windows/{window}/call-next")
        r.raise_for_status()
        number = r.json()["number"]
        deadline = time.time() + 10
        while len(arrivals.get(number, [])) < clients and time.time() < deadline:
            await asyncio.sleep(0.005)
        got = arrivals.get(number, [])
        complete += len(got) == clients
        latencies += [t - sent for t in got]
        await asyncio.to_thread(session.post, f"{base}/api/v1/windows/{window}/no-show")
    wall = time.monotonic() - wall
    mine = (time.process_time() - mine) / wall
    server_cpu = (cpu_seconds(pid) - server_cpu) / wall
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return {
        "p50": percentile(latencies, 0.5) * 1000,
        "p99": percentile(latencies, 0.99) * 1000,
        "complete": complete,
        "memory": memory,
        "after": rss_mb(pid),
        "client_cpu": mine,
        "server_cpu": server_cpu,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", default="10,100,500,1000")
    ap.add_argument("--calls", type=int, default=20)
    ap.add_argument("--async-mode", choices=["threading", "gevent"], default="gevent")
    args = ap.parse_args()
    _, env = bench_env("bcast")
    cli(env, "init")
    admin = cli(env, "token", "create", "--role", "admin")
    kiosk = cli(env, "token", "create", "--role", "kiosk")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = serve(env, port, "--async-mode", args.async_mode)
    try:
        print(
            f"server: dorak serve --async-mode {args.async_mode}, {os.cpu_count()} cores; "
            f"idle memory {rss_mb(server.pid):.0f} MB"
        )
        print(
            f"{'clients':>8} {'p50 ms':>8} {'p99 ms':>8} {'all got it':>11} {'RSS MB':>8}"
            f" {'CPU server':>11} {'CPU clients':>12}"
        )
        for n in (int(x) for x in args.clients.split(",")):
            m = asyncio.run(measure(base, n, args.calls, admin, kiosk, server.pid))
            print(
                f"{n:>8} {m['p50']:>8.1f} {m['p99']:>8.1f} {int(m['complete']):>5}/{args.calls:<5}"
                f" {m['memory']:>8.0f} {m['server_cpu']:>10.0%} {m['client_cpu']:>11.0%}"
            )
            time.sleep(1)
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()

"""Printing figures: ticket render time, bytes per ticket, and the time from the kiosk's request
to the last byte at the (virtual, loopback) printer through the real server.

    python benchmarks/print_tickets.py [--tickets 40]
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import requests
from common import bench_env, cli, free_port, serve

from printer.layout import TicketPrint, render_ticket
from printer.text import TextDrawer
from printer.virtual import VirtualPrinter

SAMPLE = TicketPrint(
    "المركز التكنولوجي لخدمة المواطنين",
    "Citizen Service Technological Center",
    "التصالح في مخالفات البناء",
    "Building-violation reconciliation",
    "A017",
    datetime(2026, 11, 26, 10, 5, tzinfo=ZoneInfo("Africa/Cairo")),
    12,
    25,
    "http://192.168.1.10:5000/t/2T4vEhtAlkppGk_ooZhq8w",
)


def ms(values: list[float]) -> str:
    values = sorted(values)
    p90 = values[int(0.9 * (len(values) - 1))]
    return f"median {statistics.median(values) * 1000:.1f} ms, p90 {p90 * 1000:.1f} ms"


def render_times(n: int, engine: str) -> list[float]:
    drawer = TextDrawer(engine)  # type: ignore[arg-type]
    render_ticket(SAMPLE, 576, drawer)  # warm the font cache
    out = []
    for _ in range(n):
        t = time.perf_counter()
        render_ticket(SAMPLE, 576, drawer)
        out.append(time.perf_counter() - t)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tickets", type=int, default=40)
    args = ap.parse_args()
    print(f"render (raqm):  {ms(render_times(args.tickets, 'raqm'))}")
    print(f"render (basic): {ms(render_times(args.tickets, 'basic'))}")

    _, env = bench_env("print")
    token = cli(env, "token", "create", "--role", "kiosk")
    with VirtualPrinter() as vp:
        env["DORAK_PRINTER"] = f"tcp://127.0.0.1:{vp.port}"
        port = free_port()
        server = serve(env, port)
        url = f"http://127.0.0.1:{port}"
        try:
            session = requests.Session()
            session.headers["Authorization"] = f"Bearer {token}"
            latencies = []
            for i in range(args.tickets + 3):
                before = vp.server.count  # jobs printed so far (the lists keep only recent)
                start = time.time()
                r = session.post(url + "/api/v1/tickets", json={"service": "reconciliation"})
                r.raise_for_status()
                while vp.server.count == before:
                    time.sleep(0.001)
                if i >= 3:  # the first jobs load fonts and profiles
                    latencies.append(vp.state.done_at[-1] - start)
        finally:
            server.terminate()
            server.wait(10)
        sizes = [len(b) for b in vp.state.raw]
    print(f"bytes per ticket: median {statistics.median(sizes):,.0f}")
    print(f"request -> last byte at the printer: {ms(latencies)} ({len(latencies)} tickets)")


if __name__ == "__main__":
    main()

"""Issue tickets over real HTTP against the real server and print the figures.

    python benchmarks/issue_tickets.py [--seconds 5] [--clients 20] [--worker gevent|gthread]

Load comes from wrk (Debian package, C, not the bottleneck): first one client for latency, then
C concurrent clients for throughput. Afterwards the database is checked for duplicate or
skipped numbers.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
from pathlib import Path

from common import add_server_options, bench_env, cli, describe_server, free_port, gunicorn, serve

from dorak.store import Store

LUA = """
wrk.method = "POST"
wrk.body = '{"service": "reconciliation"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer %s"
"""


def to_ms(text: str) -> float:
    m = re.match(r"([\d.]+)(us|ms|s)", text)
    assert m, text
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


def run_wrk(url: str, script: Path, clients: int, seconds: int) -> dict[str, float]:
    threads = min(clients, 2)
    out = subprocess.run(
        [
            "wrk",
            "-t",
            str(threads),
            "-c",
            str(clients),
            "-d",
            f"{seconds}s",
            "--latency",
            "-s",
            str(script),
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    lat = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.M))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "p50_ms": to_ms(lat["50"]),
        "p99_ms": to_ms(lat["99"]),
        "non2xx": float(errors.group(1)) if errors else 0.0,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, default=5)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--server", choices=["werkzeug", "gunicorn"], default="gunicorn")
    add_server_options(ap)
    args = ap.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: run `make setup` (installs Debian's wrk)")
    # Issuing alone: no printer (benchmarks/print_tickets.py measures printing).
    tmp, env = bench_env("bench")
    cli(env, "init")
    token = cli(env, "token", "create", "--role", "kiosk")
    script = tmp / "issue.lua"
    script.write_text(LUA % token)
    port = free_port()
    if args.server == "gunicorn":
        proc = gunicorn(env, port, args.workers, args.threads, args.worker)
    else:
        proc = serve(env, port)
    url = f"http://127.0.0.1:{port}/api/v1/tickets"
    try:
        one = run_wrk(url, script, 1, args.seconds)
        many = run_wrk(url, script, args.clients, args.seconds)
    finally:
        proc.terminate()
        proc.wait(10)
    store = Store(tmp / "dorak.db")
    rows = store.all("SELECT seq FROM tickets WHERE service = 'reconciliation' ORDER BY seq")
    seqs = [r["seq"] for r in rows]
    duplicates = len(seqs) - len(set(seqs))
    gaps = (max(seqs) - len(set(seqs))) if seqs else 0
    server = describe_server(args) if args.server == "gunicorn" else "werkzeug, threads"
    print(f"server: {server}, {os.cpu_count()} cores, wrk on the same machine")
    print(
        f"1 client:   {one['rps']:.0f} tickets/s, p50 {one['p50_ms']:.2f} ms, "
        f"p99 {one['p99_ms']:.2f} ms"
    )
    print(
        f"{args.clients} clients: {many['rps']:.0f} tickets/s, p50 {many['p50_ms']:.2f} ms, "
        f"p99 {many['p99_ms']:.2f} ms, non-2xx {many['non2xx']:.0f}"
    )
    print(f"tickets in database: {len(seqs)}, duplicates: {duplicates}, gaps: {gaps}")
    if one["non2xx"] or many["non2xx"]:
        raise SystemExit("some requests failed: the figures above are not valid")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

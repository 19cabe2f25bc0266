"""Burst: N tickets from C concurrent clients as fast as they go (a crowd at opening time).

    python benchmarks/burst.py [--tickets 2000] [--clients 50]

Prints throughput, p50/p99 latency and the duplicate / skipped numbers found afterwards (both
must be 0). Load from wrk (each connection stops after its share of tickets).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess

from common import add_server_options, bench_env, cli, describe_server, free_port, gunicorn
from issue_tickets import to_ms

from dorak.store import Store

LUA = """
wrk.method = "POST"
wrk.body = '{"service": "reconciliation"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer %s"
local quota = %d
local done = 0
function response(status, headers, body)
  done = done + 1
  if done >= quota then wrk.thread:stop() end
end
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tickets", type=int, default=2000)
    ap.add_argument("--clients", type=int, default=50)
    add_server_options(ap)
    args = ap.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: run `make setup`")
    tmp, env = bench_env("burst")
    cli(env, "init")
    token = cli(env, "token", "create", "--role", "kiosk")
    threads = 2
    script = tmp / "burst.lua"
    script.write_text(LUA % (token, args.tickets // threads))
    port = free_port()
    proc = gunicorn(env, port, args.workers, args.threads, args.worker)
    try:
        out = subprocess.run(
            [
                "wrk",
                "-t",
                str(threads),
                "-c",
                str(args.clients),
                "-d",
                "60s",
                "--latency",
                "-s",
                str(script),
                f"http://127.0.0.1:{port}/api/v1/tickets",
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    finally:
        proc.terminate()
        proc.wait(10)
    lat = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.M))
    sent = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    rows = Store(tmp / "dorak.db").all("SELECT seq, issued_at FROM tickets")
    seqs = [r["seq"] for r in rows]
    # wrk's own rate counts its whole -d window; the tickets' own timestamps give the truth.
    span = max(r["issued_at"] for r in rows) - min(r["issued_at"] for r in rows)
    rps = (len(rows) - 1) / span if span > 0 else float("nan")
    print(f"burst: {sent} requests from {args.clients} clients, {describe_server(args)}")
    print(
        f"throughput {rps:.0f} tickets/s, p50 {to_ms(lat['50']):.1f} ms, "
        f"p99 {to_ms(lat['99']):.1f} ms, non-2xx {bad.group(1) if bad else 0}"
    )
    extra = len(seqs) - sent
    print(
        f"tickets in database {len(seqs)} ({extra} more than wrk counted: requests in flight "
        f"when it stopped at its quota), duplicates {len(seqs) - len(set(seqs))}, "
        f"skipped {max(seqs) - len(set(seqs)) if seqs else 0}"
    )
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

"""How many SQL statements one action costs, counted by SQLite itself (the sqlite3 trace
callback, which also reports the statements a trigger runs), with listeners connected in
process: a lobby display, a supervisor and the clerk of window 1.

    python benchmarks/statements.py [--repeat 20] [--nobody]

Issuing a ticket and calling one are each done `--repeat` times; the median and the largest
count per action are printed, with how many ran after the commit (payloads, printing). The
printer is "none", as in the tests; `--printer virtual` adds the print job's own statements.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEEN: list[str] = []
_connect = sqlite3.connect


def _traced(*args: Any, **kwargs: Any) -> sqlite3.Connection:
    conn = _connect(*args, **kwargs)
    conn.set_trace_callback(SEEN.append)
    return conn


sqlite3.connect = _traced  # every connection the server opens from now on is counted


def counted(action: Callable[[], Any]) -> tuple[int, int, list[str]]:
    """Statements run by `action`, and how many of them after the last COMMIT."""
    SEEN.clear()
    action()
    seen = list(SEEN)
    commits = [i for i, s in enumerate(seen) if s.strip().upper() == "COMMIT"]
    after = len(seen) - commits[-1] - 1 if commits else 0
    return len(seen), after, seen


def staff_every_window(app: Any) -> None:
    """A clerk at every window with no heartbeat needed (as `dorak window staff --all`)."""
    from dorak.domain.staffing import FIXED

    ops = app.extensions["dorak"].ops
    for w in ops.center.windows:
        ops.sign_in(w.number, f"clerk{w.number}", FIXED)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--nobody", action="store_true", help="no listener connected")
    ap.add_argument("--printer", default="none")
    ap.add_argument("--show", action="store_true", help="print the statements of one issue")
    args = ap.parse_args()

    from dorak.app import create_app
    from dorak.config import load_center
    from dorak.domain.hours import ALWAYS_OPEN
    from dorak.realtime import socketio

    tmp = Path(tempfile.mkdtemp(prefix="dorak-statements-"))
    now = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
    app = create_app(
        {
            "TESTING": True,
            "INSTANCE": str(tmp),
            "DATABASE": str(tmp / "dorak.db"),
            "CLOCK": lambda: now,
            "SECRET_KEY": "benchmark",
            "PRINTER": args.printer,
            "CENTER": replace(load_center(), hours=ALWAYS_OPEN),
            "KIOSK_RATE_LIMIT": "1000000/1",
            "DISPLAY_VOICE": False,
        }
    )
    d = app.extensions["dorak"]
    accounts = d.accounts
    kiosk = accounts.create_token("kiosk")
    clerk = accounts.create_token("clerk", 1)
    supervisor = accounts.create_token("supervisor")
    client = app.test_client()
    staff_every_window(app)
    listeners = []
    if not args.nobody:
        for auth in (None, {"token": supervisor}, {"token": clerk}):
            listeners.append(socketio.test_client(app, auth=auth, flask_test_client=client))
    issue_headers = {"Authorization": f"Bearer {kiosk}"}
    clerk_headers = {"Authorization": f"Bearer {clerk}"}

    def issue(n: int) -> Callable[[], Any]:
        def go() -> None:
            headers = {**issue_headers, "Idempotency-Key": f"bench-{n}"}
            r = client.post("/api/v1/tickets", json={"service": "reconciliation"}, headers=headers)
            assert r.status_code == 201, r.get_json()

        return go

    def call() -> None:
        r = client.post("/api/v1/windows/1/call-next", headers=clerk_headers)
        assert r.status_code == 200, r.status_code

    def no_show() -> None:
        assert client.post("/api/v1/windows/1/no-show", headers=clerk_headers).status_code == 200

    issue(-1)()  # warm up: caches, prepared statements
    call()
    no_show()
    results: dict[str, list[tuple[int, int]]] = {"issue": [], "call-next": []}
    shown = False
    for n in range(args.repeat):
        total, after, seen = counted(issue(n))
        results["issue"].append((total, after))
        if args.show and not shown:
            shown = True
            print("\n".join(f"  {s[:150]}" for s in seen))
        total, after, _ = counted(call)
        results["call-next"].append((total, after))
        no_show()
        for listener in listeners:
            listener.get_received()
    who = "nobody connected" if args.nobody else "display + supervisor + clerk 1 connected"
    print(f"SQL statements per action ({who}; printer {args.printer}; {args.repeat} runs)")
    print(f"{'action':<10} {'median':>7} {'max':>5} {'after commit (median)':>22}")
    for action, runs in results.items():
        totals = [t for t, _ in runs]
        afters = [a for _, a in runs]
        print(
            f"{action:<10} {statistics.median(totals):>7.0f} {max(totals):>5}"
            f" {statistics.median(afters):>22.0f}"
        )
    for listener in listeners:
        listener.disconnect()


if __name__ == "__main__":
    main()

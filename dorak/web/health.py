"""/healthz for the box's watchdog, /metrics for Prometheus."""

from __future__ import annotations

import sqlite3
import time

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue

from ..payloads import iso
from ..store import Store, StoreError
from .identity import dorak

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz() -> ResponseReturnValue:
    d = dorak()
    try:
        with d.store.write():  # takes the write lock and commits nothing: writable?
            pass
        database = "ok"
    except (StoreError, sqlite3.Error) as e:
        database = f"error: {e}"
    if d.db_watch is not None and d.db_watch.damage:  # writable or not, it is not sound
        database = f"damaged: {d.db_watch.damage}"
    printer = d.printer.last.get("status") if d.printer else "none"
    body = {
        "database": database,
        "printer": printer,
        "time": iso(time.time(), d.ops.center.timezone),
    }
    return jsonify(body), 200 if database == "ok" else 503


def _labels(**labels: object) -> str:
    inner = ",".join(f'{k}="{v}"' for k, v in labels.items())
    return "{" + inner + "}" if inner else ""


@bp.get("/metrics")
def metrics() -> ResponseReturnValue:
    d = dorak()
    store: Store = d.store
    lines: list[str] = []

    def family(
        name: str, kind: str, text: str, samples: list[tuple[dict[str, object], float]]
    ) -> None:
        lines.extend([f"# HELP {name} {text}", f"# TYPE {name} {kind}"])
        lines.extend(f"{name}{_labels(**labels)} {value:g}" for labels, value in samples)

    issued = store.all(
        "SELECT service, count(*) AS n FROM tickets WHERE seq IS NOT NULL GROUP BY service"
    )
    family(
        "dorak_tickets_issued_total",
        "counter",
        "Tickets issued, all time.",
        [({"service": r["service"]}, r["n"]) for r in issued],
    )
    counts = store.waiting_counts()
    family(
        "dorak_tickets_waiting",
        "gauge",
        "Tickets waiting now.",
        [({"service": s.code}, counts.get(s.code, 0)) for s in d.ops.center.services if s.prefix],
    )
    states = store.window_states()
    open_now = sum(
        1 for w in d.ops.center.windows if (states.get(w.number) or {}).get("status") != "paused"
    )
    family("dorak_windows_open", "gauge", "Windows open (not paused).", [({}, open_now)])
    family(
        "dorak_printer_faults_total",
        "counter",
        "Print jobs that failed (this process).",
        [({}, d.metrics.counters["printer_faults"])],
    )
    family(
        "dorak_database_errors_total",
        "counter",
        "Requests that failed in the database: not writable (503) or a SQLite error (500).",
        [({}, d.metrics.counters["database_errors"])],
    )
    for name, text in (
        ("sign_in_failures", "Sign-ins refused for a wrong username or password (this process)."),
        ("sign_in_throttled", "Sign-ins refused unchecked: a failure budget was spent."),
    ):
        family(f"dorak_{name}_total", "counter", text, [({}, d.metrics.counters[name])])
    up = 1 if d.printer and d.printer.last.get("status") in ("ok", "paper_low") else 0
    family("dorak_printer_up", "gauge", "1 when the last print job worked.", [({}, up)])
    lines.extend(d.metrics.histogram_lines("dorak_call_seconds"))
    return "\n".join(lines) + "\n", 200, {"Content-Type": "text/plain; version=0.0.4"}

"""/healthz for the box's watchdog, /metrics for Prometheus."""

from __future__ import annotations

import sqlite3

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue

from ..metrics import CONTENT_TYPE
from ..payloads import iso
from ..store import StoreError
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
        "time": iso(d.ops.now(), d.ops.center.timezone),
    }
    return jsonify(body), 200 if database == "ok" else 503


@bp.get("/metrics")
def metrics() -> ResponseReturnValue:
    return dorak().metrics.text(), 200, {"Content-Type": CONTENT_TYPE}

"""Alerts for supervisors: a service whose longest wait passed its target, a window paused too
long, a printer in trouble. Computed from the current state; a watcher thread announces the new
ones as `alert_raised`."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from .messages import message
from .operations import Operations

log = logging.getLogger(__name__)
DATABASE_ALERT_S = 300  # a failed write stays an alert this long after the last one


def database_alert(detail: str) -> dict[str, Any]:
    return {
        "kind": "database",
        "subject": "store",
        "message": message("alert_database", detail=detail),
    }


def damaged_database_alert(report: str) -> dict[str, Any]:
    return {
        "kind": "database",
        "subject": "integrity",
        "message": message("alert_database_damaged", detail=report),
    }


def current_alerts(
    ops: Operations, printer_status: str, pause_limit_min: float
) -> list[dict[str, Any]]:
    now = ops.clock().timestamp()
    center = ops.center
    out: list[dict[str, Any]] = []
    oldest = dict(
        ops.store.conn.execute(
            "SELECT service, min(queued_at) FROM tickets WHERE status = 'waiting' GROUP BY service"
        ).fetchall()
    )
    for s in center.services:
        if s.code in oldest:
            waited_min = (now - oldest[s.code]) / 60
            if waited_min > s.target_wait_min:
                out.append(
                    {
                        "kind": "service_overdue",
                        "subject": s.code,
                        "message": message(
                            "alert_service_overdue",
                            service=s.name_ar,
                            service_en=s.name_en,
                            minutes=round(waited_min),
                        ),
                    }
                )
    for number, state in ops.store.window_states().items():
        if state["status"] == "paused" and state["since"]:
            paused_min = (now - state["since"]) / 60
            if paused_min > pause_limit_min:
                out.append(
                    {
                        "kind": "window_paused",
                        "subject": str(number),
                        "message": message(
                            "alert_window_paused",
                            window=number,
                            minutes=round(paused_min),
                            reason=state["reason"] or "",
                        ),
                    }
                )
    if printer_status in ("paper_out", "offline", "timeout", "error", "paper_low"):
        out.append(
            {
                "kind": "printer",
                "subject": printer_status,
                "message": message(f"printer_{printer_status}"),
            }
        )
    return out


class AlertWatcher:
    """Checks every `every_s` seconds and announces alerts that were not there before."""

    def __init__(
        self,
        compute: Callable[[], list[dict[str, Any]]],
        announce: Callable[[dict[str, Any]], None],
        every_s: float = 30,
    ) -> None:
        self.compute = compute
        self.announce = announce
        self.every_s = every_s
        self.known: set[tuple[str, str]] = set()
        self._stop = threading.Event()

    def check(self) -> list[dict[str, Any]]:
        alerts = self.compute()
        keys = {(a["kind"], a["subject"]) for a in alerts}
        for a in alerts:
            if (a["kind"], a["subject"]) not in self.known:
                self.announce(a)
        self.known = keys
        return alerts

    def start(self) -> AlertWatcher:
        def run() -> None:
            while not self._stop.wait(self.every_s):
                try:
                    self.check()
                except Exception:  # keep watching whatever one check did
                    log.exception("alert check failed")

        threading.Thread(target=run, daemon=True, name="alerts").start()
        return self

    def stop(self) -> None:
        self._stop.set()

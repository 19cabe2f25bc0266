"""Alerts for supervisors: a service whose longest wait passed its target, a window paused too
long, a printer in trouble. Computed from the floor; the watcher (a scheduled job) hands the new
ones to the bus as `AlertRaised`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .domain.events import AlertRaised
from .domain.floor import Floor
from .domain.model import Center, WindowStatus
from .messages import message

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
    center: Center, floor: Floor, printer_status: str, pause_limit_min: float
) -> list[dict[str, Any]]:
    now = floor.at
    out: list[dict[str, Any]] = []
    for s in center.services:
        oldest = floor.oldest(s.code)
        if oldest is not None:
            waited_min = (now - oldest) / 60
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
    for number, state in floor.windows.items():
        if state.status == WindowStatus.PAUSED and state.since:
            paused_min = (now - state.since) / 60
            if paused_min > pause_limit_min:
                out.append(
                    {
                        "kind": "window_paused",
                        "subject": str(number),
                        "message": message(
                            "alert_window_paused",
                            window=number,
                            minutes=round(paused_min),
                            reason=state.reason or "",
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
    """Each `check` announces the alerts that were not there at the previous one."""

    def __init__(
        self,
        compute: Callable[[], list[dict[str, Any]]],
        dispatch: Callable[[list[AlertRaised]], None],
    ) -> None:
        self.compute = compute
        self.dispatch = dispatch
        self.known: set[tuple[str, str]] = set()

    def check(self) -> list[dict[str, Any]]:
        alerts = self.compute()
        keys = {(a["kind"], a["subject"]) for a in alerts}
        new = [AlertRaised(a) for a in alerts if (a["kind"], a["subject"]) not in self.known]
        self.known = keys
        if new:
            self.dispatch(new)
        return alerts

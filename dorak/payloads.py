"""The one place that decides the shape of every ticket, window and state sent to clients."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from .domain.model import Center, Status, WindowStatus
from .operations import Operations
from .store import Row

TIME_FIELDS = ("issued_at", "called_at", "started_at", "finished_at")


def iso(at: float | None, tz: str) -> str | None:
    if at is None:
        return None
    return datetime.fromtimestamp(at, ZoneInfo(tz)).isoformat(timespec="seconds")


def service_names(center: Center, code: str) -> dict[str, str]:
    s = center.service(code)
    return {"ar": s.name_ar, "en": s.name_en} if s else {"ar": code, "en": code}


def ticket_public(
    ops: Operations, row: Row, base_url: str = "", fresh: bool = False
) -> dict[str, Any]:
    """What anyone holding the ticket may see: no clerk names, no notes. `fresh`: the row was
    just issued, so its stored people-ahead and estimate are still current."""
    center = ops.center
    ahead = row["ahead_at_issue"] if fresh else ops.ahead_of(row)
    out: dict[str, Any] = {
        "id": row["token"],
        "number": row["number"],
        "service": row["service"],
        "service_name": service_names(center, row["service"]),
        "status": row["status"],
        "priority": row["priority"],
        "window": row["window"] if row["status"] in (Status.CALLED, Status.SERVING) else None,
        "ahead": ahead if row["status"] == Status.WAITING else None,
        "estimated_wait_s": row["estimated_wait_s"] if fresh else ops.estimated_wait(row, ahead),
        "recalls": row["recalls"] or 0,
        "outcome": row["outcome"],
        "rated": row["status"] == Status.DONE
        and ops.store.one("SELECT 1 AS x FROM ratings WHERE ticket_id = ?", (row["id"],))
        is not None,
        "track_url": f"{base_url.rstrip('/')}/t/{row['token']}",
    }
    for f in TIME_FIELDS:
        out[f] = iso(row[f], center.timezone)
    return out


def ticket_staff(ops: Operations, row: Row, base_url: str = "") -> dict[str, Any]:
    """What clerks and supervisors see: adds the notes, the file reference and who handled it."""
    out = ticket_public(ops, row, base_url)
    out.update(
        note=row["note"],
        file_ref=row["file_ref"],
        clerk=row["clerk"],
        transferred_from=bool(row["transferred_from"]),
        window=row["window"],
    )
    return out


def window_view(
    ops: Operations,
    number: int,
    states: dict[int, Row] | None = None,
    current: Row | None = None,
    staff: bool = False,
) -> dict[str, Any]:
    center = ops.center
    w = center.window(number)
    assert w is not None
    state = (states if states is not None else ops.store.window_states()).get(number) or {}
    if current is None:
        current = ops.store.at_window(number)
    ticket = None
    if current is not None:
        ticket = {
            "number": current["number"],
            "service": current["service"],
            "status": current["status"],
            "called_at": iso(current["called_at"], center.timezone),
        }
        if staff:
            ticket = ticket_staff(ops, current)
    return {
        "number": number,
        "label": {"ar": w.label_ar, "en": w.label_en},
        "status": state.get("status") or WindowStatus.OPEN.value,
        "reason": state.get("reason"),
        "since": iso(state.get("since"), center.timezone),
        "services": list(w.services),
        "ticket": ticket,
    }


def services_view(ops: Operations) -> list[dict[str, Any]]:
    center = ops.center
    closed = ops.store.closed_services()
    counts = ops.store.waiting_counts()
    states = ops.store.window_states()
    pace = ops.pace(states=states)
    open_windows = {
        w.number for w in center.windows if (states.get(w.number) or {}).get("status") != "paused"
    }
    out = []
    for s in center.services:
        group = center.is_group(s.code)
        item: dict[str, Any] = {
            "code": s.code,
            "prefix": s.prefix or None,
            "name": {"ar": s.name_ar, "en": s.name_en},
            "parent": s.parent,
            "group": group,
            "open": s.code not in closed,
            "target_wait_min": s.target_wait_min,
        }
        if not group:
            waiting = counts.get(s.code, 0)
            item["waiting"] = waiting
            item["estimated_wait_s"] = round((waiting + 0.5) * pace[s.code])
            item["windows"] = [w.number for w in center.windows_serving(s.code)]
            # A kiosk offers a service only while it is open and some window serving it is.
            item["available"] = item["open"] and any(n in open_windows for n in item["windows"])
        out.append(item)
    for item in out:
        if item["group"]:
            kids = [o for o in out if o["parent"] == item["code"]]
            item["available"] = item["open"] and any(k["available"] for k in kids)
    return out


def recent_calls(ops: Operations, limit: int = 8) -> list[dict[str, Any]]:
    rows = ops.store.all(
        "SELECT number, service, window, last_called_at AS called_at, status FROM tickets "
        "WHERE last_called_at IS NOT NULL AND window IS NOT NULL "
        "ORDER BY last_called_at DESC LIMIT ?",
        (limit,),
    )
    tz = ops.center.timezone
    return [
        {
            "number": r["number"],
            "service": r["service"],
            "window": r["window"],
            "status": r["status"],
            "called_at": iso(r["called_at"], tz),
        }
        for r in rows
    ]


def state_snapshot(ops: Operations, staff: bool = False) -> dict[str, Any]:
    center = ops.center
    states = ops.store.window_states()
    return {
        "center": {
            "name": {"ar": center.name_ar, "en": center.name_en},
            "timezone": center.timezone,
        },
        "now": iso(ops.clock().timestamp(), center.timezone),
        "windows": [window_view(ops, w.number, states, staff=staff) for w in center.windows],
        "services": services_view(ops),
        "recent_calls": recent_calls(ops),
        "notice": ops.notice(),
    }


def window_detail(ops: Operations, number: int, base_url: str = "") -> dict[str, Any]:
    """A clerk's view of a window: its ticket, who comes next, the line per service, today."""
    view = window_view(ops, number, staff=True)
    counts = ops.store.waiting_counts()
    view["next"] = [
        {
            "number": r["number"],
            "service": r["service"],
            "priority": r["priority"],
            "waited_s": round(ops.clock().timestamp() - r["queued_at"]),
        }
        for r in ops.window_line(number)
    ]
    view["waiting"] = {code: counts.get(code, 0) for code in view["services"]}
    view["today"] = ops.window_today(number)
    return view


def queue_view(ops: Operations, code: str) -> dict[str, Any]:
    """A service's line as ticket numbers in call order: a tracking page finds itself in it."""
    return {
        "service": code,
        "waiting": ops.waiting_order(code),
        "seconds_per_person": round(ops.seconds_per_person(code), 1),
    }


def printer_news(status: dict[str, Any], staff: bool) -> dict[str, Any]:
    """The printer's last news. Kiosks get the ticket's number, never its tracking id: every
    kiosk hears it, and a tracking id lets its holder rate and follow that citizen's visit."""
    ticket = status.get("ticket")
    if staff or not isinstance(ticket, dict):
        return status
    return {**status, "ticket": {"number": ticket.get("number")}}

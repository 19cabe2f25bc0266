"""The one place that decides the shape of every ticket, window and state sent to clients."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from .domain.model import Center, Status
from .domain.staffing import Presence, WindowState
from .messages import message
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
    staffing: dict[int, WindowState] | None = None,
    presences: dict[int, Presence] | None = None,
) -> dict[str, Any]:
    center = ops.center
    w = center.window(number)
    assert w is not None
    states = states if states is not None else ops.store.window_states()
    state = states.get(number) or {}
    presences = ops.roster.presences() if presences is None else presences
    staffing = ops.roster.states(center, states, presences) if staffing is None else staffing
    staffed = staffing[number]
    presence = presences.get(number)
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
    out = {
        "number": number,
        "label": {"ar": w.label_ar, "en": w.label_en},
        # open: a clerk is signed in and working; paused; unstaffed: nobody is signed in
        "status": staffed.value,
        "reason": state.get("reason") if staffed == WindowState.PAUSED else None,
        "since": iso(state.get("since"), center.timezone),
        "services": list(w.services),
        "ticket": ticket,
    }
    if staff:  # who is signed in there, and since when
        out["clerk"] = presence.clerk if staffed != WindowState.UNSTAFFED and presence else None
        out["signed_in_at"] = (
            iso(presence.since, center.timezone)
            if presence and staffed != WindowState.UNSTAFFED
            else None
        )
    return out


def services_view(ops: Operations) -> list[dict[str, Any]]:
    center = ops.center
    closed = ops.store.closed_services()
    counts = ops.store.waiting_counts()
    states = ops.store.window_states()
    staffed = ops.staffed_windows()
    waits = ops.next_ticket_waits(states)
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
            item["waiting"] = counts.get(s.code, 0)
            # Counted over staffed windows, the same figure the next ticket will print.
            item["estimated_wait_s"] = waits[s.code]
            item["windows"] = [w.number for w in center.windows_serving(s.code)]
            # A kiosk offers a service only while it is open (supervisor), within its hours and
            # some window serving it has a clerk signed in.
            issuing, why = ops.issuing_now(s.code, staffed)
            item["available"] = item["open"] and issuing
            item["unavailable"] = _why_not(item["open"], why)
        out.append(item)
    for item in out:
        if item["group"]:
            kids = [o for o in out if o["parent"] == item["code"]]
            item["available"] = item["open"] and any(k["available"] for k in kids)
            item["unavailable"] = None if item["available"] else _group_why(item, kids)
    return out


def _why_not(is_open: bool, why: Any) -> dict[str, Any] | None:
    """Why a kiosk cannot issue, in both languages (and when it opens again)."""
    if not is_open:
        return {"reason": "service_closed", "opens_at": None, "message": message("service_closed")}
    if why is None:
        return None
    return {
        "reason": why.code,
        "opens_at": why.details.get("opens_at"),
        "message": message(why.code, **why.details),
    }


def _group_why(group: dict[str, Any], kids: list[dict[str, Any]]) -> dict[str, Any] | None:
    if not group["open"]:
        return _why_not(False, None)
    reasons = [k["unavailable"] for k in kids if k["unavailable"]]
    soonest = sorted(reasons, key=lambda r: r["opens_at"] or "9999")
    return soonest[0] if soonest else None


def center_open(ops: Operations, services: list[dict[str, Any]]) -> dict[str, Any]:
    """Whether the kiosk has anything to offer now, and if not why, in both languages."""
    queues = [s for s in services if not s["group"]]
    if any(s["available"] for s in queues):
        return {"open": True, "opens_at": None, "message": None}
    hours = [s["unavailable"] for s in queues if s["unavailable"]]
    outside = [h for h in hours if h["reason"] == "outside_hours"]
    if len(outside) == len(queues) and outside:
        first = min(outside, key=lambda h: h["opens_at"] or "9999")
        return {
            "open": False,
            "opens_at": first["opens_at"],
            "message": message("center_closed", opens_at=first["opens_at"]),
        }
    return {"open": False, "opens_at": None, "message": message("no_window_open")}


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
    services = services_view(ops)
    return {
        "center": {
            "name": {"ar": center.name_ar, "en": center.name_en},
            "timezone": center.timezone,
            **center_open(ops, services),
        },
        "now": iso(ops.clock().timestamp(), center.timezone),
        "windows": windows_view(ops, states, staff),
        "services": services,
        "recent_calls": recent_calls(ops),
        "notice": ops.notice(),
    }


def windows_view(
    ops: Operations, states: dict[int, Row] | None = None, staff: bool = False
) -> list[dict[str, Any]]:
    """Every window, reading who is signed in once."""
    states = ops.store.window_states() if states is None else states
    presences = ops.roster.presences()
    staffing = ops.roster.states(ops.center, states, presences)
    return [
        window_view(ops, w.number, states, staff=staff, staffing=staffing, presences=presences)
        for w in ops.center.windows
    ]


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
        # staffed windows of the service free right now (the first in line go straight there)
        "free_windows": round(ops.idle_capacity(code), 3),
    }


def printer_news(status: dict[str, Any], staff: bool) -> dict[str, Any]:
    """The printer's last news. Kiosks get the ticket's number, never its tracking id: every
    kiosk hears it, and a tracking id lets its holder rate and follow that citizen's visit."""
    ticket = status.get("ticket")
    if staff or not isinstance(ticket, dict):
        return status
    return {**status, "ticket": {"number": ticket.get("number")}}

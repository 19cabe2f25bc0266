"""The one place that decides the shape of every ticket, window, service and state sent to
clients, over HTTP and Socket.IO alike. Shapes are built from the `Ticket` type and the floor
(dorak/domain/floor.py); what needs reading is read through the use cases, never here."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from .domain.errors import DomainError
from .domain.estimate import predict
from .domain.floor import Floor
from .domain.model import Center, Status
from .domain.staffing import WindowState
from .domain.ticket import Ticket
from .messages import message
from .usecases import Operations

TIME_FIELDS = ("issued_at", "called_at", "started_at", "finished_at")


def iso(at: float | None, tz: str) -> str | None:
    if at is None:
        return None
    return datetime.fromtimestamp(at, ZoneInfo(tz)).isoformat(timespec="seconds")


def service_names(center: Center, code: str) -> dict[str, str]:
    s = center.service(code)
    return {"ar": s.name_ar, "en": s.name_en} if s else {"ar": code, "en": code}


def track_url(base_url: str, t: Ticket) -> str:
    return f"{base_url.rstrip('/')}/t/{t.tracking_id}"


# -- tickets -------------------------------------------------------------------------------
def ticket_public(
    ops: Operations,
    t: Ticket,
    base_url: str = "",
    fresh: bool = False,
    floor: Floor | None = None,
) -> dict[str, Any]:
    """What anyone holding the ticket may see: no clerk names, no notes. `fresh`: just issued,
    so its stored people-ahead and estimate are still current (nothing is read)."""
    center = ops.center
    waiting = t.status == Status.WAITING
    told: list[int] | None = None  # the 80 % range
    if fresh or not waiting:
        ahead = t.ahead_at_issue if waiting else None
        wait = t.estimated_wait_s if waiting else None
        if waiting and t.estimated_low_s is not None and t.estimated_high_s is not None:
            told = [t.estimated_low_s, t.estimated_high_s]
    else:
        ahead = ops.ahead_of(t)
        now = (floor or ops.floor()).estimate_of(center, t.id, t.service, ahead)
        wait, told = now.wait_s, [now.low_s, now.high_s]
    out: dict[str, Any] = {
        "tracking_id": t.tracking_id,
        "number": t.number,
        "service": t.service,
        "service_name": service_names(center, t.service),
        "status": t.status.value,
        "priority": t.priority,
        "window": t.window if t.at_window else None,
        "ahead": ahead,
        "estimated_wait_s": wait,
        "estimated_range_s": told,
        "recalls": t.recalls,
        "outcome": t.outcome,
        "rated": t.status == Status.DONE and ops.store.tickets.rated(t.id),
        # What the clerk told the citizen to do next ("bring the survey drawing"): never a note.
        "next_step": ops.next_step_of(t) if t.status == Status.DONE else None,
        "track_url": track_url(base_url, t),
    }
    for f in TIME_FIELDS:
        out[f] = iso(getattr(t, f), center.timezone)
    return out


def ticket_staff(
    ops: Operations,
    t: Ticket,
    base_url: str = "",
    fresh: bool = False,
    floor: Floor | None = None,
) -> dict[str, Any]:
    """What clerks and supervisors see: adds the notes, the file reference and who handled it."""
    out = ticket_public(ops, t, base_url, fresh, floor)
    out.update(
        note=t.note,
        file_ref=t.file_ref,
        clerk=t.clerk,
        transferred_from=bool(t.transferred_from),
        window=t.window,
    )
    return out


def ticket_board(center: Center, t: Ticket) -> dict[str, Any]:
    """A ticket as the lobby may see it: the number and where to go, nothing that identifies."""
    return {
        "number": t.number,
        "service": t.service,
        "service_name": service_names(center, t.service),
        "status": t.status.value,
        "window": t.window,
        "called_at": iso(t.called_at, center.timezone),
    }


# -- windows -------------------------------------------------------------------------------
def window_view(
    ops: Operations,
    floor: Floor,
    number: int,
    current: Ticket | None,
    staff: bool = False,
    states: dict[int, WindowState] | None = None,
) -> dict[str, Any]:
    center = ops.center
    w = center.window(number)
    assert w is not None
    states = floor.states(center) if states is None else states
    staffed = states[number]
    record = floor.windows.get(number)
    presence = floor.staff.get(number)
    ticket = None
    if current is not None:
        if staff:
            ticket = ticket_staff(ops, current, floor=floor)
        else:
            ticket = {
                "number": current.number,
                "service": current.service,
                "status": current.status.value,
                "called_at": iso(current.called_at, center.timezone),
            }
    out = {
        "number": number,
        "label": {"ar": w.label_ar, "en": w.label_en},
        # open: a clerk is signed in and working; paused; unstaffed: nobody is signed in
        "status": staffed.value,
        "reason": record.reason if record and staffed == WindowState.PAUSED else None,
        "since": iso(record.since if record else None, center.timezone),
        "services": list(w.services),
        "ticket": ticket,
    }
    if staff:  # who is signed in there, and since when
        signed = staffed != WindowState.UNSTAFFED and presence is not None
        out["clerk"] = presence.clerk if signed and presence else None
        out["signed_in_at"] = iso(presence.since, center.timezone) if signed and presence else None
    return out


def windows_view(
    ops: Operations, floor: Floor, at_windows: dict[int, Ticket], staff: bool = False
) -> list[dict[str, Any]]:
    states = floor.states(ops.center)
    return [
        window_view(ops, floor, w.number, at_windows.get(w.number), staff, states)
        for w in ops.center.windows
    ]


def window_line(ops: Operations, floor: Floor, number: int) -> dict[str, Any]:
    """What a clerk's page shows beside the window: who comes next, the lines it serves."""
    w = ops.center.window(number)
    assert w is not None
    return {
        "next": [
            {
                "number": h.number,
                "service": h.service,
                "priority": h.priority,
                "waited_s": round(floor.at - h.queued_at),
            }
            for h in floor.next_at(ops.center, number)
        ],
        "waiting": {code: floor.waiting(code) for code in w.services},
    }


def window_detail(ops: Operations, number: int, base_url: str = "") -> dict[str, Any]:
    """A clerk's view of a window: its ticket, who comes next, the line per service, today."""
    floor = ops.floor()
    view = window_view(ops, floor, number, ops.store.tickets.at_window(number), staff=True)
    return {**view, **window_line(ops, floor, number), "today": ops.window_today(number)}


# -- services and the center -----------------------------------------------------------------
def services_view(center: Center, floor: Floor) -> list[dict[str, Any]]:
    out = []
    for s in center.services:
        group = center.is_group(s.code)
        item: dict[str, Any] = {
            "code": s.code,
            "prefix": s.prefix or None,
            "name": {"ar": s.name_ar, "en": s.name_en},
            "parent": s.parent,
            "group": group,
            "open": s.code not in floor.closed,
            "target_wait_min": s.target_wait_min,
        }
        if not group:
            item["waiting"] = floor.waiting(s.code)
            # Counted over staffed windows, the same figure the next ticket will print.
            told = floor.next_estimate(center, s.code)
            item["estimated_wait_s"] = told.wait_s
            item["estimated_range_s"] = [told.low_s, told.high_s]
            oldest = floor.oldest(s.code)
            item["longest_wait_s"] = None if oldest is None else round(floor.at - oldest)
            item["windows"] = [w.number for w in center.windows_serving(s.code)]
            # A kiosk offers a service only while it is open (supervisor), within its hours and
            # some window serving it has a clerk signed in.
            refused = floor.issuing_now(center, s.code)
            item["available"] = item["open"] and refused is None
            item["unavailable"] = _why_not(item["open"], refused)
        out.append(item)
    for item in out:
        if item["group"]:
            kids = [o for o in out if o["parent"] == item["code"]]
            item["available"] = item["open"] and any(k["available"] for k in kids)
            item["unavailable"] = None if item["available"] else _group_why(item, kids)
    return out


def _why_not(is_open: bool, why: DomainError | None) -> dict[str, Any] | None:
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


def center_open(services: list[dict[str, Any]]) -> dict[str, Any]:
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


def queue_news(center: Center, floor: Floor) -> dict[str, Any]:
    """`queue_updated`: the services as `GET /services` and whether the kiosk may issue."""
    services = services_view(center, floor)
    return {"services": services, "center": center_open(services)}


def recent_calls(ops: Operations, limit: int = 8) -> list[dict[str, Any]]:
    tz = ops.center.timezone
    return [
        {"number": n, "service": s, "window": w, "status": status, "called_at": iso(at, tz)}
        for n, s, w, at, status in ops.store.figures.recent_calls(limit)
    ]


def state_snapshot(ops: Operations, staff: bool = False) -> dict[str, Any]:
    center = ops.center
    floor = ops.floor()
    services = services_view(center, floor)
    return {
        "center": {
            "name": {"ar": center.name_ar, "en": center.name_en},
            "timezone": center.timezone,
            **center_open(services),
        },
        "now": iso(floor.at, center.timezone),
        "windows": windows_view(ops, floor, ops.store.tickets.at_windows(), staff),
        "services": services,
        "recent_calls": recent_calls(ops),
        "notice": ops.notice(),
    }


def line_view(ops: Operations, floor: Floor, code: str) -> dict[str, Any]:
    """A service's line as ticket numbers in call order: a tracking page finds itself in it."""
    waiting = ops.waiting_order(code)
    view = floor.line_view(ops.center, code, 0)
    told = floor.estimates_in_line(ops.center, code)
    return {
        "service": code,
        "waiting": waiting,
        "seconds_per_person": round(floor.pace(ops.center, code), 1),
        # open windows of the service free right now (the first in line go straight there)
        "free_windows": view.free,
        # what each place in the line is told now: [wait, low, high] (the tracking page)
        "estimates": [
            [e.wait_s, e.low_s, e.high_s]
            for e in (
                told.get(number) or predict(replace(view, ahead=i))
                for i, number in enumerate(waiting)
            )
        ],
    }


def printer_news(status: dict[str, Any], staff: bool) -> dict[str, Any]:
    """The printer's last news. Kiosks get the ticket's number, never its tracking id: every
    kiosk hears it, and a tracking id lets its holder rate and follow that citizen's visit."""
    ticket = status.get("ticket")
    if staff or not isinstance(ticket, dict):
        return status
    return {**status, "ticket": {"number": ticket.get("number")}}

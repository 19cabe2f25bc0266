"""GET /api/v1/public: the transparency figures anyone may see, per service, for today."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import jsonify
from flask.typing import ResponseReturnValue

from ..integrity_figures import served_in_order
from ..payloads import services_view
from ..reports import report
from ..usecases import Operations
from ..web.identity import dorak
from .declare import route


def public_figures(ops: Operations) -> dict[str, Any]:
    today = ops.center.day_of(ops.clock())
    day = date.fromisoformat(today)
    done = {r["service"]: r for r in report(ops.store, ops.center, day, day, "service")}
    services = []
    for s in services_view(ops.center, ops.floor()):
        if s["group"]:
            continue
        figures = done.get(s["code"], {})
        services.append(
            {
                "code": s["code"],
                "name": s["name"],
                "open": s["available"],
                "waiting": s["waiting"],
                "estimated_wait_s": s["estimated_wait_s"],
                "served_today": figures.get("served", 0),
                "median_wait_today_s": figures.get("wait_median_s"),
                "within_target_today": figures.get("within_target"),
                "target_wait_min": s["target_wait_min"],
            }
        )
    # Calls made in order today (README "Integrity of the line"): None before the first call.
    in_order = served_in_order(ops.store, day)
    return {"day": today, "services": services, "served_in_order_today": in_order}


@route("GET", "/public", "Today's transparency figures per service", ok=("Public", "Figures"))
def public() -> ResponseReturnValue:
    return jsonify(public_figures(dorak().ops))

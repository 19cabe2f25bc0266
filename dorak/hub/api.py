"""The hub's HTTP API, each route declared once (`declare`): path, method, who may call it, its
query parameters and answers; the OpenAPI document (/hub/api/v1/openapi.json) is made from the
same declarations.

Who: "center" (a center's sync token), "reader" (a viewer or admin: a signed-in user or a bearer
token; a viewer limited to some centers sees only those), "public"."""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, Response, current_app, g, jsonify, request, session

from ..reports import as_csv, as_xlsx
from ..store.hub import CenterRow
from ..store.hub.reads import Reader
from .errors import HubError
from .service import Hub, visible

bp = Blueprint("hub_api", __name__, url_prefix="/hub/api/v1")
MAX_BATCH = 10_000  # events in one push
MAX_INFLATED = 32 * 1024 * 1024  # a gzip body never inflates past this


@dataclass(frozen=True)
class Declared:
    path: str
    method: str
    who: str
    summary: str
    params: dict[str, str] = field(default_factory=dict)  # query parameter -> description
    answers: dict[int, str] = field(default_factory=dict)
    body: str | None = None


DECLARED: list[Declared] = []


def declare(
    path: str, method: str, who: str, summary: str, **kw: Any
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    d = Declared(path, method, who, summary, **kw)
    DECLARED.append(d)

    def wrap(view: Callable[..., Any]) -> Callable[..., Any]:
        def guarded(*args: Any, **kwargs: Any) -> Any:
            if who == "center":
                g.center = the_center()
            elif who == "reader":
                g.reader = the_reader()
            return view(*args, **kwargs)

        guarded.__name__ = view.__name__
        flask_path = path.replace("{code}", "<code>")
        bp.add_url_rule(flask_path, view.__name__, guarded, methods=[method])
        return guarded

    return wrap


def hub() -> Hub:
    h: Hub = current_app.extensions["hub"]
    return h


def _bearer() -> str | None:
    auth = request.headers.get("Authorization", "")
    return auth[7:].strip() if auth.lower().startswith("bearer ") else None


def the_center() -> CenterRow:
    token = _bearer()
    center = hub().store.center_by_token(token) if token else None
    if center is None:
        raise HubError("wrong_center_token", 401)
    return center


def the_reader() -> Reader:
    token = _bearer()
    if token:
        reader = hub().store.reads.token(token)
        if reader is None:
            raise HubError("unauthorized", 401)
        return reader
    user = session.get("hub_user")
    if user:
        return Reader(
            user["name"], user["role"], None if user["centers"] is None else tuple(user["centers"])
        )
    raise HubError("unauthorized", 401)


def _json_body() -> Any:
    raw = request.get_data(cache=False)
    if request.headers.get("Content-Encoding", "").lower() == "gzip":
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        raw = d.decompress(raw, MAX_INFLATED)
        if d.unconsumed_tail:
            raise HubError("too_large", 413)
    try:
        return current_app.json.loads(raw)
    except ValueError:
        raise HubError("bad_batch", 400, detail="not JSON") from None


def _checked_events(events: Any, center: CenterRow) -> list[list[Any]]:
    if not isinstance(events, list) or len(events) > MAX_BATCH:
        raise HubError("bad_batch", 400, detail=f"'events' must be a list of at most {MAX_BATCH}")
    for e in events:
        ok = (
            isinstance(e, list)
            and len(e) == 10
            and isinstance(e[0], int)
            and e[0] > 0
            and isinstance(e[1], str)
            and isinstance(e[2], int | float)
            and (e[9] is None or isinstance(e[9], dict))
        )
        if not ok:
            raise HubError("bad_batch", 400, detail="an event is not [id, kind, at, ...10 fields]")
    return events


# -- what centers send ------------------------------------------------------------------------
@declare(
    "/sync/state",
    "GET",
    "center",
    "Where the hub stands for the calling center",
    answers={200: "{center, high_water}"},
)
def sync_state() -> Any:
    c: CenterRow = g.center
    return jsonify({"center": c.code, "high_water": c.high_water})


@declare(
    "/sync/events",
    "POST",
    "center",
    "A batch of the center's events (gzip JSON)",
    body="{events: [[id, kind, at, ticket_id, number, service, day, window, clerk, "
    "details]], config: TOML or null}",
    answers={
        200: "{high_water, stored}",
        400: "bad batch",
        401: "wrong token",
        403: "another center's events",
    },
)
def sync_events() -> Any:
    c: CenterRow = g.center
    data = _json_body()
    if not isinstance(data, dict):
        raise HubError("bad_batch", 400, detail="an object is expected")
    if data.get("center") not in (None, c.code):
        raise HubError("not_your_center", 403)
    events = _checked_events(data.get("events", []), c)
    config = data.get("config")
    if config is not None and not isinstance(config, str):
        raise HubError("bad_batch", 400, detail="'config' must be TOML text")
    h = hub()
    from .service import center_model

    done = h.store.ingest(c.id, events, h.now(), center_model, config)
    current_app.extensions["hub_publisher"].center_changed(c.id)
    return jsonify({"high_water": done.high_water, "stored": done.stored})


@declare(
    "/sync/heartbeat",
    "POST",
    "center",
    "The center's live floor (every 15 s)",
    body="{live: {waiting, staffed, windows, services, calls, alerts}}",
    answers={200: "{ok}", 401: "wrong token"},
)
def sync_heartbeat() -> Any:
    c: CenterRow = g.center
    data = _json_body()
    live = data.get("live") if isinstance(data, dict) else None
    if not isinstance(live, dict):
        raise HubError("bad_batch", 400, detail="'live' must be an object")
    h = hub()
    h.store.heartbeat(c.id, live, h.now())
    current_app.extensions["hub_publisher"].center_changed(c.id)
    return jsonify({"ok": True})


# -- what people read ---------------------------------------------------------------------------
@declare(
    "/centers",
    "GET",
    "reader",
    "Every center the reader may see, as on the dashboard",
    answers={200: "[center summary]", 401: "not signed in"},
)
def centers() -> Any:
    h = hub()
    return jsonify(h.summaries(h.centers_for(g.reader)))


@declare(
    "/centers/{code}",
    "GET",
    "reader",
    "One center: today's figures and its live floor",
    answers={200: "center detail", 403: "not this reader's", 404: "no such center"},
)
def center(code: str) -> Any:
    h = hub()
    c = h.store.center(code)
    if c is None:
        raise HubError("not_found", 404)
    if not visible(g.reader, c.id):
        raise HubError("forbidden", 403)
    return jsonify(h.detail(c))


@declare(
    "/reports",
    "GET",
    "reader",
    "The centers' own reports for a period",
    params={
        "from": "first day YYYY-MM-DD",
        "to": "last day (default: from)",
        "by": "center | service | day | hour",
        "format": "json | csv | xlsx",
    },
    answers={200: "rows, one per center and group", 400: "bad request"},
)
def reports() -> Any:
    a = request.args
    fmt = a.get("format", "json")
    if fmt not in ("json", "csv", "xlsx"):
        raise HubError("bad_report", 400, detail="'format' must be json, csv or xlsx")
    rows = hub().report(g.reader, a.get("from"), a.get("to"), a.get("by", "center"))
    name = f"dorak-hub-{a.get('from')}-{a.get('to') or a.get('from')}-{a.get('by', 'center')}"
    if fmt == "csv":
        return Response(
            as_csv(rows),
            mimetype="text/csv; charset=utf-8",
            headers={"Content-Disposition": f"attachment; filename={name}.csv"},
        )
    if fmt == "xlsx":
        return Response(
            as_xlsx(rows, "Dorak hub"),
            mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            headers={"Content-Disposition": f"attachment; filename={name}.xlsx"},
        )
    return jsonify(rows)


@declare(
    "/public/waits",
    "GET",
    "public",
    "Each center's current waits, for citizens",
    answers={200: "[center with waiting and next wait per service]"},
)
def public_waits() -> Any:
    return jsonify(hub().public_waits())


@declare("/openapi.json", "GET", "public", "This document")
def openapi() -> Any:
    from .openapi import document

    return jsonify(document(DECLARED))

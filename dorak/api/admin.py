"""Administration over HTTP: the center's configuration (live), users and device tokens.
Admins only. Every change is validated whole and refused, with the reason, if it would break
the running day; nothing is half-saved, and what is saved is audited once, in its transaction."""

from __future__ import annotations

import base64
import io
from dataclasses import asdict, replace
from typing import Any, TypeVar

from flask import jsonify
from flask.typing import ResponseReturnValue
from PIL import Image

from printer.drivers import PrinterFault

from ..center_config import ChangeRefused
from ..domain.hours import OpeningHours
from ..domain.model import Center, PriorityCategory, Service, Window
from ..hours_config import parse_hours
from ..web.errors import ApiError
from ..web.identity import dorak
from .declare import ADMINS, caller, route

T = TypeVar("T")
SAVED = ("Config", "The configuration as saved")
DONE = ("Done", "Done")


def _apply(new: Center, action: str, **details: object) -> ResponseReturnValue:
    d = dorak()
    try:
        _, events = d.admin.change_center(new, caller(), action, **details)
    except ChangeRefused as e:
        status = 400 if e.code == "invalid_config" else 409
        raise ApiError(e.code, status, **e.details) from None
    d.dispatch(events)  # screens and kiosks learn the new services and windows at once
    return jsonify({"toml": d.config.export()})


@route(
    "GET", "/admin/config", "The whole configuration as TOML (and as data)", who=ADMINS, ok=SAVED
)
def export_config() -> ResponseReturnValue:
    """The configuration as TOML (to save or edit whole) and as data (for the admin page)."""
    d = dorak()
    center = asdict(d.ops.center, dict_factory=_plain)
    return jsonify({"toml": d.config.export(), "center": center})


def _plain(fields: list[tuple[str, Any]]) -> dict[str, Any]:
    """asdict() with sets as sorted lists (JSON has no sets)."""
    return {k: sorted(v) if isinstance(v, frozenset) else v for k, v in fields}


@route(
    "PUT",
    "/admin/config",
    "Replace the configuration from TOML (checked against the running day)",
    who=ADMINS,
    body="ConfigToml",
    ok=SAVED,
    errors=(409,),
)
def import_config(data: dict[str, Any]) -> ResponseReturnValue:
    d = dorak()
    try:
        _, events = d.admin.import_config(data["toml"], caller())
    except ChangeRefused as e:
        raise ApiError(e.code, 400 if e.code == "invalid_config" else 409, **e.details) from None
    d.dispatch(events)
    return jsonify({"toml": d.config.export()})


@route(
    "PUT",
    "/admin/center",
    "Names, time zone, start of the working day, priority categories",
    who=ADMINS,
    body="AdminCenter",
    ok=SAVED,
    errors=(409,),
)
def edit_center(data: dict[str, Any]) -> ResponseReturnValue:
    """Names, time zone, when the working day starts, priority categories."""
    center = dorak().ops.center
    priorities = center.priorities
    if "priorities" in data:
        priorities = tuple(
            PriorityCategory(p["code"], p["name_ar"], p["name_en"]) for p in data["priorities"]
        )
    hours = center.hours
    if "hours" in data:
        hours = parse_hours(data["hours"], OpeningHours(), _bad_hours)
    new = replace(
        center,
        hours=hours,
        name_ar=data.get("name_ar", center.name_ar),
        name_en=data.get("name_en", center.name_en),
        timezone=data.get("timezone", center.timezone),
        day_starts_at=data.get("day_starts_at", center.day_starts_at),
        priorities=priorities,
    )
    details = {k: v for k, v in data.items() if k not in ("priorities", "hours")}
    return _apply(new, "center_edit", **details)


def _bad_hours(detail: str) -> Exception:
    return ApiError("invalid_config", 400, detail=f"hours: {detail}")


@route(
    "GET",
    "/admin/settings",
    "Printer and lobby display settings",
    who=ADMINS,
    ok=("Done", "The settings"),
)
def get_settings() -> ResponseReturnValue:
    return jsonify(dorak().settings())


@route(
    "PUT",
    "/admin/settings",
    "Change printer and lobby display settings (at once)",
    who=ADMINS,
    body="AdminSettings",
    ok=("Done", "The settings"),
)
def put_settings(data: dict[str, Any]) -> ResponseReturnValue:
    """Printer (address, paper width, digits) and lobby display (voice, languages, recent
    calls): checked, saved, then in effect at once."""
    d = dorak()
    try:
        settings, events = d.admin.change_settings(data, caller())
    except PrinterFault as e:
        raise ApiError("bad_request", 400, detail=e.detail or e.code) from None
    d.dispatch(events)
    return jsonify(settings)


MAX_LOGO_BYTES = 200_000
# Its own body limit: the image in base64 (4/3 of it) and the JSON around it. Everything else
# keeps MAX_CONTENT_LENGTH (64 KiB), which would refuse any logo over ~48 KB.
MAX_LOGO_BODY = 4 * (MAX_LOGO_BYTES + 2) // 3 + 1024


@route(
    "PUT",
    "/admin/logo",
    "The center's logo for the top of the ticket (PNG or JPEG, base64)",
    who=ADMINS,
    body="AdminLogo",
    ok=DONE,
    max_body=MAX_LOGO_BODY,
)
def put_logo(data: dict[str, Any]) -> ResponseReturnValue:
    """The center's logo for the top of the ticket: a PNG or JPEG, base64."""
    try:
        raw = base64.b64decode(data["image"], validate=True)
        if len(raw) > MAX_LOGO_BYTES:
            raise ValueError("larger than 200 KB")
        with Image.open(io.BytesIO(raw)) as img:
            img.load()
            if img.format not in ("PNG", "JPEG") or img.width > 2000 or img.height > 2000:
                raise ValueError("a PNG or JPEG up to 2000 x 2000 pixels")
            out = io.BytesIO()
            img.convert("L").save(out, "PNG")
    except (ValueError, OSError) as e:
        raise ApiError("bad_request", 400, detail=f"logo: {e}") from None
    dorak().admin.set_logo(base64.b64encode(out.getvalue()).decode(), caller())
    return jsonify({"ok": True})


@route("DELETE", "/admin/logo", "Print tickets without a logo", who=ADMINS, ok=DONE)
def delete_logo() -> ResponseReturnValue:
    dorak().admin.set_logo(None, caller())
    return jsonify({"ok": True})


@route(
    "POST",
    "/admin/printer/test",
    "Print a test ticket; with the virtual printer, the image it printed",
    who=ADMINS,
    body="Empty",
    ok=DONE,
    errors=(409,),
)
def test_print(data: dict[str, Any]) -> ResponseReturnValue:
    d = dorak()
    if d.printer is None or not d.printer.enabled:
        raise ApiError("printer_none", 409)
    return jsonify(d.printer.test_print())


def _service_from(data: dict[str, Any], old: Service | None) -> Service:
    base = old or Service(code=data["code"], prefix="", name_ar="", name_en="")
    return replace(
        base,
        prefix=data.get("prefix", base.prefix) or "",
        name_ar=data.get("name_ar", base.name_ar),
        name_en=data.get("name_en", base.name_en),
        target_wait_min=data.get("target_wait_min", base.target_wait_min),
        expected_service_min=data.get("expected_service_min", base.expected_service_min),
        parent=data.get("parent", base.parent) or None,
    )


def _with_windows(
    center: Center, code: str, weights: dict[str, float] | None
) -> tuple[Window, ...]:
    if weights is None:
        return center.windows
    for number in weights:  # a weight for a window that is not there is a mistake, not noise
        if center.window(int(number)) is None:
            raise ApiError("unknown_window", 404, window=int(number))
    out = []
    for w in center.windows:
        services = {k: v for k, v in w.services.items() if k != code}
        if str(w.number) in weights:
            services[code] = weights[str(w.number)]
        out.append(replace(w, services=services))
    return tuple(out)


@route(
    "POST",
    "/admin/services",
    "Add a service",
    who=ADMINS,
    body="AdminService",
    ok=SAVED,
    status=201,
    errors=(404, 409),
)
def add_service(data: dict[str, Any]) -> ResponseReturnValue:
    center = dorak().ops.center
    if center.service(data["code"]) is not None:
        raise ApiError("bad_request", 400, detail=f"service {data['code']} exists already")
    service = _service_from(data, None)
    new = replace(
        center,
        services=(*center.services, service),
        windows=_with_windows(center, service.code, data.get("windows")),
    )
    return _apply(new, "service_add", service=service.code), 201  # type: ignore[return-value]


@route(
    "PUT",
    "/admin/services/<code>",
    "Edit a service",
    who=ADMINS,
    body="AdminServiceEdit",
    ok=SAVED,
    errors=(409,),
)
def edit_service(code: str, data: dict[str, Any]) -> ResponseReturnValue:
    center = dorak().ops.center
    old = center.service(code)
    if old is None:
        raise ApiError("unknown_service", 404, service=code)
    service = _service_from({**data, "code": code}, old)
    new = replace(
        center,
        services=tuple(service if s.code == code else s for s in center.services),
        windows=_with_windows(center, code, data.get("windows")),
    )
    return _apply(new, "service_edit", service=code)


@route(
    "DELETE",
    "/admin/services/<code>",
    "Retire a service (refused while tickets wait)",
    who=ADMINS,
    ok=SAVED,
    errors=(409,),
)
def retire_service(code: str) -> ResponseReturnValue:
    center = dorak().ops.center
    if center.service(code) is None:
        raise ApiError("unknown_service", 404, service=code)
    new = replace(
        center,
        services=tuple(s for s in center.services if s.code != code),
        windows=tuple(
            replace(w, services={k: v for k, v in w.services.items() if k != code})
            for w in center.windows
        ),
    )
    return _apply(new, "service_retire", service=code)


@route(
    "PUT",
    "/admin/windows/<int:n>",
    "Edit a window: label, services and weights",
    who=ADMINS,
    body="AdminWindow",
    ok=SAVED,
    errors=(409,),
)
def edit_window(n: int, data: dict[str, Any]) -> ResponseReturnValue:
    center = dorak().ops.center
    if center.window(n) is None:
        raise ApiError("unknown_window", 404, window=n)
    new = replace(
        center,
        windows=tuple(
            replace(
                w,
                services=data.get("services", w.services),
                label_ar=data.get("label_ar", w.label_ar),
                label_en=data.get("label_en", w.label_en),
            )
            if w.number == n
            else w
            for w in center.windows
        ),
    )
    return _apply(new, "window_edit", window=n)

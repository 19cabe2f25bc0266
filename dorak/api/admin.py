"""Administration over HTTP: the center's configuration (live), users and device tokens.
Admins only. Every change is validated whole and refused, with the reason, if it would break
the running day; nothing is half-saved."""

from __future__ import annotations

import base64
import io
import time
from dataclasses import asdict, replace
from typing import Any

from flask import jsonify
from flask.typing import ResponseReturnValue
from PIL import Image

from printer.drivers import PrinterFault

from ..auth import AccountError
from ..center_config import ChangeRefused
from ..domain.model import Center, PriorityCategory, Service, Window
from ..events import QueueChanged, WindowUpdated
from ..realtime import socketio
from ..store import Store
from ..web.errors import ApiError
from ..web.identity import audit, current_principal, dorak, require
from . import bp
from .validation import body

admin_only = require(lambda who, **_: who.role == "admin")


def _apply(new: Center) -> ResponseReturnValue:
    d = dorak()
    who = current_principal()
    try:
        center = d.config.replace(new, who.name if who else "admin")
    except ChangeRefused as e:
        status = 400 if e.code == "invalid_config" else 409
        raise ApiError(e.code, status, **e.details) from None
    # Screens and kiosks learn the new services and windows at once.
    d.publish(
        [
            QueueChanged(frozenset(s.code for s in center.services if s.prefix)),
            *(WindowUpdated(w.number) for w in center.windows),
        ]
    )
    return jsonify({"toml": d.config.export()})


@bp.get("/admin/config")
@admin_only
def export_config() -> ResponseReturnValue:
    """The configuration as TOML (to save or edit whole) and as data (for the admin page)."""
    d = dorak()
    center = asdict(d.ops.center, dict_factory=_plain)
    return jsonify({"toml": d.config.export(), "center": center})


def _plain(fields: list[tuple[str, Any]]) -> dict[str, Any]:
    """asdict() with sets as sorted lists (JSON has no sets)."""
    return {k: sorted(v) if isinstance(v, frozenset) else v for k, v in fields}


@bp.put("/admin/config")
@admin_only
def import_config() -> ResponseReturnValue:
    data = body("ConfigToml")
    d = dorak()
    who = current_principal()
    try:
        center = d.config.import_toml(data["toml"], who.name if who else "admin")
    except ChangeRefused as e:
        raise ApiError(e.code, 400 if e.code == "invalid_config" else 409, **e.details) from None
    d.publish(
        [
            QueueChanged(frozenset(s.code for s in center.services if s.prefix)),
            *(WindowUpdated(w.number) for w in center.windows),
        ]
    )
    return jsonify({"toml": d.config.export()})


@bp.put("/admin/center")
@admin_only
def edit_center() -> ResponseReturnValue:
    """Names, time zone, when the working day starts, priority categories."""
    data = body("AdminCenter")
    center = dorak().ops.center
    priorities = center.priorities
    if "priorities" in data:
        priorities = tuple(
            PriorityCategory(p["code"], p["name_ar"], p["name_en"]) for p in data["priorities"]
        )
    new = replace(
        center,
        name_ar=data.get("name_ar", center.name_ar),
        name_en=data.get("name_en", center.name_en),
        timezone=data.get("timezone", center.timezone),
        day_starts_at=data.get("day_starts_at", center.day_starts_at),
        priorities=priorities,
    )
    audit("center_edit", **{k: v for k, v in data.items() if k != "priorities"})
    return _apply(new)


@bp.get("/admin/settings")
@admin_only
def get_settings() -> ResponseReturnValue:
    return jsonify(dorak().settings())


@bp.put("/admin/settings")
@admin_only
def put_settings() -> ResponseReturnValue:
    """Printer (address, paper width, digits) and lobby display (voice, languages, recent
    calls): saved, then in effect at once."""
    data = body("AdminSettings")
    d = dorak()
    settings = {**d.settings(), **data}
    try:
        d.apply_settings(settings)
    except PrinterFault as e:
        d.apply_settings(d.settings())  # back to what was working
        raise ApiError("bad_request", 400, detail=e.detail or e.code) from None
    with d.store.write() as conn:
        stored = {**(d.store.setting("runtime", {}) or {}), **data}
        Store.set_setting(conn, "runtime", stored, time.time())
    audit("settings", **data)
    socketio.emit(
        "display_settings_updated",
        {
            "voice": settings["display_voice"],
            "recent": settings["display_recent"],
            "langs": [x.strip() for x in settings["display_langs"].split(",") if x.strip()],
        },
        to=["display", "supervisors"],
    )
    return jsonify(settings)


MAX_LOGO_BYTES = 200_000


@bp.put("/admin/logo")
@admin_only
def put_logo() -> ResponseReturnValue:
    """The center's logo for the top of the ticket: a PNG or JPEG, base64."""
    data = body("AdminLogo")
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
    d = dorak()
    with d.store.write() as conn:
        Store.set_setting(conn, "logo_png", base64.b64encode(out.getvalue()).decode(), time.time())
    audit("logo_set")
    return jsonify({"ok": True})


@bp.delete("/admin/logo")
@admin_only
def delete_logo() -> ResponseReturnValue:
    d = dorak()
    with d.store.write() as conn:
        Store.set_setting(conn, "logo_png", None, time.time())
    audit("logo_removed")
    return jsonify({"ok": True})


@bp.post("/admin/printer/test")
@admin_only
def test_print() -> ResponseReturnValue:
    body("Empty")
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


@bp.post("/admin/services")
@admin_only
def add_service() -> ResponseReturnValue:
    data = body("AdminService")
    center = dorak().ops.center
    if center.service(data["code"]) is not None:
        raise ApiError("bad_request", 400, detail=f"service {data['code']} exists already")
    service = _service_from(data, None)
    new = replace(
        center,
        services=(*center.services, service),
        windows=_with_windows(center, service.code, data.get("windows")),
    )
    audit("service_add", service=service.code)
    return _apply(new), 201  # type: ignore[return-value]


@bp.put("/admin/services/<code>")
@admin_only
def edit_service(code: str) -> ResponseReturnValue:
    data = body("AdminServiceEdit")
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
    audit("service_edit", service=code)
    return _apply(new)


@bp.delete("/admin/services/<code>")
@admin_only
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
    audit("service_retire", service=code)
    return _apply(new)


@bp.put("/admin/windows/<int:n>")
@admin_only
def edit_window(n: int) -> ResponseReturnValue:
    data = body("AdminWindow")
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
    audit("window_edit", window=n)
    return _apply(new)


def _account(action: Any) -> Any:
    try:
        return action()
    except AccountError as e:
        raise ApiError("account", 400, detail=str(e)) from None


@bp.get("/admin/users")
@admin_only
def list_users() -> ResponseReturnValue:
    return jsonify({"users": dorak().accounts.users()})


@bp.post("/admin/users")
@admin_only
def add_user() -> ResponseReturnValue:
    data = body("AdminUser")
    window = data.get("window")
    if window is not None and dorak().ops.center.window(window) is None:
        raise ApiError("unknown_window", 404, window=window)
    _account(
        lambda: dorak().accounts.add_user(
            data["username"], data["password"], data["role"], window, data.get("name")
        )
    )
    audit("user_add", user=data["username"], role=data["role"])
    return jsonify({"users": dorak().accounts.users()}), 201


@bp.post("/admin/users/<username>/password")
@admin_only
def reset_password(username: str) -> ResponseReturnValue:
    data = body("AdminPassword")
    _account(lambda: dorak().accounts.set_password(username, data["password"]))
    audit("user_passwd", user=username)
    return jsonify({"ok": True})


@bp.post("/admin/users/<username>/active")
@admin_only
def set_user_active(username: str) -> ResponseReturnValue:
    data = body("AdminActive")
    _account(lambda: dorak().accounts.set_active(username, data["active"]))
    audit("user_enable" if data["active"] else "user_disable", user=username)
    return jsonify({"users": dorak().accounts.users()})


@bp.get("/admin/tokens")
@admin_only
def list_tokens() -> ResponseReturnValue:
    return jsonify({"tokens": dorak().accounts.tokens()})


@bp.post("/admin/tokens")
@admin_only
def create_token() -> ResponseReturnValue:
    data = body("AdminToken")
    window = data.get("window")
    if window is not None and dorak().ops.center.window(window) is None:
        raise ApiError("unknown_window", 404, window=window)
    token = _account(lambda: dorak().accounts.create_token(data["role"], window, data.get("label")))
    audit("token_create", role=data["role"], window=window)
    return jsonify({"token": token, "tokens": dorak().accounts.tokens()}), 201


@bp.post("/admin/tokens/<int:token_id>/revoke")
@admin_only
def revoke_token(token_id: int) -> ResponseReturnValue:
    body("Empty")
    _account(lambda: dorak().accounts.revoke_token(token_id))
    audit("token_revoke", id=token_id)
    return jsonify({"tokens": dorak().accounts.tokens()})

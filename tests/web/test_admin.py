"""Administration: live configuration changes, the running day protected, users and devices."""

from __future__ import annotations

import base64
import io
from datetime import UTC, datetime

from flask import Flask
from flask.testing import FlaskClient
from PIL import Image

from dorak.center_config import to_toml
from dorak.config import load_center, parse_center
from dorak.domain.numbering import local_day
from dorak.realtime import socketio
from tests.conftest import Api

NEW = {
    "code": "marriage",
    "prefix": "M",
    "name_ar": "توثيق عقود الزواج",
    "name_en": "Marriage contracts",
    "target_wait_min": 20,
    "windows": {"8": 1, "9": 0.5},
}


def admin(api: Api, method: str, path: str, json: object = None) -> object:
    return api.client.open(
        f"/api/v1/admin{path}",
        method=method,
        json=json,
        headers={"Authorization": f"Bearer {api.tokens['admin']}"},
    )


def test_toml_round_trip_of_the_sample_center() -> None:
    center = load_center()
    assert parse_center(to_toml(center)) == center


def test_a_new_service_is_live_at_once(api: Api, app: Flask, client: FlaskClient) -> None:
    kiosk = socketio.test_client(app, flask_test_client=client, auth={"token": api.tokens["kiosk"]})
    kiosk.get_received()
    r = admin(api, "POST", "/services", NEW)
    assert r.status_code == 201, r.get_json()  # type: ignore[attr-defined]
    services = [
        m["args"][0]["services"] for m in kiosk.get_received() if m["name"] == "queue_updated"
    ]
    assert services and any(s["code"] == "marriage" and s["available"] for s in services[-1])
    t = api.issue("marriage")
    assert t["number"] == "M001"
    assert api.act(8, "call-next", as_="admin").get_json()["number"] == "M001"  # window 8 serves it
    assert "marriage" in admin(api, "GET", "/config").get_json()["toml"]  # type: ignore[attr-defined]


def test_window_services_change_who_is_called(api: Api) -> None:
    api.issue("payments")
    assert api.act(1, "call-next").status_code == 204  # window 1 serves reconciliation only
    r = admin(api, "PUT", "/windows/1", {"services": {"reconciliation": 1, "payments": 1}})
    assert r.status_code == 200
    assert api.act(1, "call-next").get_json()["number"] == "H001"


def test_changes_that_would_break_the_day_are_refused(api: Api, app: Flask) -> None:
    api.issue("payments")
    before = admin(api, "GET", "/config").get_json()["toml"]  # type: ignore[attr-defined]
    r = admin(api, "DELETE", "/services/payments")
    assert r.status_code == 409 and r.get_json()["error"] == "service_in_use"  # type: ignore[attr-defined]
    assert "تذكرة لم تنته" in r.get_json()["message"]["ar"]  # type: ignore[attr-defined]
    r = admin(api, "PUT", "/services/payments", {"prefix": "P"})
    assert r.status_code == 409 and r.get_json()["error"] == "prefix_in_use"  # type: ignore[attr-defined]
    r = admin(api, "PUT", "/windows/2", {"services": {"nothing": 1}})
    assert r.status_code == 400 and r.get_json()["error"] == "invalid_config"  # type: ignore[attr-defined]
    r = admin(api, "PUT", "/config", {"toml": "this is = not [valid"})
    assert r.status_code == 400
    assert admin(api, "GET", "/config").get_json()["toml"] == before  # type: ignore[attr-defined]
    # A service nobody is waiting for can go; its windows forget it.
    assert admin(api, "DELETE", "/services/shops").status_code == 200  # type: ignore[attr-defined]
    center = app.extensions["dorak"].ops.center
    assert center.service("shops") is None
    assert all("shops" not in w.services for w in center.windows)
    assert api.post("/tickets", "kiosk", {"service": "shops"}).status_code == 404


def test_import_export(api: Api) -> None:
    toml = admin(api, "GET", "/config").get_json()["toml"]  # type: ignore[attr-defined]
    changed = toml.replace('name_en = "Complaints"', 'name_en = "Complaints and suggestions"')
    r = admin(api, "PUT", "/config", {"toml": changed})
    assert r.status_code == 200
    names = {s["code"]: s["name"]["en"] for s in api.get("/services").get_json()["services"]}
    assert names["complaints"] == "Complaints and suggestions"


def test_users_and_devices(api: Api, app: Flask) -> None:
    r = admin(
        api,
        "POST",
        "/users",
        {"username": "huda", "password": "a long password", "role": "clerk", "window": 4},
    )
    assert r.status_code == 201
    accounts = app.extensions["dorak"].accounts
    assert accounts.authenticate("huda", "a long password") is not None
    assert (
        admin(api, "POST", "/users/huda/password", {"password": "another long one"}).status_code
        == 200
    )  # type: ignore[attr-defined]
    assert accounts.authenticate("huda", "another long one") is not None
    admin(api, "POST", "/users/huda/active", {"active": False})
    assert accounts.authenticate("huda", "another long one") is None
    r = admin(
        api,
        "POST",
        "/users",
        {"username": "huda", "password": "a long password", "role": "clerk", "window": 4},
    )
    assert r.status_code == 400 and "exists" in r.get_json()["message"]["en"]  # type: ignore[attr-defined]
    r = admin(api, "POST", "/tokens", {"role": "kiosk", "label": "entrance"})
    token = r.get_json()["token"]  # type: ignore[attr-defined]
    assert accounts.verify_token(token).role == "kiosk"  # type: ignore[union-attr]
    listed = admin(api, "GET", "/tokens").get_json()["tokens"]  # type: ignore[attr-defined]
    entrance = next(t for t in listed if t["label"] == "entrance")
    assert token not in str(listed)
    admin(api, "POST", f"/tokens/{entrance['id']}/revoke", {})
    assert accounts.verify_token(token) is None
    actions = [e["action"] for e in api.get("/audit", "admin").get_json()["entries"]]
    assert {"user_add", "user_disable", "token_create", "token_revoke"} <= set(actions)


def test_only_admins(api: Api) -> None:
    for role in ("supervisor", "clerk1", "kiosk"):
        r = api.client.post(
            "/api/v1/admin/services",
            json=NEW,
            headers={"Authorization": f"Bearer {api.tokens[role]}"},
        )
        assert r.status_code == 403


def test_center_names_priorities_and_day(api: Api, app: Flask) -> None:
    r = admin(
        api,
        "PUT",
        "/center",
        {
            "name_en": "Giza Technological Center",
            "priorities": [
                {"code": "elderly", "name_ar": "كبار السن", "name_en": "Elderly"},
                {"code": "veterans", "name_ar": "المحاربون القدامى", "name_en": "Veterans"},
            ],
            "day_starts_at": "04:00",
        },
    )
    assert r.status_code == 200, r.get_json()  # type: ignore[attr-defined]
    center = app.extensions["dorak"].ops.center
    assert center.name_en == "Giza Technological Center" and center.day_starts_at == "04:00"
    assert api.issue(priority="veterans")["priority"] == "veterans"
    assert (
        api.post("/tickets", "kiosk", {"service": "payments", "priority": "pregnant"}).status_code
        == 400
    )
    # Tickets were issued today: the day's boundaries cannot move any more today.
    r = admin(api, "PUT", "/center", {"timezone": "Asia/Riyadh"})
    assert r.status_code == 409 and r.get_json()["error"] == "day_in_use"  # type: ignore[attr-defined]
    r = admin(api, "PUT", "/center", {"timezone": "Mars/Olympus"})
    assert r.status_code in (400, 409)


def test_the_working_day_can_start_after_midnight(api: Api, app: Flask) -> None:
    assert local_day(datetime(2026, 11, 26, 23, 30, tzinfo=UTC), "Africa/Cairo") == "2026-11-27"
    assert (
        local_day(datetime(2026, 11, 26, 23, 30, tzinfo=UTC), "Africa/Cairo", "04:00")
        == "2026-11-26"
    )  # 01:30 in Cairo still belongs to the 26th


def test_settings_take_effect_at_once(api: Api, app: Flask, client: FlaskClient) -> None:
    display = socketio.test_client(app, flask_test_client=client)
    display.get_received()
    r = admin(
        api,
        "PUT",
        "/settings",
        {"display_voice": False, "display_recent": 5, "ticket_digits": "arabic"},
    )
    assert r.status_code == 200
    assert r.get_json()["display_recent"] == 5  # type: ignore[attr-defined]
    news = [m["args"][0] for m in display.get_received() if m["name"] == "display_settings_updated"]
    assert news == [{"voice": False, "recent": 5, "langs": ["ar"]}]
    assert app.extensions["dorak"].announcer is None
    assert '"recent": 5' in client.get("/display").get_data(as_text=True)
    r = admin(api, "PUT", "/settings", {"printer": "bluetooth://nope"})
    assert r.status_code == 400
    assert admin(api, "GET", "/settings").get_json()["printer"] == "none"  # type: ignore[attr-defined]


def test_test_print_shows_what_the_virtual_printer_printed(api: Api, app: Flask) -> None:
    assert admin(api, "POST", "/printer/test", {}).status_code == 409  # no printer yet
    r = admin(api, "PUT", "/settings", {"printer": "virtual", "printer_width": 384})
    assert r.status_code == 200
    try:
        result = admin(api, "POST", "/printer/test", {}).get_json()  # type: ignore[attr-defined]
        assert result["ok"] is True and result["status"] == "ok"
        image = Image.open(io.BytesIO(base64.b64decode(result["png"])))
        assert image.width == 384  # the 58 mm paper it was told about
    finally:
        app.extensions["dorak"].printer.close()


def test_logo_on_the_ticket(api: Api, app: Flask) -> None:
    logo = Image.new("L", (300, 120), 255)
    logo.paste(0, (20, 20, 280, 100))
    buf = io.BytesIO()
    logo.save(buf, "PNG")
    assert admin(api, "PUT", "/logo", {"image": "bm90IGFuIGltYWdl"}).status_code == 400
    r = admin(api, "PUT", "/logo", {"image": base64.b64encode(buf.getvalue()).decode()})
    assert r.status_code == 200
    admin(api, "PUT", "/settings", {"printer": "virtual"})
    try:
        with_logo = admin(api, "POST", "/printer/test", {}).get_json()  # type: ignore[attr-defined]
        admin(api, "DELETE", "/logo")
        without = admin(api, "POST", "/printer/test", {}).get_json()  # type: ignore[attr-defined]
    finally:
        app.extensions["dorak"].printer.close()
    tall = Image.open(io.BytesIO(base64.b64decode(with_logo["png"])))
    short = Image.open(io.BytesIO(base64.b64decode(without["png"])))
    assert tall.height > short.height + 60  # the logo takes its place at the top (80 dots)
    top = tall.crop((0, 0, tall.width, 140)).convert("L")
    assert top.getextrema()[0] == 0  # ink where the logo is

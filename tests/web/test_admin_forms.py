"""What the admin page's forms need from the server: the logo's own body limit, hours and
holidays, device enrolment by link and QR, the ticket preview, the page refused in words."""

from __future__ import annotations

import base64
import io
import os
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from PIL import Image

from tests.conftest import Api


def admin(api: Api, method: str, path: str, json: object = None) -> object:
    return api.client.open(
        f"/api/v1/admin{path}",
        method=method,
        json=json,
        headers={"Authorization": f"Bearer {api.tokens['admin']}"},
    )


def noise_png(side: int) -> bytes:
    """A PNG that does not compress: its size is about side * side bytes."""
    out = io.BytesIO()
    Image.frombytes("L", (side, side), os.urandom(side * side)).save(out, "PNG")
    return out.getvalue()


def test_a_150_kb_logo_is_taken_a_300_kb_one_refused(api: Api) -> None:
    small, large = noise_png(390), noise_png(550)
    assert 145_000 < len(small) < 170_000 and 295_000 < len(large) < 320_000
    r = admin(api, "PUT", "/logo", {"image": base64.b64encode(small).decode()})
    assert r.status_code == 200, r.get_json()  # type: ignore[attr-defined]
    r = admin(api, "PUT", "/logo", {"image": base64.b64encode(large).decode()})
    assert r.status_code == 413  # type: ignore[attr-defined]
    body = r.get_json()  # type: ignore[attr-defined]
    assert body["error"] == "too_large" and body["message"]["ar"] and body["message"]["en"]


def test_other_routes_keep_the_64_kib_limit(api: Api) -> None:
    big = "x" * 70_000
    r = admin(api, "PUT", "/center", {"name_en": big})
    assert r.status_code == 413  # type: ignore[attr-defined]


def test_hours_and_holidays_through_the_center_form(api: Api) -> None:
    week = {
        d: {"open": "08:00", "close": "15:00", "last_ticket": "14:30"}
        for d in ("sunday", "monday", "tuesday", "wednesday")
    }
    hours = {
        **week,
        "thursday": {"open": "08:00", "close": "13:00", "last_ticket": "12:30"},
        "friday": "closed",
        "saturday": "closed",
        "closed": ["2026-12-24"],
        "always_open": False,
    }
    r = admin(api, "PUT", "/center", {"hours": hours})
    assert r.status_code == 200, r.get_json()  # type: ignore[attr-defined]
    toml = r.get_json()["toml"]  # type: ignore[attr-defined]
    assert 'thursday = { open = "08:00", close = "13:00", last_ticket = "12:30" }' in toml
    assert 'friday = "closed"' in toml and '"2026-12-24"' in toml
    bad = {**hours, "sunday": {"open": "15:00", "close": "08:00"}}
    r = admin(api, "PUT", "/center", {"hours": bad})
    assert r.status_code == 400  # type: ignore[attr-defined]
    assert "sunday" in r.get_json()["message"]["en"]  # type: ignore[attr-defined]
    r = admin(api, "PUT", "/center", {"hours": {**hours, "monday": {"open": "8 AM"}}})
    assert r.status_code == 400  # type: ignore[attr-defined]


def test_a_kiosk_enrolled_by_link_and_qr(api: Api, client: FlaskClient) -> None:
    r = admin(api, "POST", "/tokens", {"role": "kiosk", "label": "entrance"})
    data = r.get_json()  # type: ignore[attr-defined]
    assert data["link"].endswith("/kiosk?token=" + data["token"])
    assert data["qr_svg"].startswith("<?xml") and "<svg" in data["qr_svg"]
    page = client.get(data["link"].split("localhost", 1)[-1])  # open the link on the kiosk
    assert page.status_code == 302
    assert client.get("/kiosk").status_code == 200
    assert "kiosk-config" in client.get("/kiosk?lang=ar").get_data(as_text=True)
    tablet = admin(api, "POST", "/tokens", {"role": "display", "window": 2})
    assert "/rate/window/2?token=" in tablet.get_json()["link"]  # type: ignore[attr-defined]
    script = admin(api, "POST", "/tokens", {"role": "supervisor"})
    assert "link" not in script.get_json()  # type: ignore[attr-defined]


def test_ticket_preview_shows_the_logo(api: Api) -> None:
    before = admin(api, "GET", "/ticket-preview")
    assert before.content_type == "image/png"  # type: ignore[attr-defined]
    plain = Image.open(io.BytesIO(before.data))  # type: ignore[attr-defined]
    logo = Image.new("L", (300, 120), 255)
    logo.paste(0, (20, 20, 280, 100))
    buf = io.BytesIO()
    logo.save(buf, "PNG")
    admin(api, "PUT", "/logo", {"image": base64.b64encode(buf.getvalue()).decode()})
    after = Image.open(io.BytesIO(admin(api, "GET", "/ticket-preview").data))  # type: ignore[attr-defined]
    assert after.height > plain.height + 60


@pytest.mark.parametrize(
    ("lang", "text"),
    [("ar", "هذه الصفحة لمديري النظام في المركز."), ("en", "This page is for the center")],
)
def test_a_supervisor_is_told_admin_is_for_admins(
    app: Flask, client: FlaskClient, lang: str, text: str
) -> None:
    app.extensions["dorak"].accounts.add_user("sara", "long enough pw", "supervisor")
    html = client.get("/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]
    data = {"username": "sara", "password": "long enough pw", "csrf_token": csrf, "next": "/"}
    client.post("/login", data=data)
    r = client.get(f"/admin?lang={lang}")
    page = r.get_data(as_text=True)
    assert r.status_code == 403 and text in page
    assert "/dashboard" in page and "sign-out" in page
    assert "Choose a window" not in page and "اختر الشباك" not in page

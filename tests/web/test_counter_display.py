"""Clerk pages, the lobby display pages, the notice line and the spoken-call audio."""

from __future__ import annotations

import io
import json
import re
import wave

from flask import Flask
from flask.testing import FlaskClient

from dorak.realtime import socketio
from dorak.speech import RATE, Announcer, chime
from tests.conftest import Api


def login(client: FlaskClient, username: str, password: str = "long enough pw") -> None:
    html = client.get("/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]
    r = client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": csrf, "next": "/counter"},
    )
    assert r.status_code == 302


def test_counter_needs_a_signed_in_person(client: FlaskClient, tokens: dict[str, str]) -> None:
    r = client.get("/counter")
    assert r.status_code == 302 and r.headers["Location"].startswith("/login?next=/counter")
    r = client.get("/counter", headers={"Authorization": f"Bearer {tokens['clerk1']}"})
    assert r.status_code == 302  # device tokens do not open the clerk page


def test_clerk_gets_their_own_window(app: Flask, client: FlaskClient) -> None:
    app.extensions["dorak"].accounts.add_user("mona", "long enough pw", "clerk", window=4)
    login(client, "mona")
    html = client.get("/counter").get_data(as_text=True)
    assert "شباك 4" in html and 'dir="rtl"' in html and "نداء التالي" in html
    assert '"window": 4' in html
    html = client.get("/counter?window=2&lang=en").get_data(as_text=True)
    assert "Window 4" in html and "Call next" in html  # a clerk cannot pick another window


def test_supervisor_chooses_a_window(app: Flask, client: FlaskClient) -> None:
    app.extensions["dorak"].accounts.add_user("sara", "long enough pw", "supervisor")
    login(client, "sara")
    html = client.get("/counter").get_data(as_text=True)
    assert "اختر الشباك" in html and "?window=10" in html
    assert '"window": 7' in client.get("/counter?window=7").get_data(as_text=True)


def test_window_detail_for_the_clerk(api: Api) -> None:
    api.issue()
    api.issue(priority="pregnant")
    api.issue("legalization")
    detail = api.get("/windows/3", "clerk3").get_json()
    assert [n["number"] for n in detail["next"]] == ["A002", "A001", "B001"]
    assert detail["waiting"] == {"reconciliation": 2, "legalization": 1}
    assert detail["today"] == {"served": 0, "mean_service_s": None}
    api.act(3, "call-next")
    api.act(3, "start")
    api.act(3, "finish", {"outcome": "completed"})
    assert api.get("/windows/3", "clerk3").get_json()["today"]["served"] == 1
    assert api.get("/windows/3", "clerk2").status_code == 403


def test_notice_line(app: Flask, client: FlaskClient, api: Api) -> None:
    display = socketio.test_client(app, flask_test_client=client)
    assert display.get_received()[0]["args"][0]["notice"] == {"ar": "", "en": ""}
    body = {"ar": "يغلق المركز الساعة 3 عصرًا", "en": "The center closes at 3 pm"}
    assert api.client.put("/api/v1/notice", json=body).status_code == 401
    r = api.client.put(
        "/api/v1/notice", json=body, headers={"Authorization": f"Bearer {api.tokens['clerk1']}"}
    )
    assert r.status_code == 403
    r = api.client.put(
        "/api/v1/notice", json=body, headers={"Authorization": f"Bearer {api.tokens['supervisor']}"}
    )
    assert r.status_code == 200 and r.get_json() == body
    news = [m for m in display.get_received() if m["name"] == "notice_updated"]
    assert news and news[0]["args"][0] == body
    assert api.get("/notice").get_json() == body
    assert api.get("/state").get_json()["notice"] == body


def test_display_pages(client: FlaskClient) -> None:
    html = client.get("/display").get_data(as_text=True)
    assert "آخر النداءات" in html and "announcer" in html and "Africa/Cairo" in html
    assert "Latest calls" in client.get("/display?lang=en").get_data(as_text=True)
    # The English choice sticks in a cookie; the small window screen follows it.
    assert "Window 5" in client.get("/display/window/5").get_data(as_text=True)
    assert "شباك 5" in client.get("/display/window/5?lang=ar").get_data(as_text=True)
    assert client.get("/display/window/11").status_code == 404


def _seconds(data: bytes) -> float:
    with wave.open(io.BytesIO(data)) as w:
        assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (RATE, 1, 2)
        return w.getnframes() / RATE


def test_announcement_audio(client: FlaskClient) -> None:
    r = client.get("/display/announce/A123-3.wav")
    assert r.status_code == 200 and r.headers["Content-Type"] == "audio/wav"
    arabic = _seconds(r.data)  # Arabic only by default: English is the center's choice
    both = _seconds(Announcer(["ar", "en"]).wav("A123", 3))
    assert both > arabic > 2  # the chime, then Arabic (then English)
    assert client.get("/display/announce/A123-11.wav").status_code == 404
    assert client.get("/display/announce/hello-3.wav").status_code == 404


def test_the_chime_opens_every_call() -> None:
    data = Announcer(["en"]).wav("B7", 2)
    with wave.open(io.BytesIO(data)) as w:
        start = w.readframes(len(chime()) // 2)
    assert start == chime()


def test_public_transparency_page(api: Api, client: FlaskClient, clock: object) -> None:
    api.issue()
    api.issue()
    clock.advance(240)  # type: ignore[attr-defined]
    api.act(1, "call-next")
    api.act(1, "start")
    api.act(1, "finish", {"outcome": "completed"})
    data = api.get("/public").get_json()
    rec = next(s for s in data["services"] if s["code"] == "reconciliation")
    assert (rec["waiting"], rec["served_today"], rec["median_wait_today_s"]) == (1, 1, 240.0)
    assert rec["within_target_today"] == 1.0 and data["day"] == "2026-11-26"
    html = client.get("/public").get_data(as_text=True)
    assert 'dir="rtl"' in html and "http-equiv" not in html  # live, never reloaded
    embedded = json.loads(re.search(r'id="public-config"[^>]*>(.*?)</script>', html, re.S).group(1))  # type: ignore[union-attr]
    assert embedded["data"]["services"][0]["name"]["ar"] == "التصالح في مخالفات البناء"
    assert embedded["data"]["services"][0]["within_target_today"] == 1.0
    assert "Served today" in client.get("/public?lang=en").get_data(as_text=True)

"""People sign in with a form (CSRF-protected); the API then rides on the signed session."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient


def _csrf(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m, "login form has a CSRF field"
    return m.group(1)


def _login(client: FlaskClient, username: str, password: str) -> int:
    csrf = _csrf(client.get("/login").get_data(as_text=True))
    r = client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": csrf, "next": "/somewhere"},
    )
    return r.status_code


def test_login_page_is_arabic_rtl_with_english_a_tap_away(client: FlaskClient) -> None:
    html = client.get("/login").get_data(as_text=True)
    assert 'lang="ar" dir="rtl"' in html and "تسجيل الدخول" in html
    html = client.get("/login?lang=en").get_data(as_text=True)
    assert 'lang="en" dir="ltr"' in html and "Sign in" in html


def test_password_is_hashed_and_checked(app: Flask, client: FlaskClient) -> None:
    accounts = app.extensions["dorak"].accounts
    accounts.add_user("mona", "correct horse", "clerk", window=2)
    stored = app.extensions["dorak"].store.one("SELECT password_hash FROM users")
    assert stored["password_hash"].startswith("scrypt:")
    assert "correct horse" not in stored["password_hash"]
    assert _login(client, "mona", "wrong password") == 401
    assert _login(client, "nobody", "correct horse") == 401
    assert _login(client, "mona", "correct horse") == 302


def test_login_without_csrf_is_refused(app: Flask, client: FlaskClient) -> None:
    app.extensions["dorak"].accounts.add_user("mona", "correct horse", "clerk", window=2)
    client.get("/login")
    r = client.post("/login", data={"username": "mona", "password": "correct horse"})
    assert r.status_code == 403
    with client.session_transaction() as s:
        assert "user" not in s


def test_session_api_calls_need_the_csrf_header(app: Flask, client: FlaskClient) -> None:
    d = app.extensions["dorak"]
    d.accounts.add_user("mona", "correct horse", "clerk", window=2)
    d.ops.issue("reconciliation")
    assert _login(client, "mona", "correct horse") == 302
    assert client.post("/api/v1/windows/2/call-next").status_code == 403
    csrf = client.get("/api/v1/session/csrf").get_json()["csrf"]
    headers = {"X-CSRF-Token": csrf}
    assert client.post("/api/v1/windows/3/call-next", headers=headers).status_code == 403
    r = client.post("/api/v1/windows/2/call-next", headers=headers)
    assert r.status_code == 200 and r.get_json()["clerk"] == "mona"


def test_open_redirect_is_not_followed(app: Flask, client: FlaskClient) -> None:
    app.extensions["dorak"].accounts.add_user("ali", "correct horse", "supervisor")
    csrf = _csrf(client.get("/login").get_data(as_text=True))
    r = client.post(
        "/login",
        data={
            "username": "ali",
            "password": "correct horse",
            "csrf_token": csrf,
            "next": "//evil.example/x",
        },
    )
    assert r.status_code == 302 and r.headers["Location"] == "/"


def test_session_cookie_is_signed(app: Flask, client: FlaskClient) -> None:
    app.extensions["dorak"].accounts.add_user("ali", "correct horse", "supervisor")
    client.set_cookie("session", "eyJ1c2VyIjoiYWxpIn0.forged.signature")
    assert client.post("/api/v1/windows/1/call-next").status_code == 401

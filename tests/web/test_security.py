"""Who may do what (every endpoint and socket door, every role), headers, sign-in throttle."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from dorak.realtime import socketio
from tests.conftest import Api

ROLES = ["anonymous", "kiosk", "clerk1", "clerk2", "supervisor", "admin"]

# (method, path, body) -> the roles that may do it. Window 1 actions need a clerk of window 1.
MATRIX: list[tuple[str, str, Any, set[str]]] = [
    ("GET", "/services", None, set(ROLES)),
    ("GET", "/state", None, set(ROLES)),
    ("GET", "/notice", None, set(ROLES)),
    ("GET", "/public", None, set(ROLES)),
    ("GET", "/openapi.json", None, set(ROLES)),
    (
        "POST",
        "/tickets",
        {"service": "payments"},
        {"kiosk", "clerk1", "clerk2", "supervisor", "admin"},
    ),
    ("GET", "/tickets/{id}", None, set(ROLES)),
    ("POST", "/tickets/{id}/print", None, {"kiosk", "supervisor", "admin"}),
    ("POST", "/tickets/{id}/cancel", None, {"supervisor", "admin"}),
    ("POST", "/tickets/{id}/rating", {"stars": 5}, set(ROLES)),
    ("PUT", "/notice", {"ar": "x", "en": "x"}, {"supervisor", "admin"}),
    ("GET", "/audit", None, {"admin"}),
    ("GET", "/admin/config", None, {"admin"}),
    ("PUT", "/admin/center", {"name_en": "Center"}, {"admin"}),
    ("GET", "/admin/settings", None, {"admin"}),
    ("PUT", "/admin/logo", {"image": "aGVsbG8gd29ybGQ="}, {"admin"}),
    ("DELETE", "/admin/logo", None, {"admin"}),
    ("PUT", "/admin/settings", {"display_recent": 6}, {"admin"}),
    ("POST", "/admin/printer/test", None, {"admin"}),
    ("PUT", "/admin/config", {"toml": "x"}, {"admin"}),
    ("POST", "/admin/services", {"code": "x", "name_ar": "x", "name_en": "x"}, {"admin"}),
    ("PUT", "/admin/services/payments", {"name_en": "Fees"}, {"admin"}),
    ("DELETE", "/admin/services/payments", None, {"admin"}),
    ("PUT", "/admin/windows/1", {"label_en": "W1"}, {"admin"}),
    ("GET", "/admin/users", None, {"admin"}),
    ("POST", "/admin/users", {"username": "u", "password": "12345678", "role": "admin"}, {"admin"}),
    ("POST", "/admin/users/u/password", {"password": "12345678"}, {"admin"}),
    ("POST", "/admin/users/u/active", {"active": True}, {"admin"}),
    ("GET", "/admin/tokens", None, {"admin"}),
    ("POST", "/admin/tokens", {"role": "kiosk"}, {"admin"}),
    ("POST", "/admin/tokens/1/revoke", None, {"admin"}),
    ("GET", "/alerts", None, {"supervisor", "admin"}),
    ("GET", "/tickets/find?number=A001", None, {"supervisor", "admin"}),
    ("GET", "/dashboard", None, {"supervisor", "admin"}),
    ("POST", "/services/payments/open", None, {"supervisor", "admin"}),
    ("POST", "/services/payments/close", None, {"supervisor", "admin"}),
    ("GET", "/reports?from=2026-11-26", None, {"supervisor", "admin"}),
    ("GET", "/windows/1", None, {"clerk1", "supervisor", "admin"}),
    ("POST", "/windows/1/call-next", None, {"clerk1", "supervisor", "admin"}),
    ("POST", "/windows/1/call", {"ticket": "A001"}, {"clerk1", "supervisor", "admin"}),
    ("POST", "/windows/1/recall", None, {"clerk1", "supervisor", "admin"}),
    ("POST", "/windows/1/start", None, {"clerk1", "supervisor", "admin"}),
    ("POST", "/windows/1/finish", {"outcome": "completed"}, {"clerk1", "supervisor", "admin"}),
    ("POST", "/windows/1/no-show", None, {"clerk1", "supervisor", "admin"}),
    ("POST", "/windows/1/return", None, {"clerk1", "supervisor", "admin"}),
    ("POST", "/windows/1/transfer", {"service": "payments"}, {"clerk1", "supervisor", "admin"}),
    ("POST", "/windows/1/pause", {"reason": "x"}, {"clerk1", "supervisor", "admin"}),
    ("POST", "/windows/1/resume", None, {"clerk1", "supervisor", "admin"}),
    ("POST", "/windows/1/presence", None, {"clerk1", "supervisor", "admin"}),
    ("DELETE", "/windows/1/presence", None, {"clerk1", "supervisor", "admin"}),
    ("GET", "/admin/ticket-preview", None, {"admin"}),
    ("GET", "/ratings/comments?from=2026-11-26", None, {"supervisor", "admin"}),
    ("GET", "/no-shows", None, {"clerk1", "clerk2", "supervisor", "admin"}),
    # The door lets clerks in; the rule then says whose no-show it is (tests/web/test_restore).
    ("POST", "/tickets/{id}/restore", None, {"clerk1", "clerk2", "supervisor", "admin"}),
    ("POST", "/windows/1/file", {"number": "1/2026"}, {"clerk1", "supervisor", "admin"}),
    ("GET", "/windows/1/file", None, {"clerk1", "supervisor", "admin"}),
    ("GET", "/files?number=1/2026", None, {"clerk1", "clerk2", "clerk3", "supervisor", "admin"}),
    ("GET", "/reports/files?from=2026-11-26", None, {"supervisor", "admin"}),
    ("POST", "/tickets/{id}/remarks", {"category": "other", "text": "x"}, set(ROLES)),
    ("GET", "/tickets/{id}/remarks", None, set(ROLES)),
    ("POST", "/remarks", {"category": "other", "text": "x"}, {"kiosk"}),
    ("GET", "/remarks", None, {"supervisor", "admin"}),
    ("POST", "/remarks/1/answer", {"text": "x"}, {"supervisor", "admin"}),
    ("POST", "/remarks/1/close", None, {"supervisor", "admin"}),
    ("GET", "/reports/remarks?from=2026-11-26", None, {"supervisor", "admin"}),
    ("GET", "/reports/integrity?from=2026-11-26", None, {"supervisor", "admin"}),
]


def test_matrix_covers_every_api_route(app: Flask) -> None:
    routes = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1") and rule.rule != "/api/v1/session/csrf":
            path = re.sub(r"<(?:\w+:)?(\w+)>", "{x}", rule.rule.removeprefix("/api/v1"))
            routes |= {(m, path) for m in rule.methods - {"HEAD", "OPTIONS"}}  # type: ignore[operator]
    # The matrix names real things (window 1, payments, user u); the routes have placeholders.
    placeholders = [
        (r"\{id\}", "{x}"),
        (r"/1(?=/|$)", "/{x}"),
        (r"/services/payments(?=/|$)", "/services/{x}"),
        (r"/users/u(?=/|$)", "/users/{x}"),
    ]

    def template(path: str) -> str:
        path = path.split("?")[0]
        for pattern, repl in placeholders:
            path = re.sub(pattern, repl, path)
        return path

    covered = {(m, template(p)) for m, p, _, _ in MATRIX}
    assert routes == covered


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("method", "path", "body", "allowed"), MATRIX, ids=[f"{m} {p}" for m, p, _, _ in MATRIX]
)
def test_authorization(
    api: Api, role: str, method: str, path: str, body: Any, allowed: set[str]
) -> None:
    ticket = api.issue()
    url = "/api/v1" + path.replace("{id}", ticket["tracking_id"])
    headers = {} if role == "anonymous" else {"Authorization": f"Bearer {api.tokens[role]}"}
    r = api.client.open(url, method=method, json=body, headers=headers)
    if role in allowed:
        assert r.status_code not in (401, 403), (role, r.get_json())
    else:
        assert r.status_code == (401 if role == "anonymous" else 403), role
        assert r.get_json()["message"]["ar"]


@pytest.mark.parametrize(
    ("auth", "rooms"),
    [
        (None, {"display"}),
        ("kiosk", {"kiosk", "kiosk:kiosk-1"}),
        ("clerk1", {"window:1"}),
        ("clerk2", {"window:2"}),
        ("supervisor", {"supervisors"}),
        ("admin", {"supervisors"}),
        ("display", {"display"}),
    ],
)
def test_socket_rooms_by_role(
    app: Flask, client: FlaskClient, tokens: dict[str, str], auth: str | None, rooms: set[str]
) -> None:
    c = socketio.test_client(
        app, flask_test_client=client, auth={"token": tokens[auth]} if auth else None
    )
    assert c.is_connected()
    sid = socketio.server.manager.sid_from_eio_sid(c.eio_sid, "/")
    joined = {
        r
        for r, members in socketio.server.manager.rooms["/"].items()
        if r is not None and sid in members and r != sid
    }
    assert joined == rooms
    c.disconnect()


def test_security_headers(client: FlaskClient) -> None:
    for path in ("/kiosk", "/display", "/api/v1/state", "/login"):
        h = client.get(path).headers
        assert "script-src 'self'" in h["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in h["Content-Security-Policy"]
        assert h["X-Content-Type-Options"] == "nosniff"
        assert h["X-Frame-Options"] == "DENY"


def test_session_cookie_flags(app: Flask, client: FlaskClient) -> None:
    app.extensions["dorak"].accounts.add_user("ali", "long enough pw", "admin")
    html = client.get("/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]
    r = client.post(
        "/login", data={"username": "ali", "password": "long enough pw", "csrf_token": csrf}
    )
    cookie = r.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_sign_in_is_throttled(app: Flask, client: FlaskClient) -> None:
    app.extensions["dorak"].accounts.add_user("ali", "long enough pw", "admin")

    def attempt(password: str) -> int:
        html = client.get("/login").get_data(as_text=True)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]
        return client.post(
            "/login", data={"username": "ali", "password": password, "csrf_token": csrf}
        ).status_code

    assert [attempt("wrong") for _ in range(5)] == [401] * 5
    assert attempt("long enough pw") == 429  # even the right password waits now


def test_audit_log_of_supervisors_and_admins(api: Api, app: Flask) -> None:
    api.issue()
    api.act(1, "call-next")  # a clerk: not audited (the ticket's events say it all)
    api.act(2, "pause", {"reason": "meeting"}, as_="supervisor")
    t = api.issue()
    api.post(f"/tickets/{t['tracking_id']}/cancel", "admin")
    api.client.put(
        "/api/v1/notice",
        json={"ar": "ت", "en": "n"},
        headers={"Authorization": f"Bearer {api.tokens['supervisor']}"},
    )
    assert api.get("/audit", "supervisor").status_code == 403
    entries = api.get("/audit", "admin").get_json()["entries"]
    assert [(e["who"], e["action"]) for e in entries] == [
        ("supervisor", "notice_set"),
        ("admin", "ticket_cancel"),
        ("supervisor", "window_pause"),
    ]
    assert entries[2]["details"] == {"window": 2, "reason": "meeting"}
    assert entries[0]["at"].endswith("+02:00")

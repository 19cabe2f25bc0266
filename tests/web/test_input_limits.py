"""Bad input is a 4xx in both languages and changes nothing: deep JSON, lone surrogates, control
and invisible characters where they make no sense, numbers out of range, wrong methods."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask import Flask

from dorak.api.declare import nesting_depth
from dorak.api.openapi import openapi_document
from dorak.domain.texts import TextKind, text_problem
from tests.conftest import Api


def raw_post(api: Api, path: str, text: str, as_: str | None = None, method: str = "POST") -> Any:
    headers = {"Authorization": f"Bearer {api.tokens[as_]}"} if as_ else {}
    return api.client.open(
        f"/api/v1{path}",
        method=method,
        data=text.encode(),
        headers=headers,
        content_type="application/json",
    )


def finished_ticket(api: Api) -> str:
    t = api.issue()
    api.act(1, "call-next")
    api.act(1, "start")
    api.act(1, "finish", {"outcome": "completed"})
    return str(t["tracking_id"])


def test_deeply_nested_json_is_a_400_not_a_500(api: Api, app: Flask) -> None:
    token = finished_ticket(api)
    deep = "[" * 30_000 + "]" * 30_000
    r = raw_post(api, f"/tickets/{token}/rating", deep)
    assert r.status_code == 400
    assert "nested" in r.get_json()["message"]["en"] and r.get_json()["message"]["ar"]
    r = raw_post(api, "/tickets", '{"service": ' + "[" * 5000 + "]" * 5000 + "}", "kiosk")
    assert r.status_code == 400
    # Brackets inside strings are text, not nesting.
    r = raw_post(api, f"/tickets/{token}/rating", json.dumps({"stars": 4, "comment": "[" * 400}))
    assert r.status_code == 201


def test_nesting_depth_counts_only_structure() -> None:
    assert nesting_depth(b'{"a": [1, {"b": "[[[{{{"}]}') == 3
    assert nesting_depth(b'"\\"[["') == 0
    assert nesting_depth(b"[" * 40) == 40


@pytest.mark.parametrize(
    ("path", "as_", "setup"),
    [
        ("/tickets/{id}/rating", None, "finished"),
        ("/windows/1/pause", "clerk1", None),
        ("/notice", "supervisor", None),
    ],
)
def test_lone_surrogates_are_refused(
    api: Api, app: Flask, path: str, as_: str | None, setup: str | None
) -> None:
    token = finished_ticket(api) if setup else ""
    field = {"/notice": "ar", "/windows/1/pause": "reason"}.get(path, "comment")
    body = {"stars": 3, "comment": "x"} if setup else {"ar": "x", "en": "x", "reason": "x"}
    body = {k: v for k, v in body.items() if path != "/notice" or k != "reason"}
    if path == "/windows/1/pause":
        body = {"reason": "x"}
    text = json.dumps(body).replace('"x"', '"a\\ud800b"', 1)
    method = "PUT" if path == "/notice" else "POST"
    r = raw_post(api, path.replace("{id}", token), text, as_, method)
    assert r.status_code == 400, r.get_json()
    answer = r.get_json()
    assert answer["error"] == "bad_text" and answer["details"]["field"] == field
    assert answer["message"]["ar"] and answer["message"]["en"]
    d = app.extensions["dorak"]
    assert d.store.all("SELECT * FROM ratings") == []
    window_one = d.store.windows.states().get(1)
    assert window_one is None or window_one.status != "paused"  # the refused pause did nothing
    assert d.ops.notice() == {"ar": "", "en": ""}


@pytest.mark.parametrize(
    ("method", "path", "as_", "body", "field"),
    [
        ("POST", "/windows/2/pause", "clerk2", {"reason": "break \u202eevil"}, "reason"),
        ("PUT", "/notice", "supervisor", {"ar": "مرحبا\u200b", "en": "Hi"}, "ar"),
        ("PUT", "/notice", "supervisor", {"ar": "سطر\nسطر", "en": "Hi"}, "ar"),
        ("PUT", "/admin/center", "admin", {"name_en": "Center\n"}, "name_en"),
        ("PUT", "/admin/center", "admin", {"name_ar": "مركز\u2029"}, "name_ar"),
        (
            "PUT",
            "/admin/center",
            "admin",
            {"priorities": [{"code": "old", "name_ar": "كبار\u0085", "name_en": "Elderly"}]},
            "priorities/0/name_ar",
        ),
        ("PUT", "/admin/services/payments", "admin", {"name_en": "Fees\u001c"}, "name_en"),
        ("PUT", "/admin/windows/1", "admin", {"label_en": "W\u200d1"}, "label_en"),
        (
            "POST",
            "/admin/users",
            "admin",
            {"username": "admin\u200b", "password": "long enough", "role": "admin"},
            "username",
        ),
        (
            "POST",
            "/admin/users",
            "admin",
            {"username": "two words", "password": "long enough", "role": "admin"},
            "username",
        ),
        ("POST", "/admin/tokens", "admin", {"role": "kiosk", "label": "k\u2066"}, "label"),
    ],
)
def test_control_and_invisible_characters_are_refused_where_they_make_no_sense(
    api: Api, app: Flask, method: str, path: str, as_: str, body: Any, field: str
) -> None:
    d = app.extensions["dorak"]
    before = (d.config.export(), d.accounts.users(), d.accounts.tokens(), d.ops.notice())
    r = api.client.open(
        f"/api/v1{path}",
        method=method,
        json=body,
        headers={"Authorization": f"Bearer {api.tokens[as_]}"},
    )
    assert r.status_code == 400, r.get_json()
    assert r.get_json()["error"] == "bad_text" and r.get_json()["details"]["field"] == field
    assert "U+" in r.get_json()["message"]["ar"]
    assert (d.config.export(), d.accounts.users(), d.accounts.tokens(), d.ops.notice()) == before


def test_free_texts_keep_line_breaks_and_direction_marks(api: Api) -> None:
    api.issue()
    api.act(1, "call-next")
    api.act(1, "start")
    r = api.act(1, "finish", {"outcome": "completed", "note": "line one\nline two\tend"})
    assert r.status_code == 200 and r.get_json()["note"] == "line one\nline two\tend"
    notice = {"ar": "الشباك 3 (مغلق)\u200f.", "en": "Window 3 closed."}
    r = api.client.put(
        "/api/v1/notice",
        json=notice,
        headers={"Authorization": f"Bearer {api.tokens['supervisor']}"},
    )
    assert r.status_code == 200 and r.get_json() == notice


def test_text_rules() -> None:
    assert text_problem("مركز التصالح A", TextKind.NAME) is None
    assert text_problem("admin\u200b", TextKind.USERNAME) == "U+200B"
    assert text_problem("a\u202eb", TextKind.NOTE) == "U+202E"
    assert text_problem("a\nb", TextKind.NOTE) is None
    assert text_problem("a\nb", TextKind.LINE) == "U+000A"
    assert text_problem("\u200fx", TextKind.LINE) is None
    assert text_problem("\u200fx", TextKind.NAME) == "U+200F"
    assert text_problem("\ue000", TextKind.NAME) == "U+E000"  # private use: no font has it


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/audit?limit=99999999999999999999"),
        ("GET", "/audit?limit=0"),
        ("GET", "/audit?limit=ten"),
        ("POST", "/admin/tokens/99999999999999999999/revoke"),
        ("POST", "/windows/99999999999999999999/call-next"),
        ("PUT", "/admin/windows/99999999999999999999"),
    ],
)
def test_numbers_out_of_range_are_a_400(api: Api, method: str, path: str) -> None:
    r = api.client.open(
        f"/api/v1{path}",
        method=method,
        json={},
        headers={"Authorization": f"Bearer {api.tokens['admin']}"},
    )
    assert r.status_code == 400, r.get_data(as_text=True)
    assert r.get_json()["error"] == "bad_request" and r.get_json()["message"]["ar"]


def test_audit_limit_in_range_is_honoured(api: Api) -> None:
    for n in range(3):
        api.act(n + 1, "pause", {"reason": "meeting"}, as_="supervisor")
    assert len(api.get("/audit?limit=2", "admin").get_json()["entries"]) == 2


def test_405_says_which_methods_the_path_takes(api: Api) -> None:
    r = api.client.delete("/api/v1/state")
    assert r.status_code == 405 and r.get_json()["error"] == "method_not_allowed"
    assert set(r.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    r = api.client.get("/api/v1/windows/1/call-next")
    assert r.status_code == 405 and "POST" in r.headers["Allow"]
    r = api.client.put("/login")  # a page, not the API: Werkzeug's own answer
    assert r.status_code == 405 and "POST" in r.headers["Allow"]


@pytest.mark.parametrize(
    ("action", "required"), [("call", True), ("finish", True), ("pause", True)]
)
def test_window_actions_declare_the_body_they_need(action: str, required: bool) -> None:
    doc = openapi_document()
    op = doc["paths"][f"/api/v1/windows/{{n}}/{action}"]["post"]
    assert op["requestBody"]["required"] is required
    for optional in ("recall", "start", "no-show", "return", "resume", "call-next"):
        assert (
            doc["paths"][f"/api/v1/windows/{{n}}/{optional}"]["post"]["requestBody"]["required"]
            is False
        )


def test_empty_body_on_an_action_that_needs_one_says_what_is_missing(api: Api) -> None:
    api.issue()
    api.act(1, "call-next")
    api.act(1, "start")
    r = api.client.post(
        "/api/v1/windows/1/finish", headers={"Authorization": f"Bearer {api.tokens['clerk1']}"}
    )
    assert r.status_code == 400 and "outcome" in r.get_json()["message"]["en"]

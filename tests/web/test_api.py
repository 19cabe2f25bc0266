"""The HTTP API: every endpoint, the auth rules, and bad input that changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from dorak.realtime import socketio
from tests.conftest import Api, ManualClock


def count_tickets(app: Flask) -> int:
    return app.extensions["dorak"].store.one("SELECT count(*) AS n FROM tickets")["n"]  # type: ignore[no-any-return]


def test_services_lists_queues_and_groups(api: Api) -> None:
    services = {s["code"]: s for s in api.get("/services").get_json()["services"]}
    assert services["reconciliation"]["prefix"] == "A"
    assert services["reconciliation"]["name"]["ar"] == "التصالح في مخالفات البناء"
    assert services["documents"]["group"] is True and "waiting" not in services["documents"]
    assert services["certificates"]["parent"] == "documents"
    assert services["payments"]["windows"] == [9, 10]


def test_issue_ticket(api: Api, clock: ManualClock) -> None:
    r = api.post("/tickets", "kiosk", {"service": "reconciliation", "lang": "en"})
    assert r.status_code == 201
    t = r.get_json()
    assert t["number"] == "A001" and t["status"] == "waiting" and t["ahead"] == 0
    assert t["issued_at"] == "2026-11-26T10:00:00+02:00"
    assert t["estimated_wait_s"] == 0  # windows 1, 2, 3 and 5 are free: straight to one
    assert t["track_url"].endswith(f"/t/{t['tracking_id']}") and len(t["tracking_id"]) >= 20
    assert r.headers["Location"] == f"/api/v1/tickets/{t['tracking_id']}"
    for window in (1, 2, 3, 5):
        api.act(window, "pause", {"reason": "break"}, as_="admin")
    later = api.issue()
    assert later["estimated_wait_s"] > 0 and later["ahead"] == 1
    for window in (1, 2, 3, 5):
        api.act(window, "resume", as_="admin")
    second = api.issue(priority="elderly")
    assert (second["number"], second["priority"], second["ahead"]) == ("A003", "elderly", 0)


def test_ticket_is_public_by_unguessable_id_only(api: Api) -> None:
    t = api.issue()
    r = api.get(f"/tickets/{t['tracking_id']}")
    assert r.status_code == 200
    body = r.get_json()
    assert body["number"] == "A001" and "note" not in body and "clerk" not in body
    assert api.get("/tickets/1").status_code == 404
    assert api.get("/tickets/A001").status_code == 404


def test_window_flow_over_http(api: Api, clock: ManualClock) -> None:
    t = api.issue()
    clock.advance(90)
    r = api.act(1, "call-next")
    assert r.status_code == 200 and r.get_json()["number"] == "A001"
    assert r.get_json()["window"] == 1
    assert api.act(1, "recall").get_json()["recalls"] == 1
    assert api.act(1, "start").get_json()["status"] == "serving"
    r = api.act(
        1, "finish", {"outcome": "documents_missing", "note": "needs deed", "file_ref": "R-1"}
    )
    assert r.status_code == 200
    body = r.get_json()
    assert (body["status"], body["outcome"], body["note"]) == (
        "done",
        "documents_missing",
        "needs deed",
    )
    assert api.get(f"/tickets/{t['tracking_id']}").get_json()["status"] == "done"
    assert api.act(1, "call-next").status_code == 204


def test_transfer_return_no_show_call_pause_resume(api: Api) -> None:
    a = api.issue()
    api.issue()
    api.act(1, "call-next")
    r = api.act(1, "return")
    assert r.get_json()["status"] == "waiting"
    skip = api.act(1, "call", {"ticket": "A002"})  # A001 came back first: why skip it?
    assert skip.status_code == 409 and skip.get_json()["error"] == "reason_needed"
    api.act(1, "call", {"ticket": "A002", "reason": "other"})
    assert api.act(1, "no-show").get_json()["status"] == "no_show"
    api.act(1, "call", {"ticket": a["tracking_id"]})
    api.act(1, "start")
    r = api.act(1, "transfer", {"service": "payments", "note": "fee"})
    assert r.status_code == 200
    moved = r.get_json()
    assert (moved["service"], moved["number"], moved["status"]) == ("payments", "A001", "waiting")
    assert api.get(f"/tickets/{a['tracking_id']}").get_json()["service"] == "payments"
    r = api.act(1, "pause", {"reason": "صلاة"})
    assert r.get_json()["status"] == "paused" and r.get_json()["reason"] == "صلاة"
    assert api.act(1, "call-next").status_code == 409
    assert api.act(1, "resume").get_json()["status"] == "open"


def test_state_snapshot(api: Api) -> None:
    api.issue()
    api.issue("payments")
    api.act(3, "call-next")
    api.act(1, "pause", {"reason": "break"})
    state = api.get("/state").get_json()
    windows = {w["number"]: w for w in state["windows"]}
    assert windows[3]["ticket"]["number"] == "A001" and windows[3]["status"] == "open"
    assert windows[1]["status"] == "paused" and windows[1]["reason"] == "break"
    waiting = {s["code"]: s.get("waiting") for s in state["services"]}
    assert waiting["payments"] == 1 and waiting["reconciliation"] == 0
    assert state["recent_calls"][0] == {
        "number": "A001",
        "service": "reconciliation",
        "window": 3,
        "status": "called",
        "called_at": "2026-11-26T10:00:00+02:00",
    }
    assert "id" not in windows[3]["ticket"]  # the lobby never sees tracking ids


@pytest.mark.parametrize(
    ("who", "path", "status"),
    [
        (None, "/tickets", 401),
        ("display", "/tickets", 403),
        (None, "/windows/1/call-next", 401),
        ("kiosk", "/windows/1/call-next", 403),
        ("clerk2", "/windows/1/call-next", 403),
        ("clerk2", "/windows/1/pause", 403),
        ("display", "/windows/1/call-next", 403),
        ("clerk1", "/tickets/x/cancel", 403),
    ],
)
def test_who_may_do_what(api: Api, app: Flask, who: str | None, path: str, status: int) -> None:
    api.issue()
    before = count_tickets(app)
    r = api.post(path, who, {"service": "payments"} if path == "/tickets" else None)
    assert r.status_code == status
    body = r.get_json()
    assert body["error"] in ("unauthorized", "forbidden")
    assert body["message"]["ar"] and body["message"]["en"]
    assert count_tickets(app) == before
    assert app.extensions["dorak"].store.tickets.at_window(1) is None


def test_supervisor_and_admin_may_act_at_any_window(api: Api) -> None:
    api.issue()
    api.issue()
    assert api.act(1, "call-next", as_="supervisor").get_json()["clerk"] == "supervisor"
    assert api.act(2, "call-next", as_="admin").status_code == 200


def test_revoked_or_bad_token_is_refused(api: Api, app: Flask) -> None:
    accounts = app.extensions["dorak"].accounts
    api.tokens["bad"] = "dk_not-a-real-token"
    assert api.post("/tickets", "bad", {"service": "payments"}).status_code == 401
    kiosk_id = next(t["id"] for t in accounts.tokens() if t["role"] == "kiosk")
    accounts.revoke_token(kiosk_id)
    assert api.post("/tickets", "kiosk", {"service": "payments"}).status_code == 401


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"service": "nope"}, 404, "unknown_service"),
        ({"service": "documents"}, 400, "service_is_group"),
        ({"service": "payments", "priority": "vip"}, 400, "unknown_priority"),
        ({"service": "payments", "extra": 1}, 400, "bad_request"),
        ({"service": 5}, 400, "bad_request"),
        ({"service": "payments", "lang": "fr"}, 400, "bad_request"),
        ({}, 400, "bad_request"),
        (["payments"], 400, "bad_request"),
    ],
)
def test_bad_ticket_requests_change_nothing(
    api: Api, app: Flask, body: Any, status: int, code: str
) -> None:
    r = api.post("/tickets", "kiosk", body)
    assert r.status_code == status
    assert r.get_json()["error"] == code
    assert count_tickets(app) == 0


def test_malformed_and_huge_bodies(
    api: Api, client: Any, tokens: dict[str, str], app: Flask
) -> None:
    auth = {"Authorization": f"Bearer {tokens['kiosk']}"}
    r = client.post(
        "/api/v1/tickets", data="{not json", headers=auth, content_type="application/json"
    )
    assert r.status_code == 400 and r.get_json()["error"] == "bad_request"
    r = client.post(
        "/api/v1/tickets",
        data="service=payments",
        headers=auth,
        content_type="application/x-www-form-urlencoded",
    )
    assert r.status_code == 415
    r = client.post(
        "/api/v1/tickets",
        data='{"service": "' + "a" * 100_000 + '"}',
        headers=auth,
        content_type="application/json",
    )
    assert r.status_code == 413 and r.get_json()["error"] == "too_large"
    assert count_tickets(app) == 0


@pytest.mark.parametrize(
    ("action", "body"),
    [
        ("finish", {"outcome": "great"}),
        ("finish", {}),
        ("finish", {"outcome": "completed", "note": "x" * 1001}),
        ("transfer", {"service": "payments", "color": "red"}),
        ("pause", {"reason": ""}),
        ("call", {"ticket": 5}),
        ("call-next", {"force": True}),
    ],
)
def test_bad_window_requests_change_nothing(api: Api, app: Flask, action: str, body: Any) -> None:
    api.issue()
    api.act(1, "call-next")
    api.act(1, "start")
    r = api.act(1, action, body)
    assert r.status_code == 400
    assert r.get_json()["error"] == "bad_request"
    assert app.extensions["dorak"].store.tickets.at_window(1).status == "serving"  # type: ignore[union-attr]


def test_domain_errors_carry_both_languages(api: Api) -> None:
    api.issue()
    api.act(1, "call-next")
    r = api.act(1, "finish", {"outcome": "completed"})
    assert r.status_code == 409
    body = r.get_json()
    assert body["error"] == "invalid_transition"
    assert "تم النداء" in body["message"]["ar"] and "called" in body["message"]["en"]
    r = api.act(1, "call-next")
    assert r.get_json()["error"] == "window_busy"
    assert "A001" in r.get_json()["message"]["en"]
    assert api.act(42, "call-next", as_="admin").status_code == 404


def test_unknown_api_path_is_json(api: Api) -> None:
    r = api.get("/nothing-here")
    assert r.status_code == 404 and r.get_json()["error"] == "not_found"
    r = api.get("/tickets")
    assert r.status_code == 405 and r.get_json()["message"]["ar"]


def test_retry_with_the_same_key_gets_the_same_ticket(api: Api, app: Flask) -> None:
    headers = {"Authorization": f"Bearer {api.tokens['kiosk']}", "Idempotency-Key": "tap-1"}
    first = api.client.post("/api/v1/tickets", json={"service": "payments"}, headers=headers)
    again = api.client.post("/api/v1/tickets", json={"service": "payments"}, headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.get_json()["tracking_id"] == again.get_json()["tracking_id"]
    assert count_tickets(app) == 1
    other = api.client.post(
        "/api/v1/tickets",
        json={"service": "payments"},
        headers={**headers, "Idempotency-Key": "tap-2"},
    )
    assert other.get_json()["number"] == "H002"
    # Keys belong to a device: another kiosk's "tap-1" is its own request.
    second_kiosk = app.extensions["dorak"].accounts.create_token("kiosk", label="kiosk-2")
    r = api.client.post(
        "/api/v1/tickets",
        json={"service": "payments"},
        headers={"Authorization": f"Bearer {second_kiosk}", "Idempotency-Key": "tap-1"},
    )
    assert r.get_json()["number"] == "H003"
    long_key = {**headers, "Idempotency-Key": "k" * 65}
    assert (
        api.client.post(
            "/api/v1/tickets", json={"service": "payments"}, headers=long_key
        ).status_code
        == 400
    )
    assert count_tickets(app) == 3


def test_read_only_database_gives_503_and_writes_nothing(api: Api, app: Flask) -> None:
    api.issue()
    store = app.extensions["dorak"].store
    store.conn.execute("PRAGMA query_only = ON")  # as if the disk turned read-only
    try:
        r = api.post("/tickets", "kiosk", {"service": "payments"})
        assert r.status_code == 503
        body = r.get_json()
        assert body["error"] == "unavailable" and "حاول مرة أخرى" in body["message"]["ar"]
        assert api.act(1, "call-next").status_code == 503
    finally:
        store.conn.execute("PRAGMA query_only = OFF")
    assert count_tickets(app) == 1
    assert store.tickets.at_window(1) is None
    assert store.one("SELECT count(*) AS n FROM day_counters")["n"] == 1


def test_database_trouble_alerts_supervisors_once(api: Api, app: Flask, clock: ManualClock) -> None:
    supervisor = socketio.test_client(
        app, auth={"token": api.tokens["supervisor"]}, flask_test_client=api.client
    )
    supervisor.get_received()  # the state on connect
    store = app.extensions["dorak"].store
    store.conn.execute("PRAGMA query_only = ON")
    try:
        assert api.post("/tickets", "kiosk", {"service": "payments"}).status_code == 503
        assert api.act(1, "call-next").status_code == 503
    finally:
        store.conn.execute("PRAGMA query_only = OFF")
    raised = [e["args"][0] for e in supervisor.get_received() if e["name"] == "alert_raised"]
    assert [a["kind"] for a in raised] == ["database"]  # two failures, one alert
    assert "readonly" in raised[0]["message"]["en"]
    assert "قاعدة البيانات" in raised[0]["message"]["ar"]
    listed = api.get("/alerts", "supervisor").get_json()["alerts"]
    assert listed[0]["kind"] == "database"
    metrics = api.client.get("/metrics").get_data(as_text=True)
    assert "dorak_database_errors_total 2" in metrics
    clock.advance(301)  # five minutes without a failure: the alert is over
    kinds = [a["kind"] for a in api.get("/alerts", "supervisor").get_json()["alerts"]]
    assert "database" not in kinds
    supervisor.disconnect()


def test_full_disk_gives_503_and_leaves_no_gap(api: Api, app: Flask) -> None:
    """SQLite's page limit makes the file 'full', as a full disk would: the kiosk is told to try
    again, and the refused ticket neither exists nor used up a number."""
    store = app.extensions["dorak"].store
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")
    answers = []
    try:
        for _ in range(300):  # until the free room in the last pages runs out
            r = api.post("/tickets", "supervisor", {"service": "payments"})  # no kiosk limit
            answers.append(r.status_code)
            if r.status_code != 201:
                break
    finally:
        store.conn.execute("PRAGMA max_page_count = 1073741823")
    assert answers[-1] == 503, answers
    assert "full" in app.extensions["dorak"].store_trouble["detail"]
    issued = answers.count(201)
    assert count_tickets(app) == issued
    assert api.issue("payments")["number"] == f"H{issued + 1:03d}"  # no number was lost

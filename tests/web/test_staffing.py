"""A real day: windows open only with a clerk signed in, tickets only within the hours, the
estimate on the kiosk button is what the ticket prints, and yesterday's leftovers expire."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from dorak.config import load_center
from tests.conftest import Api, ManualClock, make_app


@pytest.fixture
def real_app(tmp_path: Path, clock: ManualClock) -> Flask:
    """The sample center with its real hours (Sunday to Thursday) and nobody signed in."""
    return make_app(tmp_path, clock, staffed=False, center=load_center())


@pytest.fixture
def day(real_app: Flask) -> Api:
    d = real_app.extensions["dorak"]
    tokens = {
        "kiosk": d.accounts.create_token("kiosk"),
        "kiosk2": d.accounts.create_token("kiosk"),
        "clerk1": d.accounts.create_token("clerk", 1),
        "clerk9": d.accounts.create_token("clerk", 9),
        "supervisor": d.accounts.create_token("supervisor"),
    }
    return Api(real_app.test_client(), tokens)


def numbered(api: Api) -> int:
    return int(
        api.client.application.extensions["dorak"].store.one(  # type: ignore[attr-defined]
            "SELECT count(*) AS n FROM day_counters"
        )["n"]
    )


def service(api: Api, code: str) -> dict[str, Any]:
    return next(s for s in api.get("/services").get_json()["services"] if s["code"] == code)


def test_nobody_signed_in_nothing_issued_and_the_kiosk_says_why(day: Api) -> None:
    r = day.post("/tickets", "kiosk", {"service": "reconciliation"})
    assert r.status_code == 409 and r.get_json()["error"] == "no_staffed_window"
    assert "reception" in r.get_json()["message"]["en"] and r.get_json()["message"]["ar"]
    assert numbered(day) == 0  # no number spent
    s = service(day, "reconciliation")
    assert s["available"] is False and s["unavailable"]["reason"] == "no_staffed_window"
    state = day.get("/state").get_json()
    assert state["center"]["open"] is False
    assert {w["status"] for w in state["windows"]} == {"unstaffed"}
    # A supervisor may still issue by hand.
    assert day.post("/tickets", "supervisor", {"service": "reconciliation"}).status_code == 201


def test_a_clerk_signs_in_and_out_and_the_window_follows(day: Api, clock: ManualClock) -> None:
    r = day.act(1, "presence")
    assert r.status_code == 200 and r.get_json()["status"] == "open"
    assert r.get_json()["clerk"] == "clerk-1"
    assert service(day, "reconciliation")["available"] is True
    assert service(day, "legalization")["available"] is False  # windows 3-5 have nobody
    assert day.post("/tickets", "kiosk", {"service": "reconciliation"}).status_code == 201
    clock.advance(100)
    day.act(1, "presence")  # the heartbeat
    clock.advance(100)
    assert service(day, "reconciliation")["available"] is True  # 100 s since the last beat
    clock.advance(30)  # the page has been gone 130 s: longer than the 2 minutes allowed
    assert service(day, "reconciliation")["available"] is False
    d = day.client.application.extensions["dorak"]  # type: ignore[attr-defined]
    _, events = d.ops.end_silent_sign_ins()
    assert events and d.store.one("SELECT count(*) AS n FROM window_staff")["n"] == 0
    day.act(1, "presence")
    r = day.client.delete(
        "/api/v1/windows/1/presence", headers={"Authorization": f"Bearer {day.tokens['clerk1']}"}
    )
    assert r.get_json()["status"] == "unstaffed"
    kinds = [e["kind"] for e in d.store.all("SELECT kind FROM events WHERE window = 1")]
    assert kinds.count("signed_in") == 2 and kinds.count("signed_out") == 2


def test_a_paused_window_still_takes_tickets_but_counts_for_no_estimate(day: Api) -> None:
    day.act(9, "presence")
    open_wait = service(day, "payments")["estimated_wait_s"]
    day.act(9, "pause", {"reason": "prayer"})
    s = service(day, "payments")
    assert s["available"] is True  # the clerk is back soon
    windows = {w["number"]: w for w in day.get("/state").get_json()["windows"]}
    assert windows[9]["status"] == "paused" and windows[10]["status"] == "unstaffed"
    assert s["estimated_wait_s"] >= open_wait


def test_outside_hours_refused_with_when_it_opens(day: Api, clock: ManualClock) -> None:
    day.act(1, "presence")
    clock.now = clock.now.replace(hour=13)  # 15:00 in Cairo: the last ticket was at 14:30
    r = day.post("/tickets", "kiosk", {"service": "reconciliation"})
    body = r.get_json()
    assert r.status_code == 409 and body["error"] == "outside_hours"
    assert body["details"]["opens_at"] == "2026-11-29T08:00+02:00"  # Thursday -> Sunday
    assert "Sunday 29 November at 08:00" in body["message"]["en"]
    assert "الأحد 29 نوفمبر الساعة 08:00" in body["message"]["ar"]
    assert numbered(day) == 0
    state = day.get("/state").get_json()
    assert state["center"]["open"] is False and "Sunday" in state["center"]["message"]["en"]
    clock.now = clock.now.replace(hour=11, minute=0)  # 13:00: payments' own last ticket is 13:30
    day.act(9, "presence")
    assert day.post("/tickets", "kiosk", {"service": "payments"}).status_code == 201
    clock.now = clock.now.replace(hour=11, minute=40)
    assert day.post("/tickets", "kiosk", {"service": "payments"}).status_code == 409
    day.act(1, "presence")  # hours ago: its clerk signs in again
    assert day.post("/tickets", "kiosk", {"service": "reconciliation"}).status_code == 201


@pytest.mark.parametrize("waiting", [0, 1, 4, 9])
def test_the_button_shows_what_the_ticket_prints(day: Api, waiting: int) -> None:
    for n in (1, 2):
        day.client.application.extensions["dorak"].ops.sign_in(n, f"c{n}", "token")  # type: ignore[attr-defined]
    for _ in range(waiting):
        day.issue()
    if waiting:
        day.act(1, "call-next")
    button = service(day, "reconciliation")
    ticket = day.issue()
    assert ticket["estimated_wait_s"] == button["estimated_wait_s"]
    assert ticket["ahead"] == button["waiting"]


def test_yesterdays_tickets_expire_and_todays_first_is_called_first(
    day: Api, clock: ManualClock
) -> None:
    day.act(1, "presence")
    yesterday = [day.issue()["number"] for _ in range(3)]
    day.act(1, "call-next")  # A001 called, then the clerk goes home
    clock.advance(24 * 3600)  # Friday: closed; the day still turns
    clock.advance(2 * 24 * 3600)  # Sunday 10:00
    day.act(1, "presence")
    r = day.act(1, "call-next")
    assert r.status_code == 204  # nothing from Thursday is called
    assert day.issue()["number"] == "A001"
    assert day.act(1, "call-next").get_json()["number"] == "A001"
    d = day.client.application.extensions["dorak"]  # type: ignore[attr-defined]
    rows = d.store.all("SELECT number, status, day FROM tickets WHERE day = '2026-11-26'")
    assert [r["number"] for r in rows] == yesterday and {r["status"] for r in rows} == {"expired"}
    assert len(d.store.all("SELECT * FROM events WHERE kind = 'expired'")) == 3
    rows = day.client.get(
        "/api/v1/reports?from=2026-11-26",
        headers={"Authorization": f"Bearer {day.tokens['supervisor']}"},
    ).get_json()["rows"]
    assert next(r for r in rows if r["service"] == "reconciliation")["expired"] == 3


def test_thirty_tickets_a_minute_at_one_kiosk_and_the_other_unaffected(day: Api) -> None:
    for n in range(1, 11):
        day.client.application.extensions["dorak"].ops.sign_in(n, f"c{n}", "token")  # type: ignore[attr-defined]
    codes = [day.post("/tickets", "kiosk", {"service": "payments"}).status_code for _ in range(30)]
    assert codes == [201] * 30
    assert day.post("/tickets", "kiosk2", {"service": "payments"}).status_code == 201
    for _ in range(10):
        day.post("/tickets", "kiosk", {"service": "payments"})
    stuck = day.post("/tickets", "kiosk", {"service": "payments"})  # a button held down
    assert stuck.status_code == 429
    assert stuck.get_json()["message"]["en"].startswith("Please wait a moment")
    assert stuck.get_json()["details"]["retry_after_s"] >= 1
    assert day.post("/tickets", "kiosk2", {"service": "payments"}).status_code == 201


def test_idempotency_keys_belong_to_their_kiosk(day: Api) -> None:
    day.act(9, "presence")
    d = day.client.application.extensions["dorak"]  # type: ignore[attr-defined]
    labels = {t["label"] for t in d.accounts.tokens() if t["role"] == "kiosk"}
    assert len(labels) == 2  # enrolment gives each kiosk its own name

    def issue(who: str) -> Any:
        return day.client.post(
            "/api/v1/tickets",
            json={"service": "payments"},
            headers={"Authorization": f"Bearer {day.tokens[who]}", "Idempotency-Key": "tap-1"},
        ).get_json()

    one, again, other = issue("kiosk"), issue("kiosk"), issue("kiosk2")
    assert one["tracking_id"] == again["tracking_id"] and other["tracking_id"] != one["tracking_id"]


def test_dashboard_shows_who_is_signed_in_where(day: Api) -> None:
    day.act(1, "presence")
    day.act(9, "presence")
    day.act(9, "pause", {"reason": "prayer"})
    windows = {
        w["number"]: w
        for w in day.client.get(
            "/api/v1/dashboard", headers={"Authorization": f"Bearer {day.tokens['supervisor']}"}
        ).get_json()["windows"]
    }
    assert (windows[1]["status"], windows[1]["clerk"]) == ("open", "clerk-1")
    assert (windows[9]["status"], windows[9]["clerk"]) == ("paused", "clerk-9")
    assert (windows[2]["status"], windows[2]["clerk"]) == ("unstaffed", None)


def test_two_pages_at_one_window_do_not_take_turns(day: Api, clock: ManualClock) -> None:
    d = day.client.application.extensions["dorak"]  # type: ignore[attr-defined]
    d.ops.sign_in(3, "staffed", "fixed")  # `dorak window staff 3`: no terminal
    assert d.ops.sign_in(3, "mona", "page")[1]  # a clerk at the terminal takes the window
    assert d.ops.sign_in(3, "boss", "page")[1] == []  # a supervisor's page helps, no takeover
    for _ in range(3):
        clock.advance(60)
        d.ops.sign_in(3, "mona", "page")
        d.ops.sign_in(3, "boss", "page")
    assert d.ops.presences()[3].clerk == "mona"
    signed_in = d.store.all("SELECT clerk FROM events WHERE kind = 'signed_in' AND window = 3")
    assert [r["clerk"] for r in signed_in] == ["staffed", "mona"]
    d.ops.sign_out(3, "mona")
    assert d.ops.sign_in(3, "boss", "page")[1]  # the next heartbeat of the other page

"""Supervisors: alerts, closing a service, the dashboard data and page."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient

from dorak.alerts import AlertWatcher
from dorak.domain.events import AlertRaised
from tests.conftest import Api, ManualClock


def test_alerts_follow_the_state(api: Api, app: Flask, clock: ManualClock) -> None:
    api.issue("payments")  # target 10 minutes
    api.act(2, "pause", {"reason": "break"})
    alerts_now = app.extensions["dorak"].alerts_now
    with app.app_context():
        assert alerts_now() == []
        clock.advance(21 * 60)
        kinds = {(a["kind"], a["subject"]) for a in alerts_now()}
    assert kinds == {("service_overdue", "payments"), ("window_paused", "2")}
    body = api.get("/alerts", "supervisor").get_json()["alerts"]
    overdue = next(a for a in body if a["kind"] == "service_overdue")
    assert "21" in overdue["message"]["ar"] and "Fee payment" in overdue["message"]["en"]


def test_watcher_announces_each_alert_once() -> None:
    state = [[{"kind": "k", "subject": "a"}]]
    said: list[str] = []

    def dispatch(events: list[AlertRaised]) -> None:
        said.extend(e.alert["subject"] for e in events)

    watcher = AlertWatcher(lambda: state[0], dispatch)
    watcher.check()
    watcher.check()
    state[0] = [{"kind": "k", "subject": "a"}, {"kind": "k", "subject": "b"}]
    watcher.check()
    state[0] = []
    watcher.check()
    state[0] = [{"kind": "k", "subject": "a"}]
    watcher.check()  # it went away and came back: that is news again
    assert said == ["a", "b", "a"]


def test_closing_a_service(api: Api) -> None:
    api.issue("payments")
    r = api.post("/services/payments/close", "supervisor")
    assert r.status_code == 200 and r.get_json()["open"] is False
    assert r.get_json()["available"] is False
    refused = api.post("/tickets", "kiosk", {"service": "payments"})
    assert refused.status_code == 409 and refused.get_json()["error"] == "service_closed"
    assert api.act(9, "call-next", as_="admin").get_json()["number"] == "H001"  # still served
    assert api.post("/services/payments/open", "admin").get_json()["open"] is True
    assert api.post("/tickets", "kiosk", {"service": "payments"}).status_code == 201
    assert api.post("/services/nope/close", "admin").status_code == 404


def test_dashboard_data_and_page(
    api: Api, app: Flask, client: FlaskClient, clock: ManualClock
) -> None:
    api.issue()
    clock.advance(90)
    data = api.get("/dashboard", "supervisor").get_json()
    rec = next(s for s in data["services"] if s["code"] == "reconciliation")
    assert rec["longest_wait_s"] == 90 and len(data["windows"]) == 10
    assert data["today"][0]["issued"] == 1
    assert client.get("/dashboard").status_code == 302
    app.extensions["dorak"].accounts.add_user("sara", "long enough pw", "supervisor")
    app.extensions["dorak"].accounts.add_user("mona", "long enough pw", "clerk", window=1)
    for user, status in (("mona", 403), ("sara", 200)):
        c = app.test_client()
        html = c.get("/login").get_data(as_text=True)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]
        c.post("/login", data={"username": user, "password": "long enough pw", "csrf_token": csrf})
        r = c.get("/dashboard")
        assert r.status_code == status
    assert "لوحة المتابعة" in r.get_data(as_text=True)


def test_chart_figures(api: Api, clock: ManualClock) -> None:
    api.issue()  # 10:00
    api.issue("payments")
    clock.advance(20 * 60)
    api.act(1, "call-next")  # waited 20 minutes
    clock.advance(50 * 60)  # 11:10
    api.issue("payments")
    api.act(9, "call-next", as_="admin")  # the 10:00 one: waited 70 minutes
    charts = api.get("/dashboard", "supervisor").get_json()["charts"]
    assert charts["per_hour"] == [{"hour": 10, "issued": 2}, {"hour": 11, "issued": 1}]
    line = {p["at"]: p["waiting"] for p in charts["waiting_over_day"]}
    assert (line["10:00"], line["10:15"], line["10:30"], line["11:00"]) == (2, 2, 1, 1)
    assert charts["waits"]["reconciliation"] == [0, 0, 1, 0, 0, 0]  # 20 min: the 10-20 bucket
    assert charts["waits"]["payments"] == [0, 0, 0, 0, 0, 1]  # over an hour

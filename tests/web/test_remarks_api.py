"""The citizens' voice over HTTP: a remark from the phone (tracking id), the tablet (display
token) and the kiosk (no ticket); limits per ticket and per kiosk; supervisors answer and close;
the answer reaches the citizen's page live; the figures by category, service and window."""

from __future__ import annotations

from flask import Flask

from tests.conftest import Api, ManualClock

XSS = "<script>alert(1)</script> الانتظار طويل"


def test_phone_remark_answered_and_closed(api: Api, app: Flask, clock: ManualClock) -> None:
    t = api.issue()
    tid = t["tracking_id"]
    socketio = app.extensions["socketio"]
    phone = socketio.test_client(app, auth={"tracking_id": tid})
    boss = socketio.test_client(app, auth={"token": api.tokens["supervisor"]})
    phone.get_received()
    boss.get_received()
    r = api.post(f"/tickets/{tid}/remarks", json={"category": "waiting", "text": "  " + XSS + " "})
    assert r.status_code == 201, r.get_json()
    remark = r.get_json()
    assert remark["text"] == XSS and remark["status"] == "open"  # kept as written, trimmed
    news = [m for m in boss.get_received() if m["name"] == "remark_updated"]
    assert news and news[0]["args"][0]["number"] == t["number"]
    assert news[0]["args"][0]["source"] == "phone"
    listed = api.get("/remarks", "supervisor").get_json()["remarks"]
    assert [x["id"] for x in listed] == [remark["id"]]
    clock.advance(600)
    answer = api.post(
        f"/remarks/{remark['id']}/answer", "supervisor", {"text": "نعتذر، فتحنا شباكًا إضافيًا"}
    )
    assert answer.status_code == 200 and answer.get_json()["status"] == "answered"
    to_phone = [m for m in phone.get_received() if m["name"] == "remark_updated"]
    assert to_phone[-1]["args"][0]["answer"] == "نعتذر، فتحنا شباكًا إضافيًا"
    assert "answered_by" not in to_phone[-1]["args"][0]  # no staff names to the public
    mine = api.get(f"/tickets/{tid}/remarks").get_json()["remarks"]
    assert mine[0]["answer"] == "نعتذر، فتحنا شباكًا إضافيًا"
    assert api.post(f"/remarks/{remark['id']}/close", "supervisor", {}).status_code == 200
    again = api.post(f"/remarks/{remark['id']}/answer", "supervisor", {"text": "x"})
    assert again.status_code == 409 and again.get_json()["message"]["ar"]
    assert api.get("/remarks", "supervisor").get_json()["remarks"] == []
    kinds = [
        e.kind for e in app.extensions["dorak"].store.log.since(0) if e.kind.startswith("remark")
    ]
    assert kinds == ["remark_made", "remark_answered", "remark_closed"]
    audit = [e["action"] for e in api.get("/audit", "admin").get_json()["entries"]]
    assert "remark_answered" in audit and "remark_closed" in audit
    rows = api.get("/reports/remarks?from=2026-11-26", "supervisor").get_json()["rows"]
    assert rows == [
        {
            "category": "waiting",
            "remarks": 1,
            "answered": 1,
            "closed": 1,
            "open": 0,
            "answer_median_min": 10.0,
            "answer_p90_min": 10.0,
        }
    ]
    phone.disconnect()
    boss.disconnect()


def test_limits_and_bad_input(api: Api) -> None:
    tid = api.issue()["tracking_id"]
    for _ in range(3):
        assert (
            api.post(f"/tickets/{tid}/remarks", json={"category": "other", "text": "x"}).status_code
            == 201
        )
    r = api.post(f"/tickets/{tid}/remarks", json={"category": "other", "text": "x"})
    assert r.status_code == 429 and r.get_json()["error"] == "too_many_remarks"
    other = api.issue()["tracking_id"]
    for body in (
        {"category": "other", "text": "   "},
        {"category": "nonsense", "text": "x"},
        {"category": "other", "text": "x" * 1001},
        {"category": "other", "text": "a\u200bb"},
    ):
        r = api.post(f"/tickets/{other}/remarks", json=body)
        assert r.status_code == 400 and r.get_json()["message"]["ar"], body
    assert api.get(f"/tickets/{other}/remarks").get_json()["remarks"] == []
    assert (
        api.post("/tickets/nope/remarks", json={"category": "other", "text": "x"}).status_code
        == 404
    )


def test_kiosk_remark_without_a_ticket_is_rate_limited(api: Api) -> None:
    for i in range(5):
        r = api.post("/remarks", "kiosk", {"category": "building", "text": f"no chairs {i}"})
        assert r.status_code == 201, r.get_json()
    r = api.post("/remarks", "kiosk", {"category": "building", "text": "more"})
    assert r.status_code == 429 and r.get_json()["details"]["retry_after_s"] >= 1
    assert api.post("/remarks", None, {"category": "building", "text": "x"}).status_code == 401
    rows = api.get("/reports/remarks?from=2026-11-26&by=window", "supervisor").get_json()["rows"]
    assert rows[0]["window"] == "kiosk" and rows[0]["remarks"] == 5
    assert rows[0]["answer_median_min"] is None


def test_tablet_remark_is_marked_as_the_tablets(api: Api) -> None:
    tid = api.issue()["tracking_id"]
    api.act(1, "call-next")
    r = api.post(f"/tickets/{tid}/remarks", "display", {"category": "staff", "text": "polite"})
    assert r.status_code == 201
    staff = api.get("/remarks", "supervisor").get_json()["remarks"][0]
    assert (staff["source"], staff["window"], staff["service"]) == ("tablet", 1, "reconciliation")
    rows = api.get("/reports/remarks?days=1&by=service&format=csv", "supervisor")
    assert rows.get_data(as_text=True).splitlines()[1].startswith("reconciliation,1,0,0,1")


def test_integrity_over_http_and_on_public(api: Api, client) -> None:  # type: ignore[no-untyped-def]
    api.issue()
    api.issue()
    assert api.get("/public").get_json()["served_in_order_today"] is None  # no call yet
    r = api.act(1, "call", {"ticket": "A002"})
    assert r.status_code == 409 and r.get_json()["error"] == "reason_needed"
    assert "A001" in r.get_json()["message"]["ar"] and "A001" in r.get_json()["message"]["en"]
    assert api.act(1, "call", {"ticket": "A002", "reason": "wrong_service"}).status_code == 200
    api.act(1, "no-show")
    api.act(1, "call-next")
    assert api.get("/public").get_json()["served_in_order_today"] == 0.5
    page = client.get("/public?lang=en").get_data(as_text=True)
    assert "Served in order today: 50.0 %" in page
    rows = api.get("/reports/integrity?days=1", "supervisor").get_json()["rows"]
    assert rows[0]["out_of_order"] == 1 and rows[0]["reason_wrong_service"] == 1
    csv = api.get("/reports/integrity?from=2026-11-26&by=window&format=csv", "supervisor")
    assert csv.get_data(as_text=True).startswith("window,calls,in_order,out_of_order")


def test_dorak_report_remarks_and_integrity(api: Api, app: Flask) -> None:
    from click.testing import CliRunner

    from dorak.cli import main

    tid = api.issue()["tracking_id"]
    api.issue()
    api.post(f"/tickets/{tid}/remarks", json={"category": "documents", "text": "unclear list"})
    api.act(1, "call", {"ticket": "A002", "reason": "returned"})
    db = app.config["DATABASE"]
    base = ["report", "--db", db, "--from", "2026-11-26"]
    r = CliRunner().invoke(main, [*base, "--remarks", "--by", "category"])
    assert r.exit_code == 0, r.output
    head, line = r.output.splitlines()[:2]
    assert head.split()[:2] == ["category", "remarks"] and line.split()[:2] == ["documents", "1"]
    r = CliRunner().invoke(main, [*base, "--integrity"])
    assert r.exit_code == 0, r.output
    head, line = r.output.splitlines()[:2]
    assert head.split()[:4] == ["clerk", "calls", "in_order", "out_of_order"]
    assert line.split()[1:4] == ["1", "0", "1"]
    bad = CliRunner().invoke(main, [*base, "--integrity", "--by", "category"])
    assert bad.exit_code != 0 and "clerk" in bad.output

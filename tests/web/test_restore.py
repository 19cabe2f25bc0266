"""A no-show put back in line: by whom, until when, and where it goes."""

from __future__ import annotations

from flask import Flask

from tests.conftest import Api, ManualClock


def _no_show(api: Api) -> dict:
    first = api.issue()
    api.issue()
    called = api.act(3, "call-next").get_json()
    assert called["number"] == first["number"]
    assert api.act(3, "no-show").get_json()["status"] == "no_show"
    return first


def test_restored_ticket_is_called_next_in_its_place(api: Api) -> None:
    first = _no_show(api)
    mine = api.get("/no-shows", "clerk3").get_json()["tickets"]
    assert [t["number"] for t in mine] == [first["number"]]
    assert api.get("/no-shows", "clerk1").get_json()["tickets"] == []  # not theirs
    r = api.post(f"/tickets/{first['number']}/restore", "clerk3")
    assert r.status_code == 200 and r.get_json()["status"] == "waiting"
    # Back in its original place: before A002, which came after it.
    assert api.act(3, "call-next").get_json()["number"] == first["number"]
    assert api.get("/no-shows", "clerk3").get_json()["tickets"] == []


def test_only_its_clerk_or_a_supervisor(api: Api) -> None:
    first = _no_show(api)
    r = api.post(f"/tickets/{first['tracking_id']}/restore", "clerk1")
    assert r.status_code == 403 and r.get_json()["error"] == "not_your_no_show"
    assert "المشرف" in r.get_json()["message"]["ar"]
    assert api.post(f"/tickets/{first['number']}/restore", "kiosk").status_code == 403
    r = api.post(f"/tickets/{first['tracking_id']}/restore", "supervisor")
    assert r.status_code == 200
    # Twice is a mistake, not a second place in line.
    again = api.post(f"/tickets/{first['tracking_id']}/restore", "supervisor")
    assert again.status_code == 409 and again.get_json()["error"] == "invalid_transition"


def test_too_late_after_the_configured_minutes(app: Flask, api: Api, clock: ManualClock) -> None:
    first = _no_show(api)
    clock.advance(31 * 60)
    r = api.post(f"/tickets/{first['number']}/restore", "clerk3")
    assert r.status_code == 409 and r.get_json()["error"] == "restore_too_late"
    assert "30" in r.get_json()["message"]["en"]
    # An admin gives reception an hour: the same ticket may come back.
    r = api.client.put(
        "/api/v1/admin/settings",
        json={"restore_min": 60},
        headers={"Authorization": f"Bearer {api.tokens['admin']}"},
    )
    assert r.status_code == 200 and r.get_json()["restore_min"] == 60
    assert api.post(f"/tickets/{first['number']}/restore", "clerk3").status_code == 200


def test_restore_is_an_event_in_the_log(app: Flask, api: Api) -> None:
    first = _no_show(api)
    api.post(f"/tickets/{first['number']}/restore", "supervisor")
    store = app.extensions["dorak"].store
    kinds = [
        r[0]
        for r in store.conn.execute(
            "SELECT kind FROM events WHERE number = ? ORDER BY id", (first["number"],)
        )
    ]
    assert kinds[-2:] == ["no_show", "restore"]
    audit = store.conn.execute("SELECT action FROM audit ORDER BY rowid DESC LIMIT 1").fetchone()
    assert audit[0] == "ticket_restore"

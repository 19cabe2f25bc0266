"""Socket.IO in-process: rooms, the first `state` snapshot, and events after each commit."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from dorak.realtime import socketio
from tests.conftest import Api


def connect(app: Flask, client: FlaskClient, auth: dict[str, Any] | None = None) -> Any:
    return socketio.test_client(app, auth=auth, flask_test_client=client)


def names(received: list[dict[str, Any]]) -> list[str]:
    return [m["name"] for m in received]


def by_name(received: list[dict[str, Any]], name: str) -> list[Any]:
    return [m["args"][0] for m in received if m["name"] == name]


def test_display_gets_state_first_then_public_events(
    app: Flask, client: FlaskClient, api: Api
) -> None:
    display = connect(app, client)
    first = display.get_received()
    assert names(first) == ["state"]
    assert {w["number"] for w in first[0]["args"][0]["windows"]} == set(range(1, 11))
    api.issue()
    api.act(1, "call-next")
    got = display.get_received()
    # One message per call: the call carries the window's new number and the line's count.
    assert names(got) == ["queue_updated", "ticket_called"]
    called = by_name(got, "ticket_called")[0]
    assert (called["number"], called["window"], called["recall"]) == ("A001", 1, False)
    assert called["waiting"] == {"reconciliation": 0}
    assert "id" not in called and "note" not in called  # no tracking id on the lobby screen
    api.act(1, "recall")
    assert by_name(display.get_received(), "ticket_called")[0]["recall"] is True


def test_tracking_page_follows_its_ticket(app: Flask, client: FlaskClient, api: Api) -> None:
    mine = api.issue()
    other = api.issue()
    phone = connect(app, client, {"tracking_id": other["tracking_id"]})
    state = by_name(phone.get_received(), "state")[0]
    assert state["ticket"]["number"] == "A002" and state["ticket"]["ahead"] == 1
    assert state["line"]["waiting"] == ["A001", "A002"]
    api.act(1, "call-next")  # calls A001: only the line moves for A002
    got = phone.get_received()
    assert names(got) == ["line_updated"]
    assert by_name(got, "line_updated")[0]["waiting"] == ["A002"]
    api.act(2, "call-next")
    got = phone.get_received()
    called = by_name(got, "ticket_called")[0]
    assert (called["number"], called["window"], called["tracking_id"]) == (
        "A002",
        2,
        other["tracking_id"],
    )
    assert mine["tracking_id"] != other["tracking_id"]


def test_unknown_tracking_id_or_bad_token_is_refused(app: Flask, client: FlaskClient) -> None:
    assert not connect(app, client, {"tracking_id": "made-up"}).is_connected()
    assert not connect(app, client, {"token": "dk_wrong"}).is_connected()


def test_window_room_gets_only_its_window(
    app: Flask, client: FlaskClient, api: Api, tokens: dict[str, str]
) -> None:
    w1 = connect(app, client, {"token": tokens["clerk1"]})
    w2 = connect(app, client, {"token": tokens["clerk2"]})
    assert names(w1.get_received()) == ["state"]
    w2.get_received()
    api.issue()
    api.act(1, "call-next")
    got1, got2 = w1.get_received(), w2.get_received()
    assert "ticket_called" in names(got1) and "ticket_called" not in names(got2)
    assert by_name(got1, "ticket_called")[0]["clerk"] == "clerk-1"
    assert "queue_updated" in names(got2)  # every window sees the waiting counts


def test_two_windows_calling_reach_the_display_in_order_once(
    app: Flask, client: FlaskClient, api: Api
) -> None:
    display = connect(app, client)
    display.get_received()
    api.issue()
    api.issue()
    api.act(1, "call-next")
    api.act(2, "call-next")
    calls = by_name(display.get_received(), "ticket_called")
    assert [(c["number"], c["window"]) for c in calls] == [("A001", 1), ("A002", 2)]


def test_failed_action_publishes_nothing(app: Flask, client: FlaskClient, api: Api) -> None:
    display = connect(app, client)
    display.get_received()
    assert api.act(1, "call-next").status_code == 204
    assert api.post("/tickets", "kiosk", {"service": "nope"}).status_code == 404
    assert display.get_received() == []


def test_supervisor_gets_staff_events(
    app: Flask, client: FlaskClient, api: Api, tokens: dict[str, str]
) -> None:
    sup = connect(app, client, {"token": tokens["supervisor"]})
    sup.get_received()
    t = api.issue()
    issued = by_name(sup.get_received(), "ticket_issued")[0]
    assert issued["tracking_id"] == t["tracking_id"]


def test_the_clerk_gets_what_the_counter_page_shows(
    app: Flask, client: FlaskClient, api: Api, tokens: dict[str, str]
) -> None:
    w1 = connect(app, client, {"token": tokens["clerk1"]})
    w1.get_received()
    api.issue()
    api.issue(priority="elderly")
    lines = by_name(w1.get_received(), "window_updated")
    assert lines[-1]["number"] == 1 and lines[-1]["waiting"] == {"reconciliation": 2}
    assert [t["number"] for t in lines[-1]["next"]] == ["A002", "A001"]  # priority first
    api.act(1, "call-next")
    window = by_name(w1.get_received(), "window_updated")[-1]
    assert window["ticket"]["number"] == "A002" and window["ticket"]["status"] == "called"
    assert [t["number"] for t in window["next"]] == ["A001"]
    api.act(1, "start")
    api.act(1, "finish", {"outcome": "completed"})
    window = by_name(w1.get_received(), "window_updated")[-1]
    assert window["ticket"] is None and window["today"]["served"] == 1
    assert window == {**api.get("/windows/1", "clerk1").get_json(), **window}  # as GET says

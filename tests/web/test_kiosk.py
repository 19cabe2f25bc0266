"""The kiosk and tracking pages over HTTP, printing through the app, and the per-device limit."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from dorak.realtime import socketio
from printer.virtual import VirtualPrinter
from tests.conftest import Api, ManualClock, make_app
from tests.live import wait_for
from tests.printer.test_printing import wait_jobs


def enroll(client: FlaskClient, token: str) -> str:
    r = client.get(f"/kiosk?token={token}")
    assert r.status_code == 302 and r.headers["Location"] == "/kiosk"
    html = client.get("/kiosk").get_data(as_text=True)
    return re.search(r'"csrf": "([^"]+)"', html).group(1)  # type: ignore[union-attr]


def test_unenrolled_browser_sees_the_enrollment_form(client: FlaskClient) -> None:
    html = client.get("/kiosk").get_data(as_text=True)
    assert 'dir="rtl"' in html and "مفتاح الجهاز" in html
    assert "dorak token create" not in html  # no command line for the people at the center
    r = client.post("/api/v1/tickets", json={"service": "payments"})
    assert r.status_code == 401


def test_enrollment_refuses_other_tokens(client: FlaskClient, tokens: dict[str, str]) -> None:
    r = client.get(f"/kiosk?token={tokens['clerk1']}")
    assert r.status_code == 403
    assert "ليس رمز جهاز تذاكر صالحًا" in r.get_data(as_text=True)


def test_enrollment_form_needs_csrf(client: FlaskClient, tokens: dict[str, str]) -> None:
    assert client.post("/kiosk/enroll", data={"token": tokens["kiosk"]}).status_code == 403


def test_enrolled_kiosk_issues_with_its_session(
    client: FlaskClient, tokens: dict[str, str], app: Flask
) -> None:
    csrf = enroll(client, tokens["kiosk"])
    page = client.get("/kiosk").get_data(as_text=True)
    assert "socket.io.min.js" in page and "المس الخدمة المطلوبة" in page
    assert client.post("/api/v1/tickets", json={"service": "payments"}).status_code == 403
    r = client.post("/api/v1/tickets", json={"service": "payments"}, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 201 and r.get_json()["number"] == "H001"


def test_english_is_one_tap_away(client: FlaskClient, tokens: dict[str, str]) -> None:
    enroll(client, tokens["kiosk"])
    html = client.get("/kiosk?lang=en").get_data(as_text=True)
    assert 'lang="en" dir="ltr"' in html and "Touch a service to take your ticket" in html
    # The choice sticks for other pages, but the kiosk starts again in Arabic for the next
    # citizen (a reload, or the page coming back after a ticket).
    assert 'lang="en"' in client.get("/").get_data(as_text=True)
    r = client.get("/kiosk")
    assert r.status_code == 302 and r.headers["Location"] == "/kiosk?lang=ar"


def test_rate_limit_per_kiosk(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock, KIOSK_RATE_LIMIT="3/60")
    d = app.extensions["dorak"]
    kiosk = d.accounts.create_token("kiosk", label="kiosk-a")
    other = d.accounts.create_token("kiosk", label="kiosk-b")
    c = app.test_client()

    def issue(token: str) -> Any:
        return c.post(
            "/api/v1/tickets",
            json={"service": "payments"},
            headers={"Authorization": f"Bearer {token}"},
        )

    assert [issue(kiosk).status_code for _ in range(4)] == [201, 201, 201, 429]
    refused = issue(kiosk).get_json()
    assert refused["error"] == "rate_limited" and "انتظر" in refused["message"]["ar"]
    assert issue(other).status_code == 201  # another device is not affected
    assert d.store.one("SELECT count(*) AS n FROM tickets")["n"] == 4  # nothing half-made


def test_tracking_page_and_qr(client: FlaskClient, api: Api) -> None:
    t = api.issue()
    html = client.get(f"/t/{t['tracking_id']}").get_data(as_text=True)
    assert "A001" in html and 'dir="rtl"' in html
    svg = client.get(f"/t/{t['tracking_id']}/qr.svg")
    assert svg.status_code == 200 and svg.headers["Content-Type"] == "image/svg+xml"
    assert b"<svg" in svg.data
    assert client.get("/t/not-a-ticket").status_code == 404
    assert client.get("/t/not-a-ticket/qr.svg").status_code == 404


def test_vendor_files_are_served_and_nothing_else(client: FlaskClient) -> None:
    r = client.get("/assets/vendor/socket.io-client/dist/socket.io.min.js")
    assert r.status_code == 200 and b"io" in r.data
    r.close()
    css = client.get("/assets/vendor/@fontsource/cairo/400.css")
    assert css.status_code == 200 and b"@font-face" in css.data
    css.close()
    assert client.get("/assets/vendor/socket.io-client/package.json").status_code == 404
    assert client.get("/assets/vendor/../package.json").status_code == 404


@pytest.fixture
def printing_app(tmp_path: Path, clock: ManualClock) -> Iterator[tuple[Flask, VirtualPrinter]]:
    with VirtualPrinter() as vp:
        app = make_app(tmp_path, clock, PRINTER=f"tcp://127.0.0.1:{vp.port}", PRINTER_TIMEOUT=0.5)
        yield app, vp


def test_issuing_prints_after_the_commit(printing_app: tuple[Flask, VirtualPrinter]) -> None:
    app, vp = printing_app
    d = app.extensions["dorak"]
    kiosk = d.accounts.create_token("kiosk")
    c = app.test_client()
    r = c.post(
        "/api/v1/tickets",
        json={"service": "reconciliation"},
        headers={"Authorization": f"Bearer {kiosk}"},
    )
    assert r.status_code == 201
    d.printer.worker.join()
    wait_jobs(vp, 1)  # the virtual printer decodes a job once its connection has closed
    row = d.store.tickets.by_tracking_id(r.get_json()["tracking_id"])
    assert [e.kind for e in d.store.log.of_ticket(row.id)] == ["issued", "printed"]
    assert d.printer.printed(row.id) is True


def test_printer_fault_keeps_the_ticket_and_tells_the_kiosk(
    printing_app: tuple[Flask, VirtualPrinter],
) -> None:
    app, vp = printing_app
    d = app.extensions["dorak"]
    kiosk = d.accounts.create_token("kiosk")
    sup = d.accounts.create_token("supervisor")
    c = app.test_client()
    screen = socketio.test_client(app, auth={"token": kiosk}, flask_test_client=c)
    screen.get_received()
    vp.state.paper = "out"
    r = c.post(
        "/api/v1/tickets",
        json={"service": "reconciliation"},
        headers={"Authorization": f"Bearer {kiosk}"},
    )
    assert r.status_code == 201
    ticket = r.get_json()
    d.printer.worker.join()
    news: list[Any] = []

    def printer_news() -> bool:
        news.extend(m["args"][0] for m in screen.get_received() if m["name"] == "printer_status")
        return bool(news)

    wait_for(printer_news, what="printer_status")
    assert news[0]["status"] == "paper_out" and news[0]["ok"] is False
    # Every kiosk hears it: the number (the kiosk page matches it), never the tracking id.
    assert news[0]["ticket"] == {"number": ticket["number"]}
    again = socketio.test_client(app, auth={"token": kiosk}, flask_test_client=c)
    state = next(m["args"][0] for m in again.get_received() if m["name"] == "state")
    assert state["printer"]["ticket"] == {"number": ticket["number"]}
    lead = socketio.test_client(app, auth={"token": sup}, flask_test_client=c)
    state = next(m["args"][0] for m in lead.get_received() if m["name"] == "state")
    assert (
        state["printer"]["ticket"]["tracking_id"] == ticket["tracking_id"]
    )  # supervisors may reprint it
    assert "نفد ورق الطابعة" in news[0]["message"]["ar"]
    row = d.store.tickets.by_tracking_id(ticket["tracking_id"])
    assert row.status == "waiting"  # printing never rolls a ticket back
    assert d.printer.printed(row.id) is False
    # Paper back in: the kiosk's "print again" works.
    vp.state.paper = "ok"
    r = c.post(
        f"/api/v1/tickets/{ticket['tracking_id']}/print",
        headers={"Authorization": f"Bearer {kiosk}"},
    )
    assert r.status_code == 202
    d.printer.worker.join()
    wait_jobs(vp, 1)
    assert d.printer.printed(row.id) is True
    # A kiosk cannot reprint old tickets; a supervisor can.
    d.ops.clock.advance(16 * 60)  # type: ignore[attr-defined]
    old = c.post(
        f"/api/v1/tickets/{ticket['tracking_id']}/print",
        headers={"Authorization": f"Bearer {kiosk}"},
    )
    assert old.status_code == 403
    assert (
        c.post(
            f"/api/v1/tickets/{ticket['tracking_id']}/print",
            headers={"Authorization": f"Bearer {sup}"},
        ).status_code
        == 202
    )

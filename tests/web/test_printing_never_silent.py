"""Printing never fails silently: odd characters in names are drawn (as spaces), and when a
ticket cannot be drawn the failure is recorded and told like any printer fault."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from dorak.app import create_app
from dorak.config import load_center
from dorak.domain.model import PriorityCategory
from dorak.realtime import socketio
from printer.virtual import VirtualPrinter
from tests.conftest import ManualClock, staff_all
from tests.live import wait_for

# What stopped printing (a session found): line and paragraph breaks, information separators.
BREAKERS = ["\n", "\r", "\x1c", "\x1d", "\x1e", "\x85", "\u2029"]


@pytest.fixture
def vp() -> Iterator[VirtualPrinter]:
    with VirtualPrinter() as printer:
        yield printer


def printing_app(tmp_path: Path, clock: ManualClock, vp: VirtualPrinter, **extra: Any) -> Flask:
    app = create_app(
        {
            "TESTING": True,
            "INSTANCE": str(tmp_path / "instance"),
            "CLOCK": clock,
            "SECRET_KEY": "k",
            "PRINTER": f"tcp://127.0.0.1:{vp.port}",
            "PRINTER_TIMEOUT": 2,
            **extra,
        }
    )
    staff_all(app.extensions["dorak"].ops)  # a clerk at every window: tickets may be issued
    return app


@pytest.mark.parametrize("odd", BREAKERS)
def test_names_with_control_characters_still_print(
    tmp_path: Path, clock: ManualClock, vp: VirtualPrinter, odd: str
) -> None:
    # Such names came in before input was checked (a database from an earlier version).
    sample = load_center()
    service = sample.services[0]
    center = replace(
        sample,
        name_ar=f"مركز{odd}الخدمات",
        name_en=f"Service{odd}center",
        services=(
            replace(service, name_ar=f"التصالح{odd}", name_en=f"Reconciliation{odd}x"),
            *sample.services[1:],
        ),
        priorities=(PriorityCategory("elderly", f"كبار{odd}السن", f"Elderly{odd}"),),
    )
    app = printing_app(tmp_path, clock, vp, CENTER=center)
    d = app.extensions["dorak"]
    assert d.ops.center.name_en == f"Service{odd}center"
    kiosk = d.accounts.create_token("kiosk")
    r = app.test_client().post(
        "/api/v1/tickets",
        json={"service": service.code, "priority": "elderly"},
        headers={"Authorization": f"Bearer {kiosk}"},
    )
    assert r.status_code == 201
    d.printer.worker.join()
    row = d.store.tickets.by_tracking_id(r.get_json()["tracking_id"])
    assert d.printer.printed(row.id) is True
    wait_for(lambda: len(vp.state.jobs) == 1, what="the printed ticket")
    admin = d.accounts.create_token("admin")
    test = app.test_client().post(
        "/api/v1/admin/printer/test", json={}, headers={"Authorization": f"Bearer {admin}"}
    )
    assert test.status_code == 200 and test.get_json()["ok"] is True


def test_a_ticket_that_cannot_be_drawn_is_recorded_and_told(
    tmp_path: Path, clock: ManualClock, vp: VirtualPrinter
) -> None:
    app = printing_app(tmp_path, clock, vp)
    d = app.extensions["dorak"]
    with d.store.write():  # a logo that is not an image: drawing fails
        d.store.settings.put("logo_png", "bm90IGFuIGltYWdl", 0.0)
    kiosk = d.accounts.create_token("kiosk")
    sup = d.accounts.create_token("supervisor")
    client = app.test_client()
    lead = socketio.test_client(app, auth={"token": sup}, flask_test_client=client)
    lead.get_received()
    r = client.post(
        "/api/v1/tickets",
        json={"service": "reconciliation"},
        headers={"Authorization": f"Bearer {kiosk}"},
    )
    assert r.status_code == 201  # the ticket stands
    d.printer.worker.join()
    row = d.store.tickets.by_tracking_id(r.get_json()["tracking_id"])
    events = d.store.log.of_ticket(row.id)
    assert [e.kind for e in events] == ["issued", "print_failed"]
    assert events[1].details["status"] == "error"
    assert "UnidentifiedImageError" in events[1].details["detail"]
    news: list[Any] = []
    wait_for(
        lambda: bool(
            news.extend(m["args"][0] for m in lead.get_received() if m["name"] == "printer_status")
            or news
        ),
        what="printer_status",
    )
    assert news[0]["status"] == "error" and news[0]["ok"] is False
    assert news[0]["ticket"]["number"] == row.number
    alerts = client.get("/api/v1/alerts", headers={"Authorization": f"Bearer {sup}"}).get_json()
    assert any(a["kind"] == "printer" and a["subject"] == "error" for a in alerts["alerts"])
    metrics = client.get("/metrics").get_data(as_text=True)
    assert "dorak_printer_faults_total 1" in metrics and "dorak_printer_up 0" in metrics
    assert client.get("/healthz").get_json()["printer"] == "error"
    assert vp.state.jobs == []
    admin = d.accounts.create_token("admin")
    test = client.post(
        "/api/v1/admin/printer/test", json={}, headers={"Authorization": f"Bearer {admin}"}
    )
    assert test.status_code == 200 and test.get_json()["ok"] is False  # was a 500
    assert test.get_json()["message"]["ar"]
    lead.disconnect()

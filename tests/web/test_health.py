"""/healthz and /metrics."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import Api


def test_healthz(client: FlaskClient, app: Flask) -> None:
    r = client.get("/healthz")
    assert r.status_code == 200 and r.get_json()["database"] == "ok"
    assert r.get_json()["printer"] == "none"
    store = app.extensions["dorak"].store
    store.conn.execute("PRAGMA query_only = ON")
    try:
        r = client.get("/healthz")
        assert r.status_code == 503 and r.get_json()["database"].startswith("error")
    finally:
        store.conn.execute("PRAGMA query_only = OFF")


def test_metrics(api: Api) -> None:
    api.issue()
    api.issue()
    api.issue("payments")
    api.act(1, "call-next")
    api.act(2, "pause", {"reason": "break"})
    text = api.client.get("/metrics").get_data(as_text=True)
    assert 'dorak_tickets_issued_total{service="reconciliation"} 2' in text
    assert 'dorak_tickets_waiting{service="reconciliation"} 1' in text
    assert 'dorak_tickets_waiting{service="payments"} 1' in text
    assert "dorak_windows_open 9" in text
    assert "dorak_call_seconds_count 1" in text
    assert 'dorak_call_seconds_bucket{le="+Inf"} 1' in text
    assert "# TYPE dorak_printer_faults_total counter" in text

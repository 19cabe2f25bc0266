"""The hub's HTTP API in process over a real PostgreSQL: what centers send (gzip batches, the
token decides the center), who reads what (a viewer limited to one center sees only it),
reports as JSON, CSV and XLSX, the public waits, the OpenAPI document."""

from __future__ import annotations

import gzip
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from dorak.center_config import to_toml
from dorak.config import load_center
from dorak.hub.app import create_hub_app
from dorak.reports import report
from dorak.sim_profile import load_profile
from dorak.simulate import simulate
from dorak.store import Store
from dorak.store.hub import HubStore
from dorak.sync import wire

pytestmark = pytest.mark.web
DAY = date(2026, 11, 24)
PROFILE = Path(__file__).resolve().parents[2] / "profiles" / "sample.toml"


@pytest.fixture(scope="module")
def center_log(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, list[list[Any]]]:
    center = load_center(None)
    store = Store(tmp_path_factory.mktemp("c") / "dorak.db")
    store.migrate()
    simulate(store, load_profile(PROFILE, center), 1, 3, DAY)
    return store, [wire(e) for e in store.log.since(0)]


@pytest.fixture
def hub_app(hub_url: str, hub_store: HubStore, tmp_path: Path, monkeypatch: Any) -> Flask:
    monkeypatch.setenv("DORAK_HUB_INSTANCE", str(tmp_path / "hub"))
    app = create_hub_app(hub_url, {"TESTING": True})
    for code, token in (("C1", "tok-1"), ("C2", "tok-2")):
        hub_store.add_center(code, f"مركز {code}", f"Center {code}", "Africa/Cairo", token, 0)
    hub_store.reads.add_token("viewer-1", "viewer", hub_store.center_ids(["C1"]).values(), "", 0)
    hub_store.reads.add_token("admin-t", "admin", None, "", 0)
    return app


def push(client: FlaskClient, token: str, body: dict[str, Any]) -> Any:
    data = gzip.compress(json.dumps(body).encode())
    return client.post(
        "/hub/api/v1/sync/events",
        data=data,
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Encoding": "gzip",
            "Content-Type": "application/json",
        },
    )


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_centers_push_and_readers_read_what_they_may(hub_app: Flask, center_log: Any) -> None:
    store, events = center_log
    client = hub_app.test_client()
    toml = to_toml(load_center(None))
    r = push(client, "tok-1", {"events": events[:500], "config": toml})
    assert r.status_code == 200 and r.json == {"high_water": events[499][0], "stored": 500}
    r = push(client, "tok-1", {"events": events, "config": toml})  # again, and the rest
    assert r.json == {"high_water": events[-1][0], "stored": len(events) - 500}
    state = client.get("/hub/api/v1/sync/state", headers=bearer("tok-1")).json
    assert state == {"center": "C1", "high_water": events[-1][0]}

    # a wrong token is refused; a center names only itself
    wrong = push(client, "nope", {"events": events[:1]})
    assert wrong.status_code == 401 and wrong.json["message"]["ar"]
    other = push(client, "tok-2", {"center": "C1", "events": events[:3]})
    assert other.status_code == 403 and other.json["error"] == "not_your_center"
    bad = push(client, "tok-2", {"events": [[1, "issued"]]})
    assert bad.status_code == 400 and bad.json["error"] == "bad_batch"
    # C2 stored nothing of C1's
    assert client.get("/hub/api/v1/sync/state", headers=bearer("tok-2")).json["high_water"] == 0

    # a viewer limited to C1 sees only C1
    seen = client.get("/hub/api/v1/centers", headers=bearer("viewer-1")).json
    assert [c["code"] for c in seen] == ["C1"]
    assert client.get("/hub/api/v1/centers/C2", headers=bearer("viewer-1")).status_code == 403
    assert client.get("/hub/api/v1/centers").status_code == 401
    everyone = client.get("/hub/api/v1/centers", headers=bearer("admin-t")).json
    assert [c["code"] for c in everyone] == ["C1", "C2"]

    # the report is the center's own
    q = f"/hub/api/v1/reports?from={DAY}&to={DAY}&by=service"
    rows = client.get(q, headers=bearer("viewer-1")).json
    center = load_center(None)
    mine = report(store, center, DAY, DAY, "service")
    assert rows == [{"center": "C1", **r} for r in mine]
    whole = client.get(f"/hub/api/v1/reports?from={DAY}&by=center", headers=bearer("admin-t"))
    assert [r["center"] for r in whole.json] == ["C1"]  # C2 has no entries that day
    day_row = report(store, center, DAY, DAY, "day")[0]
    day_row.pop("day")
    assert whole.json[0] == {"center": "C1", **day_row}
    csv = client.get(q + "&format=csv", headers=bearer("admin-t"))
    assert csv.status_code == 200 and csv.data.decode().splitlines()[0].startswith("center,service")
    xlsx = client.get(q + "&format=xlsx", headers=bearer("admin-t"))
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    assert sheet.max_row == len(mine) + 1
    bad_q = client.get("/hub/api/v1/reports?from=x", headers=bearer("admin-t"))
    assert bad_q.status_code == 400 and bad_q.json["message"]["en"]


def test_heartbeat_and_public_waits(hub_app: Flask) -> None:
    client = hub_app.test_client()
    live = {
        "waiting": {"reconciliation": 4},
        "staffed": [1, 2],
        "windows": 10,
        "services": {"reconciliation": {"ar": "تصالح", "en": "Reconciliation", "next_wait_s": 900}},
        "calls": [],
        "alerts": [],
    }
    r = client.post("/hub/api/v1/sync/heartbeat", json={"live": live}, headers=bearer("tok-2"))
    assert r.status_code == 200
    waits = {c["code"]: c for c in client.get("/hub/api/v1/public/waits").json}
    assert waits["C2"]["status"] == "live" and waits["C1"]["status"] == "cut"
    assert waits["C2"]["services"][0]["waiting"] == 4
    c2 = client.get("/hub/api/v1/centers/C2", headers=bearer("admin-t")).json
    assert (c2["waiting"], c2["staffed_windows"], c2["status"]) == (4, 2, "live")


def test_openapi_document_is_valid_and_lists_every_route(hub_app: Flask) -> None:
    from openapi_spec_validator import validate

    doc = hub_app.test_client().get("/hub/api/v1/openapi.json").json
    validate(doc)
    routed = {
        str(r.rule).replace("<code>", "{code}")
        for r in hub_app.url_map.iter_rules()
        if str(r.rule).startswith("/hub/api/v1/")
    }
    assert routed == set(doc["paths"])

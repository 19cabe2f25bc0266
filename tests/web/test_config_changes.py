"""Configuration changes that would lose track of a citizen or silently drop what was asked
are refused with the reason, and nothing changes."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from flask import Flask

from dorak.center_config import to_toml
from tests.conftest import Api


def admin(api: Api, method: str, path: str, json: Any = None) -> Any:
    return api.client.open(
        f"/api/v1/admin{path}",
        method=method,
        json=json,
        headers={"Authorization": f"Bearer {api.tokens['admin']}"},
    )


def without_window(app: Flask, number: int) -> str:
    center = app.extensions["dorak"].ops.center
    windows = tuple(w for w in center.windows if w.number != number)
    return to_toml(replace(center, windows=windows))


def test_a_window_holding_a_called_ticket_cannot_be_removed(api: Api, app: Flask) -> None:
    ticket = api.issue("payments")
    called = api.act(10, "call-next", as_="supervisor").get_json()
    assert called["number"] == ticket["number"]
    before = app.extensions["dorak"].config.export()
    r = admin(api, "PUT", "/config", {"toml": without_window(app, 10)})
    assert r.status_code == 409 and r.get_json()["error"] == "window_in_use"
    assert ticket["number"] in r.get_json()["message"]["ar"]
    assert app.extensions["dorak"].config.export() == before
    api.act(10, "start", as_="supervisor")
    r = admin(api, "PUT", "/config", {"toml": without_window(app, 10)})
    assert r.status_code == 409  # being served there is no better
    api.act(10, "finish", {"outcome": "completed"}, as_="supervisor")
    r = admin(api, "PUT", "/config", {"toml": without_window(app, 10)})
    assert r.status_code == 200
    assert app.extensions["dorak"].ops.center.window(10) is None


def test_weights_for_a_window_that_does_not_exist_are_refused(api: Api, app: Flask) -> None:
    before = app.extensions["dorak"].config.export()
    r = admin(api, "PUT", "/services/payments", {"windows": {"10": 1, "42": 2}})
    assert r.status_code == 404 and r.get_json()["error"] == "unknown_window"
    assert r.get_json()["details"]["window"] == 42
    r = admin(
        api, "POST", "/services", {"code": "new", "name_ar": "جديد", "name_en": "New",
                                   "prefix": "N", "windows": {"77": 1}}
    )  # fmt: skip
    assert r.status_code == 404
    assert app.extensions["dorak"].config.export() == before

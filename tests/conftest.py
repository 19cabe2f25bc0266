"""Shared fixtures: a manual clock, a real SQLite file per test, the app and its clients."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from dorak.app import create_app
from dorak.auth import Accounts
from dorak.config import load_center
from dorak.domain.hours import ALWAYS_OPEN
from dorak.domain.model import Center
from dorak.domain.staffing import FIXED
from dorak.store import Store
from dorak.usecases import Operations

# What a test starts outside this process: a server, a CLI run, other processes. Such a test is
# `slow`; with `-m "not e2e and not slow"` a developer runs the rest in well under a minute.
STARTS_PROCESSES = (
    "LiveServer",
    "subprocess",
    "dorak_cli",
    "run_under_gevent",
    "get_context(",
    "stop_process",
    "redis-server",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Markers by folder (unit, store, web, printer, e2e), and `slow` by what a test starts."""
    for item in items:
        folder = item.path.parent.name
        if folder in ("unit", "store", "web", "printer", "e2e"):
            item.add_marker(getattr(pytest.mark, folder))
        test = getattr(item, "function", None)
        try:
            source = inspect.getsource(test) if test is not None else ""
        except (OSError, TypeError):
            source = ""
        uses = set(getattr(item, "fixturenames", ()))
        if any(word in source for word in STARTS_PROCESSES) or "server" in uses:
            item.add_marker(pytest.mark.slow)


class ManualClock:
    """Time that moves only when a test says so."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 26, 8, 0, tzinfo=UTC)  # 10:00 in Cairo

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


def open_center() -> Center:
    """The sample center open around the clock: tests about other things than opening hours
    may move their clock to any day."""
    return replace(load_center(), hours=ALWAYS_OPEN)


def staff_all(ops: Operations, clerk: str = "staffed-by-fixture") -> None:
    """A clerk signed in at every window, with no heartbeat needed (as `dorak demo` does)."""
    for w in ops.center.windows:
        ops.sign_in(w.number, clerk, FIXED)


@pytest.fixture
def center() -> Center:
    return open_center()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "dorak.db")
    s.migrate()
    yield s
    s.close()


@pytest.fixture
def ops(store: Store, center: Center, clock: ManualClock) -> Operations:
    ops = Operations(store, lambda: center, clock)
    staff_all(ops)
    return ops


def make_app(
    tmp_path: Path,
    clock: ManualClock,
    staffed: bool = True,
    center: Center | None = None,
    **extra: Any,
) -> Flask:
    app = create_app(
        {
            "TESTING": True,
            "INSTANCE": str(tmp_path / "instance"),
            "DATABASE": str(tmp_path / "dorak.db"),
            "CLOCK": clock,
            "SECRET_KEY": "test-secret-key-not-for-production",
            "PRINTER": "none",
            "CENTER": center or open_center(),
            **extra,
        }
    )
    if staffed:
        staff_all(app.extensions["dorak"].ops)
    return app


@pytest.fixture
def app(tmp_path: Path, clock: ManualClock) -> Flask:
    return make_app(tmp_path, clock)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def tokens(app: Flask) -> dict[str, str]:
    accounts: Accounts = app.extensions["dorak"].accounts
    return {
        "kiosk": accounts.create_token("kiosk", label="kiosk-1"),
        "clerk1": accounts.create_token("clerk", 1),
        "clerk2": accounts.create_token("clerk", 2),
        "clerk3": accounts.create_token("clerk", 3),
        "supervisor": accounts.create_token("supervisor"),
        "admin": accounts.create_token("admin"),
        "display": accounts.create_token("display"),
    }


class Api:
    """Small helper: JSON calls with a bearer token."""

    def __init__(self, client: FlaskClient, tokens: dict[str, str]) -> None:
        self.client = client
        self.tokens = tokens

    def post(self, path: str, as_: str | None = None, json: Any = None) -> Any:
        headers = {"Authorization": f"Bearer {self.tokens[as_]}"} if as_ else {}
        return self.client.post(f"/api/v1{path}", json=json, headers=headers)

    def get(self, path: str, as_: str | None = None) -> Any:
        headers = {"Authorization": f"Bearer {self.tokens[as_]}"} if as_ else {}
        return self.client.get(f"/api/v1{path}", headers=headers)

    def issue(self, service: str = "reconciliation", **extra: Any) -> dict[str, Any]:
        r = self.post("/tickets", "kiosk", {"service": service, **extra})
        assert r.status_code == 201, r.get_json()
        return r.get_json()  # type: ignore[no-any-return]

    def act(self, window: int, action: str, json: Any = None, as_: str | None = None) -> Any:
        return self.post(f"/windows/{window}/{action}", as_ or f"clerk{window}", json)


@pytest.fixture
def api(client: FlaskClient, tokens: dict[str, str]) -> Api:
    return Api(client, tokens)

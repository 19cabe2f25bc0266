"""The real server over real sockets: HTTP from `requests`, Socket.IO from a websocket client."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import socketio

from tests.live import COMMANDS, LiveServer, dorak_cli, wait_for


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    dorak_cli(tmp_path, "init")
    live = LiveServer(tmp_path).start()
    yield live
    live.stop()


@pytest.fixture(params=sorted(COMMANDS))
def any_server(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[LiveServer]:
    """Each way the README starts a server: `dorak serve` and both gunicorn workers."""
    dorak_cli(tmp_path, "init")
    live = LiveServer(tmp_path, how=request.param).start()
    yield live
    live.stop()


class Listener:
    """A Socket.IO client over a real websocket that records every event it gets."""

    def __init__(self, url: str, auth: dict[str, Any] | None = None) -> None:
        self.events: list[tuple[str, Any]] = []
        self.cond = threading.Condition()
        self.client = socketio.Client(reconnection=False)
        self.client.on("*", self._record)
        self.client.connect(url, auth=auth, transports=["websocket"], wait_timeout=10)

    def _record(self, name: str, data: Any = None) -> None:
        with self.cond:
            self.events.append((name, data))
            self.cond.notify_all()

    def wait_for(self, name: str, timeout: float = 20) -> Any:
        with self.cond:
            ok = self.cond.wait_for(lambda: any(n == name for n, _ in self.events), timeout)
            assert ok, f"no {name} in {[n for n, _ in self.events]}"
            i = next(i for i, (n, _) in enumerate(self.events) if n == name)
            return self.events.pop(i)[1]


def test_ticket_issued_and_called_reach_real_socket_clients(any_server: LiveServer) -> None:
    server = any_server
    kiosk = server.token("--role", "kiosk")
    clerk = server.token("--role", "clerk", "--window", "4")
    supervisor = Listener(server.url, {"token": server.token("--role", "supervisor")})
    display = Listener(server.url)
    state = display.wait_for("state")
    assert len(state["windows"]) == 10
    r = requests.post(
        f"{server.url}/api/v1/tickets",
        json={"service": "legalization"},
        headers={"Authorization": f"Bearer {kiosk}"},
        timeout=5,
    )
    assert r.status_code == 201
    ticket = r.json()
    phone = Listener(server.url, {"tracking_id": ticket["tracking_id"]})
    assert phone.wait_for("state")["ticket"]["number"] == "B001"
    assert supervisor.wait_for("ticket_issued")["number"] == "B001"
    # Printed (drawn in a native thread under gevent) and the printer's news sent on.
    assert supervisor.wait_for("printer_status", timeout=15)["status"] == "ok"
    png = server.instance / "printed" / "ticket-00001.png"
    wait_for(png.exists, what="the saved ticket")  # saved once the job's connection closes
    assert display.wait_for("queue_updated")["services"][1]["waiting"] == 1
    r = requests.post(
        f"{server.url}/api/v1/windows/4/call-next",
        headers={"Authorization": f"Bearer {clerk}"},
        timeout=5,
    )
    assert r.status_code == 200
    called = display.wait_for("ticket_called")
    assert (called["number"], called["window"]) == ("B001", 4)
    assert phone.wait_for("ticket_called")["window"] == 4
    display.client.disconnect()
    phone.client.disconnect()
    supervisor.client.disconnect()


def test_state_is_true_after_a_restart(server: LiveServer, tmp_path: Path) -> None:
    kiosk = server.token("--role", "kiosk")
    clerk = server.token("--role", "clerk", "--window", "8")
    auth = {"Authorization": f"Bearer {kiosk}"}
    for _ in range(3):
        requests.post(
            f"{server.url}/api/v1/tickets",
            json={"service": "certificates"},
            headers=auth,
            timeout=5,
        )
    requests.post(
        f"{server.url}/api/v1/windows/8/call-next",
        headers={"Authorization": f"Bearer {clerk}"},
        timeout=5,
    )
    server.kill()  # SIGKILL: no chance to clean up
    server.start()
    display = Listener(server.url)
    state = display.wait_for("state")
    window8 = next(w for w in state["windows"] if w["number"] == 8)
    assert window8["ticket"]["number"] == "E001"
    waiting = next(s for s in state["services"] if s["code"] == "certificates")["waiting"]
    assert waiting == 2
    r = requests.post(
        f"{server.url}/api/v1/tickets", json={"service": "certificates"}, headers=auth, timeout=5
    )
    assert r.json()["number"] == "E004"
    display.client.disconnect()


@pytest.mark.parametrize(
    ("prelude", "mode"),
    [("from gevent import monkey; monkey.patch_all()", "gevent"), ("pass", "threading")],
)
def test_wsgi_entry_follows_the_worker(tmp_path: Path, prelude: str, mode: str) -> None:
    """`gunicorn -k gevent dorak.wsgi:app` needs no DORAK_ASYNC_MODE: the patched process says."""
    code = f"{prelude}\nfrom dorak.wsgi import app\nprint(app.extensions['socketio'].async_mode)"
    env = {k: v for k, v in os.environ.items() if k != "DORAK_ASYNC_MODE"}
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={**env, "DORAK_INSTANCE": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert out.stdout.strip().splitlines()[-1] == mode

"""Two server processes on one database with a real Redis relaying the Socket.IO events."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
import requests

from tests.live import LiveServer, dorak_cli, on_a_free_port, stop_process
from tests.web.test_live_server import Listener


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    binary = shutil.which("redis-server")
    assert binary, "make setup installs Debian's redis-server"

    def start(port: int) -> subprocess.Popen[bytes]:
        options = ["--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        return subprocess.Popen(
            [binary, "--port", str(port), *options, "--dir", str(tmp_path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def answers(port: int, proc: subprocess.Popen[bytes]) -> bool:
        client = redis.Redis.from_url(f"redis://127.0.0.1:{port}/0")
        try:
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and proc.poll() is None:
                try:
                    return bool(client.ping())
                except redis.ConnectionError:
                    time.sleep(0.02)  # not listening yet: look again
            return False
        finally:
            client.close()

    port, proc = on_a_free_port(start, answers)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        yield url
    finally:
        stop_process(proc)


def test_two_processes_share_events_and_numbers(tmp_path: Path, redis_url: str) -> None:
    dorak_cli(tmp_path, "init")
    env = {
        "DORAK_MESSAGE_QUEUE": redis_url,
        "DORAK_PRINTER": "none",
        "DORAK_DISPLAY_VOICE": "false",
        "DORAK_KIOSK_RATE_LIMIT": "1000/1",
    }
    one = LiveServer(tmp_path, env=env)
    two = LiveServer(tmp_path, env=env, how="gunicorn-gevent")  # the README's production start
    kiosk = one.token("--role", "kiosk")
    clerk = one.token("--role", "clerk", "--window", "9")
    with one, two:
        display = Listener(two.url)  # the lobby screen is connected to process 2
        display.wait_for("state")
        auth = {"Authorization": f"Bearer {kiosk}"}
        r = requests.post(
            f"{one.url}/api/v1/tickets", json={"service": "payments"}, headers=auth, timeout=5
        )
        assert r.status_code == 201
        r = requests.post(
            f"{one.url}/api/v1/windows/9/call-next",
            headers={"Authorization": f"Bearer {clerk}"},
            timeout=5,
        )
        assert r.status_code == 200
        called = display.wait_for("ticket_called")
        assert (called["number"], called["window"]) == ("H001", 9)
        numbers = []
        for i in range(40):
            server = one if i % 2 else two
            r = requests.post(
                f"{server.url}/api/v1/tickets",
                json={"service": "payments"},
                headers=auth,
                timeout=5,
            )
            numbers.append(r.json()["number"])
        assert len(set(numbers)) == 40
        assert sorted(numbers) == [f"H{n:03d}" for n in range(2, 42)]
        display.client.disconnect()

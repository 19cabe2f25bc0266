"""Password spraying against the production start (gunicorn, gevent worker): eight machines
guess at once, each a different username every time. Each machine gets its budget of checked
guesses and no more, the lobby's state keeps answering, and a clerk at a clean machine gets in."""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from requests.adapters import HTTPAdapter

from tests.live import LiveServer, dorak_cli

PER_ADDRESS = 4
GUESSES = 10  # per machine


class FromAddress(HTTPAdapter):
    """Connections from one loopback address (127.0.0.0/8 is all this machine)."""

    def __init__(self, address: str) -> None:
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


def session_from(address: str) -> requests.Session:
    s = requests.Session()
    s.mount("http://", FromAddress(address))
    return s


def attempt(s: requests.Session, url: str, username: str, password: str) -> int:
    html = s.get(f"{url}/login", timeout=60).text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]
    r = s.post(
        f"{url}/login",
        data={"username": username, "password": password, "csrf_token": csrf},
        allow_redirects=False,
        timeout=60,
    )
    return r.status_code


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    dorak_cli(tmp_path, "init")
    dorak_cli(tmp_path, "user", "add", "mona", "--role", "clerk", "--window", "2",
              "--password", "correct horse")  # fmt: skip
    live = LiveServer(
        tmp_path,
        how="gunicorn-gevent",
        env={
            "DORAK_PRINTER": "none",
            "DORAK_DISPLAY_VOICE": "false",
            "DORAK_LOGIN_ADDRESS_LIMIT": f"{PER_ADDRESS}/300",
            "DORAK_LOGIN_USER_LIMIT": "1000/300",
            "DORAK_LOGIN_CENTER_LIMIT": "1000/300",
            "DORAK_LOGIN_THROTTLED_WAIT_S": "0.1",
        },
    ).start()
    yield live
    live.stop()


def test_spraying_from_eight_machines_gets_each_its_budget_only(server: LiveServer) -> None:
    answers: dict[str, Counter[int]] = {}
    start = threading.Barrier(8)

    def spray(n: int) -> None:
        address = f"127.0.0.{n + 2}"
        s = session_from(address)
        start.wait()
        answers[address] = Counter(
            attempt(s, server.url, f"user{n}-{i}", "Password1") for i in range(GUESSES)
        )

    threads = [threading.Thread(target=spray, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    lobby = requests.Session()
    states = []
    while any(t.is_alive() for t in threads):
        states.append(lobby.get(f"{server.url}/api/v1/state", timeout=60).status_code)
    for t in threads:
        t.join()
    assert len(answers) == 8
    for address, codes in answers.items():
        assert codes == {401: PER_ADDRESS, 429: GUESSES - PER_ADDRESS}, address
    assert states and set(states) == {200}
    assert attempt(session_from("127.0.0.50"), server.url, "mona", "correct horse") == 302
    metrics = requests.get(f"{server.url}/metrics", timeout=60).text
    assert f"dorak_sign_in_failures_total {8 * PER_ADDRESS}" in metrics

"""Two windows press "call next" at the same moment, over HTTP, against the real server: each
gets its own ticket, never the same one, round after round."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import requests

from tests.live import LiveServer

ROUNDS = 15


@pytest.mark.parametrize("how", ["serve", "gunicorn-gevent"])
def test_two_windows_calling_at_once_never_get_the_same_ticket(tmp_path: Path, how: str) -> None:
    with LiveServer(tmp_path, how=how, env={"DORAK_PRINTER": "none"}) as server:
        kiosk = {"Authorization": f"Bearer {server.token('--role', 'kiosk')}"}
        clerks = {
            n: {"Authorization": f"Bearer {server.token('--role', 'clerk', '--window', str(n))}"}
            for n in (1, 2)
        }
        issued = []
        for _ in range(2 * ROUNDS):
            r = requests.post(
                f"{server.url}/api/v1/tickets",
                json={"service": "reconciliation"},  # windows 1 and 2 serve only this
                headers=kiosk,
                timeout=30,
            )
            assert r.status_code == 201, r.text
            issued.append(r.json()["number"])
        together = threading.Barrier(2)
        got: dict[int, list[str]] = {1: [], 2: []}
        failures: list[str] = []

        def window(n: int) -> None:
            session = requests.Session()
            session.headers.update(clerks[n])
            for _ in range(ROUNDS):
                together.wait(timeout=60)  # released together: the two calls race
                r = session.post(f"{server.url}/api/v1/windows/{n}/call-next", timeout=30)
                if r.status_code != 200:
                    failures.append(f"window {n}: {r.status_code} {r.text}")
                    return
                got[n].append(r.json()["number"])
                session.post(f"{server.url}/api/v1/windows/{n}/no-show", timeout=30)

        threads = [threading.Thread(target=window, args=(n,)) for n in (1, 2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        assert failures == []
        assert len(got[1]) == len(got[2]) == ROUNDS
        assert set(got[1]).isdisjoint(got[2])  # never the same citizen to two windows
        assert sorted(got[1] + got[2]) == sorted(issued)  # and nobody skipped

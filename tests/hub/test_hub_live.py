"""The hub and three centers as real processes (each center its own SQLite, the hub on a real
PostgreSQL): centers work while the hub is stopped, and after it returns every event is there
exactly once; a SIGKILL of the hub in the middle of batches loses and duplicates nothing; the
hub's figures for each center equal that center's `dorak report`; a wrong token is refused; a
viewer limited to one center sees only it."""

from __future__ import annotations

import csv
import io
import itertools
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import requests

from dorak.domain.numbering import local_day
from dorak.store import Store
from dorak.store.hub import HubStore
from dorak.store.hub.devpg import TempPostgres
from tests.hub.live_hub import HubServer
from tests.live import LiveServer, dorak_cli, wait_for

pytestmark = pytest.mark.web
CODES = ("C1", "C2", "C3")
# window -> a service it serves in the sample center
WINDOWS = {1: "reconciliation", 4: "legalization", 9: "payments"}
_n = itertools.count()


class Center:
    def __init__(self, root: Path, code: str, hub: HubServer, token: str, batch: int) -> None:
        self.code = code
        self.server = LiveServer(
            root / code,
            env={
                "DORAK_HUB_URL": hub.url,
                "DORAK_HUB_TOKEN": token,
                "DORAK_HUB_BATCH": str(batch),
                "DORAK_HUB_HEARTBEAT_S": "1",
                "DORAK_HUB_MAX_BACKOFF_S": "1",
                "DORAK_PRINTER": "none",
                "DORAK_DISPLAY_VOICE": "false",
                "DORAK_KIOSK_RATE_LIMIT": "1000000/1",
            },
        )
        (root / code).mkdir()
        self.kiosk = self.server.token("--role", "kiosk")
        self.clerks = {w: self.server.token("--role", "clerk", "--window", str(w)) for w in WINDOWS}
        self.tracking: list[str] = []

    def post(self, path: str, token: str, body: Any = None) -> requests.Response:
        return requests.post(
            self.server.url + path,
            json=body,
            timeout=10,
            headers={"Authorization": f"Bearer {token}"},
        )

    def work(self, tickets: int) -> None:
        """Issue tickets, then serve some at three windows (finish, no-show) and rate one."""
        for i in range(tickets):
            service = list(WINDOWS.values())[i % 3]
            r = self.post("/api/v1/tickets", self.kiosk, {"service": service})
            assert r.status_code == 201, r.text
            self.tracking.append(r.json()["tracking_id"])
        for round_ in range(tickets // 3):
            for w, tok in self.clerks.items():
                if self.post(f"/api/v1/windows/{w}/call-next", tok).status_code != 200:
                    continue
                if (round_ + w) % 4 == 0:
                    assert self.post(f"/api/v1/windows/{w}/no-show", tok).status_code == 200
                    continue
                assert self.post(f"/api/v1/windows/{w}/start", tok).status_code == 200
                r = self.post(f"/api/v1/windows/{w}/finish", tok, {"outcome": "completed"})
                assert r.status_code == 200, r.text
        first = self.tracking[0]
        requests.post(
            f"{self.server.url}/api/v1/tickets/{first}/rating", json={"stars": 4}, timeout=10
        )

    def event_ids(self) -> list[int]:
        store = Store(self.server.instance / "dorak.db")
        try:
            return [e.id for e in store.log.since(0) if e.id is not None]
        finally:
            store.close()


def hub_ids(hub_url: str, code: str) -> tuple[list[int], tuple[int, int]]:
    store = HubStore(hub_url, max_size=1)
    try:
        c = store.center(code)
        assert c is not None
        return store.event_ids(c.id), store.count_events(c.id)
    finally:
        store.close()


def all_arrived(hub_url: str, centers: list[Center]) -> bool:
    return all(hub_ids(hub_url, c.code)[0] == c.event_ids() for c in centers)


def test_three_centers_through_an_outage_and_a_kill(postgres: TempPostgres, tmp_path: Path) -> None:
    url = postgres.create_database(f"live_{next(_n)}")
    cli = tmp_path / "cli"
    cli.mkdir()
    out = dorak_cli(cli, "hub", "init", "--database-url", url)
    assert "migrations applied" in out
    tokens = {
        code: dorak_cli(
            cli,
            "hub",
            "center",
            "add",
            code,
            "--name-ar",
            f"مركز {code}",
            "--name-en",
            f"Center {code}",
            "--database-url",
            url,
        ).splitlines()[-1]
        for code in CODES
    }
    viewer = dorak_cli(
        cli, "hub", "token", "create", "--role", "viewer", "--center", "C2", "--database-url", url
    ).splitlines()[-1]
    admin = dorak_cli(cli, "hub", "token", "create", "--role", "admin", "--database-url", url)
    admin = admin.splitlines()[-1]
    hub = HubServer(url, tmp_path / "hub").start()
    # C1 pushes 5 events a batch: its backlog takes many batches, the kill lands among them
    centers = [Center(tmp_path, c, hub, tokens[c], batch=5 if c == "C1" else 20) for c in CODES]
    try:
        for c in centers:
            c.server.start()
            c.work(9)
        wait_for(lambda: all_arrived(url, centers), timeout=60, what="every event at the hub")

        hub.stop()  # the link is down: the centers go on working
        for c in centers:
            c.work(12)
        hub.start()
        wait_for(lambda: all_arrived(url, centers), timeout=90, what="the backlog after the outage")

        # A SIGKILL while batches (20 events each) are arriving: none lost, none twice.
        hub.stop()
        centers[0].work(45)
        before = len(hub_ids(url, "C1")[0])
        c1_total = len(centers[0].event_ids())
        hub.start()

        def partly() -> bool:
            return before < len(hub_ids(url, "C1")[0]) < c1_total

        wait_for(partly, timeout=60, what="part of the backlog")
        hub.kill()
        stored, _ = hub_ids(url, "C1")
        assert len(stored) < c1_total  # killed in the middle
        hub.start()
        wait_for(lambda: all_arrived(url, centers), timeout=90, what="the rest after the kill")
        for c in centers:
            _, (count, distinct) = hub_ids(url, c.code)
            assert count == distinct == len(c.event_ids())

        # The hub's figures for each center equal the center's own `dorak report`.
        day = local_day(datetime.now(UTC), "Africa/Cairo")
        for c in centers:
            path = c.server.instance / "report.csv"
            dorak_cli(
                c.server.instance, "report", "--from", day, "--by", "service", "--csv", str(path)
            )
            mine = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
            text = hub.get(f"/hub/api/v1/reports?from={day}&by=service&format=csv", admin)
            theirs = [
                {k: v for k, v in r.items() if k != "center"}
                for r in csv.DictReader(io.StringIO(text))
                if r["center"] == c.code
            ]
            assert len(mine) == 3 and theirs == mine

        # Live: the heartbeats arrived.
        seen = {c["code"]: c for c in hub.get("/hub/api/v1/centers", admin)}
        assert all(seen[code]["status"] == "live" for code in CODES)
        assert seen["C1"]["issued"] == 9 + 12 + 45

        # A viewer limited to C2 sees only C2.
        assert [c["code"] for c in hub.get("/hub/api/v1/centers", viewer)] == ["C2"]
        rows = hub.get(f"/hub/api/v1/reports?from={day}&by=center", viewer)
        assert [r["center"] for r in rows] == ["C2"]
        r = requests.get(
            f"{hub.url}/hub/api/v1/centers/C1",
            timeout=10,
            headers={"Authorization": f"Bearer {viewer}"},
        )
        assert r.status_code == 403

        # `dorak sync --once`: nothing pending; with a wrong token the hub refuses.
        once = dorak_cli(
            centers[1].server.instance, "sync", "--once", "--url", hub.url, "--token", tokens["C2"]
        )
        assert "done: 0 events sent" in once
        with pytest.raises(Exception) as refused:
            dorak_cli(
                centers[1].server.instance,
                "sync",
                "--once",
                "--url",
                hub.url,
                "--token",
                "not-a-token",
            )
        assert "401" in str(getattr(refused.value, "stderr", ""))
    finally:
        for c in centers:
            c.server.stop()
        hub.stop()

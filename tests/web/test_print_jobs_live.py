"""SIGKILL the production start (gunicorn master and gevent worker) with print jobs queued behind
a hung printer: after the restart every ticket still waiting is printed, the one cancelled
meanwhile is recorded as not printed, and no job is left open."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from dorak.store import Store
from printer.virtual import VirtualPrinter
from tests.live import LiveServer, dorak_cli, wait_for

TICKETS = 8


@pytest.fixture
def printer() -> Iterator[VirtualPrinter]:
    with VirtualPrinter() as vp:
        yield vp


def kill_master_and_worker(server: LiveServer) -> None:
    """SIGKILL the master first (so it cannot start a new worker), then its worker."""
    assert server.proc is not None
    master = server.proc.pid
    workers = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    assert workers, "gunicorn has a worker"
    server.kill()
    for pid in workers:
        os.kill(int(pid), signal.SIGKILL)
    for pid in workers:  # reparented, reaped by init: gone or a zombie (its files closed)
        wait_for(
            lambda pid=pid: (
                not Path(f"/proc/{pid}").exists()
                or Path(f"/proc/{pid}/stat").read_text().split(") ")[1].startswith("Z")
            ),
            what=f"worker {pid} dead",
        )


def test_jobs_queued_at_a_sigkill_are_printed_after_the_restart(
    tmp_path: Path, printer: VirtualPrinter
) -> None:
    dorak_cli(tmp_path, "init")
    server = LiveServer(
        tmp_path,
        how="gunicorn-gevent",
        env={
            "DORAK_PRINTER": f"tcp://127.0.0.1:{printer.port}",
            "DORAK_PRINTER_TIMEOUT": "300",  # the hung printer holds the first job meanwhile
            "DORAK_DISPLAY_VOICE": "false",
        },
    )
    kiosk = server.token("--role", "kiosk")
    supervisor = server.token("--role", "supervisor")
    printer.state.silent = True
    server.start()
    try:
        issued = []
        for _ in range(TICKETS):
            r = requests.post(
                f"{server.url}/api/v1/tickets",
                json={"service": "payments"},
                headers={"Authorization": f"Bearer {kiosk}"},
                timeout=30,
            )
            assert r.status_code == 201
            issued.append(r.json())
        cancelled = issued[-1]
        r = requests.post(
            f"{server.url}/api/v1/tickets/{cancelled['tracking_id']}/cancel",
            json={},
            headers={"Authorization": f"Bearer {supervisor}"},
            timeout=30,
        )
        assert r.status_code == 200
        kill_master_and_worker(server)
        store = Store(tmp_path / "dorak.db")
        open_jobs = store.all("SELECT ticket_id FROM print_jobs WHERE done_at IS NULL")
        assert len(open_jobs) == TICKETS  # all still queued when the server died
        assert printer.state.jobs == []

        printer.state.silent = False
        server.start()
        wait_for(lambda: len(printer.state.jobs) == TICKETS - 1, 60, "the tickets printed")
        wait_for(
            lambda: not store.all("SELECT id FROM print_jobs WHERE done_at IS NULL"),
            60,
            "every job closed",
        )
    finally:
        server.stop()
    last = {
        r["number"]: r["kind"]
        for r in store.all(
            "SELECT t.number, e.kind FROM events e JOIN tickets t ON t.id = e.ticket_id "
            "WHERE e.kind IN ('printed', 'print_failed', 'not_printed') ORDER BY e.id"
        )
    }
    assert last == {
        **{t["number"]: "printed" for t in issued[:-1]},
        cancelled["number"]: "not_printed",
    }
    assert printer.server.count == TICKETS - 1  # each once
    store.close()

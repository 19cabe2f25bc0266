"""Print jobs are saved with their ticket and closed when printed; the jobs of a process that
died are taken over at the next start (and only those): printed while their ticket waits,
recorded as not printed otherwise."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dorak.app import create_app
from dorak.config import load_center
from dorak.print_jobs import PrintJobs
from dorak.store import Store
from dorak.usecases import Operations
from printer.virtual import VirtualPrinter
from tests.conftest import ManualClock, staff_all
from tests.live import wait_for


def test_a_job_is_saved_with_its_ticket_and_closed_once_printed(
    tmp_path: Path, clock: ManualClock
) -> None:
    with VirtualPrinter() as vp:
        app = create_app(
            {
                "TESTING": True,
                "INSTANCE": str(tmp_path),
                "CLOCK": clock,
                "PRINTER": f"tcp://127.0.0.1:{vp.port}",
            }
        )
        d = app.extensions["dorak"]
        staff_all(d.ops)
        kiosk = d.accounts.create_token("kiosk")
        vp.state.silent = True  # a hung printer: the job stays open
        r = app.test_client().post(
            "/api/v1/tickets",
            json={"service": "payments"},
            headers={"Authorization": f"Bearer {kiosk}"},
        )
        ticket = r.get_json()
        job = d.store.one("SELECT * FROM print_jobs")
        assert job["track_url"] == ticket["track_url"] and job["done_at"] is None
        assert job["owner"] == d.printer.jobs.owner
        vp.state.silent = False
        d.printer.worker.join(30)
        job = d.store.one("SELECT * FROM print_jobs")
        assert job["outcome"] in ("printed", "print_failed") and job["done_at"] is not None
        d.printer.close()


def test_only_the_jobs_of_a_dead_process_are_taken_over(tmp_path: Path) -> None:
    store = Store(tmp_path / "d.db")
    store.migrate()
    ops = Operations(store, lambda: load_center())
    alive, starting = PrintJobs(store), PrintJobs(store)
    alive.claim_ownership()
    row, _ = ops.issue("payments", anyway=True)  # seeding: any hour, nobody at windows
    assert row is not None
    alive.queue(row.id, "http://x/t/1", 0.0)
    starting.claim_ownership()
    assert starting.orphans() == []  # the other process still runs: its job is its own
    alive.stop()  # as the kernel does when a process dies
    taken = starting.orphans()
    assert [j.ticket_id for j in taken] == [row.id]
    third = PrintJobs(store)
    third.claim_ownership()
    assert third.orphans() == []  # taken once, by one process
    for jobs in (starting, third):
        jobs.stop()
    store.close()


def _left_by_a_dead_server(tmp_path: Path, clock: ManualClock, ages: list[float]) -> list[Any]:
    """Tickets with open jobs of a process that is gone (no lock file: it died long ago)."""
    store = Store(tmp_path / "dorak.db")
    store.migrate()
    ops = Operations(store, lambda: load_center(), clock)
    rows = []
    for age in ages:
        row, _ = ops.issue("payments", anyway=True)  # seeding: any hour, nobody at windows
        assert row is not None
        with store.write():
            at = clock().timestamp() - age
            store.print_jobs.add(row.id, f"http://x/t/{row.tracking_id}", at, "gone")
        rows.append(row)
    store.close()
    return rows


def test_at_start_waiting_tickets_print_and_the_others_are_recorded(
    tmp_path: Path, clock: ManualClock
) -> None:
    rows = _left_by_a_dead_server(tmp_path, clock, [10, 20, 30, 3600])
    store = Store(tmp_path / "dorak.db")
    ops = Operations(store, lambda: load_center(), clock)
    ops.cancel(rows[1].tracking_id, "supervisor")
    with VirtualPrinter() as vp:
        app = create_app(
            {
                "TESTING": True,
                "INSTANCE": str(tmp_path),
                "CLOCK": clock,
                "PRINTER": f"tcp://127.0.0.1:{vp.port}",
            }
        )
        d = app.extensions["dorak"]
        d.printer.worker.join()
        wait_for(lambda: len(vp.state.jobs) == 2, what="two tickets printed")
        kinds = {r.id: [e.kind for e in d.store.log.of_ticket(r.id)][-1] for r in rows}
        assert kinds == {
            rows[0].id: "printed",
            rows[1].id: "not_printed",  # cancelled meanwhile
            rows[2].id: "printed",
            rows[3].id: "not_printed",  # an hour old: the citizen is long gone
        }
        reasons = [
            e.details["reason"]
            for r in (rows[1], rows[3])
            for e in d.store.log.of_ticket(r.id)
            if e.kind == "not_printed"
        ]
        assert reasons == [
            "server restarted; the ticket is cancelled",
            "server restarted; too old",
        ]
        assert d.store.one("SELECT count(*) AS n FROM print_jobs WHERE done_at IS NULL")["n"] == 0
        d.printer.close()
    store.close()


def test_without_a_printer_left_jobs_are_recorded_not_printed(
    tmp_path: Path, clock: ManualClock
) -> None:
    rows = _left_by_a_dead_server(tmp_path, clock, [5])
    app = create_app(
        {"TESTING": True, "INSTANCE": str(tmp_path), "CLOCK": clock, "PRINTER": "none"}
    )
    events = app.extensions["dorak"].store.log.of_ticket(rows[0].id)
    assert events[-1].kind == "not_printed"
    assert events[-1].details["reason"] == "server restarted; no printer"

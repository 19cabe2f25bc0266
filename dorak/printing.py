"""Glue between the queue and the printer: after a ticket is committed, hand it to the print
worker; record how the job went in the ticket's event log and tell kiosks and supervisors."""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from printer.drivers import PrinterSpec, parse_spec
from printer.layout import TicketPrint, render_ticket
from printer.virtual import VirtualPrinter
from printer.worker import JobOutcome, PrintWorker, run_here

from .domain.model import Center
from .messages import message
from .print_jobs import PrintJobs
from .printer_paths import PrinterPaths
from .store import Row, Store

log = logging.getLogger(__name__)


def ticket_print(
    center: Center, row: Row, track_url: str, digits: str = "latin", logo: Any = None
) -> TicketPrint:
    service = center.service(row["service"])
    priority = center.priority(row["priority"]) if row["priority"] else None
    wait = row["estimated_wait_s"]
    return TicketPrint(
        center_ar=center.name_ar,
        center_en=center.name_en,
        service_ar=service.name_ar if service else row["service"],
        service_en=service.name_en if service else row["service"],
        number=row["number"],
        issued=datetime.fromtimestamp(row["issued_at"], ZoneInfo(center.timezone)),
        ahead=row["ahead_at_issue"] or 0,
        wait_min=None if wait is None else max(1, math.ceil(wait / 60)),
        track_url=track_url,
        priority_ar=priority.name_ar if priority else None,
        priority_en=priority.name_en if priority else None,
        digits=digits,
        logo=logo,
        windows=tuple(w.number for w in center.windows_serving(row["service"])),
    )


@dataclass(frozen=True)
class Job:
    id: int  # in print_jobs
    row: Row  # the ticket
    track_url: str


class TicketPrinter:
    """Owns the print worker (and the virtual printer when configured as "virtual")."""

    def __init__(
        self,
        store: Store,
        center: Callable[[], Center],
        address: str,
        publish_status: Callable[[dict[str, Any]], None],
        *,
        on_fault: Callable[[], None] = lambda: None,
        width: int = 576,
        profile: str | None = None,
        timeout: float = 3.0,
        digits: str = "latin",
        virtual_port: int = 0,
        virtual_dir: Path | None = None,
        offload: Callable[[Callable[[], object]], object] = run_here,
        paths: PrinterPaths | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.now = clock
        self.jobs = PrintJobs(store)  # durable: a killed server's jobs are printed at restart
        self.paths = paths  # where file:// and serial:// addresses may point
        self.center = center
        self.publish_status = publish_status
        self.on_fault = on_fault
        self.digits = digits
        self.profile, self.timeout = profile, timeout
        self.virtual_port, self.virtual_dir = virtual_port, virtual_dir
        self.virtual: VirtualPrinter | None = None
        self.address = address
        self.spec: PrinterSpec = self._spec(address, width)
        self.worker = PrintWorker(
            self.spec, self._draw, self._outcome, prepare=self._shown, offload=offload
        )
        self.last: dict[str, Any] = {"status": "unknown" if self.enabled else "none"}

    def _spec(self, address: str, width: int) -> PrinterSpec:
        if address == "virtual":
            if self.virtual is None:
                self.virtual = VirtualPrinter(
                    port=self.virtual_port, out_dir=self.virtual_dir
                ).start()
                log.info(
                    "virtual printer on port %s, tickets saved in %s",
                    self.virtual.port,
                    self.virtual_dir,
                )
            return parse_spec(
                f"tcp://127.0.0.1:{self.virtual.port}", width, self.profile, self.timeout
            )
        spec = parse_spec(address, width, self.profile, self.timeout)  # may refuse: config
        if self.paths is not None:
            self.paths.check(spec)  # never Dorak's own files
        if self.virtual is not None:
            self.virtual.stop()
            self.virtual = None
        return spec

    def reconfigure(self, address: str, width: int, digits: str) -> None:
        """A new printer, paper width or digit style, from the next ticket on."""
        self.spec = self.worker.spec = self._spec(address, width)
        self.address, self.digits = address, digits
        self.last = {"status": "unknown" if self.enabled else "none"}

    def test_print(self) -> dict[str, Any]:
        """Print a sample ticket now; with the virtual printer, also what came out (a PNG)."""
        import base64
        import io
        from datetime import UTC, datetime

        from printer.drivers import PrinterFault, print_image

        center = self.center()
        service = next(s for s in center.services if s.prefix)
        row = {
            "service": service.code,
            "priority": None,
            "number": f"{service.prefix}000",
            "issued_at": datetime.now(UTC).timestamp(),
            "ahead_at_issue": 0,
            "estimated_wait_s": 60,
        }
        printed_before = self.virtual.server.count if self.virtual else 0
        try:
            url = "https://example.invalid/t/test"
            image = render_ticket(
                ticket_print(center, row, url, self.digits, self.logo()), self.spec.width
            )
            status = print_image(self.spec, image).status
        except PrinterFault as f:
            return {"ok": False, "status": f.code, "message": message(f"printer_{f.code}")}
        except Exception as e:  # drawing failed: say so, like any other printer fault
            log.exception("test print failed")
            detail = f"{type(e).__name__}: {e}"[:200]
            return {
                "ok": False,
                "status": "error",
                "message": message("printer_error"),
                "detail": detail,
            }
        out: dict[str, Any] = {
            "ok": True,
            "status": status,
            "message": message(f"printer_{status}"),
        }
        if self.virtual is not None:
            deadline = datetime.now(UTC).timestamp() + 3
            while self.virtual.server.count <= printed_before and (
                datetime.now(UTC).timestamp() < deadline
            ):
                time.sleep(0.01)
            if self.virtual.state.jobs:
                buf = io.BytesIO()
                self.virtual.state.jobs[-1].save(buf, "PNG")
                out["png"] = base64.b64encode(buf.getvalue()).decode()
        return out

    @property
    def enabled(self) -> bool:
        return self.spec.kind != "none"

    def job_writer(self, base_url: str) -> Callable[[Any, int, str, float], int] | None:
        """For `Operations.issue(also=...)`: the ticket's print job, in the ticket's own
        transaction (None when there is no printer)."""
        if not self.enabled:
            return None
        self.jobs.claim_ownership()
        base, owner = base_url.rstrip("/"), self.jobs.owner
        return lambda conn, ticket_id, token, at: PrintJobs.add(
            conn, ticket_id, f"{base}/t/{token}", at, owner
        )

    def submit_issued(self, row: Row) -> None:
        """After the commit: print the job `job_writer` wrote with the ticket."""
        job = self.jobs.open_for(row["id"]) if self.enabled else None
        if job is not None:
            self.worker.submit(Job(job["id"], row, job["track_url"]))

    def submit(self, row: Row, track_url: str) -> None:
        """Print a ticket (again): the job is saved before it is queued."""
        if self.enabled:
            self.jobs.claim_ownership()
            job_id = self.jobs.queue(row["id"], track_url, self.now())
            self.worker.submit(Job(job_id, row, track_url))

    def recover(self, max_age_s: float) -> dict[str, int]:
        """Jobs a dead server process left unconfirmed: printed now if their ticket still
        waits and they are not older than `max_age_s`, else recorded as not printed."""
        counts = {"printed": 0, "not_printed": 0}
        for job in self.jobs.orphans():
            row = self.store.ticket(job["ticket_id"])
            why = None
            if not self.enabled:
                why = "no printer"
            elif row is None or row["status"] != "waiting":
                why = f"the ticket is {row['status'] if row else 'gone'}"
            elif self.now() - job["queued_at"] > max_age_s:
                why = "too old"
            if row is not None and why is None:
                self.worker.submit(Job(job["id"], row, job["track_url"]))
                counts["printed"] += 1
                continue
            with self.store.write() as conn:
                details = {"reason": f"server restarted; {why}"}
                Store.add_event(conn, job["ticket_id"], "not_printed", self.now(), details=details)
                PrintJobs.close(conn, job["id"], "not_printed", self.now())
            counts["not_printed"] += 1
        if any(counts.values()):
            log.warning("print jobs left by a stopped server: %s", counts)
        return counts

    def logo(self) -> Any:
        """The center's logo (set on the admin page), or None."""
        data = self.store.setting("logo_png")
        if not data:
            return None
        import base64
        import io

        from PIL import Image

        return Image.open(io.BytesIO(base64.b64decode(data)))

    def _shown(self, job: Job) -> TicketPrint:
        return ticket_print(self.center(), job.row, job.track_url, self.digits, self.logo())

    def _draw(self, shown: TicketPrint) -> Any:
        return render_ticket(shown, self.spec.width)

    def _outcome(self, outcome: JobOutcome) -> None:
        job: Job = outcome.ticket
        row = job.row
        kind = "printed" if outcome.ok else "print_failed"
        details = {"status": outcome.status, "ms": round(outcome.seconds * 1000)}
        if outcome.detail:
            details["detail"] = outcome.detail[:200]
        try:
            with self.store.write() as conn:  # the event and the job's end, together
                Store.add_event(conn, row["id"], kind, self.now(), details=details)
                PrintJobs.close(conn, job.id, kind, self.now())
        except Exception:  # a database fault must not stop the printer's news
            log.exception("could not log print outcome")
        status = {
            "status": outcome.status,
            "ok": outcome.ok,
            "message": message(f"printer_{outcome.status}"),
            "ticket": {"number": row["number"], "id": row["token"]},
        }
        changed = status["status"] != self.last.get("status")
        self.last = status
        if not outcome.ok:
            self.on_fault()
            log.warning(
                "ticket %s not printed: %s %s", row["number"], outcome.status, outcome.detail
            )
        if changed or not outcome.ok:
            self.publish_status(status)

    def printed(self, ticket_id: int) -> bool | None:
        """Whether the ticket's last print job worked (None: never tried)."""
        row = self.store.one(
            "SELECT kind FROM events WHERE ticket_id = ? AND kind IN ('printed', 'print_failed') "
            "ORDER BY id DESC LIMIT 1",
            (ticket_id,),
        )
        return None if row is None else row["kind"] == "printed"

    def close(self) -> None:
        if self.virtual is not None:
            self.virtual.stop()
        self.jobs.stop()

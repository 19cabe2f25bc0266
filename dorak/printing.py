"""Glue between the queue and the printer: a handler of the bus hands a committed ticket's saved
job to the print worker; how the job went is recorded in the ticket's event log and reported
(`report`, wired to the bus: kiosks, supervisors, the fault counter)."""

from __future__ import annotations

import base64
import io
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PIL import Image

from printer.drivers import PrinterSpec, parse_spec
from printer.layout import TicketPrint, render_ticket
from printer.virtual import VirtualPrinter
from printer.worker import JobOutcome, PrintWorker, run_here

from .clock import system_clock
from .domain.events import PrintJob
from .domain.model import Center, Status
from .domain.ticket import Ticket, about
from .messages import message
from .print_jobs import PrintJobs
from .printer_paths import PrinterPaths
from .store import Store

log = logging.getLogger(__name__)


def ticket_print(
    center: Center, t: Ticket, track_url: str, digits: str = "latin", logo: Any = None
) -> TicketPrint:
    service = center.service(t.service)
    priority = center.priority(t.priority) if t.priority else None
    wait = t.estimated_wait_s
    return TicketPrint(
        center_ar=center.name_ar,
        center_en=center.name_en,
        service_ar=service.name_ar if service else t.service,
        service_en=service.name_en if service else t.service,
        number=t.number,
        issued=datetime.fromtimestamp(t.issued_at, ZoneInfo(center.timezone)),
        ahead=t.ahead_at_issue or 0,
        wait_min=None if wait is None else max(1, math.ceil(wait / 60)),
        track_url=track_url,
        priority_ar=priority.name_ar if priority else None,
        priority_en=priority.name_en if priority else None,
        digits=digits,
        logo=logo,
        windows=tuple(w.number for w in center.windows_serving(t.service)),
        range_min=range_minutes(t.estimated_low_s, t.estimated_high_s),
    )


def range_minutes(low_s: int | None, high_s: int | None) -> tuple[int, int] | None:
    """The 80 % range in whole minutes, as wide as the seconds say (low down, high up)."""
    if low_s is None or high_s is None:
        return None
    return max(1, math.floor(low_s / 60)), max(1, math.ceil(high_s / 60))


def sample_ticket(center: Center, at: float) -> Ticket:
    """What a test print shows: the first service's number 000."""
    service = next(s for s in center.services if s.prefix)
    return Ticket(
        id=0,
        tracking_id="test",
        visit_id=0,
        service=service.code,
        day="",
        seq=None,
        number=f"{service.prefix}000",
        status=Status.WAITING,
        issued_at=at,
        queued_at=at,
        ahead_at_issue=0,
        estimated_wait_s=60,
    )


@dataclass(frozen=True)
class Job:
    id: int  # in print_jobs
    ticket: Ticket
    track_url: str


class TicketPrinter:
    """Owns the print worker (and the virtual printer when configured as "virtual")."""

    def __init__(
        self,
        store: Store,
        center: Callable[[], Center],
        address: str,
        report: Callable[[dict[str, Any]], None],
        *,
        width: int = 576,
        profile: str | None = None,
        timeout: float = 3.0,
        digits: str = "latin",
        virtual_port: int = 0,
        virtual_dir: Path | None = None,
        offload: Callable[[Callable[[], object]], object] = run_here,
        paths: PrinterPaths | None = None,
        clock: Callable[[], float] = lambda: system_clock().timestamp(),
    ) -> None:
        self.store = store
        self.now = clock
        self.jobs = PrintJobs(store)  # durable: a killed server's jobs are printed at restart
        self.paths = paths  # where file:// and serial:// addresses may point
        self.center = center
        self.report = report  # news worth telling: kiosks, supervisors, the fault counter
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

    def check(self, address: str, width: int) -> None:
        """Refuse (PrinterFault) an address that cannot be used, changing nothing."""
        if address != "virtual":
            spec = parse_spec(address, width, self.profile, self.timeout)
            if self.paths is not None:
                self.paths.check(spec)

    def reconfigure(self, address: str, width: int, digits: str) -> None:
        """A new printer, paper width or digit style, from the next ticket on."""
        self.spec = self.worker.spec = self._spec(address, width)
        self.address, self.digits = address, digits
        self.last = {"status": "unknown" if self.enabled else "none"}

    def test_print(self) -> dict[str, Any]:
        """Print a sample ticket now; with the virtual printer, also what came out (a PNG)."""
        from printer.drivers import PrinterFault, print_image

        center = self.center()
        row = sample_ticket(center, self.now())
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
            deadline = time.monotonic() + 3
            while self.virtual.server.count <= printed_before and time.monotonic() < deadline:
                time.sleep(0.01)  # the virtual printer decodes in its own thread
            if self.virtual.state.jobs:
                buf = io.BytesIO()
                self.virtual.state.jobs[-1].save(buf, "PNG")
                out["png"] = base64.b64encode(buf.getvalue()).decode()
        return out

    @property
    def enabled(self) -> bool:
        return self.spec.kind != "none"

    def submit(self, t: Ticket, job: PrintJob) -> None:
        """After the commit: print a job saved with its ticket (new, or printed again)."""
        if self.enabled:
            self.worker.submit(Job(job.id, t, job.track_url))

    def recover(self, max_age_s: float) -> dict[str, int]:
        """Jobs a dead server process left unconfirmed: printed now if their ticket still
        waits and they are not older than `max_age_s`, else recorded as not printed."""
        counts = {"printed": 0, "not_printed": 0}
        for job in self.jobs.orphans():
            t = self.store.tickets.get(job.ticket_id)
            why = None
            if not self.enabled:
                why = "no printer"
            elif t is None or t.status != Status.WAITING:
                why = f"the ticket is {t.status.value if t else 'gone'}"
            elif self.now() - job.queued_at > max_age_s:
                why = "too old"
            if t is not None and why is None:
                self.worker.submit(Job(job.id, t, job.track_url))
                counts["printed"] += 1
                continue
            at = self.now()
            with self.store.write():
                if t is not None:
                    reason = f"server restarted; {why}"
                    self.store.log.append(
                        about(t, "not_printed", at, window=None, clerk=None, reason=reason)
                    )
                self.store.print_jobs.close(job.id, "not_printed", at)
            counts["not_printed"] += 1
        if any(counts.values()):
            log.warning("print jobs left by a stopped server: %s", counts)
        return counts

    def logo(self) -> Any:
        """The center's logo (set on the admin page), or None."""
        data = self.store.settings.get("logo_png")
        if not data:
            return None
        return Image.open(io.BytesIO(base64.b64decode(data)))

    def _shown(self, job: Job) -> TicketPrint:
        return ticket_print(self.center(), job.ticket, job.track_url, self.digits, self.logo())

    def _draw(self, shown: TicketPrint) -> Any:
        return render_ticket(shown, self.spec.width)

    def _outcome(self, outcome: JobOutcome) -> None:
        job: Job = outcome.ticket
        t = job.ticket
        kind = "printed" if outcome.ok else "print_failed"
        details: dict[str, Any] = {"status": outcome.status, "ms": round(outcome.seconds * 1000)}
        if outcome.detail:
            details["detail"] = outcome.detail[:200]
        try:
            at = self.now()
            with self.store.write():  # the entry and the job's end, together
                self.store.log.append(about(t, kind, at, window=None, clerk=None, **details))
                self.store.print_jobs.close(job.id, kind, at)
        except Exception:  # a database fault must not stop the printer's news
            log.exception("could not log print outcome")
        status = {
            "status": outcome.status,
            "ok": outcome.ok,
            "message": message(f"printer_{outcome.status}"),
            "ticket": {"number": t.number, "tracking_id": t.tracking_id},
        }
        changed = status["status"] != self.last.get("status")
        self.last = status
        if not outcome.ok:
            log.warning("ticket %s not printed: %s %s", t.number, outcome.status, outcome.detail)
        if changed or not outcome.ok:
            self.report(status)

    def printed(self, ticket_id: int) -> bool | None:
        """Whether the ticket's last print job worked (None: never tried)."""
        last = self.store.log.last_print(ticket_id)
        return None if last is None else last == "printed"

    def close(self) -> None:
        if self.virtual is not None:
            self.virtual.stop()
        self.jobs.stop()

"""One print worker thread: tickets are printed after their commit, in order, and a failure
never touches the ticket itself; it is reported through callbacks."""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PIL import Image

from .drivers import PrinterFault, PrinterSpec, print_image

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobOutcome:
    ticket: Any  # what was submitted (the ticket row)
    ok: bool
    status: str  # ok | paper_low | paper_out | offline | timeout | error | config
    detail: str = ""
    seconds: float = 0.0


def run_here(job: Callable[[], object]) -> object:
    return job()


class PrintWorker:
    """`prepare` reads what a ticket shows (in the worker); `render` draws it. Drawing, the
    ESC/POS conversion and the printer's I/O run through `offload`: the worker itself by default,
    a native thread under gevent, where 30-40 ms of Pillow work per ticket would otherwise stop
    every other connection of the process."""

    def __init__(
        self,
        spec: PrinterSpec,
        render: Callable[[Any], Image.Image],
        on_outcome: Callable[[JobOutcome], None],
        send: Callable[[PrinterSpec, Image.Image], object] = print_image,
        *,
        prepare: Callable[[Any], Any] = lambda ticket: ticket,
        offload: Callable[[Callable[[], object]], object] = run_here,
    ) -> None:
        self.spec = spec
        self.render = render
        self.on_outcome = on_outcome
        self.send = send
        self.prepare = prepare
        self.offload = offload
        self.status = "unknown"
        self._queue: queue.Queue[Any] = queue.Queue()
        self._thread = threading.Thread(target=self._run, daemon=True, name="print-worker")
        self._thread.start()

    def submit(self, ticket: Any) -> None:
        self._queue.put(ticket)

    def join(self, timeout: float = 10) -> None:
        """Wait until every submitted job is done (tests, shutdown)."""
        deadline = time.monotonic() + timeout
        while self._queue.unfinished_tasks and time.monotonic() < deadline:
            time.sleep(0.01)

    def _run(self) -> None:
        while True:
            ticket = self._queue.get()
            try:
                self._print(ticket)
            except Exception:  # the worker must outlive any bad job
                log.exception("print job crashed")
            finally:
                self._queue.task_done()

    def _print(self, ticket: Any) -> None:
        started = time.perf_counter()
        try:
            shown, spec = self.prepare(ticket), self.spec
            result = self.offload(lambda: self.send(spec, self.render(shown)))
            status = getattr(result, "status", "ok")
            outcome = JobOutcome(ticket, True, status, seconds=time.perf_counter() - started)
        except PrinterFault as f:
            outcome = JobOutcome(ticket, False, f.code, f.detail, time.perf_counter() - started)
        except Exception as e:  # reading or drawing the ticket failed: a fault like the others
            log.exception("print job failed before it reached the printer")
            detail = f"{type(e).__name__}: {e}"
            outcome = JobOutcome(ticket, False, "error", detail, time.perf_counter() - started)
        self.status = outcome.status
        self.on_outcome(outcome)

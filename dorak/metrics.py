"""/metrics with prometheus_client: this process's counters and call latency, and the
database's figures (tickets issued and waiting, windows open, the printer) read when scraped.
One registry per app, so several apps in one process (the tests) do not mix."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from typing import Any

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client.core import CounterMetricFamily as CounterFamily
from prometheus_client.core import GaugeMetricFamily, Metric

from .domain.events import PrinterStatusChanged, SignInRefused, StoreFailed, TicketCalled

disable_created_metrics()  # type: ignore[no-untyped-call]  # no `_created` series

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


class FromDatabase:
    """A collector: what the database says now (shared by every process on the file)."""

    def __init__(self, read: Callable[[], dict[str, Any]]) -> None:
        self.read = read

    def collect(self) -> Iterator[Metric]:
        try:
            now = self.read()
        except sqlite3.DatabaseError:
            # A damaged file: the figures it holds are gone for now, but the counters below
            # (database errors first) must still be read, that is how the damage is seen.
            return
        issued = CounterFamily(
            "dorak_tickets_issued", "Tickets issued, all time.", labels=["service"]
        )
        for service, n in sorted(now["issued"].items()):
            issued.add_metric([service], n)
        yield issued
        waiting = GaugeMetricFamily(
            "dorak_tickets_waiting", "Tickets waiting now.", labels=["service"]
        )
        for service, n in now["waiting"].items():
            waiting.add_metric([service], n)
        yield waiting
        yield GaugeMetricFamily(
            "dorak_windows_open", "Windows open (not paused).", value=now["windows_open"]
        )
        yield GaugeMetricFamily(
            "dorak_printer_up", "1 when the last print job worked.", value=now["printer_up"]
        )


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=False)
        r = self.registry
        self.printer_faults = Counter(
            "dorak_printer_faults", "Print jobs that failed (this process).", registry=r
        )
        self.database_errors = Counter(
            "dorak_database_errors",
            "Requests that failed in the database: not writable (503) or a SQLite error (500).",
            registry=r,
        )
        self.sign_in_failures = Counter(
            "dorak_sign_in_failures",
            "Sign-ins refused for a wrong username or password (this process).",
            registry=r,
        )
        self.sign_in_throttled = Counter(
            "dorak_sign_in_throttled",
            "Sign-ins refused unchecked: a failure budget was spent.",
            registry=r,
        )
        self.call_seconds = Histogram(
            "dorak_call_seconds",
            "Time to call a ticket (call-next), seconds.",
            buckets=BUCKETS,
            registry=r,
        )

    def watch_database(self, read: Callable[[], dict[str, Any]]) -> None:
        self.registry.register(FromDatabase(read))

    def text(self) -> bytes:
        return generate_latest(self.registry)

    # -- handlers of the bus ---------------------------------------------------------------
    def on_printer(self, e: PrinterStatusChanged) -> None:
        if not e.status.get("ok", True):
            self.printer_faults.inc()

    def on_store_failed(self, e: StoreFailed) -> None:
        self.database_errors.inc()

    def on_sign_in_refused(self, e: SignInRefused) -> None:
        (self.sign_in_throttled if e.throttled else self.sign_in_failures).inc()

    def on_called(self, e: TicketCalled) -> None:
        if e.took_s is not None:
            self.call_seconds.observe(e.took_s)

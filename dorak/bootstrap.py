"""Start-up wiring, done once: the store, the use cases, the printer, the bus and its handlers,
the background jobs. After this, every entry point (the API, the pages, the command line, the
simulator, the scheduler's jobs) hands the events of its use cases to `Dorak.bus`."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask, request

from printer.drivers import PrinterFault
from printer.worker import run_here

from . import hub_link
from .alerts import DATABASE_ALERT_S, AlertWatcher, current_alerts, damaged_database_alert
from .alerts import database_alert as store_alert
from .auth import Accounts
from .backup import DailyBackup
from .bus import MessageBus
from .center_config import CenterConfig
from .config import ConfigError
from .db_health import MIN_GAP_S, DatabaseWatch
from .domain.events import (
    AlertRaised,
    Event,
    PrinterStatusChanged,
    PrintRequested,
    SettingsChanged,
    SignInRefused,
    StoreFailed,
    TicketCalled,
    TicketIssued,
)
from .domain.model import Center, WindowStatus
from .housekeeping import Housekeeper
from .metrics import Metrics
from .printer_paths import PrinterPaths
from .printing import TicketPrinter
from .publisher import Publisher
from .ratelimit import RateLimiter, parse_rate, shared_storage
from .realtime import socketio
from .scheduler import Job, Scheduler
from .screens import SilentScreens
from .signin_guard import SignInGuard
from .speech import Announcer
from .store import Store
from .usecases import Clock, Operations
from .usecases.admin import Administration

log = logging.getLogger(__name__)


@dataclass
class Dorak:
    """Everything a request needs, kept on `app.extensions["dorak"]`."""

    store: Store
    ops: Operations
    accounts: Accounts
    config: CenterConfig
    admin: Administration
    bus: MessageBus
    metrics: Metrics
    scheduler: Scheduler
    public_url: str | None = None
    publisher: Publisher | None = None
    printer: TicketPrinter | None = None
    kiosk_limit: RateLimiter | None = None
    remark_limit: RateLimiter | None = None  # remarks per kiosk (dorak/api/remarks.py)
    login_guard: SignInGuard | None = None
    screens: SilentScreens = field(default_factory=SilentScreens)
    announcer: Announcer | None = None
    db_watch: DatabaseWatch | None = None
    alert_watcher: AlertWatcher | None = None
    housekeeper: Housekeeper | None = None
    daily_backup: DailyBackup | None = None
    alert_pause_min: float = 20.0
    store_trouble: dict[str, Any] | None = None  # the last failed write: when, and why
    hub_sync: Any = None  # dorak/hub_link.py, when a hub is set
    hub_scheduler: Scheduler | None = None

    def dispatch(self, events: list[Event]) -> None:
        self.bus.handle(events)

    def base_url(self) -> str:
        if self.public_url:
            return self.public_url
        try:
            return str(request.host_url)
        except RuntimeError:
            return "/"

    def settings(self) -> dict[str, Any]:
        return self.admin.settings()

    def apply_settings(self, settings: dict[str, Any]) -> None:
        """Make settings take effect now (the printer from its next ticket on)."""
        if self.printer is not None:
            self.printer.reconfigure(
                settings["printer"], settings["printer_width"], settings["ticket_digits"]
            )
        langs = [x.strip() for x in settings["display_langs"].split(",") if x.strip()]
        self.announcer = Announcer(langs) if settings["display_voice"] else None

    # -- alerts ----------------------------------------------------------------------------
    def database_alerts(self) -> list[dict[str, Any]]:
        out = []
        if self.db_watch is not None and self.db_watch.damage:
            out.append(damaged_database_alert(self.db_watch.damage))
        trouble = self.store_trouble
        if trouble is None or self.ops.now() - trouble["at"] > DATABASE_ALERT_S:
            return out
        return [*out, store_alert(trouble["detail"])]

    def alerts_now(self) -> list[dict[str, Any]]:
        printer = self.printer.last.get("status", "none") if self.printer else "none"
        try:
            alerts = current_alerts(
                self.ops.center, self.ops.floor(), str(printer), self.alert_pause_min
            )
        except Exception as e:  # a damaged file: the database alerts say it, and this counts
            import sqlite3

            if not isinstance(e, sqlite3.Error):
                raise
            self.bus.handle([StoreFailed(str(e))])
            alerts = []
        alerts += self.ops.integrity_alerts()  # out-of-order calls (usecases/integrity.py)
        return [*self.database_alerts(), *alerts, *self.screens.alerts()]

    # -- handlers of the bus ---------------------------------------------------------------
    def on_store_failed(self, e: StoreFailed) -> None:
        """Kept for the alerts; supervisors hear at once, once per burst of failures."""
        now = self.ops.now()
        earlier = self.store_trouble
        self.store_trouble = {"at": now, "detail": e.detail}
        if e.check_file:
            self.scheduler.soon("database-check")
        if earlier is None or now - earlier["at"] > DATABASE_ALERT_S:
            self.bus.handle([AlertRaised(store_alert(e.detail))])

    def on_damage(self, report: str) -> None:
        """The file check found damage: tell supervisors now (the watcher then knows it)."""
        alert = damaged_database_alert(report)
        if self.alert_watcher is not None:
            self.alert_watcher.known.add((alert["kind"], alert["subject"]))
        self.bus.handle([AlertRaised(alert)])

    def on_called(self, e: TicketCalled) -> None:
        if self.announcer is not None and e.ticket.window is not None:
            self.announcer.prepare(e.ticket.number, e.ticket.window)

    def on_print(self, e: TicketIssued | PrintRequested) -> None:
        if self.printer is not None and e.job is not None:
            self.printer.submit(e.ticket, e.job)

    def on_settings(self, e: SettingsChanged) -> None:
        self.apply_settings(e.settings)


def offloader(async_mode: str) -> Callable[[Callable[[], object]], object]:
    """Where CPU-heavy jobs (drawing a ticket) run: in place, or under gevent in its pool of
    native threads, so the one loop keeps serving screens and kiosks meanwhile."""
    if async_mode != "gevent":
        return run_here
    from gevent import get_hub

    return lambda job: get_hub().threadpool.apply(job)


def bootstrap(app: Flask, center: Center, clock: Clock, instance: Path) -> Dorak:
    cfg = app.config
    store = Store(
        cfg["DATABASE"], synchronous=cfg["SYNCHRONOUS"], timeout=float(cfg["DATABASE_TIMEOUT"])
    )
    store.migrate()
    config = CenterConfig(store, center, clock)
    ops = Operations(
        store,
        config.current,
        clock,
        staff_timeout_s=float(cfg["STAFF_TIMEOUT_S"]),
        on_version=config.seen,
    )
    offload = offloader(cfg["ASYNC_MODE"])
    try:
        paths = PrinterPaths(instance, Path(cfg["DATABASE"]), cfg["PRINTER_FILE_DIR"])
    except ValueError as e:
        raise ConfigError("DORAK_PRINTER_FILE_DIR", str(e)) from None
    defaults = {
        "printer": str(cfg["PRINTER"]),
        "printer_width": int(cfg["PRINTER_WIDTH"]),
        "ticket_digits": cfg["TICKET_DIGITS"],
        "display_voice": bool(cfg["DISPLAY_VOICE"]),
        "display_langs": str(cfg["DISPLAY_LANGS"]),
        "display_recent": int(cfg["DISPLAY_RECENT"]),
        "restore_min": int(cfg["RESTORE_MIN"]),
    }
    bus = MessageBus()
    d = Dorak(
        store=store,
        ops=ops,
        accounts=Accounts(store, offload, clock),
        config=config,
        admin=Administration(store, config, clock, defaults),
        bus=bus,
        metrics=Metrics(),
        scheduler=Scheduler(clock),
        public_url=cfg["PUBLIC_URL"],
        alert_pause_min=float(cfg["ALERT_PAUSE_MIN"]),
    )
    d.publisher = Publisher(socketio, ops, d.base_url, shared=bool(cfg["MESSAGE_QUEUE"]))
    limits = shared_storage(cfg["MESSAGE_QUEUE"])
    d.kiosk_limit = RateLimiter(limits, "kiosk", *parse_rate(cfg["KIOSK_RATE_LIMIT"]))
    ops.out_of_order_alert = int(cfg["OUT_OF_ORDER_ALERT"])
    d.remark_limit = RateLimiter(limits, "remarks", *parse_rate(cfg["REMARK_RATE_LIMIT"]))
    d.login_guard = SignInGuard(
        limits,
        pair=parse_rate(cfg["LOGIN_RATE_LIMIT"]),
        address=parse_rate(cfg["LOGIN_ADDRESS_LIMIT"]),
        user=parse_rate(cfg["LOGIN_USER_LIMIT"]),
        center=parse_rate(cfg["LOGIN_CENTER_LIMIT"]),
    )
    d.printer = TicketPrinter(  # PrinterFault: the start-up address is refused (the CLI says why)
        store,
        config.current,
        str(cfg["PRINTER"]),
        lambda status: bus.handle([PrinterStatusChanged(status)]),
        width=int(cfg["PRINTER_WIDTH"]),
        profile=cfg["PRINTER_PROFILE"],
        timeout=float(cfg["PRINTER_TIMEOUT"]),
        digits=cfg["TICKET_DIGITS"],
        virtual_port=int(cfg["PRINTER_VIRTUAL_PORT"]),
        virtual_dir=instance / "printed",
        offload=offload,
        paths=paths,
        clock=ops.now,
    )
    d.admin.check_printer = d.printer.check
    ops.print_owner = d.printer.jobs.owner
    langs = [x.strip() for x in str(cfg["DISPLAY_LANGS"]).split(",") if x.strip()]
    d.announcer = Announcer(langs) if cfg["DISPLAY_VOICE"] else None
    _wire(d)
    if d.admin.stored_settings():  # what an admin set last time wins over the start-up values
        try:
            d.apply_settings(d.settings())
        except PrinterFault as e:  # saved before addresses were checked
            log.error("stored printer address refused: %s", e)
    # Print what a killed server left unprinted, before any new ticket.
    d.printer.recover(float(cfg["PRINT_JOB_MAX_AGE_S"]))
    _schedule(app, d, instance, center)
    return d


def _wire(d: Dorak) -> None:
    """Which handler follows which event: the one place that decides it."""
    bus = d.bus
    bus.on(TicketIssued, d.on_print)
    bus.on(PrintRequested, d.on_print)
    bus.on(TicketCalled, d.on_called)
    bus.on(TicketCalled, d.metrics.on_called)
    bus.on(SettingsChanged, d.on_settings)
    bus.on(StoreFailed, d.metrics.on_store_failed)
    bus.on(StoreFailed, d.on_store_failed)
    bus.on(PrinterStatusChanged, d.metrics.on_printer)
    bus.on(SignInRefused, d.metrics.on_sign_in_refused)
    assert d.publisher is not None
    bus.on_batch(d.publisher.publish)
    d.metrics.watch_database(lambda: _database_figures(d))


def _database_figures(d: Dorak) -> dict[str, Any]:
    floor, center = d.ops.floor(), d.ops.center
    open_now = sum(
        1
        for w in center.windows
        if not (w.number in floor.windows and floor.windows[w.number].status == WindowStatus.PAUSED)
    )
    up = 1 if d.printer and d.printer.last.get("status") in ("ok", "paper_low") else 0
    return {
        "issued": d.store.figures.issued_per_service(),
        "waiting": {s.code: floor.waiting(s.code) for s in center.services if s.prefix},
        "windows_open": open_now,
        "printer_up": up,
    }


def _schedule(app: Flask, d: Dorak, instance: Path, center: Center) -> None:
    """The background jobs, under the one scheduler (started unless testing)."""
    cfg = app.config

    def in_app(job: Callable[[], object]) -> Callable[[], object]:
        def run() -> object:
            with app.app_context():
                return job()

        return run

    d.alert_watcher = AlertWatcher(d.alerts_now, d.bus.handle)
    d.housekeeper = Housekeeper(d.ops, d.bus.handle)
    d.db_watch = DatabaseWatch(
        cfg["DATABASE"], instance / "backups", offloader(cfg["ASYNC_MODE"]), d.on_damage
    )
    s = d.scheduler
    s.every("alerts", float(cfg["ALERT_EVERY_S"]), in_app(d.alert_watcher.check))
    s.every("housekeeping", float(cfg["HOUSEKEEPING_EVERY_S"]), in_app(d.housekeeper.check))
    s.every("database-check", float(cfg["DB_CHECK_EVERY_S"]), d.db_watch.check, MIN_GAP_S)
    if cfg["BACKUP_AT"]:
        d.daily_backup = DailyBackup(
            cfg["DATABASE"],
            instance / "backups",
            cfg["BACKUP_AT"],
            int(cfg["BACKUP_KEEP"]),
            center.timezone,
            d.ops.clock,
        )
        first = d.daily_backup.next_after(d.ops.clock())
        s.add(Job("daily-backup", d.daily_backup.run_once, d.daily_backup.next_after, first))
    hub_link.attach(app, d)
    if not app.testing:
        s.start()

"""The application factory: configuration, store, use cases, auth, realtime and blueprints."""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask, current_app, request

from printer.drivers import PrinterFault
from printer.worker import run_here

from .alerts import DATABASE_ALERT_S, damaged_database_alert, database_alert
from .auth import Accounts
from .backup import DailyBackup
from .center_config import CenterConfig
from .config import ConfigError, load_center
from .db_health import DatabaseWatch, refuse_if_damaged
from .domain.model import Center
from .events import Event, TicketCalled
from .i18n import init_i18n
from .metrics import Metrics
from .operations import Operations, system_clock
from .printer_paths import PrinterPaths
from .printing import TicketPrinter
from .ratelimit import RateLimiter, parse_rate
from .realtime import SocketPublisher, register_handlers, socketio
from .screens import SilentScreens
from .signin_guard import SignInGuard
from .speech import Announcer
from .store import Row, Store
from .web.body_limit import BodyLimit
from .web.errors import register_error_handlers
from .web.nodelay import NoDelay
from .web.params import BoundedInt
from .web.security import register_security_headers
from .web.turns import TakeTurns

DEFAULTS: dict[str, Any] = {
    "CENTER_FILE": None,  # None: the built-in sample center
    "PUBLIC_URL": None,  # base of the QR tracking links; None: the address the kiosk used
    "SYNCHRONOUS": "NORMAL",  # SQLite: NORMAL survives a killed process; FULL also power loss
    "DATABASE_TIMEOUT": 10.0,  # seconds a write waits for a lock held elsewhere, then 503
    "MAX_CONTENT_LENGTH": 64 * 1024,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "JSON_SORT_KEYS": False,
    # Printer: "virtual" (built-in, saves PNGs in instance/printed), "none", or an address
    # such as tcp://192.168.1.50:9100, usb://04b8:0202, serial:///dev/ttyUSB0, file:///dev/usb/lp0
    "PRINTER": "virtual",
    "PRINTER_WIDTH": 576,  # dots: 576 for 80 mm paper, 512 for the TM-T88 family, 384 for 58 mm
    "PRINTER_PROFILE": None,  # a python-escpos profile name, e.g. "TM-T88V"
    "PRINTER_TIMEOUT": 3.0,  # seconds; python-escpos would wait 60
    "PRINTER_VIRTUAL_PORT": 0,  # 0: any free loopback port
    # A folder (outside the instance folder) file:// printer addresses may write to; without
    # it only device nodes under /dev (see dorak/printer_paths.py)
    "PRINTER_FILE_DIR": None,
    # A print job a stopped server left unconfirmed is printed at the next start while its
    # ticket still waits and the job is at most this old (seconds); else recorded not printed
    "PRINT_JOB_MAX_AGE_S": 900,
    "TICKET_DIGITS": "latin",  # digits in the Arabic lines of the ticket: "latin" or "arabic"
    # tickets per kiosk per seconds: a real rush passes, a stuck button is stopped
    "KIOSK_RATE_LIMIT": "40/60",
    # Failed sign-ins allowed per seconds: per address and username, per address (any
    # usernames), per username (any addresses), for the whole center (dorak/signin_guard.py)
    "LOGIN_RATE_LIMIT": "5/300",
    "LOGIN_ADDRESS_LIMIT": "10/300",
    "LOGIN_USER_LIMIT": "20/300",
    "LOGIN_CENTER_LIMIT": "100/300",
    "LOGIN_THROTTLED_WAIT_S": 1.0,  # a refused sign-in answers after this wait
    "SESSION_COOKIE_SECURE": False,  # set true when the center serves over HTTPS
    "BACKUP_AT": "23:30",  # daily backup into instance/backups, center's local time; "" = off
    "BACKUP_KEEP": 14,  # daily backups kept
    "DB_CHECK_EVERY_S": 900,  # PRAGMA quick_check of the database file while serving
    # "threading" (default) or "gevent" (many screens and phones: `dorak serve --async-mode
    # gevent` or gunicorn -k gevent; see the README for the figures behind the choice)
    "ASYNC_MODE": "threading",
    # Several server processes: redis://HOST:6379/0 relays Socket.IO events between them.
    "MESSAGE_QUEUE": None,
    "STAFF_TIMEOUT_S": 120,  # a counter page silent this long signs its clerk out
    "HOUSEKEEPING_EVERY_S": 10,  # how often day changes, silent pages and hours are looked at
    "ALERT_PAUSE_MIN": 20,  # a window paused longer than this raises an alert
    "ALERT_EVERY_S": 30,  # how often the alert watcher looks
    "DISPLAY_VOICE": True,  # spoken calls on the lobby display (espeak-ng)
    "DISPLAY_LANGS": "ar",  # languages of the spoken call, in order ("ar,en" adds English)
    "DISPLAY_RECENT": 8,  # how many recent calls the lobby shows
    "DISPLAY_HIGHLIGHT_S": 10,  # how long a new call stays highlighted
}


def default_instance() -> Path:
    return Path(os.environ.get("DORAK_INSTANCE", "instance")).resolve()


@dataclass
class Dorak:
    """Everything a request needs, kept on `app.extensions["dorak"]`."""

    store: Store
    ops: Operations
    accounts: Accounts
    config: Any = None
    publisher: Any = None
    public_url: str | None = None
    printer: Any = None
    kiosk_limit: Any = None
    login_guard: Any = None
    metrics: Metrics = field(default_factory=Metrics)
    daily_backup: Any = None
    alert_watcher: Any = None
    housekeeper: Any = None
    screens: SilentScreens = field(default_factory=SilentScreens)
    announcer: Any = None
    store_trouble: dict[str, Any] | None = None  # the last failed write: when, and why
    db_watch: Any = None  # dorak.db_health.DatabaseWatch: is the file still sound?
    # Called after a ticket is issued and published (the print worker hooks in here).
    issue_hooks: list[Callable[[Row, dict[str, Any]], None]] = field(default_factory=list)

    def publish(self, events: Iterable[Event]) -> None:
        events = list(events)
        if self.announcer is not None:
            for e in events:
                if isinstance(e, TicketCalled) and e.ticket.get("window"):
                    self.announcer.prepare(e.ticket["number"], e.ticket["window"])
        if self.publisher is not None:
            self.publisher.publish(events)

    def store_failed(self, error: Exception) -> None:
        """A write failed (disk full, read-only, locked): count it, keep it for the alerts, and
        tell supervisors at once; a burst of failures raises one alert, not one per request."""
        now = self.ops.clock().timestamp()
        earlier = self.store_trouble
        self.store_trouble = {"at": now, "detail": str(error)}
        self.metrics.inc("database_errors")
        if earlier is None or now - earlier["at"] > DATABASE_ALERT_S:
            socketio.emit("alert_raised", database_alert(str(error)), to="supervisors")

    def database_alerts(self) -> list[dict[str, Any]]:
        out = []
        if self.db_watch is not None and self.db_watch.damage:
            out.append(damaged_database_alert(self.db_watch.damage))
        trouble = self.store_trouble
        if trouble is None or self.ops.clock().timestamp() - trouble["at"] > DATABASE_ALERT_S:
            return out
        return [*out, database_alert(trouble["detail"])]

    def after_issue(self, row: Row, ticket: dict[str, Any]) -> None:
        for hook in self.issue_hooks:
            hook(row, ticket)

    def settings(self) -> dict[str, Any]:
        """The settings an admin may change while serving: stored ones over the start-up ones."""
        cfg = current_app.config
        defaults = {
            "printer": str(cfg["PRINTER"]),
            "printer_width": int(cfg["PRINTER_WIDTH"]),
            "ticket_digits": cfg["TICKET_DIGITS"],
            "display_voice": bool(cfg["DISPLAY_VOICE"]),
            "display_langs": str(cfg["DISPLAY_LANGS"]),
            "display_recent": int(cfg["DISPLAY_RECENT"]),
        }
        return {**defaults, **(self.store.setting("runtime", {}) or {})}

    def apply_settings(self, settings: dict[str, Any]) -> None:
        """Make settings take effect now (the printer from its next ticket on)."""
        if self.printer is not None:
            self.printer.reconfigure(
                settings["printer"], settings["printer_width"], settings["ticket_digits"]
            )
        langs = [x.strip() for x in settings["display_langs"].split(",") if x.strip()]
        self.announcer = Announcer(langs) if settings["display_voice"] else None

    def base_url(self) -> str:
        if self.public_url:
            return self.public_url
        try:
            return request.host_url
        except RuntimeError:
            return "/"


def _secret_key(instance: Path) -> str:
    """A per-installation secret kept in the instance folder, never in the repository."""
    path = instance / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_hex(32)
    path.touch(mode=0o600)
    path.write_text(key)
    return key


def make_alert_watcher(app: Flask) -> Any:
    from .alerts import AlertWatcher
    from .api.supervision import alerts_now

    def compute() -> list[dict[str, Any]]:
        with app.app_context():
            return alerts_now()

    def announce(alert: dict[str, Any]) -> None:
        socketio.emit("alert_raised", alert, to="supervisors")

    return AlertWatcher(compute, announce, float(app.config["ALERT_EVERY_S"]))


def make_housekeeper(app: Flask, d: Dorak) -> Any:
    from .housekeeping import Housekeeper

    def in_app(job: Callable[[], Any]) -> Any:
        with app.app_context():
            return job()

    return Housekeeper(d.ops, d.publish, float(app.config["HOUSEKEEPING_EVERY_S"]), in_app)


def announce_damage(d: Dorak) -> None:
    """Tell supervisors at once; the alert watcher then knows it (no second announcement)."""
    alert = damaged_database_alert(d.db_watch.damage)
    socketio.emit("alert_raised", alert, to="supervisors")
    if d.alert_watcher is not None:
        d.alert_watcher.known.add((alert["kind"], alert["subject"]))


def _offloader(async_mode: str) -> Callable[[Callable[[], object]], object]:
    """Where CPU-heavy jobs (drawing a ticket) run: in place, or under gevent in its pool of
    native threads, so the one loop keeps serving screens and kiosks meanwhile."""
    if async_mode != "gevent":
        return run_here
    from gevent import get_hub

    return lambda job: get_hub().threadpool.apply(job)


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    instance = Path((test_config or {}).get("INSTANCE") or default_instance())
    app = Flask(__name__, instance_path=str(instance))
    app.config.from_mapping(DEFAULTS, DATABASE=str(instance / "dorak.db"))
    app.config.from_prefixed_env("DORAK")
    if test_config:
        app.config.update(test_config)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]  # Arabic stays readable
    instance.mkdir(parents=True, exist_ok=True)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _secret_key(instance)

    center: Center = app.config.get("CENTER") or load_center(app.config["CENTER_FILE"])
    # A damaged file is not served: kiosks would hand out numbers nobody can call.
    refuse_if_damaged(app.config["DATABASE"], instance / "backups")
    store = Store(
        app.config["DATABASE"],
        synchronous=app.config["SYNCHRONOUS"],
        timeout=float(app.config["DATABASE_TIMEOUT"]),
    )
    store.migrate()
    clock = app.config.get("CLOCK") or system_clock
    config = CenterConfig(store, center, clock)
    ops = Operations(
        store, config.current, clock, staff_timeout_s=float(app.config["STAFF_TIMEOUT_S"])
    )
    offload = _offloader(app.config["ASYNC_MODE"])
    accounts = Accounts(store, offload)
    d = Dorak(store, ops, accounts, config=config, public_url=app.config["PUBLIC_URL"])
    d.publisher = SocketPublisher(
        socketio, ops, d.base_url, shared=bool(app.config["MESSAGE_QUEUE"])
    )
    d.kiosk_limit = RateLimiter(*parse_rate(app.config["KIOSK_RATE_LIMIT"]))
    d.login_guard = SignInGuard(
        pair=parse_rate(app.config["LOGIN_RATE_LIMIT"]),
        address=parse_rate(app.config["LOGIN_ADDRESS_LIMIT"]),
        user=parse_rate(app.config["LOGIN_USER_LIMIT"]),
        center=parse_rate(app.config["LOGIN_CENTER_LIMIT"]),
    )
    try:
        paths = PrinterPaths(instance, Path(app.config["DATABASE"]), app.config["PRINTER_FILE_DIR"])
    except ValueError as e:
        raise ConfigError("DORAK_PRINTER_FILE_DIR", str(e)) from None
    d.printer = TicketPrinter(  # PrinterFault: the start-up address is refused (the CLI says why)
        store,
        config.current,
        str(app.config["PRINTER"]),
        d.publisher.printer_status,
        width=int(app.config["PRINTER_WIDTH"]),
        profile=app.config["PRINTER_PROFILE"],
        timeout=float(app.config["PRINTER_TIMEOUT"]),
        digits=app.config["TICKET_DIGITS"],
        virtual_port=int(app.config["PRINTER_VIRTUAL_PORT"]),
        virtual_dir=instance / "printed",
        on_fault=lambda: d.metrics.inc("printer_faults"),
        offload=offload,
        paths=paths,
        clock=lambda: ops.clock().timestamp(),
    )
    d.publisher.printer = d.printer
    langs = [x.strip() for x in str(app.config["DISPLAY_LANGS"]).split(",") if x.strip()]
    d.announcer = Announcer(langs) if app.config["DISPLAY_VOICE"] else None
    d.issue_hooks.append(lambda row, ticket: d.printer.submit_issued(row))
    app.extensions["dorak"] = d
    with app.app_context():
        stored = store.setting("runtime")
        if stored:  # what an admin set last time wins over the start-up configuration
            try:
                d.apply_settings(d.settings())
            except PrinterFault as e:  # saved before addresses were checked
                logging.getLogger(__name__).error("stored printer address refused: %s", e)
    # Print what a killed server left unprinted, before any new ticket.
    d.printer.recover(float(app.config["PRINT_JOB_MAX_AGE_S"]))
    app.teardown_appcontext(lambda exc: store.release())  # after every request and event
    d.db_watch = DatabaseWatch(
        app.config["DATABASE"],
        instance / "backups",
        float(app.config["DB_CHECK_EVERY_S"]),
        offload,
        on_damage=lambda: announce_damage(d),
    )
    if not app.testing:
        d.alert_watcher = make_alert_watcher(app).start()
        d.housekeeper = make_housekeeper(app, d).start()

        d.db_watch.start()
    if app.config["BACKUP_AT"] and not app.testing:
        d.daily_backup = DailyBackup(
            app.config["DATABASE"],
            instance / "backups",
            app.config["BACKUP_AT"],
            int(app.config["BACKUP_KEEP"]),
            center.timezone,
            ops.clock,
        ).start()

    from counter import bp as counter_bp
    from dashboard import bp as dashboard_bp
    from display import bp as display_bp
    from kiosk import bp as kiosk_bp

    from .api import bp as api_bp
    from .web.assets import bp as assets_bp
    from .web.health import bp as health_bp
    from .web.login import bp as login_bp

    app.url_map.converters["int"] = BoundedInt  # before the routes are added
    app.register_blueprint(api_bp)
    app.register_blueprint(login_bp)
    app.register_blueprint(assets_bp)
    app.register_blueprint(health_bp)
    app.register_blueprint(kiosk_bp)
    app.register_blueprint(counter_bp)
    app.register_blueprint(display_bp)
    app.register_blueprint(dashboard_bp)
    register_error_handlers(app)
    register_security_headers(app)
    init_i18n(app)

    # Set explicitly: auto-detection would pick gevent merely because it is installed.
    socketio.init_app(
        app, async_mode=app.config["ASYNC_MODE"], message_queue=app.config["MESSAGE_QUEUE"] or None
    )
    app.wsgi_app = NoDelay(app.wsgi_app)  # type: ignore[method-assign]
    if app.config["ASYNC_MODE"] == "gevent":
        import gevent

        app.wsgi_app = TakeTurns(app.wsgi_app, lambda: gevent.sleep(0))  # type: ignore[method-assign]
    # Outermost: no body, on any path (Socket.IO's too), is read past the limit.
    app.wsgi_app = BodyLimit(app.wsgi_app, int(app.config["MAX_CONTENT_LENGTH"]))  # type: ignore[method-assign]
    return app


register_handlers(socketio, lambda: current_app.extensions["dorak"])

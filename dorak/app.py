"""The application factory: settings, then the wiring (dorak/bootstrap.py), then the blueprints,
Socket.IO and the WSGI wrappers."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from flask import Flask, current_app

from .bootstrap import bootstrap
from .config import load_center
from .db_health import refuse_if_damaged
from .domain.model import Center
from .i18n import init_i18n
from .realtime import register_handlers, socketio
from .usecases import system_clock
from .web.body_limit import BodyLimit
from .web.errors import register_error_handlers
from .web.identity import csrf_token
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
    "REMARK_RATE_LIMIT": "5/600",
    "OUT_OF_ORDER_ALERT": 3,
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
    "RESTORE_MIN": 30,  # a no-show may be put back in line this long after it was marked
    # The governorate hub (dorak/sync.py): its address and this center's sync token
    "HUB_URL": None,
    "HUB_TOKEN": None,
    "HUB_SHARE_NOTES": False,  # clerks' notes leave the center only when this is true
    "HUB_BATCH": 2000,  # events per push (the most the sync holds in memory)
    "HUB_HEARTBEAT_S": 15,  # the live floor sent this often
    "HUB_MAX_BACKOFF_S": 60,  # a failing push waits 1 s, doubling up to this, between tries
}


def default_instance() -> Path:
    return Path(os.environ.get("DORAK_INSTANCE", "instance")).resolve()


def _secret_key(instance: Path) -> str:
    """A per-installation secret kept in the instance folder, never in the repository."""
    path = instance / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_hex(32)
    path.touch(mode=0o600)
    path.write_text(key)
    return key


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
    clock = app.config.get("CLOCK") or system_clock
    d = bootstrap(app, center, clock, instance)
    app.extensions["dorak"] = d
    app.teardown_appcontext(lambda exc: d.store.release())  # after every request and event

    from counter import bp as counter_bp
    from dashboard import bp as dashboard_bp
    from display import bp as display_bp
    from kiosk import bp as kiosk_bp

    from .api import bp as api_bp
    from .api.declare import larger_bodies
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
    app.jinja_env.globals["csrf_token"] = csrf_token  # the staff pages' sign-out form

    # Set explicitly: auto-detection would pick gevent merely because it is installed.
    socketio.init_app(
        app, async_mode=app.config["ASYNC_MODE"], message_queue=app.config["MESSAGE_QUEUE"] or None
    )
    app.wsgi_app = NoDelay(app.wsgi_app)  # type: ignore[method-assign]
    if app.config["ASYNC_MODE"] == "gevent":
        import gevent

        app.wsgi_app = TakeTurns(app.wsgi_app, lambda: gevent.sleep(0))  # type: ignore[method-assign]
    # Outermost: no body, on any path (Socket.IO's too), is read past the limit.
    app.wsgi_app = BodyLimit(  # type: ignore[method-assign]
        app.wsgi_app, int(app.config["MAX_CONTENT_LENGTH"]), larger_bodies(api_bp.url_prefix or "")
    )
    return app


register_handlers(socketio, lambda: current_app.extensions["dorak"])

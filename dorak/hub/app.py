"""The governorate hub's application: Flask + Flask-SocketIO over PostgreSQL (dorak/store/hub).
Centers push their logs and heartbeats to /hub/api/v1/sync/*; people read the dashboard, a
center's drill-down, reports across centers and the public page of waits."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from flask import Flask, current_app

from ..clock import system_clock
from ..i18n import init_i18n
from ..store.hub import HubStore
from ..web.assets import bp as assets_bp
from ..web.security import register_security_headers
from . import errors
from .api import bp as api_bp
from .pages import bp as pages_bp
from .publisher import HubPublisher, hub_socketio, register_handlers
from .service import Hub

DEFAULTS: dict[str, Any] = {
    "MAX_CONTENT_LENGTH": 8 * 1024 * 1024,  # a compressed batch of 10,000 events is ~1 MiB
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_SECURE": False,  # set true behind HTTPS
    "JSON_SORT_KEYS": False,
    "ASYNC_MODE": "threading",
    "MESSAGE_QUEUE": None,  # redis://... : several hub processes share Socket.IO rooms
    "POOL_SIZE": 8,  # PostgreSQL connections per process
}


def database_url(given: str | None) -> str:
    url = given or os.environ.get("DORAK_HUB_DATABASE_URL")
    if not url:
        raise ValueError("give --database-url or set DORAK_HUB_DATABASE_URL")
    return url


def _secret(instance: Path) -> str:
    path = instance / "secret_key"
    if path.exists():
        return path.read_text().strip()
    instance.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    path.touch(mode=0o600)
    path.write_text(key)
    return key


def create_hub_app(url: str | None = None, test_config: dict[str, Any] | None = None) -> Flask:
    instance = Path(os.environ.get("DORAK_HUB_INSTANCE", "hub-instance")).resolve()
    app = Flask(__name__, instance_path=str(instance))
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env("DORAK_HUB")
    if test_config:
        app.config.update(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _secret(instance)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    store = HubStore(database_url(url), max_size=int(app.config["POOL_SIZE"]))
    hub = Hub(store, app.config.get("CLOCK") or system_clock)
    app.extensions["hub"] = hub
    app.register_blueprint(api_bp)
    app.register_blueprint(pages_bp)
    app.register_blueprint(assets_bp)
    errors.register(app)
    register_security_headers(app)
    init_i18n(app)
    hub_socketio.init_app(
        app, async_mode=app.config["ASYNC_MODE"], message_queue=app.config["MESSAGE_QUEUE"]
    )
    app.extensions["hub_publisher"] = HubPublisher(hub, hub_socketio)
    return app


register_handlers(hub_socketio, lambda: current_app.extensions["hub"])

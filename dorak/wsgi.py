"""Entry point for a production server:

    gunicorn -k gevent -w 1 dorak.wsgi:app          (recommended: see the README's figures)
    gunicorn -w 1 --threads 50 dorak.wsgi:app

Configuration comes from DORAK_* environment variables (see the README). Under gevent's worker
the async mode follows by itself unless DORAK_ASYNC_MODE says otherwise."""

import os

from .app import create_app


def _gevent_worker() -> bool:
    try:
        from gevent import monkey
    except ImportError:  # gevent is optional outside the prod extra
        return False
    return bool(monkey.is_module_patched("socket"))


app = create_app(
    {"ASYNC_MODE": "gevent"} if "DORAK_ASYNC_MODE" not in os.environ and _gevent_worker() else None
)

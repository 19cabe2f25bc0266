"""Entry point for a production server:

    gunicorn -k gevent -w 1 dorak.wsgi:app          (recommended: see the README's figures)
    gunicorn -w 1 --threads 50 dorak.wsgi:app

Configuration comes from DORAK_* environment variables (see the README). Under gevent's worker
the async mode follows by itself unless DORAK_ASYNC_MODE says otherwise."""

import os

from gevent import monkey

from .app import create_app
from .memory import tune_malloc

tune_malloc()  # before the server starts its threads
# The gevent worker has patched the process before it imports this module.
_under_gevent = monkey.is_module_patched("socket") and "DORAK_ASYNC_MODE" not in os.environ
app = create_app({"ASYNC_MODE": "gevent"} if _under_gevent else None)

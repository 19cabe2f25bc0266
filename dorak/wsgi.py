"""Entry point for a production server: `gunicorn -w 1 --threads 50 dorak.wsgi:app`.

Configuration comes from DORAK_* environment variables (see the README)."""

from .app import create_app

app = create_app()

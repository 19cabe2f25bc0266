"""The hub for a production server: `gunicorn -w 1 --threads 50 dorak.hub.wsgi:app` (threads:
psycopg's pool is not tried under gevent here). The database comes from DORAK_HUB_DATABASE_URL;
several processes need DORAK_HUB_MESSAGE_QUEUE (Redis) and sticky sessions."""

from .app import create_hub_app

app = create_hub_app()

"""`dorak hub ...`: set up and run the governorate hub. A thin layer over dorak/store/hub and
the hub's application; secrets (sync tokens, reader tokens) are printed once, alone on the last
line, and only their digests are kept."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

import click

from ..clock import system_clock


def _url_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--database-url",
        "url",
        envvar="DORAK_HUB_DATABASE_URL",
        required=True,
        help="postgresql://user@host:port/database (or DORAK_HUB_DATABASE_URL).",
    )(f)


def _store(url: str) -> Any:
    import psycopg

    from ..store.hub import HubStore

    try:
        store = HubStore(url, max_size=2)
        store.migrate()
    except psycopg.Error as e:
        raise click.ClickException(f"cannot use the hub database: {e}") from None
    return store


def _now() -> float:
    return system_clock().timestamp()


@click.group("hub")
def hub() -> None:
    """The governorate hub: every center in one view (PostgreSQL)."""


@hub.command("init")
@_url_option
def init(url: str) -> None:
    """Create or update the hub's tables (numbered migrations)."""
    import psycopg

    from ..store.hub import HubStore

    try:
        store = HubStore(url, max_size=1)
        try:
            applied = store.migrate()
        finally:
            store.close()
    except psycopg.Error as e:
        raise click.ClickException(f"cannot use the hub database: {e}") from None
    click.echo(f"hub database ready ({applied} migrations applied)")


@hub.command("serve")
@_url_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
def serve(url: str, host: str, port: int) -> None:
    """Run the hub (Flask-SocketIO, threading) on HOST:PORT."""
    from .app import create_hub_app
    from .publisher import hub_socketio

    _store(url).close()  # migrated before the first request
    app = create_hub_app(url)
    click.echo(f"Dorak hub on http://{host}:{port}/hub/")
    hub_socketio.run(app, host=host, port=port, allow_unsafe_werkzeug=True)


@hub.group("center")
def center() -> None:
    """Centers that sync to this hub."""


@center.command("add")
@_url_option
@click.argument("code")
@click.option("--name-ar", required=True)
@click.option("--name-en", required=True)
@click.option("--timezone", default="Africa/Cairo", show_default=True)
def center_add(url: str, code: str, name_ar: str, name_en: str, timezone: str) -> None:
    """Add a center; its sync token (DORAK_HUB_TOKEN at the center) is the last line."""
    store = _store(url)
    token = secrets.token_urlsafe(32)
    try:
        store.add_center(code, name_ar, name_en, timezone, token, _now())
    except ValueError as e:
        raise click.ClickException(str(e)) from None
    finally:
        store.close()
    click.echo(f"center {code} added; its sync token (shown once, set DORAK_HUB_TOKEN):")
    click.echo(token)


def _center_ids(store: Any, codes: tuple[str, ...]) -> list[int] | None:
    if not codes:
        return None
    ids = store.center_ids(list(codes))
    missing = sorted(set(codes) - set(ids))
    if missing:
        raise click.ClickException(f"no such center: {', '.join(missing)}")
    return [ids[c] for c in codes]


@hub.group("user")
def user() -> None:
    """People who sign in to the hub's pages."""


@user.command("add")
@_url_option
@click.argument("username")
@click.option("--role", type=click.Choice(["admin", "viewer"]), required=True)
@click.option("--center", "centers", multiple=True, help="Limit a viewer to this center (repeat).")
@click.password_option(help="Asked for when not given.")
def user_add(url: str, username: str, role: str, centers: tuple[str, ...], password: str) -> None:
    from werkzeug.security import generate_password_hash

    if role == "admin" and centers:
        raise click.ClickException("an admin sees every center: --center is for viewers")
    store = _store(url)
    try:
        ids = _center_ids(store, centers)
        digest = generate_password_hash(password, method="scrypt")
        store.reads.add_user(username, digest, role, ids, _now())
    except ValueError as e:
        raise click.ClickException(str(e)) from None
    finally:
        store.close()
    click.echo(f"user {username} added ({role}{', ' + ', '.join(centers) if centers else ''})")


@hub.group("token")
def token() -> None:
    """Tokens for programs that read the hub's API."""


@token.command("create")
@_url_option
@click.option("--role", type=click.Choice(["admin", "viewer"]), required=True)
@click.option("--center", "centers", multiple=True, help="Limit a viewer to this center (repeat).")
@click.option("--label", help="A name to recognise it by.")
def token_create(url: str, role: str, centers: tuple[str, ...], label: str | None) -> None:
    """Create a token; it is the last line (shown once)."""
    store = _store(url)
    value = secrets.token_urlsafe(32)
    try:
        ids = _center_ids(store, centers)
        store.reads.add_token(value, role, ids, label, _now())
    finally:
        store.close()
    click.echo(f"{role} token created (shown once):")
    click.echo(value)

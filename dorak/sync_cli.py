"""`dorak sync --once`: push what is pending to the hub now and say what was sent."""

from __future__ import annotations

import click

from .center_config import KEY_VERSION
from .sync import HubRefused, HubSync, Pushed


@click.command("sync")
@click.option(
    "--db",
    envvar="DORAK_DATABASE",
    type=click.Path(dir_okay=False),
    help="SQLite file (default: instance/dorak.db).",
)
@click.option(
    "--config",
    envvar="DORAK_CENTER_FILE",
    type=click.Path(dir_okay=False),
    help="Center TOML file (seeds a database that has none).",
)
@click.option("--once", is_flag=True, required=True, help="Push what is pending, then stop.")
@click.option("--url", envvar="DORAK_HUB_URL", required=True, help="The hub (DORAK_HUB_URL).")
@click.option("--token", envvar="DORAK_HUB_TOKEN", required=True, help="DORAK_HUB_TOKEN.")
@click.option("--share-notes", envvar="DORAK_HUB_SHARE_NOTES", is_flag=True)
def sync_cmd(
    db: str | None, config: str | None, once: bool, url: str, token: str, share_notes: bool
) -> None:
    """Push this center's pending events (and its configuration) to the hub."""
    from .cli import Context  # not at import: the CLI imports this module

    c = Context(db, config)

    def current() -> tuple[str, int]:
        return c.centers.export(), int(c.store.settings.get(KEY_VERSION, 0))

    sync = HubSync(c.store, url, token, current, dict, share_notes=share_notes)

    def said(p: Pushed) -> None:
        what = f"events {p.first}..{p.last}" if p.first is not None else "the configuration"
        click.echo(
            f"sent {p.sent} ({what}), {p.stored} new to the hub; hub has up to {p.high_water}"
        )

    try:
        sent = sync.push_pending(said)
    except (OSError, HubRefused) as e:
        raise click.ClickException(f"the hub did not take the events: {e}") from None
    click.echo(f"done: {sent} events sent; the hub has every event up to {sync.high_water}")

"""The `dorak` command: a thin click layer over the library. Library errors become
click errors here and nowhere else."""

from __future__ import annotations

import errno
import secrets
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from .app import create_app, default_instance
from .auth import TOKEN_ROLES, USER_ROLES, AccountError, Accounts
from .bus import MessageBus
from .center_config import CenterConfig
from .config import ConfigError, load_center
from .domain.roles import COMMAND_LINE
from .store import Store, StoreError
from .usecases import Operations, system_clock

DEMO_USERS: list[tuple[str, str, int | None]] = [
    ("admin", "admin", None),
    ("supervisor", "supervisor", None),
]
DEMO_USERS += [(f"clerk{n}", "clerk", n) for n in range(1, 11)]
# The names the counter's header shows (a person, not a login).
DEMO_NAMES = {
    "admin": "مدير النظام",
    "supervisor": "سعاد المشرفة",
    **{
        f"clerk{n}": name
        for n, name in enumerate(
            (
                "أحمد عبد الله",
                "منى حسن",
                "محمود سالم",
                "فاطمة علي",
                "خالد إبراهيم",
                "هدى مصطفى",
                "عمر يوسف",
                "سارة محمد",
                "ياسر كمال",
                "نادية فؤاد",
            ),
            1,
        )
    },
}


def _db_option(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option(
        "--config",
        "config",
        type=click.Path(dir_okay=False),
        envvar="DORAK_CENTER_FILE",
        help="Center TOML file (default: the built-in sample center).",
    )(f)
    return click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False),
        envvar="DORAK_DATABASE",
        help="SQLite file (default: instance/dorak.db).",
    )(f)


def _db_path(db: str | None) -> str:
    return db or str(default_instance() / "dorak.db")


def _store(db: str | None) -> Store:
    path = Path(_db_path(db))
    if not path.parent.exists():
        path.parent.mkdir(parents=True)
    store = Store(path)
    try:
        store.migrate()
    except StoreError as e:
        raise click.ClickException(str(e)) from None
    return store


def _check_config(config: str | None) -> None:
    try:
        load_center(config)
    except ConfigError as e:
        raise click.ClickException(f"bad configuration: {e}") from None


class Context:
    """What a command works with: the database's configuration (the TOML file only seeds a
    database that has none, as the server does), the use cases, and a bus. With a message
    queue (DORAK_MESSAGE_QUEUE) the bus publishes to the servers' rooms, so screens hear what
    the command line did; without one there is nobody in this process to tell."""

    def __init__(self, db: str | None, config: str | None, seed: bool = False) -> None:
        import os

        self.store = _store(db)
        _check_config(config)
        self.centers = CenterConfig(self.store, load_center(config), system_clock, seed)
        self.ops = Operations(self.store, self.centers.current, system_clock)
        self.bus = MessageBus()
        queue = os.environ.get("DORAK_MESSAGE_QUEUE")
        if queue:
            from flask_socketio import SocketIO

            from .publisher import Publisher

            emitter = SocketIO(message_queue=queue, write_only=True)
            self.bus.on_batch(Publisher(emitter, self.ops, lambda: "/", shared=True).publish)

    @property
    def center(self) -> Any:
        return self.centers.current()

    def window_exists(self, window: int | None) -> None:
        if window is not None and self.center.window(window) is None:
            raise click.ClickException(f"window {window} is not in the center's configuration")


@click.group()
@click.version_option(package_name="dorak")
def main() -> None:
    """Dorak (دورك): queue and ticketing for citizen-service centers."""


@main.command()
@_db_option
def init(db: str | None, config: str | None) -> None:
    """Create or upgrade the database and check the configuration."""
    _check_config(config)
    store = _store(db)
    click.echo(f"database ready: {store.path}")


def _port_free(host: str, port: int) -> None:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as e:
            why = "is in use" if e.errno == errno.EADDRINUSE else f"cannot be used ({e.strerror})"
            raise click.ClickException(
                f"port {port} on {host} {why}; choose another with --port"
            ) from None


def _run(db: str | None, config: str | None, host: str, port: int, extra: dict[str, Any]) -> None:
    from .memory import tune_malloc
    from .realtime import socketio

    tune_malloc()  # before the server starts its threads

    _check_config(config)
    _port_free(host, port)
    from printer.drivers import PrinterFault

    try:
        app = create_app({"DATABASE": _db_path(db), "CENTER_FILE": config, **extra})
    except (StoreError, ConfigError) as e:
        raise click.ClickException(str(e)) from None
    except PrinterFault as e:
        raise click.ClickException(f"DORAK_PRINTER refused: {e.detail or e.code}") from None
    click.echo(f"Dorak serving on http://{host}:{port}/  (database {app.config['DATABASE']})")
    socketio.run(app, host=host, port=port, allow_unsafe_werkzeug=True, log_output=False)


@main.command()
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--async-mode",
    type=click.Choice(["threading", "gevent"]),
    default="threading",
    show_default=True,
    envvar="DORAK_ASYNC_MODE",
    help="gevent serves many more screens and phones per process.",
)
def serve(db: str | None, config: str | None, host: str, port: int, async_mode: str) -> None:
    """Run the server. threading: Werkzeug; gevent: gevent's WSGI server."""
    if async_mode == "gevent":
        from gevent import monkey

        monkey.patch_all()  # before anything opens sockets or starts threads
    _run(db, config, host, port, {"ASYNC_MODE": async_mode})


@main.command()
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
def demo(db: str | None, config: str | None, host: str, port: int) -> None:
    """Start a demo center: sample services, demo users with fresh passwords, device tokens."""
    db = db or str(default_instance() / "demo.db")
    store = _store(db)
    accounts = Accounts(store)
    click.echo("Demo accounts (passwords are new at every start):")
    for username, role, window in DEMO_USERS:
        password = secrets.token_urlsafe(9)
        if accounts.user(username) is None:
            accounts.add_user(username, password, role, window, DEMO_NAMES.get(username))
        else:
            accounts.set_password(username, password)
        click.echo(f"  {username:<11} {role:<10} {password}")
    for t in accounts.tokens():
        if str(t["label"]).startswith("demo-") and not t["revoked_at"]:
            accounts.revoke_token(int(str(t["id"])))
    _demo_center(store, config)
    kiosk = accounts.create_token("kiosk", label="demo-kiosk")
    clerk = accounts.create_token("clerk", 1, label="demo-clerk-1")
    base = f"http://{host}:{port}"
    click.echo("Device tokens:")
    click.echo(f"  kiosk     {kiosk}")
    click.echo(f"  window 1  {clerk}")
    click.echo("Open:")
    click.echo(f"  kiosk          {base}/kiosk?token={kiosk}")
    click.echo(f"  lobby display  {base}/display")
    click.echo(f"  clerk window   {base}/counter   (sign in as clerk1 ... clerk10)")
    click.echo(
        "The demo center is open around the clock and clerk1 ... clerk10 count as signed in at\n"
        "windows 1 ... 10; a clerk who signs out of the counter page closes that window."
    )
    click.echo("Printed tickets: PNG files in the instance folder's printed/ (virtual printer).")
    _run(db, config, host, port, {"PRINTER": "virtual"})


def _demo_center(store: Store, config: str | None) -> None:
    """Open around the clock, with a clerk at every window: a demo works at any hour."""
    from dataclasses import replace

    from .domain.hours import ALWAYS_OPEN
    from .domain.staffing import FIXED

    _check_config(config)
    centers = CenterConfig(store, load_center(config), system_clock)
    if not centers.current().hours.always_open:
        centers.replace(replace(centers.current(), hours=ALWAYS_OPEN), COMMAND_LINE, "demo")
    ops = Operations(store, centers.current)
    for w in centers.current().windows:
        ops.sign_in(w.number, f"clerk{w.number}", FIXED)


@main.group("window")
def window_group() -> None:
    """Who is signed in at the windows (a clerk's counter page does this by itself)."""


@window_group.command("staff")
@_db_option
@click.argument("numbers", nargs=-1, type=int)
@click.option("--all", "every", is_flag=True, help="Every window of the center.")
@click.option("--clerk", default="staffed", show_default=True, help="Who is at the window.")
def window_staff(
    db: str | None, config: str | None, numbers: tuple[int, ...], every: bool, clerk: str
) -> None:
    """Count windows as staffed with no counter page (a clerk working without a terminal),
    until `dorak window leave`."""
    c = Context(db, config)
    center = c.center
    chosen = [w.number for w in center.windows] if every else list(numbers)
    if not chosen or any(center.window(n) is None for n in chosen):
        raise click.ClickException("name windows of the center, or --all")
    c.bus.handle(c.ops.staff_fixed(chosen, clerk, COMMAND_LINE)[1])
    click.echo(f"staffed: windows {', '.join(map(str, chosen))} ({clerk})")


@window_group.command("leave")
@_db_option
@click.argument("numbers", nargs=-1, type=int, required=True)
def window_leave(db: str | None, config: str | None, numbers: tuple[int, ...]) -> None:
    """End the sign-in at these windows: they close at once."""
    c = Context(db, config)
    if any(c.center.window(n) is None for n in numbers):
        raise click.ClickException("name windows of the center")
    left, events = c.ops.leave(list(numbers), COMMAND_LINE)
    c.bus.handle(events)
    click.echo(f"closed: windows {', '.join(map(str, left)) or 'none'}")


@main.group()
def user() -> None:
    """Manage people who sign in: admins, supervisors, clerks."""


@user.command("add")
@_db_option
@click.argument("username")
@click.option("--role", type=click.Choice([r.value for r in USER_ROLES]), required=True)
@click.option("--window", type=int, help="For a clerk: the window they work at.")
@click.option("--name", help="Full name to show (default: the username).")
@click.password_option(help="Asked for when not given.")
def user_add(
    db: str | None,
    config: str | None,
    username: str,
    role: str,
    window: int | None,
    name: str | None,
    password: str,
) -> None:
    """Add a user."""
    c = Context(db, config)
    c.window_exists(window)
    try:
        Accounts(c.store).add_user(username, password, role, window, name, by=COMMAND_LINE)
    except AccountError as e:
        raise click.ClickException(str(e)) from None
    click.echo(f"added {role} {username}" + (f" at window {window}" if window else ""))


@user.command("passwd")
@_db_option
@click.argument("username")
@click.password_option()
def user_passwd(db: str | None, config: str | None, username: str, password: str) -> None:
    """Set a user's password."""
    try:
        Accounts(_store(db)).set_password(username, password, by=COMMAND_LINE)
    except AccountError as e:
        raise click.ClickException(str(e)) from None
    click.echo(f"password changed for {username}")


@user.command("list")
@_db_option
def user_list(db: str | None, config: str | None) -> None:
    """List users."""
    for u in Accounts(_store(db)).users():
        window = f"window {u['window']}" if u["window"] else ""
        state = "" if u["active"] else "(disabled)"
        click.echo(f"{u['username']:<16} {u['role']:<11} {window:<10} {state}".rstrip())


@main.group()
def token() -> None:
    """Manage device and script tokens (kiosks, clerk terminals, displays)."""


@token.command("create")
@_db_option
@click.option("--role", type=click.Choice([r.value for r in TOKEN_ROLES]), required=True)
@click.option("--window", type=int, help="For a clerk token: its window.")
@click.option("--label", help="A name to recognise the device by.")
def token_create(
    db: str | None, config: str | None, role: str, window: int | None, label: str | None
) -> None:
    """Create a token; it is printed once, alone on the last line."""
    c = Context(db, config)
    c.window_exists(window)
    try:
        value = Accounts(c.store).create_token(role, window, label, by=COMMAND_LINE)
    except AccountError as e:
        raise click.ClickException(str(e)) from None
    click.echo(
        f"{role} token"
        + (f" for window {window}" if window else "")
        + " (shown once, keep it safe):",
        err=True,
    )
    click.echo(value)


@token.command("list")
@_db_option
def token_list(db: str | None, config: str | None) -> None:
    """List tokens (never their values)."""
    for t in Accounts(_store(db)).tokens():
        state = "revoked" if t["revoked_at"] else "active"
        window = f"window {t['window']}" if t["window"] else ""
        click.echo(f"{t['id']:>4}  {t['role']:<10} {window:<10} {t['label']:<20} {state}")


@token.command("revoke")
@_db_option
@click.argument("token_id", type=int)
def token_revoke(db: str | None, config: str | None, token_id: int) -> None:
    """Revoke a token by its id (from `dorak token list`)."""
    try:
        Accounts(_store(db)).revoke_token(token_id, by=COMMAND_LINE)
    except AccountError as e:
        raise click.ClickException(str(e)) from None
    click.echo(f"token {token_id} revoked")


@main.command("report")
@_db_option
@click.option("--from", "start", required=True, help="First day, YYYY-MM-DD.")
@click.option("--to", "end", help="Last day (default: the first).")
@click.option(
    "--by",
    type=click.Choice(
        ["service", "window", "clerk", "hour", "day", "file_type", "category", "source"]
    ),
    default="service",
    show_default=True,
)
@click.option("--files", is_flag=True, help="The case files' completion figures instead.")
@click.option("--remarks", is_flag=True, help="The citizens' remarks instead.")
@click.option("--integrity", is_flag=True, help="The integrity of the line instead.")
@click.option(
    "--csv",
    "as_csv_file",
    type=click.Path(dir_okay=False),
    help="Also write the rows to this CSV file.",
)
def report_cmd(
    db: str | None,
    config: str | None,
    start: str,
    end: str | None,
    by: str,
    files: bool,
    remarks: bool,
    integrity: bool,
    as_csv_file: str | None,
) -> None:
    """Print the figures for a period as a table (definitions in the README), with the
    configuration the server uses: the database's (a target changed on /admin counts here)."""
    from .reports import ReportError, as_csv, as_table, parse_day, report

    c = Context(db, config)
    center, store = c.center, c.store
    try:
        first, last = parse_day(start, "from"), parse_day(end or start, "to")
        if files:
            from .case_file_cli import print_file_report

            return print_file_report(store, first, last, by, as_csv_file)
        if remarks or integrity:
            from .case_file_cli import print_other_report

            what = "remarks" if remarks else "integrity"
            return print_other_report(store, what, first, last, by, as_csv_file)
        closed = parse_day(center.day_of(c.ops.clock()), "today")  # earlier days are over
        days = (last - first).days + 1
        if days > 31:  # a long range: show that it is working
            with click.progressbar(length=days, label="crunching", file=sys.stderr) as bar:
                rows = report(store, center, first, last, by, bar.update, closed)
        else:
            rows = report(store, center, first, last, by, closed_before=closed)
    except ReportError as e:
        raise click.ClickException(str(e)) from None
    click.echo(as_table(rows), nl=False)  # the CSV's columns, in the CSV's order
    if as_csv_file:
        Path(as_csv_file).write_text(as_csv(rows), encoding="utf-8")
        click.echo(f"written: {as_csv_file}")


@main.command("simulate")
@_db_option
@click.option(
    "--profile",
    "profile_path",
    type=click.Path(dir_okay=False),
    help="Simulation profile (default: profiles/sample.toml, the sample center's busy day).",
)
@click.option("--days", default=1, show_default=True, type=click.IntRange(1, 3660))
@click.option("--seed", default=1, show_default=True, type=int)
@click.option(
    "--start", "first", default="2026-11-29", show_default=True, help="First simulated day."
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
def simulate_cmd(
    db: str | None,
    config: str | None,
    profile_path: str | None,
    days: int,
    seed: int,
    first: str,
    as_json: bool,
) -> None:
    """Simulate days of a center through the real queue; print the waits, how good each wait
    estimator was on the same tickets, and how often the told range held the real wait."""
    from .sim_cli import echo_json, echo_text, run_simulation

    path = Path(db or default_instance() / "simulations" / f"sim-{seed}.db")
    if path.exists():
        if db:
            raise click.ClickException(f"{path} exists: simulate into a new file")
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    found, store, center, start, last = run_simulation(
        path, config, profile_path, days, seed, first
    )
    if as_json:
        echo_json(found)
    else:
        echo_text(found, store, center, start, last)


@main.command("backup")
@_db_option
@click.option(
    "--to",
    "target",
    required=True,
    type=click.Path(dir_okay=False),
    help="The backup file to write.",
)
def backup_cmd(db: str | None, config: str | None, target: str) -> None:
    """Copy the database to FILE (safe while the server runs)."""
    from .backup import BackupError, backup

    source = Path(_db_path(db))
    if not source.exists():
        raise click.ClickException(f"no database at {source}")
    try:
        written = backup(source, target)
    except BackupError as e:
        raise click.ClickException(str(e)) from None
    click.echo(f"backup written: {written} ({written.stat().st_size:,} bytes)")


@main.command("restore")
@_db_option
@click.option(
    "--from",
    "source",
    required=True,
    type=click.Path(dir_okay=False),
    help="A backup made by `dorak backup` or the daily backup.",
)
@click.confirmation_option(prompt="Replace the database with the backup? Stop the server first.")
def restore_cmd(db: str | None, config: str | None, source: str) -> None:
    """Replace the database with a backup (stop the server first)."""
    from .backup import BackupError, restore

    try:
        restore(source, _db_path(db))
    except BackupError as e:
        raise click.ClickException(str(e)) from None
    click.echo(f"restored {_db_path(db)} from {source}")


@main.group()
def printer() -> None:
    """Ticket printers: a virtual one for trying things out, and a test page."""


@printer.command("virtual")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=9100, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--out",
    type=click.Path(file_okay=False),
    default="printed",
    show_default=True,
    help="Folder for the PNG of every printed ticket.",
)
def printer_virtual(host: str, port: int, out: str) -> None:
    """Run a virtual ESC/POS network printer (point DORAK_PRINTER at tcp://HOST:PORT)."""
    from printer.virtual import VirtualPrinter

    _port_free(host, port)
    vp = VirtualPrinter(host, port, Path(out))
    click.echo(f"virtual printer on tcp://{host}:{port}, tickets saved in {Path(out).resolve()}")
    try:
        vp.serve_forever()
    except KeyboardInterrupt:
        vp.stop()


@printer.command("test")
@_db_option
@click.option(
    "--printer",
    "address",
    required=True,
    envvar="DORAK_PRINTER",
    help="Printer address, e.g. tcp://192.168.1.50:9100 (see the README).",
)
@click.option("--width", default=576, show_default=True, type=int)
def printer_test(db: str | None, config: str | None, address: str, width: int) -> None:
    """Print a sample ticket and report the printer's status."""
    from zoneinfo import ZoneInfo

    from printer.drivers import PrinterFault, parse_spec, print_image
    from printer.layout import TicketPrint, render_ticket

    center = Context(db, config).center
    service = next(s for s in center.services if s.prefix)
    sample = TicketPrint(
        center.name_ar,
        center.name_en,
        service.name_ar,
        service.name_en,
        f"{service.prefix}000",
        system_clock().astimezone(ZoneInfo(center.timezone)),
        0,
        1,
        "https://example.invalid/t/test",
    )
    try:
        result = print_image(parse_spec(address, width), render_ticket(sample, width))
    except PrinterFault as e:
        raise click.ClickException(f"printer {e.code}: {e.detail}") from None
    click.echo(f"printed a test ticket; printer status: {result.status}")


def _attach_commands() -> None:
    """Commands that live in their own modules (the hub, the sync to it)."""
    from .hub.cli import hub
    from .sync_cli import sync_cmd

    main.add_command(hub)
    main.add_command(sync_cmd)


_attach_commands()


if __name__ == "__main__":
    main()

"""A damaged database is noticed: refused at start (with the backup to restore), found by the
check while serving (/healthz 503, an alert), every SQLite failure counted; a database from a
newer Dorak is refused."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from dorak.app import create_app
from dorak.backup import backup
from dorak.config import load_center
from dorak.db_health import DatabaseDamaged, quick_check
from dorak.realtime import socketio
from dorak.store import Store, StoreError
from dorak.usecases import Operations
from tests.conftest import ManualClock
from tests.live import LiveServer, free_port, wait_for
from tests.web.test_live_server import Listener

GARBAGE = 80 * 1024


def busy_database(path: Path, tickets: int = 400) -> None:
    store = Store(path)
    store.migrate()
    ops = Operations(store, load_center)
    for i in range(tickets):
        ops.issue(("payments", "reconciliation")[i % 2], anyway=True)  # any hour
    store.close()


def corrupt(path: Path) -> None:
    """Up to 80 KiB of garbage over the pages that hold ticket rows (not the first ones), the
    size unchanged: the schema and small tables stay readable, as in the report (tickets
    issued, calls failing). The WAL is folded in first, so the pages hit are the file's."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = conn.execute("PRAGMA page_size").fetchone()[0]
        leaves = [
            n
            for (n,) in conn.execute(
                "SELECT pageno FROM dbstat WHERE name = 'tickets' AND pagetype = 'leaf' "
                "ORDER BY pageno"
            )
        ]
    conn.close()
    size = path.stat().st_size
    with open(path, "r+b") as f:
        for n in leaves[2:][: GARBAGE // page]:
            f.seek((n - 1) * page)
            f.write(os.urandom(page))
    assert path.stat().st_size == size and quick_check(path)


def config(tmp_path: Path, clock: ManualClock) -> dict[str, object]:
    return {
        "TESTING": True,
        "INSTANCE": str(tmp_path / "instance"),
        "CLOCK": clock,
        "SECRET_KEY": "k",
        "PRINTER": "none",
    }


def test_a_damaged_file_is_refused_at_start_naming_the_backup(
    tmp_path: Path, clock: ManualClock
) -> None:
    db = tmp_path / "instance" / "dorak.db"
    db.parent.mkdir()
    busy_database(db)
    backups = tmp_path / "instance" / "backups"
    backup(db, backups / "dorak-2026-11-24.db")
    backup(db, backups / "dorak-2026-11-25.db")
    (backups / "dorak-2026-11-26.db").write_bytes(b"half a backup")  # unsound: not named
    corrupt(db)
    with pytest.raises(DatabaseDamaged) as e:
        create_app(config(tmp_path, clock))
    text = str(e.value)
    assert "is damaged" in text and str(db) in text
    assert f"dorak restore --from {backups / 'dorak-2026-11-25.db'}" in text
    # The command line says the same and serves nothing.
    env = {**os.environ, "DORAK_INSTANCE": str(tmp_path / "instance")}
    out = subprocess.run(
        [sys.executable, "-m", "dorak.cli", "serve", "--port", str(free_port())],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode != 0 and "is damaged" in out.stderr
    assert "dorak restore --from" in out.stderr


def test_not_a_database_at_all_and_no_backup(tmp_path: Path, clock: ManualClock) -> None:
    db = tmp_path / "instance" / "dorak.db"
    db.parent.mkdir()
    db.write_bytes(os.urandom(8192))
    with pytest.raises(DatabaseDamaged, match="no sound backup in"):
        create_app(config(tmp_path, clock))


@pytest.mark.parametrize("how", ["user_version", "migrations"])
def test_a_database_from_a_newer_dorak_is_refused(
    tmp_path: Path, clock: ManualClock, how: str
) -> None:
    app = create_app(config(tmp_path, clock))
    path = app.config["DATABASE"]
    app.extensions["dorak"].store.close()
    with sqlite3.connect(path) as conn:
        if how == "user_version":
            conn.execute("PRAGMA user_version = 99")
        else:
            conn.execute("INSERT INTO migrations (version) VALUES (99)")
    conn.close()
    with pytest.raises(StoreError, match=r"newer Dorak \(schema 99; this one knows up to"):
        create_app(config(tmp_path, clock))


def test_the_schema_version_is_stamped(tmp_path: Path, clock: ManualClock) -> None:
    app = create_app(config(tmp_path, clock))
    store = app.extensions["dorak"].store
    stamped = store.conn.execute("PRAGMA user_version").fetchone()[0]
    assert stamped == store.migrate() > 0


def test_damage_while_serving_is_found_counted_and_alerted(
    tmp_path: Path, clock: ManualClock
) -> None:
    db = tmp_path / "instance" / "dorak.db"
    db.parent.mkdir()
    busy_database(db)
    app = create_app(config(tmp_path, clock))
    d = app.extensions["dorak"]
    sup = d.accounts.create_token("supervisor")
    clerk = d.accounts.create_token("clerk", 1)
    client = app.test_client()
    lead = socketio.test_client(app, auth={"token": sup}, flask_test_client=client)
    lead.get_received()
    assert client.get("/healthz").status_code == 200
    d.store.close()  # no page of the sound file stays cached
    corrupt(db)
    # Requests that read the damaged pages fail: each one counted, supervisors told at once.
    auth = {"Authorization": f"Bearer {clerk}"}
    failed = [client.post("/api/v1/windows/1/call-next", headers=auth) for _ in range(3)]
    assert {r.status_code for r in failed} == {500}
    metrics = client.get("/metrics").get_data(as_text=True)
    assert "dorak_database_errors_total 3" in metrics
    told = [m["args"][0] for m in lead.get_received() if m["name"] == "alert_raised"]
    assert told and told[0]["kind"] == "database"
    # The check (on its schedule, or soon after such a failure) finds the damage.
    report = d.db_watch.check()
    assert report and "is damaged" in report
    health = client.get("/healthz")
    assert health.status_code == 503 and health.get_json()["database"].startswith("damaged")
    alerts = client.get("/api/v1/alerts", headers={"Authorization": f"Bearer {sup}"})
    kinds = {(a["kind"], a["subject"]) for a in alerts.get_json()["alerts"]}
    assert ("database", "integrity") in kinds
    lead.disconnect()


def test_the_scheduled_check_under_the_production_start(tmp_path: Path) -> None:
    db = tmp_path / "dorak.db"
    busy_database(db)
    server = LiveServer(
        tmp_path,
        how="gunicorn-gevent",
        env={
            "DORAK_PRINTER": "none",
            "DORAK_DISPLAY_VOICE": "false",
            "DORAK_DB_CHECK_EVERY_S": "1",
        },
    )
    supervisor = server.token("--role", "supervisor")
    with server:
        lead = Listener(server.url, {"token": supervisor})
        lead.wait_for("state")
        assert requests.get(f"{server.url}/healthz", timeout=30).status_code == 200
        corrupt(db)
        wait_for(
            lambda: requests.get(f"{server.url}/healthz", timeout=30).status_code == 503,
            60,
            "/healthz to see the damage",
        )
        alert = lead.wait_for("alert_raised", timeout=60)
        assert alert["kind"] == "database" and alert["subject"] == "integrity"
        assert "نسخة احتياطية" in alert["message"]["ar"]
        lead.client.disconnect()

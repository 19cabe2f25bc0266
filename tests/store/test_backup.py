"""Backups while serving, restore, the daily schedule and its retention."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from dorak.backup import BackupError, DailyBackup, backup, next_run, prune, restore
from dorak.cli import main
from dorak.store import Store
from dorak.usecases import Operations
from tests.conftest import ManualClock


def test_backup_while_writing_and_restore(ops: Operations, store: Store, tmp_path: Path) -> None:
    for _ in range(5):
        ops.issue("payments")
    store.conn.execute("BEGIN IMMEDIATE")  # another writer holds the lock mid-transaction
    try:
        copy = backup(store.path, tmp_path / "b" / "copy.db")
    finally:
        store.conn.execute("ROLLBACK")
    assert Store(copy).one("SELECT count(*) AS n FROM tickets")["n"] == 5
    ops.issue("payments")
    restore(copy, store.path)
    assert store.one("SELECT count(*) AS n FROM tickets")["n"] == 5


def test_restore_refuses_what_is_not_a_dorak_database(tmp_path: Path, store: Store) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(BackupError):
        restore(junk, store.path)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE x (y)").connection.close()
    with pytest.raises(BackupError, match="not a sound Dorak database"):
        restore(other, store.path)
    with pytest.raises(BackupError, match="no backup"):
        restore(tmp_path / "missing.db", store.path)


def test_next_run_in_the_center_time_zone() -> None:
    now = datetime(2026, 11, 26, 21, 0, tzinfo=UTC)  # 23:00 in Cairo
    assert next_run(now, "23:30", "Africa/Cairo").isoformat() == "2026-11-26T23:30:00+02:00"
    later = datetime(2026, 11, 26, 21, 45, tzinfo=UTC)  # 23:45 in Cairo
    assert next_run(later, "23:30", "Africa/Cairo").isoformat() == "2026-11-27T23:30:00+02:00"


def test_daily_backup_keeps_the_newest(
    store: Store, ops: Operations, tmp_path: Path, clock: ManualClock
) -> None:
    ops.issue("payments")
    folder = tmp_path / "backups"
    daily = DailyBackup(store.path, folder, "23:30", 3, "Africa/Cairo", clock)
    for _ in range(5):
        daily.run_once()
        clock.advance(86400)
    assert sorted(p.name for p in folder.glob("*.db")) == [
        "dorak-2026-11-28.db",
        "dorak-2026-11-29.db",
        "dorak-2026-11-30.db",
    ]
    assert prune(folder, 1) and len(list(folder.glob("*.db"))) == 1


def test_backup_and_restore_commands(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    runner = CliRunner()
    assert runner.invoke(main, ["init", "--db", str(db)]).exit_code == 0
    r = runner.invoke(main, ["backup", "--db", str(db), "--to", str(tmp_path / "b.db")])
    assert r.exit_code == 0 and "backup written" in r.output
    r = runner.invoke(
        main, ["restore", "--db", str(db), "--from", str(tmp_path / "b.db")], input="y\n"
    )
    assert r.exit_code == 0 and "restored" in r.output
    r = runner.invoke(main, ["backup", "--db", str(tmp_path / "none.db"), "--to", "x.db"])
    assert r.exit_code != 0 and "no database" in r.output

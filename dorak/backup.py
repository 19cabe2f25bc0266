"""Backups with SQLite's online backup API (a consistent copy while the server keeps serving),
restore, and a daily backup (a job of the scheduler) with retention."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from .store import files

log = logging.getLogger(__name__)


class BackupError(Exception):
    pass


def backup(db_path: str | Path, to: str | Path) -> Path:
    try:
        return files.copy_online(db_path, to)
    except sqlite3.Error as e:
        raise BackupError(f"backup failed: {e}") from None


def restore(source: str | Path, db_path: str | Path) -> None:
    """Copy a backup over the database. Stop the server first. The backup is checked first."""
    src_path = Path(source)
    if not src_path.is_file():
        raise BackupError(f"no backup at {src_path}")
    try:
        sound = files.sound_dorak_database(src_path)
    except sqlite3.DatabaseError as e:
        raise BackupError(f"{src_path} is not a Dorak database: {e}") from None
    if not sound:
        raise BackupError(f"{src_path} is not a sound Dorak database")
    files.copy_online(src_path, db_path, in_place=True)


def next_run(now: datetime, at: str, timezone: str) -> datetime:
    """The next local `at` ("HH:MM") after `now`."""
    hour, minute = (int(x) for x in at.split(":"))
    local = now.astimezone(ZoneInfo(timezone))
    run = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if run <= local:
        run += timedelta(days=1)
    return run


def prune(folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` daily backups; returns what was deleted."""
    old = sorted(folder.glob("dorak-*.db"))[:-keep] if keep > 0 else []
    for path in old:
        path.unlink(missing_ok=True)
    return old


class DailyBackup:
    """The backup of the day into `folder`, keeping `keep` of them: a job of the scheduler,
    at the local time `at` every day."""

    def __init__(
        self,
        db_path: str,
        folder: Path,
        at: str,
        keep: int,
        timezone: str,
        clock: Callable[[], datetime],
    ) -> None:
        self.db_path, self.folder, self.at, self.keep = db_path, folder, at, keep
        self.timezone, self.clock = timezone, clock

    def next_after(self, now: datetime) -> datetime:
        return next_run(now, self.at, self.timezone)

    def run_once(self) -> Path:
        day = self.clock().astimezone(ZoneInfo(self.timezone)).date().isoformat()
        path = backup(self.db_path, self.folder / f"dorak-{day}.db")
        prune(self.folder, self.keep)
        log.info("daily backup written to %s", path)
        return path

"""Backups with SQLite's online backup API (a consistent copy while the server keeps serving),
restore, and a daily backup thread with retention."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

log = logging.getLogger(__name__)


class BackupError(Exception):
    pass


def backup(db_path: str | Path, to: str | Path) -> Path:
    target = Path(to)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(target.suffix + ".part")
    src = sqlite3.connect(str(db_path), timeout=30)
    try:
        dst = sqlite3.connect(str(tmp))
        try:
            src.backup(dst)
        finally:
            dst.close()
    except sqlite3.Error as e:
        tmp.unlink(missing_ok=True)
        raise BackupError(f"backup failed: {e}") from None
    finally:
        src.close()
    tmp.replace(target)  # a half-written backup never carries the final name
    return target


def restore(source: str | Path, db_path: str | Path) -> None:
    """Copy a backup over the database. Stop the server first."""
    src_path = Path(source)
    if not src_path.is_file():
        raise BackupError(f"no backup at {src_path}")
    src = sqlite3.connect(f"file:{src_path}?mode=ro", uri=True)
    try:
        try:
            ok = src.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            has_tickets = src.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'tickets'"
            ).fetchone()
        except sqlite3.DatabaseError as e:
            raise BackupError(f"{src_path} is not a Dorak database: {e}") from None
        if not ok or not has_tickets:
            raise BackupError(f"{src_path} is not a sound Dorak database")
        dst = sqlite3.connect(str(db_path), timeout=30)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


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
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="daily-backup")

    def start(self) -> DailyBackup:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def run_once(self) -> Path:
        day = self.clock().astimezone(ZoneInfo(self.timezone)).date().isoformat()
        path = backup(self.db_path, self.folder / f"dorak-{day}.db")
        prune(self.folder, self.keep)
        return path

    def _run(self) -> None:
        while not self._stop.is_set():
            now = self.clock()
            wait = (next_run(now, self.at, self.timezone) - now).total_seconds()
            if self._stop.wait(wait):
                return
            try:
                log.info("daily backup written to %s", self.run_once())
            except Exception:
                log.exception("daily backup failed")

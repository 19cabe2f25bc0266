"""The database file as a whole: an online copy (backups, restores) and SQLite's own checks."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def copy_online(source: str | Path, to: str | Path, in_place: bool = False) -> Path:
    """SQLite's online backup API: a consistent copy while the source is being written. Unless
    `in_place`, it is written beside the target first, so a half-written copy never carries
    the target's name."""
    target = Path(to)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target if in_place else target.with_suffix(target.suffix + ".part")
    # A restore reads a backup (read-only); a backup reads the live database as any reader.
    src = (
        sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
        if in_place
        else sqlite3.connect(str(source), timeout=30)
    )
    try:
        dst = sqlite3.connect(str(tmp), timeout=30)
        try:
            src.backup(dst)
        finally:
            dst.close()
    except sqlite3.Error:
        if not in_place:
            tmp.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    if not in_place:
        tmp.replace(target)
    return target


def quick_check(path: str | Path) -> list[str]:
    """What SQLite finds wrong with the file ([] when it is sound)."""
    try:
        conn = sqlite3.connect(str(path), timeout=10)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:  # not a database at all, unreadable
        return [str(e)]
    problems = [line for (text,) in rows for line in str(text).splitlines()]
    return [] if problems == ["ok"] else problems


def sound_dorak_database(path: Path) -> bool:
    """The file passes integrity_check and holds Dorak's tables (sqlite3.DatabaseError when it
    is no database at all)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tickets = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'tickets'").fetchone()
        return bool(ok and tickets)
    finally:
        conn.close()

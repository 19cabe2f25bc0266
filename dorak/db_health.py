"""Is the database file sound? SQLite's quick_check at start (a damaged file is not
served: kiosks would get numbers while calls, reports and alerts fail) and on a schedule while
serving (a disk can go bad under a running server: /healthz then says 503 and supervisors get
an alert). quick_check reads every page, a few seconds for a year of a busy center; on the
schedule it runs in a native thread (gevent's pool under gevent), never on the event loop."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .store import StoreError, files

log = logging.getLogger(__name__)
MIN_GAP_S = 30.0  # checks asked for by failing requests come at most this often


class DatabaseDamaged(StoreError):
    """The file fails quick_check; str() says what to do."""


quick_check = files.quick_check


def newest_sound_backup(folder: Path) -> Path | None:
    for backup in sorted(folder.glob("dorak-*.db"), reverse=True):
        if not quick_check(backup):
            return backup
    return None


def damage_report(path: str | Path, problems: list[str], backups: Path) -> str:
    backup = newest_sound_backup(backups)
    advice = (
        f"stop the server and restore the latest sound backup: dorak restore --from {backup}"
        if backup
        else f"no sound backup in {backups}: restore one you keep elsewhere with "
        "dorak restore --from FILE"
    )
    return f"the database {path} is damaged ({'; '.join(problems[:3])[:300]}); {advice}"


def refuse_if_damaged(path: str | Path, backups: Path) -> None:
    """At start: a damaged file is refused with what to do (DatabaseDamaged)."""
    p = Path(path)
    if not p.exists() or p.stat().st_size == 0:
        return  # a new database
    problems = quick_check(p)
    if problems:
        raise DatabaseDamaged(damage_report(p, problems, backups))


class DatabaseWatch:
    """`check` runs quick_check (in `offload`: a native thread under gevent); `damage` holds
    the report while the file is damaged. The scheduler runs it every DB_CHECK_EVERY_S, and
    soon after a request hit a SQLite error (at most every MIN_GAP_S)."""

    def __init__(
        self,
        path: str,
        backups: Path,
        offload: Callable[[Callable[[], Any]], Any],
        on_damage: Callable[[str], None] = lambda report: None,
    ) -> None:
        self.path, self.backups = path, backups
        self.offload = offload
        self.on_damage = on_damage
        self.damage: str | None = None

    def check(self) -> str | None:
        problems = self.offload(lambda: quick_check(self.path))
        was = self.damage
        self.damage = damage_report(self.path, problems, self.backups) if problems else None
        if self.damage and not was:
            log.error("database check failed: %s", self.damage)
            self.on_damage(self.damage)
        return self.damage

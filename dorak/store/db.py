"""The database file: connections, write transactions, migrations.

One connection per thread, WAL journal, explicit `BEGIN IMMEDIATE` for every write so that a read
that decides a write (the next number, the next ticket) holds the write lock from the start. That
makes numbering and calling safe across threads *and* across server processes on the same file.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlite_utils

from .schema import MIGRATIONS


class StoreError(Exception):
    """The database cannot be used (locked, read-only, missing folder, disk full)."""


Row = dict[str, Any]
BUSY_MS = 5  # the longest SQLite itself may block a statement (and a gevent loop) on a lock


class _Lease:
    """A thread's hold on a pooled connection; handed back when the thread's locals go."""

    def __init__(self, db: sqlite_utils.Database, give_back: Callable[[Any], None]) -> None:
        self.db = db
        self.give_back = give_back
        self.released = False

    def __del__(self) -> None:
        if not self.released:
            self.released = True
            self.give_back(self.db)


class Database:
    def __init__(
        self, path: str | Path, *, synchronous: str = "NORMAL", timeout: float = 10.0
    ) -> None:
        self.timeout = timeout  # seconds to wait for the write lock before giving up
        self.path = str(path)
        self.synchronous = synchronous
        self._local = threading.local()
        # Writers queue on a thread lock and then on an flock of a file beside the database
        # rather than in SQLite's busy handler, which sleeps in growing steps and would add
        # tens of milliseconds under load; the kernel wakes the next writer at once, also in
        # another server process. BEGIN IMMEDIATE stays the guarantee; these only order turns.
        self._write_lock = threading.Lock()
        self._lock_fd: int | None = None
        # Connections of finished threads wait here for the next thread: servers that start a
        # thread per connection (Werkzeug) would otherwise open, and leak, one per request.
        self._idle: list[sqlite_utils.Database] = []
        self._idle_lock = threading.Lock()

    # -- connections -------------------------------------------------------------------------
    @property
    def db(self) -> sqlite_utils.Database:
        lease = getattr(self._local, "lease", None)
        if lease is None:
            with self._idle_lock:
                db = self._idle.pop() if self._idle else None
            if db is None:
                db = sqlite_utils.Database(self._connect())
            lease = self._local.lease = _Lease(db, self._give_back)
        return lease.db

    def release(self) -> None:
        """Hand this thread's connection back to the pool (end of a request or event), so a
        thread that lives long (a websocket's) does not sit on a connection and its cache."""
        lease = getattr(self._local, "lease", None)
        if lease is not None:
            self._local.lease = None
            lease.released = True
            self._give_back(lease.db)

    def _give_back(self, db: sqlite_utils.Database) -> None:
        if db.conn.in_transaction:  # never hand over a half-done transaction
            db.conn.close()
            return
        with self._idle_lock:
            self._idle.append(db)

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    def _connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(
                self.path, isolation_level=None, check_same_thread=False, timeout=self.timeout
            )
            # Short: waits for the write lock happen in _begin, in steps that let others run.
            conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute(f"PRAGMA synchronous = {self.synchronous}")
        except sqlite3.Error as e:
            raise StoreError(f"cannot open database {self.path}: {e}") from None
        return conn

    def close(self) -> None:
        lease = getattr(self._local, "lease", None)
        if lease is not None:
            lease.released = True
            lease.db.conn.close()
            self._local.lease = None
        with self._idle_lock:
            for db in self._idle:
                db.conn.close()
            self._idle.clear()

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction that takes the write lock at once (BEGIN IMMEDIATE). The
        repositories' writes run in it (they use this thread's connection)."""
        conn = self.conn
        with self._write_lock, self._file_lock():
            self._begin(conn)
            try:
                yield conn
                conn.execute("COMMIT")
            except sqlite3.OperationalError as e:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise StoreError(f"write failed: {e}") from None
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    def _begin(self, conn: sqlite3.Connection) -> None:
        """BEGIN IMMEDIATE. A writer outside Dorak's file lock (a sqlite3 shell, a tool) may hold
        SQLite's lock: wait for it here in short sleeps, which gevent turns into waits on its
        loop, rather than in SQLite's busy handler, which would stop every connection."""
        deadline = time.monotonic() + self.timeout
        pause = 0.002
        while True:
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as e:
                if "locked" not in str(e) or time.monotonic() > deadline:
                    raise StoreError(f"database unavailable: {e}") from None
            time.sleep(pause)
            pause = min(pause * 2, 0.025)

    @contextmanager
    def _file_lock(self) -> Iterator[None]:
        if self._lock_fd is None:
            try:
                self._lock_fd = os.open(self.path + ".lock", os.O_RDWR | os.O_CREAT, 0o600)
            except OSError:
                self._lock_fd = -1  # read-only folder: SQLite's own locking still holds
        if self._lock_fd < 0:
            yield
            return
        try:
            fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._wait_for_file_lock(self._lock_fd)
        try:
            yield
        finally:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)

    def _wait_for_file_lock(self, fd: int) -> None:
        """Another process writes: poll in short steps, and give up after the timeout rather
        than hang a kiosk forever behind a stuck process."""
        deadline = time.monotonic() + self.timeout
        pause = 0.0005
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise StoreError("database unavailable: locked by another process") from None
                time.sleep(pause)
                pause = min(pause * 2, 0.004)

    def migrate(self) -> int:
        """Bring the schema up to date; returns the schema version."""
        try:
            self.conn.execute("PRAGMA journal_mode = WAL")
            with self.write() as conn:
                conn.execute("CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY)")
                done = {r[0] for r in conn.execute("SELECT version FROM migrations")}
                stamped = conn.execute("PRAGMA user_version").fetchone()[0]
                newest = max([stamped, *done])
                if newest > len(MIGRATIONS):  # its tables mean things this code does not know
                    raise StoreError(
                        f"the database {self.path} was written by a newer Dorak (schema "
                        f"{newest}; this one knows up to {len(MIGRATIONS)}): upgrade Dorak, "
                        "or restore a backup made by this version (dorak restore --from FILE)"
                    )
                for version, step in enumerate(MIGRATIONS, 1):
                    if version not in done:
                        step(self.db)
                        conn.execute("INSERT INTO migrations (version) VALUES (?)", (version,))
                conn.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")
        except sqlite3.Error as e:
            raise StoreError(f"cannot prepare database {self.path}: {e}") from None
        return len(MIGRATIONS)

    # -- plain reads, for the store's own modules, tests and scripts -------------------------
    def one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        cur = self.conn.execute(sql, params)
        row = cur.fetchone()
        if row is None:
            return None
        return dict(zip([c[0] for c in cur.description], row, strict=True))

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        cur = self.conn.execute(sql, params)
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]

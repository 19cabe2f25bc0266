"""The SQLite store: schema, migrations, connections and the SQL every use case needs.

One connection per thread, WAL journal, explicit `BEGIN IMMEDIATE` for every write so that a read
that decides a write (the next number, the next ticket) holds the write lock from the start. That
makes numbering and calling safe across threads *and* across server processes on the same file.
"""

from __future__ import annotations

import fcntl
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlite_utils


class StoreError(Exception):
    """The database cannot be used (locked, read-only, missing folder, disk full)."""


Row = dict[str, Any]
BUSY_MS = 5  # the longest SQLite itself may block a statement (and a gevent loop) on a lock


def _m1_initial(db: sqlite_utils.Database) -> None:
    db["day_counters"].create({"service": str, "day": str, "last": int}, pk=("service", "day"))
    db["tickets"].create(
        {
            "id": int,
            "token": str,
            "visit_id": int,
            "service": str,
            "day": str,
            "seq": int,
            "number": str,
            "priority": str,
            "lang": str,
            "status": str,
            "issued_at": float,
            "queued_at": float,
            "called_at": float,
            "started_at": float,
            "finished_at": float,
            "window": int,
            "clerk": str,
            "outcome": str,
            "note": str,
            "file_ref": str,
            "recalls": int,
            "transferred_from": int,
            "ahead_at_issue": int,
            "estimated_wait_s": int,
        },
        pk="id",
        not_null={"token", "service", "day", "number", "status", "issued_at", "queued_at"},
        defaults={"recalls": 0, "lang": "ar"},
    )
    # Safety net under the numbering transaction: one number per service and day, ever.
    db["tickets"].create_index(["service", "day", "seq"], unique=True)
    db["tickets"].create_index(["token"])
    db["tickets"].create_index(["status", "service"])
    db["tickets"].create_index(["window", "status"])
    db["tickets"].create_index(["service", "finished_at"])
    db["events"].create(
        {
            "id": int,
            "ticket_id": int,
            "kind": str,
            "at": float,
            "window": int,
            "clerk": str,
            "details": str,
        },
        pk="id",
        not_null={"kind", "at"},
        foreign_keys=[("ticket_id", "tickets")],
    )
    db["events"].create_index(["ticket_id"])
    db["events"].create_index(["at"])
    db["windows"].create(
        {"number": int, "status": str, "reason": str, "since": float, "clerk": str}, pk="number"
    )
    db["service_state"].create({"code": str, "open": int, "since": float}, pk="code")
    db["users"].create(
        {
            "id": int,
            "username": str,
            "name": str,
            "role": str,
            "window": int,
            "password_hash": str,
            "active": int,
            "created_at": float,
        },
        pk="id",
        not_null={"username", "role", "password_hash"},
        defaults={"active": 1},
    )
    db["users"].create_index(["username"], unique=True)
    db["tokens"].create(
        {
            "id": int,
            "token_hash": str,
            "role": str,
            "window": int,
            "label": str,
            "created_at": float,
            "revoked_at": float,
            "last_used_at": float,
        },
        pk="id",
        not_null={"token_hash", "role"},
    )
    db["tokens"].create_index(["token_hash"], unique=True)


def _m2_line_index(db: sqlite_utils.Database) -> None:
    # "People ahead" counts walk this index instead of the table.
    db["tickets"].create_index(
        ["status", "service", "priority", "queued_at", "id"], index_name="idx_tickets_line"
    )


def _m3_settings(db: sqlite_utils.Database) -> None:
    # Small live settings (the lobby notice line, ...), JSON values.
    db["settings"].create({"key": str, "value": str, "updated_at": float}, pk="key")


def _m4_request_keys(db: sqlite_utils.Database) -> None:
    # Idempotent issuing: a kiosk's retry of a request it never saw answered.
    db["tickets"].add_column("request_key", str)
    db.execute(
        "CREATE UNIQUE INDEX idx_tickets_request_key ON tickets (request_key) "
        "WHERE request_key IS NOT NULL"
    )


def _m5_audit(db: sqlite_utils.Database) -> None:
    # Who did what among admins and supervisors (and the command line).
    db["audit"].create(
        {"id": int, "at": float, "who": str, "role": str, "action": str, "details": str},
        pk="id",
        not_null={"at", "who", "action"},
    )
    db["audit"].create_index(["at"])


def _m6_last_call(db: sqlite_utils.Database) -> None:
    # called_at is the first call (figures); last_called_at orders the lobby's recent calls.
    db["tickets"].add_column("last_called_at", float)
    db.execute("UPDATE tickets SET last_called_at = called_at")
    db["tickets"].create_index(["last_called_at"])


def _m7_day_index(db: sqlite_utils.Database) -> None:
    db["tickets"].create_index(["day"])  # reports read a period by local day


def _m8_ratings(db: sqlite_utils.Database) -> None:
    # A citizen's rating of a finished visit, once per ticket entry.
    db["ratings"].create(
        {"ticket_id": int, "stars": int, "comment": str, "at": float},
        pk="ticket_id",
        foreign_keys=[("ticket_id", "tickets")],
    )


def _m9_called_index(db: sqlite_utils.Database) -> None:
    db["tickets"].create_index(["called_at"])  # the observed pace reads the last half hour


_LINE_JOIN = (
    "INSERT INTO line_counts (service, priority, waiting) "
    "VALUES (NEW.service, NEW.priority IS NOT NULL, 1) "
    "ON CONFLICT (service, priority) DO UPDATE SET waiting = waiting + 1;"
)
_LINE_LEAVE = (
    "UPDATE line_counts SET waiting = waiting - 1 "
    "WHERE service = OLD.service AND priority = (OLD.priority IS NOT NULL);"
)


def _m10_line_counts(db: sqlite_utils.Database) -> None:
    # How many wait in each service and class, kept by the database itself in the same
    # transaction as every change: "people ahead" of a new ticket and the lobby's counts then
    # cost the same with 5 or 5,000 waiting, in every process that shares the file. A later
    # migration that rebuilds `tickets` (sqlite-utils' transform) must create these again.
    db.execute(
        "CREATE TABLE line_counts (service TEXT NOT NULL, priority INTEGER NOT NULL, "
        "waiting INTEGER NOT NULL, PRIMARY KEY (service, priority))"
    )
    db.execute(
        "INSERT INTO line_counts SELECT service, priority IS NOT NULL, count(*) FROM tickets "
        "WHERE status = 'waiting' GROUP BY 1, 2"
    )
    watched = "status, service, priority"
    for sql in (
        f"CREATE TRIGGER line_insert AFTER INSERT ON tickets WHEN NEW.status = 'waiting' "
        f"BEGIN {_LINE_JOIN} END",
        f"CREATE TRIGGER line_delete AFTER DELETE ON tickets WHEN OLD.status = 'waiting' "
        f"BEGIN {_LINE_LEAVE} END",
        f"CREATE TRIGGER line_leave AFTER UPDATE OF {watched} ON tickets "
        f"WHEN OLD.status = 'waiting' BEGIN {_LINE_LEAVE} END",
        f"CREATE TRIGGER line_join AFTER UPDATE OF {watched} ON tickets "
        f"WHEN NEW.status = 'waiting' BEGIN {_LINE_JOIN} END",
    ):
        db.execute(sql)


def _m11_session_versions(db: sqlite_utils.Database) -> None:
    # A session is valid while its version is the user's: sign-out, a new password or
    # deactivation moves the version on and so ends every copy of every session cookie.
    db["users"].add_column("session_version", int, not_null_default=0)


def _m12_print_jobs(db: sqlite_utils.Database) -> None:
    # A print job is written with its ticket and closed once printed (dorak/print_jobs.py):
    # what a killed server left unprinted is found at the next start.
    db.execute(
        "CREATE TABLE print_jobs (id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL "
        "REFERENCES tickets(id), track_url TEXT NOT NULL, queued_at REAL NOT NULL, "
        "owner TEXT NOT NULL, done_at REAL, outcome TEXT)"
    )
    db.execute("CREATE INDEX idx_print_jobs_open ON print_jobs (owner) WHERE done_at IS NULL")


def _m13_window_staff(db: sqlite_utils.Database) -> None:
    # Who is signed in at each window and their last heartbeat (see domain/staffing.py).
    db["window_staff"].create(
        {"number": int, "clerk": str, "via": str, "since": float, "seen_at": float},
        pk="number",
        not_null={"clerk", "via", "since", "seen_at"},
    )


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _m1_initial,
    _m2_line_index,
    _m3_settings,
    _m4_request_keys,
    _m5_audit,
    _m6_last_call,
    _m7_day_index,
    _m8_ratings,
    _m9_called_index,
    _m10_line_counts,
    _m11_session_versions,
    _m12_print_jobs,
    _m13_window_staff,
]


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


class Store:
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
        """One write transaction that takes the write lock at once (BEGIN IMMEDIATE)."""
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

    # -- reads -------------------------------------------------------------------------------
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

    def ticket(self, ticket_id: int) -> Row | None:
        return self.one("SELECT * FROM tickets WHERE id = ?", (ticket_id,))

    def ticket_by_token(self, token: str) -> Row | None:
        """The current entry of a visit (a transfer adds entries that share the token)."""
        return self.one("SELECT * FROM tickets WHERE token = ? ORDER BY id DESC LIMIT 1", (token,))

    def at_window(self, window: int) -> Row | None:
        return self.one(
            "SELECT * FROM tickets WHERE window = ? AND status IN ('called','serving')"
            " ORDER BY id DESC LIMIT 1",
            (window,),
        )

    def waiting(self, services: Sequence[str]) -> list[Row]:
        marks = ",".join("?" * len(services))
        return self.all(
            f"SELECT id, number, service, priority, queued_at FROM tickets "
            f"WHERE status = 'waiting' AND service IN ({marks})",
            list(services),
        )

    def waiting_counts(self) -> dict[str, int]:
        rows = self.conn.execute(
            "SELECT service, sum(waiting) FROM line_counts GROUP BY service HAVING sum(waiting) > 0"
        )
        return dict(rows.fetchall())

    def line_count(self, service: str, priority: bool) -> int:
        """Tickets waiting in one service and class (priority or normal)."""
        row = self.conn.execute(
            "SELECT waiting FROM line_counts WHERE service = ? AND priority = ?",
            (service, int(priority)),
        ).fetchone()
        return int(row[0]) if row else 0

    def recent_service_times(
        self, services: Sequence[str], limit: int = 20
    ) -> dict[str, list[float]]:
        """The last `limit` service durations of each service, in one query (each part walks
        the (service, finished_at) index backwards, so history size does not matter)."""
        if not services:
            return {}
        part = (
            "SELECT * FROM (SELECT service, finished_at - started_at FROM tickets "
            "WHERE service = ? AND finished_at IS NOT NULL AND status = 'done' "
            "AND started_at IS NOT NULL "
            "ORDER BY finished_at DESC LIMIT ?)"
        )
        sql = " UNION ALL ".join([part] * len(services))
        params: list[Any] = []
        for s in services:
            params += [s, limit]
        out: dict[str, list[float]] = {}
        for service, seconds in self.conn.execute(sql, params):
            out.setdefault(service, []).append(seconds)
        return out

    def window_states(self) -> dict[int, Row]:
        return {r["number"]: r for r in self.all("SELECT * FROM windows")}

    def window_staff(self) -> dict[int, Row]:
        return {r["number"]: r for r in self.all("SELECT * FROM window_staff")}

    def closed_services(self) -> set[str]:
        rows = self.conn.execute("SELECT code FROM service_state WHERE open = 0")
        return {r[0] for r in rows.fetchall()}

    def events_of(self, ticket_id: int) -> list[Row]:
        rows = self.all("SELECT * FROM events WHERE ticket_id = ? ORDER BY id", (ticket_id,))
        for r in rows:
            r["details"] = json.loads(r["details"]) if r["details"] else {}
        return rows

    def audit(
        self, who: str, role: str, action: str, details: Row | None = None, at: float | None = None
    ) -> None:
        with self.write() as conn:
            conn.execute(
                "INSERT INTO audit (at, who, role, action, details) VALUES (?, ?, ?, ?, ?)",
                (
                    at if at is not None else time.time(),
                    who,
                    role,
                    action,
                    json.dumps(details, ensure_ascii=False) if details else None,
                ),
            )

    def audit_log(self, limit: int = 200) -> list[Row]:
        rows = self.all("SELECT * FROM audit ORDER BY id DESC LIMIT ?", (limit,))
        for r in rows:
            r["details"] = json.loads(r["details"]) if r["details"] else {}
        return rows

    def setting(self, key: str, default: Any = None) -> Any:
        row = self.one("SELECT value FROM settings WHERE key = ?", (key,))
        return json.loads(row["value"]) if row else default

    # -- writes (call inside `write()`) ------------------------------------------------------
    @staticmethod
    def allocate_seq(conn: sqlite3.Connection, service: str, day: str) -> int:
        row = conn.execute(
            "INSERT INTO day_counters (service, day, last) VALUES (?, ?, 1) "
            "ON CONFLICT (service, day) DO UPDATE SET last = last + 1 RETURNING last",
            (service, day),
        ).fetchone()
        return int(row[0])

    @staticmethod
    def insert(conn: sqlite3.Connection, table: str, values: Row) -> int:
        cols = ", ".join(f"[{c}]" for c in values)
        marks = ", ".join("?" * len(values))
        cur = conn.execute(
            f"INSERT INTO [{table}] ({cols}) VALUES ({marks})", list(values.values())
        )
        return int(cur.lastrowid or 0)

    @staticmethod
    def update(conn: sqlite3.Connection, table: str, key: str, key_value: Any, values: Row) -> None:
        sets = ", ".join(f"[{c}] = ?" for c in values)
        conn.execute(
            f"UPDATE [{table}] SET {sets} WHERE [{key}] = ?", [*values.values(), key_value]
        )

    @staticmethod
    def add_event(
        conn: sqlite3.Connection,
        ticket_id: int | None,
        kind: str,
        at: float,
        window: int | None = None,
        clerk: str | None = None,
        details: Row | None = None,
    ) -> None:
        conn.execute(
            "INSERT INTO events (ticket_id, kind, at, window, clerk, details) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                ticket_id,
                kind,
                at,
                window,
                clerk,
                json.dumps(details, ensure_ascii=False) if details else None,
            ),
        )

    @staticmethod
    def set_setting(conn: sqlite3.Connection, key: str, value: Any, at: float) -> None:
        conn.execute(
            "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) "
            "DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            (key, json.dumps(value, ensure_ascii=False), at),
        )

    @staticmethod
    def set_window(
        conn: sqlite3.Connection,
        number: int,
        status: str,
        reason: str | None,
        since: float,
        clerk: str | None,
    ) -> None:
        conn.execute(
            "INSERT INTO windows (number, status, reason, since, clerk) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (number) DO UPDATE SET status = excluded.status, "
            "reason = excluded.reason, since = excluded.since, clerk = excluded.clerk",
            (number, status, reason, since, clerk),
        )

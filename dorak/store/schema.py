"""The schema: numbered migrations, each run once, in order, inside one write transaction.
A database stamped with a higher number (a newer Dorak) is refused at start."""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils


def _m1_initial(db: sqlite_utils.Database) -> None:
    db.table("day_counters").create(
        {"service": str, "day": str, "last": int}, pk=("service", "day")
    )
    db.table("tickets").create(
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
    db.table("tickets").create_index(["service", "day", "seq"], unique=True)
    db.table("tickets").create_index(["token"])
    db.table("tickets").create_index(["status", "service"])
    db.table("tickets").create_index(["window", "status"])
    db.table("tickets").create_index(["service", "finished_at"])
    db.table("events").create(
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
    db.table("events").create_index(["ticket_id"])
    db.table("events").create_index(["at"])
    db.table("windows").create(
        {"number": int, "status": str, "reason": str, "since": float, "clerk": str}, pk="number"
    )
    db.table("service_state").create({"code": str, "open": int, "since": float}, pk="code")
    db.table("users").create(
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
    db.table("users").create_index(["username"], unique=True)
    db.table("tokens").create(
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
    db.table("tokens").create_index(["token_hash"], unique=True)


def _m2_line_index(db: sqlite_utils.Database) -> None:
    # "People ahead" counts walk this index instead of the table.
    db.table("tickets").create_index(
        ["status", "service", "priority", "queued_at", "id"], index_name="idx_tickets_line"
    )


def _m3_settings(db: sqlite_utils.Database) -> None:
    # Small live settings (the lobby notice line, ...), JSON values.
    db.table("settings").create({"key": str, "value": str, "updated_at": float}, pk="key")


def _m4_request_keys(db: sqlite_utils.Database) -> None:
    # Idempotent issuing: a kiosk's retry of a request it never saw answered.
    db.table("tickets").add_column("request_key", str)
    db.execute(
        "CREATE UNIQUE INDEX idx_tickets_request_key ON tickets (request_key) "
        "WHERE request_key IS NOT NULL"
    )


def _m5_audit(db: sqlite_utils.Database) -> None:
    # Who did what among admins and supervisors (and the command line).
    db.table("audit").create(
        {"id": int, "at": float, "who": str, "role": str, "action": str, "details": str},
        pk="id",
        not_null={"at", "who", "action"},
    )
    db.table("audit").create_index(["at"])


def _m6_last_call(db: sqlite_utils.Database) -> None:
    # called_at is the first call (figures); last_called_at orders the lobby's recent calls.
    db.table("tickets").add_column("last_called_at", float)
    db.execute("UPDATE tickets SET last_called_at = called_at")
    db.table("tickets").create_index(["last_called_at"])


def _m7_day_index(db: sqlite_utils.Database) -> None:
    db.table("tickets").create_index(["day"])  # reports read a period by local day


def _m8_ratings(db: sqlite_utils.Database) -> None:
    # A citizen's rating of a finished visit, once per ticket entry.
    db.table("ratings").create(
        {"ticket_id": int, "stars": int, "comment": str, "at": float},
        pk="ticket_id",
        foreign_keys=[("ticket_id", "tickets")],
    )


def _m9_called_index(db: sqlite_utils.Database) -> None:
    db.table("tickets").create_index(["called_at"])  # the observed pace reads the last half hour


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
    db.table("users").add_column("session_version", int, not_null_default=0)


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
    db.table("window_staff").create(
        {"number": int, "clerk": str, "via": str, "since": float, "seen_at": float},
        pk="number",
        not_null={"clerk", "via", "since", "seen_at"},
    )


def _m14_one_log(db: sqlite_utils.Database) -> None:
    # The citizen's id is the tracking id everywhere (tokens are devices' credentials).
    db.execute("ALTER TABLE tickets RENAME COLUMN token TO tracking_id")
    db.execute("DROP INDEX IF EXISTS idx_tickets_token")
    db.execute("CREATE INDEX idx_tickets_tracking_id ON tickets (tracking_id)")
    # The event log describes itself (what the governorate hub syncs): a ticket's entries carry
    # its number, service and day, and the issued/queued entries all a ticket starts with, so
    # the tickets table can be rebuilt from the log alone (tests/store/test_event_log.py).
    for column in ("number", "service", "day"):
        db.execute(f"ALTER TABLE events ADD COLUMN {column} TEXT")
    db.execute(
        "UPDATE events SET number = t.number, service = t.service, day = t.day "
        "FROM tickets t WHERE t.id = events.ticket_id"
    )
    db.execute(
        "UPDATE events SET details = json_set(coalesce(details, '{}'), "
        "'$.tracking_id', t.tracking_id, '$.seq', t.seq, '$.priority', t.priority, "
        "'$.lang', t.lang, '$.request_key', t.request_key) "
        "FROM tickets t WHERE t.id = events.ticket_id AND events.kind = 'issued'"
    )
    db.execute(
        "UPDATE events SET details = json_set(coalesce(details, '{}'), "
        "'$.tracking_id', t.tracking_id, '$.visit_id', t.visit_id, "
        "'$.from_ticket', t.transferred_from, '$.priority', t.priority, '$.lang', t.lang, "
        "'$.issued_at', t.issued_at, '$.note', t.note, '$.file_ref', t.file_ref) "
        "FROM tickets t WHERE t.id = events.ticket_id AND events.kind = 'queued'"
    )
    db.execute("CREATE INDEX idx_events_kind ON events (kind, at)")
    # Append-only: ids only grow (no row is ever deleted, so SQLite never reuses one).
    for what in ("UPDATE", "DELETE"):
        db.execute(
            f"CREATE TRIGGER events_append_only_{what.lower()} BEFORE {what} ON events "
            "BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END"
        )


def _m15_i16_case_files(db: sqlite_utils.Database) -> None:
    # Case files across visits (dorak/store/case_files.py): the file and each visit attached
    # to it, projections of the file_attached / file_moved entries of the event log.
    db.execute(
        "CREATE TABLE case_files (id INTEGER PRIMARY KEY, file_type TEXT NOT NULL, "
        "number TEXT NOT NULL, service TEXT NOT NULL, status TEXT NOT NULL, "
        "opened_at REAL NOT NULL, opened_day TEXT NOT NULL, updated_at REAL NOT NULL)"
    )
    db.execute("CREATE UNIQUE INDEX idx_case_files_number ON case_files (file_type, number)")
    db.execute("CREATE INDEX idx_case_files_opened ON case_files (opened_day)")
    db.execute(
        "CREATE TABLE case_file_visits (id INTEGER PRIMARY KEY, "
        "file_id INTEGER NOT NULL REFERENCES case_files(id), "
        "ticket_id INTEGER NOT NULL REFERENCES tickets(id), attached_at REAL NOT NULL, "
        "day TEXT NOT NULL, window INTEGER, clerk TEXT, finished_at REAL, outcome TEXT, "
        "status_before TEXT, status_after TEXT, note TEXT, next_step TEXT)"
    )
    # One file per ticket entry (attaching another number replaces an unfinished link).
    db.execute("CREATE UNIQUE INDEX idx_case_file_visits_ticket ON case_file_visits (ticket_id)")
    db.execute("CREATE INDEX idx_case_file_visits_file ON case_file_visits (file_id, id)")
    db.execute("CREATE INDEX idx_case_file_visits_day ON case_file_visits (day)")


def _m16_i16_remarks(db: sqlite_utils.Database) -> None:
    # Citizens' remarks (dorak/store/remarks.py), the projection of the remark_* log entries.
    db.execute(
        "CREATE TABLE remarks (id INTEGER PRIMARY KEY, at REAL NOT NULL, day TEXT NOT NULL, "
        "source TEXT NOT NULL, category TEXT NOT NULL, text TEXT NOT NULL, "
        "status TEXT NOT NULL, ticket_id INTEGER REFERENCES tickets(id), tracking_id TEXT, "
        "number TEXT, service TEXT, window INTEGER, answer TEXT, answered_at REAL, "
        "answered_by TEXT, closed_at REAL, closed_by TEXT)"
    )
    db.execute("CREATE INDEX idx_remarks_day ON remarks (day)")
    db.execute("CREATE INDEX idx_remarks_tracking ON remarks (tracking_id)")
    db.execute("CREATE INDEX idx_remarks_open ON remarks (status, id)")


def _m17_i14_report_days(db: sqlite_utils.Database) -> None:
    # Per-day rollups of the report figures (dorak/store/rollups.py): a closed day's cells,
    # built by the first report that reads the day, dropped in the same transaction as any
    # change to one of that day's entries.
    counts = ", ".join(
        f"{name} INTEGER NOT NULL"
        for name in ("issued", "tickets", "transferred_in", "called", "served", "completed",
                     "no_shows", "transfers", "cancelled", "expired", "open", "ratings",
                     "rating_sum")
    )  # fmt: skip
    db.execute(
        "CREATE TABLE report_days (day TEXT NOT NULL, grouping TEXT NOT NULL, key TEXT NOT NULL, "
        "service TEXT NOT NULL, waits BLOB NOT NULL, walks BLOB NOT NULL, services BLOB NOT NULL, "
        f"{counts}, PRIMARY KEY (grouping, day, key, service)) WITHOUT ROWID"
    )
    db.execute("CREATE TABLE report_days_built (day TEXT PRIMARY KEY) WITHOUT ROWID")


def _m18_i14_estimated_range(db: sqlite_utils.Database) -> None:
    # The 80 % range told with the estimated wait (printed, shown): "about 20 min (15-30)".
    db.table("tickets").add_column("estimated_low_s", int)
    db.table("tickets").add_column("estimated_high_s", int)


def _m19_i14_issued_index(db: sqlite_utils.Database) -> None:
    # The wait estimate reads the pace of arrivals of the last half hour.
    db.table("tickets").create_index(["issued_at"], index_name="idx_tickets_issued_at")


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
    _m14_one_log,
    _m15_i16_case_files,
    _m16_i16_remarks,
    _m17_i14_report_days,
    _m18_i14_estimated_range,
    _m19_i14_issued_index,
]

"""The use cases of the queue: issue a ticket, and everything a window does with one.

Each write runs in one `BEGIN IMMEDIATE` transaction; decisions come from `dorak.domain`; each
method returns the ticket row it acted on and the events to publish once the commit is done.
"""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from .domain import errors, estimate, policy
from .domain.lifecycle import next_status
from .domain.model import Action, Center, Outcome, Status, WindowStatus
from .domain.numbering import format_number
from .domain.staffing import DEFAULT_TIMEOUT_S, WindowState
from .events import (
    Event,
    NoticeChanged,
    QueueChanged,
    TicketCalled,
    TicketIssued,
    TicketUpdated,
    WindowUpdated,
)
from .staff import Roster
from .store import Row, Store
from .workday import expire_earlier_days

Clock = Callable[[], datetime]
PACE_SPAN_S = 30 * 60  # how far back the observed pace of calls looks
Result = tuple[Row | None, list[Event]]


def system_clock() -> datetime:
    return datetime.now(UTC)


class Operations:
    def __init__(
        self,
        store: Store,
        center: Callable[[], Center],
        clock: Clock = system_clock,
        new_token: Callable[[], str] = lambda: secrets.token_urlsafe(16),
        staff_timeout_s: float = DEFAULT_TIMEOUT_S,
    ) -> None:
        self.store = store
        self._center = center
        self.clock = clock
        self.new_token = new_token
        self.roster = Roster(store, clock, staff_timeout_s)
        self._day_started: str | None = None  # the working day this process has swept

    @property
    def center(self) -> Center:
        return self._center()

    # -- checks ------------------------------------------------------------------------------
    def _queue_service(self, code: str) -> Any:
        service = self.center.service(code)
        if service is None:
            raise errors.UnknownService(service=code)
        if self.center.is_group(code):
            raise errors.ServiceIsGroup(service=code)
        return service

    def _window(self, number: int) -> Any:
        window = self.center.window(number)
        if window is None:
            raise errors.UnknownWindow(window=number)
        return window

    # -- estimates ---------------------------------------------------------------------------
    def _targets(self) -> dict[str, float]:
        return {s.code: s.target_wait_min * 60 for s in self.center.services}

    def open_windows(self, states: dict[int, Row] | None = None) -> set[int]:
        """Windows that call tickets now: a clerk signed in, not paused."""
        return self.roster.open_windows(self.center, states)

    def _open_window_weights(self, states: dict[int, Row] | None = None) -> list[dict[str, float]]:
        working = self.open_windows(states)
        return [dict(w.services) for w in self.center.windows if w.number in working]

    def pace(
        self,
        codes: list[str] | None = None,
        observed: bool = True,
        states: dict[int, Row] | None = None,
    ) -> dict[str, float]:
        """Expected seconds between two calls, per queue service, from recent service times
        and the open windows (two queries, whatever the number of services)."""
        center = self.center
        codes = codes if codes is not None else [s.code for s in center.services if s.prefix]
        recent = self.store.recent_service_times(codes)
        open_windows = self._open_window_weights(states)
        since = self.clock().timestamp() - PACE_SPAN_S
        calls = dict(
            self.store.conn.execute(
                # Named, or the planner walks the whole day in service order for the GROUP BY.
                "SELECT service, count(*) FROM tickets INDEXED BY idx_tickets_called_at "
                "WHERE called_at >= ? GROUP BY service",
                (since,),
            ).fetchall()
        )
        out = {}
        for code in codes:
            service = self._queue_service(code)
            typical = estimate.typical_service_time(
                recent.get(code, []), service.expected_service_min * 60
            )
            capacity = estimate.window_capacity(code, open_windows)
            model = estimate.seconds_per_call(typical, capacity)
            seen = calls.get(code, 0) if observed else 0
            out[code] = estimate.blend_pace(model, seen, PACE_SPAN_S)
        return out

    def idle_capacity(
        self, code: str, states: dict[int, Row] | None = None, free: set[int] | None = None
    ) -> float:
        """Staffed windows serving `code` with nobody at them now, by weight share."""
        free = self.free_windows(states) if free is None else free
        return estimate.window_capacity(
            code, [dict(w.services) for w in self.center.windows_serving(code) if w.number in free]
        )

    def free_windows(self, states: dict[int, Row] | None = None) -> set[int]:
        """Staffed, unpaused windows with nobody at them now."""
        busy = {
            r[0]
            for r in self.store.conn.execute(
                "SELECT DISTINCT window FROM tickets WHERE status IN ('called', 'serving')"
            )
        }
        return self.open_windows(states) - busy

    def next_ticket_waits(self, states: dict[int, Row] | None = None) -> dict[str, int]:
        """The wait a new ticket (no priority) of each service would be given now: what the
        kiosk button shows is what that ticket then prints (the same people ahead, pace and
        free windows as `issue` uses), for every service in a few queries."""
        states = self.store.window_states() if states is None else states
        pace = self.pace(states=states)
        counts = self.store.waiting_counts()
        free = self.free_windows(states)
        return {
            code: estimate.estimate_wait(
                counts.get(code, 0), seconds, self.idle_capacity(code, states, free)
            )
            for code, seconds in pace.items()
        }

    def issuing_now(self, code: str, staffed: set[int] | None = None) -> tuple[bool, Any]:
        """Whether a kiosk may issue a ticket of `code` now: (True, None), or (False, the
        domain error saying why: outside hours, with when it opens, or no staffed window)."""
        now = self.clock()
        hours = self.center.hours_for(code)
        local = now.astimezone(ZoneInfo(self.center.timezone))
        if not hours.issuing(local):
            opens = hours.next_issuing(local)
            return False, errors.OutsideHours(
                service=code, opens_at=opens.isoformat(timespec="minutes") if opens else None
            )
        # A paused window's clerk is back soon: its tickets will be called.
        staffed = self.staffed_windows() if staffed is None else staffed
        if not any(w.number in staffed for w in self.center.windows_serving(code)):
            return False, errors.NoStaffedWindow(service=code)
        return True, None

    def staffed_windows(self) -> set[int]:
        """Windows with a clerk signed in, paused or not."""
        return {n for n, s in self.roster.states(self.center).items() if s != WindowState.UNSTAFFED}

    def seconds_per_person(self, code: str) -> float:
        return self.pace([code])[code]

    def ahead_of(self, row: Row) -> int:
        """Waiting tickets of the same service that come before this one: all priority
        tickets before a normal one, then those of its class that joined the queue earlier."""
        if row["status"] != Status.WAITING:
            return 0
        store, code = self.store, row["service"]
        normal = row["priority"] is None
        # Its class's kept count less those from it to the back: that walks only the tickets
        # behind it, none for a new ticket, whatever the length of the line.
        behind = store.conn.execute(
            "SELECT count(*) FROM tickets WHERE status = 'waiting' AND service = ? "
            f"AND priority IS {'' if normal else 'NOT '}NULL AND (queued_at, id) >= (?, ?)",
            (code, row["queued_at"], row["id"]),
        )
        ahead = store.line_count(code, not normal) - int(behind.fetchone()[0])
        return ahead + (store.line_count(code, True) if normal else 0)

    def estimated_wait(self, row: Row, ahead: int) -> int | None:
        if row["status"] != Status.WAITING:
            return None
        code = row["service"]
        states = self.store.window_states()  # read once for both figures
        return estimate.estimate_wait(
            ahead, self.pace([code], states=states)[code], self.idle_capacity(code, states)
        )

    def waiting_order(self, code: str) -> list[str]:
        """Ticket numbers of a service in the order they will be called (priority first)."""
        rows = self.store.all(
            "SELECT number FROM tickets WHERE status = 'waiting' AND service = ? "
            "ORDER BY priority IS NULL, queued_at, id",
            (code,),
        )
        return [r["number"] for r in rows]

    def notice(self) -> dict[str, str]:
        return dict(self.store.setting("notice", {"ar": "", "en": ""}))

    def set_notice(self, ar: str, en: str, by: str | None) -> Result:
        """The lobby's scrolling notice line, set by a supervisor."""
        notice = {"ar": ar.strip(), "en": en.strip()}
        at = self.clock().timestamp()
        with self.store.write() as conn:
            Store.set_setting(conn, "notice", notice, at)
            Store.add_event(conn, None, "notice_set", at, None, by, notice)
        return None, [NoticeChanged(notice)]

    def window_line(self, window: int, limit: int = 5) -> list[Row]:
        """The next tickets this window would call, in policy order."""
        config = self._window(window)
        waiting = self.store.waiting(list(config.services))
        candidates = [
            policy.Candidate(r["id"], r["service"], r["priority"] is not None, r["queued_at"])
            for r in waiting
        ]
        at = self.clock().timestamp()
        ordered = policy.order(candidates, config.services, self._targets(), at)[:limit]
        by_id = {r["id"]: r for r in waiting}
        return [by_id[c.id] for c in ordered]

    def window_today(self, window: int) -> dict[str, Any]:
        """Tickets this window finished today and their mean service time."""
        now = self.clock()
        day = self.center.day_of(now)
        row = self.store.one(
            "SELECT count(*) AS served, avg(finished_at - started_at) AS mean_s FROM tickets "
            "WHERE window = ? AND status = 'done' AND day = ?",
            (window, day),
        )
        row = row or {}
        mean = row.get("mean_s")
        return {"served": row.get("served") or 0, "mean_service_s": round(mean) if mean else None}

    # -- issuing -----------------------------------------------------------------------------
    def issue(
        self,
        code: str,
        priority: str | None = None,
        lang: str = "ar",
        request_key: str | None = None,
        anyway: bool = False,
        also: Callable[[sqlite3.Connection, int, str, float], object] | None = None,
    ) -> Result:
        """A new ticket. `request_key` makes a retry safe: the same key (a kiosk repeating a
        request whose answer it never got) returns the ticket already made, with no events.
        Outside opening hours, or with no clerk at a window serving the service, nobody would
        call it: refused unless `anyway` (a supervisor issuing by hand). `also(conn, id,
        tracking id, time)` writes more in the same transaction: the ticket's print job, so that
        a ticket is never without it."""
        service = self._queue_service(code)
        if priority is not None and self.center.priority(priority) is None:
            raise errors.UnknownPriority(priority=priority)
        day_events = self.start_day()
        now = self.clock()
        at = now.timestamp()
        day = self.center.day_of(now)
        # Outside the write lock: these only read history and the windows.
        states = self.store.window_states()
        pace = self.pace([code], states=states)[code]
        idle = self.idle_capacity(code, states)
        token = self.new_token()
        with self.store.write() as conn:
            if request_key is not None:
                done = self.store.one("SELECT * FROM tickets WHERE request_key = ?", (request_key,))
                if done is not None:
                    return done, []
            if code in self.store.closed_services():
                raise errors.ServiceClosed(service=code)
            if not anyway:
                ok, why = self.issuing_now(code)
                if not ok:
                    raise why
            seq = Store.allocate_seq(conn, code, day)
            # Not inserted yet: an id above every real one sorts it after its equals.
            provisional = {
                "id": 2**62,
                "service": code,
                "priority": priority,
                "queued_at": at,
                "status": Status.WAITING,
            }
            ahead = self.ahead_of(provisional)
            wait = estimate.estimate_wait(ahead, pace, idle)
            ticket_id = Store.insert(
                conn,
                "tickets",
                {
                    "token": token,
                    "service": code,
                    "day": day,
                    "seq": seq,
                    "number": format_number(service.prefix, seq),
                    "priority": priority,
                    "lang": lang,
                    "status": Status.WAITING,
                    "issued_at": at,
                    "queued_at": at,
                    "ahead_at_issue": ahead,
                    "estimated_wait_s": wait,
                    "request_key": request_key,
                },
            )
            conn.execute("UPDATE tickets SET visit_id = id WHERE id = ?", (ticket_id,))
            Store.add_event(
                conn, ticket_id, "issued", at, details={"ahead": ahead, "estimated_wait_s": wait}
            )
            if also is not None:
                also(conn, ticket_id, token, at)
        row = self.store.ticket(ticket_id)
        return row, [*day_events, TicketIssued(row), QueueChanged(frozenset({code}))]  # type: ignore[arg-type]

    # -- window actions ----------------------------------------------------------------------
    def _current(self, window: int) -> Row:
        row = self.store.at_window(window)
        if row is None:
            raise errors.WindowIdle(window=window)
        return row

    def _move(
        self,
        conn: sqlite3.Connection,
        row: Row,
        action: Action,
        window: int,
        clerk: str | None,
        at: float,
        fields: Row | None = None,
        details: Row | None = None,
    ) -> Status:
        status = next_status(Status(row["status"]), action)
        Store.update(conn, "tickets", "id", row["id"], {"status": status, **(fields or {})})
        Store.add_event(conn, row["id"], action.value, at, window, clerk, details)
        return status

    def _call(
        self, conn: sqlite3.Connection, window: int, clerk: str | None, row: Row, at: float
    ) -> None:
        # called_at stays the *first* call (the wait ends there, even if the ticket is returned
        # and called again); last_called_at orders the lobby's list of recent calls.
        fields = {
            "window": window,
            "clerk": clerk,
            "called_at": row["called_at"] or at,
            "last_called_at": at,
        }
        self._move(conn, row, Action.CALL, window, clerk, at, fields)

    def _ready_to_call(self, window: int) -> Any:
        config = self._window(window)
        state = self.store.window_states().get(window)
        if state and state["status"] == WindowStatus.PAUSED:
            raise errors.WindowPaused(window=window, reason=state["reason"])
        current = self.store.at_window(window)
        if current is not None:
            raise errors.WindowBusy(window=window, number=current["number"])
        return config

    def call_next(self, window: int, clerk: str | None) -> Result:
        day_events = self.start_day()
        at = self.clock().timestamp()
        with self.store.write() as conn:
            config = self._ready_to_call(window)
            waiting = self.store.waiting(list(config.services))
            candidates = [
                policy.Candidate(r["id"], r["service"], r["priority"] is not None, r["queued_at"])
                for r in waiting
            ]
            chosen = policy.pick_next(candidates, config.services, self._targets(), at)
            row = next(r for r in waiting if r["id"] == chosen.id)
            row = self.store.ticket(row["id"]) or row
            self._call(conn, window, clerk, row, at)
        row, events = self._after_call(row["id"], window, row["service"])
        return row, [*day_events, *events]

    def call(self, window: int, clerk: str | None, ref: str) -> Result:
        """Call one ticket by its number (today's waiting ticket) or its tracking id."""
        day_events = self.start_day()
        at = self.clock().timestamp()
        with self.store.write() as conn:
            config = self._ready_to_call(window)
            row = self.store.one(
                "SELECT * FROM tickets WHERE (number = ? OR token = ?) AND status = 'waiting' "
                "ORDER BY id DESC LIMIT 1",
                (ref.strip().upper(), ref.strip()),
            )
            if row is None:
                raise errors.UnknownTicket(ticket=ref)
            if row["service"] not in config.services:
                raise errors.NotServedHere(window=window, number=row["number"])
            self._call(conn, window, clerk, row, at)
        row, events = self._after_call(row["id"], window, row["service"])
        return row, [*day_events, *events]

    def _after_call(self, ticket_id: int, window: int, service: str) -> Result:
        row = self.store.ticket(ticket_id)
        return row, [
            TicketCalled(row),
            WindowUpdated(window),  # type: ignore[arg-type]
            QueueChanged(frozenset({service})),
        ]

    def _act(
        self,
        window: int,
        clerk: str | None,
        action: Action,
        fields: Callable[[Row, float], Row] | None = None,
        details: Row | None = None,
    ) -> tuple[Row, float]:
        self._window(window)
        at = self.clock().timestamp()
        with self.store.write() as conn:
            row = self._current(window)
            self._move(
                conn, row, action, window, clerk, at, fields(row, at) if fields else None, details
            )
        return self.store.ticket(row["id"]), at  # type: ignore[return-value]

    def recall(self, window: int, clerk: str | None) -> Result:
        row, _ = self._act(
            window,
            clerk,
            Action.RECALL,
            lambda r, at: {"recalls": (r["recalls"] or 0) + 1, "last_called_at": at},
        )
        return row, [TicketCalled(row, recall=True)]

    def start(self, window: int, clerk: str | None) -> Result:
        row, _ = self._act(window, clerk, Action.START, lambda r, at: {"started_at": at})
        return row, [TicketUpdated(row), WindowUpdated(window)]

    def finish(
        self,
        window: int,
        clerk: str | None,
        outcome: str,
        note: str | None = None,
        file_ref: str | None = None,
    ) -> Result:
        try:
            Outcome(outcome)
        except ValueError:
            raise errors.UnknownOutcome(outcome=outcome) from None
        row, _ = self._act(
            window,
            clerk,
            Action.FINISH,
            lambda r, at: {
                "finished_at": at,
                "outcome": outcome,
                "note": note or r["note"],
                "file_ref": file_ref or r["file_ref"],
            },
            {"outcome": outcome, "note": note, "file_ref": file_ref},
        )
        return row, [TicketUpdated(row), WindowUpdated(window)]

    def no_show(self, window: int, clerk: str | None) -> Result:
        row, _ = self._act(window, clerk, Action.NO_SHOW, lambda r, at: {"finished_at": at})
        return row, [TicketUpdated(row), WindowUpdated(window)]

    def return_to_queue(self, window: int, clerk: str | None) -> Result:
        # Back to its original place in the line: the citizen keeps the turn they waited for.
        row, _ = self._act(window, clerk, Action.RETURN, lambda r, at: {"window": None})
        return row, [
            TicketUpdated(row),
            WindowUpdated(window),
            QueueChanged(frozenset({row["service"]})),
        ]

    def transfer(
        self, window: int, clerk: str | None, code: str, note: str | None = None
    ) -> Result:
        self._queue_service(code)
        self._window(window)
        at = self.clock().timestamp()
        with self.store.write() as conn:
            old = self._current(window)
            if old["service"] == code:
                raise errors.SameService(service=code)
            self._move(
                conn,
                old,
                Action.TRANSFER,
                window,
                clerk,
                at,
                {"finished_at": at},
                {"to": code, "note": note},
            )
            new_id = Store.insert(
                conn,
                "tickets",
                {
                    "token": old["token"],
                    "visit_id": old["visit_id"],
                    "service": code,
                    "day": self.center.day_of(self.clock()),
                    "number": old["number"],
                    "priority": old["priority"],
                    "lang": old["lang"],
                    "status": Status.WAITING,
                    "issued_at": old["issued_at"],
                    "queued_at": at,
                    "transferred_from": old["id"],
                    "note": note or old["note"],
                    "file_ref": old["file_ref"],
                },
            )
            Store.add_event(
                conn, new_id, "queued", at, window, clerk, {"from": old["service"], "note": note}
            )
        new = self.store.ticket(new_id)
        return new, [
            TicketUpdated(self.store.ticket(old["id"])),  # type: ignore[arg-type]
            TicketUpdated(new),
            WindowUpdated(window),  # type: ignore[arg-type]
            QueueChanged(frozenset({code})),
        ]

    def rate(self, token: str, stars: int, comment: str | None) -> Row:
        """The citizen's rating of a finished visit: once, 1 to 5 stars."""
        row = self.store.ticket_by_token(token)
        if row is None:
            raise errors.UnknownTicket(ticket=token)
        if row["status"] != Status.DONE:
            raise errors.NotRateable(status=row["status"])
        if not 1 <= stars <= 5:
            raise errors.NotRateable(status=row["status"])
        at = self.clock().timestamp()
        with self.store.write() as conn:
            if conn.execute("SELECT 1 FROM ratings WHERE ticket_id = ?", (row["id"],)).fetchone():
                raise errors.AlreadyRated()
            Store.insert(
                conn,
                "ratings",
                {
                    "ticket_id": row["id"],
                    "stars": stars,
                    "comment": (comment or "").strip() or None,
                    "at": at,
                },
            )
            Store.add_event(conn, row["id"], "rated", at, row["window"], None, {"stars": stars})
        return {"stars": stars, "comment": comment}

    def set_service_open(self, code: str, is_open: bool, by: str | None) -> Result:
        """Open or close a service for new tickets (tickets already waiting stay in line)."""
        self._queue_service(code)
        at = self.clock().timestamp()
        with self.store.write() as conn:
            conn.execute(
                "INSERT INTO service_state (code, open, since) VALUES (?, ?, ?) ON CONFLICT "
                "(code) DO UPDATE SET open = excluded.open, since = excluded.since",
                (code, int(is_open), at),
            )
            Store.add_event(
                conn,
                None,
                "service_opened" if is_open else "service_closed",
                at,
                None,
                by,
                {"service": code},
            )
        return None, [QueueChanged(frozenset({code}))]

    def cancel(self, token: str, by: str | None) -> Result:
        at = self.clock().timestamp()
        with self.store.write() as conn:
            row = self.store.ticket_by_token(token)
            if row is None:
                raise errors.UnknownTicket(ticket=token)
            self._move(conn, row, Action.CANCEL, row["window"], by, at, {"finished_at": at})
        row = self.store.ticket(row["id"])
        events: list[Event] = [TicketUpdated(row), QueueChanged(frozenset({row["service"]}))]  # type: ignore[arg-type]
        if row and row["window"]:
            events.append(WindowUpdated(row["window"]))
        return row, events

    def pause(self, window: int, clerk: str | None, reason: str) -> Result:
        return self._set_window(window, clerk, WindowStatus.PAUSED, reason)

    def resume(self, window: int, clerk: str | None) -> Result:
        return self._set_window(window, clerk, WindowStatus.OPEN, None)

    def _set_window(
        self, window: int, clerk: str | None, status: WindowStatus, reason: str | None
    ) -> Result:
        self._window(window)
        at = self.clock().timestamp()
        with self.store.write() as conn:
            current = self.store.at_window(window)
            if status == WindowStatus.PAUSED and current is not None:
                raise errors.WindowBusy(window=window, number=current["number"])
            Store.set_window(conn, window, status, reason, at, clerk)
            Store.add_event(
                conn,
                None,
                f"window_{status.value}",
                at,
                window,
                clerk,
                {"reason": reason} if reason else None,
            )
        served = frozenset(self._window(window).services)
        return None, [WindowUpdated(window), QueueChanged(served)]

    # -- the working day and who is at the windows -------------------------------------------
    def start_day(self) -> list[Event]:
        """Once per working day (and process): expire what earlier days left waiting or called.
        Cheap to call often: it looks at the database only when the day has changed."""
        now = self.clock()
        day = self.center.day_of(now)
        if day == self._day_started:
            return []
        with self.store.write() as conn:
            rows = expire_earlier_days(conn, day, now.timestamp())
        self._day_started = day
        events: list[Event] = []
        for r in rows:
            events.append(TicketUpdated(self.store.ticket(r["id"])))  # type: ignore[arg-type]
        for window in sorted({r["window"] for r in rows if r["window"]}):
            events.append(WindowUpdated(window))
        if rows:
            events.append(QueueChanged(frozenset(r["service"] for r in rows)))
        return events

    def sign_in(self, window: int, clerk: str, via: str) -> Result:
        """A clerk signs in at a window, or the page's heartbeat says they are still there."""
        config = self._window(window)
        if not self.roster.sign_in(window, clerk, via):
            return None, []
        return None, [WindowUpdated(window), QueueChanged(frozenset(config.services))]

    def sign_out(self, window: int, clerk: str | None = None) -> Result:
        config = self._window(window)
        if not self.roster.sign_out(window, clerk):
            return None, []
        return None, [WindowUpdated(window), QueueChanged(frozenset(config.services))]

    def end_silent_sign_ins(self) -> Result:
        """Windows whose page or token stopped its heartbeat close by themselves."""
        events: list[Event] = []
        for window in self.roster.expire():
            config = self.center.window(window)
            events += [WindowUpdated(window)]
            if config is not None:
                events.append(QueueChanged(frozenset(config.services)))
        return None, events

"""What a clerk does at a window: call (the next, or one by number), recall, start, finish,
no-show, return to the line, transfer; pause and resume the window."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from ..domain import errors, policy
from ..domain.events import Event, QueueChanged, TicketCalled, TicketUpdated, WindowUpdated
from ..domain.floor import Floor, WindowRecord
from ..domain.model import Action, Outcome, Window, WindowStatus
from ..domain.roles import Principal
from ..domain.ticket import Ticket, about, transferred_entry
from .base import Result, UseCase


class WindowActions(UseCase):
    def _ready_to_call(self, window: int, floor: Floor) -> Window:
        config = self._window(window)
        state = floor.windows.get(window)
        if state is not None and state.status == WindowStatus.PAUSED:
            raise errors.WindowPaused(window=window, reason=state.reason)
        if window in floor.busy:
            current = self.store.tickets.at_window(window)
            raise errors.WindowBusy(window=window, number=current.number if current else None)
        return config

    def _called(
        self,
        chosen: Ticket,
        window: int,
        clerk: str | None,
        at: float,
        by: Principal | None,
        action: str,
        floor: Floor,
        **order: Any,
    ) -> tuple[Ticket, Floor]:
        entry = about(chosen, Action.CALL, at, window=window, clerk=clerk, **order)
        called = self._record(chosen, entry)
        self._audit(by, f"window_{action}", at, window=window, ticket=called.number, **order)
        return called, floor.called(called)

    def call_next(self, window: int, clerk: str | None, by: Principal | None = None) -> Result:
        started = time.perf_counter()
        day_events = self.start_day()
        at = self.now()
        with self.store.write():
            floor = self.floor()
            config = self._ready_to_call(window, floor)
            heads = [h for code in config.services for h in floor.heads.get(code, ())]
            targets = {s.code: s.target_wait_min * 60 for s in self.center.services}
            # Within a service the policy keeps each class in arrival order: the first of
            # each line is enough to choose from.
            chosen = policy.pick_next([h.candidate() for h in heads], config.services, targets, at)
            waiting = self.store.tickets.get(chosen.id)
            assert waiting is not None
            called, after = self._called(waiting, window, clerk, at, by, "call-next", floor)
        took = time.perf_counter() - started
        return called, [*day_events, *self._after_call(called, after, took)]

    def call(
        self,
        window: int,
        clerk: str | None,
        ref: str,
        by: Principal | None = None,
        reason: str | None = None,
    ) -> Result:
        """Call one ticket by its number (today's waiting ticket) or its tracking id. Skipping
        older tickets the window could call needs a `reason` (usecases/integrity.py)."""
        day_events = self.start_day()
        at = self.now()
        with self.store.write():
            floor = self.floor()
            config = self._ready_to_call(window, floor)
            waiting = self.store.tickets.waiting_by_ref(ref)
            if waiting is None:
                raise errors.UnknownTicket(ticket=ref)
            if waiting.service not in config.services:
                raise errors.NotServedHere(window=window, number=waiting.number)
            order = self._call_order(config, waiting, reason)
            called, after = self._called(waiting, window, clerk, at, by, "call", floor, **order)
        alerts = self._integrity_alerts(clerk, at) if order else []
        return called, [*day_events, *self._after_call(called, after), *alerts]

    @staticmethod
    def _after_call(called: Ticket, floor: Floor, took: float | None = None) -> list[Event]:
        assert called.window is not None
        return [
            TicketCalled(called, floor=floor, took_s=took),
            WindowUpdated(called.window, floor),
            QueueChanged(frozenset({called.service}), floor),
        ]

    def _act(
        self,
        window: int,
        clerk: str | None,
        action: Action,
        by: Principal | None,
        audit_as: str,
        then: Callable[[Ticket, float], None] | None = None,
        **details: Any,
    ) -> tuple[Ticket, Ticket]:
        """The ticket at the window before and after `action` (`then`: more of the same
        transaction, given the ticket after it)."""
        self._window(window)
        at = self.now()
        with self.store.write():
            current = self.store.tickets.at_window(window)
            if current is None:
                raise errors.WindowIdle(window=window)
            after = self._record(
                current, about(current, action, at, window=window, clerk=clerk, **details)
            )
            if then is not None:
                then(after, at)
            self._audit(by, f"window_{audit_as}", at, window=window, ticket=after.number)
        return current, after

    def recall(self, window: int, clerk: str | None, by: Principal | None = None) -> Result:
        _, t = self._act(window, clerk, Action.RECALL, by, "recall")
        return t, [TicketCalled(t, recall=True)]

    def start(self, window: int, clerk: str | None, by: Principal | None = None) -> Result:
        _, t = self._act(window, clerk, Action.START, by, "start")
        return t, [TicketUpdated(t), WindowUpdated(window)]

    def finish(
        self,
        window: int,
        clerk: str | None,
        outcome: str,
        note: str | None = None,
        file_ref: str | None = None,
        by: Principal | None = None,
        next_step: str | None = None,
        file_status: str | None = None,
    ) -> Result:
        """`next_step`: what the citizen is told to do (shown on their tracking page);
        `file_status`: where the attached case file goes, when not where the outcome sends it."""
        try:
            Outcome(outcome)
        except ValueError:
            raise errors.UnknownOutcome(outcome=outcome) from None
        _, t = self._act(
            window,
            clerk,
            Action.FINISH,
            by,
            "finish",
            lambda done, at: self._file_after_finish(done, at, file_status, note, next_step),
            outcome=outcome,
            note=note,
            file_ref=file_ref,
            next_step=next_step,
        )
        return t, [TicketUpdated(t), WindowUpdated(window)]

    def no_show(self, window: int, clerk: str | None, by: Principal | None = None) -> Result:
        _, t = self._act(window, clerk, Action.NO_SHOW, by, "no-show")
        return t, [TicketUpdated(t), WindowUpdated(window)]

    def return_to_queue(
        self, window: int, clerk: str | None, by: Principal | None = None
    ) -> Result:
        _, t = self._act(window, clerk, Action.RETURN, by, "return")
        return t, [TicketUpdated(t), WindowUpdated(window), QueueChanged(frozenset({t.service}))]

    def transfer(
        self,
        window: int,
        clerk: str | None,
        code: str,
        note: str | None = None,
        by: Principal | None = None,
    ) -> Result:
        self._queue_service(code)
        self._window(window)
        at = self.now()
        with self.store.write():
            old = self.store.tickets.at_window(window)
            if old is None:
                raise errors.WindowIdle(window=window)
            if old.service == code:
                raise errors.SameService(service=code)
            done = self._record(
                old, about(old, Action.TRANSFER, at, window=window, clerk=clerk, to=code, note=note)
            )
            day = self.center.day_of(self.clock())
            entry = transferred_entry(old, 0, code, day, at, window=window, clerk=clerk, note=note)
            new = self._record(None, entry)
            self._audit(by, "window_transfer", at, window=window, ticket=new.number)
        return new, [
            TicketUpdated(done),
            TicketUpdated(new),
            WindowUpdated(window),
            QueueChanged(frozenset({code})),
        ]

    # -- the window itself -------------------------------------------------------------------
    def pause(
        self, window: int, clerk: str | None, reason: str, by: Principal | None = None
    ) -> Result:
        return self._set_window(window, clerk, WindowStatus.PAUSED, reason, by)

    def resume(self, window: int, clerk: str | None, by: Principal | None = None) -> Result:
        return self._set_window(window, clerk, WindowStatus.OPEN, None, by)

    def _set_window(
        self,
        window: int,
        clerk: str | None,
        status: WindowStatus,
        reason: str | None,
        by: Principal | None,
    ) -> Result:
        config = self._window(window)
        at = self.now()
        with self.store.write():
            current = self.store.tickets.at_window(window)
            if status == WindowStatus.PAUSED and current is not None:
                raise errors.WindowBusy(window=window, number=current.number)
            self.store.windows.set_state(window, WindowRecord(status, reason, at, clerk))
            self._log(
                f"window_{status.value}",
                at,
                window=window,
                clerk=clerk,
                details={"reason": reason} if reason else None,
            )
            action = "pause" if status == WindowStatus.PAUSED else "resume"
            extra = {"reason": reason} if reason else {}
            self._audit(by, f"window_{action}", at, window=window, **extra)
        return None, [WindowUpdated(window), QueueChanged(frozenset(config.services))]

    def _file_after_finish(
        self,
        done: Ticket,
        at: float,
        file_status: str | None,
        note: str | None,
        next_step: str | None,
    ) -> None:
        """Inside the finish's transaction: move the visit's case file (usecases/case_files.py)."""

    def _call_order(self, config: Window, called: Ticket, reason: str | None) -> dict[str, Any]:
        """Inside a call by number: what its entry says of the order (usecases/integrity.py)."""
        return {}

    def _integrity_alerts(self, clerk: str | None, at: float) -> list[Event]:
        return []

    # -- reads -------------------------------------------------------------------------------
    def window_today(self, window: int) -> dict[str, int | None]:
        """Tickets this window finished today and their mean service time."""
        served, mean = self.store.figures.window_today(window, self.center.day_of(self.clock()))
        return {"served": served, "mean_service_s": round(mean) if mean else None}

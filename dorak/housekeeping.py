"""What happens with time alone: a new working day expires yesterday's leftovers, a counter page
that went silent closes its window, opening and closing hours change what kiosks offer. A job
of the scheduler looks every few seconds and hands what changed to the bus."""

from __future__ import annotations

from collections.abc import Callable

from .domain.events import Event, QueueChanged
from .usecases import Operations


class Housekeeper:
    def __init__(self, ops: Operations, dispatch: Callable[[list[Event]], None]) -> None:
        self.ops = ops
        self.dispatch = dispatch
        self._offered: tuple[str, ...] | None = None

    def check(self) -> list[Event]:
        events = list(self.ops.start_day())
        events += self.ops.end_silent_sign_ins()[1]
        offered = self._offer()
        if self._offered is not None and offered != self._offered:
            # Hours opened or closed a service: kiosks and screens learn it now.
            events.append(QueueChanged(frozenset(s.code for s in self.ops.center.services)))
        self._offered = offered
        if events:
            self.dispatch(events)
        return events

    def _offer(self) -> tuple[str, ...]:
        floor, center = self.ops.floor(), self.ops.center
        return tuple(
            code for code in self.ops.queue_services() if floor.issuing_now(center, code) is None
        )

"""What happens with time alone: a new working day expires yesterday's leftovers, a counter page
that went silent closes its window, opening and closing hours change what kiosks offer, and the
waits told move as windows get through their citizens (the estimate counts down the rest of each
hold: a kiosk's figure, fresh when it was sent, would otherwise say more than the ticket then
prints). A job of the scheduler looks every few seconds and hands what changed to the bus."""

from __future__ import annotations

import math
from collections.abc import Callable

from .domain.events import Event, QueueChanged
from .domain.floor import Floor
from .usecases import Operations


class Housekeeper:
    def __init__(self, ops: Operations, dispatch: Callable[[list[Event]], None]) -> None:
        self.ops = ops
        self.dispatch = dispatch
        self._offered: tuple[str, ...] | None = None
        self._told: dict[str, tuple[int, int, int]] = {}

    def check(self) -> list[Event]:
        events = list(self.ops.start_day())
        events += self.ops.end_silent_sign_ins()[1]
        floor = self.ops.floor()
        offered = self._offer(floor)
        if self._offered is not None and offered != self._offered:
            # Hours opened or closed a service: kiosks and screens learn it now.
            events.append(QueueChanged(frozenset(s.code for s in self.ops.center.services)))
        self._offered = offered
        moved = self._moved_waits(floor)
        for e in events:
            if isinstance(e, QueueChanged):
                moved -= e.services
        if moved:
            events.append(QueueChanged(frozenset(moved)))
        if events:
            self.dispatch(events)
        return events

    def _moved_waits(self, floor: Floor) -> set[str]:
        """Services whose next ticket's wait, in the whole minutes a kiosk shows, moved since
        the last look."""
        center = self.ops.center
        told = {}
        for code in self.ops.queue_services():
            e = floor.next_estimate(center, code)
            told[code] = (math.ceil(e.wait_s / 60), e.low_s // 60, math.ceil(e.high_s / 60))
        moved = {code for code, minutes in told.items() if self._told.get(code) != minutes}
        first = not self._told
        self._told = told
        return set() if first else moved

    def _offer(self, floor: Floor) -> tuple[str, ...]:
        center = self.ops.center
        return tuple(
            code for code in self.ops.queue_services() if floor.issuing_now(center, code) is None
        )

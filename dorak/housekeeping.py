"""What happens with time alone: a new working day expires yesterday's leftovers, a counter page
that went silent closes its window, opening and closing hours change what kiosks offer. A small
thread looks every few seconds and publishes what changed."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from .events import Event, QueueChanged
from .operations import Operations

log = logging.getLogger(__name__)


class Housekeeper:
    def __init__(
        self,
        ops: Operations,
        publish: Callable[[list[Event]], None],
        every_s: float = 10.0,
        run: Callable[[Callable[[], Any]], Any] = lambda job: job(),
    ) -> None:
        self.ops = ops
        self.publish = publish
        self.every_s = every_s
        self.run = run  # e.g. inside an app context
        self._offered: tuple[str, ...] | None = None
        self._stop = threading.Event()

    def check(self) -> list[Event]:
        events = list(self.ops.start_day())
        events += self.ops.end_silent_sign_ins()[1]
        offered = self._offer()
        if self._offered is not None and offered != self._offered:
            # Hours opened or closed a service: kiosks and screens learn it now.
            events.append(QueueChanged(frozenset(s.code for s in self.ops.center.services)))
        self._offered = offered
        if events:
            self.publish(events)
        return events

    def _offer(self) -> tuple[str, ...]:
        staffed = self.ops.staffed_windows()
        return tuple(
            s.code
            for s in self.ops.center.services
            if s.prefix and self.ops.issuing_now(s.code, staffed)[0]
        )

    def start(self) -> Housekeeper:
        def loop() -> None:
            while not self._stop.wait(self.every_s):
                try:
                    self.run(self.check)
                except Exception:  # keep going whatever one round did
                    log.exception("housekeeping failed")

        threading.Thread(target=loop, daemon=True, name="housekeeping").start()
        return self

    def stop(self) -> None:
        self._stop.set()

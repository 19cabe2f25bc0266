"""The message bus: the one place that runs what follows a change, after its commit.

Handlers are wired once, at start-up (dorak/bootstrap.py): publish to the rooms, print, prepare
the spoken call, raise alerts, count. Every entry point (the API, the pages, the command line,
the simulator, the background jobs) hands the events its use case returned to `handle`; no view
sequences side effects itself. A handler that fails is logged and the others still run: the
change is committed whatever a printer or a socket does."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

log = logging.getLogger(__name__)

Handler = Callable[[Any], None]
BatchHandler = Callable[[Sequence[Any]], None]


class MessageBus:
    def __init__(self) -> None:
        self._handlers: dict[type, list[Handler]] = defaultdict(list)
        self._batch: list[BatchHandler] = []

    def on(self, kind: type, handler: Handler) -> None:
        """Run `handler(event)` for every event of this type."""
        self._handlers[kind].append(handler)

    def on_batch(self, handler: BatchHandler) -> None:
        """Run `handler(events)` once per change with all its events (the publisher merges
        them per room: the lobby gets one message per call)."""
        self._batch.append(handler)

    def handle(self, events: Iterable[Any]) -> None:
        batch = list(events)
        if not batch:
            return
        for event in batch:
            for handler in self._handlers.get(type(event), ()):
                self._run(handler, event)
        for handler in self._batch:
            self._run(handler, batch)

    @staticmethod
    def _run(handler: Callable[[Any], None], arg: Any) -> None:
        try:
            handler(arg)
        except Exception:  # the change is committed: one failing side effect stops no other
            log.exception("handler %s failed", getattr(handler, "__qualname__", handler))

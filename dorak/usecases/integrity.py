"""Integrity of the line at the window: a call by number that skips older tickets the window
could have called needs a reason and is recorded, with the tickets skipped, in the call's own
entry; a clerk whose out-of-order calls in an hour pass the threshold raises an alert."""

from __future__ import annotations

from typing import Any

from ..domain.events import AlertRaised, Event
from ..domain.integrity import out_of_order
from ..domain.model import Window
from ..domain.ticket import Ticket
from ..messages import message
from .base import UseCase

HOUR_S = 3600


class LineIntegrity(UseCase):
    # Out-of-order calls of one clerk within an hour above which supervisors are alerted
    # (DORAK_OUT_OF_ORDER_ALERT; 0: never).
    out_of_order_alert: int = 3

    def _call_order(self, config: Window, called: Ticket, reason: str | None) -> dict[str, Any]:
        """Inside the call's write: what its entry records about the order (empty: in order)."""
        skipped = self.store.integrity.older_waiting(tuple(config.services), called)
        return out_of_order(skipped, reason)

    def _alert(self, clerk: str, count: int) -> dict[str, Any]:
        return {
            "kind": "out_of_order",
            "subject": clerk,
            "message": message("alert_out_of_order", clerk=clerk, count=count),
        }

    def _integrity_alerts(self, clerk: str | None, at: float) -> list[Event]:
        """After an out-of-order call: the alert, when the clerk's hour passes the threshold."""
        if not clerk or self.out_of_order_alert <= 0:
            return []
        count = self.store.integrity.out_of_order_since(clerk, at - HOUR_S)
        return [AlertRaised(self._alert(clerk, count))] if count > self.out_of_order_alert else []

    def integrity_alerts(self) -> list[dict[str, Any]]:
        """The alerts standing now (the dashboard's list)."""
        if self.out_of_order_alert <= 0:
            return []
        counts = self.store.integrity.out_of_order_by_clerk(self.now() - HOUR_S)
        return [self._alert(c, n) for c, n in sorted(counts.items()) if n > self.out_of_order_alert]

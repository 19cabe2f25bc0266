"""The citizens' voice: a remark from a ticket's phone page or window tablet (at most
PER_TICKET per visit), or from a kiosk without a ticket; a supervisor answers and closes it.
Each change is an entry of the event log (about the ticket when there is one) with its audit row,
in one transaction; the RemarkChanged event reaches the supervisors and the citizen's page."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ..domain import errors
from ..domain.remarks import (
    PER_TICKET,
    Remark,
    RemarkCategory,
    RemarkClosed,
    RemarkSource,
    RemarkStatus,
    TooManyRemarks,
    UnknownRemark,
    clean_text,
)
from ..domain.roles import Principal
from ..domain.ticket import Entry, about
from .base import UseCase


@dataclass(frozen=True)
class RemarkChanged:
    remark: Remark


class RemarkActions(UseCase):
    def make_remark(
        self,
        source: str,
        category: str,
        text: str,
        tracking_id: str | None = None,
        device: str | None = None,
    ) -> tuple[Remark, list[Any]]:
        kept = clean_text(text)
        at = self.now()
        day = self.center.day_of(self.clock())
        with self.store.write():
            t = self.store.tickets.by_tracking_id(tracking_id) if tracking_id else None
            if tracking_id and t is None:
                raise errors.UnknownTicket(ticket=tracking_id)
            if t is not None and self.store.remarks.count_of_visit(t.tracking_id) >= PER_TICKET:
                raise TooManyRemarks(most=PER_TICKET)
            remark = self.store.remarks.add(
                Remark(
                    0,
                    at,
                    day,
                    RemarkSource(source),
                    RemarkCategory(category),
                    kept,
                    RemarkStatus.OPEN,
                    t.id if t else None,
                    t.tracking_id if t else None,
                    t.number if t else None,
                    t.service if t else None,
                    t.window if t else None,
                )
            )
            said = {"remark": remark.id, "category": category, "source": source, "text": kept}
            if t is not None:
                self._record(t, about(t, "remark_made", at, clerk=None, **said))
            else:
                self.store.log.append(Entry("remark_made", at, clerk=device, details=said))
        return remark, [RemarkChanged(remark)]

    def _change(
        self, remark_id: int, kind: str, by: Principal, change: dict[str, Any]
    ) -> tuple[Remark, list[Any]]:
        at = self.now()
        with self.store.write():
            r = self.store.remarks.get(remark_id)
            if r is None:
                raise UnknownRemark(remark=remark_id)
            if r.status == RemarkStatus.CLOSED:
                raise RemarkClosed(remark=remark_id)
            if kind == "remark_answered":
                after = replace(
                    r,
                    status=RemarkStatus.ANSWERED,
                    answer=change["answer"],
                    answered_at=r.answered_at or at,  # the time to answer is to the first
                    answered_by=by.name,
                )
            else:
                after = replace(r, status=RemarkStatus.CLOSED, closed_at=at, closed_by=by.name)
            self.store.remarks.save(after)
            said = {"remark": r.id, **change}
            t = self.store.tickets.get(r.ticket_id) if r.ticket_id else None
            if t is not None:
                self._record(t, about(t, kind, at, window=r.window, clerk=by.name, **said))
            else:
                self.store.log.append(Entry(kind, at, clerk=by.name, details=said))
            self._audit(by, kind, at, **said)
        return after, [RemarkChanged(after)]

    def answer_remark(self, remark_id: int, text: str, by: Principal) -> tuple[Remark, list[Any]]:
        return self._change(remark_id, "remark_answered", by, {"answer": clean_text(text)})

    def close_remark(self, remark_id: int, by: Principal) -> tuple[Remark, list[Any]]:
        return self._change(remark_id, "remark_closed", by, {})

    # -- reads -------------------------------------------------------------------------------
    def remarks_to_handle(self, closed: bool = False) -> list[Remark]:
        return self.store.remarks.newest(200, closed)

    def remarks_of_visit(self, tracking_id: str) -> list[Remark]:
        return self.store.remarks.of_visit(tracking_id)

"""What happened: use cases return these; the web layer publishes them after the commit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class TicketIssued:
    ticket: dict[str, Any]


@dataclass(frozen=True)
class TicketCalled:
    ticket: dict[str, Any]
    recall: bool = False


@dataclass(frozen=True)
class TicketUpdated:
    ticket: dict[str, Any]


@dataclass(frozen=True)
class WindowUpdated:
    number: int


@dataclass(frozen=True)
class QueueChanged:
    services: frozenset[str]


@dataclass(frozen=True)
class NoticeChanged:
    notice: dict[str, str]


Event = TicketIssued | TicketCalled | TicketUpdated | WindowUpdated | QueueChanged | NoticeChanged

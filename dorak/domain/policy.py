"""Who a window calls next.

The order, for the services a window serves:

1. *Urgent* tickets first, oldest in the queue first. A ticket is urgent when it carries a
   priority category (elderly, disabled, pregnant, ...) or when it has waited longer than its
   service's target wait. The second half is the anti-starvation rule: once a normal ticket is
   past its target, nothing that joined the queue after it can be called before it.
2. Then the other tickets by score = service weight at this window x seconds waited; within one
   service that is plain first-come, first-served.

Ties break on the time the ticket joined the queue, then on its id, so the order is total and
deterministic.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .errors import QueueEmpty


@dataclass(frozen=True)
class Candidate:
    id: int
    service: str
    priority: bool
    queued_at: float  # epoch seconds when the ticket (re)joined this queue


def is_urgent(c: Candidate, targets_s: Mapping[str, float], now: float) -> bool:
    return c.priority or now - c.queued_at > targets_s[c.service]


def sort_key(
    c: Candidate, weights: Mapping[str, float], targets_s: Mapping[str, float], now: float
) -> tuple[int, float, float, int]:
    if is_urgent(c, targets_s, now):
        return (0, 0.0, c.queued_at, c.id)
    return (1, -weights[c.service] * (now - c.queued_at), c.queued_at, c.id)


def order(
    candidates: Iterable[Candidate],
    weights: Mapping[str, float],
    targets_s: Mapping[str, float],
    now: float,
) -> list[Candidate]:
    """All callable candidates in the order this window would call them."""
    eligible = [c for c in candidates if c.service in weights]
    return sorted(eligible, key=lambda c: sort_key(c, weights, targets_s, now))


def pick_next(
    candidates: Iterable[Candidate],
    weights: Mapping[str, float],
    targets_s: Mapping[str, float],
    now: float,
) -> Candidate:
    eligible = [c for c in candidates if c.service in weights]
    if not eligible:
        raise QueueEmpty()
    return min(eligible, key=lambda c: sort_key(c, weights, targets_s, now))

"""The floor as the wait estimate plays it forward (dorak/domain/replay.py): when each window is
next free and at what pace its clerk works, every line in call order, the mean hold of each
service, and how fast citizens come, all read from one Floor."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from statistics import fmean, pstdev
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from . import estimate, policy, replay
from .hours import minutes
from .model import Center
from .staffing import WindowState

if TYPE_CHECKING:
    from .floor import Floor

PACE_SPAN_S = 30 * 60  # how far back the observed pace of calls and of arrivals looks
PAUSE_S = 15 * 60  # a paused clerk is taken to be back this long after the pause began
CLERK_PRIOR = 20  # holds of their own a clerk's pace needs to count as much as "usual"
REST_MIN = 0.05  # a busy window is taken to be free no sooner than this share of a hold
HOLD_CV = 1.0  # the spread of hold times while too few were seen (1: memoryless)
ARRIVAL_SPAN_MIN_S = 300.0  # arrivals of a day just begun are counted over at least this
UNKNOWN_HOLD_S = 600.0  # a service the configuration does not know (not expected)


def scene(floor: Floor, center: Center) -> replay.Scene:
    hold = {
        s.code: estimate.blend(floor.held.get(s.code, ()), s.expected_service_min * 60)
        for s in center.services
    }
    paces = clerk_paces(floor.held_at, hold)
    states = floor.states(center)
    staffed = [w for w in center.windows if states[w.number] != WindowState.UNSTAFFED]
    rests = busy_rests(floor, staffed_numbers=[w.number for w in staffed], hold=hold, paces=paces)
    seats = []
    for w in staffed:
        free_at = floor.at + rests.get(w.number, 0.0)
        if states[w.number] == WindowState.PAUSED:
            record = floor.windows.get(w.number)
            since = record.since if record and record.since is not None else floor.at
            free_at = max(free_at, since + PAUSE_S, floor.at + 60)
        seats.append(replay.Seat(w.number, w.services, free_at, paces.get(w.number, 1.0)))
    codes = sorted({c for w in center.windows for c in w.services})
    waiting: dict[replay.Line, list[policy.Candidate]] = {}
    for code in codes:
        for h in floor.heads.get(code, ()):
            waiting.setdefault((code, h.priority is not None), []).append(h.candidate())
    # Counted since the day began (or the first of them, if earlier: a center open around the
    # clock just past midnight), not since the first of them: one citizen after a quiet half
    # hour is a pace of 2 an hour, not of 12 (tests/unit/test_floor_scene.py).
    began = day_began(floor.at, center)
    if floor.first_arrival is not None:
        began = min(began, floor.first_arrival)
    span = max(min(PACE_SPAN_S, floor.at - began), ARRIVAL_SPAN_MIN_S)
    return replay.Scene(
        now=floor.at,
        seats=seats,
        waiting={k: sorted(v, key=lambda c: (c.queued_at, c.id)) for k, v in waiting.items()},
        targets_s={s.code: s.target_wait_min * 60 for s in center.services},
        hold_s=hold,
        arrivals_per_s={k: n / span for k, n in floor.arrived.items() if k[0] in codes},
        issuing_until=issuing_until(floor, center, codes),
        ghosts=[(code, cls) for code in codes for cls in (False, True)],
    )


def busy_rests(
    floor: Floor, staffed_numbers: list[int], hold: Mapping[str, float], paces: Mapping[int, float]
) -> dict[int, float]:
    """When each busy window is free, from now. Later holds are played at their mean, so a busy
    window's first rest is played as the phase that gives as many calls on average (renewal
    theory: the expected rest less cv^2/2 holds), and the busy windows are spread over +-cv/2
    holds around it in the order of their rests: ten windows busy with memoryless holds free
    a tenth of a hold apart, as they do on average, not all at once a whole hold from now."""
    found: list[tuple[float, int, float, float]] = []
    for number in staffed_numbers:
        who = floor.holding.get(number)
        if who is None:
            continue
        mean = hold.get(who.service, UNKNOWN_HOLD_S) * paces.get(number, 1.0)
        cv = min(hold_cv(floor.held.get(who.service, ())), 1.0)
        found.append((replay.rest_of_hold(mean, cv, floor.at - who.called_at), number, mean, cv))
    # Equal rests (memoryless holds: a whole mean each) come out of the arithmetic a hair
    # apart, one way or the other as `floor.at` moves: their order is the windows' numbers.
    found.sort(key=lambda f: (round(f[0], replay.DECIMALS), f[1]))
    return {
        number: max(
            rest - mean * cv * cv / 2 + mean * cv * ((k + 1) / len(found) - 0.5),
            REST_MIN * mean,
        )
        for k, (rest, number, mean, cv) in enumerate(found)
    }


def day_began(at: float, center: Center) -> float:
    """When citizens could first come today: the working day's start (local midnight or the
    center's `day_starts_at`), or today's earliest opening of the center or its services."""
    zone = ZoneInfo(center.timezone)
    begins = minutes(center.day_starts_at)
    local = datetime.fromtimestamp(at, zone)
    start = local.replace(hour=begins // 60, minute=begins % 60, second=0, microsecond=0)
    if start > local:
        start -= timedelta(days=1)
    every = [center.hours, *(center.hours_for(s.code) for s in center.services)]
    days = [h.week.get(start.weekday()) for h in every if not h.always_open]
    opens = [minutes(day.opens) for day in days if day is not None]
    if opens:
        first = min(opens)
        start = max(start, start.replace(hour=first // 60, minute=first % 60))
    return start.timestamp()


def issuing_until(floor: Floor, center: Center, codes: list[str]) -> dict[str, float]:
    """When each service stops issuing (absent: it does not stop today)."""
    local = datetime.fromtimestamp(floor.at, ZoneInfo(center.timezone))
    out: dict[str, float] = {}
    for code in codes:
        hours = center.hours_for(code)
        if code in floor.closed or not hours.issuing(local):
            out[code] = floor.at
            continue
        until = hours.issuing_until(local)
        if until is not None:
            out[code] = until.timestamp()
    return out


def hold_cv(times: tuple[float, ...]) -> float:
    """The spread of a service's recent holds (standard deviation / mean)."""
    if len(times) < 5 or fmean(times) <= 0:
        return HOLD_CV
    return max(pstdev(times) / fmean(times), 0.1)


def clerk_paces(
    held_at: tuple[tuple[str, int, float], ...], hold: Mapping[str, float]
) -> dict[int, float]:
    """Each window's recent holds against the usual hold of their services: 1.3 is a clerk
    30 % slower; pulled towards 1 while the window has few holds of its own."""
    took: dict[int, float] = {}
    usual: dict[int, float] = {}
    count: dict[int, int] = {}
    for code, window, seconds in held_at:
        took[window] = took.get(window, 0.0) + seconds
        usual[window] = usual.get(window, 0.0) + hold.get(code, UNKNOWN_HOLD_S)
        count[window] = count.get(window, 0) + 1
    return {
        window: (took[window] / usual[window] * n + CLERK_PRIOR) / (n + CLERK_PRIOR)
        for window, n in count.items()
        if usual[window] > 0
    }

"""The floor played forward: when each waiting ticket, and a ticket taken now, will be called.

A formula over "people ahead / windows" cannot see what decides a wait on a floor of shared
windows: which lines the windows serving this one are busy with, and for how long; that a window
gives its lower-weighted service only what the other lines leave; that a ticket past its target
goes first; that priority tickets and other services' citizens keep coming; that a clerk is
slower, or on a break. So the wait is worked out by playing the floor forward, call by call,
with the real call policy (policy.sort_key), every waiting ticket, and expected durations:

- a window busy with a citizen is free after the expected rest of that hold (the mean hold of
  the service, times the clerk's pace, less what has passed, taken on the log-normal shape of
  hold times: a long hold so far means a hard file, not one about to end);
- a paused window is back after a typical pause;
- each later call holds the window for the mean hold of its service times the clerk's pace;
- citizens keep arriving at the pace of the last half hour, per service and class, while the
  service issues tickets.

One pass gives the call time of every waiting ticket and of a ticket each service and class
would issue now (a "ghost": it takes no window, since the ticket it stands for is not there; up
to its call the floor without it plays the same). Deterministic: the same floor, the same
figures (what the kiosk shows is what the ticket prints).
"""

from __future__ import annotations

import heapq
import math
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from statistics import NormalDist

from .policy import Candidate, sort_key

GHOST_ID = 1 << 62  # after every real ticket: a ticket taken now is the newest
MAX_CALLS = 20_000  # a bound on one pass, whatever the floor says
HORIZON_S = 10 * 3600  # a call later than this is not foretold (the formula answers instead)
# The pass runs in seconds from now, each moment rounded to this many decimals: an epoch of
# 1.8e9 s carries some 2e-7 s of rounding, enough to turn a tie between a window freeing and a
# citizen coming (or two windows freeing) one way or the other from one millisecond to the
# next, and with it the figure by minutes (tests/unit/test_replay_steady.py).
DECIMALS = 3
_Z = NormalDist()

Line = tuple[str, bool]  # (service, priority)


@dataclass(frozen=True, slots=True)
class Seat:
    """A window as the pass sees it: what it serves, when it is next free, its clerk's pace."""

    number: int
    weights: Mapping[str, float]
    free_at: float
    pace: float = 1.0  # hold-time factor: 1.3 takes 30 % longer


@dataclass(frozen=True, slots=True)
class Scene:
    now: float
    seats: Sequence[Seat]
    waiting: Mapping[Line, Sequence[Candidate]]  # each line in call order
    targets_s: Mapping[str, float]
    hold_s: Mapping[str, float]  # the mean hold of a window by a call of each service
    arrivals_per_s: Mapping[Line, float] = field(default_factory=dict)
    issuing_until: Mapping[str, float] = field(default_factory=dict)  # absent: no end
    ghosts: Sequence[Line] = ()


@dataclass(frozen=True, slots=True)
class Call:
    at: float
    before: int  # calls of its service before it in the pass


@dataclass(frozen=True, slots=True)
class Played:
    tickets: Mapping[int, Call]
    ghosts: Mapping[Line, Call]


def play(scene: Scene) -> Played:
    lines: dict[Line, deque[Candidate]] = {k: deque(v) for k, v in scene.waiting.items()}
    for line in scene.ghosts:
        lines.setdefault(line, deque()).append(Candidate(GHOST_ID, line[0], line[1], scene.now))
    now = scene.now
    arrivals = _Arrivals(scene)
    heap = [(max(round(s.free_at - now, DECIMALS), 0.0), s.number, s) for s in scene.seats]
    heapq.heapify(heap)
    tickets: dict[int, Call] = {}
    ghosts: dict[Line, Call] = {}
    served: dict[str, int] = {}
    # What no window here serves (its windows unstaffed) is never called: waiting for it would
    # play on to the horizon, ten hours of calls, on every floor (the formula answers for it).
    served_here = {code for seat in scene.seats for code in seat.weights}
    wanted = sum(len(v) for k, v in scene.waiting.items() if k[0] in served_here) + sum(
        1 for line in scene.ghosts if line[0] in served_here
    )
    calls = 0
    while heap and len(tickets) + len(ghosts) < wanted and calls < MAX_CALLS:
        at, _, seat = heapq.heappop(heap)
        if at > HORIZON_S:
            break
        arrivals.until(at, lines)
        while True:
            pick = _pick(seat, lines, scene.targets_s, now + at)
            if pick is None or pick.id != GHOST_ID:
                break
            lines[(pick.service, pick.priority)].popleft()
            ghosts[(pick.service, pick.priority)] = Call(now + at, served.get(pick.service, 0))
        if pick is None:
            later = arrivals.next_for(seat.weights)
            if later is not None:
                heapq.heappush(heap, (max(later, at), seat.number, seat))
            continue
        lines[(pick.service, pick.priority)].popleft()
        calls += 1
        if pick.id < arrivals.first_id:
            tickets[pick.id] = Call(now + at, served.get(pick.service, 0))
        served[pick.service] = served.get(pick.service, 0) + 1
        hold = scene.hold_s.get(pick.service, 600.0) * seat.pace
        heapq.heappush(heap, (round(at + hold, DECIMALS), seat.number, seat))
    return Played(tickets, ghosts)


def _pick(
    seat: Seat, lines: Mapping[Line, deque[Candidate]], targets: Mapping[str, float], at: float
) -> Candidate | None:
    """The head this window calls now: each line is in call order, so only heads compete."""
    heads = [
        q[0]
        for code in seat.weights
        for q in (lines.get((code, True)), lines.get((code, False)))
        if q
    ]
    if not heads:
        return None
    return min(heads, key=lambda c: sort_key(c, seat.weights, targets, at))


class _Arrivals:
    """Citizens to come, evenly at each line's pace (the mean path of its arrivals); moments
    in seconds from now, the k-th of a line at k / rate (rounded as the pass rounds)."""

    def __init__(self, scene: Scene) -> None:
        self.scene = scene
        self.first_id = GHOST_ID + 1
        self.next_id = self.first_id
        self.due: list[tuple[float, Line, int]] = [
            (self._when(line, 1), line, 1)
            for line, rate in scene.arrivals_per_s.items()
            if rate > 0 and self._open(line, self._when(line, 1))
        ]
        heapq.heapify(self.due)

    def _when(self, line: Line, k: int) -> float:
        return round(k / self.scene.arrivals_per_s[line], DECIMALS)

    def _open(self, line: Line, at: float) -> bool:
        end = self.scene.issuing_until.get(line[0])
        return end is None or self.scene.now + at < end

    def until(self, at: float, lines: dict[Line, deque[Candidate]]) -> None:
        while self.due and self.due[0][0] <= at:
            when, line, k = heapq.heappop(self.due)
            joined = self.scene.now + when
            lines.setdefault(line, deque()).append(Candidate(self.next_id, *line, joined))
            self.next_id += 1
            later = self._when(line, k + 1)
            if self._open(line, later):
                heapq.heappush(self.due, (later, line, k + 1))

    def next_for(self, weights: Mapping[str, float]) -> float | None:
        times = [when for when, (code, _), _ in self.due if code in weights]
        return min(times) if times else None


def rest_of_hold(mean: float, cv: float, elapsed: float) -> float:
    """Expected rest of a hold with this mean and spread that has lasted `elapsed` already,
    E[X - e | X > e], for gamma distributed hold times (cv 1 is the memoryless exponential: the
    rest is always a whole mean; below 1, a hold far along is nearly over)."""
    if elapsed <= 0 or mean <= 0:
        return max(mean, 0.0)
    shape = 1 / (cv * cv)
    x = elapsed / (mean / shape)
    ratio = math.exp(log_upper_gamma(shape + 1, x) - log_upper_gamma(shape, x))
    return max(mean * ratio - elapsed, 0.0)


def log_upper_gamma(a: float, x: float) -> float:
    """log Q(a, x), the regularized upper incomplete gamma function: a series below a + 1, a
    continued fraction (modified Lentz) above, in logs so that far tails stay finite."""
    if x <= 0:
        return 0.0
    front = -x + a * math.log(x) - math.lgamma(a)
    if x < a + 1:
        term = total = 1 / a
        n = a
        while abs(term) > abs(total) * 1e-12:
            n += 1
            term *= x / n
            total += term
        return math.log1p(-min(math.exp(front) * total, 1 - 1e-300))
    tiny = 1e-300
    b = x + 1 - a
    c, d = 1 / tiny, 1 / b
    h = d
    for i in range(1, 300):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1 / d
        step = d * c
        h *= step
        if abs(step - 1) < 1e-12:
            break
    return front + math.log(h)

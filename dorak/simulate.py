"""Days of a center, simulated with a virtual clock through the real use cases and store.

Citizens arrive per the profile (Poisson, per service, with the hour's shape), take a ticket at
the kiosk, walk to the window they are called to (or never come), are served for a drawn time;
clerks sign in at opening, take their breaks, and sign out once the lobby is empty. The database
written is a normal one: the reports, the dashboard and the estimator can be judged on it. Each
ticket's printed estimate, and the simple rules' estimates from the same floor at the same
moment, are kept with the wait the ticket really had (dorak/sim_figures.py sums them up).

Days never overlap: a day starts at its opening, or when the previous one has finished if that
is later, so the clock never goes back."""

from __future__ import annotations

import heapq
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from .domain import baselines
from .domain.errors import DomainError, QueueEmpty
from .domain.events import Event
from .domain.staffing import FIXED
from .sim_profile import Break, Profile
from .store import Store
from .usecases import Operations


class VirtualClock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Judged:
    """A ticket issued after the warm-up, with what each estimator said at its issue."""

    day: int
    service: str
    estimates: dict[str, float]  # estimator -> seconds
    low: float  # Dorak's 80 % range
    high: float
    wait: float | None = None  # first call - issue; None while never called


@dataclass
class Outcome:
    days: list[str] = field(default_factory=list)
    issued: int = 0  # every ticket, warm-up included
    turned_away: int = 0  # arrivals the kiosk refused (no staffed window, outside hours)
    mismatches: int = 0  # tickets that printed another figure than the kiosk showed
    judged: dict[int, Judged] = field(default_factory=dict)  # by ticket id


class _Timeline:
    """One day's events in time order, ties in the order pushed."""

    def __init__(self) -> None:
        self.events: list[tuple[float, int, str, Any]] = []
        self.n = 0

    def push(self, at: float, kind: str, data: Any) -> None:
        self.n += 1
        heapq.heappush(self.events, (at, self.n, kind, data))

    def pop(self) -> tuple[float, str, Any]:
        at, _, kind, data = heapq.heappop(self.events)
        return at, kind, data


def arrival_times(
    rng: random.Random,
    per_hour: float,
    hourly: tuple[float, ...],
    start: float,
    end: float,
    opening: float,
) -> list[float]:
    """A Poisson process from `start` to `end` whose rate is `per_hour` x the shape of the hour
    since `opening`; exact across hour boundaries (a gap that crosses into the next hour is
    drawn again from the boundary: the process is memoryless)."""
    out: list[float] = []
    t = start
    while t < end:
        hour = int((t - opening) // 3600)
        boundary = min(end, opening + (hour + 1) * 3600)
        rate = per_hour * (hourly[hour] if 0 <= hour < len(hourly) else 1.0) / 3600
        gap = rng.expovariate(rate) if rate > 0 else float("inf")
        if t + gap >= boundary:
            t = boundary
            continue
        t += gap
        out.append(t)
    return out


class Simulation:
    def __init__(
        self,
        store: Store,
        profile: Profile,
        seed: int,
        first_day: date,
        dispatch: Callable[[list[Event]], None] = lambda events: None,
    ) -> None:
        self.profile = profile
        self.center = profile.center
        self.rng = random.Random(seed)
        self.tz = ZoneInfo(self.center.timezone)
        self.first_day = first_day
        self.clock = VirtualClock(datetime.combine(first_day, datetime.min.time(), self.tz))
        self.ops = Operations(store, lambda: self.center, self.clock)
        self.dispatch = dispatch
        self.out = Outcome()
        self.ended = float("-inf")  # when the previous day ended
        self.timeline = _Timeline()
        self.idle: set[int] = set()
        self.due: dict[int, Break] = {}  # breaks waiting for the citizen at the window
        self.counted_from = 0.0
        self.today = 0

    def run(self, days: int) -> Outcome:
        for d in range(days):
            self._day(d)
        return self.out

    def _do(self, result: tuple[Any, list[Event]]) -> Any:
        self.dispatch(result[1])
        return result[0]

    # -- a day ----------------------------------------------------------------------------
    def _day(self, d: int) -> None:
        p = self.profile
        day = self.first_day + timedelta(days=d)
        midnight = datetime(day.year, day.month, day.day, tzinfo=self.tz).timestamp()
        open_s, last_s = p.day_seconds
        opening = midnight + open_s
        start = max(opening, self.ended)
        self.counted_from = start + p.warmup_hours * 3600
        self.today = d
        self._at(start)
        for w in self.center.windows:
            self._do(self.ops.sign_in(w.number, _clerk(w.number), FIXED))
        self.idle, self.due = set(), {}
        self.timeline = t = _Timeline()
        for code, per_hour in p.arrivals.items():
            end = midnight + last_s
            for at in arrival_times(self.rng, per_hour, p.hourly, start, end, opening):
                t.push(at, "arrive", code)
        for b in p.breaks:
            at = midnight + _seconds(b.at)
            for number in b.windows:
                if at >= start:
                    t.push(at, "break", (number, b))
        for w in self.center.windows:
            t.push(start, "free", w.number)
        while t.events:
            at, kind, data = t.pop()
            self._at(at)
            getattr(self, f"_{kind}")(data)
        for w in self.center.windows:
            self._do(self.ops.sign_out(w.number))
        self.ended = self._now()
        self.out.days.append(day.isoformat())

    def _at(self, at: float) -> None:
        self.clock.now = datetime.fromtimestamp(at, UTC)

    def _now(self) -> float:
        return self.clock.now.timestamp()

    # -- events ---------------------------------------------------------------------------
    def _arrive(self, code: str) -> None:
        p, rng = self.profile, self.rng
        priority = None
        if self.center.priorities and rng.random() < p.priority_share:
            priority = rng.choice(self.center.priorities).code
        floor = self.ops.floor()  # what the kiosk shows now, for a ticket of this kind
        view = floor.line_view(self.center, code, floor.ahead_of_new(code, priority is not None))
        told = floor.next_estimate(self.center, code, priority is not None)
        said = {"dorak": float(told.wait_s)}
        said.update((name, rule(view)) for name, rule in baselines.BASELINES.items())
        try:
            ticket = self._do(self.ops.issue(code, priority))
        except DomainError:
            self.out.turned_away += 1
            return
        self.out.issued += 1
        if ticket.estimated_wait_s != told.wait_s:
            self.out.mismatches += 1
        if self._now() >= self.counted_from:
            self.out.judged[ticket.id] = Judged(self.today, code, said, told.low_s, told.high_s)
        for w in sorted(self.idle):  # idle windows look again
            self.timeline.push(self._now(), "free", w)
        self.idle.clear()

    def _free(self, window: int) -> None:
        if window in self.due:
            self._begin_break(window, self.due.pop(window))
            return
        try:
            ticket = self._do(self.ops.call_next(window, _clerk(window)))
        except QueueEmpty:
            self.idle.add(window)
            return
        judged = self.out.judged.get(ticket.id)
        if judged is not None and judged.wait is None:
            judged.wait = ticket.called_at - ticket.queued_at
        p, now = self.profile, self._now()
        if self.rng.random() < p.no_show:
            self.timeline.push(now + p.no_show_after_s, "no_show", window)
        else:
            self.timeline.push(now + p.walk.draw(self.rng), "start", (window, ticket.service))

    def _start(self, data: tuple[int, str]) -> None:
        window, code = data
        self._do(self.ops.start(window, _clerk(window)))
        took = self.profile.service_time[code].draw(self.rng)
        took *= self.profile.clerk_speed.get(window, 1.0)
        self.timeline.push(self._now() + took, "finish", window)

    def _finish(self, window: int) -> None:
        completed = self.rng.random() < self.profile.completed
        outcome = "completed" if completed else "documents_missing"
        self._do(self.ops.finish(window, _clerk(window), outcome))
        self.timeline.push(self._now(), "free", window)

    def _no_show(self, window: int) -> None:
        self._do(self.ops.no_show(window, _clerk(window)))
        self.timeline.push(self._now(), "free", window)

    def _break(self, data: tuple[int, Break]) -> None:
        window, b = data
        if window in self.idle:
            self.idle.discard(window)
            self._begin_break(window, b)
        else:  # the clerk finishes with the citizen at the window first
            self.due[window] = b

    def _begin_break(self, window: int, b: Break) -> None:
        if b.leave:
            self._do(self.ops.sign_out(window))
        else:
            self._do(self.ops.pause(window, _clerk(window), b.reason))
        self.timeline.push(self._now() + b.minutes * 60, "back", (window, b))

    def _back(self, data: tuple[int, Break]) -> None:
        window, b = data
        if b.leave:
            self._do(self.ops.sign_in(window, _clerk(window), FIXED))
        else:
            self._do(self.ops.resume(window, _clerk(window)))
        self.timeline.push(self._now(), "free", window)


def _clerk(window: int) -> str:
    return f"sim-{window}"


def _seconds(hhmm: str) -> float:
    hours, minutes = hhmm.split(":")
    return int(hours) * 3600.0 + int(minutes) * 60.0


def simulate(
    store: Store,
    profile: Profile,
    days: int,
    seed: int,
    first_day: date,
    dispatch: Callable[[list[Event]], None] = lambda events: None,
) -> Outcome:
    return Simulation(store, profile, seed, first_day, dispatch).run(days)

"""A day (or many) of a center, simulated with a virtual clock through the real use cases and
store: arrivals per hour per service, service times, walks, no-shows, windows calling. It writes
a normal database, so the reports, the dashboard and the estimator can be judged on it."""

from __future__ import annotations

import heapq
import math
import random
import tomllib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from statistics import fmean
from typing import Any
from zoneinfo import ZoneInfo

from .domain.errors import QueueEmpty
from .domain.events import Event
from .domain.hours import ALWAYS_OPEN
from .domain.model import Center
from .domain.staffing import FIXED
from .store import Store
from .usecases import Operations


class ProfileError(ValueError):
    pass


@dataclass(frozen=True)
class Profile:
    open_hour: float = 8.0
    close_hour: float = 15.0  # no more tickets after this; windows finish the line
    arrivals: dict[str, float] = field(default_factory=dict)  # tickets per hour per service
    service_min: dict[str, float] = field(default_factory=dict)  # mean service time
    service_cv: float = 0.6  # spread of service times (log-normal)
    no_show: float = 0.05
    priority_share: float = 0.08
    walk_s: tuple[float, float] = (15.0, 60.0)
    hourly: tuple[float, ...] = ()  # relative arrival rate per opening hour (morning rush)


def load_profile(path: str | Path, center: Center) -> Profile:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ProfileError(f"{path}: {e}") from None
    arrivals = {k: float(v) for k, v in data.get("arrivals_per_hour", {}).items()}
    unknown = [k for k in arrivals if center.service(k) is None or center.is_group(k)]
    if unknown or not arrivals:
        raise ProfileError(f"{path}: arrivals_per_hour needs ticket services; unknown {unknown}")
    return Profile(
        open_hour=float(data.get("open_hour", 8)),
        close_hour=float(data.get("close_hour", 15)),
        arrivals=arrivals,
        service_min={k: float(v) for k, v in data.get("service_minutes", {}).items()},
        service_cv=float(data.get("service_cv", 0.6)),
        no_show=float(data.get("no_show", 0.05)),
        priority_share=float(data.get("priority_share", 0.08)),
        hourly=tuple(float(x) for x in data.get("hourly", [])),
    )


class VirtualClock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Outcome:
    days: list[str] = field(default_factory=list)
    tickets: int = 0
    # per service: (estimated wait, naive estimate, actual wait) for every ticket called
    # per service, per ticket called: (our estimate, naive estimate, real wait, first estimator)
    estimates: dict[str, list[tuple[float, float, float, float]]] = field(
        default_factory=lambda: defaultdict(list)
    )


def _lognormal(rng: random.Random, mean: float, cv: float) -> float:
    sigma = math.sqrt(math.log(1 + cv * cv))
    return rng.lognormvariate(math.log(mean) - sigma * sigma / 2, sigma)


def naive_estimate(ops: Operations, service: str, ahead: int) -> float:
    """People ahead x mean recent service time / open windows serving the service."""
    s = ops.center.service(service)
    assert s is not None
    floor = ops.floor()
    recent = floor.recent.get(service, ())
    mean = fmean(recent) if recent else s.expected_service_min * 60
    open_windows = sum(1 for w in ops.center.windows_serving(service) if not floor.paused(w.number))
    return ahead * mean / max(1, open_windows)


def simulate(
    store: Store,
    center: Center,
    profile: Profile,
    days: int,
    seed: int,
    first_day: date,
    dispatch: Callable[[list[Event]], None] = lambda events: None,
) -> Outcome:
    rng = random.Random(seed)
    tz = ZoneInfo(center.timezone)
    # The profile says when citizens come; every window has its clerk signed in all day.
    center = replace(center, hours=ALWAYS_OPEN)
    clock = VirtualClock(datetime.combine(first_day, datetime.min.time(), tz))
    ops = Operations(store, lambda: center, clock)
    for w in center.windows:
        dispatch(ops.sign_in(w.number, f"sim-{w.number}", FIXED)[1])
    out = Outcome()
    naive: dict[int, float] = {}
    first: dict[int, float] = {}  # Dorak's first estimator, kept to show the improvement
    events: list[tuple[float, int, str, Any]] = []  # the day's timeline
    for d in range(days):
        day = first_day + timedelta(days=d)
        opening = datetime(day.year, day.month, day.day, tzinfo=tz) + timedelta(
            hours=profile.open_hour
        )
        closing = opening + timedelta(hours=profile.close_hour - profile.open_hour)
        events.clear()
        n = 0

        def push(at: float, kind: str, data: Any) -> None:
            nonlocal n
            n += 1
            heapq.heappush(events, (at, n, kind, data))

        for code, per_hour in profile.arrivals.items():
            t = opening.timestamp()
            while True:
                hour = int((t - opening.timestamp()) // 3600)
                factor = profile.hourly[hour] if hour < len(profile.hourly) else 1.0
                t += rng.expovariate(max(per_hour * factor, 1e-9) / 3600)
                if t >= closing.timestamp():
                    break
                push(t, "arrive", code)
        for w in center.windows:
            push(opening.timestamp(), "free", w.number)
        idle: set[int] = set()
        while events:
            at, _, kind, data = heapq.heappop(events)
            clock.now = datetime.fromtimestamp(at, UTC)
            if kind == "arrive":
                priority = None
                if center.priorities and rng.random() < profile.priority_share:
                    priority = center.priorities[0].code
                row, news = ops.issue(data, priority)
                dispatch(news)
                assert row is not None and row.ahead_at_issue is not None
                naive[row.id] = naive_estimate(ops, data, row.ahead_at_issue)
                model = ops.floor().pace(center, data, observed=False)
                first[row.id] = (row.ahead_at_issue + 0.5) * model
                out.tickets += 1
                for number in sorted(idle):  # idle windows look again
                    push(at, "free", number)
                idle.clear()
            elif kind == "free":
                try:
                    row, news = ops.call_next(data, f"sim-{data}")
                except QueueEmpty:
                    idle.add(data)
                    continue
                dispatch(news)
                assert row is not None
                if rng.random() < profile.no_show:
                    push(at + 90, "no_show", data)
                else:
                    push(at + rng.uniform(*profile.walk_s), "start", (data, row.service))
            elif kind == "no_show":
                dispatch(ops.no_show(data, f"sim-{data}")[1])
                push(at, "free", data)
            elif kind == "start":
                window, service = data
                dispatch(ops.start(window, f"sim-{window}")[1])
                s = center.service(service)
                assert s is not None
                minutes = profile.service_min.get(service, s.expected_service_min)
                push(at + _lognormal(rng, minutes * 60, profile.service_cv), "finish", window)
            elif kind == "finish":
                outcome = "completed" if rng.random() < 0.85 else "documents_missing"
                dispatch(ops.finish(data, f"sim-{data}", outcome)[1])
                push(at, "free", data)
        out.days.append(day.isoformat())
    for done in store.tickets.every():
        if done.id in naive and done.called_at is not None and done.seq is not None:
            out.estimates[done.service].append(
                (
                    done.estimated_wait_s or 0,
                    naive[done.id],
                    done.called_at - done.queued_at,
                    first[done.id],
                )
            )
    return out


def accuracy(rows: list[tuple[float, float, float, float]]) -> dict[str, float]:
    """Mean absolute error and bias (estimate - real wait) of ours, of the naive estimate and
    of Dorak's first estimator."""
    ours = [e - a for e, _, a, _ in rows]
    naive = [n - a for _, n, a, _ in rows]
    old = [f - a for _, _, a, f in rows]
    return {
        "n": len(rows),
        "mae": fmean(abs(x) for x in ours),
        "bias": fmean(ours),
        "naive_mae": fmean(abs(x) for x in naive),
        "naive_bias": fmean(naive),
        "first_mae": fmean(abs(x) for x in old),
        "first_bias": fmean(old),
    }

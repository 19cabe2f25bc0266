"""The floor now: which windows work, how many wait in each line, the pace of calls. Read from
the store in one statement (dorak/store/floor.py), then every figure a page or a ticket shows is
worked out here, in plain Python: who is staffed, the wait the next ticket of each service would
print, whether a kiosk may issue, who comes next at a window.

A use case that reads the floor inside its transaction hands the floor *after* its change to the
events it returns, so the payloads sent after the commit cost no query at all."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from . import estimate, policy, replay
from .errors import DomainError, NoStaffedWindow, OutsideHours
from .floor_scene import PACE_SPAN_S, scene
from .model import Center, WindowStatus
from .staffing import Presence, WindowState, window_state
from .ticket import Ticket

NEXT_SHOWN = 5  # "who comes next" at a window


@dataclass(frozen=True, slots=True)
class WindowRecord:
    """A window's own state (open or paused, why, since when, by whom)."""

    status: WindowStatus
    reason: str | None = None
    since: float | None = None
    clerk: str | None = None


@dataclass(frozen=True, slots=True)
class Holding:
    """Who is at a busy window: their service, called when."""

    service: str
    called_at: float


@dataclass(frozen=True, slots=True)
class Waiting:
    """A waiting ticket at the head of its line (enough to order it and show it)."""

    id: int
    number: str
    service: str
    priority: str | None
    queued_at: float

    def candidate(self) -> policy.Candidate:
        return policy.Candidate(self.id, self.service, self.priority is not None, self.queued_at)


@dataclass(frozen=True, slots=True)
class Floor:
    at: float  # when it was read
    staff_timeout_s: float
    windows: Mapping[int, WindowRecord] = field(default_factory=dict)
    staff: Mapping[int, Presence] = field(default_factory=dict)
    closed: frozenset[str] = frozenset()
    busy: frozenset[int] = frozenset()  # windows with a ticket called or served
    lines: Mapping[tuple[str, bool], int] = field(default_factory=dict)  # (service, priority)
    recent: Mapping[str, tuple[float, ...]] = field(default_factory=dict)  # service times
    calls: Mapping[str, int] = field(default_factory=dict)  # calls in the last PACE_SPAN_S
    heads: Mapping[str, tuple[Waiting, ...]] = field(default_factory=dict)  # all who wait
    config_version: int = 0
    held: Mapping[str, tuple[float, ...]] = field(default_factory=dict)  # call -> window free
    holding: Mapping[int, Holding] = field(default_factory=dict)  # busy window -> who
    arrived: Mapping[tuple[str, bool], int] = field(default_factory=dict)  # in PACE_SPAN_S
    first_arrival: float | None = None  # the first of those
    held_at: tuple[tuple[str, int, float], ...] = ()  # recent holds: service, window, seconds
    _played: dict[int, tuple[Center, replay.Played]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    # -- windows ---------------------------------------------------------------------------
    def states(self, center: Center) -> dict[int, WindowState]:
        return {
            w.number: window_state(
                self.staff.get(w.number),
                self.paused(w.number),
                self.at,
                self.staff_timeout_s,
            )
            for w in center.windows
        }

    def paused(self, number: int) -> bool:
        record = self.windows.get(number)
        return record is not None and record.status == WindowStatus.PAUSED

    def open_windows(self, center: Center) -> set[int]:
        """A clerk signed in, not paused: the windows that call tickets."""
        return {n for n, s in self.states(center).items() if s == WindowState.OPEN}

    def staffed_windows(self, center: Center) -> set[int]:
        """A clerk signed in, paused or not (a paused clerk is back soon)."""
        return {n for n, s in self.states(center).items() if s != WindowState.UNSTAFFED}

    def free_windows(self, center: Center) -> set[int]:
        return self.open_windows(center) - self.busy

    # -- lines -----------------------------------------------------------------------------
    def waiting(self, service: str) -> int:
        return self.lines.get((service, False), 0) + self.lines.get((service, True), 0)

    def waiting_counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for (service, _), n in self.lines.items():
            if n:
                out[service] = out.get(service, 0) + n
        return out

    def oldest(self, service: str) -> float | None:
        """When the longest-waiting ticket of `service` joined (the first of a class is always
        among the heads)."""
        heads = self.heads.get(service, ())
        return min(h.queued_at for h in heads) if heads else None

    def ahead_of_new(self, service: str, priority: bool) -> int:
        """People a new ticket finds ahead: all priority tickets, and for a normal one every
        normal ticket too (it joins the back of its class)."""
        return self.lines.get((service, True), 0) + (
            0 if priority else self.lines.get((service, False), 0)
        )

    def next_at(self, center: Center, window: int, limit: int = NEXT_SHOWN) -> list[Waiting]:
        """Who this window would call next, in policy order. Within one service the policy
        keeps each class in arrival order, so the heads of the lines are enough."""
        config = center.window(window)
        if config is None:
            return []
        heads = [h for code in config.services for h in self.heads.get(code, ())]
        by_id = {h.id: h for h in heads}
        targets = {s.code: s.target_wait_min * 60 for s in center.services}
        ordered = policy.order([h.candidate() for h in heads], config.services, targets, self.at)
        return [by_id[c.id] for c in ordered[:limit]]

    # -- estimates -------------------------------------------------------------------------
    def line_view(self, center: Center, code: str, ahead: int) -> estimate.LineView:
        """What an estimate of `code` with `ahead` people before it reads of the floor."""
        service = center.service(code)
        states = self.states(center)
        windows = center.windows_serving(code)
        serving = [(w.number, w.services[code] / sum(w.services.values())) for w in windows]
        # A shared window gives a line more than its weight share while the others are empty.
        sharing = sum(
            w.services[code] / sum(v for c, v in w.services.items() if c == code or self.waiting(c))
            for w in windows
            if states[w.number] == WindowState.OPEN
        )
        return estimate.LineView(
            ahead=ahead,
            free=sum(1 for n, _ in serving if states[n] == WindowState.OPEN and n not in self.busy),
            capacity=sum(s for n, s in serving if states[n] == WindowState.OPEN),
            paused=sum(s for n, s in serving if states[n] == WindowState.PAUSED),
            sharing=sharing,
            expected_s=(service.expected_service_min if service else 10.0) * 60,
            service_s=self.recent.get(code, ()),
            held_s=self.held.get(code, ()),
            calls=self.calls.get(code, 0),
            span_s=PACE_SPAN_S,
        )

    # -- the floor played forward (dorak/domain/replay.py) ---------------------------------
    def played(self, center: Center) -> replay.Played:
        """Every waiting ticket's call, and a ticket's taken now, as the floor plays forward;
        worked out once per floor."""
        kept = self._played.get(id(center))
        if kept is None or kept[0] is not center:
            kept = (center, replay.play(scene(self, center)))
            self._played[id(center)] = kept
        return kept[1]

    def _told(self, call: replay.Call | None) -> estimate.Estimate | None:
        if call is None:
            return None
        return estimate.told(call.at - self.at, call.before + 1)

    def next_estimate(self, center: Center, code: str, priority: bool = False) -> estimate.Estimate:
        """What the next ticket of `code` (of this class) would print now."""
        found = self._told(self.played(center).ghosts.get((code, priority)))
        if found is not None:
            return found
        return self.estimate_for(center, code, self.ahead_of_new(code, priority))

    def estimate_of(self, center: Center, ticket: int, code: str, ahead: int) -> estimate.Estimate:
        """What a waiting ticket is told now."""
        found = self._told(self.played(center).tickets.get(ticket))
        if found is not None:
            return found
        return self.estimate_for(center, code, ahead)

    def estimates_in_line(self, center: Center, code: str) -> dict[str, estimate.Estimate]:
        """What each waiting ticket of `code` is told now, by number."""
        line = self.heads.get(code, ())
        priority = sum(1 for h in line if h.priority is not None)
        out: dict[str, estimate.Estimate] = {}
        normal = 0
        for h in line:
            if h.priority is None:
                ahead, normal = priority + normal, normal + 1
            else:
                ahead = sum(1 for o in line if o.priority is not None and o.queued_at < h.queued_at)
            out[h.number] = self.estimate_of(center, h.id, code, ahead)
        return out

    def pace(self, center: Center, code: str) -> float:
        """Expected seconds between two calls of `code`."""
        return estimate.seconds_per_call(self.line_view(center, code, 0))

    def estimate_for(self, center: Center, code: str, ahead: int) -> estimate.Estimate:
        return estimate.predict(self.line_view(center, code, ahead))

    def wait_for(self, center: Center, code: str, ahead: int) -> int:
        return self.estimate_for(center, code, ahead).wait_s

    def next_wait(self, center: Center, code: str) -> int:
        return self.next_estimate(center, code).wait_s

    def issuing_now(self, center: Center, code: str) -> DomainError | None:
        """Why a kiosk may not issue a ticket of `code` now (None: it may)."""
        hours = center.hours_for(code)
        local = datetime.fromtimestamp(self.at, ZoneInfo(center.timezone))
        if not hours.issuing(local):
            opens = hours.next_issuing(local)
            return OutsideHours(
                service=code, opens_at=opens.isoformat(timespec="minutes") if opens else None
            )
        staffed = self.staffed_windows(center)
        if not any(w.number in staffed for w in center.windows_serving(code)):
            return NoStaffedWindow(service=code)
        return None

    # -- after a change (what the use case knows without reading again) --------------------
    def joined(self, ticket: Ticket) -> Floor:
        key = (ticket.service, ticket.priority is not None)
        lines = {**self.lines, key: self.lines.get(key, 0) + 1}
        heads = {
            **self.heads,
            ticket.service: (*self.heads.get(ticket.service, ()), _waiting(ticket)),
        }
        arrived = {**self.arrived, key: self.arrived.get(key, 0) + 1}
        first = ticket.issued_at if self.first_arrival is None else self.first_arrival
        return replace(self, lines=lines, heads=heads, arrived=arrived, first_arrival=first)

    def called(self, ticket: Ticket) -> Floor:
        """`ticket` left its line for a window."""
        key = (ticket.service, ticket.priority is not None)
        lines = {**self.lines, key: max(0, self.lines.get(key, 0) - 1)}
        heads = {
            **self.heads,
            ticket.service: tuple(
                h for h in self.heads.get(ticket.service, ()) if h.id != ticket.id
            ),
        }
        calls = {**self.calls, ticket.service: self.calls.get(ticket.service, 0) + 1}
        busy = self.busy | ({ticket.window} if ticket.window is not None else set())
        holding = dict(self.holding)
        if ticket.window is not None:
            holding[ticket.window] = Holding(
                ticket.service, ticket.last_called_at or ticket.called_at or self.at
            )
        return replace(
            self, lines=lines, heads=heads, calls=calls, busy=frozenset(busy), holding=holding
        )


def _waiting(t: Ticket) -> Waiting:
    return Waiting(t.id, t.number, t.service, t.priority, t.queued_at)

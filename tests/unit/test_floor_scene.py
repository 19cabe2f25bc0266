"""How a floor becomes the scene the estimate plays: busy windows freeing one after another, a
clerk's own pace, a paused window, the pace of arrivals."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dorak.domain.floor import Floor, Holding, Waiting, WindowRecord
from dorak.domain.floor_scene import PAUSE_S, clerk_paces, scene
from dorak.domain.hours import DayHours, OpeningHours
from dorak.domain.model import Center, Service, Window, WindowStatus
from dorak.domain.staffing import Presence

NOW = 2_000_000_000.0
HOLD = 360.0


def center(windows: int = 10) -> Center:
    return Center(
        name_ar="م",
        name_en="C",
        timezone="UTC",
        services=(Service("a", "A", "أ", "A", target_wait_min=600, expected_service_min=6),),
        windows=tuple(Window(n, str(n), str(n), {"a": 1}) for n in range(1, windows + 1)),
        priorities=(),
        hours=OpeningHours(always_open=True),
    )


def staff(windows: int) -> dict[int, Presence]:
    return {n: Presence(f"c{n}", "fixed", NOW - 3600, NOW) for n in range(1, windows + 1)}


def test_memoryless_busy_windows_free_a_tenth_of_a_hold_apart() -> None:
    spread = tuple(HOLD * f for f in (0.1, 0.5, 1.0, 1.5, 1.9) * 6)  # cv near 0.6
    for holds, evenly in ((spread, False), ((), True)):
        floor = Floor(
            at=NOW,
            staff_timeout_s=120,
            staff=staff(10),
            busy=frozenset(range(1, 11)),
            holding={n: Holding("a", NOW - 10 * n) for n in range(1, 11)},
            held={"a": holds},
        )
        frees = sorted(s.free_at - NOW for s in scene(floor, center()).seats)
        assert len(frees) == 10 and len(set(frees)) == 10  # one after another
        if evenly:  # nothing seen: memoryless holds of the configured 6 min
            assert frees == pytest.approx([HOLD * k / 10 for k in range(1, 11)], rel=0.01)


def test_a_paused_window_is_back_after_a_typical_pause() -> None:
    floor = Floor(
        at=NOW,
        staff_timeout_s=120,
        staff=staff(2),
        windows={2: WindowRecord(WindowStatus.PAUSED, "prayer", NOW - 300, "c2")},
    )
    seats = {s.number: s.free_at - NOW for s in scene(floor, center(2)).seats}
    assert seats == {1: 0, 2: PAUSE_S - 300}


def test_arrivals_are_counted_over_the_half_hour_or_since_the_day_began() -> None:
    floor = Floor(
        at=NOW,
        staff_timeout_s=120,
        staff=staff(1),
        arrived={("a", False): 30, ("a", True): 3},
        first_arrival=NOW - 1700,
    )
    rates = scene(floor, center(1)).arrivals_per_s
    assert rates[("a", False)] == pytest.approx(30 / 1800)
    # The center opened at 03:23, 620 s before NOW (03:33:20 UTC): six tickets since.
    opened = replace(
        center(1),
        hours=OpeningHours(week={d: DayHours("03:23", "09:00", "08:30") for d in range(7)}),
    )
    early = Floor(
        at=NOW,
        staff_timeout_s=120,
        staff=staff(1),
        arrived={("a", False): 6},
        first_arrival=NOW - 420,  # the first came three minutes after opening
    )
    assert scene(early, opened).arrivals_per_s[("a", False)] == pytest.approx(6 / 620)
    # Open around the clock, five minutes past midnight: counted from the first of them (25
    # minutes ago, yesterday), not from the day's start five minutes ago.
    midnight = Floor(
        at=NOW - 3 * 3600 - 1700,  # 00:05:00 UTC
        staff_timeout_s=120,
        staff=staff(1),
        arrived={("a", False): 30},
        first_arrival=NOW - 3 * 3600 - 1700 - 1500,
    )
    assert scene(midnight, center(1)).arrivals_per_s[("a", False)] == pytest.approx(30 / 1500)


def test_one_citizen_after_a_quiet_spell_is_not_a_rush() -> None:
    """A priority ticket five minutes ago, nobody for the 25 minutes before, the day long
    begun: 2 an hour, not 12; counted as 12 the ten people waiting were told twice their wait."""
    heads = {
        "a": tuple(Waiting(i, f"A{i:03d}", "a", None, NOW - 4000 + 60 * i) for i in range(1, 11))
    }
    floor = Floor(
        at=NOW,
        staff_timeout_s=120,
        staff=staff(2),
        heads=heads,
        lines={("a", False): 10},
        arrived={("a", True): 1},
        first_arrival=NOW - 300,
    )
    assert scene(floor, center(2)).arrivals_per_s[("a", True)] == pytest.approx(1 / 1800)
    last = floor.estimate_of(center(2), 10, "a", 9)
    calm = replace(floor, arrived={}).estimate_of(center(2), 10, "a", 9)
    assert last.wait_s < calm.wait_s * 1.3


def test_a_slower_clerk_is_seen_and_few_holds_say_little() -> None:
    hold = {"a": 100.0}
    many = tuple(("a", 1, 150.0) for _ in range(60)) + tuple(("a", 2, 100.0) for _ in range(60))
    paces = clerk_paces(many, hold)
    assert paces[1] == pytest.approx((1.5 * 60 + 20) / 80) and paces[2] == pytest.approx(1.0)
    few = clerk_paces((("a", 1, 300.0),), hold)
    assert 1.0 < few[1] < 1.15  # one slow hold of three times the usual: barely moved

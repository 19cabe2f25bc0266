"""The same floor read a few milliseconds apart tells the same wait: the kiosk's button and the
ticket printed a moment later must agree, and a tracking page must not jump on a reload.

The floor is the demo center's morning a couple of minutes in (read from a real run): nine
windows busy since nearly the same moment, nothing finished yet (memoryless holds, so each
busy window's expected rest does not move with time), citizens coming."""

from __future__ import annotations

from typing import Any

import pytest

from dorak.config import load_center
from dorak.domain import replay
from dorak.domain.floor import Floor, Holding, Waiting
from dorak.domain.policy import Candidate
from dorak.domain.staffing import Presence

T0 = 1_795_000_000.0

HOLDING = {
    1: ("reconciliation", -124.737),
    2: ("reconciliation", -124.703),
    3: ("reconciliation", -124.678),
    4: ("legalization", -124.669),
    5: ("legalization", -124.626),
    6: ("permits", -124.568),
    8: ("certificates", -124.5),
    9: ("certificates", -124.42),
    10: ("complaints", -124.277),
}
WAITING = {
    "reconciliation": [
        (9, -124.891), (10, -124.88), (12, -124.818), (13, -124.784), (17, -124.167),
        (21, -123.935), (29, -123.461), (30, -123.437), (35, -123.29), (36, -123.267),
    ],
    "legalization": [(19, -124.035), (23, -123.839)],
    "permits": [(22, -123.864), (32, -123.397, "elderly"), (39, -123.124)],
    "shops": [(18, -124.09, "elderly"), (31, -123.429), (34, -123.351)],
    "certificates": [(24, -123.621), (38, -123.139), (40, -123.113, "elderly")],
    "extracts": [(20, -123.968), (25, -123.595), (28, -123.476), (37, -123.173)],
    "complaints": [(6, -125.091), (16, -124.218)],
    "payments": [(15, -124.741), (26, -123.534), (27, -123.512), (33, -123.378)],
}  # fmt: skip
ARRIVED = {
    ("certificates", False): 4, ("certificates", True): 1, ("complaints", False): 3,
    ("extracts", False): 4, ("legalization", False): 4, ("payments", False): 4,
    ("permits", False): 3, ("permits", True): 1, ("reconciliation", False): 13,
    ("shops", False): 2, ("shops", True): 1,
}  # fmt: skip


def floor_at(at: float) -> Floor:
    heads = {
        code: tuple(
            Waiting(row[0], f"X{row[0]:03d}", code, row[2] if len(row) > 2 else None, T0 + row[1])  # type: ignore[misc]
            for row in rows
        )
        for code, rows in WAITING.items()
    }
    lines: dict[tuple[str, bool], int] = {}
    for code, rows in WAITING.items():
        for row in rows:
            key = (code, len(row) > 2)
            lines[key] = lines.get(key, 0) + 1
    return Floor(
        at=at,
        staff_timeout_s=120,
        staff={n: Presence(f"clerk{n}", "fixed", T0 - 3600, at) for n in range(1, 11)},
        busy=frozenset(HOLDING),
        holding={n: Holding(code, T0 + since) for n, (code, since) in HOLDING.items()},
        lines=lines,
        heads=heads,
        arrived=ARRIVED,
        first_arrival=T0 - 125.252,
    )


@pytest.mark.parametrize("code", sorted(WAITING))
def test_the_figure_holds_still_over_a_few_milliseconds(code: str) -> None:
    center = load_center()
    told = {floor_at(T0 + ms / 1000).next_estimate(center, code) for ms in range(40)}
    assert len(told) == 1, f"{code}: {sorted(e.wait_s for e in told)}"


def test_a_line_no_window_serves_does_not_play_on_to_the_horizon(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Complaints' only window is unstaffed: its ghost is never called, and the pass stops once
    every other line is placed instead of playing ten hours of calls on every floor."""
    looks = 0
    pick = replay._pick

    def counted(*args: Any) -> Any:
        nonlocal looks
        looks += 1
        return pick(*args)

    monkeypatch.setattr(replay, "_pick", counted)
    scene = replay.Scene(
        now=T0,
        seats=[replay.Seat(1, {"a": 1.0}, T0 + 300)],
        waiting={("a", False): [Candidate(1, "a", False, T0 - 60)]},
        targets_s={"a": 1800.0, "b": 1800.0},
        hold_s={"a": 600.0, "b": 600.0},
        arrivals_per_s={("a", False): 1 / 120, ("b", False): 1 / 120},
        ghosts=[("a", False), ("b", False)],
    )
    played = replay.play(scene)
    assert played.tickets[1].at == T0 + 300 and played.ghosts[("a", False)].at == T0 + 900
    assert ("b", False) not in played.ghosts
    assert looks < 10

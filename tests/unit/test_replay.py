"""The floor played forward (dorak/domain/replay.py) on floors small enough to work out by hand,
and the expected rest of a hold against closed forms."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from dorak.domain.policy import Candidate
from dorak.domain.replay import (
    GHOST_ID,
    Scene,
    Seat,
    log_upper_gamma,
    play,
    rest_of_hold,
)

NOW = 1_000_000.0
HOLD = {"a": 600.0, "b": 300.0}
TARGETS = {"a": 3600.0, "b": 3600.0}


def waiting(service: str, n: int, first_id: int = 1, priority: bool = False) -> list[Candidate]:
    """n tickets that joined a minute apart, the first an hour ago."""
    return [Candidate(first_id + i, service, priority, NOW - 3600 + 60 * i) for i in range(n)]


def test_one_window_calls_its_line_one_hold_after_another() -> None:
    scene = Scene(
        now=NOW,
        seats=[Seat(1, {"a": 1}, NOW + 100)],
        waiting={("a", False): waiting("a", 3)},
        targets_s={"a": 10 * 3600},
        hold_s=HOLD,
        ghosts=[("a", False), ("a", True)],
    )
    played = play(scene)
    assert [played.tickets[i].at - NOW for i in (1, 2, 3)] == [100, 700, 1300]
    assert [played.tickets[i].before for i in (1, 2, 3)] == [0, 1, 2]
    # A ticket taken now comes after the three; a priority one before all of them.
    assert played.ghosts[("a", False)].at - NOW == 1900
    assert played.ghosts[("a", True)].at - NOW == 100


def test_a_free_window_takes_a_new_ticket_at_once() -> None:
    scene = Scene(
        now=NOW,
        seats=[Seat(1, {"a": 1}, NOW), Seat(2, {"b": 1}, NOW + 50)],
        waiting={("b", False): waiting("b", 1)},
        targets_s=TARGETS,
        hold_s=HOLD,
        ghosts=[("a", False), ("b", False)],
    )
    played = play(scene)
    assert played.ghosts[("a", False)].at == NOW
    assert played.ghosts[("b", False)].at == NOW + 50 + 300


def test_a_shared_window_gives_its_lighter_line_what_the_heavier_leaves() -> None:
    # Window 1 serves a (weight 1) and b (weight 0.5); window 2 only b. Both lines joined at
    # the same moments, so at window 1 a's score (weight x waited) is always higher: b's
    # tickets go to window 2, one every 300 s, and only once a is empty does window 1 help.
    scene = Scene(
        now=NOW,
        seats=[Seat(1, {"a": 1, "b": 0.5}, NOW), Seat(2, {"b": 1}, NOW)],
        waiting={("a", False): waiting("a", 2, 1), ("b", False): waiting("b", 4, 10)},
        targets_s={"a": 10 * 3600, "b": 10 * 3600},
        hold_s=HOLD,
    )
    played = play(scene)
    assert played.tickets[1].at == NOW and played.tickets[2].at == NOW + 600
    assert [played.tickets[i].at - NOW for i in (10, 11, 12)] == [0, 300, 600]
    # Window 1 is free at 1200 (two holds of a), window 2 at 900: 13 goes to window 2.
    assert played.tickets[13].at - NOW == 900


def test_a_ticket_past_its_target_goes_first_at_a_shared_window() -> None:
    old_b = [Candidate(10, "b", False, NOW - 7200)]  # two hours: past b's one-hour target
    scene = Scene(
        now=NOW,
        seats=[Seat(1, {"a": 1, "b": 0.1}, NOW)],
        waiting={("a", False): [Candidate(1, "a", False, NOW - 7100)], ("b", False): old_b},
        targets_s={"a": 10 * 3600, "b": 3600},
        hold_s=HOLD,
    )
    played = play(scene)
    assert played.tickets[10].at == NOW and played.tickets[1].at == NOW + 300


# One window, a (weight 1) and b (weight 0.2), free in 200 s, holds of 100 s, nobody waiting.
SHARED = Scene(
    now=NOW,
    seats=[Seat(1, {"a": 1, "b": 0.2}, NOW + 200)],
    waiting={},
    targets_s={"a": 10 * 3600, "b": 2 * 3600},
    hold_s={"a": 100.0, "b": 100.0},
    ghosts=[("b", False)],
)


def test_citizens_still_to_come_take_their_turn_before_a_lighter_line() -> None:
    # A new ticket of b waits behind the a's that come meanwhile, until it is overdue.
    quiet = SHARED
    busy = replace(quiet, arrivals_per_s={("a", False): 1 / 50})  # faster than it serves
    assert play(quiet).ghosts[("b", False)].at == NOW + 200
    # The a's come faster than the window serves them and always score higher: b is called
    # once it is past its target (2 h).
    late = play(busy).ghosts[("b", False)].at - NOW
    assert 2 * 3600 < late <= 2 * 3600 + 100  # at the first call after that
    # ... and no later than once issuing ends.
    ended = replace(busy, issuing_until={"a": NOW + 60})
    # The one a that came by then (at 50 s) is served first: 200 + 100.
    assert play(ended).ghosts[("b", False)].at - NOW == 300


def test_nothing_is_foretold_past_the_horizon() -> None:
    never_overdue = {"a": 100 * 3600.0, "b": 100 * 3600.0}
    scene = replace(SHARED, targets_s=never_overdue, arrivals_per_s={("a", False): 1 / 50})
    assert ("b", False) not in play(scene).ghosts


def test_a_slower_clerk_frees_the_window_later() -> None:
    def when(pace: float) -> float:
        scene = Scene(
            now=NOW,
            seats=[Seat(1, {"a": 1}, NOW, pace)],
            waiting={("a", False): waiting("a", 2)},
            targets_s=TARGETS,
            hold_s=HOLD,
            ghosts=[("a", False)],
        )
        return play(scene).ghosts[("a", False)].at - NOW

    assert when(1.0) == 1200 and when(1.3) == pytest.approx(1560)


def test_a_line_nobody_serves_is_not_answered() -> None:
    scene = Scene(
        now=NOW,
        seats=[Seat(1, {"a": 1}, NOW)],
        waiting={("b", False): waiting("b", 2, 5)},
        targets_s=TARGETS,
        hold_s=HOLD,
        ghosts=[("b", False)],
    )
    played = play(scene)
    assert not played.tickets and not played.ghosts  # the floor says nothing: no figure made up


def test_ghosts_are_never_real_tickets() -> None:
    scene = Scene(
        now=NOW,
        seats=[Seat(1, {"a": 1}, NOW)],
        waiting={("a", False): waiting("a", 1)},
        targets_s=TARGETS,
        hold_s=HOLD,
        arrivals_per_s={("a", False): 1 / 10},
        ghosts=[("a", False)],
    )
    played = play(scene)
    assert set(played.tickets) == {1} and GHOST_ID not in played.tickets


def test_the_rest_of_a_memoryless_hold_is_always_a_whole_mean() -> None:
    for elapsed in (0, 1, 60, 600, 6000):
        assert rest_of_hold(600, 1.0, elapsed) == pytest.approx(600, rel=1e-9)


def test_a_regular_hold_far_along_is_nearly_over() -> None:
    rests = [rest_of_hold(600, 0.5, e) for e in (0, 300, 600, 1200)]
    assert rests[0] == 600 and rests == sorted(rests, reverse=True) and rests[-1] < 300


@pytest.mark.parametrize("x", [0.1, 1.0, 2.5, 7.0, 40.0])
def test_the_incomplete_gamma_matches_closed_forms(x: float) -> None:
    # Q(1, x) = e^-x; Q(2, x) = (1 + x) e^-x; Q(3, x) = (1 + x + x^2 / 2) e^-x.
    assert log_upper_gamma(1, x) == pytest.approx(-x, abs=1e-9)
    assert log_upper_gamma(2, x) == pytest.approx(math.log1p(x) - x, abs=1e-9)
    assert log_upper_gamma(3, x) == pytest.approx(math.log(1 + x + x * x / 2) - x, abs=1e-9)

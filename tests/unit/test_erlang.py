"""Erlang C, checked against the closed forms of the textbook (computed here, not copied)."""

from __future__ import annotations

import math

import pytest

from dorak.domain.erlang import erlang_c, mean_wait


def erlang_c_by_sums(c: int, a: float) -> float:
    """The textbook formula: (a^c / c!) (c / (c - a)) over the sum of a^k / k! for k < c plus
    that same term."""
    top = a**c / math.factorial(c) * c / (c - a)
    return top / (sum(a**k / math.factorial(k) for k in range(c)) + top)


def test_one_window_is_mm1() -> None:
    # M/M/1: an arrival waits with probability rho; the mean wait is rho / (mu - lambda).
    assert erlang_c(1, 0.75) == pytest.approx(0.75)
    assert mean_wait(1, 0.75 / 60, 60) == pytest.approx(0.75 / (1 / 60 - 0.75 / 60))


@pytest.mark.parametrize(("c", "a"), [(2, 1.5), (10, 9.0), (10, 5.0), (40, 36.0), (3, 0.1)])
def test_matches_the_sum_formula(c: int, a: float) -> None:
    assert erlang_c(c, a) == pytest.approx(erlang_c_by_sums(c, a), rel=1e-12)


def test_the_issue_figures() -> None:
    # Ten windows, 90 an hour, 6 minutes each: 9 erlangs.
    assert erlang_c(10, 9.0) == pytest.approx(0.6687, abs=1e-4)
    assert mean_wait(10, 90 / 3600, 360) == pytest.approx(240.74, abs=0.01)


def test_an_overloaded_queue_has_no_steady_state() -> None:
    with pytest.raises(ValueError):
        erlang_c(10, 10.0)

"""The wait estimate and its range on hand-made lines, against what plain reasoning and queueing
theory say (the exact Erlang quantiles are computed here, by bisection)."""

from __future__ import annotations

import math

import pytest

from dorak.domain import baselines
from dorak.domain.estimate import Estimate, LineView, blend, gamma_quantile, predict

H = 360.0  # mean hold of a call


def line(ahead: int, free: int = 0, capacity: float = 10, calls: int = 0, **kw: object) -> LineView:
    return LineView(
        ahead=ahead,
        free=free,
        capacity=capacity,
        paused=kw.pop("paused", 0.0),  # type: ignore[arg-type]
        expected_s=H,
        calls=calls,
        **kw,  # type: ignore[arg-type]
    )


def erlang_quantile(n: int, rate: float, p: float) -> float:
    """Exact quantile of the sum of n exponential gaps of this rate (Erlang CDF, bisection)."""

    def cdf(t: float) -> float:
        x = rate * t
        return 1 - math.exp(-x) * sum(x**i / math.factorial(i) for i in range(n))

    lo, hi = 0.0, 100 * n / rate
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if cdf(mid) < p else (lo, mid)
    return lo


def test_a_free_window_calls_at_once() -> None:
    assert predict(line(ahead=2, free=3)) == Estimate(0, 0, 0)
    assert baselines.mmc(line(ahead=2, free=3)) == 0
    assert predict(line(ahead=3, free=3)).wait_s > 0  # the fourth waits for a window


@pytest.mark.parametrize(("n", "rel"), [(1, 0.07), (2, 0.005), (3, 0.003), (10, 0.001)])
def test_gamma_quantiles_match_the_erlang_ones(n: int, rel: float) -> None:
    rate = 1 / 36
    mean, var = n / rate, n / rate**2
    for p in (0.1, 0.5, 0.9):
        exact = erlang_quantile(n, rate, p)
        assert gamma_quantile(mean, var, p) == pytest.approx(exact, rel=rel)


def test_the_figure_is_the_median_the_range_its_tenth_and_ninetieth_percentiles() -> None:
    # Ten windows busy, 4 ahead: the fifth call, each 36 s apart on average.
    e = predict(line(ahead=4))
    mean = 5 * H / 10
    assert e.low_s < e.wait_s < mean < e.high_s  # a skewed wait: median below the mean
    assert e.wait_s > 0.8 * mean


def test_the_pace_seen_moves_the_figure() -> None:
    quiet = predict(line(ahead=9, calls=0)).wait_s
    fast = predict(line(ahead=9, calls=100)).wait_s  # a call every 18 s in the last half hour
    slow = predict(line(ahead=9, calls=20)).wait_s  # one every 90 s
    assert fast < quiet < slow
    # ... a little: the model counts as PACE_WEIGHT calls.
    assert fast > 0.6 * quiet and slow < 1.5 * quiet


def test_the_range_widens_with_the_wait_and_narrows_relative_to_it() -> None:
    near, far = predict(line(ahead=2)), predict(line(ahead=40))
    assert far.high_s - far.low_s > near.high_s - near.low_s
    # More calls to wait for average out: relatively narrower.
    assert (far.high_s - far.low_s) / far.wait_s < (near.high_s - near.low_s) / near.wait_s


def test_a_window_shared_with_an_empty_line_works_for_this_one() -> None:
    # Two windows, each half this service's by weight; the other lines are empty now.
    by_weight = predict(line(ahead=6, capacity=1.0, sharing=0.0)).wait_s
    shared = predict(line(ahead=6, capacity=1.0, sharing=2.0)).wait_s
    assert shared == pytest.approx(by_weight / 2, rel=0.01)


def test_nobody_open_counts_a_paused_window_or_one() -> None:
    paused = predict(line(ahead=0, capacity=0, paused=1.0))
    nobody = predict(line(ahead=0, capacity=0))
    assert paused.wait_s == nobody.wait_s > 0


def test_means_blend_towards_the_configuration_while_few() -> None:
    assert blend((), 600) == 600
    assert blend((300,) * 5, 600) == 450  # five observations against a prior worth five
    assert blend((300,) * 95, 600) == pytest.approx(315)


def test_baselines_count_windows_by_weight_share_and_use_the_mean() -> None:
    view = line(ahead=6, capacity=1.5, service_s=(100.0, 500.0) * 50)  # mean 300, median 300
    mean = blend(view.service_s, H)
    assert baselines.naive(view) == pytest.approx(6 * mean / 1.5)
    assert baselines.mmc(view) == pytest.approx(7 * mean / 1.5)

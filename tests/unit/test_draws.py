"""The simulator's random durations: each kind has the mean and spread it claims."""

from __future__ import annotations

import math
import random
from statistics import fmean, pstdev

import pytest

from dorak.sim_draws import (
    DrawError,
    Empirical,
    Exponential,
    Fixed,
    LogNormal,
    Uniform,
    parse_draw,
)

N = 40_000  # draws per check: the sample mean is then within 1.5 % for a cv of 1 (3 sigma)


def sample(draw: object, n: int = N, seed: int = 3) -> list[float]:
    rng = random.Random(seed)
    return [draw.draw(rng) for _ in range(n)]  # type: ignore[attr-defined]


def test_exponential_has_its_mean_and_a_cv_of_one() -> None:
    xs = sample(Exponential(360.0))
    assert fmean(xs) == pytest.approx(360, rel=0.015)
    assert pstdev(xs) / fmean(xs) == pytest.approx(1.0, abs=0.03)
    # Memoryless: of those past 360 s, the rest is again 360 s on average.
    assert fmean(x - 360 for x in xs if x > 360) == pytest.approx(360, rel=0.04)


@pytest.mark.parametrize("cv", [0.3, 0.6, 1.2])
def test_lognormal_has_the_mean_and_cv_asked(cv: float) -> None:
    xs = sample(LogNormal(600.0, cv))
    assert fmean(xs) == pytest.approx(600, rel=0.02 * max(cv, 1))
    assert pstdev(xs) / fmean(xs) == pytest.approx(cv, rel=0.08)
    assert min(xs) > 0
    # Skewed: the median is below the mean, at mean / sqrt(1 + cv^2).
    xs.sort()
    assert xs[N // 2] == pytest.approx(600 / math.sqrt(1 + cv * cv), rel=0.03)


def test_fixed_uniform_and_empirical() -> None:
    assert set(sample(Fixed(30.0), 100)) == {30.0}
    assert Fixed(0.0).mean == 0.0
    xs = sample(Uniform(15, 60))
    assert min(xs) >= 15 and max(xs) <= 60
    assert fmean(xs) == pytest.approx(37.5, rel=0.01) and Uniform(15, 60).mean == 37.5
    seen = (100.0, 200.0, 900.0)
    xs = sample(Empirical(seen), 3000)
    assert set(xs) == set(seen)  # resampled, never invented
    assert fmean(xs) == pytest.approx(400, rel=0.05) and Empirical(seen).mean == 400


def test_parse_draw_reads_profile_tables() -> None:
    assert parse_draw({"dist": "exponential", "mean_min": 6}, "x") == Exponential(360.0)
    assert parse_draw({"dist": "lognormal", "mean_s": 90, "cv": 0.5}, "x") == LogNormal(90, 0.5)
    assert parse_draw({"dist": "lognormal"}, "x", default_mean_s=300) == LogNormal(300, 0.6)
    assert parse_draw({"dist": "fixed", "mean_s": 0}, "x") == Fixed(0.0)
    assert parse_draw({"dist": "uniform", "low_s": 1, "high_s": 2}, "x") == Uniform(1, 2)
    assert parse_draw({"dist": "empirical"}, "x", empirical=[5, 6]) == Empirical((5.0, 6.0))


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"dist": "gamma"}, "'dist' must be one of"),
        ({"dist": "exponential"}, "needs mean_s or mean_min"),
        ({"dist": "exponential", "mean_s": 0}, "must be > 0"),
        ({"dist": "exponential", "mean_s": 1, "mean_min": 1}, "not both"),
        ({"dist": "lognormal", "mean_s": 60, "cv": 0}, "'cv' must be > 0"),
        ({"dist": "lognormal", "mean_s": -5}, "must be a number >= 0"),
        ({"dist": "uniform", "low_s": 9, "high_s": 3}, "high_s must be >= low_s"),
        ({"dist": "empirical"}, "no finished tickets"),
        ({"dist": "fixed", "mean_s": True}, "must be a number"),
    ],
)
def test_bad_tables_say_what_is_wrong(table: dict[str, object], message: str) -> None:
    with pytest.raises(DrawError, match=message):
        parse_draw(table, "[service_time] x")

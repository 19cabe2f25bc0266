"""The wait a ticket is told: a figure and an 80 % range, "about 20 min (15-30)".

One function, `predict`, behind the kiosk button, the printed ticket and the tracking page: the
same floor gives the same figure (dorak/domain/floor.py builds its `LineView`).

How. A ticket with a free window serving its service ahead of it is called at once: 0. Else it
is called at the n-th call of the windows serving it, n = people ahead - free windows + 1. The
time between two calls is the *mean* time a call holds a window (walk, the wait for those who
never come, service: a mean, since n gaps add up to n means) over the open windows serving the
service, each counted by its service's weight among the lines *that have people waiting now*
(a window shared with an empty line works for this one alone), pulled a little towards the pace
of the calls really made in the last half hour (the model counts as PACE_WEIGHT calls: the
recent pace holds what the model cannot see, a slow clerk, a window on a break, but over half
an hour it is noisy). The wait is then taken as gamma
distributed with that mean m and variance m^2 (GAPS / n + PACE): the n gaps (a pooled stream of
windows calls a little more regularly than a Poisson one) and the pace itself, which moves while
one waits. The figure told is the median (what minimises the typical error: half wait less,
half more), the range the 10th to 90th percentiles.

GAPS, PACE and PACE_WEIGHT were chosen on simulated days of seeds that the tests do not use
(README, "Simulation and the wait estimate"); a stronger pull towards the recent pace (the model
worth 5 or 10 calls) made the error grow on every profile.

The simple rules it is judged against (naive, M/M/c) read the same view: baselines.py.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist, fmean

PRIOR_WEIGHT = 5  # how many observations the configured expectation is worth
GAPS, PACE = 0.7, 0.05  # the variance's two parts, relative to the squared mean
PACE_WEIGHT = 60  # how many observed calls the model's pace is worth
LOW, HIGH = 0.10, 0.90  # the range: an 80 % interval
_Z = NormalDist()


@dataclass(frozen=True, slots=True)
class Estimate:
    wait_s: int  # the figure shown and printed
    low_s: int  # the 80 % range
    high_s: int


@dataclass(frozen=True, slots=True)
class LineView:
    """What the floor says about one ticket's line at one moment."""

    ahead: int  # called before it, as the line stands
    free: int  # open windows serving the service with nobody at them
    capacity: float  # open windows serving the service, by weight share
    paused: float  # paused windows serving the service, by weight share
    expected_s: float  # the configured service time
    service_s: tuple[float, ...] = ()  # recent service times (start -> finish)
    held_s: tuple[float, ...] = ()  # recent holds of a window (call -> window free)
    calls: int = 0  # calls of the service in the last `span_s`
    span_s: float = 1800.0
    sharing: float = 0.0  # open windows serving it, by its share among the lines with people

    def mean_service_s(self) -> float:
        return blend(self.service_s, self.expected_s)

    def mean_held_s(self) -> float:
        return blend(self.held_s, self.expected_s)


def blend(recent: Sequence[float], expected: float) -> float:
    """The mean of the recent times, pulled towards the configured one while they are few."""
    n = len(recent)
    if not n:
        return expected
    return (fmean(recent) * n + expected * PRIOR_WEIGHT) / (n + PRIOR_WEIGHT)


def seconds_per_call(line: LineView) -> float:
    """Expected seconds between two calls of the service."""
    capacity = line.sharing or line.capacity or line.paused or 1.0  # nobody open: one is back
    model = line.mean_held_s() / capacity
    if line.calls <= 0:
        return model
    return (line.span_s + model * PACE_WEIGHT) / (line.calls + PACE_WEIGHT)


def predict(line: LineView) -> Estimate:
    if line.ahead < line.free:
        return Estimate(0, 0, 0)
    calls = line.ahead - line.free + 1
    mean = calls * seconds_per_call(line)
    var = mean * mean * (GAPS / calls + PACE)
    return Estimate(
        round(gamma_quantile(mean, var, 0.5)),
        round(gamma_quantile(mean, var, LOW)),
        round(gamma_quantile(mean, var, HIGH)),
    )


def gamma_quantile(mean: float, var: float, p: float) -> float:
    """The p-quantile of the gamma distribution with this mean and variance (Wilson-Hilferty:
    the cube root of a gamma variable is nearly normal). Against the exact quantiles: within
    0.5 % from shape 2 on; at shape 1, the exponential, the 10th percentile comes 7 % low)."""
    if mean <= 0:
        return 0.0
    if var <= 0:
        return mean
    shape = mean * mean / var
    root = 1 - 1 / (9 * shape) + _Z.inv_cdf(p) * math.sqrt(1 / (9 * shape))
    return mean * max(root, 0.0) ** 3

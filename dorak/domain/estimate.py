"""The wait a ticket is told: a figure and an 80 % range, "about 20 min (15-30)".

One function, `predict`, behind the kiosk button, the printed ticket and the tracking page: the
same floor gives the same figure (dorak/domain/floor.py builds its `LineView`).

How. A ticket with a free window serving its service ahead of it is called at once: 0. Else it
is called at the n-th call of the windows serving it, n = people ahead - free windows + 1. The
time between two calls is the mean time a call holds a window (walk, no-show wait and service:
the *mean*, since a mean is what n gaps add up to) over the open windows counted by their
weight share, pulled towards the pace of the calls really made in the last half hour (that pace
already holds what the configuration cannot see: windows busy with another line, priority
tickets, a slow clerk, a window on a break). The wait is then taken as gamma distributed with
that mean; its variance has two parts: the n gaps themselves (exponential gaps: a pooled stream
of windows calls about as irregularly as a Poisson one) and the pace, known only from the
recent calls. The figure told is the median of that distribution (what minimises the typical
error: half wait less, half more), the range its 10th and 90th percentiles.

The simple rules it is judged against (naive, M/M/c) read the same view: dorak/domain/baselines.py.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist, fmean

PRIOR_WEIGHT = 5  # how many observations the configured expectation is worth
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
    capacity = line.capacity or line.paused or 1.0  # nobody open: someone will be back
    model = line.mean_held_s() / capacity
    if line.calls <= 0:
        return model
    return (line.span_s + model * PRIOR_WEIGHT) / (line.calls + PRIOR_WEIGHT)


def predict(line: LineView) -> Estimate:
    if line.ahead < line.free:
        return Estimate(0, 0, 0)
    calls = line.ahead - line.free + 1
    pace = seconds_per_call(line)
    mean = calls * pace
    # The pace is known from the calls seen and the prior's worth: relative variance 1 / that.
    known = line.calls + PRIOR_WEIGHT
    var = mean * mean * (1 / calls + 1 / known)
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

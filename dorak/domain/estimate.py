"""The wait a ticket is told: a figure and an 80 % range, "about 20 min (15-30)".

Where the mean comes from. The floor played forward (dorak/domain/replay.py, from
Floor.played) gives the moment each waiting ticket, and a ticket taken now, will be called:
the mean wait m, and the number n of calls of its service before it. Only when the floor
cannot be played for a service (no window serving it is staffed, or a call beyond the
horizon) does the formula `predict` below give m: 0 with a free window ahead, else n = people
ahead - free windows + 1 calls, each the mean hold of a window over the windows serving the
service by weight share, pulled a little towards the pace of calls of the last half hour.
The simple rules the estimate is judged against read the formula's view: baselines.py.

The figure (`told`). The wait is taken as gamma distributed with mean m and variance
m^2 (GAPS / n + PACE): the n gaps between calls, which average out as they add up, and the
pace itself, which moves while one waits (a clerk's break, a hard file). The figure told is
the median (what minimises the typical error: half wait less, half more), the range the 10th
to 90th percentiles. The kiosk button, the printed ticket and the tracking page all come
from the same floor through the same function: the same figure.

GAPS and PACE were chosen on simulated days of seeds that the tests do not use (README,
"Simulation and the wait estimate") so that the range holds 80 % of the waits.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist, fmean

PRIOR_WEIGHT = 5  # how many observations the configured expectation is worth
GAPS, PACE = 0.5, 0.1  # the variance's two parts, relative to the squared mean
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
    """The formula over the line's view: what is told when the floor cannot be played forward
    (no window serving the service is staffed)."""
    if line.ahead < line.free:
        return Estimate(0, 0, 0)
    calls = line.ahead - line.free + 1
    return told(calls * seconds_per_call(line), calls)


def told(mean: float, calls: int) -> Estimate:
    """The figure and range for a wait of this mean that ends at the `calls`-th call."""
    if mean <= 0:
        return Estimate(0, 0, 0)
    var = mean * mean * (GAPS / max(calls, 1) + PACE)
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

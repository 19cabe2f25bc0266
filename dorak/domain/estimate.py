"""A first honest estimate of the wait for a ticket.

wait ~= (people ahead - free windows + 1/2) x seconds between two calls of the service.

The half accounts for the citizen at the window now being on average half way through. The typical
service time is the median of the recent ones, pulled towards the configured expectation while
there are few of them. Windows count by the share of their weight that goes to the service.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from statistics import median

PRIOR_WEIGHT = 5  # how many observations the configured expectation is worth


def typical_service_time(recent_s: Sequence[float], expected_s: float) -> float:
    if not recent_s:
        return expected_s
    n = len(recent_s)
    return (median(recent_s) * n + expected_s * PRIOR_WEIGHT) / (n + PRIOR_WEIGHT)


def window_capacity(service: str, open_windows: Sequence[Mapping[str, float]]) -> float:
    """How many whole windows' worth of work goes to `service` among the open windows."""
    total = 0.0
    for weights in open_windows:
        if service in weights:
            total += weights[service] / sum(weights.values())
    return total


def seconds_per_call(service_time_s: float, capacity: float) -> float:
    """Expected seconds between two calls of a service."""
    if capacity <= 0:
        capacity = 1.0  # nobody open now: assume one window will open rather than say "forever"
    return service_time_s / capacity


def blend_pace(model_s: float, calls: int, span_s: float) -> float:
    """Seconds between calls: the model's figure, pulled towards what the last `span_s` seconds
    showed (`calls` calls of the service) as evidence accumulates. The observed pace already
    holds what the model cannot see: windows busy with other services, priority tickets,
    clerks faster or slower than expected."""
    if calls <= 0:
        return model_s
    observed = span_s / calls
    return (observed * calls + model_s * PRIOR_WEIGHT) / (calls + PRIOR_WEIGHT)


def estimate_wait(ahead: int, seconds_per_call: float, idle: float = 0.0) -> int:
    """`idle`: windows serving the service that are free right now (by weight share); the first
    people in line go straight to them."""
    if ahead < idle:
        return 0
    return round((ahead - idle + 0.5) * seconds_per_call)

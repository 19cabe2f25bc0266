"""Erlang C: the textbook M/M/c queue (Poisson arrivals, exponential service, c servers, first
come first served), against which the simulator is checked (`dorak simulate` prints it for a
profile that is such a queue)."""

from __future__ import annotations


def erlang_c(servers: int, load: float) -> float:
    """Probability that an arrival waits: C(c, a) with a = lambda / mu in erlangs (< c)."""
    if servers < 1 or not 0 <= load < servers:
        raise ValueError("needs at least one server and a load below the number of servers")
    # The Erlang B recursion, B(k) = a B(k-1) / (k + a B(k-1)), is stable for any c; then C
    # follows from B.
    b = 1.0
    for k in range(1, servers + 1):
        b = load * b / (k + load * b)
    rho = load / servers
    return b / (1 - rho + rho * b)


def mean_wait(servers: int, arrivals_per_s: float, mean_service_s: float) -> float:
    """Mean wait in the line, all arrivals counted (those who do not wait count 0)."""
    load = arrivals_per_s * mean_service_s
    return erlang_c(servers, load) * mean_service_s / (servers - load)

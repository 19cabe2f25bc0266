"""The simple rules Dorak's wait estimate is judged against, computed from the same view of the
floor at the same moment (a fair comparison: the strongest simple rules, not straw men).

- naive: people ahead x mean recent service time / the open windows serving the service, each
  window counted by the share of its weight that goes to the service;
- M/M/c: the textbook conditional wait of a c-window queue: 0 when a window is free, else
  (people ahead + 1) / (c x mu), with c the windows counted as above and 1/mu the mean
  service time;
- naive_hold, mmc_hold: the same two with the mean time a call holds a window (walk, the wait
  for those who never come, service) over the same recent holds Dorak's estimate reads: the
  same data, so a better figure cannot come from more of it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from .estimate import LineView


def capacity(line: LineView) -> float:
    """Open windows by weight share (none open: one, rather than "forever")."""
    return line.capacity or 1.0


def mean_s(line: LineView, hold: bool) -> float:
    return line.mean_held_s() if hold else line.mean_service_s()


def naive(line: LineView, hold: bool = False) -> float:
    return line.ahead * mean_s(line, hold) / capacity(line)


def mmc(line: LineView, hold: bool = False) -> float:
    if line.ahead < line.free:
        return 0.0
    return (line.ahead + 1) * mean_s(line, hold) / capacity(line)


BASELINES: dict[str, Callable[[LineView], float]] = {
    "naive": naive,
    "mmc": mmc,
    "naive_hold": partial(naive, hold=True),
    "mmc_hold": partial(mmc, hold=True),
}

"""The simple rules Dorak's wait estimate is judged against, computed from the same view of the
floor at the same moment (a fair comparison: the strongest simple rules, not straw men).

- naive: people ahead x mean recent service time / the open windows serving the service, each
  window counted by the share of its weight that goes to the service;
- M/M/c: the textbook conditional wait of a c-window queue: 0 when a window is free, else
  (people ahead + 1) / (c x mu), with c the windows counted as above and 1/mu the mean
  service time.
"""

from __future__ import annotations

from collections.abc import Callable

from .estimate import LineView


def capacity(line: LineView) -> float:
    """Open windows by weight share (none open: one, rather than "forever")."""
    return line.capacity or 1.0


def naive(line: LineView) -> float:
    return line.ahead * line.mean_service_s() / capacity(line)


def mmc(line: LineView) -> float:
    if line.ahead < line.free:
        return 0.0
    return (line.ahead + 1) * line.mean_service_s() / capacity(line)


BASELINES: dict[str, Callable[[LineView], float]] = {"naive": naive, "mmc": mmc}

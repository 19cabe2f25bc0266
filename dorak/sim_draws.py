"""Random durations for the simulator: service times, walks from the lobby to the window.

Each kind is a small frozen class with its mean and a `draw(rng)`; `parse_draw` reads one from a
profile's table. Means are in seconds everywhere inside; profiles may say `mean_min`."""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import fmean
from typing import Any, Protocol

KINDS = ("exponential", "lognormal", "fixed", "uniform", "empirical")


class DrawError(ValueError):
    """A distribution that cannot be built from what a profile says."""


class Draw(Protocol):
    @property
    def mean(self) -> float: ...

    def draw(self, rng: random.Random) -> float: ...


@dataclass(frozen=True)
class Fixed:
    value: float

    @property
    def mean(self) -> float:
        return self.value

    def draw(self, rng: random.Random) -> float:
        return self.value


@dataclass(frozen=True)
class Exponential:
    mean_s: float

    @property
    def mean(self) -> float:
        return self.mean_s

    def draw(self, rng: random.Random) -> float:
        return rng.expovariate(1 / self.mean_s)


@dataclass(frozen=True)
class LogNormal:
    """Log-normal with the given mean and coefficient of variation (standard deviation / mean):
    the usual shape of service times, a long tail of hard files."""

    mean_s: float
    cv: float

    @property
    def mean(self) -> float:
        return self.mean_s

    def draw(self, rng: random.Random) -> float:
        sigma = math.sqrt(math.log(1 + self.cv * self.cv))
        return rng.lognormvariate(math.log(self.mean_s) - sigma * sigma / 2, sigma)


@dataclass(frozen=True)
class Uniform:
    low_s: float
    high_s: float

    @property
    def mean(self) -> float:
        return (self.low_s + self.high_s) / 2

    def draw(self, rng: random.Random) -> float:
        return rng.uniform(self.low_s, self.high_s)


@dataclass(frozen=True)
class Empirical:
    """Resampled, with replacement, from durations really seen (a center's finished tickets)."""

    values: tuple[float, ...]

    @property
    def mean(self) -> float:
        return fmean(self.values)

    def draw(self, rng: random.Random) -> float:
        return rng.choice(self.values)


def _seconds(table: Mapping[str, Any], where: str, default_s: float | None) -> float:
    """The mean, from `mean_s` or `mean_min`, else the default."""
    if "mean_s" in table and "mean_min" in table:
        raise DrawError(f"{where}: give mean_s or mean_min, not both")
    if "mean_s" in table:
        value = _number(table, "mean_s", where)
    elif "mean_min" in table:
        value = _number(table, "mean_min", where) * 60
    elif default_s is not None:
        value = default_s
    else:
        raise DrawError(f"{where}: needs mean_s or mean_min")
    return value


def _number(table: Mapping[str, Any], key: str, where: str) -> float:
    value = table[key]
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise DrawError(f"{where}: '{key}' must be a number >= 0 (got {value!r})")
    return float(value)


def parse_draw(
    table: Mapping[str, Any],
    where: str,
    default_mean_s: float | None = None,
    empirical: Sequence[float] | None = None,
) -> Draw:
    """One distribution from a profile table such as `{dist = "lognormal", mean_min = 14,
    cv = 0.6}`. `empirical`: the durations an `empirical` table resamples (read by the caller,
    which knows the database)."""
    kind = table.get("dist")
    if kind not in KINDS:
        raise DrawError(f"{where}: 'dist' must be one of {', '.join(KINDS)} (got {kind!r})")
    if kind == "uniform":
        low, high = _number(table, "low_s", where), _number(table, "high_s", where)
        if high < low:
            raise DrawError(f"{where}: high_s must be >= low_s")
        return Uniform(low, high)
    if kind == "empirical":
        if not empirical:
            raise DrawError(f"{where}: no finished tickets to resample")
        return Empirical(tuple(float(x) for x in empirical))
    mean = _seconds(table, where, default_mean_s)
    if kind == "fixed":
        return Fixed(mean)
    if mean <= 0:
        raise DrawError(f"{where}: the mean of a {kind} distribution must be > 0")
    if kind == "exponential":
        return Exponential(mean)
    cv = _number(table, "cv", where) if "cv" in table else 0.6
    if cv <= 0:
        raise DrawError(f"{where}: 'cv' must be > 0 (for no spread use dist = \"fixed\")")
    return LogNormal(mean, cv)

"""The figures of a simulation: the waits, every estimator's error on the same tickets, how
often the printed range held the real wait, and, for a profile that is the textbook M/M/c
queue, what Erlang C says. `dorak simulate --json` prints exactly this."""

from __future__ import annotations

import math
from collections import defaultdict
from statistics import NormalDist, fmean, stdev
from typing import Any

from .domain import erlang
from .reports import percentile
from .sim_draws import Exponential, Fixed
from .sim_profile import Profile
from .simulate import Judged, Outcome


def figures(out: Outcome, profile: Profile, seed: int) -> dict[str, Any]:
    called = [j for j in out.judged.values() if j.wait is not None]
    waits = sorted(j.wait for j in called if j.wait is not None)
    if not waits:
        return {"days": len(out.days), "seed": seed, "issued": out.issued, "tickets": 0}
    ranged = [j for j in called if j.estimates["dorak"] > 0]
    now = [j for j in called if j.estimates["dorak"] == 0]
    result: dict[str, Any] = {
        "days": len(out.days),
        "seed": seed,
        "warmup_hours": profile.warmup_hours,
        "issued": out.issued,
        "tickets": len(called),  # judged: issued after the warm-up and called
        "never_called": len(out.judged) - len(called),  # expired when their day ended
        "turned_away": out.turned_away,
        "mean_wait_s": round(fmean(waits), 1),
        "mean_wait_ci95_s": _ci95(called),
        "p50_wait_s": round(_p(waits, 0.5), 1),
        "p90_wait_s": round(_p(waits, 0.9), 1),
        "share_waited": round(sum(w > 0 for w in waits) / len(waits), 4),
        "estimators": {
            name: {
                "mae_s": round(fmean(abs(j.estimates[name] - _wait(j)) for j in called), 1),
                "bias_s": round(fmean(j.estimates[name] - _wait(j) for j in called), 1),
            }
            for name in called[0].estimates
        },
        # Of the tickets told a range: the share whose wait fell in it (the range is 80 %).
        "interval_coverage": _share(ranged, lambda j: j.low <= _wait(j) <= j.high),
        # Every ticket, those told "now" (range 0-0) included.
        "interval_coverage_all": _share(called, lambda j: j.low <= _wait(j) <= j.high),
        "told_now": _share(called, lambda j: j.estimates["dorak"] == 0),
        "told_now_called_at_once": _share(now, lambda j: _wait(j) == 0),
        "kiosk_equals_ticket": out.mismatches == 0,
    }
    theory = textbook(profile)
    if theory is not None:
        result["erlang_c"] = theory
    return result


def textbook(profile: Profile) -> dict[str, Any] | None:
    """Erlang C's figures when the profile is an M/M/c queue: one service served by every
    window, Poisson arrivals at a constant rate, exponential service, no walk, no no-shows, no
    priorities, no breaks, every clerk at the same speed."""
    center = profile.center
    (code, per_hour), *others = profile.arrivals.items()
    service = profile.service_time[code]
    plain = (
        not others
        and all(set(w.services) == {code} for w in center.windows)
        and isinstance(service, Exponential)
        and len(set(profile.hourly)) <= 1
        and (not profile.hourly or profile.hourly[0] == 1)
        and isinstance(profile.walk, Fixed)
        and profile.walk.value == 0
        and profile.no_show == 0
        and profile.priority_share == 0
        and not profile.breaks
        and all(f == 1 for f in profile.clerk_speed.values())
    )
    servers, load = len(center.windows), per_hour / 3600 * service.mean
    if not plain or load >= servers:
        return None
    return {
        "windows": servers,
        "load_erlangs": round(load, 3),
        "mean_wait_s": round(erlang.mean_wait(servers, per_hour / 3600, service.mean), 1),
        "share_waited": round(erlang.erlang_c(servers, load), 4),
    }


def _wait(j: Judged) -> float:
    assert j.wait is not None
    return j.wait


def _p(values: list[float], q: float) -> float:
    found = percentile(values, q)
    assert found is not None
    return found


def _share(items: list[Judged], test: Any) -> float | None:
    return round(sum(1 for j in items if test(j)) / len(items), 4) if items else None


def _ci95(called: list[Judged]) -> list[float] | None:
    """95 % interval of the mean wait from the days' own means (waits within a day depend on
    each other, days do not): Student's t on the day means."""
    by_day: dict[int, list[float]] = defaultdict(list)
    for j in called:
        by_day[j.day].append(_wait(j))
    means = [fmean(v) for v in by_day.values()]
    if len(means) < 5:  # too few days to say
        return None
    half = _t975(len(means) - 1) * stdev(means) / math.sqrt(len(means))
    centre = fmean(_wait(j) for j in called)
    return [round(centre - half, 1), round(centre + half, 1)]


def _t975(df: int) -> float:
    """Student's t 97.5 % quantile (Cornish-Fisher expansion; within 1 % from 4 degrees of
    freedom on)."""
    z = NormalDist().inv_cdf(0.975)
    return z + (z**3 + z) / (4 * df) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df * df)

"""The simulator against queueing theory, on profiles/mmc.toml (M/M/10 at 90 an hour, 6-minute
exponential service: Erlang C says 240.7 s and 66.9 % wait, computed here from the textbook
sums).

Two checks make the claim: the engine (the real use cases and store, through `simulate`) calls
every ticket at exactly the moment the textbook first-come-first-served queue with ten servers
would, given the same arrivals and service times; and that textbook queue, fed by the
simulator's own arrival process and service-time draws over thousands of days, agrees with
Erlang C. At a load of 0.9 one day's mean wait varies by about 55 % (a busy spell lasts hours),
so the simulator itself would need some 500 days for a 5 % agreement to be more than luck;
README "Simulation and the wait estimate" has the figures of `dorak simulate --days 40`."""

from __future__ import annotations

import heapq
import json
import math
import random
from datetime import date, datetime, timedelta
from pathlib import Path
from statistics import fmean
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from dorak.cli import main
from dorak.config import load_center
from dorak.sim_profile import load_profile
from dorak.simulate import arrival_times, simulate
from dorak.store import Store

MMC = Path(__file__).resolve().parents[2] / "profiles" / "mmc.toml"
WINDOWS, PER_HOUR, MEAN_S = 10, 90.0, 360.0
DAYS = 4000  # of the textbook queue: a standard error of 1.1 % on the mean wait


def erlang_c(c: int, a: float) -> float:
    top = a**c / math.factorial(c) * c / (c - a)
    return top / (sum(a**k / math.factorial(k) for k in range(c)) + top)


LOAD = PER_HOUR / 3600 * MEAN_S
SHARE = erlang_c(WINDOWS, LOAD)
MEAN_WAIT = SHARE * MEAN_S / (WINDOWS - LOAD)


def first_come_first_served(arrivals: list[float], services: list[float], c: int) -> list[float]:
    """When each arrival starts service at the earliest free of c servers, in arrival order."""
    free = [arrivals[0]] * c if arrivals else []
    starts = []
    for at, took in zip(arrivals, services, strict=True):
        start = max(at, heapq.heappop(free))
        heapq.heappush(free, start + took)
        starts.append(start)
    return starts


def test_the_theory_figures() -> None:
    assert pytest.approx(240.7, abs=0.05) == MEAN_WAIT and pytest.approx(0.669, abs=5e-4) == SHARE


def test_the_simulator_is_the_textbook_queue_ticket_by_ticket(tmp_path: Path) -> None:
    profile = load_profile(MMC, load_center())
    store = Store(tmp_path / "mmc.db")
    store.migrate()
    out = simulate(store, profile, 2, 5, date(2026, 11, 29))
    assert out.days == ["2026-11-29", "2026-11-30"] and out.mismatches == 0
    assert store.one("SELECT count(*) AS n FROM tickets WHERE status != 'done'") == {"n": 0}
    assert store.one("SELECT count(DISTINCT window) AS n FROM tickets") == {"n": WINDOWS}
    for day in out.days:
        rows = store.all(
            "SELECT queued_at, called_at, started_at, finished_at FROM tickets WHERE day = ? "
            "ORDER BY queued_at, id",
            (day,),
        )
        assert len(rows) > 1800
        assert all(r["started_at"] == r["called_at"] for r in rows)  # no walk
        starts = first_come_first_served(
            [r["queued_at"] for r in rows],
            [r["finished_at"] - r["started_at"] for r in rows],
            WINDOWS,
        )
        assert max(abs(s - r["called_at"]) for s, r in zip(starts, rows, strict=True)) < 1e-4
        assert sum(r["called_at"] > r["queued_at"] for r in rows) > 0.4 * len(rows)
    # Judged: only what came after the warm-up, six hours into each day.
    assert min(j.day for j in out.judged.values()) == 0 and len(out.judged) < out.issued * 0.8


@pytest.mark.slow
def test_the_textbook_queue_on_the_simulators_draws_agrees_with_erlang_c() -> None:
    """DAYS days of the profile's arrival process and service times through the textbook queue
    (a day's mean wait varies by some 65 %, its share that waits by 0.1)."""
    profile = load_profile(MMC, load_center())
    service = profile.service_time["general"]
    assert service.mean == MEAN_S and profile.arrivals == {"general": PER_HOUR}
    rng = random.Random(2026)
    tz = ZoneInfo(profile.center.timezone)
    opens, last = profile.day_seconds
    waits: list[float] = []
    for d in range(DAYS):
        day = date(2026, 11, 29) + timedelta(days=d)
        midnight = datetime(day.year, day.month, day.day, tzinfo=tz).timestamp()
        arrivals = arrival_times(rng, PER_HOUR, (), midnight + opens, midnight + last, midnight)
        services = [service.draw(rng) for _ in arrivals]
        starts = first_come_first_served(arrivals, services, WINDOWS)
        counted_from = midnight + opens + profile.warmup_hours * 3600
        waits += [s - a for s, a in zip(starts, arrivals, strict=True) if a >= counted_from]
    assert len(waits) > DAYS * 1400
    assert fmean(waits) == pytest.approx(MEAN_WAIT, rel=0.05)
    assert sum(w > 0 for w in waits) / len(waits) == pytest.approx(SHARE, abs=0.02)


def test_simulate_reports_erlang_c_for_the_textbook_profile(tmp_path: Path) -> None:
    db = str(tmp_path / "mmc.db")
    r = CliRunner().invoke(
        main, ["simulate", "--profile", str(MMC), "--days", "2", "--db", db, "--json"]
    )
    assert r.exit_code == 0, r.output
    found = json.loads(r.output)
    theory = found["erlang_c"]
    assert theory["windows"] == WINDOWS and theory["load_erlangs"] == LOAD
    assert theory["mean_wait_s"] == pytest.approx(MEAN_WAIT, abs=0.05)
    assert theory["share_waited"] == pytest.approx(SHARE, abs=1e-4)
    assert found["tickets"] > 2500 and found["warmup_hours"] == 6
    assert found["mean_wait_ci95_s"] is None  # two days say nothing about it

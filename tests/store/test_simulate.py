"""The simulator drives the real queue: what a profile says is what the database shows
(walks, service times, clerk speed, no-shows, breaks, warm-up), days never overlap, and a seed
gives the same days again."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from dorak.cli import main
from dorak.config import load_center
from dorak.reports import report
from dorak.sim_profile import Profile, ProfileError, load_profile
from dorak.simulate import Outcome, simulate
from dorak.store import Store
from dorak.store.durations import Durations

PROFILES = Path(__file__).resolve().parents[2] / "profiles"
DAY = date(2026, 11, 29)
CAIRO = ZoneInfo("Africa/Cairo")
ONE_WINDOW = """
[center]
name_ar = "م"
name_en = "One window"
timezone = "Africa/Cairo"
[[services]]
code = "a"
prefix = "A"
name_ar = "أ"
name_en = "A"
expected_service_min = 5
[[windows]]
number = 1
services = { a = 1 }
[[windows]]
number = 2
services = { a = 1 }
"""


def profile_file(tmp_path: Path, text: str, name: str = "p.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(
    tmp_path: Path, profile: Profile, days: int = 1, seed: int = 3, name: str = "sim.db"
) -> tuple[Store, Outcome]:
    store = Store(tmp_path / name)
    store.migrate()
    return store, simulate(store, profile, days, seed, DAY)


def sample() -> Profile:
    return load_profile(PROFILES / "sample.toml", load_center())


def test_a_simulated_day_is_a_normal_day(tmp_path: Path) -> None:
    store, out = run(tmp_path, sample())
    rows = {r["service"]: r for r in report(store, sample().center, DAY, DAY, "service")}
    assert out.issued > 300 and out.turned_away == 0 and out.mismatches == 0
    assert sum(r["issued"] for r in rows.values()) == out.issued
    assert all(r["called"] == r["issued"] for r in rows.values())  # nobody left at closing
    first = store.tickets.get(1)
    signed_in = store.one("SELECT min(at) AS at FROM events WHERE kind = 'signed_in'")
    assert first is not None and signed_in is not None and first.issued_at >= signed_in["at"]
    numbers = store.all("SELECT number FROM tickets WHERE service = 'payments' ORDER BY seq")
    assert numbers[0]["number"] == "H001"
    left = store.one("SELECT count(*) AS n FROM tickets WHERE status IN ('waiting', 'called')")
    assert left == {"n": 0}
    assert store.all("SELECT * FROM window_staff") == []  # everyone went home
    assert store.one("SELECT count(*) AS n FROM tickets WHERE priority IS NOT NULL")["n"] > 0  # type: ignore[index]
    # Every judged ticket was called; the printed estimate is the one the simulator judged.
    assert len(out.judged) == out.issued and all(j.wait is not None for j in out.judged.values())
    for ticket_id, judged in list(out.judged.items())[:50]:
        t = store.tickets.get(ticket_id)
        assert t is not None and t.estimated_wait_s == judged.estimates["dorak"]
        assert t.called_at is not None and t.called_at - t.queued_at == judged.wait


def test_same_seed_same_days(tmp_path: Path) -> None:
    a, _ = run(tmp_path, sample(), name="a.db")
    b, _ = run(tmp_path, sample(), name="b.db")
    c, _ = run(tmp_path, sample(), seed=4, name="c.db")
    q = "SELECT number, called_at, finished_at, estimated_wait_s FROM tickets ORDER BY id"
    assert a.all(q) == b.all(q) != c.all(q)


def test_days_never_overlap(tmp_path: Path) -> None:
    """An overloaded evening: the lobby is still full at midnight, when the working day ends
    (what still waits expires) and the next one opens. The next day starts only once the
    windows have finished, so time never goes back."""
    text = (
        ONE_WINDOW
        + """
[day]
opens = "00:00"
last_ticket = "23:50"
always_open = true
[arrivals]
a = 40
[service_time]
a = { dist = "fixed", mean_min = 4 }
"""
    )
    profile = load_profile(profile_file(tmp_path, text), load_center())
    store, out = run(tmp_path, profile, days=2)
    at = [r["at"] for r in store.all("SELECT at FROM events ORDER BY id")]
    assert at == sorted(at)
    expired = store.all("SELECT day, finished_at FROM tickets WHERE status = 'expired'")
    assert {r["day"] for r in expired} == {"2026-11-29", "2026-11-30"}
    assert sum(j.wait is None for j in out.judged.values()) == len(expired)
    second = store.one("SELECT min(issued_at) AS at FROM tickets WHERE day = '2026-11-30'")
    first_done = store.one("SELECT max(finished_at) AS at FROM tickets WHERE day = '2026-11-29'")
    assert second["at"] > first_done["at"]  # type: ignore[index]
    assert out.days == ["2026-11-29", "2026-11-30"]


def test_walks_service_times_clerk_speed_and_no_shows(tmp_path: Path) -> None:
    text = (
        ONE_WINDOW
        + """
[day]
opens = "08:00"
last_ticket = "14:00"
[arrivals]
a = 20
[service_time]
a = { dist = "fixed", mean_s = 300 }
[walk]
dist = "fixed"
mean_s = 30
[citizens]
no_show = 0.2
no_show_after_s = 120
[clerk_speed]
2 = 1.5
"""
    )
    profile = load_profile(profile_file(tmp_path, text), load_center())
    store, _ = run(tmp_path, profile, days=2)
    done = store.all(
        "SELECT window, called_at, started_at, finished_at FROM tickets WHERE status = 'done'"
    )
    assert {round(r["started_at"] - r["called_at"], 6) for r in done} == {30}
    took = {r["window"]: round(r["finished_at"] - r["started_at"], 6) for r in done}
    assert took == {1: 300, 2: 450}
    gone = store.all("SELECT called_at, finished_at FROM tickets WHERE status = 'no_show'")
    assert {round(r["finished_at"] - r["called_at"], 6) for r in gone} == {120}
    assert 0.12 < len(gone) / (len(gone) + len(done)) < 0.28


def test_breaks_pause_the_windows_after_the_citizen_at_them(tmp_path: Path) -> None:
    profile = load_profile(PROFILES / "breaks.toml", load_center())
    store, out = run(tmp_path, profile, days=2)
    noon = {d: _epoch(d, "12:00") for d in out.days}
    for window in (3, 8):
        paused = store.all(
            "SELECT at FROM events WHERE kind = 'window_paused' AND window = ? ORDER BY at",
            (window,),
        )
        back = store.all(
            "SELECT at FROM events WHERE kind = 'window_open' AND window = ? ORDER BY at",
            (window,),
        )
        assert len(paused) == len(back) == 2
        for p, b, day in zip(paused, back, out.days, strict=True):
            assert noon[day] <= p["at"] < noon[day] + 3600
            assert b["at"] - p["at"] == pytest.approx(20 * 60)
            calls = store.one(
                "SELECT count(*) AS n FROM tickets WHERE window = ? AND called_at > ? "
                "AND called_at < ?",
                (window, p["at"], b["at"]),
            )
            assert calls == {"n": 0}
    assert out.mismatches == 0


def test_a_break_can_sign_the_clerk_out(tmp_path: Path) -> None:
    text = (
        (PROFILES / "sample.toml").read_text(encoding="utf-8")
        + """
[[breaks]]
windows = [4]
at = "11:00"
minutes = 30
leave = true
"""
    )
    profile = load_profile(profile_file(tmp_path, text), load_center())
    store, _ = run(tmp_path, profile)
    rows = store.all("SELECT kind, at FROM events WHERE window = 4 AND ticket_id IS NULL")
    assert [r["kind"] for r in rows] == ["signed_in", "signed_out", "signed_in", "signed_out"]
    assert _epoch("2026-11-29", "11:00") <= rows[1]["at"] < _epoch("2026-11-29", "12:00")
    assert rows[2]["at"] - rows[1]["at"] == pytest.approx(30 * 60)


def test_the_warm_up_is_not_judged(tmp_path: Path) -> None:
    text = (
        ONE_WINDOW
        + """
[day]
opens = "08:00"
last_ticket = "12:00"
warmup_hours = 2
[arrivals]
a = 15
"""
    )
    profile = load_profile(profile_file(tmp_path, text), load_center())
    store, out = run(tmp_path, profile)
    opening = _epoch("2026-11-29", "08:00")
    issued = {r["id"]: r["issued_at"] for r in store.all("SELECT id, issued_at FROM tickets")}
    judged = set(out.judged)
    assert judged and len(judged) < len(issued)
    assert all(issued[i] >= opening + 7200 for i in judged)
    assert all(at < opening + 7200 for i, at in issued.items() if i not in judged)


def test_empirical_service_times_come_from_a_database(tmp_path: Path) -> None:
    source, _ = run(tmp_path, sample(), name="source.db")
    seen = {round(x, 6) for x in Durations(source).service_times("payments")}
    text = (
        (PROFILES / "sample.toml")
        .read_text(encoding="utf-8")
        .replace(
            'payments = { dist = "lognormal", mean_min = 3, cv = 0.6 }',
            'payments = { dist = "empirical", db = "source.db" }',
        )
    )
    profile = load_profile(profile_file(tmp_path, text), load_center())
    store, _ = run(tmp_path, profile, seed=9, name="again.db")
    drawn = {round(x, 6) for x in Durations(store).service_times("payments")}
    assert len(drawn) > 30 and drawn <= seen


BAD = [
    ("[arrivals]\nweather = 3\n", "weather"),
    ("[arrivals]\n", "needs ticket services"),
    ("[arrivals]\ndocuments = 3\n", "documents"),  # a group, not a line
    ("speed = 2\n[arrivals]\npayments = 3\n", "unknown key"),
    ('[day]\nopens = "8am"\n[arrivals]\npayments = 3\n', "time like"),
    ('[day]\nopens = "15:00"\nlast_ticket = "09:00"\n[arrivals]\npayments = 3\n', "after opens"),
    ("[arrivals]\npayments = -3\n", "payments"),
    ('[arrivals]\npayments = 3\n[service_time]\npayments = { dist = "beta" }\n', "dist"),
    ('[arrivals]\npayments = 3\n[service_time]\npermits = { dist = "fixed" }\n', "permits"),
    ('[arrivals]\npayments = 3\n[service_time]\npayments = { dist = "empirical" }\n', "db ="),
    ("[arrivals]\npayments = 3\n[citizens]\nno_show = 1.5\n", "no_show"),
    ('[arrivals]\npayments = 3\n[[breaks]]\nwindows = [11]\nat = "12:00"\nminutes = 5\n', "11"),
    ("[arrivals]\npayments = 3\n[clerk_speed]\n12 = 1.3\n", "12"),
    ('center = "nowhere.toml"\n[arrivals]\npayments = 3\n', "cannot read"),
    ("[arrivals\n", "p.toml"),
]


@pytest.mark.parametrize(("text", "message"), BAD)
def test_a_bad_profile_says_what_is_wrong(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ProfileError, match=message):
        load_profile(profile_file(tmp_path, text), load_center())


def test_simulate_prints_figures_and_json(tmp_path: Path) -> None:
    runner = CliRunner()
    r = runner.invoke(main, ["simulate", "--db", str(tmp_path / "s.db"), "--seed", "2"])
    assert r.exit_code == 0, r.output
    assert "estimated wait vs the real wait" in r.output and "80 % range" in r.output
    r = runner.invoke(main, ["simulate", "--db", str(tmp_path / "s.db")])
    assert r.exit_code != 0 and "exists" in r.output
    path = str(tmp_path / "j.db")
    r = runner.invoke(main, ["simulate", "--db", path, "--seed", "2", "--json"])
    assert r.exit_code == 0, r.output
    found = json.loads(r.output)  # one JSON object, nothing else
    assert found["tickets"] > 300 and found["days"] == 1 and found["kiosk_equals_ticket"]
    assert set(found["estimators"]) == {"dorak", "naive", "mmc", "naive_hold", "mmc_hold"}
    assert all(set(e) == {"mae_s", "bias_s"} for e in found["estimators"].values())
    for key in ("mean_wait_s", "p50_wait_s", "p90_wait_s", "interval_coverage"):
        assert isinstance(found[key], float)
    assert "erlang_c" not in found  # the sample day is no textbook queue
    bad = runner.invoke(main, ["simulate", "--db", str(tmp_path / "x.db"), "--profile", "/no"])
    assert bad.exit_code != 0 and "/no" in bad.output


def _epoch(day: str, hhmm: str) -> float:
    """A Cairo wall-clock time as epoch seconds."""
    return datetime.fromisoformat(f"{day}T{hhmm}").replace(tzinfo=CAIRO).timestamp()

"""The simulator drives the real queue; its figures are reproducible and the estimator is judged."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from dorak.cli import main
from dorak.config import load_center
from dorak.reports import report
from dorak.simulate import ProfileError, accuracy, load_profile, simulate
from dorak.store import Store

SAMPLE = Path(__file__).resolve().parents[2] / "dorak" / "sample_profile.toml"


def run(tmp_path: Path, seed: int) -> tuple[Store, object]:
    center = load_center()
    store = Store(tmp_path / f"sim-{seed}.db")
    store.migrate()
    out = simulate(store, center, load_profile(SAMPLE, center), 1, seed, date(2026, 11, 29))
    return store, out


def test_a_simulated_day_is_a_normal_day(tmp_path: Path) -> None:
    store, out = run(tmp_path, 3)
    center = load_center()
    rows = {
        r["service"]: r
        for r in report(store, center, date(2026, 11, 29), date(2026, 11, 29), "service")
    }
    assert out.tickets > 300  # type: ignore[attr-defined]
    assert sum(r["issued"] for r in rows.values()) == out.tickets  # type: ignore[attr-defined]
    assert all(r["called"] == r["issued"] for r in rows.values())  # nobody left at closing
    numbers = store.all("SELECT number FROM tickets WHERE service = 'payments' ORDER BY seq")
    assert numbers[0]["number"] == "H001"
    waiting = store.one(
        "SELECT count(*) AS n FROM tickets WHERE status IN ('waiting', 'called', 'serving')"
    )
    assert waiting["n"] == 0


def test_same_seed_same_day(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a, _ = run(tmp_path / "a", 5)
    b, _ = run(tmp_path / "b", 5)
    q = "SELECT number, called_at, finished_at FROM tickets ORDER BY id"
    assert a.all(q) == b.all(q)


def test_our_estimate_beats_the_naive_one(tmp_path: Path) -> None:
    _, out = run(tmp_path, 11)
    every = [t for rows in out.estimates.values() for t in rows]  # type: ignore[attr-defined]
    a = accuracy(every)
    assert a["mae"] < 0.85 * a["naive_mae"]
    assert abs(a["bias"]) < abs(a["naive_bias"])


def test_bad_profile(tmp_path: Path) -> None:
    p = tmp_path / "p.toml"
    p.write_text("[arrivals_per_hour]\nweather = 3\n")
    with pytest.raises(ProfileError, match="weather"):
        load_profile(p, load_center())


def test_simulate_command(tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["simulate", "--db", str(tmp_path / "s.db"), "--seed", "2"])
    assert r.exit_code == 0, r.output
    assert "estimated wait on the ticket vs the real wait" in r.output
    assert r.output.strip().splitlines()[-1].startswith("all")

"""Dorak's wait estimate against the simple rules, on the same tickets, on seeds that played no
part in choosing the estimator (those were 101 onwards). Honest: a worse estimator fails here.

- the lowest mean absolute error of all, on every profile;
- the 80 % range holds the real wait for 75-85 % of the tickets told a range;
- what the kiosk showed is what every ticket printed; "now" was true every time.

The issue's goal of 15 % below the best simple rule on `sample` and `breaks` is not reached
(README, "Simulation and the wait estimate", has the figures); it is not asserted here."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dorak.config import load_center
from dorak.sim_figures import figures
from dorak.sim_profile import load_profile
from dorak.simulate import simulate
from dorak.store import Store

PROFILES = Path(__file__).resolve().parents[2] / "profiles"


def judged(tmp_path: Path, name: str, days: int, seed: int) -> dict[str, Any]:
    profile = load_profile(PROFILES / f"{name}.toml", load_center())
    store = Store(tmp_path / f"{name}.db")
    store.migrate()
    return figures(simulate(store, profile, days, seed, date(2026, 11, 29)), profile, seed)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "days", "seed"), [("sample", 5, 21), ("breaks", 5, 22), ("mmc", 2, 23)]
)
def test_dorak_beats_the_simple_rules(tmp_path: Path, name: str, days: int, seed: int) -> None:
    found = judged(tmp_path, name, days, seed)
    mae = {k: v["mae_s"] for k, v in found["estimators"].items()}
    assert set(mae) == {"dorak", "naive", "mmc"}
    assert mae["dorak"] < min(mae["naive"], mae["mmc"]), mae
    assert 0.75 <= found["interval_coverage"] <= 0.85, found
    assert found["kiosk_equals_ticket"]
    assert found["told_now_called_at_once"] == 1.0

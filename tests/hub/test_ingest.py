"""The hub's ingest on a real PostgreSQL: a center's log, sent in batches that overlap and
repeat, is stored once per (center, id), folded by the center's own code, and its day figures
equal the center's own report."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dorak.config import load_center
from dorak.domain.model import Center
from dorak.hub import figures
from dorak.reports import report
from dorak.sim_profile import load_profile
from dorak.simulate import simulate
from dorak.store import Store
from dorak.store.figures import report_row
from dorak.store.hub import HubStore
from dorak.sync import wire

pytestmark = pytest.mark.store
DAY = date(2026, 11, 24)
SAMPLE_PROFILE = Path(__file__).resolve().parents[2] / "profiles" / "sample.toml"


@pytest.fixture(scope="module")
def busy_center(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, Center]:
    """Two simulated days at the sample center: transfers, no-shows, ratings..."""
    center = load_center(None)
    store = Store(tmp_path_factory.mktemp("center") / "dorak.db")
    store.migrate()
    profile = load_profile(SAMPLE_PROFILE, center)
    simulate(store, profile, 2, 7, DAY)
    return store, profile.center  # the center the simulated days ran with


def sent(store: Store) -> list[list[Any]]:
    return [wire(e) for e in store.log.since(0)]


def test_the_log_folds_to_the_rows_the_center_reports_from(busy_center: Any) -> None:
    store, _ = busy_center
    changed = figures.fold({}, [figures.entry_of(e) for e in sent(store)])
    folded = sorted(report_row(t, stars) for t, stars in changed.values())
    stored = sorted(store.figures.report_rows("2000-01-01", "2100-01-01"))
    assert len(stored) > 300
    assert folded == stored


@pytest.mark.parametrize("size", [1000, 337])
def test_batches_sent_twice_store_each_event_once(
    hub_store: HubStore, busy_center: Any, size: int
) -> None:
    store, center = busy_center
    cid = hub_store.add_center("C1", "مركز", "Center", "Africa/Cairo", "secret-1", 0.0)
    events = sent(store)
    toml = load_center_toml(center)
    marks = []
    for i in range(0, len(events), size):
        got = hub_store.ingest(cid, events[i : i + size], 1.0, _model, toml)
        again = hub_store.ingest(cid, events[max(0, i - 5) : i + size], 2.0, _model, toml)
        assert again.stored == 0 and again.high_water == got.high_water
        marks.append(got.high_water)
    assert marks == sorted(marks) and marks[-1] == events[-1][0]
    assert hub_store.count_events(cid) == (len(events), len(events))
    assert hub_store.event_ids(cid) == [e[0] for e in events]
    for day in (DAY, date(2026, 11, 25)):
        mine = {(r["service"]): r for r in report(store, center, day, day, "service")}
        theirs = {
            s: f
            for _, d, s, f in hub_store.day_figures([day.isoformat()], [cid])
            if d == day.isoformat() and s
        }
        assert mine and theirs == mine
        whole = report(store, center, day, day, "day")[0]
        assert [f for _, _, s, f in hub_store.day_figures([day.isoformat()], None) if s == ""] == [
            whole
        ]


def test_a_center_cannot_be_given_another_centers_token(hub_store: HubStore) -> None:
    hub_store.add_center("C1", "أ", "A", "Africa/Cairo", "tok-a", 0.0)
    hub_store.add_center("C2", "ب", "B", "Africa/Cairo", "tok-b", 0.0)
    a = hub_store.center_by_token("tok-a")
    assert a is not None and a.code == "C1"
    assert hub_store.center_by_token("tok-c") is None
    with pytest.raises(ValueError):
        hub_store.add_center("C1", "أ", "A", "Africa/Cairo", "tok-d", 0.0)


def load_center_toml(center: Center) -> str:
    from dorak.center_config import to_toml

    return to_toml(center)


def _model(toml: str | None) -> Center:
    from dorak.hub.service import center_model

    return center_model(toml)

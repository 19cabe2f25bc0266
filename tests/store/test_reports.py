"""Report figures against a small history whose answers are worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from dorak.domain import errors
from dorak.reports import ReportError, as_csv, percentile, report
from dorak.usecases import Operations
from tests.conftest import ManualClock

DAY = date(2026, 11, 26)


def at(clock: ManualClock, ops: Operations, t: float) -> None:
    """Move the clock to t seconds after 10:00 Cairo."""
    start = ManualClock().now
    clock.now = start
    clock.advance(t)


@pytest.fixture
def history(ops: Operations, clock: ManualClock) -> Operations:
    at(clock, ops, 0)
    ops.issue("reconciliation")  # A001
    at(clock, ops, 60)
    ops.issue("reconciliation")  # A002
    at(clock, ops, 120)
    ops.issue("payments")  # H001
    at(clock, ops, 300)
    ops.call_next(1, "mona")  # A001 waited 300
    at(clock, ops, 330)
    ops.recall(1, "mona")  # called again: the wait still ended at the first call
    at(clock, ops, 360)
    ops.start(1, "mona")  # walk 60
    at(clock, ops, 960)
    ops.finish(1, "mona", "completed")  # service 600
    at(clock, ops, 1000)
    ops.call_next(2, "ali")  # A002 waited 940
    at(clock, ops, 1050)
    ops.return_to_queue(2, "ali")  # back in line: the wait already ended at the first call
    at(clock, ops, 1060)
    ops.call_next(2, "ali")
    at(clock, ops, 1100)
    ops.no_show(2, "ali")
    at(clock, ops, 1200)
    ops.call_next(9, "sara")  # H001 waited 1080 (payments target 600: late)
    at(clock, ops, 1230)
    ops.start(9, "sara")
    at(clock, ops, 1530)
    ops.transfer(9, "sara", "complaints")  # 300 s of service, then a new wait starts
    at(clock, ops, 1600)
    ops.call_next(10, "omar")  # waited 70 in complaints
    at(clock, ops, 1610)
    ops.start(10, "omar")
    at(clock, ops, 1910)
    ops.finish(10, "omar", "documents_missing")
    return ops


def by(rows: list[dict], key: str) -> dict:  # type: ignore[type-arg]
    return {r[key]: r for r in rows}


def test_by_service(history: Operations) -> None:
    rows = by(report(history.store, history.center, DAY, DAY, "service"), "service")
    a = rows["reconciliation"]
    assert (a["issued"], a["called"], a["served"], a["completed"], a["no_shows"]) == (2, 2, 1, 1, 1)
    assert (a["completion_rate"], a["no_show_rate"], a["within_target"]) == (0.5, 0.5, 1.0)
    assert (a["wait_mean_s"], a["wait_median_s"], a["wait_p90_s"], a["wait_max_s"]) == (
        620.0,
        620.0,
        876.0,
        940.0,
    )
    assert (a["walk_mean_s"], a["service_mean_s"]) == (60.0, 600.0)
    h = rows["payments"]
    assert (h["issued"], h["called"], h["transfers"], h["served"]) == (1, 1, 1, 0)
    assert (h["completion_rate"], h["within_target"], h["wait_max_s"]) == (0.0, 0.0, 1080.0)
    assert h["service_mean_s"] == 300.0  # served before the transfer
    g = rows["complaints"]
    assert (g["issued"], g["called"], g["served"], g["completed"]) == (0, 1, 1, 0)
    assert g["completion_rate"] is None and g["wait_mean_s"] == 70.0
    assert (g["walk_mean_s"], g["service_mean_s"], g["within_target"]) == (10.0, 300.0, 1.0)


def test_by_window_and_clerk(history: Operations) -> None:
    rows = by(report(history.store, history.center, DAY, DAY, "window"), "window")
    assert sorted(rows) == [1, 2, 9, 10]
    assert (rows[1]["served"], rows[1]["completed"], rows[1]["wait_mean_s"]) == (1, 1, 300.0)
    assert (rows[2]["no_shows"], rows[2]["no_show_rate"]) == (1, 1.0)
    assert rows[9]["transfers"] == 1 and rows[10]["served"] == 1
    clerks = by(report(history.store, history.center, DAY, DAY, "clerk"), "clerk")
    assert sorted(clerks) == ["ali", "mona", "omar", "sara"]


def test_by_hour_and_day(history: Operations) -> None:
    hours = report(history.store, history.center, DAY, DAY, "hour")
    assert [h["hour"] for h in hours] == [10]  # everything joined a queue between 10 and 11
    assert hours[0]["issued"] == 3 and hours[0]["called"] == 4
    assert (
        report(history.store, history.center, date(2026, 11, 27), date(2026, 11, 27), "day") == []
    )


def test_a_night_that_crosses_midnight_in_cairo(ops: Operations, clock: ManualClock) -> None:
    """A center whose working day starts at midnight: what is still waiting at 00:00 expires
    (counted in its own day's figures) and the new day starts at 1."""
    clock.now = clock.now.replace(hour=21, minute=58)  # 23:58 in Cairo
    ops.issue("payments")
    clock.advance(5 * 60)  # 00:03 the next day
    ops.issue("payments")
    ops.call_next(9, "x")  # today's H001, not yesterday's leftover
    days = by(report(ops.store, ops.center, DAY, date(2026, 11, 27), "day"), "day")
    assert days["2026-11-26"]["issued"] == 1 and days["2026-11-26"]["expired"] == 1
    assert days["2026-11-26"]["called"] == 0
    assert days["2026-11-27"]["issued"] == 1 and days["2026-11-27"]["called"] == 1
    assert ops.store.tickets.get(2).number == "H001"  # type: ignore[union-attr]  # a new day, a new 1
    assert ops.store.tickets.get(1).status == "expired"  # type: ignore[union-attr]


def test_csv_and_bad_requests(history: Operations) -> None:
    text = as_csv(report(history.store, history.center, DAY, DAY, "service"))
    assert text.splitlines()[0].startswith("service,issued,called,served")
    assert len(text.splitlines()) == 4
    with pytest.raises(ReportError):
        report(history.store, history.center, DAY, DAY, "weather")
    with pytest.raises(ReportError):
        report(history.store, history.center, DAY, date(2026, 1, 1), "day")


def test_percentile_matches_the_usual_definition() -> None:
    assert percentile([1, 2, 3, 4], 0.5) == 2.5
    assert percentile([10], 0.9) == 10
    assert percentile([], 0.5) is None


def test_ratings_count_in_the_reports(history: Operations) -> None:
    a001 = history.store.tickets.get(1)
    g = next(t for t in history.store.tickets.every() if t.service == "complaints")
    assert a001 is not None
    history.rate(a001.tracking_id, 5, "سريع ومحترم")
    history.rate(g.tracking_id, 2, None)
    rows = by(report(history.store, history.center, DAY, DAY, "service"), "service")
    assert (rows["reconciliation"]["ratings"], rows["reconciliation"]["rating_mean"]) == (1, 5.0)
    assert rows["complaints"]["rating_mean"] == 2.0 and rows["payments"]["ratings"] == 0
    clerks = by(report(history.store, history.center, DAY, DAY, "clerk"), "clerk")
    assert clerks["mona"]["rating_mean"] == 5.0 and clerks["omar"]["rating_mean"] == 2.0


def test_rating_rules(history: Operations) -> None:
    a002 = history.store.tickets.get(2)  # a no-show
    a001 = history.store.tickets.get(1)
    assert a001 is not None and a002 is not None
    with pytest.raises(errors.NotRateable):
        history.rate(a002.tracking_id, 4, None)
    history.rate(a001.tracking_id, 4, None)
    with pytest.raises(errors.AlreadyRated):
        history.rate(a001.tracking_id, 1, "changed my mind")
    with pytest.raises(errors.UnknownTicket):
        history.rate("nope", 3, None)

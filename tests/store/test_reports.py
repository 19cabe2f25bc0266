"""Report figures against a small history whose answers are worked out by hand."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

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
    at(clock, ops, 2000)
    ops.issue("certificates")  # E001
    at(clock, ops, 2100)
    ops.call_next(8, "huda")  # waited 100
    at(clock, ops, 2110)
    ops.start(8, "huda")
    at(clock, ops, 2400)
    ops.transfer(8, "huda", "legalization")  # 290 s of service in certificates
    at(clock, ops, 2500)
    ops.call_next(4, "karim")  # waited 100 in legalization
    at(clock, ops, 2530)
    ops.start(4, "karim")  # walk 30
    at(clock, ops, 2600)
    h002, _ = ops.issue("payments")
    at(clock, ops, 2650)
    assert h002 is not None
    ops.cancel(h002.tracking_id, None)  # the citizen gave up
    at(clock, ops, 2700)
    ops.issue("extracts")  # F001: nobody calls it today
    at(clock, ops, 2830)
    ops.finish(4, "karim", "completed")  # service 300: the transferred visit completes
    clock.advance(24 * 3600)  # the next working day: what still waits expires
    ops.start_day()
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
    assert (h["issued"], h["called"], h["transfers"], h["served"]) == (2, 1, 1, 0)
    assert h["cancelled"] == 1
    assert (h["completion_rate"], h["within_target"], h["wait_max_s"]) == (0.0, 0.0, 1080.0)
    assert h["service_mean_s"] == 300.0  # served before the transfer
    g = rows["complaints"]  # joined by a transfer: one entry issued, not completed
    assert (g["issued"], g["tickets"], g["transferred_in"]) == (1, 0, 1)
    assert (g["called"], g["served"], g["completed"]) == (1, 1, 0)
    assert g["completion_rate"] == 0.0 and g["wait_mean_s"] == 70.0
    assert (g["walk_mean_s"], g["service_mean_s"], g["within_target"]) == (10.0, 300.0, 1.0)
    b = rows["legalization"]  # a transfer that completes: 100 %, not 200 %
    assert (b["issued"], b["transferred_in"], b["completed"], b["completion_rate"]) == (
        1,
        1,
        1,
        1.0,
    )
    assert (b["wait_mean_s"], b["walk_mean_s"], b["service_mean_s"]) == (100.0, 30.0, 300.0)
    e = rows["certificates"]
    assert (e["issued"], e["transfers"], e["completion_rate"], e["service_mean_s"]) == (
        1,
        1,
        0.0,
        290.0,
    )
    assert all(r["completion_rate"] is None or r["completion_rate"] <= 1 for r in rows.values())


def test_cancelled_and_expired_are_shown(history: Operations) -> None:
    rows = by(report(history.store, history.center, DAY, DAY, "service"), "service")
    f = rows["extracts"]
    assert (f["issued"], f["called"], f["expired"], f["open"]) == (1, 0, 1, 0)
    day = report(history.store, history.center, DAY, DAY, "day")[0]
    assert (day["cancelled"], day["expired"], day["issued"], day["tickets"]) == (1, 1, 8, 6)


def test_by_window_and_clerk(history: Operations) -> None:
    listed = report(history.store, history.center, DAY, DAY, "window")
    assert [r["window"] for r in listed] == [1, 2, 4, 8, 9, 10]  # in number order: 2 before 10
    rows = by(listed, "window")
    assert (rows[1]["served"], rows[1]["completed"], rows[1]["wait_mean_s"]) == (1, 1, 300.0)
    assert (rows[2]["no_shows"], rows[2]["no_show_rate"]) == (1, 1.0)
    assert rows[9]["transfers"] == 1 and rows[10]["served"] == 1
    clerks = by(report(history.store, history.center, DAY, DAY, "clerk"), "clerk")
    assert sorted(clerks) == ["ali", "huda", "karim", "mona", "omar", "sara"]


def test_by_hour_and_day(history: Operations) -> None:
    hours = report(history.store, history.center, DAY, DAY, "hour")
    assert [h["hour"] for h in hours] == [10]  # everything joined a queue between 10 and 11
    assert hours[0]["issued"] == 8 and hours[0]["called"] == 6
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
    assert text.splitlines()[0].startswith("service,issued,tickets,transferred_in,called,served")
    assert len(text.splitlines()) == 7  # six services
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


# -- every figure again, straight from the event log -----------------------------------------


def from_the_log(ops: Operations, by_: str, days: set[str]) -> dict[object, dict[str, object]]:
    """The report's figures worked out from the event log alone, with its own loops: each entry
    (an `issued` or `queued` log entry) followed through its later entries."""
    entries: dict[int, dict[str, object]] = {}
    for e in ops.store.log.of_tickets():
        assert e.ticket_id is not None
        if e.kind in ("issued", "queued"):
            entries[e.ticket_id] = {
                "service": e.service, "day": e.day, "new": e.kind == "issued", "queued": e.at,
                "end": "open", "window": None, "clerk": None, "called": None, "started": None,
            }  # fmt: skip
            continue
        t = entries[e.ticket_id]
        if e.kind == "call":
            t["called"] = t["called"] or e.at
            t["window"], t["clerk"] = e.window, e.clerk
        elif e.kind == "return":
            t["window"] = None
        elif e.kind == "start":
            t["started"] = e.at
        elif e.kind == "rated":
            t["stars"] = e.details["stars"]
        elif e.kind in ("finish", "no_show", "transfer", "cancel", "expired"):
            t["end"], t["finished"], t["outcome"] = e.kind, e.at, e.details.get("outcome")
    zone = ZoneInfo(ops.center.timezone)
    targets = {s.code: s.target_wait_min * 60 for s in ops.center.services}
    out: dict[object, dict[str, object]] = {}
    for t in entries.values():
        if t["day"] not in days:
            continue
        hour = datetime.fromtimestamp(t["queued"], zone).hour  # type: ignore[arg-type]
        key = {"hour": hour, "day": t["day"], "service": t["service"]}.get(by_, t.get(by_))
        if by_ in ("window", "clerk") and t["called"] is None:
            continue
        g = out.setdefault(key, {"n": 0, "new": 0, "called": 0, "waits": [], "walks": [],
                                 "services": [], "ends": [], "within": 0, "stars": []})  # fmt: skip
        g["n"] += 1  # type: ignore[operator]
        g["new"] += t["new"]  # type: ignore[operator]
        g["ends"].append((t["end"], t.get("outcome")))  # type: ignore[attr-defined]
        if t.get("stars") is not None:
            g["stars"].append(t["stars"])  # type: ignore[attr-defined]
        if t["called"] is not None:
            wait = t["called"] - t["queued"]  # type: ignore[operator]
            g["called"] += 1  # type: ignore[operator]
            g["waits"].append(wait)  # type: ignore[attr-defined]
            g["within"] += wait <= targets[t["service"]]  # type: ignore[index, operator]
            if t["started"] is not None:
                g["walks"].append(t["started"] - t["called"])  # type: ignore[attr-defined, operator]
        if t["end"] in ("finish", "transfer") and t["started"] is not None:
            g["services"].append(t["finished"] - t["started"])  # type: ignore[attr-defined, operator]
    return out


def median_p90(values: list[float]) -> tuple[float, float]:
    v = sorted(values)
    mid = (v[(len(v) - 1) // 2] + v[len(v) // 2]) / 2
    pos = (len(v) - 1) * 0.9
    lo = int(pos)
    hi = min(lo + 1, len(v) - 1)
    return mid, v[lo] + (v[hi] - v[lo]) * (pos - lo)


@pytest.mark.parametrize("grouping", ["service", "window", "clerk", "hour", "day"])
def test_every_figure_equals_the_event_log(history: Operations, grouping: str) -> None:
    g = next(t for t in history.store.tickets.every() if t.service == "legalization")
    history.rate(g.tracking_id, 4, None)
    rows = by(report(history.store, history.center, DAY, DAY, grouping), grouping)
    log = from_the_log(history, grouping, {DAY.isoformat()})
    assert rows and set(rows) == set(log)
    for key, r in rows.items():
        x = log[key]
        ends = x["ends"]
        done = [o for e, o in ends if e == "finish"]  # type: ignore[attr-defined]

        def n(kind: str, ends: Any = ends) -> int:
            return sum(e == kind for e, _ in ends)

        assert r["issued"] == x["n"] and r["tickets"] == x["new"]
        assert r["transferred_in"] == x["n"] - x["new"]  # type: ignore[operator]
        assert (r["called"], r["served"], r["completed"]) == (
            x["called"], len(done), done.count("completed"),
        )  # fmt: skip
        assert (r["no_shows"], r["transfers"], r["cancelled"], r["expired"], r["open"]) == (
            n("no_show"), n("transfer"), n("cancel"), n("expired"), n("open"),
        )  # fmt: skip
        assert r["completion_rate"] == round(done.count("completed") / x["n"], 4)  # type: ignore[operator]
        assert r["completion_rate"] <= 1
        called = x["called"]
        assert r["no_show_rate"] == (round(n("no_show") / called, 4) if called else None)  # type: ignore[operator]
        assert r["within_target"] == (round(x["within"] / called, 4) if called else None)  # type: ignore[operator]
        stars = x["stars"]
        assert r["ratings"] == len(stars)  # type: ignore[arg-type]
        assert r["rating_mean"] == (round(sum(stars) / len(stars), 2) if stars else None)  # type: ignore[arg-type]
        for name in ("wait", "walk", "service"):
            values = x[f"{name}s"]
            if not values:
                assert r[f"{name}_mean_s"] is None and r[f"{name}_p90_s"] is None
                continue
            mid, p90 = median_p90(values)  # type: ignore[arg-type]
            assert r[f"{name}_mean_s"] == round(sum(values) / len(values), 1)  # type: ignore[arg-type]
            assert (r[f"{name}_median_s"], r[f"{name}_p90_s"]) == (round(mid, 1), round(p90, 1))
            assert r[f"{name}_max_s"] == round(max(values), 1)  # type: ignore[type-var]


def test_a_closed_day_is_rolled_up_and_dropped_when_it_changes(history: Operations) -> None:
    store, center = history.store, history.center
    live = report(store, center, DAY, DAY, "service")
    assert store.rollups.built(DAY.isoformat(), DAY.isoformat()) == set()  # still today
    next_day = date(2026, 11, 27)
    kept = report(store, center, DAY, DAY, "service", closed_before=next_day)
    assert kept == live and store.rollups.built(DAY.isoformat(), DAY.isoformat()) == {
        DAY.isoformat()
    }
    assert report(store, center, DAY, DAY, "service", closed_before=next_day) == live  # read back
    a001 = store.tickets.get(1)
    assert a001 is not None
    history.rate(a001.tracking_id, 5, None)  # a late rating changes the day
    assert store.rollups.built(DAY.isoformat(), DAY.isoformat()) == set()
    again = by(report(store, center, DAY, DAY, "service", closed_before=next_day), "service")
    assert again["reconciliation"]["ratings"] == 1

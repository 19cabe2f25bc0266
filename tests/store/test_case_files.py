"""Case files through the use cases on a real SQLite file: attach by number, the finish moves
the file in its own transaction, refusals change nothing; and a history of files over several
days, worked out by hand, checked figure by figure."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from dorak.case_file_figures import file_figures
from dorak.domain import errors
from dorak.domain.case_files import BadFileNumber, InvalidFileTransition
from dorak.domain.model import Center
from dorak.store import Store
from dorak.usecases import Operations
from tests.conftest import ManualClock, staff_all


def visit(
    ops: Operations,
    window: int,
    clerk: str,
    number: str,
    outcome: str,
    file_status: str | None = None,
    next_step: str | None = None,
    service: str = "reconciliation",
) -> int:
    t, _ = ops.issue(service)
    assert t is not None
    ops.call_next(window, clerk)
    ops.start(window, clerk)
    ops.attach_file(window, clerk, number)
    ops.finish(window, clerk, outcome, next_step=next_step, file_status=file_status)
    return t.id


def test_attach_opens_then_finds_and_the_finish_moves_the_file(ops: Operations) -> None:
    t, _ = ops.issue("reconciliation")
    ops.call_next(1, "amal")
    record, events = ops.attach_file(1, "amal", " ١٢٣٤/٢٠٢٦ ")  # Arabic digits, spaces
    assert events and record.file.number == "1234/2026" and record.file.status == "opened"
    ops.start(1, "amal")
    ops.finish(1, "amal", "documents_missing", note="no stamp", next_step="Bring the survey")
    f = ops.store.case_files.find("reconciliation", "1234/2026")
    assert f is not None and f.status == "documents_missing"
    kinds = [e.kind for e in ops.store.log.of_ticket(t.id)]
    assert kinds == ["issued", "call", "file_attached", "start", "finish", "file_moved"]
    moved = ops.store.log.of_ticket(t.id)[-1]
    assert moved.details["from"] == "opened" and moved.details["to"] == "documents_missing"
    assert ops.next_step_of(ops.store.tickets.get(t.id)) == "Bring the survey"
    # The next visit finds the same file, with its history.
    ops.issue("reconciliation")
    ops.call_next(2, "badr")
    again, _ = ops.attach_file(2, "badr", "1234/2026")
    assert again.file.id == f.id and len(again.visits) == 2
    assert again.visits[0]["outcome"] == "documents_missing"
    assert again.visits[0]["next_step"] == "Bring the survey"
    assert again.visits[1]["finished_at"] is None


def test_a_mistyped_number_corrected_leaves_no_file(ops: Operations) -> None:
    ops.issue("reconciliation")
    ops.call_next(1, "amal")
    ops.attach_file(1, "amal", "12/2026")
    ops.attach_file(1, "amal", "21/2026")
    assert ops.store.case_files.find("reconciliation", "12/2026") is None
    assert ops.file_at_window(1).file.number == "21/2026"


def test_refusals_change_nothing(ops: Operations) -> None:
    ops.issue("reconciliation")
    with pytest.raises(errors.WindowIdle):
        ops.attach_file(1, "amal", "5/2026")
    ops.call_next(1, "amal")
    with pytest.raises(BadFileNumber):
        ops.attach_file(1, "amal", "5-2026")
    assert ops.store.case_files.by_number("5-2026") == []
    ops.start(1, "amal")
    ops.attach_file(1, "amal", "5/2026")
    ops.finish(1, "amal", "completed")
    # A completed file takes no more moves: the finish that tries is refused whole.
    t2, _ = ops.issue("reconciliation")
    ops.call_next(1, "amal")
    ops.start(1, "amal")
    ops.attach_file(1, "amal", "5/2026")
    with pytest.raises(InvalidFileTransition):
        ops.finish(1, "amal", "documents_missing")
    assert ops.store.tickets.get(t2.id).status == "serving"
    assert [e.kind for e in ops.store.log.of_ticket(t2.id)][-1] == "file_attached"
    done, _ = ops.finish(1, "amal", "other")  # "other" leaves it where it is
    assert done.status == "done"
    assert ops.store.case_files.find("reconciliation", "5/2026").status == "completed"


def test_a_hand_worked_history_over_several_days(tmp_path, center: Center) -> None:  # type: ignore[no-untyped-def]
    store = Store(tmp_path / "files.db")
    store.migrate()
    clock = ManualClock(datetime(2026, 11, 25, 8, 0, tzinfo=UTC))  # 10:00 in Cairo
    ops = Operations(store, lambda: center, clock)
    staff_all(ops)

    def next_day() -> None:
        clock.advance(86400)

    # 11-25, before the period: F0 opened by amal at window 1.
    visit(ops, 1, "amal", "50/2026", "documents_missing")
    next_day()  # 11-26
    visit(ops, 1, "amal", "100/2026", "documents_missing")  # F1
    visit(ops, 2, "badr", "200/2026", "completed")  # F2: completed the day it opened
    visit(ops, 1, "amal", "300/2026", "other")  # F3 stays opened
    visit(ops, 4, "dina", "L-1", "documents_missing", service="legalization")
    next_day()  # 11-27
    visit(ops, 2, "badr", "100/2026", "documents_missing")  # F1 still missing
    visit(ops, 1, "amal", "400/2026", "other", file_status="rejected")  # F4
    visit(ops, 2, "badr", "50/2026", "completed")  # F0, outside the cohort
    visit(ops, 4, "dina", "L-2", "other", service="legalization")
    next_day()  # 11-28
    visit(ops, 1, "amal", "100/2026", "completed")  # F1: 2 days, 3 visits
    visit(ops, 2, "badr", "300/2026", "other", file_status="under_review")  # F3
    visit(ops, 4, "dina", "L-1", "completed", service="legalization")  # 2 days, 2 visits
    next_day()
    next_day()  # 11-30, after the period
    visit(ops, 1, "amal", "300/2026", "completed")
    visit(ops, 1, "amal", "500/2026", "completed")

    rows = {r["file_type"]: r for r in file_figures(store, date(2026, 11, 26), date(2026, 11, 28))}
    recon = rows["reconciliation"]
    assert recon["opened"] == 4  # F1-F4 (F0 opened before, F5 after)
    assert recon["completed"] == 2  # F2, F1 (F3 only after the period)
    assert recon["rejected"] == 1  # F4
    assert recon["still_open"] == 1  # F3, under review on 11-28
    assert recon["completion_rate"] == 0.5
    assert recon["days_to_completion_median"] == 1.0  # days 0 and 2
    assert recon["days_to_completion_p90"] == 1.8  # 0 + 0.9 x (2 - 0)
    assert recon["visits_per_completed_file"] == 2.0  # (1 + 3) / 2
    assert recon["visits"] == 8  # F1 x3, F2, F3 x2, F4, F0 on 11-27
    assert recon["documents_missing_share"] == 0.25  # F1 on 11-26 and 11-27
    legal = rows["legalization"]
    assert (legal["opened"], legal["completed"], legal["still_open"]) == (2, 1, 1)
    assert legal["completion_rate"] == 0.5
    assert legal["days_to_completion_median"] == legal["days_to_completion_p90"] == 2.0
    assert legal["visits_per_completed_file"] == 2.0
    assert (legal["visits"], legal["documents_missing_share"]) == (3, 0.3333)

    by_clerk = {
        (r["file_type"], r["clerk"]): r
        for r in file_figures(store, date(2026, 11, 26), date(2026, 11, 28), "clerk")
    }
    amal, badr = by_clerk[("reconciliation", "amal")], by_clerk[("reconciliation", "badr")]
    # Files go to the clerk of their first visit: amal opened F1, F3, F4; badr F2.
    assert (amal["opened"], amal["completed"], amal["rejected"], amal["still_open"]) == (
        3,
        1,
        1,
        1,
    )
    assert amal["completion_rate"] == 0.3333 and amal["visits_per_completed_file"] == 3.0
    assert (badr["opened"], badr["completed"], badr["days_to_completion_median"]) == (1, 1, 0.0)
    # Visits go to the clerk who made them: 4 each, one "documents missing" each.
    assert (amal["visits"], amal["documents_missing_share"]) == (4, 0.25)
    assert (badr["visits"], badr["documents_missing_share"]) == (4, 0.25)
    by_window = {
        (r["file_type"], r["window"]): r["opened"]
        for r in file_figures(store, date(2026, 11, 26), date(2026, 11, 28), "window")
    }
    assert by_window == {("legalization", 4): 2, ("reconciliation", 1): 3, ("reconciliation", 2): 1}
    # A later period sees F3 completed (4 days) and F5 (0 days) opened that day.
    late = {r["file_type"]: r for r in file_figures(store, date(2026, 11, 30), date(2026, 11, 30))}
    assert late["reconciliation"]["opened"] == 1 and late["reconciliation"]["completed"] == 1
    assert late["reconciliation"]["visits"] == 2
    store.close()

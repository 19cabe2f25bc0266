"""The readable report's texts and numbers, without a server: every column of every period
report has a header in both languages, minutes and percentages to one decimal, widths bounded."""

from __future__ import annotations

from datetime import date

import pytest

from dorak.case_file_figures import GROUPINGS as FILE_GROUPINGS
from dorak.case_file_figures import _Group as FileGroup
from dorak.config import load_center
from dorak.domain.report_cells import GROUPINGS, Group
from dorak.integrity_figures import _row as integrity_row
from dorak.readable_files import NARROWEST, WIDEST, as_readable_csv, widths
from dorak.readable_report import COLUMNS, KEYS, names_of, readable_table, value
from dorak.remark_figures import GROUPINGS as REMARK_GROUPINGS

ARABIC = range(0x0600, 0x0700)


def test_every_machine_column_has_a_header_in_both_languages() -> None:
    machine = {
        "reports": list(Group().row()),
        "integrity": list(integrity_row()),
        "files": list(FileGroup().row()),
        # dorak/remark_figures.py builds its row inline: its columns as it names them
        "remarks": ["remarks", "answered", "closed", "open", "answer_median_min", "answer_p90_min"],
    }
    for what, codes in machine.items():
        for code in codes:
            ar, en, kind = COLUMNS[what][code]
            assert any(ord(c) in ARABIC for c in ar) and en and ar != en, code
            assert kind in ("count", "share", "seconds", "number"), code
    for by in (*GROUPINGS, *FILE_GROUPINGS, *REMARK_GROUPINGS):
        assert by in KEYS, by


def test_minutes_and_percentages() -> None:
    assert value("seconds", 1260) == 21.0
    assert value("seconds", 620.0) == 10.3
    assert value("share", 0.732) == 73.2
    assert value("share", 0.66667) == 66.7
    assert value("share", None) is None
    assert value("count", 7) == 7


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_period_with_no_rows_still_says_what_it_is(lang: str) -> None:
    center = load_center()
    table = readable_table(
        [],
        "reports",
        "window",
        center,
        names_of(center, []),
        date(2026, 11, 1),
        date(2026, 11, 7),
        lang,
    )
    assert table.rows == [] and len(table.headers) == 1 + len(COLUMNS["reports"])
    assert table.headers[0] == ("الشباك" if lang == "ar" else "Window")
    assert (
        "من 1 نوفمبر 2026 إلى 7 نوفمبر 2026"
        if lang == "ar"
        else "from 1 November 2026 to 7 November 2026"
    ) in table.title
    assert all(NARROWEST <= w <= WIDEST for w in widths(table))
    assert as_readable_csv(table).startswith("\ufeff")

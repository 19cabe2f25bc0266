"""The readable exports (view=readable&lang=ar|en) against the known history of
tests/store/test_reports.py: the same figures as the JSON report, in minutes and percentages,
under headers a manager reads, with names instead of codes; the machine form untouched."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from flask import Flask
from openpyxl import load_workbook

from dorak.usecases import Operations
from tests.conftest import Api
from tests.store.test_reports import history  # noqa: F401  (the fixture, played on the app)

DAY = "2026-11-26"
Q = f"/reports?from={DAY}&to={DAY}"


@pytest.fixture
def ops(app: Flask) -> Operations:
    """The history is played on the app's own operations (the same clock as the app's)."""
    return app.extensions["dorak"].ops  # type: ignore[no-any-return]


def sheet_rows(data: bytes) -> tuple[Any, list[tuple[Any, ...]]]:
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    return sheet, list(sheet.iter_rows(values_only=True))


def machine(api: Api, query: str) -> tuple[list[str], list[dict[str, Any]]]:
    """The machine CSV's column order and the JSON rows of the same report."""
    columns = api.get(f"{query}&format=csv", "supervisor").get_data(as_text=True).split("\r\n")[0]
    return columns.split(","), api.get(query, "supervisor").get_json()["rows"]


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_readable_xlsx_has_the_json_figures_in_minutes_and_percent(
    history: Operations,  # noqa: F811
    api: Api,
    lang: str,
) -> None:
    codes, json_rows = machine(api, f"{Q}&by=service")
    x = api.get(f"{Q}&by=service&format=xlsx&view=readable&lang={lang}", "supervisor")
    assert x.status_code == 200
    assert f"dorak-service-{DAY}-{DAY}-{lang}.xlsx" in x.headers["Content-Disposition"]
    sheet, rows = sheet_rows(x.data)
    assert sheet.sheet_view.rightToLeft is (lang == "ar")
    title, headers, body = rows[0][0], rows[1], rows[2:]
    assert sheet.freeze_panes == "B3"  # the headers and the names stay in view
    assert sheet.column_dimensions["A"].width >= max(len(r[0]) for r in body)  # names fit
    center = history.center
    if lang == "ar":
        assert title.startswith("تقرير الانتظار والخدمة حسب الخدمة")
        assert center.name_ar in title and "يوم 26 نوفمبر 2026" in title
        assert headers[:3] == ("الخدمة", "دخلوا الطابور (الكل)", "تذاكر جديدة")
    else:
        assert title.startswith("Waiting and service report by service")
        assert center.name_en in title and "on 26 November 2026" in title
        assert headers[:3] == ("Service", "Joined the queue (all)", "New tickets")
    assert len(headers) == len(codes) and len(body) == len(json_rows) > 3
    by_name = {r[0]: r for r in body}
    for j in json_rows:
        service = center.service(j["service"])
        assert service is not None
        row = dict(
            zip(codes, by_name[(service.name_ar, service.name_en)[lang == "en"]], strict=True)
        )
        for code in codes[1:]:
            want = j[code]
            if want is None:
                assert row[code] is None, code
            elif code.endswith("_s"):
                assert row[code] == round(want / 60, 1), code
            elif code in ("completion_rate", "no_show_rate", "within_target"):
                assert row[code] == round(want * 100, 1), code
            else:
                assert row[code] == want, code
    # Worked out by hand (tests/store/test_reports.py): reconciliation waited 300 s and 940 s.
    name = "التصالح في مخالفات البناء" if lang == "ar" else "Building-violation reconciliation"
    a = dict(zip(headers, by_name[name], strict=True))
    wait_median = "الانتظار: الوسيط (دقيقة)" if lang == "ar" else "Wait: median (min)"
    completion = "نسبة الإنجاز (%)" if lang == "ar" else "Completion rate (%)"
    assert (a[wait_median], a[completion]) == (10.3, 50.0)


def test_names_for_windows_clerks_hours_and_days(
    history: Operations,  # noqa: F811
    api: Api,
    app: Flask,
) -> None:
    app.extensions["dorak"].accounts.add_user("mona", "a-long-password-1", "clerk", 1, "منى حسن")
    got = {}
    for by in ("window", "clerk", "hour", "day"):
        x = api.get(f"{Q}&by={by}&format=xlsx&view=readable&lang=ar", "supervisor")
        got[by] = [r[0] for r in sheet_rows(x.data)[1][2:]]
    assert got["window"][:2] == ["شباك 1", "شباك 2"]
    assert "منى حسن" in got["clerk"] and "ali" in got["clerk"]  # no account: the login name
    assert got["hour"] == ["10:00–11:00"]
    assert got["day"] == ["الخميس 2026-11-26"]


def test_arabic_csv_has_a_bom_and_round_trips(history: Operations, api: Api) -> None:  # noqa: F811
    c = api.get(f"{Q}&by=service&format=csv&view=readable&lang=ar", "supervisor")
    assert c.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert c.data.startswith(b"\xef\xbb\xbf")
    assert f"dorak-service-{DAY}-{DAY}-ar.csv" in c.headers["Content-Disposition"]
    parsed = list(csv.reader(io.StringIO(c.data.decode("utf-8-sig"), newline="")))
    x = api.get(f"{Q}&by=service&format=xlsx&view=readable&lang=ar", "supervisor")
    xlsx = sheet_rows(x.data)[1]
    assert parsed[0] == [xlsx[0][0]]  # the title on its own line
    assert len(parsed) == len(xlsx)
    for text_row, cells in zip(parsed[1:], xlsx[1:], strict=True):
        assert [_cell(t, v) for t, v in zip(text_row, cells, strict=True)] == list(cells)
    assert parsed[1][0] == "الخدمة" and any(r[0] == "التصالح في مخالفات البناء" for r in parsed)


def _cell(text: str, like: Any) -> Any:
    """A CSV cell read back as the XLSX holds it (openpyxl reads 100.0 as 100)."""
    if text == "":
        return None
    return float(text) if isinstance(like, int | float) else text


def test_the_machine_form_is_untouched(history: Operations, api: Api) -> None:  # noqa: F811
    for fmt in ("csv", "xlsx", "json"):
        plain = api.get(f"{Q}&by=window&format={fmt}", "supervisor").data
        assert api.get(f"{Q}&by=window&format={fmt}&view=machine", "supervisor").data == plain
        assert api.get(f"{Q}&by=window&format={fmt}&lang=en", "supervisor").data == plain


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("view=pretty&format=xlsx", "bad_view"),
        ("view=readable&format=xlsx&lang=fr", "bad_lang"),
        ("lang=%D8%B9", "bad_lang"),
        ("view=readable", "readable_format"),
        ("view=readable&format=json", "readable_format"),
    ],
)
def test_bad_view_or_lang_is_refused_and_changes_nothing(
    history: Operations,  # noqa: F811
    api: Api,
    query: str,
    code: str,
) -> None:
    for path in (
        Q,
        "/reports/integrity?days=2",
        "/reports/files?days=2",
        "/reports/remarks?days=2",
    ):
        r = api.get(f"{path}&{query}", "supervisor")
        assert r.status_code == 400, (path, query)
        body = r.get_json()
        assert body["error"] == code
        assert body["message"]["ar"] != body["message"]["en"]
        assert any("\u0600" <= ch <= "\u06ff" for ch in body["message"]["ar"])
        assert "Set-Cookie" not in r.headers  # the language remembered stays as it was
    # A past day's report keeps its rollup; a refused one computed nothing, so none was built.
    assert history.store.rollups.built(DAY, DAY) == set()
    assert api.get(Q, "supervisor").status_code == 200
    assert history.store.rollups.built(DAY, DAY) == {DAY}


def test_period_reports_readable(history: Operations, api: Api, app: Flask) -> None:  # noqa: F811
    app.extensions["dorak"].accounts.add_user("mona", "a-long-password-1", "clerk", 1, "منى حسن")
    q = f"/reports/integrity?from={DAY}&by=clerk"
    json_rows = {r["clerk"]: r for r in api.get(q, "supervisor").get_json()["rows"]}
    _, rows = sheet_rows(api.get(f"{q}&format=xlsx&view=readable&lang=ar", "supervisor").data)
    assert rows[0][0].startswith("تقرير انتظام الدور حسب الموظف")
    headers = rows[1]
    assert headers[:2] == ("الموظف", "نداءات") and "نداءات بالترتيب (%)" in headers
    share = headers.index("نداءات بالترتيب (%)")
    mona = next(r for r in rows[2:] if r[0] == "منى حسن")
    assert mona[share] == round(json_rows["mona"]["in_order_share"] * 100, 1)
    for what, by, first in (
        ("files", "file_type", "File type"),
        ("remarks", "category", "Category"),
    ):
        x = api.get(
            f"/reports/{what}?from={DAY}&by={by}&format=xlsx&view=readable&lang=en", "admin"
        )
        assert x.status_code == 200
        sheet, rows = sheet_rows(x.data)
        assert sheet.sheet_view.rightToLeft is False and rows[1][0] == first


def test_openapi_lists_view_and_lang(api: Api) -> None:
    doc = api.get("/openapi.json").get_json()
    for path in ("/reports", "/reports/files", "/reports/remarks", "/reports/integrity"):
        params = {p["name"]: p for p in doc["paths"]["/api/v1" + path]["get"]["parameters"]}
        assert params["view"]["schema"]["enum"] == ["machine", "readable"], path
        assert params["lang"]["schema"]["enum"] == ["ar", "en"], path

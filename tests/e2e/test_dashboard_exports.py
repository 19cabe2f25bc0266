"""A supervisor exports yesterday (readable in Arabic and English, and raw), reads the ratings,
signs out; the charts are Chart.js."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import requests
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from tests.e2e.conftest import shot, sign_in
from tests.live import LiveServer, dorak_cli


def yesterday() -> str:
    return (datetime.now(ZoneInfo("Africa/Cairo")) - timedelta(days=1)).date().isoformat()


@pytest.fixture
def busy_yesterday(tmp_path: Path) -> Iterator[LiveServer]:
    """A center whose yesterday was a simulated busy day."""
    dorak_cli(tmp_path, "simulate", "--db", str(tmp_path / "dorak.db"), "--start", yesterday())
    dorak_cli(tmp_path, "init")
    live = LiveServer(tmp_path).start()
    yield live
    live.stop()


def download(page: Page, server: LiveServer, selector: str) -> tuple[str, Any]:
    """Click a download link; (the file's suggested name, its first sheet or its path)."""
    with page.expect_download() as info:
        page.click(selector)
    d = info.value
    path = server.instance / d.suggested_filename
    d.save_as(path)
    if path.suffix == ".csv":
        return d.suggested_filename, path
    sheet = load_workbook(path).active
    assert sheet is not None
    return d.suggested_filename, sheet


def test_supervisor_downloads_yesterday_readable_and_raw(
    busy_yesterday: LiveServer, page: Page
) -> None:
    server = busy_yesterday
    day = yesterday()
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, server, "/dashboard", "sara", "supervisor")
    page.click("#report-form button[data-days='1']")
    expect(page.locator("#ratings-service tr").first).to_be_visible()
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    r = requests.get(
        f"{server.url}/api/v1/reports?from={day}&to={day}&by=service", cookies=cookies, timeout=10
    )
    json_rows = r.json()["rows"]
    assert sum(j["issued"] for j in json_rows) > 100  # a busy day, not one ticket
    names = {
        s["code"]: s["name"]
        for s in requests.get(f"{server.url}/api/v1/services", timeout=10).json()["services"]
    }

    # The big button: the readable report, in the page's language (Arabic, right-to-left).
    name, sheet = download(page, server, "#export-xlsx")
    assert name == f"dorak-service-{day}-{day}-ar.xlsx"
    rows = list(sheet.iter_rows(values_only=True))
    assert sheet.sheet_view.rightToLeft is True
    assert rows[0][0].startswith("تقرير الانتظار والخدمة حسب الخدمة")
    header = rows[1]
    assert header[0] == "الخدمة"
    median = header.index("الانتظار: الوسيط (دقيقة)")
    within = header.index("نودي عليهم خلال الانتظار المستهدف (%)")
    by_name = {row[0]: row for row in rows[2:]}
    assert len(by_name) == len(json_rows)
    for j in json_rows:
        row = by_name[names[j["service"]]["ar"]]
        assert row[median] == (
            None if j["wait_median_s"] is None else round(j["wait_median_s"] / 60, 1)
        )
        assert row[within] == (
            None if j["within_target"] is None else round(j["within_target"] * 100, 1)
        )

    # The small link: the raw machine form, the same figures as the JSON report.
    name, sheet = download(page, server, "#export-raw-xlsx")
    assert name == f"dorak-service-{day}-{day}.xlsx"
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert len(json_rows) == len(body) > 3
    assert set(header) == set(json_rows[0])  # JSON sorts its keys
    for xrow, jrow in zip(body, json_rows, strict=True):
        assert dict(zip(header, xrow, strict=True)) == jrow

    # CSV of the same period, by window: readable with its BOM, and raw.
    page.select_option("#report-form select[name=by]", "window")
    expect(page.locator("#export-raw-csv")).to_have_attribute(
        "href", f"/api/v1/reports?from={day}&to={day}&by=window&format=csv"
    )
    name, path = download(page, server, "#export-csv")
    assert name == f"dorak-window-{day}-{day}-ar.csv"
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert lines[1][0] == "الشباك" and lines[2][0] == "شباك 1"
    page.locator("#reports").scroll_into_view_if_needed()
    shot(page, "dashboard-reports-ar")

    # The same page in English: the button gives English, left-to-right.
    page.goto(f"{server.url}/dashboard?lang=en")
    page.click("#report-form button[data-days='1']")
    expect(page.locator("#export-xlsx")).to_have_attribute("href", re.compile("lang=en"))
    name, sheet = download(page, server, "#export-xlsx")
    assert name == f"dorak-service-{day}-{day}-en.xlsx"
    rows = list(sheet.iter_rows(values_only=True))
    assert sheet.sheet_view.rightToLeft is False
    assert rows[0][0].startswith("Waiting and service report by service")
    assert rows[1][:2] == ("Service", "Joined the queue (all)")
    assert {row[0] for row in rows[2:]} == {names[j["service"]]["en"] for j in json_rows}
    page.locator("#reports").scroll_into_view_if_needed()
    shot(page, "dashboard-reports-en")


def test_charts_ratings_and_sign_out(server: LiveServer, page: Page) -> None:
    kiosk = server.token("--role", "kiosk")
    clerk = server.token("--role", "clerk", "--window", "1")
    auth = {"Authorization": f"Bearer {clerk}"}
    for _ in range(3):
        t = requests.post(
            f"{server.url}/api/v1/tickets",
            json={"service": "reconciliation"},
            headers={"Authorization": f"Bearer {kiosk}"},
            timeout=5,
        ).json()
        for action, body in (
            ("call-next", {}),
            ("start", {}),
            ("finish", {"outcome": "completed"}),
        ):
            assert requests.post(
                f"{server.url}/api/v1/windows/1/{action}", json=body, headers=auth, timeout=5
            ).ok
        rating = {"stars": 4, "comment": "الموظف كان متعاونًا جدًا"}
        assert requests.post(
            f"{server.url}/api/v1/tickets/{t['tracking_id']}/rating", json=rating, timeout=5
        ).ok
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, server, "/dashboard", "sara", "supervisor")
    row = page.locator("#ratings-service tr", has_text="التصالح")
    expect(row).to_contain_text("4.0")
    expect(page.locator("#ratings-window tr", has_text="شباك 1")).to_contain_text("3")
    expect(page.locator("#remarks-list li[data-kind=rating]").first).to_contain_text("متعاونًا")
    # Chart.js draws the line over the day as a line.
    expect(page.locator("#chart-line canvas[role=img]")).to_be_visible()
    chart = "Chart.getChart(document.querySelector('#chart-line canvas'))"
    kind = page.evaluate(
        "() => Chart.getChart(document.querySelector('#chart-line canvas')).config.type"
    )
    assert kind == "line"
    size = page.evaluate(f"() => {chart}.options.scales.x.ticks.font.size")
    assert size >= 14
    page.locator("#reports").scroll_into_view_if_needed()
    shot(page, "dashboard-charts-ar")
    page.goto(f"{server.url}/dashboard?lang=en")
    expect(page.locator("body")).to_have_attribute("data-ready", "1")
    expect(page.locator("#export-xlsx")).to_contain_text("Excel")
    shot(page, "dashboard-charts-en")
    page.get_by_test_id("sign-out").click()
    expect(page.locator("input[name=username]")).to_be_visible()
    page.goto(f"{server.url}/dashboard")
    expect(page.locator("input[name=username]")).to_be_visible()  # signed out for real


def test_reception_puts_a_no_show_back_in_line(server: LiveServer, page: Page) -> None:
    kiosk = server.token("--role", "kiosk")
    clerk = {"Authorization": f"Bearer {server.token('--role', 'clerk', '--window', '1')}"}
    made = requests.post(
        f"{server.url}/api/v1/tickets",
        json={"service": "reconciliation"},
        headers={"Authorization": f"Bearer {kiosk}"},
        timeout=5,
    ).json()
    for action in ("call-next", "no-show"):
        assert requests.post(
            f"{server.url}/api/v1/windows/1/{action}", json={}, headers=clerk, timeout=5
        ).ok
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, server, "/dashboard", "sara", "supervisor")
    page.fill("#ticket-number", made["number"])
    page.click("#ticket-form button[type=submit]")
    expect(page.locator("#ticket-found")).to_contain_text("لم يحضر")
    page.click("#restore")
    expect(page.locator("#services tr[data-service=reconciliation] td").nth(1)).to_have_text("1")
    page.click("#ticket-form button[type=submit]")
    expect(page.locator("#ticket-found")).to_contain_text("في الانتظار")
    expect(page.locator("#restore")).to_be_hidden()

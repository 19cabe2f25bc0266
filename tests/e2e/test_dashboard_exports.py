"""A supervisor exports yesterday, reads the ratings, signs out; the charts are Chart.js."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
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


def test_supervisor_downloads_yesterday_as_xlsx(busy_yesterday: LiveServer, page: Page) -> None:
    server = busy_yesterday
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, server, "/dashboard", "sara", "supervisor")
    page.click("#report-form button[data-days='1']")
    expect(page.locator("#ratings-service tr").first).to_be_visible()
    with page.expect_download() as info:
        page.click("#export-xlsx")
    download = info.value
    assert download.suggested_filename == f"dorak-service-{yesterday()}-{yesterday()}.xlsx"
    path = server.instance / download.suggested_filename
    download.save_as(path)
    sheet = load_workbook(path).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]

    # The same figures as the JSON report, asked with the page's own session.
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    day = yesterday()
    r = requests.get(
        f"{server.url}/api/v1/reports?from={day}&to={day}&by=service", cookies=cookies, timeout=10
    )
    json_rows = r.json()["rows"]
    assert len(json_rows) == len(body) > 3
    assert set(header) == set(json_rows[0])  # JSON sorts its keys
    for xrow, jrow in zip(body, json_rows, strict=True):
        assert dict(zip(header, xrow, strict=True)) == jrow
    assert sum(j["issued"] for j in json_rows) > 100  # a busy day, not one ticket

    # CSV of the same period, by window.
    page.select_option("#report-form select[name=by]", "window")
    expect(page.locator("#export-csv")).to_have_attribute(
        "href", f"/api/v1/reports?from={day}&to={day}&by=window&format=csv"
    )
    shot(page, "dashboard-reports-ar")


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

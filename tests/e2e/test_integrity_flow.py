"""Integrity of the line in chromium: a clerk calls a number past an older ticket, the counter
asks why (key 1: priority), the call is made; the supervisors' integrity view shows it per clerk
and /public shows the share served in order today."""

from __future__ import annotations

import requests
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import shot, sign_in
from tests.e2e.test_counter_display_flow import clerk_page
from tests.live import LiveServer


def test_out_of_order_call_asks_why_and_is_shown(
    server: LiveServer, browser: Browser, page: Page
) -> None:
    kiosk = server.token("--role", "kiosk")
    for _ in range(2):
        r = requests.post(
            f"{server.url}/api/v1/tickets",
            json={"service": "reconciliation"},
            headers={"Authorization": f"Bearer {kiosk}"},
            timeout=5,
        )
        assert r.status_code == 201
    counter = clerk_page(server, browser, "clerk1", 1)
    expect(counter.locator("button[data-action=call]")).to_be_enabled()
    counter.keyboard.press("c")
    counter.locator("#call-number").fill("A002")
    counter.keyboard.press("Enter")
    dialog = counter.get_by_test_id("reason-dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("A001")
    shot(counter, "counter-reason-ar")
    counter.keyboard.press("1")  # priority
    expect(counter.get_by_test_id("current-number")).to_have_text("A002")

    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, server, "/dashboard", "boss", "supervisor")
    row = page.locator("#integrity-rows tr[data-clerk=clerk1]")
    expect(row.locator("td").nth(3)).to_have_text("1")  # out of order
    expect(row.locator("td").nth(4)).to_contain_text("أولوية")
    expect(row.locator("td").nth(5)).to_have_text("1")  # A001 skipped
    page.get_by_test_id("integrity").scroll_into_view_if_needed()
    shot(page, "dashboard-integrity-ar")
    page.goto(f"{server.url}/public?lang=ar")
    expect(page.get_by_test_id("in-order")).to_contain_text("0.0 %")
    shot(page, "public-in-order-ar")

"""A supervisor's dashboard in a real browser: live state, closing a service the kiosk obeys."""

from __future__ import annotations

import requests
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import shot, sign_in
from tests.live import LiveServer


def test_supervisor_closes_a_service(server: LiveServer, browser: Browser, page: Page) -> None:
    kiosk = server.token("--role", "kiosk")
    requests.post(
        f"{server.url}/api/v1/tickets",
        json={"service": "payments"},
        headers={"Authorization": f"Bearer {kiosk}"},
        timeout=5,
    )
    sign_in(page, server, "/dashboard", "sara", "supervisor")
    row = page.locator("#services tr[data-service=payments]")
    expect(row).to_contain_text("سداد الرسوم")
    expect(row.locator("td").nth(1)).to_have_text("1")
    kiosk_page = browser.new_context().new_page()
    kiosk_page.goto(f"{server.url}/kiosk?token={kiosk}")
    expect(kiosk_page.locator("button[data-service=payments]")).to_be_enabled()
    row.locator("button").click()
    expect(row).to_contain_text("مغلق")
    expect(kiosk_page.locator("button[data-service=payments]")).to_be_disabled()
    requests.post(
        f"{server.url}/api/v1/tickets",
        json={"service": "reconciliation"},
        headers={"Authorization": f"Bearer {kiosk}"},
        timeout=5,
    )
    expect(page.locator("#services tr[data-service=reconciliation] td").nth(1)).to_have_text("1")
    shot(page, "dashboard-ar")


def test_supervisor_cancels_a_ticket_by_number(server: LiveServer, page: Page) -> None:
    kiosk = server.token("--role", "kiosk")
    for _ in range(2):
        requests.post(
            f"{server.url}/api/v1/tickets",
            json={"service": "complaints"},
            headers={"Authorization": f"Bearer {kiosk}"},
            timeout=5,
        )
    sign_in(page, server, "/dashboard", "sara", "supervisor")
    page.fill("#ticket-number", "g002")
    page.click("#ticket-form button[type=submit]")
    expect(page.locator("#ticket-found")).to_contain_text("G002")
    page.click("#cancel")
    expect(page.locator("#services tr[data-service=complaints] td").nth(1)).to_have_text("1")
    page.click("#ticket-form button[type=submit]")
    expect(page.locator("#ticket-found")).to_contain_text("ملغاة")

"""An admin adds a service in the browser; the kiosk offers it and prints its first ticket."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import shot, sign_in
from tests.live import LiveServer


def test_admin_adds_a_service_the_kiosk_sells(
    server: LiveServer, browser: Browser, page: Page
) -> None:
    kiosk_token = server.token("--role", "kiosk")
    kiosk = browser.new_context().new_page()
    kiosk.goto(f"{server.url}/kiosk?token={kiosk_token}")
    expect(kiosk.locator("button[data-service=reconciliation]")).to_be_visible()
    expect(kiosk.locator("button[data-service=marriage]")).to_have_count(0)

    sign_in(page, server, "/admin", "root", "admin")
    form = page.locator("#service-form")
    form.locator("input[name=code]").fill("marriage")
    form.locator("input[name=prefix]").fill("M")
    form.locator("input[name=name_ar]").fill("توثيق عقود الزواج")
    form.locator("input[name=name_en]").fill("Marriage contracts")
    form.locator("input[name=windows]").fill("8:1, 9:0.5")
    form.locator("button[type=submit]").click()
    expect(page.locator("#services tr[data-service=marriage]")).to_contain_text("M")
    shot(page, "admin-ar")

    button = kiosk.locator("button[data-service=marriage]")  # appears without a reload
    expect(button).to_contain_text("توثيق عقود الزواج")
    button.click()
    kiosk.click("button[data-priority=none]")  # the second step: no priority
    expect(kiosk.get_by_test_id("ticket-number")).to_have_text("M001")

    # Retiring it now is refused: a ticket is waiting.
    page.locator("#services tr[data-service=marriage] button", has_text="إيقاف نهائي").click()
    expect(page.locator("#message")).to_contain_text("لم تنته")


def test_admin_test_print_shows_the_ticket(server: LiveServer, page: Page) -> None:
    sign_in(page, server, "/admin", "root", "admin")
    expect(page.locator("#settings-form input[name=printer]")).to_have_value("virtual")
    page.click("#test-print")
    expect(page.locator("#test-image")).to_be_visible()
    assert page.evaluate("() => document.getElementById('test-image').naturalWidth") == 576
    page.fill("#center-form input[name=name_en]", "Giza Center")
    page.click("#center-form button[type=submit]")
    expect(page.locator("#message")).to_contain_text("تم الحفظ")

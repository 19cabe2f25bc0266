"""An admin sets the center up through forms only: a service with three windows and weights, a
priority category, a kiosk enrolled from the page; the kiosk offers the service at once."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import shot, sign_in
from tests.live import LiveServer


def test_admin_sets_up_through_forms_and_the_kiosk_follows(
    server: LiveServer, browser: Browser, page: Page
) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, server, "/admin", "root", "admin")
    page.on("dialog", lambda d: d.accept())

    # A priority category, as a row of fields.
    page.click("#priority-add")
    row = page.locator("#priorities tr").last
    row.locator("input[name=code]").fill("veterans")
    row.locator("input[name=name_ar]").fill("المحاربون القدامى")
    row.locator("input[name=name_en]").fill("Veterans")
    page.click("#priorities-form button[type=submit]")
    expect(page.locator("#message")).to_contain_text("تم الحفظ")

    # A kiosk enrolled from the page: a link and a QR, no command line.
    page.select_option("#token-form select[name=role]", "kiosk")
    page.fill("#token-form input[name=label]", "مدخل المبنى")
    page.click("#token-form button[type=submit]")
    link = page.locator("#enrol-link")
    expect(link).to_contain_text("/kiosk?token=")
    expect(page.locator("#enrol-qr svg")).to_be_visible()
    expect(page.locator("#tokens")).to_contain_text("جهاز التذاكر")
    kiosk = browser.new_context(viewport={"width": 1080, "height": 1920}).new_page()
    kiosk.goto(str(link.get_attribute("href")))
    expect(kiosk.locator("button[data-service=reconciliation]")).to_be_visible()
    expect(kiosk.locator("button[data-service=marriage]")).to_have_count(0)

    # A service served at three windows with weights: checkboxes and numbers.
    form = page.locator("#service-form")
    form.locator("input[name=code]").fill("marriage")
    form.locator("input[name=prefix]").fill("M")
    form.locator("input[name=name_ar]").fill("توثيق عقود الزواج")
    form.locator("input[name=name_en]").fill("Marriage contracts")
    for window, weight in (("7", "1"), ("8", "1"), ("9", "0.5")):
        form.locator(f"#service-windows input[type=checkbox][data-key='{window}']").check()
        box = form.locator(f"#service-windows .weight-row:has([data-key='{window}']) input.weight")
        box.fill(weight)
    shot(page, "admin-service-form-ar")
    form.locator("button[type=submit]").click()
    row = page.locator("#services tr[data-service=marriage]")
    expect(row).to_contain_text("شباك 9 ×0.5")
    expect(row).to_contain_text("شباك 7 ×1")
    expect(page.locator("#windows tr[data-window='9']")).to_contain_text("توثيق عقود الزواج ×0.5")

    button = kiosk.locator("button[data-service=marriage]")  # appears without a reload
    expect(button).to_contain_text("توثيق عقود الزواج")
    button.click()
    kiosk.click("button[data-priority=veterans]")
    expect(kiosk.get_by_test_id("ticket-number")).to_have_text("M001")

    # Retiring it now is refused: a ticket is waiting.
    page.locator("#services tr[data-service=marriage] button", has_text="إيقاف نهائي").click()
    expect(page.locator("#message")).to_contain_text("لم تنته")
    page.goto(f"{server.url}/admin?lang=en")
    expect(page.locator("body")).to_have_attribute("data-ready", "1")
    expect(page.locator("#services tr[data-service=marriage]")).to_contain_text("Window 9 ×0.5")
    shot(page, "admin-en")


def test_admin_test_print_and_24_hour_times(server: LiveServer, page: Page) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, server, "/admin", "root", "admin")
    expect(page.locator("#settings-form input[name=printer]")).to_have_value("virtual")
    page.click("#test-print")
    expect(page.locator("#test-image")).to_be_visible()
    assert page.evaluate("() => document.getElementById('test-image').naturalWidth") == 576
    page.fill("#center-form input[name=name_en]", "Giza Center")
    page.click("#center-form button[type=submit]")
    expect(page.locator("#message")).to_contain_text("تم الحفظ")
    expect(page.locator("#center-form input[name=day_starts_at]")).to_have_value("00:00")
    # Hours: Thursday closes at 13:00, a holiday; times written and shown as 24-hour.
    thursday = page.locator("#week tr[data-day=thursday] input")
    thursday.nth(0).check()  # the test center is open around the clock: no day is set
    thursday.nth(2).fill("13:00")
    thursday.nth(3).fill("12:30")
    page.fill("#holiday-date", "2026-12-24")
    page.click("#holiday-add")
    expect(page.locator("#message")).to_be_hidden()  # the center's "saved" has gone
    page.click("#hours-form button[type=submit]")
    expect(page.locator("#message")).to_contain_text("تم الحفظ")
    page.reload()
    expect(page.locator("body")).to_have_attribute("data-ready", "1")
    expect(page.locator("#week tr[data-day=thursday] input").nth(2)).to_have_value("13:00")
    expect(page.locator("#holidays")).to_contain_text("2026-12-24")
    assert (
        "AM" not in page.locator("main").inner_text()
        and "PM" not in page.locator("main").inner_text()
    )
    expect(page.locator("#preview")).to_have_js_property("complete", True)
    assert page.evaluate("() => document.getElementById('preview').naturalWidth") == 576
    expect(page.locator("label[for=logo]")).to_contain_text("اختر الشعار")
    shot(page, "admin-hours-ar")

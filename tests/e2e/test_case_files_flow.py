"""Case files in chromium: a clerk types a file number + Enter at the counter, finishes with
"documents missing" and what to bring; the file page shows the visit; the citizen's phone shows
what to bring (and no clerk note); at the next visit the counter shows where the file stands."""

from __future__ import annotations

import requests
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import shot, sign_in
from tests.e2e.test_counter_display_flow import clerk_page
from tests.live import LiveServer

BRING = "أحضر الرسم المساحي المعتمد"


def issue(server: LiveServer, token: str) -> dict:  # type: ignore[type-arg]
    r = requests.post(
        f"{server.url}/api/v1/tickets",
        json={"service": "reconciliation"},
        headers={"Authorization": f"Bearer {token}"},
        timeout=5,
    )
    assert r.status_code == 201
    return r.json()  # type: ignore[no-any-return]


def call_and_start(counter: Page, number: str) -> None:
    expect(counter.locator("button[data-action=call-next]")).to_be_enabled()
    counter.keyboard.press("n")
    expect(counter.get_by_test_id("current-number")).to_have_text(number)
    expect(counter.locator("button[data-action=start]")).to_be_enabled()
    counter.keyboard.press("s")
    expect(counter.locator("button[data-action=finish]")).to_be_enabled()


def test_file_number_enter_documents_missing_reaches_the_file_page_and_the_phone(
    server: LiveServer, browser: Browser, page: Page
) -> None:
    kiosk = server.token("--role", "kiosk")
    first = issue(server, kiosk)
    counter = clerk_page(server, browser, "clerk1", 1)
    call_and_start(counter, first["number"])
    # Typed on the page as a scanner types it: the digits start the file field, Enter attaches.
    counter.keyboard.type("1234/2026")
    counter.keyboard.press("Enter")
    card = counter.get_by_test_id("file-card")
    expect(card).to_be_visible()
    expect(counter.locator("#file-status")).to_have_text("مفتوح")
    expect(counter.locator("#file-last")).to_contain_text("ملف جديد")
    counter.get_by_test_id("next-step").fill(BRING)
    counter.locator("#note").fill("ملاحظة داخلية للموظفين فقط")
    counter.locator("body").click(position={"x": 5, "y": 300})  # the keys go to the page again
    counter.keyboard.press("f")
    expect(counter.locator("#d-finish")).to_be_visible()
    counter.keyboard.press("2")  # documents missing
    expect(counter.get_by_test_id("current-number")).to_have_text("—")
    expect(card).to_be_hidden()

    # The file page: the visit, its outcome, the clerk, what the citizen was told.
    files = counter.context.new_page()
    files.set_viewport_size({"width": 1366, "height": 768})
    files.goto(f"{server.url}/files?number=1234/2026")
    row = files.get_by_test_id("visit")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(first["number"])
    expect(row).to_contain_text("مستندات ناقصة")
    expect(row).to_contain_text(BRING)
    expect(row).to_contain_text("clerk1")
    shot(files, "files-page-ar")
    files.goto(f"{server.url}/files?number=1234/2026&lang=en")
    expect(files.get_by_test_id("visit")).to_contain_text("Documents missing")
    shot(files, "files-page-en")

    # The citizen's phone: the outcome and what to bring, no note.
    phone = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    phone.goto(f"{server.url}/t/{first['tracking_id']}?lang=ar")
    expect(phone.get_by_test_id("next-step")).to_have_text(BRING)
    expect(phone.get_by_test_id("outcome")).to_contain_text("مستندات ناقصة")
    expect(phone.locator("body")).not_to_contain_text("ملاحظة داخلية")
    shot(phone, "track-next-step-ar")
    phone.goto(f"{server.url}/t/{first['tracking_id']}?lang=en")
    expect(phone.get_by_test_id("outcome")).to_contain_text("documents are missing")
    expect(phone.get_by_test_id("next-step")).to_have_text(BRING)
    shot(phone, "track-next-step-en")

    # The next visit: the clerk sees where the file stands as the citizen arrives.
    second = issue(server, kiosk)
    call_and_start(counter, second["number"])
    counter.keyboard.type("1234/2026")
    counter.keyboard.press("Enter")
    expect(counter.locator("#file-status")).to_have_text("مستندات ناقصة")
    expect(counter.locator("#file-last")).to_contain_text("زيارات سابقة: 1")
    expect(counter.locator("#file-last")).to_contain_text(BRING)
    shot(counter, "counter-file-ar")
    counter.goto(f"{server.url}/counter?lang=en")
    expect(counter.locator("body")).to_have_attribute("data-ready", "1")
    expect(counter.locator("#file-status")).to_have_text("documents missing")  # after a reload
    expect(counter.locator("#file-last")).to_contain_text("Earlier visits: 1")
    shot(counter, "counter-file-en")
    # A wrong number is refused in the page's language, and nothing is attached.
    counter.keyboard.type("12-2026")
    counter.keyboard.press("Enter")
    expect(counter.locator("#message")).to_contain_text("1234/2026")
    expect(counter.locator("#file-no")).to_have_text("1234/2026")

    # The supervisors' dashboard: the file figures for the period.
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, server, "/dashboard", "boss", "supervisor")
    row = page.locator("#files-rows tr[data-file-type=reconciliation]")
    # One file opened today, still open; its one finished visit ended "documents missing".
    expect(row.locator("td").nth(1)).to_have_text("1")
    expect(row.locator("td").nth(4)).to_have_text("1")
    expect(row.locator("td").nth(5)).to_have_text("0.0 %")
    expect(row.locator("td").nth(8)).to_have_text("1 (100.0 %)")
    page.get_by_test_id("case-files").scroll_into_view_if_needed()
    shot(page, "dashboard-files-ar")

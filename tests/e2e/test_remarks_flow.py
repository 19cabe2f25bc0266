"""The citizens' voice in chromium: a remark sent from the phone after the visit reaches the
supervisors' dashboard live (as text, never markup); the supervisor's answer reaches the phone
live; the kiosk takes a complaint without a ticket."""

from __future__ import annotations

from typing import Any

import requests
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import shot, sign_in
from tests.live import LiveServer

SAID = "<b>الانتظار</b> طويل جدًا اليوم والمقاعد قليلة"
ANSWER = "نعتذر لك، فتحنا الشباك ٥ لتقليل الانتظار"


def post(server: LiveServer, token: str, path: str, body: Any) -> Any:
    r = requests.post(
        f"{server.url}/api/v1{path}",
        json=body,
        headers={"Authorization": f"Bearer {token}"},
        timeout=5,
    )
    assert r.status_code in (200, 201), r.text
    return r.json()


def test_remark_from_the_phone_to_the_dashboard_and_the_answer_back(
    server: LiveServer, browser: Browser, page: Page
) -> None:
    kiosk = server.token("--role", "kiosk")
    clerk = server.token("--role", "clerk", "--window", "1")
    ticket = post(server, kiosk, "/tickets", {"service": "reconciliation"})
    for action, body in (("call-next", {}), ("start", {}), ("finish", {"outcome": "completed"})):
        post(server, clerk, f"/windows/1/{action}", body)

    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, server, "/dashboard", "boss", "supervisor")
    expect(page.get_by_test_id("remarks")).to_contain_text("لا توجد ملاحظات")

    phone = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    phone.goto(f"{server.url}/t/{ticket['tracking_id']}?lang=ar")
    voice = phone.get_by_test_id("voice")
    expect(voice).to_be_visible()
    voice.locator("button[data-category=waiting]").click()
    voice.locator(".remark-text").fill(SAID)
    voice.locator(".remark-send").click()
    expect(voice.locator(".remark-said")).to_be_visible()
    expect(phone.get_by_test_id("my-remarks")).to_contain_text(SAID)

    # The dashboard hears it without a reload, as text.
    item = page.locator("#remarks-list li[data-remark]")
    expect(item).to_have_count(1)
    expect(item.locator(".said")).to_have_text(SAID)
    expect(item).to_contain_text(ticket["number"])
    expect(item).to_contain_text("الانتظار")
    assert page.locator("#remarks-list b").count() == 0  # never markup
    page.get_by_test_id("remarks").scroll_into_view_if_needed()
    shot(page, "dashboard-remark-ar")
    item.locator("textarea").fill(ANSWER)
    item.locator("button[type=submit]").click()

    # The phone, still open, shows the answer.
    expect(phone.get_by_test_id("answer")).to_have_text(f"الرد: {ANSWER}")
    shot(phone, "track-remark-answered-ar")
    phone.goto(f"{server.url}/t/{ticket['tracking_id']}?lang=en")
    expect(phone.get_by_test_id("answer")).to_have_text(f"Answer: {ANSWER}")
    shot(phone, "track-remark-answered-en")
    expect(item).to_have_attribute("data-status", "answered")
    item.locator("button.secondary").click()  # close
    expect(page.locator("#remarks-list li[data-remark]")).to_have_count(0)

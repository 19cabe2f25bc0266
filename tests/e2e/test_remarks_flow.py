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

    # The kiosk takes a suggestion without a ticket; the dashboard hears it too.
    kiosk_page = browser.new_context(viewport={"width": 1080, "height": 1920}).new_page()
    kiosk_page.goto(f"{server.url}/kiosk?token={kiosk}&lang=ar")
    kiosk_page.get_by_test_id("voice-open").click()
    dialog = kiosk_page.get_by_test_id("voice-dialog")
    dialog.locator("button[data-category=building]").click()
    dialog.locator(".remark-text").fill("نحتاج مقاعد أكثر في الصالة")
    shot(kiosk_page, "kiosk-remark-ar")
    dialog.locator(".remark-send").click()
    expect(dialog.locator(".remark-said")).to_be_visible()
    kiosk_item = page.locator("#remarks-list li[data-remark]")
    expect(kiosk_item).to_have_count(1)
    expect(kiosk_item).to_contain_text("جهاز التذاكر، بدون تذكرة")
    expect(kiosk_item.locator(".said")).to_have_text("نحتاج مقاعد أكثر في الصالة")
    expect(dialog).to_be_hidden()  # it closes by itself a few seconds after sending
    kiosk_page.goto(f"{server.url}/kiosk?lang=en")
    kiosk_page.get_by_test_id("voice-open").click()
    shot(kiosk_page, "kiosk-remark-en")


def test_the_window_tablet_takes_a_remark_beside_the_stars(
    server: LiveServer, browser: Browser
) -> None:
    kiosk = server.token("--role", "kiosk")
    display = server.token("--role", "display")
    clerk = server.token("--role", "clerk", "--window", "10")
    boss = server.token("--role", "supervisor")
    tablet = browser.new_context(viewport={"width": 800, "height": 1280}).new_page()
    tablet.goto(f"{server.url}/rate/window/10?token={display}")
    expect(tablet.locator("body[data-live='1']")).to_be_attached()
    post(server, kiosk, "/tickets", {"service": "complaints"})
    for action, body in (("call-next", {}), ("start", {}), ("finish", {"outcome": "completed"})):
        post(server, clerk, f"/windows/10/{action}", body)
    tablet.click(".faces button[data-stars='2']")
    voice = tablet.get_by_test_id("voice")
    expect(voice).to_be_visible()
    voice.locator("button[data-category=staff]").click()
    voice.locator(".remark-text").fill("الموظف لم يشرح لي المطلوب")
    voice.locator(".remark-send").click()
    expect(voice.locator(".remark-said")).to_be_visible()
    shot(tablet, "tablet-remark-ar")
    listed = requests.get(
        f"{server.url}/api/v1/remarks", headers={"Authorization": f"Bearer {boss}"}, timeout=5
    ).json()["remarks"]
    assert [(r["source"], r["window"], r["category"]) for r in listed] == [("tablet", 10, "staff")]

"""One panel for what citizens said on the dashboard: the comments given with ratings and the
remarks from phone, tablet and kiosk, newest first, each marked with its kind; the remark
actions still work and the list stays live. A trial found two panels for one idea, one saying
"none" while the other listed a remark."""

from __future__ import annotations

import time
from typing import Any

import pytest
import requests
from playwright.sync_api import Page, expect

from tests.e2e.conftest import shot, sign_in
from tests.live import LiveServer, wait_for

RATED = "الموظف كان متعاونًا جدًا، شكرًا"
WAITED = "الانتظار طويل والمقاعد قليلة"
SUGGESTED = "Please add a water cooler."


def post(server: LiveServer, path: str, body: Any, token: str | None = None) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    r = requests.post(f"{server.url}/api/v1{path}", json=body, headers=headers, timeout=5)
    assert r.status_code in (200, 201), r.text
    return r.json()


def next_second() -> None:
    """Times are kept to the second: wait until the clock has moved on to the next one."""
    now = int(time.time())
    wait_for(lambda: int(time.time()) > now, what="the next second")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_one_panel_for_citizens_words(server: LiveServer, page: Page, lang: str) -> None:
    kiosk = server.token("--role", "kiosk")
    clerk = server.token("--role", "clerk", "--window", "1")
    tickets = []
    for _ in range(4):
        t = post(server, "/tickets", {"service": "reconciliation"}, kiosk)
        for action in ("call-next", "start"):
            post(server, f"/windows/1/{action}", {}, clerk)
        post(server, "/windows/1/finish", {"outcome": "completed"}, clerk)
        tickets.append(t)
    ids = [t["tracking_id"] for t in tickets]
    post(server, f"/tickets/{ids[0]}/remarks", {"category": "waiting", "text": WAITED})
    post(server, f"/tickets/{ids[1]}/rating", {"stars": 5})  # no comment: not listed
    next_second()
    post(server, f"/tickets/{ids[2]}/rating", {"stars": 4, "comment": RATED})
    next_second()
    post(server, f"/tickets/{ids[3]}/remarks", {"category": "suggestion", "text": SUGGESTED})

    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, server, f"/dashboard?lang={lang}", "sara", "supervisor")
    panel = page.get_by_test_id("remarks")
    items = panel.locator("#remarks-list > li")
    expect(items).to_have_count(3)
    # Newest first, whatever the kind; each says what it is.
    kinds = [items.nth(i).get_attribute("data-kind") for i in range(3)]
    assert kinds == ["remark", "rating", "remark"]
    numbers = [t["number"] for t in tickets]
    for i, n in enumerate([numbers[3], numbers[2], numbers[0]]):
        expect(items.nth(i)).to_contain_text(n)
    rating = items.nth(1)
    expect(rating.locator(".kind")).to_have_text("تقييم" if lang == "ar" else "Rating")
    expect(rating).to_contain_text("4 من 5" if lang == "ar" else "4 of 5")
    expect(rating.locator(".stars")).to_have_text("★★★★☆")
    remark = items.nth(2)
    expect(remark.locator(".kind")).to_have_text("ملاحظة" if lang == "ar" else "Remark")
    expect(remark.locator(".cat")).to_have_text("الانتظار" if lang == "ar" else "Waiting")
    expect(remark).to_contain_text("مفتوح" if lang == "ar" else "Open")
    # Each text in its own direction, on either page.
    direction = "el => getComputedStyle(el).direction"
    assert rating.locator(".said").evaluate(direction) == "rtl"
    assert remark.locator(".said").evaluate(direction) == "rtl"
    assert items.nth(0).locator(".said").evaluate(direction) == "ltr"
    # The old second list of rating comments is gone: one panel.
    expect(page.locator("#remarks")).to_have_count(0)
    panel.scroll_into_view_if_needed()
    shot(page, f"dashboard-citizens-words-{lang}")

    # Answer and close still work on a remark in the merged list.
    remark.locator("textarea").fill("نعتذر، أضفنا مقاعد")
    remark.locator("button[type=submit]").click()
    answered = panel.locator(f"li[data-remark] >> text={WAITED}").locator("xpath=..")
    expect(answered).to_have_attribute("data-status", "answered")
    expect(answered.locator(".answer")).to_have_text("نعتذر، أضفنا مقاعد")
    answered.locator("button.secondary").click()
    expect(panel.locator("li[data-remark]")).to_have_count(1)
    expect(panel.locator("li[data-kind=rating]")).to_have_count(1)  # ratings stay listed

    # Live: a kiosk remark comes in at the top without a reload.
    post(server, "/remarks", {"category": "building", "text": "نحتاج مقاعد أكثر في الصالة"}, kiosk)
    expect(items.first).to_contain_text("نحتاج مقاعد أكثر في الصالة")
    expect(items).to_have_count(3)

"""Text people type is shown as text, never run: notes, notices, reasons."""

from __future__ import annotations

import requests
from playwright.sync_api import Browser, Page, expect

from tests.e2e.test_counter_display_flow import clerk_page, issue
from tests.live import LiveServer

PAYLOAD = '<script>window.pwned=1</script><img src=x onerror="window.pwned=1">'


def test_script_payloads_stay_text(server: LiveServer, browser: Browser, page: Page) -> None:
    admin = {"Authorization": f"Bearer {server.token('--role', 'admin')}"}
    kiosk = server.token("--role", "kiosk")
    r = requests.put(
        f"{server.url}/api/v1/notice", json={"ar": PAYLOAD, "en": PAYLOAD}, headers=admin, timeout=5
    )
    assert r.status_code == 200
    issue(server, kiosk)
    counter = clerk_page(server, browser, "clerk1", 1)
    dialogs: list[str] = []
    for p in (page, counter):
        p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    counter.keyboard.press("n")
    expect(counter.get_by_test_id("current-number")).to_have_text("A001")
    expect(counter.locator("button[data-action=start]")).to_be_enabled()  # the call is done
    counter.keyboard.press("s")
    expect(counter.locator("#t-meta")).to_contain_text("قيد الخدمة")
    r = requests.post(
        f"{server.url}/api/v1/windows/1/transfer",
        headers=admin,
        timeout=5,
        json={"service": "payments", "note": PAYLOAD},
    )
    assert r.status_code == 200
    requests.post(
        f"{server.url}/api/v1/windows/9/call", headers=admin, timeout=5, json={"ticket": "A001"}
    )
    requests.post(
        f"{server.url}/api/v1/windows/2/pause", headers=admin, timeout=5, json={"reason": PAYLOAD}
    )
    page.goto(f"{server.url}/display")
    expect(page.locator("#notice")).to_have_text(PAYLOAD)
    expect(page.locator(".win[data-window='2'] .num")).to_contain_text("<script>")
    nine = clerk_page(server, browser, "clerk9", 9)
    expect(nine.locator("#note")).to_have_value(PAYLOAD)
    for p in (page, counter, nine):
        assert p.evaluate("() => window.pwned") is None
    assert dialogs == []

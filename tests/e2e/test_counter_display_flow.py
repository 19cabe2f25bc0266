"""Clerks call, the lobby sees and hears it: counter and display in a real browser."""

from __future__ import annotations

import requests
from playwright.sync_api import APIResponse, Browser, Page, Route, expect

from tests.e2e.conftest import BOTH_SERVERS, shot
from tests.live import LiveServer, dorak_cli

PASSWORD = "window three pw"
pytestmark = BOTH_SERVERS


def clerk_page(server: LiveServer, browser: Browser, username: str, window: int) -> Page:
    dorak_cli(
        server.instance,
        "user",
        "add",
        username,
        "--role",
        "clerk",
        "--window",
        str(window),
        "--password",
        PASSWORD,
    )
    page = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
    page.goto(f"{server.url}/counter")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text(f"شباك {window}")
    expect(page.locator("body")).to_have_attribute("data-ready", "1")  # shortcuts are live
    return page


def issue(server: LiveServer, token: str, service: str = "reconciliation") -> str:
    r = requests.post(
        f"{server.url}/api/v1/tickets",
        json={"service": service},
        headers={"Authorization": f"Bearer {token}"},
        timeout=5,
    )
    assert r.status_code == 201
    return str(r.json()["number"])


def test_call_reaches_the_lobby_and_is_announced(
    server: LiveServer, browser: Browser, page: Page
) -> None:
    kiosk = server.token("--role", "kiosk")
    issue(server, kiosk)
    issue(server, kiosk)
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{server.url}/display")
    cell = page.locator(".win[data-window='3'] .num")
    expect(cell).to_have_text("—")
    counter = clerk_page(server, browser, "clerk3", 3)
    expect(counter.locator("button[data-action=call-next]")).to_be_enabled()
    counter.keyboard.press("n")
    expect(counter.get_by_test_id("current-number")).to_have_text("A001")
    expect(cell).to_have_text("A001")  # on the lobby screen, live
    expect(page.locator("#calls li").first).to_contain_text("A001")
    audio = page.locator("#announcer")
    expect(audio).to_have_attribute("src", "/display/announce/A001-3.wav?chime=0&lang=ar")
    page.wait_for_function("() => document.getElementById('announcer').currentTime > 0")
    shot(page, "display-call-ar")

    # The screen is switched off and on again: it shows the same truth at once.
    page.close()
    again = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    again.goto(f"{server.url}/display?lang=en")
    expect(again.locator(".win[data-window='3'] .num")).to_have_text("A001")
    expect(again.locator("#calls li").first).to_contain_text("Window 3")
    shot(again, "display-call-en")


def test_clerk_keyboard_and_two_tabs(server: LiveServer, browser: Browser, page: Page) -> None:
    kiosk = server.token("--role", "kiosk")
    for _ in range(3):
        issue(server, kiosk, "legalization")
    counter = clerk_page(server, browser, "clerk4", 4)
    twin = counter.context.new_page()  # the same clerk in a second tab
    twin.goto(f"{server.url}/counter")
    number = counter.get_by_test_id("current-number")
    counter.keyboard.press("n")
    expect(number).to_have_text("B001")
    expect(twin.get_by_test_id("current-number")).to_have_text("B001")
    expect(counter.locator("button[data-action=start]")).to_be_enabled()  # the call is done
    counter.keyboard.press("s")
    expect(counter.locator("#t-meta")).to_contain_text("قيد الخدمة")
    counter.fill("#note", "العقد الأصلي مطلوب")
    counter.locator("body").click()
    expect(counter.locator("button[data-action=finish]")).to_be_enabled()
    counter.keyboard.press("f")
    expect(counter.locator("#d-finish")).to_be_visible()
    counter.keyboard.press("2")  # documents missing
    expect(number).to_have_text("—")
    expect(counter.locator("#today")).to_contain_text("1")
    expect(counter.locator("button[data-action=call-next]")).to_be_enabled()
    counter.keyboard.press("n")
    expect(number).to_have_text("B002")
    expect(counter.locator("button[data-action=no-show]")).to_be_enabled()
    counter.keyboard.press("x")  # no-show
    expect(number).to_have_text("—")
    expect(counter.locator("button[data-action=pause]")).to_be_enabled()
    counter.keyboard.press("p")
    counter.keyboard.press("1")  # prayer
    expect(counter.locator("#window-status")).to_contain_text("صلاة")
    expect(twin.locator("#window-status")).to_contain_text("صلاة")
    expect(counter.locator("button[data-action=call-next]")).to_be_disabled()
    page.goto(f"{server.url}/display")
    expect(page.locator(".win[data-window='4']")).to_have_class("win paused")
    expect(counter.locator("button[data-action=resume]")).to_be_enabled()
    counter.keyboard.press("u")
    expect(page.locator(".win[data-window='4']")).to_have_class("win")
    shot(counter, "counter-ar")
    state = requests.get(f"{server.url}/api/v1/state", timeout=5).json()
    assert next(s for s in state["services"] if s["code"] == "legalization")["waiting"] == 1


def test_a_clerk_cannot_act_on_another_window(server: LiveServer, browser: Browser) -> None:
    counter = clerk_page(server, browser, "clerk2", 2)
    status = counter.evaluate("""async () => {
        const csrf = JSON.parse(document.getElementById('counter-config').textContent).csrf;
        const r = await fetch('/api/v1/windows/3/call-next',
                              {method: 'POST', headers: {'X-CSRF-Token': csrf}});
        return r.status;
    }""")
    assert status == 403


def test_a_late_answer_does_not_hide_a_call(server: LiveServer, browser: Browser) -> None:
    """A tab opened just as the window calls: its first read of the window is answered after
    the call has been pushed; the page must show the call, not the older answer."""
    kiosk = server.token("--role", "kiosk")
    issue(server, kiosk, "legalization")
    counter = clerk_page(server, browser, "clerk4", 4)
    twin = counter.context.new_page()
    held: list[tuple[Route, APIResponse]] = []

    holding = [True]

    def hold(route: Route) -> None:  # read the window now, answer later
        if holding[0]:
            held.append((route, route.fetch()))
        else:
            route.continue_()

    twin.route("**/api/v1/windows/4", hold)
    twin.goto(f"{server.url}/counter")
    # Both reads held: the page's own and the one its live connection asks for on connecting,
    # so the connection is up before the news (routes are answered while Playwright waits).
    while len(held) < 2:
        twin.wait_for_timeout(20)
    counter.keyboard.press("n")
    expect(counter.get_by_test_id("current-number")).to_have_text("B001")
    # the call heard (polled: a tab in the background gets no animation frames)
    twin.wait_for_function("() => Number(document.body.dataset.news || 0) >= 1", polling=50)
    holding[0] = False
    for route, answer in held:
        route.fulfill(response=answer)  # the answers from before the call
    expect(twin.get_by_test_id("current-number")).to_have_text("B001")

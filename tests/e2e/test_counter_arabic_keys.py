"""The counter on an Arabic keyboard: shortcuts by physical key, the clerk's name, and a
no-show put back in line and called again."""

from __future__ import annotations

import requests
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import shot
from tests.live import LiveServer, dorak_cli

PASSWORD = "window three pw"


def clerk_page(server: LiveServer, browser: Browser, lang: str = "ar") -> Page:
    dorak_cli(
        server.instance, "user", "add", "clerk3", "--role", "clerk", "--window", "3",
        "--name", "منى حسن", "--password", PASSWORD,
    )  # fmt: skip
    page = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
    page.goto(f"{server.url}/counter?lang={lang}")
    page.fill("input[name=username]", "clerk3")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("body")).to_have_attribute("data-ready", "1")
    return page


def press(page: Page, code: str, key: str) -> None:
    """What an Arabic (101) keyboard sends: the key's code, and the Arabic letter it types."""
    page.evaluate(
        "([code, key]) => document.body.dispatchEvent(new KeyboardEvent('keydown', "
        "{code, key, bubbles: true, cancelable: true}))",
        [code, key],
    )


def issue(server: LiveServer, token: str) -> str:
    r = requests.post(
        f"{server.url}/api/v1/tickets",
        json={"service": "reconciliation"},
        headers={"Authorization": f"Bearer {token}"},
        timeout=5,
    )
    assert r.status_code == 201
    return str(r.json()["number"])


def test_arabic_layout_shortcuts_and_restore(server: LiveServer, browser: Browser) -> None:
    kiosk = server.token("--role", "kiosk")
    first, second = issue(server, kiosk), issue(server, kiosk)
    page = clerk_page(server, browser)
    expect(page.get_by_test_id("clerk-name")).to_have_text("منى حسن")  # not "clerk3"
    # The shortcut is shown as the Arabic keyboard types it.
    expect(page.locator("button[data-action=call-next] kbd")).to_have_text("ى")
    expect(page.locator("button[data-action=no-show] kbd")).to_have_text("ء")
    expect(page.locator("#t-service")).to_contain_text("ى")

    expect(page.locator("button[data-action=call-next]")).to_be_enabled()
    press(page, "KeyN", "ى")
    expect(page.get_by_test_id("current-number")).to_have_text(first)
    expect(page.locator("button[data-action=no-show]")).to_be_enabled()
    press(page, "KeyX", "ء")
    expect(page.get_by_test_id("current-number")).to_have_text("—")
    restore = page.locator(f"#no-shows button[data-restore='{first}']")
    expect(restore).to_be_visible()
    shot(page, "counter-no-show-ar")
    restore.click()
    expect(page.locator("#message")).to_contain_text(first)
    expect(page.locator("#no-shows li")).to_have_count(0)

    # Back in its place: called before the ticket issued after it.
    expect(page.locator("button[data-action=call-next]")).to_be_enabled()
    press(page, "KeyN", "ى")
    expect(page.get_by_test_id("current-number")).to_have_text(first)
    # A digit in a dialog by its key too: start, finish, outcome 1.
    expect(page.locator("button[data-action=start]")).to_be_enabled()  # the call is done
    press(page, "KeyS", "س")
    expect(page.locator("button[data-action=finish]")).to_be_enabled()
    press(page, "KeyF", "ب")
    expect(page.locator("#d-finish")).to_be_visible()
    press(page, "Digit1", "١")
    expect(page.get_by_test_id("current-number")).to_have_text("—")
    expect(page.locator("button[data-action=call-next]")).to_be_enabled()  # the finish is done
    press(page, "KeyN", "ى")
    expect(page.get_by_test_id("current-number")).to_have_text(second)
    shot(page, "counter-arabic-keys-ar")


def test_english_page_shows_latin_keys(server: LiveServer, browser: Browser) -> None:
    page = clerk_page(server, browser, "en")
    expect(page.locator("button[data-action=call-next] kbd")).to_have_text("N")
    expect(page.get_by_test_id("clerk-name")).to_have_text("منى حسن")
    expect(page.locator("#t-service")).to_contain_text("Press N")
    shot(page, "counter-keys-en")

"""A mistaken no-show is undone from where the clerk looks, at the counter's real size
(1366x768): the put-back-in-line action for that ticket is on screen without scrolling, and
has its own key like the counter's other actions."""

from __future__ import annotations

import pytest
import requests
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import shot
from tests.e2e.test_counter_arabic_keys import clerk_page, press
from tests.live import LiveServer

WIDTH, HEIGHT = 1366, 768


def on_screen_and_uncovered(page: Page, selector: str) -> bool:
    """Some element matching `selector` lies whole inside the viewport, the page is not
    scrolled, and nothing covers its middle."""
    return bool(
        page.evaluate(
            """(sel) => window.scrollY === 0 && [...document.querySelectorAll(sel)].some((el) => {
                 const r = el.getBoundingClientRect();
                 if (!r.width || r.top < 0 || r.left < 0 || r.bottom > innerHeight
                     || r.right > innerWidth) return false;
                 const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
                 return el.contains(hit);
               })""",
            selector,
        )
    )


@pytest.mark.parametrize(("lang", "z"), [("ar", "ئ"), ("en", "z")])
def test_undo_a_no_show_without_scrolling(
    server: LiveServer, browser: Browser, lang: str, z: str
) -> None:
    kiosk = server.token("--role", "kiosk")
    numbers = []
    for service in ["reconciliation", "legalization"] * 4:  # a line, as in a busy hour
        r = requests.post(
            f"{server.url}/api/v1/tickets",
            json={"service": service},
            headers={"Authorization": f"Bearer {kiosk}"},
            timeout=5,
        )
        assert r.status_code == 201
        numbers.append(r.json()["number"])
    page = clerk_page(server, browser, lang)
    expect(page.locator("button[data-action=call-next]")).to_be_enabled()
    page.keyboard.press("n")
    called = page.get_by_test_id("current-number")
    expect(called).not_to_have_text("—")
    first = called.inner_text()
    assert first in numbers
    expect(page.locator("button[data-action=no-show]")).to_be_enabled()
    page.keyboard.press("x")
    expect(called).to_have_text("—")

    restore = f"button[data-restore='{first}']"
    expect(page.locator(restore).first).to_be_attached()
    page.wait_for_function(
        """(sel) => [...document.querySelectorAll(sel)].some((b) => !b.disabled)""", arg=restore
    )
    assert on_screen_and_uncovered(page, restore), "put back in line is below the fold"
    shot(page, f"counter-undo-no-show-{lang}")

    # Its key, as the page's keyboard layout types it, puts the ticket back in its place.
    press(page, "KeyZ", z)
    expect(page.locator("#message")).to_contain_text(first)
    expect(page.locator("#no-shows li")).to_have_count(0)
    expect(page.get_by_test_id("undo-no-show")).to_be_hidden()
    expect(page.locator("button[data-action=call-next]")).to_be_enabled()
    page.keyboard.press("n")
    expect(called).to_have_text(first)

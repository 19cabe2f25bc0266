"""/public: live over Socket.IO (no reload), large on a 1920x1080 outdoor screen, readable on
a phone."""

from __future__ import annotations

import pytest
import requests
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import shot
from tests.e2e.ink import ink_height, screenshot
from tests.live import LiveServer


def test_public_is_live_and_large(server: LiveServer, browser: Browser) -> None:
    page = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    page.goto(f"{server.url}/public")
    assert page.locator("meta[http-equiv=refresh]").count() == 0
    expect(page.locator("#live")).to_have_attribute("data-state", "live")
    card = page.locator("#services li[data-service=reconciliation]")
    big = card.locator(".figure.big dd")
    expect(big).to_have_text("0")
    page.evaluate("() => { window.sameDocument = true; }")
    kiosk = server.token("--role", "kiosk")
    for _ in range(2):
        r = requests.post(
            f"{server.url}/api/v1/tickets",
            json={"service": "reconciliation"},
            headers={"Authorization": f"Bearer {kiosk}"},
            timeout=5,
        )
        assert r.status_code == 201
    expect(big).to_have_text("2")  # pushed, not reloaded
    assert page.evaluate("() => window.sameDocument") is True
    # Read from across the street: the waiting count's digits at least 4 % of the height,
    # the service's name at least 2 %.
    image = screenshot(page)
    digits = ink_height(image, big.bounding_box() or {})
    name = ink_height(image, card.locator("h3").bounding_box() or {})
    assert digits >= 0.04 * 1080, digits
    assert name >= 0.02 * 1080, name
    shot(page, "public-1920-ar")
    page.goto(f"{server.url}/public?lang=en")
    expect(page.locator("#live")).to_have_attribute("data-state", "live")
    shot(page, "public-1920-en")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_ten_services_fit_an_outdoor_screen(
    lang: str, server: LiveServer, browser: Browser
) -> None:
    """Nobody scrolls a screen on a wall: a center with ten services shows every card whole on
    1920x1080 (two more cards copied into the page stand for services nine and ten)."""
    page = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    page.goto(f"{server.url}/public?lang={lang}")
    expect(page.locator("#live")).to_have_attribute("data-state", "live")
    cards = page.locator("#services li")
    page.evaluate(
        "() => { const ul = document.getElementById('services');"
        " for (const i of [0, 1]) ul.append(ul.children[i].cloneNode(true)); }"
    )
    expect(cards).to_have_count(10)
    for i in range(10):
        box = cards.nth(i).bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 1080, (i, box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= 1920, (i, box)
    shot(page, f"public-ten-services-{lang}")


def test_public_reads_on_a_phone(server: LiveServer, browser: Browser) -> None:
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    page.goto(f"{server.url}/public")
    expect(page.locator("#live")).to_have_attribute("data-state", "live")
    overflow = page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
    assert overflow <= 0  # nothing to scroll sideways
    size = page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('.figure dt')).fontSize)"
    )
    assert size >= 16
    shot(page, "public-phone-ar")
